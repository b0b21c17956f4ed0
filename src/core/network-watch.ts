/**
 * Calls `online` and `offline` on the page's `online` and `offline` events (the device's network
 * came back, or went away); returns the unsubscribe. Outside a page it does nothing.
 */
export function watchNetwork(handlers: { online(): void; offline(): void }): () => void {
  const target = globalThis as {
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
  };
  if (typeof target.addEventListener !== 'function') return () => undefined;
  const online = (): void => handlers.online();
  const offline = (): void => handlers.offline();
  target.addEventListener('online', online);
  target.addEventListener('offline', offline);
  return () => {
    target.removeEventListener?.('online', online);
    target.removeEventListener?.('offline', offline);
  };
}
