import type { MediaSignal, MediaSignalAction, MediaSignalChannel } from '../media-types.js';
import { SupportError } from '../../protocol/errors.js';

/** Signals kept until the relay transport exists (as many as it keeps before `join()` itself). */
const MAX_BUFFERED_SIGNALS = 200;

/**
 * A `MediaSignalChannel` that listens to `source` from its construction and hands what arrived
 * before the first listener to that listener, in order, then forwards live.
 *
 * @example
 * const buffered = new BufferedMediaSignals(session); // listening from now on
 * new RelayMediaTransport({ signalling: buffered }); // later: gets what arrived meanwhile
 */
export class BufferedMediaSignals implements MediaSignalChannel {
  private buffered: MediaSignal[] = [];
  private listener: ((signal: MediaSignal) => void) | undefined;
  private readonly offSource: () => void;

  constructor(private readonly source: MediaSignalChannel) {
    this.offSource = source.on('media-signal', (signal) => {
      if (this.listener) return this.listener(signal);
      this.buffered.push(signal);
      if (this.buffered.length > MAX_BUFFERED_SIGNALS) this.buffered.shift();
    });
  }

  sendMediaSignal(action: MediaSignalAction, payload: unknown): Promise<void> {
    return this.source.sendMediaSignal(action, payload);
  }

  /** One listener (the transport); unsubscribing it stops listening to the source too. */
  on(_event: 'media-signal', listener: (signal: MediaSignal) => void): () => void {
    if (this.listener) throw new SupportError('internal', 'a buffered signal channel serves one media transport');
    this.listener = listener;
    for (const signal of this.buffered.splice(0)) listener(signal);
    return () => this.close();
  }

  /** Stops listening to the source and drops what was kept. */
  close(): void {
    this.listener = undefined;
    this.buffered = [];
    this.offSource();
  }
}
