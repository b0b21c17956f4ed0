// `npm run bench`: builds the bundles privately, runs every benchmark in its own process
// (TypeScript through `node --import tsx`), prints one table and writes everything to
// bench/results/<timestamp>.json (and .md). `node bench/run.mjs size call` runs a subset.
// BENCH_QUICK=1 for a smoke run of about a minute; BENCH_BUILD=0 measures the existing dist/.
// `--docs` also writes the table into docs/performance.md (between its `results` markers).
// Per-benchmark knobs: see the header of each benchmark file and docs/performance.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { privateBuild } from './private-build.mjs';
import { markdownTables, textTables } from './table.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env.BENCH_QUICK === '1';

/** Each benchmark with the wall-clock budget it is killed after (full, quick), seconds. */
const BENCHMARKS = [
  { name: 'size', file: 'bench/size/size.ts', budget: [180, 90] },
  { name: 'messaging', file: 'bench/relay/messaging.ts', budget: [600, 150] },
  { name: 'history', file: 'bench/history/history.ts', budget: [900, 420] },
  { name: 'call', file: 'bench/call/call-setup.ts', budget: [180, 90] },
  { name: 'connections', file: 'bench/relay/connection-cost.ts', budget: [420, 150] },
  { name: 'desk', file: 'bench/desk/desk.ts', budget: [900, 240] },
  { name: 'assistant', file: 'bench/assistant/assistant.ts', budget: [300, 120] },
  { name: 'network', file: 'bench/network/network.ts', budget: [1200, 420] },
];

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name));

function git(args) {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** What else the machine was doing: load averages and the kernel's IO pressure (the relay's fsyncs feel it). */
function machineLoad() {
  let ioPressure;
  try {
    ioPressure = readFileSync('/proc/pressure/io', 'utf8').trim().split('\n')[0];
  } catch {
    ioPressure = undefined;
  }
  return { loadavg: loadavg().map((x) => Number(x.toFixed(2))), ioPressure };
}

function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROME_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Runs one benchmark; resolves with its report, or rejects with why it did not produce one. */
function runBenchmark(benchmark, env) {
  const out = join(mkdtempSync(join(tmpdir(), 'support-bench-out-')), `${benchmark.name}.json`);
  const budgetMs = benchmark.budget[quick ? 1 : 0] * 1000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', benchmark.file], {
      cwd: repoRoot,
      env: { ...process.env, ...env, BENCH_OUT: out },
      stdio: ['ignore', 'inherit', 'inherit'],
      // Its own process group, so a timeout ends the benchmark and everything it started.
      detached: true,
    });
    const timer = setTimeout(() => {
      console.error(`  ${benchmark.name}: over its ${budgetMs / 1000} s budget, stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, budgetMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      try {
        const report = JSON.parse(readFileSync(out, 'utf8'));
        if (code !== 0) throw new Error(`exited with ${code ?? signal}`);
        resolve(report);
      } catch (error) {
        reject(new Error(`${benchmark.name} failed (${code ?? signal}): ${error.message}`));
      } finally {
        rmSync(dirname(out), { recursive: true, force: true });
      }
    });
  });
}

const startedAt = new Date();
const t0 = performance.now();
const loadBefore = machineLoad();
console.error(`bench: ${quick ? 'quick smoke run' : 'full run'} of ${selected.map((b) => b.name).join(', ')}`);
const env = {};
let build;
let built = 'existing dist/ (BENCH_BUILD=0)';
if (process.env.BENCH_BUILD !== '0' && selected.some((b) => ['size', 'history', 'desk', 'network'].includes(b.name))) {
  console.error('bench: building the bundles from a private copy of the sources');
  try {
    build = privateBuild(repoRoot);
    env.BENCH_BUILD_ROOT = build.dir;
    built = 'private build of the working tree';
  } catch (error) {
    // Measure what is there rather than nothing, and say so in the table's header and the JSON.
    built = 'existing dist/: THE PRIVATE BUILD FAILED';
    console.error(`bench: ${error.message}\nbench: WARNING: measuring the existing dist/ instead`);
  }
}
const reports = [];
const failures = [];
try {
  for (const benchmark of selected) {
    const started = performance.now();
    console.error(`bench: ${benchmark.name}`);
    try {
      reports.push(await runBenchmark(benchmark, env));
    } catch (error) {
      failures.push({ benchmark: benchmark.name, error: error.message });
      console.error(`bench: ${error.message}`);
    }
    console.error(`bench: ${benchmark.name} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
} finally {
  build?.remove();
}

const figures = reports.flatMap((r) => r.figures);
const durationMs = performance.now() - t0;
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const result = {
  startedAt: startedAt.toISOString(),
  durationMs,
  quick,
  git: { commit: git(['rev-parse', 'HEAD']), dirty: (git(['status', '--porcelain']) ?? '') !== '' },
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryBytes: totalmem(), node: process.version, chromium: chromiumVersion() },
  load: { before: loadBefore, after: machineLoad() },
  built,
  reports,
  failures,
};
const resultsDir = join(repoRoot, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify(result, null, 2));
const header =
  `Run ${result.startedAt}, ${quick ? 'BENCH_QUICK=1' : 'full'}, ${(durationMs / 1000).toFixed(0)} s, commit ${result.git.commit?.slice(0, 10) ?? '?'}` +
  `${result.git.dirty ? ' (dirty tree)' : ''}, ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}, ${result.machine.chromium ?? 'Chromium ?'}; ` +
  `load average ${loadBefore.loadavg[0]} before, ${result.load.after.loadavg[0]} after; bundles: ${built}`;
writeFileSync(join(resultsDir, `${stamp}.md`), `${header}\n\n${markdownTables(figures)}`);

if (process.argv.includes('--docs')) {
  const docs = join(repoRoot, 'docs/performance.md');
  const text = readFileSync(docs, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  if (!text.includes(start) || !text.includes(end)) throw new Error(`${docs} lacks the ${start} / ${end} markers`);
  const table = `${start}\n${header}\n\n${markdownTables(figures).trim()}\n${end}`;
  writeFileSync(docs, text.slice(0, text.indexOf(start)) + table + text.slice(text.indexOf(end) + end.length));
  console.error('bench: docs/performance.md updated');
}

console.log(`\n${header}\n`);
console.log(textTables(figures));
for (const failure of failures) console.log(`FAILED ${failure.benchmark}: ${failure.error}`);
console.log(`results: bench/results/${stamp}.json (and .md), ${(durationMs / 1000).toFixed(0)} s in all`);
process.exit(failures.length > 0 ? 1 : 0);
