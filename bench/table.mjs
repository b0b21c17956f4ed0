// Formats benchmark figures (see bench/lib/figures.ts) as a plain-text or Markdown table.

const SECTION_TITLES = {
  size: 'Size and launcher',
  messaging: 'Relay messaging',
  history: 'History (10,000 messages)',
  call: 'Call setup',
  connections: 'Relay connection cost',
  desk: 'Agent desk (10,000 conversations, search over 1,000,000 messages)',
  assistant: 'Assistant (offline provider, demo knowledge base, question set)',
  network: 'Weak networks (netem profiles: chat through a TCP proxy, calls through coturn and a UDP proxy)',
};

function digits(value, unit) {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'B' || unit === 'acked msg/s') return Math.round(value).toLocaleString('en-US');
  const abs = Math.abs(value);
  const places = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(places);
}

/** `median [min–max] unit` (no spread for a single sample). */
export function formatSummary(summary, unit) {
  if (!summary || summary.n === 0) return '—';
  const median = `${digits(summary.median, unit)} ${unit}`;
  if (summary.n === 1 || summary.min === summary.max) return median;
  return `${median} [${digits(summary.min, unit)}–${digits(summary.max, unit)}]`;
}

function row(figure) {
  const ratio = Number.isFinite(figure.ratio) ? `${figure.ratio.toFixed(2)}x` : '—';
  const target = figure.target ? `${figure.target.text}: ${figure.target.met ? 'met' : 'MISSED'}` : '';
  const baseline = figure.baseline ? `${formatSummary(figure.baseline.value, figure.unit)} (${figure.baseline.name})` : '—';
  return [figure.name, formatSummary(figure.ours, figure.unit), baseline, ratio, target];
}

const HEADER = ['figure', 'ours: median [min–max]', 'baseline: median [min–max]', 'ratio', 'target'];

/** Markdown: one table per section, with each figure's note (method, brotli and raw bytes...). */
export function markdownTables(figures) {
  const out = [];
  const header = [...HEADER, 'note'];
  for (const [section, title] of Object.entries(SECTION_TITLES)) {
    const rows = figures.filter((f) => f.section === section).map((f) => [...row(f), f.note ?? '']);
    if (rows.length === 0) continue;
    out.push(`### ${title}`, '', `| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const cells of rows) out.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Plain text for the terminal: aligned columns, one block per section. */
export function textTables(figures) {
  const out = [];
  for (const [section, title] of Object.entries(SECTION_TITLES)) {
    const rows = figures.filter((f) => f.section === section).map(row);
    if (rows.length === 0) continue;
    const all = [HEADER, ...rows];
    const widths = HEADER.map((_, i) => Math.min(i === 0 ? 84 : 46, Math.max(...all.map((r) => r[i].length))));
    const line = (cells) => cells.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ');
    out.push(`== ${title} ==`, line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '));
    for (const cells of rows) out.push(line(cells));
    out.push('');
  }
  return out.join('\n');
}
