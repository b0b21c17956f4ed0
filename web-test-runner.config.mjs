// Browser tests of the elements (@web/test-runner + Debian's Chromium through playwright-core),
// against the real relay server started by the relay plugin. Run: `npx web-test-runner`.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { countReporter } from './test/browser/support/count-reporter.mjs';
import { phonePlugin } from './test/browser/support/phone-plugin.mjs';
import { relayServer } from './test/browser/support/relay-server-plugin.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(`No Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROME_PATH.`);
}

const relay = relayServer();
// Issue 17's tests: a relay that offers replies by email (to an SMTP port nobody listens on: mail
// waits and retries quietly) and has an admin API for office hours, apart from the shared one so
// its "leave your email" prompt and closed hours never show in other tests.
const relationshipRelay = relayServer({
  env: {
    SUPPORT_SMTP_URL: 'smtp://127.0.0.1:9',
    SUPPORT_MAIL_FROM: 'support@shop.test',
    SUPPORT_PUBLIC_URL: 'http://shop.test',
    SUPPORT_ADMIN_TOKEN: 'relationship-admin-token-0123456789',
  },
  prefix: '/relationship',
});

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time: the tests share one relay server and some measure focus.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 15_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      },
    }),
  ],
  middleware: [relay.middleware, relationshipRelay.middleware],
  plugins: [relay.plugin, relationshipRelay.plugin, phonePlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /></head>
  <body>
    <script>
      window.__RELAY_URL__ = ${JSON.stringify(relay.url())};
      window.__RELATIONSHIP_RELAY_URL__ = ${JSON.stringify(relationshipRelay.url())};
      // Keep Lit's dev-mode warnings (change-in-update...) but not its banner.
      (globalThis.litIssuedWarnings ??= new Set()).add('dev-mode');
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), countReporter()],
};
