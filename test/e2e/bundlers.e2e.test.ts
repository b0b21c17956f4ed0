/**
 * Each entry of the packed package, bundled by an integrator's bundler (esbuild, Rollup, Vite) in
 * an empty app, registers exactly its elements in Chromium: `support-widget` all three,
 * `/chat`, `/inbox` and `/call` one each, `/client` none. The chat-only bundle stays within its
 * budget. Prints the gzip size of each entry per bundler.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { build as vite } from 'vite';
import { launchChromium } from '../support/browser.js';
import { emptyApp, install, packBrowserPackage } from '../support/packed-app.js';
import { startStaticOrigin } from '../support/static-origin.js';

const TAGS = ['support-call', 'support-chat', 'support-inbox'];
const ENTRIES: Record<string, string[]> = {
  'support-widget': TAGS,
  'support-widget/chat': ['support-chat'],
  'support-widget/inbox': ['support-inbox'],
  'support-widget/call': ['support-call'],
  'support-widget/client': [],
};
/** What a shop page that wants only the chat downloads up front (eager chunks, minified, gzip): the script tag's launcher budget. */
const CHAT_BUDGET_GZIP = 30 * 1024;

type Bundler = 'esbuild' | 'rollup' | 'vite';
const BUNDLERS: Bundler[] = ['esbuild', 'rollup', 'vite'];

/** `support-widget/chat` → `chat`, `support-widget` → `main`. */
const nameOf = (entry: string): string => (entry === 'support-widget' ? 'main' : entry.slice('support-widget/'.length));

/** Rollup's warnings fail the test, but for the optional Agora peers (loaded by `import()` only with the agora backend). */
function onwarn(warning: { code?: string; exporter?: string; message: string }): void {
  if (warning.code === 'UNRESOLVED_IMPORT' && /^agora-(rtm-sdk|rtc-sdk-ng)$/.test(warning.exporter ?? '')) return;
  assert.fail(`rollup: ${warning.message}`);
}

/** The files of `chunk` and of every chunk it imports statically: what a page downloads up front. */
function eagerFiles(chunk: string, imports: (file: string) => string[], seen = new Set<string>()): string[] {
  if (seen.has(chunk)) return [];
  seen.add(chunk);
  for (const imported of imports(chunk)) eagerFiles(imported, imports, seen);
  return [...seen];
}

/** Bundles `<app>/<name>.js` (or its page, for Vite) into `out`, lazy chunks apart; returns the eager files. */
async function bundle(bundler: Bundler, app: string, name: string, out: string): Promise<string[]> {
  const input = join(app, `${name}.js`);
  if (bundler === 'esbuild') {
    const result = await esbuild({ absWorkingDir: app, entryPoints: [input], bundle: true, splitting: true, minify: true, format: 'esm', outdir: out, metafile: true, logLevel: 'error' });
    const outputs = result.metafile.outputs;
    // Lazy chunks have an entryPoint too (the module imported with `import()`): pick the page's own.
    const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === `${name}.js`) ?? '';
    const imports = (file: string): string[] => (outputs[file]?.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => i.path);
    return eagerFiles(entry, imports).map((file) => join(app, file));
  }
  if (bundler === 'rollup') {
    const build = await rollup({ input, plugins: [nodeResolve({ browser: true }), terser()], onwarn });
    const { output } = await build.write({ dir: out, format: 'es', entryFileNames: `${name}.js` });
    await build.close();
    const chunks = new Map(output.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
    return eagerFiles(`${name}.js`, (file) => chunks.get(file)?.imports ?? []).map((file) => join(out, file));
  }
  const result = await vite({
    root: app,
    configFile: false,
    logLevel: 'silent',
    base: './',
    build: { outDir: out, emptyOutDir: true, rollupOptions: { input: join(app, `${name}.html`) } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const chunks = new Map(outputs.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
  assert.ok(entry, `vite built no entry chunk for ${name}`);
  return eagerFiles(entry.fileName, (file) => chunks.get(file)?.imports ?? []).map((file) => join(out, file));
}

/** Gzipped bytes of `files` together. */
const gzipBytes = (files: string[]): number => files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).byteLength, 0);

describe('each entry bundled by esbuild, Rollup and Vite in an empty app', { timeout: 900_000 }, () => {
  let app: string;
  let packDir: string;
  const eager = new Map<string, string[]>();

  before(
    async () => {
      const tarball = packBrowserPackage();
      packDir = dirname(tarball.file);
      app = emptyApp('support-bundlers-app-');
      install(app, [tarball.file]);
      for (const entry of Object.keys(ENTRIES)) {
        const name = nameOf(entry);
        writeFileSync(join(app, `${name}.js`), `import * as entry from '${entry}';\nwindow.__entry = Object.keys(entry).length;\n`);
        writeFileSync(join(app, `${name}.html`), `<!doctype html><html lang="en"><title>${entry}</title><script type="module" src="./${name}.js"></script></html>`);
      }
      for (const bundler of BUNDLERS) {
        for (const entry of Object.keys(ENTRIES)) {
          const name = nameOf(entry);
          const out = join(app, 'site', bundler, name);
          mkdirSync(out, { recursive: true });
          eager.set(`${bundler} ${entry}`, await bundle(bundler, app, name, out));
          if (bundler !== 'vite') writeFileSync(join(out, `${name}.html`), readFileSync(join(app, `${name}.html`), 'utf8'));
        }
      }
      const sizes = [...eager].map(([key, files]) => `${key} ${(gzipBytes(files) / 1024).toFixed(1)} KB`);
      console.info(`# entry sizes (minified, gzip, eager chunks; lazy chunks apart): ${sizes.join('; ')}`);
    },
    { timeout: 900_000 },
  );

  after(() => {
    for (const dir of [app, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('registers exactly the entry\'s elements in Chromium, whatever the bundler', async () => {
    const origin = await startStaticOrigin({ folders: { '/': join(app, 'site') } });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      let errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      const found: Record<string, string[] | string> = {};
      const wanted: Record<string, string[]> = {};
      for (const bundler of BUNDLERS) {
        for (const [entry, expected] of Object.entries(ENTRIES)) {
          const name = nameOf(entry);
          const key = `${bundler} ${entry}`;
          wanted[key] = expected;
          errors = [];
          await page.goto(`${origin.url}/${bundler}/${name}/${name}.html`);
          const loaded = await page
            .waitForFunction(() => (window as unknown as { __entry?: number }).__entry !== undefined, undefined, { timeout: 20_000 })
            .then(() => true, () => false);
          found[key] = loaded && errors.length === 0 ? await page.evaluate((tags) => tags.filter((tag) => customElements.get(tag) !== undefined), TAGS) : `not loaded: ${errors.join('; ')}`;
        }
      }
      assert.deepEqual(found, wanted);
    } finally {
      await browser.close();
      await origin.close();
    }
  });

  it('the chat-only bundle stays within its budget, and smaller than the whole package', () => {
    for (const bundler of BUNDLERS) {
      const chat = gzipBytes(eager.get(`${bundler} support-widget/chat`) ?? []);
      const all = gzipBytes(eager.get(`${bundler} support-widget`) ?? []);
      assert.ok(chat <= CHAT_BUDGET_GZIP, `${bundler}: support-widget/chat is ${chat} B gzip, budget ${CHAT_BUDGET_GZIP} B`);
      assert.ok(chat < all, `${bundler}: support-widget/chat (${chat} B) is not smaller than support-widget (${all} B)`);
    }
  });
});
