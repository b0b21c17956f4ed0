/**
 * The chat and the inbox export every part of the `<support-call>` they hold, and document each
 * under its exported name: CALL_PARTS is the call's own `@csspart` list, and the manifest of both
 * hosts declares `call-<part>` for each (so docs/theming.md's names check covers them too).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CALL_EXPORT_PARTS, CALL_PARTS, exportedCallPart } from '../../../src/elements/call-slot/call-parts.js';

interface Manifest {
  modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }>;
}

const manifest = JSON.parse(readFileSync(new URL('../../../custom-elements.json', import.meta.url), 'utf8')) as Manifest;
function partsOf(tag: string): string[] {
  const declaration = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  assert.ok(declaration, `${tag} in custom-elements.json`);
  return (declaration.cssParts ?? []).map((p) => p.name);
}

describe('exported call parts', () => {
  it("are exactly <support-call>'s documented parts", () => {
    assert.deepEqual([...CALL_PARTS].sort(), partsOf('support-call').sort());
  });

  it("include every part of the lazily loaded annotation layer, which it exports as the call's", () => {
    const call = new Set(partsOf('support-call'));
    assert.deepEqual(partsOf('support-call-annotation').filter((name) => !call.has(name)), []);
  });

  it('are documented by <support-chat> and <support-inbox> under their exported names', () => {
    for (const host of ['support-chat', 'support-inbox']) {
      const documented = new Set(partsOf(host));
      const missing = CALL_PARTS.map(exportedCallPart).filter((name) => !documented.has(name));
      assert.deepEqual(missing, [], host);
    }
  });

  it('map each part once, the region to call-region', () => {
    const pairs = CALL_EXPORT_PARTS.split(', ').map((pair) => pair.split(': '));
    assert.equal(new Set(pairs.map(([, to]) => to)).size, CALL_PARTS.length);
    assert.deepEqual(pairs.find(([from]) => from === 'call'), ['call', 'call-region']);
  });
});
