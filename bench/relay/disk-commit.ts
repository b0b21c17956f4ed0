/**
 * How long this machine's disk takes to make one small SQLite commit durable right now
 * (WAL, `synchronous = FULL`, as the relay's store): the floor under the relay's send -> ack
 * time, and the figure that moves when other work on the machine uses the disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Milliseconds per commit, one sample per commit. */
export function measureDiskCommits(count: number): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'support-bench-disk-'));
  const db = new Database(join(dir, 'probe.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const commit = db.transaction((body: string) => insert.run(body));
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      commit.immediate(`The screen flickers when the charger is plugged in. #${i}`);
      samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
