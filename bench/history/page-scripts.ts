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
 * (`loaded`: messages the client holds then), the frame intervals over the whole climb, the
 * messages rendered at the end and the DOM nodes of the message list then (elements, and all
 * nodes with text). Pages are counted in the client, not the DOM: a windowed list keeps the
 * same number of children.
 */
export const LOAD_ALL = `async ({ budgetMs }) => {
  const chat = document.querySelector('support-chat');
  const root = chat.shadowRoot;
  const list = root.querySelector('.messages');
  const client = chat.activeClient;
  const id = chat.conversationId;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const loaded = () => client.conversation(id).messages.length;
  const intervals = [];
  let climbing = true;
  const sampler = (async () => {
    let last = await frame();
    while (climbing) {
      const now = await frame();
      intervals.push(now - last);
      last = now;
    }
  })();
  const pages = [];
  const started = performance.now();
  while (client.hasMore(id) && performance.now() - started < budgetMs) {
    const before = loaded();
    const t0 = performance.now();
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    while (loaded() === before && performance.now() - t0 < 10000) await frame();
    await frame();
    await new Promise((resolve) => setTimeout(resolve));
    pages.push({ ms: performance.now() - t0, loaded: loaded() });
  }
  const totalMs = performance.now() - started;
  climbing = false;
  await sampler;
  const count = (what) => {
    const walker = document.createTreeWalker(list, what);
    let n = 1;
    while (walker.nextNode()) n += 1;
    return n;
  };
  const rendered = root.querySelectorAll('[part~="message"]').length;
  return {
    pages, totalMs, intervals, complete: !client.hasMore(id), loaded: loaded(), rendered,
    nodes: { elements: count(NodeFilter.SHOW_ELEMENT), all: count(NodeFilter.SHOW_ALL) },
  };
}`;

/** DOM nodes of the plain list (elements, and all nodes with text), for the same count as LOAD_ALL's. */
export const PLAIN_NODES = `(() => {
  const list = document.getElementById('list');
  const count = (what) => {
    const walker = document.createTreeWalker(list, what);
    let n = 1;
    while (walker.nextNode()) n += 1;
    return n;
  };
  return { elements: count(NodeFilter.SHOW_ELEMENT), all: count(NodeFilter.SHOW_ALL) };
})()`;
