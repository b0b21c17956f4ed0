// Starts the real relay server (`server/cli.ts serve --demo`) for the browser tests: an ephemeral
// port, a temporary DATA_DIR, demo mode (demo tokens on, every origin allowed: the test pages run on
// the test runner's origin). Test pages learn its URL from `window.__RELAY_URL__` and get
// `/demo/token` proxied to it on their own origin.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const START_TIMEOUT_MS = 30_000;
const READY_LINE = /support-widget relay listening on (http:\/\/\S+)/;

/**
 * `env`: more of the relay's settings (the relationship relay's SMTP and admin token). With a
 * `prefix`, the middleware answers only `<prefix>/demo/token` and `<prefix>/admin/...` (the admin
 * API, which has no CORS, called with the relay's admin token), and passes everything else on.
 * @returns {{ plugin: import('@web/dev-server-core').Plugin, middleware: Function, url: () => string }} */
export function relayServer({ cwd = process.cwd(), env = {}, prefix = '' } = {}) {
  let child;
  let dataDir;
  let url = '';

  async function start() {
    dataDir = mkdtempSync(join(tmpdir(), 'support-wtr-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--demo'], {
      cwd,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SUPPORT_DEMO: '1',
        // Tests open many sockets from one page: keep the rate limit out of the way.
        SUPPORT_RATE_PER_SECOND: '500',
        SUPPORT_RATE_BURST: '1000',
        // Every test page connects from 127.0.0.1: keep the per-address limits out of the way too.
        SUPPORT_MAX_CONNECTIONS_PER_IP: '10000',
        SUPPORT_HELLO_RATE_PER_IP: '10000',
        SUPPORT_HELLO_BURST_PER_IP: '10000',
        // Demo mode turns the assistant on (issue 18); the browser tests run without it unless they ask.
        SUPPORT_ASSISTANT: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process.once('exit', stop);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`relay server did not start within ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = READY_LINE.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1].replace('localhost', '127.0.0.1'));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`relay server exited with ${code}\n${stderr}`));
      });
    });
  }

  function stop() {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    child = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }

  /**
   * POST /test/seed-conversations?count=N&prefix=P: N conversations of shop `demo` written straight
   * into the relay's database (thousands in milliseconds; signing in each customer takes minutes).
   */
  function seedConversations(ctx) {
    const count = Math.min(20_000, Number(ctx.query.count) || 0);
    const prefix = String(ctx.query.prefix ?? 'seeded');
    const db = new Database(join(dataDir, 'support.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      const insert = db.prepare('INSERT INTO conversations (shop, id, customer_id, customer_name, last_seq, updated_at) VALUES (?, ?, ?, ?, 0, ?)');
      db.transaction(() => {
        for (let i = 0; i < count; i += 1) insert.run('demo', `c-${prefix}-${i}`, `${prefix}-${i}`, `Seeded ${i}`, 1_000_000 + i);
      })();
    } finally {
      db.close();
    }
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ count });
  }

  /** Koa middleware: POST /demo/token on the test origin goes to the relay; POST /test/seed-conversations seeds the queue. */
  async function middleware(ctx, next) {
    if (prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    const path = prefix ? ctx.path.slice(prefix.length) : ctx.path;
    if (!prefix && path === '/test/seed-conversations' && ctx.method === 'POST') return seedConversations(ctx);
    const admin = prefix !== '' && path.startsWith('/admin/') && env.SUPPORT_ADMIN_TOKEN;
    if (path !== '/demo/token' && !admin) return next();
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const response = await fetch(`${url}${path}${admin ? `?${ctx.querystring}` : ''}`, {
      method: ctx.method,
      headers: { 'content-type': ctx.get('content-type') || 'application/json', ...(admin ? { authorization: `Bearer ${env.SUPPORT_ADMIN_TOKEN}` } : {}) },
      body: ctx.method === 'POST' || ctx.method === 'PUT' ? Buffer.concat(chunks) : undefined,
    });
    ctx.status = response.status;
    ctx.type = response.headers.get('content-type') ?? 'application/json';
    ctx.body = Buffer.from(await response.arrayBuffer());
  }

  const plugin = {
    name: 'support-relay-server',
    serverStart: start,
    serverStop: async () => {
      if (!child) return stop();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const current = child;
      stop();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (current.exitCode === null) current.kill('SIGKILL');
    },
  };

  return { plugin, middleware, url: () => url };
}
