// Size budget: gzipped bytes a product page downloads before the launcher works.
// Deterministic, so CI enforces it. `--json` prints machine-readable output.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const BUDGETS = {
  // The script tag bundle is everything the launcher needs (no Agora, no call UI).
  'dist/support-widget.iife.js': 30 * 1024,
};

export function measure(file) {
  const raw = readFileSync(file);
  return {
    file,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  const rows = [];
  for (const [file, budget] of Object.entries(BUDGETS)) {
    if (!existsSync(file)) {
      console.error(`size: ${file} missing; run npm run build first`);
      process.exit(1);
    }
    const m = measure(file);
    const ok = m.gzip <= budget;
    if (!ok) failed++;
    rows.push({ ...m, budget, ok });
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${file}: ${m.gzip} B gzip (budget ${budget} B), ${m.brotli} B brotli, ${m.raw} B raw`,
    );
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  process.exit(failed ? 1 : 0);
}
