/**
 * Backends are plug-ins: bundling a page (esbuild, as a shop's bundler would, and as
 * test/e2e/pack-and-run does) that uses `relayBackend()` yields no Agora module, and one that uses
 * `agoraBackend()` no relay transport. With code splitting, the Agora adapters and SDKs stay lazy
 * chunks, and the elements' entries pull neither backend eagerly (`backend="…"` picks one by
 * dynamic import). esbuild's splitting also emits never-loaded chunks for the dynamic imports of
 * code it shook out (rollup and Vite do not), so the page checks bundle without splitting.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type OutputFile } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURES = 'test/unit/core/fixtures';

const isAgora = (input: string): boolean => input.includes('src/transports/agora/') || /node_modules\/agora-(rtm|rtc)/.test(input);
/** The relay's transports (its backend factory aside, which only the relay page imports). */
const isRelay = (input: string): boolean => input.includes('src/transports/relay/');
/** Text only Agora glue carries (class names survive bundling without minification). */
const AGORA_TEXT = /LazyAgoraMessagingTransport|AgoraConnector|AgoraRtmMessagingTransport|agora-rtm-sdk|agora-rtc-sdk-ng/;
const RELAY_TEXT = /RelayMessagingTransport|RelayMediaTransport/;

interface Bundle {
  outputs: Metafile['outputs'];
  files: OutputFile[];
}

async function bundle(entry: string, splitting = true): Promise<Bundle> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    splitting,
    platform: 'browser',
    target: 'es2022',
    outdir: `${ROOT}/.backend-bundles`,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { outputs: result.metafile.outputs, files: result.outputFiles };
}

/** The entry chunk of `entry` and every chunk it imports statically, transitively. */
function eagerChunks(outputs: Metafile['outputs'], entry: string): Set<string> {
  const start = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === entry);
  assert.ok(start, `an entry chunk for ${entry}`);
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[name]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(start);
  return seen;
}

const inputsOf = (outputs: Metafile['outputs'], chunks: Iterable<string>): string[] => [...chunks].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {}));
const allInputs = (outputs: Metafile['outputs']): string[] => inputsOf(outputs, Object.keys(outputs));
const text = (files: OutputFile[]): string => files.map((file) => file.text).join('\n');

describe('backends as plug-ins: what a page bundles', () => {
  it('a page on relayBackend() bundles no Agora module', { timeout: 60_000 }, async () => {
    const { outputs, files } = await bundle(`${FIXTURES}/relay-page.ts`, false);
    const inputs = allInputs(outputs);
    assert.ok(inputs.some((input) => input.endsWith('src/transports/relay/relay-messaging-transport.ts')), 'the relay transport is there (sanity)');
    assert.deepEqual(inputs.filter(isAgora), [], 'Agora modules in the relay page');
    assert.doesNotMatch(text(files), AGORA_TEXT);
  });

  it('a page on agoraBackend() bundles no relay transport', { timeout: 60_000 }, async () => {
    const { outputs, files } = await bundle(`${FIXTURES}/agora-page.ts`, false);
    assert.ok(allInputs(outputs).some((input) => input.endsWith('src/transports/agora/lazy-messaging-transport.ts')), 'the agora shim is there (sanity)');
    assert.deepEqual(allInputs(outputs).filter(isRelay), [], 'relay modules in the agora page');
    assert.doesNotMatch(text(files), RELAY_TEXT);
  });

  it('on agoraBackend() with code splitting, the RTM adapter and the SDKs are lazy chunks', { timeout: 60_000 }, async () => {
    const entry = `${FIXTURES}/agora-page.ts`;
    const { outputs } = await bundle(entry);
    const eager = eagerChunks(outputs, entry);
    const eagerInputs = inputsOf(outputs, eager);
    assert.deepEqual(eagerInputs.filter((input) => /node_modules\/agora-/.test(input) || input.endsWith('rtm-messaging-transport.ts')), [], 'SDKs or the RTM adapter loaded eagerly');
    const lazy = inputsOf(outputs, Object.keys(outputs).filter((name) => !eager.has(name)));
    for (const expected of ['src/transports/agora/connector.ts', 'src/transports/agora/rtm-messaging-transport.ts', 'src/transports/agora/rtc-media-transport.ts', 'node_modules/agora-rtm-sdk/agora-rtm.js']) {
      assert.ok(lazy.some((input) => input.endsWith(expected)), `${expected} is in a lazy chunk`);
    }
  });

  it('the headless core (src/core/index.ts) holds neither backend', { timeout: 60_000 }, async () => {
    const { outputs } = await bundle('src/core/index.ts', false);
    assert.deepEqual(allInputs(outputs).filter((input) => isAgora(input) || isRelay(input)), []);
  });

  for (const entry of ['src/script-tag/support-chat.ts', 'src/script-tag/support-inbox.ts']) {
    it(`${entry}: neither backend in the eager chunks; each is a lazy chunk picked by the backend attribute`, { timeout: 60_000 }, async () => {
      const { outputs } = await bundle(entry);
      const eager = inputsOf(outputs, eagerChunks(outputs, entry));
      assert.ok(eager.some((input) => input.endsWith('src/core/support-client.ts')), 'the client is eager (sanity)');
      assert.deepEqual(eager.filter((input) => isAgora(input) || isRelay(input)), [], 'backend modules in the eager chunks');
      const lazy = allInputs(outputs).filter((input) => !eager.includes(input));
      for (const expected of ['src/transports/relay/relay-backend.ts', 'src/transports/agora/agora-backend.ts', 'node_modules/agora-rtm-sdk/agora-rtm.js']) {
        assert.ok(lazy.some((input) => input.endsWith(expected)), `${expected} is in a lazy chunk`);
      }
    });
  }
});
