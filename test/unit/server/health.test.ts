/**
 * `/healthz` (the process is up) and `/readyz` (the store answers and the data dir takes a write).
 * Failures are made in ways that hold as root too: a closed database, and the data dir replaced
 * by a plain file (root may write anywhere, but not below a file).
 */
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { LogEvent } from '../../../server/log.js';
import { createReadinessCheck } from '../../../server/readiness.js';
import { startRelay, tempDir } from './relay-harness.js';

const dirs: string[] = [];

function dir(): string {
  const path = tempDir('relay-health-');
  dirs.push(path);
  return path;
}

async function getJson(url: string): Promise<{ status: number; body: unknown; cacheControl: string | null }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json(), cacheControl: res.headers.get('cache-control') };
}

describe('health endpoints', () => {
  after(() => {
    for (const path of dirs) rmSync(path, { recursive: true, force: true });
  });

  it('answer 200 while the relay can work; /readyz 503 storage once the data dir is not writable, 200 again once it is', async () => {
    const events: LogEvent[] = [];
    const relay = await startRelay({ log: (event) => events.push(event) });
    try {
      assert.deepEqual(await getJson(`${relay.url}/healthz`), { status: 200, body: { ok: true }, cacheControl: 'no-store' });
      assert.deepEqual(await getJson(`${relay.url}/readyz`), { status: 200, body: { ok: true }, cacheControl: 'no-store' });

      // The data dir becomes a file: nothing can be written below it, not even by root.
      const moved = `${relay.dataDir}.moved`;
      renameSync(relay.dataDir, moved);
      writeFileSync(relay.dataDir, 'not a directory');
      try {
        const notReady = await getJson(`${relay.url}/readyz`);
        assert.equal(notReady.status, 503);
        assert.deepEqual(notReady.body, { ok: false, error: 'storage', message: 'the data directory is not writable' });
        assert.equal((await getJson(`${relay.url}/healthz`)).status, 200, 'still alive');
        const logged = events.find((event) => event.event === 'not-ready');
        assert.equal(logged?.level, 'error');
        assert.equal(logged?.['check'], 'data-dir');
      } finally {
        rmSync(relay.dataDir);
        renameSync(moved, relay.dataDir);
      }
      assert.equal((await getJson(`${relay.url}/readyz`)).status, 200);
    } finally {
      await relay.dispose();
    }
  });

  it('the readiness check reports a database that does not answer, and a writable data dir as ready', async () => {
    const dataDir = dir();
    const events: LogEvent[] = [];
    const database = new Database(join(dataDir, 'probe.sqlite'));
    const check = createReadinessCheck({ database, dataDir, log: (event) => events.push(event) });
    assert.deepEqual(await check(), { ok: true });
    database.close();
    assert.deepEqual(await check(), { ok: false, error: 'storage', message: 'the database does not answer' });
    assert.equal(events[0]?.['check'], 'database');

    const missing = join(dataDir, 'gone');
    mkdirSync(missing);
    const other = new Database(':memory:');
    const checkMissing = createReadinessCheck({ database: other, dataDir: missing, log: () => undefined });
    rmSync(missing, { recursive: true });
    assert.equal((await checkMissing()).ok, false, 'a data dir that vanished is not ready');
    other.close();
  });
});
