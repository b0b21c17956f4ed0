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
/** What a shop page that wants only the chat downloads up front (entry chunk, minified, gzip). */
const CHAT_BUDGET_GZIP = 40 * 1024;

type Bundler = 'esbuild' | 'rollup' | 'vite';
const BUNDLERS: Bundler[] = ['esbuild', 'rollup', 'vite'];

/** `support-widget/chat` → `chat`, `support-widget` → `main`. */
const nameOf = (entry: string): string => (entry === 'support-widget' ? 'main' : entry.slice('support-widget/'.length));

/** Bundles `<app>/<name>.js` (or its page, for Vite) into `out`; returns the eager entry file. */
async function bundle(bundler: Bundler, app: string, name: string, out: string): Promise<string> {
  const input = join(app, `${name}.js`);
  if (bundler === 'esbuild') {
    await esbuild({ absWorkingDir: app, entryPoints: [input], bundle: true, minify: true, format: 'esm', outfile: join(out, `${name}.js`), logLevel: 'error' });
    return join(out, `${name}.js`);
  }
  if (bundler === 'rollup') {
    const build = await rollup({ input, plugins: [nodeResolve({ browser: true }), terser()], onwarn: (warning) => assert.fail(`rollup: ${warning.message}`) });
    await build.write({ dir: out, format: 'es', entryFileNames: `${name}.js` });
    await build.close();
    return join(out, `${name}.js`);
  }
  const result = await vite({
    root: app,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: out, emptyOutDir: true, rollupOptions: { input: join(app, `${name}.html`) } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const entry = outputs.find((o) => o.type === 'chunk' && o.isEntry);
  assert.ok(entry, `vite built no entry chunk for ${name}`);
  return join(out, entry.fileName);
}

describe('each entry bundled by esbuild, Rollup and Vite in an empty app', { timeout: 900_000 }, () => {
  let app: string;
  let packDir: string;
  const eager = new Map<string, string>();

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
          const file = await bundle(bundler, app, name, out);
          eager.set(`${bundler} ${entry}`, file);
          if (bundler !== 'vite') writeFileSync(join(out, `${name}.html`), readFileSync(join(app, `${name}.html`), 'utf8'));
        }
      }
      const sizes = [...eager].map(([key, file]) => `${key} ${(gzipSync(readFileSync(file)).byteLength / 1024).toFixed(1)} KB`);
      console.info(`# entry sizes (minified, gzip, entry chunk without lazy chunks): ${sizes.join('; ')}`);
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
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      for (const bundler of BUNDLERS) {
        for (const [entry, expected] of Object.entries(ENTRIES)) {
          const name = nameOf(entry);
          await page.goto(`${origin.url}/${bundler}/${name}/${name}.html`);
          await page.waitForFunction(() => (window as unknown as { __entry?: number }).__entry !== undefined, undefined, { timeout: 20_000 });
          const defined = await page.evaluate((tags) => tags.filter((tag) => customElements.get(tag) !== undefined), TAGS);
          assert.deepEqual(defined, expected, `${bundler}: ${entry}`);
        }
      }
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await origin.close();
    }
  });

  it('the chat-only bundle stays within its budget, and smaller than the whole package', () => {
    for (const bundler of BUNDLERS) {
      const chat = gzipSync(readFileSync(eager.get(`${bundler} support-widget/chat`) ?? '')).byteLength;
      const all = gzipSync(readFileSync(eager.get(`${bundler} support-widget`) ?? '')).byteLength;
      assert.ok(chat <= CHAT_BUDGET_GZIP, `${bundler}: support-widget/chat is ${chat} B gzip, budget ${CHAT_BUDGET_GZIP} B`);
      assert.ok(chat < all, `${bundler}: support-widget/chat (${chat} B) is not smaller than support-widget (${all} B)`);
    }
  });
});
