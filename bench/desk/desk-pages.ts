/**
 * In-page parts of the desk benchmark (strings: they run in the page as written). A "painted"
 * mark is taken in a task after the frame that shows the rows, so it includes the paint; times
 * are `performance.now()`, that is ms since the navigation started.
 */

/** Init script for the demo agent desk (`/agent/`): notes when the first queue rows are painted, and how many are in the DOM. */
export const DESK_INIT = `(() => {
  const marks = (window.__desk = {});
  const rows = () => { const host = document.querySelector('support-inbox'); return host && host.shadowRoot ? host.shadowRoot.querySelectorAll('[part~="conversation"]').length : 0; };
  const poll = () => {
    const count = rows();
    if (count > 0) {
      requestAnimationFrame(() => setTimeout(() => { marks.painted = performance.now(); marks.rows = rows(); }));
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

/**
 * Loads the whole queue page by page in the open desk; resolves with the time it took, the rows then
 * in the DOM and how often the relay said `rate-limited` (200 pages in a row outrun its frame budget
 * of 30/s, burst 60: the loop waits and retries, as the error asks, so the time includes those waits).
 */
export const LOAD_WHOLE_QUEUE = `async () => {
  const host = document.querySelector('support-inbox');
  const client = host.activeClient;
  const started = performance.now();
  let limited = 0;
  while (client.hasMoreConversations()) {
    try {
      await client.loadMoreConversations();
    } catch (error) {
      if (error?.code !== 'rate-limited' || limited > 1000) throw error;
      limited += 1;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await host.updateComplete;
  return { ms: performance.now() - started, known: client.conversations().length, rows: host.shadowRoot.querySelectorAll('[part~="conversation"]').length, limited };
}`;

/**
 * Mounts a second desk on the client that already holds the whole queue (the first one hidden);
 * resolves with the ms from mounting to the first rows painted, and how many rows are in the DOM.
 */
export const MOUNT_LOADED_DESK = `async () => {
  const first = document.querySelector('support-inbox');
  first.style.display = 'none';
  const desk = document.createElement('support-inbox');
  desk.client = first.activeClient;
  const started = performance.now();
  document.body.append(desk);
  const rows = () => desk.shadowRoot ? desk.shadowRoot.querySelectorAll('[part~="conversation"]').length : 0;
  while (rows() === 0) await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const ms = performance.now() - started;
  const count = rows();
  desk.remove();
  first.style.display = '';
  return { ms, rows: count };
}`;

/** Jumps the list (`desk` or `plain`) to its end; resolves with the ms to the painted frame and the rows then in the DOM. */
export const JUMP_TO_END = `async (target) => {
  const root = target === 'desk' ? document.querySelector('support-inbox').shadowRoot : document;
  const list = target === 'desk' ? root.querySelector('[part~="conversation-list"]') : document.getElementById('list');
  const started = performance.now();
  list.scrollTop = list.scrollHeight;
  list.dispatchEvent(new Event('scroll'));
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  if (target === 'desk') await document.querySelector('support-inbox').updateComplete;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const rows = target === 'desk' ? root.querySelectorAll('[part~="conversation"]').length : list.children.length;
  return { ms: performance.now() - started, rows };
}`;

/**
 * The baseline: a page that renders the same queue (name, time, preview per conversation) as
 * plain list items, all at once, when it loads, and notes when they are painted (`__desk.painted`,
 * and `renderMs` from its script's start).
 * Separate files: the relay's demo CSP forbids inline scripts and styles.
 */
export function plainQueueFiles(rows: ReadonlyArray<{ name: string; preview: string }>): Record<string, string> {
  return {
    'bench-desk-plain.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plain queue</title>
<link rel="stylesheet" href="/demo/bench-desk-plain.css">
<script src="/demo/bench-desk-plain-data.js" defer></script>
<script src="/demo/bench-desk-plain.js" defer></script>
</head><body></body></html>
`,
    'bench-desk-plain.css': 'body{font:14px system-ui,sans-serif;margin:0} #list{list-style:none;margin:0;padding:0;inline-size:320px;block-size:600px;overflow:auto} #list li{display:grid;grid-template-columns:1fr auto;padding:10px 16px;border-block-end:1px solid #ddd} #list span:last-child{grid-column:1/-1;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n',
    'bench-desk-plain-data.js': `window.BENCH_ROWS = ${JSON.stringify(rows)};\n`,
    'bench-desk-plain.js': `(() => {
  const marks = (window.__desk = {});
  const started = performance.now();
  const list = document.createElement('ul');
  list.id = 'list';
  for (const row of window.BENCH_ROWS) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = row.name;
    const time = document.createElement('time');
    time.textContent = '5 min';
    const preview = document.createElement('span');
    preview.textContent = row.preview;
    item.append(name, time, preview);
    list.append(item);
  }
  document.body.append(list);
  requestAnimationFrame(() => setTimeout(() => { marks.painted = performance.now(); marks.renderMs = marks.painted - started; marks.rows = list.children.length; }));
})();
`,
  };
}
