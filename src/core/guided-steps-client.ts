import type { Emitter } from '../base/emitter.js';
import type { GuidedSteps, StepList, StepsProgress } from '../protocol/guided-steps.js';
import type { UserRef } from '../protocol/model.js';
import type { MessagingTransport } from '../transports/types.js';
import type { ConversationStore } from './conversation-store.js';
import type { GuidedStepsActions } from './guided-steps-actions.js';
import type { ChatMessage, SendInput, SupportClientEvents } from './types.js';

export interface GuidedStepsOptions {
  transport: Pick<MessagingTransport, 'customer' | 'desk' | 'publishSteps'>;
  timeoutMs: number;
  store: ConversationStore;
  events: Emitter<SupportClientEvents>;
  self(): UserRef | undefined;
  /** True while the link is up (ticks go out at once). */
  isConnected(): boolean;
  /** Queues a message like `client.send()`. */
  send(conversationId: string, input: SendInput): ChatMessage;
}

/**
 * Guided steps (`client.steps`, issue 20): checklists staff send (a message of kind `steps`) and the
 * customer ticks. A tick is shown at once as waiting (`waiting()`), sent while connected or else
 * after the next welcome, and stored by the backend in the checklist itself: every member's client
 * then updates the checklist message (a `message` event) as the relay's `steps` frame says.
 * Staff also use the shop's canned step lists. The actions' code loads on first use; this class
 * (about 175 B gzip) stays in the launcher, as `send()` and `waiting()` answer at once. Rejects
 * with a coded `SupportError` (`forbidden`, `not-found`;
 * `config` on a backend without guided steps).
 *
 * @example
 * client.steps.send(conversationId, { title: 'Pair your earbuds', steps: [{ text: 'Open the case' }, { text: 'Hold the button for 3 s' }] });
 * client.steps.tick(conversationId, checklistSeq, 0, true);
 */
export class GuidedStepsClient {
  private actions: Promise<GuidedStepsActions> | undefined;
  private loaded: GuidedStepsActions | undefined;

  constructor(private readonly options: GuidedStepsOptions) {}

  /** Staff: sends a checklist into the conversation (no step done yet); it is queued like any message. */
  send(conversationId: string, checklist: Pick<GuidedSteps, 'title' | 'steps'>): ChatMessage {
    const { title, steps } = checklist;
    return this.options.send(conversationId, { kind: 'steps', body: JSON.stringify({ v: 1, title, steps }) });
  }

  /** Ticks (`done: true`) or unticks step `step` (from 0) of the checklist message `seq`. */
  tick(conversationId: string, seq: number, step: number, done: boolean): Promise<void> {
    return this.use((actions) => actions.tick({ conversationId, seq, step, done }));
  }

  /** The ticks of checklist `seq` that wait to be stored (step -> wanted state); empty when none. */
  waiting(conversationId: string, seq: number): ReadonlyMap<number, boolean> {
    return this.loaded?.waiting(conversationId, seq) ?? new Map();
  }

  /** Staff: the shop's canned step lists (`stepListsFor()` picks those of a product card). */
  lists(): Promise<StepList[]> {
    return this.use((actions) => actions.lists());
  }

  /** Admins: adds or replaces (same `id`) a canned step list; resolves with the shop's lists. */
  saveList(list: StepList): Promise<StepList[]> {
    return this.use((actions) => actions.saveList(list));
  }

  /** Admins: deletes a canned step list; resolves with the shop's lists. */
  deleteList(id: string): Promise<StepList[]> {
    return this.use((actions) => actions.deleteList(id));
  }

  /** A checklist changed on the backend (a `steps` frame). */
  progress(progress: StepsProgress): void {
    void this.use((actions) => Promise.resolve(actions.progress(progress))).catch(() => undefined);
  }

  /** After a welcome: sends the ticks made while offline. */
  flush(): void {
    this.loaded?.flush();
  }

  /** The actions' code loads on first use. */
  private use<T>(action: (actions: GuidedStepsActions) => Promise<T>): Promise<T> {
    this.actions ??= import('./guided-steps-actions.js').then(
      ({ GuidedStepsActions }) => (this.loaded = new GuidedStepsActions(this.options)),
      (error: unknown) => {
        this.actions = undefined; // the next call tries again
        throw error;
      },
    );
    return this.actions.then(action);
  }
}
