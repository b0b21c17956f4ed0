/**
 * In-page scripts of the history benchmark (strings: they run in the page as written).
 * Times are `performance.now()` in the page; a "shown" mark is taken in a task after the frame
 * that displays it, so it includes the paint.
 */

/**
 * Init script for the demo page: signs in as the seeded customer, and each frame notes when the
 * launcher is ready, when the history is in the (hidden) list and when messages are on screen.
 * In `cold` mode it clicks the launcher the moment it is ready, as an eager user would.
 */
export function chatInitScript(customerId: string, mode: 'cold' | 'warm'): string {
  return `(() => {
  localStorage.setItem('support-demo-customer', ${JSON.stringify(customerId)});
  const marks = (window.__hist = {});
  const root = () => { const host = document.querySelector('support-chat'); return host && host.shadowRoot; };
  const launcher = () => { const r = root(); return r && r.querySelector('[part~="launcher"]'); };
  const inDom = () => { const r = root(); return r ? r.querySelectorAll('[part~="message"]').length : 0; };
  const onScreen = () => {
    const r = root();
    const panel = r && r.querySelector('[part~="panel"]');
    if (!panel || panel.hidden || panel.getBoundingClientRect().height === 0) return 0;
    return r.querySelectorAll('[part~="message"]').length;
  };
  const after = (name, extra) => requestAnimationFrame(() => setTimeout(() => { if (marks[name] === undefined) { marks[name] = performance.now(); Object.assign(marks, extra); } }));
  window.__openChat = () => { marks.click = performance.now(); launcher().click(); };
  const poll = () => {
    const button = launcher();
    if (marks.launcher === undefined && button && button.getBoundingClientRect().width > 0) {
      marks.launcher = performance.now();
      if (${JSON.stringify(mode)} === 'cold') window.__openChat();
    }
    if (marks.inDom === undefined && inDom() > 0) marks.inDom = performance.now();
    const shown = onScreen();
    if (marks.click !== undefined && marks.shownAt === undefined && shown > 0) { marks.shownAt = 0; after('shown', { shownCount: shown }); }
    if (marks.shown === undefined) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;
}

/**
 * Scrolls a list up by `step` px per frame for `frames` frames; resolves with the frame
 * intervals (ms) and how many items are rendered at the end. `target` is `chat` or `plain`.
 */
export const SCROLL_FRAMES = `async ({ target, frames, step }) => {
  const chat = document.querySelector('support-chat');
  const root = target === 'chat' ? chat.shadowRoot : document;
  const list = target === 'chat' ? root.querySelector('.messages') : document.getElementById('list');
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const intervals = [];
  let last = await frame();
  for (let i = 0; i < frames; i += 1) {
    list.scrollTop -= step;
    const now = await frame();
    intervals.push(now - last);
    last = now;
  }
  const items = target === 'chat' ? root.querySelectorAll('[part~="message"]').length : list.children.length;
  return { intervals, items };
}`;

/**
 * Keeps scrolling the chat to the top until the client has no older page (or `budgetMs` runs
 * out); resolves with each page's time from reaching the top to the frame after it was rendered
 * (`items` per page counts the list's children: messages and day separators) and the messages
 * rendered at the end.
 */
export const LOAD_ALL = `async ({ budgetMs }) => {
  const chat = document.querySelector('support-chat');
  const root = chat.shadowRoot;
  const list = root.querySelector('.messages');
  const client = chat.activeClient;
  const id = chat.conversationId;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  // Cheap to read every frame (the list's direct children: messages and day separators).
  const count = () => list.childElementCount;
  const pages = [];
  const started = performance.now();
  while (client.hasMore(id) && performance.now() - started < budgetMs) {
    const before = count();
    const t0 = performance.now();
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    while (count() === before && performance.now() - t0 < 10000) await frame();
    await frame();
    await new Promise((resolve) => setTimeout(resolve));
    pages.push({ ms: performance.now() - t0, items: count() });
  }
  const messages = root.querySelectorAll('[part~="message"]').length;
  return { pages, totalMs: performance.now() - started, complete: !client.hasMore(id), items: messages };
}`;
