// Lists test files under a directory (Node 20's `--test` does not expand globs).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function listTests(dir, suffix = '.test.ts') {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f))
    .sort();
}
