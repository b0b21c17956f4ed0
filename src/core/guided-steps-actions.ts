import { SupportError, toSupportError } from '../protocol/errors.js';
import { applyTick, type StepList, type StepsProgress, type StepsResult, type StepTick } from '../protocol/guided-steps.js';
import { isStaff } from '../protocol/desk.js';
import { checklistWithDone, readGuidedSteps } from '../protocol/validate-steps.js';
import type { GuidedStepsOptions } from './guided-steps-client.js';

/** One step's tick: which checklist and step. */
function keyOf(tick: Pick<StepTick, 'conversationId' | 'seq' | 'step'>): string {
  return `${tick.conversationId}\n${tick.seq}\n${tick.step}`;
}

/**
 * What `client.steps` does once used (loaded by dynamic `import()`): ticks kept until the backend
 * stored them (sent at once while connected, else after the next welcome; the latest state of each
 * step wins), a `steps` frame applied to the checklist message, and the staff's canned lists.
 */
export class GuidedStepsActions {
  private readonly ticks = new Map<string, StepTick>();

  constructor(private readonly options: GuidedStepsOptions) {}

  waiting(conversationId: string, seq: number): Map<number, boolean> {
    const waiting = new Map<number, boolean>();
    for (const tick of this.ticks.values()) if (tick.conversationId === conversationId && tick.seq === seq) waiting.set(tick.step, tick.done);
    return waiting;
  }

  /** Keeps the tick (shown as waiting) and sends it now when connected; rejects only when the backend refused it for good. */
  tick(tick: StepTick): Promise<void> {
    if (!Number.isInteger(tick.seq) || tick.seq < 1 || !Number.isInteger(tick.step) || tick.step < 0) {
      return Promise.reject(new SupportError('bad-frame', 'no such step', { retryable: false }));
    }
    this.ticks.set(keyOf(tick), tick);
    this.changed(tick.conversationId);
    return this.options.isConnected() ? this.send(tick) : Promise.resolve();
  }

  /** After a welcome: every tick still waiting goes out (a refusal is reported as an `error` event). */
  flush(): void {
    for (const tick of [...this.ticks.values()]) this.send(tick).catch((error: unknown) => this.options.events.emit('error', toSupportError(error)));
  }

  /** A checklist's states as the backend stored them: the message shows them (a `message` event). */
  progress(progress: StepsProgress): void {
    const { store, events } = this.options;
    const change = store.replaceBody(progress.conversationId, progress.seq, (body) => checklistWithDone(body, progress.done));
    if (change) events.emit('message', change);
  }

  async lists(): Promise<StepList[]> {
    return this.listsOf(await this.desk({ kind: 'steps-list' }));
  }

  async saveList(list: StepList): Promise<StepList[]> {
    return this.listsOf(await this.desk({ kind: 'steps-put', list }));
  }

  async deleteList(id: string): Promise<StepList[]> {
    return this.listsOf(await this.desk({ kind: 'steps-delete', id }));
  }

  /** Sends one tick; a retryable failure (the link dropped) keeps it for the next welcome. */
  private async send(tick: StepTick): Promise<void> {
    const key = keyOf(tick);
    try {
      const progress = await this.storeTick(tick);
      if (this.ticks.get(key) === tick) this.ticks.delete(key); // a newer tick of the step still waits
      this.progress(progress);
      this.changed(tick.conversationId);
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (error.retryable) return;
      if (this.ticks.get(key) === tick) this.ticks.delete(key);
      this.changed(tick.conversationId);
      throw error;
    }
  }

  /** The backend stores the tick: the relay in the checklist (a coded action), Agora as an RTM message of the new states. */
  private async storeTick(tick: StepTick): Promise<StepsProgress> {
    const { transport, timeoutMs } = this.options;
    if (transport.publishSteps) return transport.publishSteps(tick.conversationId, tick.seq, this.statesAfter(tick), { timeoutMs });
    const action = { kind: 'step' as const, ...tick };
    const result = isStaff(this.options.self()?.role ?? 'customer') ? await this.desk(action) : await this.customer(action);
    if (result.kind !== 'steps') throw unexpected();
    return result.progress;
  }

  /** Every step's state once `tick` applies to the checklist as this client has it (Agora: no relay checks it). */
  private statesAfter(tick: StepTick): boolean[] {
    const message = this.options.store.view(tick.conversationId)?.messages.find((m) => m.seq === tick.seq && m.kind === 'steps');
    const checklist = message && readGuidedSteps(message.body);
    if (!checklist) throw new SupportError('not-found', 'no checklist with this seq in the conversation', { retryable: false });
    if (tick.step >= checklist.steps.length) throw new SupportError('bad-frame', `the checklist has ${checklist.steps.length} steps`, { retryable: false });
    return applyTick(checklist, tick.step, tick.done).done ?? [];
  }

  private async desk(action: Parameters<NonNullable<GuidedStepsOptions['transport']['desk']>>[0]): Promise<StepsResult> {
    const { transport, timeoutMs } = this.options;
    if (!transport.desk) throw noSteps();
    const result = await transport.desk(action, { timeoutMs });
    if (result.kind !== 'steps' && result.kind !== 'step-lists') throw unexpected();
    return result;
  }

  private async customer(action: Parameters<NonNullable<GuidedStepsOptions['transport']['customer']>>[0]): Promise<StepsResult> {
    const { transport, timeoutMs } = this.options;
    if (!transport.customer) throw noSteps();
    const result = await transport.customer(action, { timeoutMs });
    if (result.kind !== 'steps') throw unexpected();
    return result;
  }

  private listsOf(result: StepsResult): StepList[] {
    if (result.kind !== 'step-lists') throw unexpected();
    return result.lists;
  }

  /** A tick waits or stopped waiting: the conversation's listeners draw it. */
  private changed(conversationId: string): void {
    this.options.events.emit('conversation', { conversationId });
  }
}

function noSteps(): SupportError {
  return new SupportError('config', 'this backend has no guided steps (use the relay)', { retryable: false });
}

function unexpected(): SupportError {
  return new SupportError('internal', 'the backend answered another kind of result');
}
