import { SupportError } from '../protocol/errors.js';
import type { TokenProvider } from '../tokens/types.js';
import type { MessagingTransport, TransportWelcome } from '../transports/types.js';
import { ConnectionLoop, type ConnectionAttempt } from './connection-loop.js';
import { watchNetwork } from './network-watch.js';
import type { ReconnectPolicy } from './reconnect-policy.js';
import type { ConnectionState } from './types.js';

export interface ClientLinkOptions {
  transport: MessagingTransport;
  tokens: TokenProvider;
  policy: ReconnectPolicy;
  timeoutMs: number;
  /** Where each conversation resumes (the last seq the client has). */
  resume: () => Record<string, number>;
  /** A welcome arrived; the link is marked up right after, then `linked` is called. */
  welcome: (welcome: TransportWelcome) => void;
  /** The link is up after a welcome: send what waited for it. */
  linked: (welcome: TransportWelcome) => void;
  /** The link went down (the transport closed). */
  down: () => void;
  onState: (state: ConnectionState, error?: SupportError) => void;
}

/**
 * The client's link to its backend: signs in (token, visitor merge, resume points) on each
 * attempt of the reconnect loop, knows whether the link is up, and drops a socket that lingers
 * when the device goes offline (reconnecting when it is back).
 */
export class ClientLink {
  private readonly loop: ConnectionLoop;
  private linkUp = false;
  /** The socket was dropped because the device went offline (a retryable loss, not a `stop()`). */
  private droppedOffline = false;
  private stopListeningForNetwork: (() => void) | undefined;

  constructor(private readonly options: ClientLinkOptions) {
    this.loop = new ConnectionLoop({
      policy: options.policy,
      attempt: (attempt) => this.attempt(attempt),
      onState: (state, error) => options.onState(state, error),
    });
  }

  /** True between a welcome and the transport's close. */
  get up(): boolean {
    return this.linkUp;
  }

  get state(): ConnectionState {
    return this.loop.state;
  }

  /** Resolves on the first welcome; retryable failures keep reconnecting (see `ConnectionLoop`). */
  start(): Promise<void> {
    this.listenForNetwork();
    return this.loop.start();
  }

  stop(): void {
    this.stopListeningForNetwork?.();
    this.stopListeningForNetwork = undefined;
    this.loop.stop();
    this.options.transport.disconnect();
    this.linkUp = false;
  }

  /** The transport closed (its `close` event). */
  closed(error: SupportError | undefined, retryable: boolean): void {
    this.linkUp = false;
    this.options.down();
    const offline = this.droppedOffline;
    this.droppedOffline = false;
    if (offline) this.loop.connectionLost(new SupportError('network', 'the device is offline'), true);
    else this.loop.connectionLost(error, retryable);
  }

  private async attempt({ forceRefresh, signal }: ConnectionAttempt): Promise<void> {
    const { tokens, transport, timeoutMs } = this.options;
    const token = await tokens.getToken({ forceRefresh, signal });
    // Best effort: without the visitor's token the sign-in still works, it just merges nothing.
    const mergeFrom = await tokens.mergeFrom?.({ signal }).catch(() => undefined);
    const resume = this.options.resume();
    const welcome = await transport.connect({ token, resume, signal, timeoutMs, ...(mergeFrom === undefined ? {} : { mergeFrom }) });
    if (signal.aborted) throw new SupportError('closed', 'connection attempt aborted');
    this.options.welcome(welcome);
    this.linkUp = true;
    this.options.linked(welcome);
  }

  private listenForNetwork(): void {
    if (this.stopListeningForNetwork) return;
    this.stopListeningForNetwork = watchNetwork({
      online: () => this.loop.retryNow(),
      offline: () => {
        if (!this.linkUp) return;
        // The socket may linger without carrying anything: drop it, queue meanwhile, reconnect when back.
        this.droppedOffline = true;
        this.options.transport.disconnect();
      },
    });
  }
}
