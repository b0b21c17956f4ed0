/** Minimal `localStorage`-shaped store used for the outbox. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}


/** In-memory `KeyValueStorage` (Node, private browsing, or `storage: null`). */
export class MemoryStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** `globalThis.localStorage` when it exists and works (it throws in some private modes), else memory. */
export function defaultStorage(): KeyValueStorage {
  try {
    const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (storage) {
      storage.getItem('support-widget:probe');
      return storage;
    }
  } catch {
    // Fall back to memory.
  }
  return new MemoryStorage();
}
