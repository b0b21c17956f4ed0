#!/usr/bin/env node
// `npx support-widget serve`: the relay server ships as TypeScript (dist/ holds only the browser
// bundles), so run server/cli.ts through tsx, resolved from this package rather than the cwd.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsx;
try {
  tsx = import.meta.resolve('tsx');
} catch {
  console.error('support-widget: the relay server needs the "tsx" package (npm install tsx)');
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', tsx, join(packageRoot, 'server', 'cli.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === null ? 1 : 128 + ({ SIGTERM: 15, SIGINT: 2, SIGHUP: 1, SIGKILL: 9 }[signal] ?? 1)));
});
