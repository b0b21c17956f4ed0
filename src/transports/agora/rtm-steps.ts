/**
 * Guided steps over RTM (issue 20). Agora has no relay to store a tick, so the ticker publishes the
 * checklist's new states as a `t: 'steps'` envelope kept in RTM history (as a message is): members
 * online apply it at once (like a receipt), and a history page folds the newest states into the
 * checklist message it holds, so a reload or another device shows them too.
 */
import { STEPS_LIMITS } from '../../protocol/guided-steps.js';
import type { WireMessage } from '../../protocol/model.js';
import { checklistWithDone } from '../../protocol/validate-steps.js';

/** The states a `steps` envelope carries: which checklist (its message's seq) and every step's state. */
export interface StepsStates {
  seq: number;
  done: boolean[];
}

/** The `seq` and `done` of a `steps` envelope, or undefined when they are not a checklist's states. */
export function parseStepsStates(o: Record<string, unknown>): StepsStates | undefined {
  const { seq, done } = o;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return undefined;
  if (!Array.isArray(done) || done.length === 0 || done.length > STEPS_LIMITS.maxSteps || !done.every((d) => typeof d === 'boolean')) return undefined;
  return { seq, done: done as boolean[] };
}

/**
 * The newest states of each checklist of one conversation seen in its history, by the RTM server's
 * time: pages come newest first, so the states of a checklist in an older page are known already.
 */
export class StepsHistory {
  private readonly newest = new Map<string, { done: boolean[]; at: number }>();

  /** A `steps` envelope read from history at the RTM server time `at`. */
  note(conversationId: string, states: StepsStates, at: number): void {
    const key = `${conversationId}\n${states.seq}`;
    const known = this.newest.get(key);
    if (!known || known.at <= at) this.newest.set(key, { done: states.done, at });
  }

  /** The page's checklists with their newest known states. */
  fold(messages: WireMessage[]): WireMessage[] {
    return messages.map((message) => {
      const states = message.kind === 'steps' ? this.newest.get(`${message.conversationId}\n${message.seq}`) : undefined;
      const body = states && checklistWithDone(message.body, states.done);
      return body === undefined ? message : { ...message, body };
    });
  }
}
