// Browser tests: @web/test-runner with the machine's Chromium (found or installed by find-chromium).
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './find-chromium.mjs';

const chrome = ensureChromium();
const result = spawnSync('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome, PUPPETEER_SKIP_DOWNLOAD: '1' },
});
process.exit(result.status ?? 1);
