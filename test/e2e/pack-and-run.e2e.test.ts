/**
 * Pack and run, as a shop meets it: `npm pack` both packages, install the tarballs into empty
 * folders with no repository around them, start the relay from the installed bin (compiled
 * JavaScript, no TypeScript at run time) and chat in Chromium between a customer page bundled from
 * the installed browser package and an agent desk loading the installed script tag from a CDN
 * origin. Also: the browser package alone installs with no native build and imports in Node.
 * The entries under bundlers, the types and React with SSR have their own files
 * (bundlers, package-types, react-ssr .e2e.test.ts), on the same helpers (test/support/packed-app.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type * as RelayPackage from '../../server/index.js';
import { launchChromium } from '../support/browser.js';
import { buildIfChanged, emptyApp, findFiles, install, installedPackages, pack, repoRoot, type Packed } from '../support/packed-app.js';
import { startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';
import { startStaticOrigin, type StaticOrigin } from '../support/static-origin.js';

const WAIT = { timeout: 20_000 };
const SECRET = 'f'.repeat(24) + '0123456789abcdef0123456789abcdef0123456789';
const SHOP = 'pack-shop';

describe('packed tarballs installed into an empty app', { timeout: 900_000 }, () => {
  let packDir: string;
  let browserOnly: string;
  let app: string;
  let browserTgz: Packed;
  let relayTgz: Packed;
  let browserInstallSeconds = 0;
  let appInstallSeconds = 0;

  before(
    () => {
      buildIfChanged();
      packDir = mkdtempSync(join(tmpdir(), 'support-pack-'));
      browserTgz = pack(repoRoot, packDir);
      relayTgz = pack(join(repoRoot, 'server'), packDir);
      browserOnly = emptyApp('support-browser-app-');
      browserInstallSeconds = install(browserOnly, [browserTgz.file]);
      app = emptyApp('support-shop-app-');
      appInstallSeconds = install(app, [browserTgz.file, relayTgz.file]);
      console.info(
        `# tarballs: support-widget ${browserTgz.size} B packed (${browserTgz.entryCount} files, ${browserTgz.unpackedSize} B unpacked); ` +
          `support-widget-relay ${relayTgz.size} B packed (${relayTgz.entryCount} files)`,
      );
      console.info(`# install: browser package alone ${browserInstallSeconds.toFixed(1)} s (${installedPackages(browserOnly).length} packages); both ${appInstallSeconds.toFixed(1)} s`);
    },
    { timeout: 900_000 },
  );

  after(() => {
    for (const dir of [packDir, browserOnly, app]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the browser package carries no server code, demo or source maps', () => {
    const listing = execFileSync('tar', ['-tzf', browserTgz.file], { encoding: 'utf8' }).split('\n');
    assert.ok(listing.includes('package/dist/index.js'));
    assert.ok(listing.includes('package/dist/support-widget.iife.js'));
    assert.ok(listing.includes('package/dist/protocol/index.js'));
    assert.ok(listing.includes('package/custom-elements.json'));
    for (const file of ['LICENSE', 'CHANGELOG.md', 'docs/elements.md', 'docs/frameworks.md', 'dist/react/index.js', 'dist/jsx/react.d.ts', 'dist/jsx/vue.d.ts']) {
      assert.ok(listing.includes(`package/${file}`), `${file} is not in the package`);
    }
    for (const file of listing) {
      assert.doesNotMatch(file, /^package\/(server|demo|src|test)\//, file);
      assert.doesNotMatch(file, /\.map$/, file);
    }
  });

  it('the browser package alone installs lit and nothing native or server-side', () => {
    const packages = installedPackages(browserOnly);
    for (const name of ['better-sqlite3', 'ws', 'tsx', 'agora-token', 'agora-rtm-sdk', 'agora-rtc-sdk-ng', 'support-widget-relay']) {
      assert.ok(!packages.includes(name), `${name} installed with the browser package`);
    }
    assert.ok(packages.includes('lit'));
    assert.deepEqual(findFiles(join(browserOnly, 'node_modules'), /\.node$/), [], 'native addons in a browser install');
  });

  it('imports in Node without a DOM (server-side rendering) and exposes the protocol entry', () => {
    const script =
      "const m = await import('support-widget'); const p = await import('support-widget/protocol'); " +
      "console.log(typeof m.SupportClient, typeof p.parseClientFrame, typeof globalThis.window)";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: browserOnly, encoding: 'utf8' });
    assert.equal(out.trim(), 'function function undefined');
  });

  it('the relay package is compiled JavaScript with types and its own bin, no tsx', () => {
    const relayDir = join(app, 'node_modules', 'support-widget-relay');
    assert.deepEqual(findFiles(relayDir, /(?<!\.d)\.ts$/), []);
    assert.ok(existsSync(join(relayDir, 'dist', 'index.d.ts')));
    assert.ok(existsSync(join(app, 'node_modules', '.bin', 'support-widget-relay')));
    assert.ok(!installedPackages(app).includes('tsx'), 'tsx installed with the relay');
  });

  describe('a shop page chats through the relay started from the installed bin', () => {
    let relay: RelayProcess;
    let data: ReturnType<typeof tempDataDir>;
    let shop: StaticOrigin;
    let cdn: StaticOrigin;
    let browser: Browser;
    let customer: Page;
    let agent: Page;
    const pageErrors: string[] = [];

    before(async () => {
      const relayPackage = (await import(pathToFileURL(join(app, 'node_modules', 'support-widget-relay', 'dist', 'index.js')).href)) as typeof RelayPackage;
      const site = join(app, 'site');
      await build({
        absWorkingDir: app,
        stdin: { contents: "import 'support-widget';", resolveDir: app, sourcefile: 'app.js' },
        bundle: true,
        format: 'esm',
        outfile: join(site, 'app.js'),
        logLevel: 'error',
      });
      cdn = await startStaticOrigin({ folders: { '/support-widget/': join(app, 'node_modules', 'support-widget', 'dist') }, cors: true });
      const mint = (body: unknown): unknown => {
        const { role } = body as { role?: string };
        const exp = Math.floor(Date.now() / 1000) + 600;
        // The shop's backend: its own login decides who this is; the relay package signs it.
        if (role !== 'agent') return relayPackage.createCustomerToken({ secret: SECRET, shop: SHOP, customerId: 'cust-42', name: 'Grace', ttlSeconds: 600 });
        return { token: relayPackage.signToken({ sub: 'agent-ada', name: 'Ada', role: 'agent', shop: SHOP, exp }, SECRET), expiresAt: exp * 1000 };
      };
      shop = await startStaticOrigin({ folders: { '/': site }, routes: { '/support/token': mint } });
      data = tempDataDir('support-pack-data-');
      relay = await startRelay({
        dataDir: data.dir,
        cwd: app,
        command: [join(app, 'node_modules', 'support-widget-relay', 'dist', 'cli.js'), 'serve'],
        env: { SUPPORT_SECRET: SECRET, SUPPORT_ALLOWED_ORIGINS: shop.url, SUPPORT_DEMO: '' },
      });
      writeFileSync(
        join(site, 'index.html'),
        `<!doctype html><html lang="en"><title>Product</title>
<support-chat server="${relay.url}" token-endpoint="/support/token"></support-chat>
<script type="module" src="/app.js"></script>`,
      );
      writeFileSync(
        join(site, 'agent.html'),
        `<!doctype html><html lang="en"><title>Desk</title>
<script src="${cdn.url}/support-widget/support-widget.iife.js" defer></script>
<support-inbox server="${relay.url}" token-endpoint="/support/token" user-id="agent-ada"></support-inbox>`,
      );
      browser = await launchChromium();
      customer = await (await browser.newContext()).newPage();
      agent = await (await browser.newContext()).newPage();
      for (const page of [customer, agent]) page.on('pageerror', (error) => pageErrors.push(String(error)));
    });

    after(async () => {
      await browser?.close();
      await relay?.stop('SIGTERM');
      await Promise.all([shop?.close(), cdn?.close()]);
      data?.remove();
    });

    it('customer (npm bundle) and agent (script tag from the CDN) chat both ways', async () => {
      await customer.goto(`${shop.url}/`);
      await customer.locator('support-chat [part~="launcher"]').click(WAIT);
      await customer.locator('support-chat [part~="input"]').fill('My laptop fan is loud');
      await customer.keyboard.press('Enter');
      await customer.waitForFunction(
        () => {
          const msg = document.querySelector('support-chat')?.shadowRoot?.querySelector('[part~="message"][data-from="me"]');
          return msg !== null && msg !== undefined && /^(sent|delivered|read)$/.test(msg.getAttribute('data-status') ?? '');
        },
        undefined,
        WAIT,
      );

      // Roles come from the token endpoint: the agent page asks with role=agent.
      await agent.goto(`${shop.url}/agent.html`);
      const conversation = agent.locator('support-inbox [part~="conversation"]').first();
      await conversation.click(WAIT);
      await agent.locator('support-inbox [part~="thread"] [part~="message"]', { hasText: 'My laptop fan is loud' }).waitFor(WAIT);
      await agent.locator('support-inbox [part~="input"]').fill('Let us clean the vents together');
      await agent.keyboard.press('Enter');
      const reply = customer.locator('support-chat [part~="message"]', { hasText: 'Let us clean the vents together' });
      await reply.waitFor(WAIT);
      assert.equal(await reply.getAttribute('data-from'), 'them');
      assert.ok(cdn.requests.some((path) => path.startsWith('/support-widget/cdn/')), 'the agent desk loaded its chunks from the CDN origin');
      assert.deepEqual(pageErrors, []);
    });
  });
});
