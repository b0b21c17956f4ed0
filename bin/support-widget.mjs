#!/usr/bin/env node
// `npx support-widget serve`: the relay server is its own package, `support-widget-relay` (compiled
// JavaScript, its own bin). This forwards to it when it is installed; in the repository, where the
// relay is TypeScript under server/, it runs server/cli.ts through tsx; otherwise it says what to
// install. The browser package itself has no server dependency.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function relayCommand() {
  try {
    const manifestPath = fileURLToPath(import.meta.resolve('support-widget-relay/package.json'));
    const bin = JSON.parse(readFileSync(manifestPath, 'utf8')).bin['support-widget-relay'];
    return [join(dirname(manifestPath), bin)];
  } catch {
    /* not installed: try the repository layout */
  }
  const source = join(packageRoot, 'server', 'cli.ts');
  if (!existsSync(source)) return undefined;
  try {
    return ['--import', import.meta.resolve('tsx'), source];
  } catch {
    return undefined;
  }
}

const command = relayCommand();
if (command === undefined) {
  console.error('support-widget: the relay server is a separate package. Install it and run its bin:');
  console.error('  npm install support-widget-relay && npx support-widget-relay serve');
  process.exit(1);
}
const child = spawn(process.execPath, [...command, ...args], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === null ? 1 : 128 + ({ SIGTERM: 15, SIGINT: 2, SIGHUP: 1, SIGKILL: 9 }[signal] ?? 1)));
});
