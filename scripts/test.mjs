// The one test command (README: `npm install && npm test`): lint, typecheck, manifest, build,
// size budget, node tests, browser tests, end-to-end. Ends with one line `N passed, N failed`
// summing every suite.
import { spawn } from 'node:child_process';
import { ensureChromium } from './find-chromium.mjs';
import { listTests } from './list-tests.mjs';

const chrome = ensureChromium();
const env = { ...process.env, CHROME_PATH: chrome, PUPPETEER_SKIP_DOWNLOAD: '1', FORCE_COLOR: '0' };

/** Runs a command, streams its output, returns { code, output }. */
function run(cmd, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const onData = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    const timer = setTimeout(() => {
      output += `\n[timed out after ${timeoutMs} ms]\n`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** node:test prints `# pass N` / `# fail N`; our WTR reporter prints `N passed, N failed`. */
function counts(output) {
  const pass = [...output.matchAll(/^# pass (\d+)$/gm)].map((m) => Number(m[1]));
  const fail = [...output.matchAll(/^# fail (\d+)$/gm)].map((m) => Number(m[1]));
  if (pass.length) return { passed: pass.at(-1), failed: fail.at(-1) ?? 0 };
  const plain = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  return undefined;
}

const MIN = 60_000;
const checks = [
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'], timeout: 5 * MIN },
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'], timeout: 5 * MIN },
  { name: 'import boundaries', cmd: 'node', args: ['scripts/check-imports.mjs'], timeout: MIN },
  { name: 'build', cmd: 'node', args: ['scripts/build.mjs'], timeout: 5 * MIN },
  { name: 'manifest', cmd: 'node', args: ['scripts/check-manifest.mjs'], timeout: 2 * MIN },
  { name: 'size budget', cmd: 'node', args: ['scripts/size.mjs'], timeout: MIN },
];
const suites = [
  {
    name: 'node',
    cmd: 'node',
    args: ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=300000', ...listTests('test/unit'), ...listTests('test/contract'), ...listTests('test/reliability')],
    timeout: 20 * MIN,
  },
  { name: 'browser', cmd: 'node', args: ['scripts/run-wtr.mjs'], timeout: 15 * MIN },
  {
    name: 'e2e',
    cmd: 'node',
    args: ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', ...listTests('test/e2e'), ...listTests('test/live')],
    timeout: 15 * MIN,
  },
];

let passed = 0;
let failed = 0;
const table = [];
for (const check of checks) {
  console.log(`\n=== ${check.name} ===`);
  const { code } = await run(check.cmd, check.args, check.timeout);
  if (code === 0) passed++;
  else failed++;
  table.push(`${check.name}: ${code === 0 ? 'ok' : 'FAILED'}`);
  if (code !== 0 && check.name === 'build') break; // later suites need the build
}
for (const suite of suites) {
  if (table.includes('build: FAILED')) break;
  console.log(`\n=== ${suite.name} tests ===`);
  const { code, output } = await run(suite.cmd, suite.args, suite.timeout);
  const c = counts(output);
  if (!c) {
    failed++;
    table.push(`${suite.name}: no test summary found (exit ${code})`);
    continue;
  }
  // A suite that crashed after printing counts still fails.
  const extra = code !== 0 && c.failed === 0 ? 1 : 0;
  passed += c.passed;
  failed += c.failed + extra;
  table.push(`${suite.name}: ${c.passed} passed, ${c.failed + extra} failed`);
}
console.log('\n=== summary ===');
for (const line of table) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
