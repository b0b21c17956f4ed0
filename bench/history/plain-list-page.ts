/**
 * The history baseline: a page that renders the same texts as plain `<div>`s in a scrolling box
 * the size of the chat panel, all at once, when `renderPlainList()` is called; it resolves with
 * the ms from the call to the frame after the list was painted. Three files, because the relay's
 * demo CSP forbids inline scripts and styles.
 */
export function plainListFiles(texts: readonly string[]): Record<string, string> {
  return {
    'bench-plain-list.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plain list</title>
<link rel="stylesheet" href="/demo/bench-plain-list.css">
<script src="/demo/bench-plain-list-data.js"></script>
<script src="/demo/bench-plain-list.js"></script>
</head><body></body></html>
`,
    'bench-plain-list.css': 'body{font:14px system-ui,sans-serif;margin:0} #list{position:fixed;right:16px;bottom:16px;inline-size:380px;block-size:600px;overflow:auto} #list div{padding:6px 10px;margin:4px 0}\n',
    'bench-plain-list-data.js': `window.BENCH_TEXTS = ${JSON.stringify(texts)};\n`,
    'bench-plain-list.js': `window.renderPlainList = () => new Promise((resolve) => {
  const started = performance.now();
  const list = document.createElement('div');
  list.id = 'list';
  for (const text of window.BENCH_TEXTS) {
    const item = document.createElement('div');
    item.textContent = text;
    list.append(item);
  }
  document.body.append(list);
  list.scrollTop = list.scrollHeight;
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
});
`,
  };
}
