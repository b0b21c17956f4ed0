import type { PreparedFile } from '../uploads/upload-job.js';

/**
 * Where the files of queued messages wait until they are stored, keyed `<clientMsgId>/<slot>`
 * (see `fileKey`), so a message with a photo chosen offline survives a reload.
 */
export interface OutboxFileStore {
  put(key: string, file: PreparedFile): Promise<void>;
  get(key: string): Promise<PreparedFile | undefined>;
  /** Forgets every file of one message. */
  deleteMessage(clientMsgId: string): Promise<void>;
}

/** The key of a message's file number `slot`. */
export function fileKey(clientMsgId: string, slot: number): string {
  return `${clientMsgId}/${slot}`;
}

/** Files in memory: for this page only (Node, private modes without IndexedDB, `storage: null`). */
export class MemoryFileStore implements OutboxFileStore {
  private readonly files = new Map<string, PreparedFile>();

  put(key: string, file: PreparedFile): Promise<void> {
    this.files.set(key, file);
    return Promise.resolve();
  }

  get(key: string): Promise<PreparedFile | undefined> {
    return Promise.resolve(this.files.get(key));
  }

  deleteMessage(clientMsgId: string): Promise<void> {
    for (const key of [...this.files.keys()]) if (key.startsWith(`${clientMsgId}/`)) this.files.delete(key);
    return Promise.resolve();
  }
}

const DATABASE = 'support-widget';
const STORE = 'outbox-files';

function done(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function isPreparedFile(value: unknown): value is PreparedFile {
  const file = value as Partial<PreparedFile> | undefined;
  return typeof file === 'object' && file !== null && file.blob instanceof Blob && typeof file.name === 'string';
}

/**
 * Files in IndexedDB (database `support-widget`, store `outbox-files`), shared by the tabs of the
 * origin. When the database cannot be opened (blocked, private mode) it keeps them in memory.
 */
export class IndexedDbFileStore implements OutboxFileStore {
  private database: Promise<IDBDatabase | undefined> | undefined;
  private readonly fallback = new MemoryFileStore();

  constructor(private readonly factory: IDBFactory) {}

  async put(key: string, file: PreparedFile): Promise<void> {
    const db = await this.open();
    if (!db) return this.fallback.put(key, file);
    try {
      await this.request(db, 'readwrite', (store) => store.put(file, key));
    } catch {
      await this.fallback.put(key, file); // quota: this page keeps it
    }
  }

  async get(key: string): Promise<PreparedFile | undefined> {
    const db = await this.open();
    const stored = db ? await this.request(db, 'readonly', (store) => store.get(key)).catch(() => undefined) : undefined;
    return isPreparedFile(stored) ? stored : this.fallback.get(key);
  }

  async deleteMessage(clientMsgId: string): Promise<void> {
    await this.fallback.deleteMessage(clientMsgId);
    const db = await this.open();
    if (!db) return;
    // `/` sorts just before `0`: the keys of one message lie between `<id>/` and `<id>0`.
    const range = IDBKeyRange.bound(`${clientMsgId}/`, `${clientMsgId}0`, false, true);
    await this.request(db, 'readwrite', (store) => store.delete(range)).catch(() => undefined);
  }

  private request(db: IDBDatabase, mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    return done(make(db.transaction(STORE, mode).objectStore(STORE)));
  }

  private open(): Promise<IDBDatabase | undefined> {
    this.database ??= (async () => {
      try {
        const request = this.factory.open(DATABASE, 1);
        request.onupgradeneeded = () => {
          if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
        };
        const db = (await done(request)) as IDBDatabase;
        // Another tab upgrading the database closes this connection; the next call opens it again.
        db.onversionchange = () => {
          db.close();
          this.database = undefined;
        };
        return db;
      } catch {
        return undefined;
      }
    })();
    return this.database;
  }
}

/** IndexedDB when the environment has it, else memory. */
export function defaultFileStore(): OutboxFileStore {
  try {
    const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (factory) return new IndexedDbFileStore(factory);
  } catch {
    // Some private modes throw on access.
  }
  return new MemoryFileStore();
}
