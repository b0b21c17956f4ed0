/**
 * `serve` modes: production by default (a 32-byte secret required, no demo sign-in), demo with
 * `--demo` or a true `SUPPORT_DEMO`; strict boolean variables; the startup lines of each mode.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { ConfigError, booleanEnv, secretFromEnv, serveConfig } from '../../../server/cli-config.js';
import { tempDir } from './relay-harness.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'a'.repeat(64);
const MAKE_ONE = 'support-widget-relay: SUPPORT_SECRET must be at least 32 bytes; make one with: openssl rand -hex 32';
const dirs: string[] = [];
const children = new Set<ChildProcess>();

function dataDir(): string {
  const dir = tempDir('relay-modes-');
  dirs.push(dir);
  return dir;
}

/** The variables a developer's shell might have set, cleared so each run sees only its own. */
const CLEAN: Record<string, string> = { SUPPORT_SECRET: '', SUPPORT_SECRET_FILE: '', SUPPORT_ALLOWED_ORIGINS: '', PORT: '0' };

interface Run {
  /** stdout lines once listening (or all of them when it exited). */
  lines: string[];
  stderr: string;
  code: number | null;
  url?: string;
  child: ChildProcess;
}

/** Runs `serve` and resolves when it listens (url set) or exits (code set). */
function serve(env: Record<string, string | undefined>, args: string[] = []): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', ...args], {
    cwd: repoRoot,
    env: { ...process.env, SUPPORT_DEMO: undefined, ...CLEAN, DATA_DIR: dataDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const run: Run = { lines: [], stderr: '', code: null, child };
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve neither listened nor exited; stderr: ${run.stderr}`)), 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      run.lines.push(line);
      const port = /^support-widget relay listening on http:\/\/localhost:(\d+)$/.exec(line)?.[1];
      // The startup lines are printed together: give them a moment to arrive.
      if (port !== undefined) {
        run.url = `http://127.0.0.1:${port}`;
        setTimeout(() => {
          clearTimeout(timer);
          resolve(run);
        }, 150);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      run.code = code;
      resolve(run);
    });
  });
}

async function stop(run: Run): Promise<void> {
  if (run.child.exitCode !== null) return;
  const exited = new Promise((resolve) => run.child.once('exit', resolve));
  run.child.kill('SIGTERM');
  await exited;
}

async function demoTokenStatus(url: string): Promise<number> {
  const res = await fetch(`${url}/demo/token`, { method: 'POST', body: JSON.stringify({ role: 'customer', userId: 'ana' }) });
  await res.body?.cancel();
  return res.status;
}

describe('serve: production by default, demo on request', { timeout: 120_000 }, () => {
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start in production without a secret, or with a short one: exit 1, one line saying how to make one', async () => {
    for (const env of [{}, { SUPPORT_SECRET: 'x'.repeat(31) }, { SUPPORT_DEMO: 'off' }]) {
      const run = await serve(env);
      assert.equal(run.code, 1, JSON.stringify(env));
      assert.equal(run.stderr, `${MAKE_ONE}\n`, JSON.stringify(env));
      assert.deepEqual(run.lines, []);
    }
  });

  it('starts in production with a 32-byte secret: no demo sign-in or pages, a warning while no origin is listed', async () => {
    const run = await serve({ SUPPORT_SECRET: 'x'.repeat(32) });
    try {
      assert.ok(run.url, run.stderr);
      assert.deepEqual(run.lines.slice(1), [
        '  mode: production (tokens from your backend; demo sign-in and pages are off)',
        '  warning: cross-origin pages are refused until SUPPORT_ALLOWED_ORIGINS is set',
      ]);
      assert.equal(await demoTokenStatus(run.url), 404);
      const page = await fetch(`${run.url}/`);
      await page.body?.cancel();
      assert.equal(page.status, 404, 'no demo page');
      const events = run.stderr.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
      const start = events.find((event) => event['event'] === 'start');
      assert.deepEqual([start?.['level'], start?.['mode'], start?.['port']], ['info', 'production', Number(new URL(run.url).port)]);
    } finally {
      await stop(run);
    }
  });

  it('reads the secret from SUPPORT_SECRET_FILE and lists the allowed origins', async () => {
    const file = join(dataDir(), 'relay-secret');
    writeFileSync(file, `${SECRET}\n`);
    const run = await serve({ SUPPORT_SECRET_FILE: file, SUPPORT_ALLOWED_ORIGINS: 'https://shop.example, http://127.0.0.1:5173' });
    try {
      assert.ok(run.url, run.stderr);
      assert.deepEqual(run.lines.slice(2), ['  allowed origins: https://shop.example, http://127.0.0.1:5173']);
    } finally {
      await stop(run);
    }
    writeFileSync(file, 'short\n');
    const short = await serve({ SUPPORT_SECRET_FILE: file });
    assert.equal(short.code, 1);
    assert.match(short.stderr, /^support-widget-relay: SUPPORT_SECRET_FILE .* must hold at least 32 bytes; make one with: openssl rand -hex 32 > .*\n$/);
  });

  for (const [label, env, args] of [
    ['--demo', {}, ['--demo']],
    ['SUPPORT_DEMO=yes', { SUPPORT_DEMO: 'yes' }, []],
    ['SUPPORT_DEMO=TRUE', { SUPPORT_DEMO: 'TRUE' }, []],
  ] as const) {
    it(`${label} turns on demo sign-in and pages, with a generated secret`, async () => {
      const run = await serve(env, [...args]);
      try {
        assert.ok(run.url, run.stderr);
        assert.equal(run.lines[1], '  mode: demo (anyone can sign in at POST /demo/token; do not expose it to the internet)');
        assert.match(run.lines[2] ?? '', /^ {2}product page: http:\/\/localhost:\d+\/$/);
        assert.equal(await demoTokenStatus(run.url), 200);
      } finally {
        await stop(run);
      }
    });
  }

  for (const value of ['off', 'false', 'no', '0']) {
    it(`SUPPORT_DEMO=${value} keeps demo sign-in off (POST /demo/token is 404)`, async () => {
      const run = await serve({ SUPPORT_DEMO: value, SUPPORT_SECRET: SECRET });
      try {
        assert.ok(run.url, run.stderr);
        assert.equal(await demoTokenStatus(run.url), 404);
      } finally {
        await stop(run);
      }
    });
  }

  it("refuses demo mode together with the operator's secret (demo would sign anyone in with it): exit 1, one line", async () => {
    const file = join(dataDir(), 'relay-secret');
    writeFileSync(file, `${SECRET}\n`);
    for (const [env, args] of [
      [{ SUPPORT_SECRET: SECRET }, ['--demo']],
      [{ SUPPORT_SECRET: SECRET, SUPPORT_DEMO: '1' }, []],
      [{ SUPPORT_SECRET_FILE: file, SUPPORT_DEMO: 'on' }, []],
    ] as const) {
      const run = await serve(env, [...args]);
      assert.equal(run.code, 1, JSON.stringify(env));
      assert.match(run.stderr, /^support-widget-relay: demo mode signs anyone in with the token secret, so it never runs with SUPPORT_SECRET(_FILE)?: unset it \(demo makes its own in DATA_DIR\/secret\) or turn demo off\n$/);
      assert.deepEqual(run.lines, []);
    }
  });

  it('a value of SUPPORT_DEMO that is not a boolean is a startup error naming the variable', async () => {
    const run = await serve({ SUPPORT_DEMO: 'maybe', SUPPORT_SECRET: SECRET });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'support-widget-relay: SUPPORT_DEMO must be one of 1, true, yes, on, 0, false, no, off; got "maybe"\n');
  });
});

describe('cli-config', () => {
  it('booleanEnv: 1,true,yes,on / 0,false,no,off,"" in any case; unset is the fallback; anything else throws', () => {
    for (const text of ['1', 'true', 'Yes', 'ON', ' on ']) assert.equal(booleanEnv({ X: text }, 'X'), true, text);
    for (const text of ['0', 'false', 'NO', 'Off', '']) assert.equal(booleanEnv({ X: text }, 'X', true), false, text);
    assert.equal(booleanEnv({}, 'X'), false);
    assert.equal(booleanEnv({}, 'X', true), true);
    for (const text of ['2', 'y', 'enabled', 'truthy']) {
      assert.throws(() => booleanEnv({ X: text }, 'X'), (error: unknown) => error instanceof ConfigError && error.message.startsWith('X must be'));
    }
  });

  it('secretFromEnv: production needs 32 bytes (counted in bytes), not both variables; demo generates one', () => {
    const dir = dataDir();
    assert.equal(secretFromEnv({ SUPPORT_SECRET: 'é'.repeat(16) }, dir, false), 'é'.repeat(16), '16 characters, 32 bytes');
    assert.throws(() => secretFromEnv({ SUPPORT_SECRET: 'x'.repeat(31) }, dir, false), /at least 32 bytes; make one with: openssl rand -hex 32/);
    assert.throws(() => secretFromEnv({ SUPPORT_SECRET: SECRET, SUPPORT_SECRET_FILE: '/nonexistent' }, dir, false), /not both/);
    assert.throws(() => secretFromEnv({ SUPPORT_SECRET_FILE: join(dir, 'missing') }, dir, false), /cannot read SUPPORT_SECRET_FILE .*ENOENT/);
    for (const env of [{ SUPPORT_SECRET: SECRET }, { SUPPORT_SECRET: 'short' }, { SUPPORT_SECRET_FILE: join(dir, 'missing') }]) {
      assert.throws(() => secretFromEnv(env, dir, true), /^ConfigError: demo mode signs anyone in with the token secret, so it never runs with SUPPORT_SECRET/, JSON.stringify(env));
    }
    const generated = secretFromEnv({}, dir, true);
    assert.equal(generated.length, 64);
    assert.equal(secretFromEnv({}, dir, true), generated, 'generated once, then read back');
  });

  it('serveConfig: --demo or SUPPORT_DEMO; unknown options and bad origins are errors', () => {
    const dir = dataDir();
    assert.equal(serveConfig(['--demo'], { DATA_DIR: dir }).demo, true);
    assert.equal(serveConfig([], { DATA_DIR: dir, SUPPORT_DEMO: 'on' }).demo, true);
    assert.equal(serveConfig([], { DATA_DIR: dir, SUPPORT_SECRET: SECRET }).demo, false);
    assert.deepEqual(serveConfig([], { DATA_DIR: dir, SUPPORT_SECRET: SECRET, SUPPORT_ALLOWED_ORIGINS: 'https://Shop.example/,,http://127.0.0.1:5173' }).allowedOrigins, [
      'https://shop.example',
      'http://127.0.0.1:5173',
    ]);
    assert.throws(() => serveConfig(['--demo', '--verbose'], { DATA_DIR: dir }), /unknown option --verbose/);
    for (const bad of ['https://shop.example/path', '*.shop.example', 'https://*.shop.example', 'shop.example', 'ftp://shop.example', 'null']) {
      assert.throws(() => serveConfig([], { DATA_DIR: dir, SUPPORT_SECRET: SECRET, SUPPORT_ALLOWED_ORIGINS: bad }), /^ConfigError: SUPPORT_ALLOWED_ORIGINS: .* is not an origin/, bad);
    }
  });
});
