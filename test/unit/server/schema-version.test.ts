/**
 * Schema upgrades: a relay opens an older (or fresh) database and stamps its version; it refuses a
 * database written by a newer relay with a clear config error and leaves the file untouched.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../../server/schema.js';
import { SupportStore } from '../../../server/store.js';
import { tempDir } from './relay-harness.js';

describe('schema version', () => {
  it('stamps a new database with the current version', () => {
    const dir = tempDir('schema-new-');
    try {
      new SupportStore(dir).close();
      const db = new Database(join(dir, 'support.sqlite'), { readonly: true });
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database from a newer relay and does not change it', () => {
    const dir = tempDir('schema-newer-');
    try {
      const db = new Database(join(dir, 'support.sqlite'));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      assert.throws(() => new SupportStore(dir), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'config');
        assert.match(error.message, /newer than this relay/);
        return true;
      });
      const after = new Database(join(dir, 'support.sqlite'), { readonly: true });
      assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
      assert.equal(after.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n, 0);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
