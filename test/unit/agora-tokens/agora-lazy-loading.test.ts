/**
 * The agora backend is wired into `SupportClient` with dynamic imports only: bundling the package
 * entry (esbuild, code splitting, as a shop's bundler would) leaves every Agora module, ours and
 * the SDKs', out of the entry chunk, in lazily imported chunks of their own.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const isAgora = (input: string): boolean => input.includes('src/transports/agora/') || /node_modules\/agora-(rtm|rtc)/.test(input);

async function bundle(entry: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    outdir: `${ROOT}/.agora-lazy-bundle`,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

describe('lazy loading of the agora backend', () => {
  for (const entry of ['src/core/index.ts', 'src/index.ts']) {
    it(`${entry}: no Agora code in the entry chunk or its static imports; the adapters and SDKs are lazy chunks`, { timeout: 60_000 }, async () => {
      const { outputs } = await bundle(entry);
      const entryName = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === entry);
      assert.ok(entryName, 'an entry chunk');
      const eager = new Set<string>();
      const visit = (name: string): void => {
        if (eager.has(name)) return;
        eager.add(name);
        for (const imported of outputs[name]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
      };
      visit(entryName);
      const eagerAgora = [...eager].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {}).filter(isAgora));
      assert.deepEqual(eagerAgora, [], 'Agora modules in the eagerly loaded chunks');
      const lazyInputs = Object.entries(outputs)
        .filter(([name]) => !eager.has(name))
        .flatMap(([, output]) => Object.keys(output.inputs));
      for (const expected of ['src/transports/agora/rtm-messaging-transport.ts', 'src/transports/agora/rtc-media-transport.ts', 'node_modules/agora-rtm-sdk/agora-rtm.js']) {
        assert.ok(lazyInputs.some((input) => input.endsWith(expected)), `${expected} is in a lazy chunk`);
      }
    });
  }
});
