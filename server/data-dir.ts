/**
 * The data directory holds customers' messages, files and the token secret: only the relay's
 * own user may read it. `DATA_DIR` is made (or tightened to) 0700, the SQLite database is created
 * 0600 before SQLite opens it (SQLite gives its `-wal` and `-shm` files the database's mode), and
 * the upload tree is 0700 with 0600 files. Modes are set explicitly, whatever the umask, and an
 * existing directory from an older relay is tightened at start.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
/** The database file and the files SQLite keeps beside it. */
export const DATABASE_FILES = ['support.sqlite', 'support.sqlite-wal', 'support.sqlite-shm'] as const;

/** Sets `mode` when the path exists and has another one (a file we do not own is left alone, not thrown over). */
function tighten(path: string, mode: number): void {
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // Gone meanwhile, or not ours to change: the relay still runs; readiness reports real failures.
  }
}

/**
 * Creates `dataDir` (0700) with an empty database file (0600) when absent, and tightens the modes
 * of what an older relay left there: the directory, the database files, the secret, `uploads/`.
 */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  tighten(dataDir, DIR_MODE);
  const database = join(dataDir, DATABASE_FILES[0]);
  // 'a' creates without truncating; the mode applies only when the file is new (umask may narrow it further, never widen).
  closeSync(openSync(database, 'a', FILE_MODE));
  for (const name of DATABASE_FILES) tighten(join(dataDir, name), FILE_MODE);
  tighten(join(dataDir, 'secret'), FILE_MODE);
  const uploads = join(dataDir, 'uploads');
  mkdirSync(join(uploads, 'tmp'), { recursive: true, mode: DIR_MODE });
  // Shards and files below are created 0700/0600 by `UploadFiles`.
  tighten(uploads, DIR_MODE);
  tighten(join(uploads, 'tmp'), DIR_MODE);
}
