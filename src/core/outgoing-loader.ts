import type { UserRef } from '../protocol/model.js';
import { draftOf } from '../protocol/message-draft.js';
import { kindOfType } from '../uploads/file-kind.js';
import type { UploadJob } from '../uploads/upload-job.js';
import { toSupportError } from '../protocol/errors.js';
import type { OutgoingMessages, OutgoingMessagesOptions } from './outgoing-messages.js';
import { randomId } from '../base/random-id.js';
import type { ChatMessage, MessageUpload, SendInput } from './types.js';
import { outboxKey } from './outbox-key.js';

const NOBODY: UserRef = { id: '', name: '', role: 'customer' };
/** How long after the user is known the code loads when nothing asked for it earlier. */
const IDLE_LOAD_MS = 2000;

type Load = () => Promise<{ OutgoingMessages: typeof OutgoingMessages }>;

function isJob(file: NonNullable<SendInput['files']>[number]): file is UploadJob {
  return typeof (file as Partial<UploadJob>).run === 'function';
}

/**
 * The client's outgoing messages (`OutgoingMessages`: outbox, files, tabs), whose code is loaded
 * apart from what a page needs before the launcher works: at the first send (or retry, discard),
 * when this user's stored outbox holds something (pending messages from an earlier page or another
 * tab), when the chat panel opens, and otherwise two seconds after the user is known. Until
 * it has arrived a sent message shows at once all the same, and everything asked of it meanwhile
 * is done, in order, when it arrives (also after `stop()`, so a message sent right away is still
 * persisted).
 */
export class OutgoingLoader {
  private real: OutgoingMessages | undefined;
  private loading: Promise<void> | undefined;
  private readonly waiting: ((real: OutgoingMessages) => void)[] = [];
  private stopped = false;
  private userId: string | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The user the outbox belongs to, given to it as soon as it arrives. */
  private bound: UserRef | undefined;

  constructor(
    private readonly options: OutgoingMessagesOptions,
    private readonly load: Load = () => import('./outgoing-messages.js'),
  ) {}

  queue(conversationId: string, input: SendInput): ChatMessage {
    if (this.real) return this.real.queue(conversationId, input);
    const clientMsgId = input.clientMsgId || randomId();
    const at = Date.now();
    const { store, events } = this.options;
    const message = provisional(conversationId, { ...input, clientMsgId }, at, store.user ?? NOBODY);
    store.addLocal(message);
    events.emit('message', { conversationId, message, isNew: true });
    events.emit('conversation', { conversationId });
    this.later((real) => real.queue(conversationId, { ...input, clientMsgId }, at), true);
    return message;
  }

  retry(conversationId: string, clientMsgId: string): void {
    this.later((real) => real.retry(conversationId, clientMsgId), true);
  }

  discard(conversationId: string, clientMsgId: string): void {
    this.later((real) => real.discard(conversationId, clientMsgId), true);
  }

  bind(me: UserRef): void {
    this.userId = me.id;
    this.bound = me;
    if (this.real) this.real.bind(me);
    else if (this.hasStored()) this.start();
    // Otherwise soon after connecting, off the launcher's critical path: then this tab follows
    // the shared outbox (another tab's pending messages) even if it never sends.
    else this.idleTimer ??= setTimeout(() => this.start(), IDLE_LOAD_MS);
  }

  echoed(clientMsgId: string): void {
    if (this.real) this.real.echoed(clientMsgId);
    else if (this.loading) this.waiting.push((real) => real.echoed(clientMsgId));
    // Not loading: nothing of this page is pending; a stored entry of another tab that the relay
    // already has is answered with its first seq when it is sent again (idempotent by clientMsgId).
  }

  flush(): void {
    if (this.real) this.real.flush();
    else if (this.loading) this.waiting.push((real) => real.flush());
    else if (this.hasStored()) this.later((real) => real.flush(), true);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.idleTimer);
    this.real?.stop();
  }

  /** Loads the code now (idempotent). */
  prepare(): void {
    if (!this.real) this.start();
  }

  /** Calls `action` now, or when the code has arrived (loading it when `load`). */
  private later(action: (real: OutgoingMessages) => void, load: boolean): void {
    if (this.real) {
      action(this.real);
      return;
    }
    this.waiting.push(action);
    if (load) this.start(); // again, after a failed load
  }

  /** Whether this user's stored outbox holds anything (pending entries or another tab's). */
  private hasStored(): boolean {
    if (this.userId === undefined) return false;
    try {
      return this.options.storage.getItem(outboxKey(this.userId)) !== null;
    } catch {
      return true; // unreadable storage: let the outbox itself decide
    }
  }

  private start(): void {
    this.loading ??= this.load().then(
      ({ OutgoingMessages }) => {
        const real = new OutgoingMessages(this.options);
        this.real = real;
        if (this.bound) real.bind(this.bound);
        for (const action of this.waiting.splice(0)) action(real);
        if (this.stopped) real.stop();
      },
      (error: unknown) => {
        this.loading = undefined; // the next call tries again
        this.options.events.emit('error', toSupportError(error, 'network'));
      },
    );
  }
}

/** How a message sent before the outbox code arrived shows meanwhile. */
function provisional(conversationId: string, input: SendInput & { clientMsgId: string }, at: number, me: UserRef): ChatMessage {
  const files = input.files ?? [];
  const attachments = [...(input.attachments ?? []), ...files.flatMap((file) => (isJob(file) && file.attachment ? [file.attachment] : []))];
  const uploads = files.flatMap((file): MessageUpload[] => {
    if (isJob(file)) return file.attachment ? [] : [{ name: file.name, kind: file.kind, state: 'waiting', progress: 0 }];
    return [{ name: file.name, kind: kindOfType(file.blob.type), state: 'waiting', progress: 0 }];
  });
  return {
    ...draftOf({ ...input, conversationId, kind: input.kind ?? 'text', attachments }),
    from: me,
    at,
    mine: true,
    status: 'sending',
    ...(uploads.length > 0 ? { uploads } : {}),
  };
}
