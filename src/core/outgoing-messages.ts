import type { UserRef } from '../protocol/model.js';
import { draftOf } from '../protocol/message-draft.js';
import type { OutgoingMessage, TransportAck } from '../transports/types.js';
import type { TokenProvider } from '../tokens/types.js';
import { relayUploadProvider } from '../uploads/relay-upload-provider.js';
import type { UploadProvider } from '../uploads/types.js';
import type { ConversationStore } from './conversation-store.js';
import type { Emitter } from '../base/emitter.js';
import type { SupportError } from '../protocol/errors.js';
import { defaultFileStore, MemoryFileStore, type OutboxFileStore } from './outbox-file-store.js';
import { OutboxFiles } from './outbox-files.js';
import { entryLockName, OutboxSender } from './outbox-sender.js';
import { Outbox, outboxMessage, type OutboxChanges, type OutboxEntry } from './outbox.js';
import { randomId } from '../base/random-id.js';
import type { TabLock } from './tab-lock.js';
import type { ChatMessage, KeyValueStorage, SendInput, SupportClientEvents } from './types.js';

const NOBODY: UserRef = { id: '', name: '', role: 'customer' };

export interface OutgoingMessagesOptions {
  store: ConversationStore;
  events: Emitter<SupportClientEvents>;
  storage: KeyValueStorage;
  /** Where files wait; default IndexedDB (memory with `memoryFiles`). */
  fileStore?: OutboxFileStore;
  memoryFiles?: boolean;
  send(message: OutgoingMessage): Promise<TransportAck>;
  isConnected(): boolean;
  /** The page's upload provider, if it set one. */
  uploadProvider(): UploadProvider | undefined;
  /** Else files go to this relay's `/uploads` (relay backend). */
  relayUploads?: { server: string; tokenProvider: TokenProvider };
  lock: TabLock;
}

/**
 * The client's own messages until the server has them: shown at once, kept in the outbox (and
 * their files in the file store) across reloads, their files stored first, sent in order, shared
 * with the user's other tabs so none is lost or sent by two tabs at once. DOM-free.
 */
export class OutgoingMessages {
  private readonly outbox: Outbox;
  private readonly files: OutboxFiles;
  private readonly sender: OutboxSender;
  private readonly stopWatching: () => void;
  private relayUploads: UploadProvider | undefined;
  /** Why sends wait on the server (`storage-full`), until one is stored again. */
  private held: SupportError | undefined;

  constructor(private readonly options: OutgoingMessagesOptions) {
    const outbox = new Outbox(options.storage);
    this.outbox = outbox;
    this.files = new OutboxFiles({
      outbox,
      store: options.fileStore ?? (options.memoryFiles ? new MemoryFileStore() : defaultFileStore()),
      provider: () => options.uploadProvider() ?? this.defaultUploads(),
      changed: (clientMsgId) => this.refresh(clientMsgId),
    });
    this.sender = new OutboxSender({
      outbox,
      send: options.send,
      isConnected: options.isConnected,
      prepare: (entry) => this.files.complete(entry),
      lock: options.lock,
      onAck: (entry, ack) => this.onAck(entry, ack),
      onFailed: (entry, error) => this.onFailed(entry, error),
      onHeld: (_entry, error) => this.hold(error),
    });
    outbox.onForeignChange((changes) => this.applyForeign(changes));
    this.stopWatching = watchStorage((key) => {
      if (key !== null && key !== outbox.storageKey) return;
      outbox.sync();
      this.sender.flush();
    });
  }

  /**
   * Queues a message (already validated): it shows at once and is sent when it can be. A message
   * the loader already showed (sent before this module arrived, at `at`) is replaced in place.
   */
  queue(conversationId: string, input: SendInput, at = Date.now()): ChatMessage {
    const clientMsgId = input.clientMsgId || randomId();
    const { attachments, files } = this.files.take(clientMsgId, conversationId, input.attachments ?? [], input.files ?? []);
    const entry: OutboxEntry = {
      ...draftOf({ ...input, clientMsgId, conversationId, kind: input.kind ?? 'text', attachments }),
      ...(files.length > 0 ? { files } : {}),
      at,
    };
    const shown = this.shown(conversationId, clientMsgId);
    const message = outboxMessage(entry, this.me(), this.files.uploads(entry));
    if (!shown) this.options.store.addLocal(message);
    this.outbox.add(entry);
    if (files.length > 0) {
      // Until this tab's uploads end and the bytes are saved, no tab takes the message (before the flush: locks go in order).
      this.options.lock(entryLockName(clientMsgId), () => this.files.settle(clientMsgId)).catch(() => undefined);
    }
    if (shown) {
      this.refresh(clientMsgId);
    } else {
      this.options.events.emit('message', { conversationId, message, isNew: true });
      this.options.events.emit('conversation', { conversationId });
    }
    this.sender.flush();
    return message;
  }

  /** Sends a failed message again (its files too, when they are not stored yet). */
  retry(conversationId: string, clientMsgId: string): void {
    if (!this.outbox.get(clientMsgId)) return;
    this.outbox.markPending(clientMsgId);
    this.refresh(clientMsgId);
    this.sender.flush();
  }

  /** Drops an unacknowledged message, cancelling its uploads. */
  discard(conversationId: string, clientMsgId: string): void {
    this.outbox.remove(clientMsgId, true);
    this.files.release(clientMsgId, true);
    if (this.options.store.discard(conversationId, clientMsgId)) this.options.events.emit('conversation', { conversationId });
  }

  /** The user is known (a welcome): their queued messages, from any tab or an earlier page, show and go. */
  bind(me: UserRef): void {
    for (const entry of this.outbox.bind(me.id)) this.show(entry);
  }

  /** My message came back from the server (another tab sent it, or it was acked before a reload). */
  echoed(clientMsgId: string): void {
    if (!this.outbox.get(clientMsgId)) return;
    this.outbox.remove(clientMsgId);
    this.files.release(clientMsgId);
  }

  flush(): void {
    this.sender.flush();
  }

  stop(): void {
    this.sender.stop();
    this.stopWatching();
  }

  private me(): UserRef {
    return this.options.store.user ?? NOBODY;
  }

  /** On `relay`, files go to the relay server's `/uploads` with the client's tokens. */
  private defaultUploads(): UploadProvider | undefined {
    if (!this.relayUploads && this.options.relayUploads) {
      try {
        this.relayUploads = relayUploadProvider(this.options.relayUploads);
      } catch {
        return undefined; // a malformed `server`: the connection reports it
      }
    }
    return this.relayUploads;
  }

  /** True when my message with this id is in the thread. */
  private shown(conversationId: string, clientMsgId: string): boolean {
    return this.options.store.view(conversationId)?.messages.some((m) => m.mine && m.clientMsgId === clientMsgId) ?? false;
  }

  /** Shows a queued message that is not in the thread yet. */
  private show(entry: OutboxEntry): void {
    if (this.shown(entry.conversationId, entry.clientMsgId)) return;
    const message = outboxMessage(entry, this.me(), this.files.uploads(entry));
    this.options.store.addLocal(message);
    this.options.events.emit('message', { conversationId: entry.conversationId, message, isNew: true });
  }

  /** Shows a queued message as its entry and files are now. */
  private refresh(clientMsgId: string): void {
    const entry = this.outbox.get(clientMsgId);
    if (!entry) return;
    const now = outboxMessage(entry, this.me(), this.files.uploads(entry));
    const message = this.options.store.updateLocal(entry.conversationId, clientMsgId, (shown) => ({ ...now, from: shown.from }));
    if (message) this.options.events.emit('message', { conversationId: entry.conversationId, message, isNew: false });
  }

  private onAck(entry: OutboxEntry, ack: TransportAck): void {
    this.hold();
    this.outbox.remove(entry.clientMsgId);
    this.files.release(entry.clientMsgId);
    const message = this.options.store.acknowledge(ack.conversationId, ack.clientMsgId, ack.seq, ack.at);
    if (message) this.options.events.emit('message', { conversationId: ack.conversationId, message, isNew: false });
  }

  /** The server cannot store sends (`storage-full`: they stay queued), or (no error) it stored one again: `held` when that changes. */
  private hold(error?: SupportError): void {
    if (error && error.code !== 'storage-full') return; // brief waits (rate-limited, network) are not news
    if (!this.held !== !error) this.options.events.emit('held', error ? { error } : {});
    this.held = error;
  }

  private onFailed(entry: OutboxEntry, error: SupportError): void {
    this.outbox.markFailed(entry.clientMsgId, error);
    this.refresh(entry.clientMsgId);
    this.options.events.emit('error', error);
  }

  /** Another tab of the user queued, changed, sent or discarded messages. */
  private applyForeign(changes: OutboxChanges): void {
    for (const entry of changes.added) this.show(entry);
    for (const entry of changes.changed) this.refresh(entry.clientMsgId);
    for (const { entry, discarded } of changes.removed) {
      this.files.release(entry.clientMsgId, true);
      // A message sent by another tab stays: the server's echo (or the next resume) confirms it.
      if (discarded && this.options.store.discard(entry.conversationId, entry.clientMsgId)) {
        this.options.events.emit('conversation', { conversationId: entry.conversationId });
      }
    }
    if (changes.added.length > 0) this.sender.flush();
  }
}

/** Calls `changed(key)` on the page's `storage` events (another tab wrote); returns the unsubscribe. */
function watchStorage(changed: (key: string | null) => void): () => void {
  const target = globalThis as {
    addEventListener?: (type: string, listener: (event: { key: string | null }) => void) => void;
    removeEventListener?: (type: string, listener: (event: { key: string | null }) => void) => void;
  };
  if (typeof target.addEventListener !== 'function') return () => undefined;
  const listener = (event: { key: string | null }): void => changed(event.key);
  target.addEventListener('storage', listener);
  return () => target.removeEventListener?.('storage', listener);
}
