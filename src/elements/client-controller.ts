import type { ReactiveController } from 'lit';
import { loadBackend } from '../core/load-backend.js';
import { SupportClient } from '../core/support-client.js';
import { SupportError, toSupportError } from '../protocol/errors.js';
import type { SupportClientEvents } from '../core/types.js';
import type { Role } from '../protocol/model.js';
import { endpointTokenProvider } from '../tokens/index.js';
import { toTokenProvider } from '../tokens/token-provider.js';
import type { TokenProvider, TokenSource } from '../tokens/types.js';
import type { SupportElement } from './base.js';

/** Client events a host wants to handle itself, besides re-rendering. */
export type ClientListeners = {
  [K in keyof SupportClientEvents]?: (payload: SupportClientEvents[K]) => void;
};

export interface SupportClientControllerOptions {
  /** Role sent to the token endpoint: `customer` for the chat, `agent` for the inbox. */
  role: Role;
  listeners?: ClientListeners;
}

/** Client events that only need a re-render. */
const RENDER_EVENTS = ['conversation', 'typing', 'receipt', 'presence', 'hours'] as const;

/**
 * Connects an element to a `SupportClient`: re-renders on client events, re-dispatches them as
 * DOM events (`support-message`, `support-unread`, `support-connection`, `support-error`) and
 * unsubscribes when the element leaves the DOM.
 *
 * When the page sets no `client`, the controller creates one from the element's attributes,
 * connects it while the element is in the DOM and disposes it when the element is removed.
 */
export class SupportClientController implements ReactiveController {
  private current: SupportClient | undefined;
  /** The client was created here (not given by the page), so its lifecycle is ours. */
  private owned = false;
  private ownedConfig = '';
  private ownedTokenProvider: TokenSource | undefined;
  /** The tokens the element's own client signs in with (shared, so uploads reuse its cache). */
  private ownedTokens: TokenProvider | undefined;
  /** Tokens for a client the page gave: from the element's `tokenProvider` or `token-endpoint`. */
  private givenTokens: { key: unknown; provider: TokenProvider } | undefined;
  private subscription: AbortController | undefined;
  private configErrorReported = false;
  /** Aborts a scheduled creation of the element's own client. */
  private createScheduled: AbortController | undefined;
  private stateError: SupportError | undefined;
  /** Why my messages wait on the server (`storage-full`), from the client's `held` event. */
  private held: SupportError | undefined;

  constructor(
    private readonly host: SupportElement,
    private readonly options: SupportClientControllerOptions,
  ) {
    host.addController(this);
  }

  /** Why the connection is down, while it is; else why my messages wait on the server (for a visible, localised message). */
  get error(): SupportError | undefined {
    return this.stateError ?? this.held;
  }

  /** The client in use: the page's `client` property, or the element's own. */
  get client(): SupportClient | undefined {
    return this.current;
  }

  /**
   * Where the element gets tokens for requests beside the client's connection (uploads, media
   * URLs): the provider its own client uses, else (a client given by the page) one from the
   * element's `tokenProvider` or `token-endpoint`; undefined when it has neither.
   */
  get tokenProvider(): TokenProvider | undefined {
    if (this.owned) return this.ownedTokens;
    const source = this.host.tokenProvider;
    const key = source ?? this.configKey();
    if (this.givenTokens?.key !== key) {
      const made = source ?? this.endpointProvider();
      this.givenTokens = made ? { key, provider: toTokenProvider(made) } : undefined;
    }
    return this.givenTokens?.provider;
  }

  hostConnected(): void {
    this.sync();
  }

  /** Picks up a new `client` property or changed connection attributes before each render. */
  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.cancelCreate();
    this.unsubscribe();
    // A move within the page disconnects and reconnects synchronously: keep the client then.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.release();
    });
  }

  /** Connects (again) after a failure; the connection banner's retry button. */
  reconnect(): void {
    const client = this.current;
    if (client) this.connect(client);
  }

  private sync(): void {
    if (!this.host.isConnected) return;
    const given = this.host.client;
    if (given) {
      this.cancelCreate();
      if (given !== this.current) this.use(given, false);
      return;
    }
    if (this.current && !this.owned) this.release();
    if (this.current && this.ownedMatches()) {
      if (!this.subscription) this.subscribe(this.current);
      return;
    }
    this.scheduleCreate();
  }

  /**
   * Creates the element's own client once the page has finished parsing (deferred and module
   * scripts have run) and one task later, so attributes a page script sets right after the
   * element is defined (user id, name) are in the first token request.
   */
  private scheduleCreate(): void {
    if (this.createScheduled) return;
    const scheduled = new AbortController();
    this.createScheduled = scheduled;
    const later = (): void => {
      const timer = setTimeout(() => {
        void this.createOwned(scheduled.signal).finally(() => {
          if (this.createScheduled === scheduled) this.createScheduled = undefined;
        });
      }, 0);
      scheduled.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    };
    if (pageStillParsing()) {
      document.addEventListener('DOMContentLoaded', later, { once: true, signal: scheduled.signal });
    } else {
      later();
    }
  }

  /** Creates and connects the element's own client, unless `cancelled` aborts while its backend loads. */
  private async createOwned(cancelled: AbortSignal): Promise<void> {
    if (!this.host.isConnected || this.host.client || (this.current && this.ownedMatches())) return;
    this.release();
    // What the client is made from (attributes may change while its backend loads: then it is made again).
    const config = this.configKey();
    const tokenProvider = this.host.tokenProvider;
    const created = await this.create();
    if (!created) return;
    if (cancelled.aborted || !this.host.isConnected || this.host.client) {
      created.dispose();
      return;
    }
    this.use(created, true);
    this.ownedConfig = config;
    this.ownedTokenProvider = tokenProvider;
    this.connect(created);
  }

  private cancelCreate(): void {
    this.createScheduled?.abort();
    this.createScheduled = undefined;
  }

  private ownedMatches(): boolean {
    return this.owned && this.ownedConfig === this.configKey() && this.ownedTokenProvider === this.host.tokenProvider;
  }

  private use(client: SupportClient, owned: boolean): void {
    this.release();
    this.current = client;
    this.owned = owned;
    this.subscribe(client);
    this.host.requestUpdate();
  }

  /** Drops the current client; disposes it when it is ours. */
  private release(): void {
    this.unsubscribe();
    const client = this.current;
    if (client && this.owned) client.dispose();
    this.current = undefined;
    this.owned = false;
    this.stateError = undefined;
    this.held = undefined;
  }

  private async create(): Promise<SupportClient | undefined> {
    const host = this.host;
    const source = host.tokenProvider ?? this.endpointProvider();
    if (!source) {
      if (!this.configErrorReported) {
        this.configErrorReported = true;
        this.reportError(new SupportError('config', 'Set `client`, `tokenProvider` or `token-endpoint` on the element.'));
      }
      return undefined;
    }
    const tokenProvider = toTokenProvider(source);
    this.ownedTokens = tokenProvider;
    try {
      // The agora backend signs in to RTM before any welcome, so it takes the identity up front.
      const backend = await loadBackend({
        backend: host.backend,
        server: host.server || undefined,
        ...(host.backend === 'agora' ? { appId: host.appId || undefined, userId: host.userId || undefined, userName: host.userName || undefined } : {}),
        role: this.options.role,
      });
      return new SupportClient({ backend, tokenProvider });
    } catch (error) {
      this.reportError(toSupportError(error, 'config'));
      return undefined;
    }
  }

  private endpointProvider(): TokenSource | undefined {
    const { tokenEndpoint, userId, userName } = this.host;
    if (!tokenEndpoint) return undefined;
    const body: Record<string, string> = { role: this.options.role };
    if (userId) body.userId = userId;
    if (userName) body.userName = userName;
    return endpointTokenProvider(tokenEndpoint, { method: 'POST', body });
  }

  private connect(client: SupportClient): void {
    // A failure arrives as the client's `state` and `error` events (re-dispatched), not here.
    client.connect().catch(() => undefined);
  }

  private configKey(): string {
    const { backend, server, appId, tokenEndpoint, userId, userName } = this.host;
    return JSON.stringify([this.options.role, backend, server, appId, tokenEndpoint, userId, userName]);
  }

  private subscribe(client: SupportClient): void {
    this.unsubscribe();
    const subscription = new AbortController();
    this.subscription = subscription;
    const offs: Array<() => void> = [
      this.listen(client, 'state', (event) => {
        if (event.error) this.stateError = event.error;
        else if (event.state === 'connected') this.stateError = undefined;
        this.host.emit('support-connection', event);
      }),
      this.listen(client, 'message', (event) => {
        if (event.isNew) this.host.emit('support-message', { conversationId: event.conversationId, message: event.message });
      }),
      this.listen(client, 'unread', (event) => this.host.emit('support-unread', event)),
      this.listen(client, 'error', (error) => this.reportError(error)),
      this.listen(client, 'held', (event) => {
        this.held = event.error;
      }),
      ...RENDER_EVENTS.map((name) => this.listen(client, name, () => undefined)),
    ];
    subscription.signal.addEventListener('abort', () => offs.forEach((off) => off()), { once: true });
  }

  /** Subscribes to one client event: DOM re-dispatch, then the host's own listener, then a render. */
  private listen<K extends keyof SupportClientEvents>(
    client: SupportClient,
    name: K,
    redispatch: (payload: SupportClientEvents[K]) => void,
  ): () => void {
    return client.on(name, (payload) => {
      redispatch(payload);
      const own = this.options.listeners?.[name] as ((payload: SupportClientEvents[K]) => void) | undefined;
      own?.(payload);
      this.host.requestUpdate();
    });
  }

  private unsubscribe(): void {
    this.subscription?.abort();
    this.subscription = undefined;
  }

  /** Fires `support-error` for a failure the element met (a `config` one is also logged for the developer). */
  reportError(thrown: unknown): void {
    const error = toSupportError(thrown);
    if (error.code === 'config') console.warn(`<${this.host.localName}>: ${error.message}`);
    this.host.emit('support-error', { error, code: error.code, message: error.message });
  }
}

/**
 * True until `DOMContentLoaded` has fired: deferred scripts (such as the page's own glue after
 * the script tag) run while `readyState` is already `interactive`, so that alone cannot tell.
 */
function pageStillParsing(): boolean {
  if (document.readyState === 'loading') return true;
  if (document.readyState === 'complete') return false;
  const [navigation] = performance.getEntriesByType?.('navigation') ?? [];
  return navigation instanceof PerformanceNavigationTiming && navigation.domContentLoadedEventStart === 0;
}
