/**
 * Init scripts that time a page from inside it (ms since navigation start, `performance.now()`).
 * A mark is taken in a task after the frame that shows the thing, so it counts the paint.
 * They are strings: they run in the page before any of its own scripts.
 */

/** `__bench.load`: the frame after the load event. `__bench.launcher`: the frame after `<support-chat>`'s launcher is on screen and hit-testable. */
export const LAUNCHER_MARKS = `(() => {
  const bench = (window.__bench = {});
  const mark = (name) => requestAnimationFrame(() => setTimeout(() => { bench[name] ??= performance.now(); }));
  const launcherReady = () => {
    const host = document.querySelector('support-chat');
    const button = host && host.shadowRoot && host.shadowRoot.querySelector('[part~="launcher"]');
    if (!button || button.disabled) return false;
    const box = button.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const hit = host.shadowRoot.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit === button || button.contains(hit);
  };
  const poll = () => (launcherReady() ? mark('launcher') : requestAnimationFrame(poll));
  addEventListener('load', () => mark('load'));
  requestAnimationFrame(poll);
})();`;

/** Resources (path, bytes on the wire) whose response ended before `until` (ms since navigation start). */
export const RESOURCES_BEFORE = `(until) => performance.getEntriesByType('resource')
  .filter((entry) => entry.responseEnd <= until)
  .map((entry) => ({ path: new URL(entry.name).pathname, transfer: entry.transferSize, body: entry.encodedBodySize }))`;
