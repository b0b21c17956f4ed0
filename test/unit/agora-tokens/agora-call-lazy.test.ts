/**
 * Where calls' code lands when a bundler splits the script-tag entries (esbuild, as a shop's
 * bundler would): the chat's eager chunks hold neither Agora nor the relay's WebRTC media; on the
 * agora backend, what chat loads (the connector and the RTM adapter, with everything they import
 * statically) holds no `agora-rtc-sdk-ng`, which only the RTC media transport imports, lazily.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RTC_SDK = /node_modules\/agora-rtc-sdk-ng\//;

async function bundle(entries: string[]): Promise<Metafile> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    outdir: `${ROOT}/.agora-call-lazy-bundle`,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

/** `start` and every chunk it imports statically, transitively. */
function staticClosure(outputs: Metafile['outputs'], start: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[name]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  for (const name of start) visit(name);
  return seen;
}

const inputsOf = (outputs: Metafile['outputs'], chunks: Iterable<string>): string[] => [...chunks].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {}));

const chunksWith = (outputs: Metafile['outputs'], suffix: string): string[] =>
  Object.keys(outputs).filter((name) => Object.keys(outputs[name]?.inputs ?? {}).some((input) => input.endsWith(suffix)));

describe('lazy loading of call media', () => {
  it('chat pulls no call media eagerly, and on agora no RTC SDK until a call starts', { timeout: 60_000 }, async () => {
    const entries = ['src/script-tag/support-chat.ts', 'src/script-tag/support-call.ts'];
    const { outputs } = await bundle(entries);
    const chatEntry = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === entries[0]);
    assert.ok(chatEntry, 'a chat entry chunk');

    const chatEager = inputsOf(outputs, staticClosure(outputs, [chatEntry]));
    assert.ok(chatEager.some((input) => input.endsWith('src/core/support-client.ts')), 'the client is in the chat (sanity)');
    const forbidden = chatEager.filter(
      (input) => input.includes('src/transports/agora/') || /node_modules\/agora-/.test(input) || input.endsWith('src/transports/relay/relay-media-transport.ts'),
    );
    assert.deepEqual(forbidden, [], 'call media or Agora in the chat eager chunks');

    const chatOnAgora = staticClosure(outputs, [
      ...chunksWith(outputs, 'src/transports/agora/connector.ts'),
      ...chunksWith(outputs, 'src/transports/agora/rtm-messaging-transport.ts'),
    ]);
    assert.ok(chatOnAgora.size > 0, 'the agora chat chunks exist');
    assert.deepEqual(inputsOf(outputs, chatOnAgora).filter((input) => RTC_SDK.test(input)), [], 'RTC SDK loaded with chat on agora');

    const rtcTransport = chunksWith(outputs, 'src/transports/agora/rtc-media-transport.ts');
    assert.ok(rtcTransport.length > 0 && rtcTransport.every((name) => !chatOnAgora.has(name)), 'the RTC transport is its own lazy chunk');
    const rtcSdk = Object.keys(outputs).filter((name) => inputsOf(outputs, [name]).some((input) => RTC_SDK.test(input)));
    assert.ok(rtcSdk.length > 0, 'the RTC SDK is bundled (lazily)');
    const callEntry = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === entries[1]);
    assert.ok(callEntry);
    assert.deepEqual(
      [...staticClosure(outputs, [callEntry])].filter((name) => rtcSdk.includes(name)),
      [],
      'the <support-call> chunk does not load the RTC SDK by itself either',
    );
  });
});
