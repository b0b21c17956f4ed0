/**
 * The data directory holds messages, files and the secret: 0700 for directories, 0600 for files,
 * checked with stat after real use (a message stored, a file uploaded), under a permissive umask
 * (0) so nothing depends on the environment's, and for a directory an older relay left open.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { upload } from '../../reliability/http-client.js';
import { startRelay, tempDir, TestClient, customerToken, sendFrame } from './relay-harness.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8).padStart(4, '0');
}

/** Every file and directory below `root` with its mode. */
function modes(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      found[`${prefix}${entry.name}${entry.isDirectory() ? '/' : ''}`] = mode(path);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
    }
  };
  walk(root, '');
  return found;
}

describe('data directory modes', () => {
  const parent = tempDir('relay-modes-');
  let umask = 0;
  before(() => {
    umask = process.umask(0);
  });
  after(() => {
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates DATA_DIR 0700, the database and its -wal/-shm 0600, uploads 0700 with 0600 files', async () => {
    const dataDir = join(parent, 'fresh', 'data');
    const relay = await startRelay({ dataDir });
    try {
      const { client } = await TestClient.connect(relay.url, customerToken('ana'));
      client.send(sendFrame('c-ana', 'm1'));
      await client.next('ack');
      const stored = await upload(relay.url, customerToken('ana'), 'c-ana', PNG);
      assert.equal(stored.status, 201);
      await client.close();
      assert.equal(mode(dataDir), '0700');
      const found = modes(dataDir);
      for (const name of ['support.sqlite', 'support.sqlite-wal', 'support.sqlite-shm']) assert.equal(found[name], '0600', name);
      const dirs = Object.entries(found).filter(([name]) => name.endsWith('/'));
      const files = Object.entries(found).filter(([name]) => !name.endsWith('/'));
      assert.ok(dirs.some(([name]) => /^uploads\/[0-9a-f]{2}\/$/.test(name)), 'a shard directory was made');
      assert.ok(files.some(([name]) => /^uploads\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(name)), 'the upload is stored');
      assert.deepEqual(dirs.filter(([, m]) => m !== '0700'), [], 'every directory is 0700');
      assert.deepEqual(files.filter(([, m]) => m !== '0600'), [], 'every file is 0600');
    } finally {
      await relay.dispose();
    }
  });

  it('tightens a data directory an older relay left readable by others', async () => {
    const dataDir = join(parent, 'old');
    mkdirSync(join(dataDir, 'uploads', 'tmp'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'secret'), `${'a'.repeat(64)}\n`, { mode: 0o644 });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'uploads'), 0o755);
    // An old database, world-readable.
    const first = await startRelay({ dataDir });
    await first.close();
    for (const name of ['support.sqlite', 'support.sqlite-wal', 'support.sqlite-shm', 'secret']) {
      try {
        chmodSync(join(dataDir, name), 0o644);
      } catch {
        // -wal/-shm are removed by a clean close.
      }
    }
    chmodSync(dataDir, 0o755);
    const relay = await startRelay({ dataDir });
    try {
      const found = modes(dataDir);
      assert.equal(mode(dataDir), '0700');
      assert.equal(found['support.sqlite'], '0600');
      assert.equal(found['secret'], '0600');
      assert.equal(found['uploads/'], '0700');
      assert.equal(found['uploads/tmp/'], '0700');
    } finally {
      await relay.dispose();
    }
  });
});
