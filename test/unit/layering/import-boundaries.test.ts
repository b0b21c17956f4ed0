/**
 * The import-boundary check of `npm run verify` (scripts/check-imports.mjs): the repository passes
 * it, and each kind of forbidden import added to a file is reported.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module script without types
import { checkRepository, findViolations } from '../../../scripts/check-imports.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const check = findViolations as (files: Array<{ file: string; source: string }>) => string[];

describe('import boundaries', () => {
  it('the repository respects them', () => {
    assert.deepEqual((checkRepository as (root: string) => string[])(root), []);
  });

  it('reports an import upward into the client, the elements or out of the ground floor', () => {
    const cases: Array<[string, string]> = [
      ['src/transports/relay/x.ts', "import { SupportClient } from '../../core/support-client.js';"],
      ['src/tokens/x.ts', "import type { SupportChat } from '../elements/support-chat/support-chat.js';"],
      ['src/uploads/x.ts', "export { thing } from '../core/outbox.js';"],
      ['src/core/x.ts', "const m = await import('../elements/index.js');"],
      ['src/protocol/x.ts', "import { Emitter } from '../base/emitter.js';"],
      ['src/base/x.ts', "import { randomId } from '../core/outbox.js';"],
      ['server/x.ts', "import { SupportError } from '../src/protocol/errors.js';"],
    ];
    for (const [file, source] of cases) {
      const found = check([{ file, source }]);
      assert.equal(found.length, 1, `${file}: ${source}`);
      assert.match(found[0] ?? '', new RegExp(`^${file}: `));
    }
  });

  it('reports an element importing a transport: the client owns media, its types come from core', () => {
    for (const source of [
      "import type { CallQuality } from '../../transports/media-types.js';",
      "import { RelayMediaTransport } from '../../transports/relay/relay-media-transport.js';",
    ]) {
      const found = check([{ file: 'src/elements/support-call/x.ts', source }]);
      assert.equal(found.length, 1, source);
      assert.match(found[0] ?? '', /^src\/elements\/support-call\/x\.ts: .*src\/elements must not import src\/transports/);
    }
  });

  it('allows imports downwards, within a folder and of packages', () => {
    const allowed: Array<[string, string]> = [
      ['src/core/x.ts', "import { parseServerFrame } from '../protocol/validate.js';"],
      ['src/transports/relay/x.ts', "import { Emitter } from '../../base/emitter.js';"],
      ['src/base/x.ts', "import { SupportError } from '../protocol/errors.js';"],
      ['src/elements/x.ts', "import { SupportClient } from '../core/support-client.js';"],
      ['src/elements/support-call/x.ts', "import type { CallQuality } from '../../core/call/call-media-types.js';"],
      ['server/x.ts', "import { SupportError } from 'support-widget/protocol'; import { y } from './y.js';"],
    ];
    for (const [file, source] of allowed) assert.deepEqual(check([{ file, source }]), [], `${file}: ${source}`);
  });
});
