/**
 * Size benchmark. Static: gzip and brotli bytes of the loader and every chunk, and of what a
 * product page downloads before the launcher works (scripts/size.mjs, budget 30 KB gzip), against
 * the floor of the same toolchain: a one-button Lit element bundled and minified. In Chromium: time
 * to an interactive launcher on the demo product page against an empty page from the same server,
 * each load in a fresh browser context (cold cache), interleaved.
 *
 * Knobs: BENCH_PAGE_LOADS (15).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium } from '../../test/support/browser.js';
import { knob, QUICK, REPO_ROOT } from '../lib/config.js';
import { emitReport, figure, progress, type Figure } from '../lib/figures.js';
import { LAUNCHER_MARKS, RESOURCES_BEFORE } from '../lib/page-marks.js';
import { EMPTY_PAGE, snapshotStaticRoot } from '../lib/static-root.js';
import { startServerChild } from '../relay/server-child.js';

interface Measured {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}
interface EntryRow extends Omit<Measured, 'file'> {
  entry: string;
  files: string[];
  lazy?: string[];
}
interface SizeModule {
  LAUNCHER_BUDGET_GZIP: number;
  measure(file: string): Measured;
  entrySizes(): EntryRow[];
}

const started = performance.now();
const loads = knob('PAGE_LOADS', 15, 5);

function compress(bytes: Uint8Array): { raw: number; gzip: number; brotli: number } {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The toolchain's floor: Lit plus a one-button element with one style rule, minified. */
async function litFloor(): Promise<{ raw: number; gzip: number; brotli: number }> {
  const result = await build({
    stdin: {
      contents: `import { LitElement, html, css } from 'lit';
class HelloLauncher extends LitElement {
  static styles = css\`button { border-radius: 50%; }\`;
  render() { return html\`<button part="launcher" @click=\${() => this.dispatchEvent(new Event('open'))}>Chat</button>\`; }
}
customElements.define('hello-launcher', HelloLauncher);`,
      resolveDir: REPO_ROOT,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    conditions: ['browser', 'production'],
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced nothing');
  return compress(output.contents);
}

const snapshot = snapshotStaticRoot();
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
try {
  // scripts/size.mjs reads dist/ relative to the working directory: point it at the snapshot.
  const sizeModule = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/size.mjs')).href)) as SizeModule;
  process.chdir(snapshot.dir);
  const entries = sizeModule.entrySizes();
  const files = [
    sizeModule.measure('dist/support-widget.iife.js'),
    ...readdirSync('dist/cdn')
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((name) => sizeModule.measure(`dist/cdn/${name}`)),
  ];
  process.chdir(REPO_ROOT);
  const floor = await litFloor();
  const budget = sizeModule.LAUNCHER_BUDGET_GZIP;
  const chat = entries.find((row) => row.entry.startsWith('support-chat'));
  if (!chat) throw new Error('no support-chat entry in dist/cdn/manifest.json');
  const floorNote = 'baseline: Lit + a one-button element, esbuild-minified';
  figures.push(
    figure({
      section: 'size',
      name: 'launcher bytes before interactive (loader + support-chat eager chunks), gzip',
      unit: 'B',
      ours: [chat.gzip],
      baseline: { name: 'Lit floor', samples: [floor.gzip] },
      target: (ours) => ({ text: `<= ${budget} B gzip (30 KB)`, met: ours.median <= budget }),
      note: floorNote,
    }),
    figure({
      section: 'size',
      name: 'launcher bytes before interactive, brotli',
      unit: 'B',
      ours: [chat.brotli],
      baseline: { name: 'Lit floor', samples: [floor.brotli] },
      note: floorNote,
    }),
  );
  for (const row of entries.filter((r) => r !== chat && !r.entry.startsWith('loader'))) {
    figures.push(figure({ section: 'size', name: `${row.entry}, gzip`, unit: 'B', ours: [row.gzip], note: `brotli ${row.brotli} B, raw ${row.raw} B` }));
  }
  // Which entries download each file up front (eager) or may load it later (lazy).
  const manifest = JSON.parse(readFileSync(join(snapshot.dir, 'dist/cdn/manifest.json'), 'utf8')) as Record<string, { eager: string[]; lazy: string[] }>;
  const roleOf = (path: string): string => {
    const name = path.replace(/^dist\/cdn\//, '');
    if (!path.startsWith('dist/cdn/')) return 'script tag';
    const eager = Object.keys(manifest).filter((entry) => manifest[entry]?.eager.includes(name));
    const lazy = Object.keys(manifest).filter((entry) => manifest[entry]?.lazy.includes(name));
    const listed = [eager.length > 0 ? `eager: ${eager.join(', ')}` : '', lazy.length > 0 ? `lazy: ${lazy.join(', ')}` : ''].filter(Boolean).join('; ');
    if (listed) return listed;
    // Not in the manifest: a chunk that only another lazy chunk imports (e.g. an SDK).
    const importers = files.filter((other) => other.file !== path && readFileSync(other.file.replace(/^dist/, join(snapshot.dir, 'dist')), 'utf8').includes(name));
    return `lazy: imported by ${importers.map((other) => other.file.replace(/^dist\/cdn\//, '')).join(', ') || 'nothing'}`;
  };
  for (const file of files) {
    figures.push(
      figure({
        section: 'size',
        name: `file ${file.file.replace(/^dist\//, '')} (${roleOf(file.file)}), gzip`,
        unit: 'B',
        ours: [file.gzip],
        note: `brotli ${file.brotli} B, raw ${file.raw} B`,
      }),
    );
  }
  details['entries'] = entries;
  details['files'] = files;
  details['litFloor'] = floor;

  // Time to an interactive launcher, against an empty page, same server, same browser.
  snapshot.addPage('bench-empty.html', EMPTY_PAGE);
  const dataDir = mkdtempSync(join(tmpdir(), 'support-bench-size-'));
  const server = await startServerChild('relay-child.ts', { BENCH_DATA_DIR: dataDir, BENCH_STATIC_ROOT: snapshot.dir });
  const browser = await launchChromium();
  const base = `http://127.0.0.1:${server.port}`;
  const demoMs: number[] = [];
  const demoLoadMs: number[] = [];
  const emptyMs: number[] = [];
  let fetchedBeforeInteractive: { path: string; transfer: number; body: number }[] = [];
  let clickOpensPanel = false;
  try {
    for (let i = 0; i < loads; i += 1) {
      for (const page of ['empty', 'demo'] as const) {
        const context = await browser.newContext();
        try {
          const tab = await context.newPage();
          await tab.addInitScript(LAUNCHER_MARKS);
          await tab.goto(page === 'demo' ? `${base}/` : `${base}/demo/bench-empty.html`);
          const key = page === 'demo' ? 'launcher' : 'load';
          await tab.waitForFunction((name) => (window as unknown as { __bench: Record<string, number> }).__bench[name] !== undefined, key, { timeout: 20_000 });
          const marks = await tab.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
          if (page === 'empty') emptyMs.push(marks['load'] ?? Number.NaN);
          else {
            demoMs.push(marks['launcher'] ?? Number.NaN);
            if (marks['load'] !== undefined) demoLoadMs.push(marks['load']);
            if (i === 0) {
              fetchedBeforeInteractive = (await tab.evaluate(`(${RESOURCES_BEFORE})(${marks['launcher'] ?? 0})`)) as typeof fetchedBeforeInteractive;
              await tab.locator('support-chat [part~="launcher"]').click({ timeout: 5000 });
              clickOpensPanel = await tab.locator('support-chat [part~="panel"]').isVisible();
            }
          }
        } finally {
          await context.close();
        }
      }
      progress(`size: load ${i + 1}/${loads}: empty ${emptyMs.at(-1)?.toFixed(0)} ms, launcher ${demoMs.at(-1)?.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const scripts = fetchedBeforeInteractive.filter((r) => r.path.endsWith('.js'));
  // Our scripts only (the demo's own product.js is the shop's, not ours).
  const scriptGzip = scripts.reduce((sum, r) => sum + (files.find((f) => `/${f.file}` === r.path)?.gzip ?? 0), 0);
  figures.push(
    figure({
      section: 'size',
      name: 'time to interactive launcher, demo product page',
      unit: 'ms',
      ours: demoMs,
      baseline: { name: 'empty page loaded', samples: emptyMs },
      note: `navigation start -> launcher painted and hit-testable; fresh context per load; load event of the demo page: median ${demoLoadMs.sort((a, b) => a - b)[Math.floor(demoLoadMs.length / 2)]?.toFixed(0)} ms`,
    }),
    figure({
      section: 'size',
      name: 'scripts fetched before the launcher was interactive (browser), gzip',
      unit: 'B',
      ours: [scriptGzip],
      baseline: { name: 'scripts/size.mjs count', samples: [chat.gzip] },
      note: scripts.map((r) => r.path).join(', '),
    }),
  );
  details['fetchedBeforeInteractive'] = fetchedBeforeInteractive;
  details['clickOpensPanel'] = clickOpensPanel;
  if (!clickOpensPanel) throw new Error('clicking the launcher did not open the panel: the timing would be meaningless');
} finally {
  process.chdir(REPO_ROOT);
  snapshot.remove();
}

emitReport({ benchmark: 'size', config: { quick: QUICK, loads }, figures, details, wallMs: performance.now() - started });
