/**
 * `support-widget/react` in a React app built from the packed tarball, under React 19 and 18: the
 * page is rendered on the server with `react-dom/server`, hydrated in Chromium with `hydrateRoot`,
 * and then the element has its `context` property and the app's `onSupport*` props receive the
 * element's events (React 19 alone leaves properties of server-rendered custom elements unset,
 * facebook/react#35446; the wrapper sets them in a layout effect, which runs after hydration).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { launchChromium } from '../support/browser.js';
import { emptyApp, install, packBrowserPackage } from '../support/packed-app.js';
import { startStaticOrigin } from '../support/static-origin.js';

/** The app, shared by the server and the browser; plain `createElement`, no JSX step. */
const APP = `import { createElement as h } from 'react';
import { SupportChat } from 'support-widget/react';

const seen = (name) => (e) => (globalThis.__events ??= []).push([name, e.type, e.detail?.state ?? e.detail?.code ?? null]);

export function App() {
  return h('main', null,
    h('h1', null, 'Volta X12 Pro'),
    h(SupportChat, {
      inline: true,
      tokenEndpoint: '/support/token',
      context: { sku: 'VX12P', name: 'Volta X12 Pro' },
      onSupportConnection: seen('onSupportConnection'),
      onSupportError: seen('onSupportError'),
    }));
}
`;

const SERVER = `import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './app.js';
process.stdout.write(renderToString(createElement(App)));
`;

const CLIENT = `import { createElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './app.js';
window.__recoverable = [];
hydrateRoot(document.getElementById('root'), createElement(App), { onRecoverableError: (error) => window.__recoverable.push(String(error)) });
window.__hydrated = true;
`;

for (const react of ['19', '18']) {
  describe(`React ${react}: server-rendered, hydrated, then properties set and events received`, { timeout: 900_000 }, () => {
    let app: string;
    let serverHtml = '';

    before(
      async () => {
        const tarball = packBrowserPackage();
        app = emptyApp(`support-react${react}-app-`);
        install(app, [tarball.file, `react@^${react}`, `react-dom@^${react}`, '@lit/react@^1']);
        rmSync(dirname(tarball.file), { recursive: true, force: true });
        writeFileSync(join(app, 'app.js'), APP);
        writeFileSync(join(app, 'server.js'), SERVER);
        writeFileSync(join(app, 'client.js'), CLIENT);
        serverHtml = execFileSync(process.execPath, ['server.js'], { cwd: app, encoding: 'utf8' });
        const site = join(app, 'site');
        mkdirSync(site, { recursive: true });
        await build({ absWorkingDir: app, entryPoints: ['client.js'], bundle: true, format: 'esm', outfile: join(site, 'client.js'), logLevel: 'error', define: { 'process.env.NODE_ENV': '"development"' } });
        writeFileSync(join(site, 'index.html'), `<!doctype html><html lang="en"><title>Product</title><div id="root">${serverHtml}</div><script type="module" src="/client.js"></script></html>`);
      },
      { timeout: 900_000 },
    );

    after(() => {
      if (app) rmSync(app, { recursive: true, force: true });
    });

    it('the server renders the element without touching the DOM', () => {
      assert.match(serverHtml, /<support-chat[\s>]/);
      assert.match(serverHtml, /Volta X12 Pro/);
    });

    it('after hydrateRoot the element has its context and the onSupport* props receive its events', async () => {
      const origin = await startStaticOrigin({ folders: { '/': join(app, 'site') } });
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const consoleErrors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text());
        });
        page.on('pageerror', (error) => consoleErrors.push(String(error)));
        await page.goto(`${origin.url}/`);
        await page.waitForFunction(() => (window as unknown as { __hydrated?: boolean }).__hydrated === true, undefined, { timeout: 20_000 });
        const context = await page.waitForFunction(() => (document.querySelector('support-chat') as { context?: { sku?: string } } | null)?.context?.sku, undefined, { timeout: 20_000 });
        assert.equal(await context.jsonValue(), 'VX12P');
        // The token endpoint does not exist on this origin: the element reports that, through React's props.
        await page.waitForFunction(() => ((window as unknown as { __events?: unknown[] }).__events ?? []).some((e) => (e as string[])[0] === 'onSupportError'), undefined, { timeout: 20_000 });
        const events = await page.evaluate(() => (window as unknown as { __events: string[][] }).__events);
        assert.ok(events.some(([prop, type]) => prop === 'onSupportConnection' && type === 'support-connection'), JSON.stringify(events));
        assert.ok(events.every(([prop, type]) => prop === `onSupport${(type ?? '').slice('support-'.length).replace(/^./, (c) => c.toUpperCase())}`), JSON.stringify(events));
        const recoverable = await page.evaluate(() => (window as unknown as { __recoverable: string[] }).__recoverable);
        assert.deepEqual(recoverable, [], 'hydration had to recover');
        assert.deepEqual(consoleErrors.filter((text) => /hydrat|did not match/i.test(text)), []);
      } finally {
        await browser.close();
        await origin.close();
      }
    });
  });
}
