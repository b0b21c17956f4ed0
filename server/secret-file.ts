/**
 * The token secret of a relay started without `SUPPORT_SECRET`: 32 random bytes generated once
 * and kept in `DATA_DIR/secret` (mode 0600), so a restart keeps every issued token valid.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SupportError } from 'support-widget/protocol';

const MIN_SECRET_CHARS = 32;

export function loadOrCreateSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret');
  try {
    // 'wx' fails when the file exists, so two processes never overwrite each other's secret.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_CHARS) {
    throw new SupportError('config', `${file} holds no usable secret; delete it to generate a new one`);
  }
  return secret;
}
