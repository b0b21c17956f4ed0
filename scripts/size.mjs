// Size budget: gzipped bytes a product page downloads before the launcher works — the script-tag
// loader plus the <support-chat> chunk and everything it statically imports (dist/cdn/manifest.json).
// Deterministic, so CI enforces it. `--json` prints machine-readable rows.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const LAUNCHER_BUDGET_GZIP = 30 * 1024;

export function measure(file) {
  const raw = readFileSync(file);
  return {
    file,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Every entry of the script-tag build: what it downloads up front and what it may load later. */
export function entrySizes() {
  if (!existsSync('dist/cdn/manifest.json')) throw new Error('dist/cdn/manifest.json missing: run npm run build');
  const manifest = JSON.parse(readFileSync('dist/cdn/manifest.json', 'utf8'));
  const loader = measure('dist/support-widget.iife.js');
  const sum = (files) =>
    files.map((f) => measure(`dist/cdn/${f}`)).reduce((a, m) => ({ raw: a.raw + m.raw, gzip: a.gzip + m.gzip, brotli: a.brotli + m.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const rows = [{ entry: 'loader (support-widget.iife.js)', files: ['support-widget.iife.js'], ...loader }];
  for (const [entry, { eager, lazy }] of Object.entries(manifest)) {
    rows.push({ entry: `${entry} (loader + eager chunks)`, files: eager, ...sum(eager), gzip: sum(eager).gzip + loader.gzip, brotli: sum(eager).brotli + loader.brotli, raw: sum(eager).raw + loader.raw, lazy });
  }
  // The serial scan's decoder, loaded on the first scan where the browser has no BarcodeDetector (never up front).
  const decoderCode = readdirSync('dist/cdn').filter((f) => f.endsWith('.js') && readFileSync(`dist/cdn/${f}`, 'utf8').includes('readBarcodesFromPixmap'));
  if (existsSync('dist/cdn/zxing_reader.wasm')) {
    rows.push({ entry: 'scan decoder (lazy: zxing_reader.wasm + its code)', files: ['zxing_reader.wasm', ...decoderCode], ...sum(['zxing_reader.wasm', ...decoderCode]) });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = entrySizes();
  for (const r of rows) console.log(`${r.entry}: ${r.gzip} B gzip, ${r.brotli} B brotli, ${r.raw} B raw`);
  const chat = rows.find((r) => r.entry.startsWith('support-chat'));
  const ok = chat && chat.gzip <= LAUNCHER_BUDGET_GZIP;
  console.log(`${ok ? 'ok' : 'FAIL'}: a product page downloads ${chat?.gzip} B gzip before the launcher works (budget ${LAUNCHER_BUDGET_GZIP} B)`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  process.exit(ok ? 0 : 1);
}
