// Fails when custom-elements.json is stale: regenerates it into a temp dir and compares.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// cem resolves --outdir against the working directory: keep the scratch dir inside it.
const dir = mkdtempSync('.cem-check-');
try {
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', dir, '--quiet'], {
    stdio: 'inherit',
  });
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  const committed = existsSync('custom-elements.json') ? readFileSync('custom-elements.json', 'utf8') : '';
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run manifest` and commit it.');
    process.exitCode = 1;
  } else {
    console.log('custom-elements.json is up to date.');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
