// Runs node:test suites for the given folders under test/ (e.g. `unit contract`).
import { spawnSync } from 'node:child_process';
import { listTests } from './list-tests.mjs';

const files = process.argv.slice(2).flatMap((dir) => listTests(`test/${dir}`));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
