/**
 * An in-memory Agora RTM 2.x "cloud" for tests. Every class implements a `Pick` of the SDK's own
 * declared classes (`RTMClient`, `RTMPresence`, `RTMHistory`) and builds the SDK's declared event
 * objects, so a change of the SDK's API breaks this file's typecheck. Several clients share one
 * `FakeRtmNetwork`, so a customer and an agent can talk.
 *
 * Behaviour modelled on the SDK 2.3.0 bundle and Agora's limits page: 32 KB packets, 60 publishes
 * per second per client, 50 subscribed message channels, 64-byte channel names, error objects
 * with `code`/`errorCode`/`reason`, own messages echoed to the publisher, presence snapshots on
 * subscribe, `getMessages` newest first with `newStart` (0 when nothing older is stored).
 */
import type {
  ErrorInfo,
  GetMessagesResponse,
  GetHistoryMessageOptions,
  GetOnlineUsersOptions,
  GetOnlineUsersResponse,
  HistoryChannelType,
  HistoryMessage,
  LoginResponse,
  LogoutResponse,
  PublishOptions,
  PublishResponse,
  RemoveStateOptions,
  RemoveStateResponse,
  RenewTokenResponse,
  RTMClient,
  RTMConfig,
  RTMEvents,
  RTMHistory,
  RTMPresence,
  ChannelType,
  SetStateResponse,
  StateDetail,
  SubscribeOptions,
  SubscribeResponse,
  UnsubscribeResponse,
  WhoNowOptions,
  WhoNowResponse,
} from 'agora-rtm-sdk';
import type { RtmSdkModule } from '../../../src/transports/agora/rtm-sdk.js';

type EventMap = RTMEvents.RTMClientEventMap;
/** `LoginOptions` is not exported by the SDK: take it from `login`'s signature. */
type LoginOptions = NonNullable<Parameters<RTMClient['login']>[0]>;
type LinkState = RTMEvents.LinkState;
type LinkReason = RTMEvents.LinkStateChangeReasonCode;

/** SDK error numbers the fake produces (values of the SDK bundle's RTM_ERROR_* table). */
export const FAKE_RTM_ERROR = {
  NOT_LOGIN: -10002,
  INVALID_APP_ID: -10003,
  INVALID_TOKEN: -10005,
  INVALID_CHANNEL_NAME: -10008,
  TOKEN_EXPIRED: -10009,
  OPERATION_RATE_EXCEED_LIMITATION: -10021,
  CHANNEL_INSTANCE_EXCEED_LIMITATION: -11005,
  CHANNEL_MESSAGE_LENGTH_EXCEED_LIMITATION: -11010,
  CHANNEL_CUSTOM_TYPE_LENGTH_OVERFLOW: -11029,
  HISTORY_NOT_AVAILABLE: -15005,
} as const;

/** Shaped like the SDK's `RTMBaseError`. */
export class FakeRtmError extends Error implements ErrorInfo {
  readonly error = true;
  readonly code: number;
  readonly errorCode: number;
  readonly reason: string;
  readonly operation: string;

  constructor(operation: string, code: number, reason: string) {
    super(`${operation}: ${reason}`);
    this.name = 'RtmUnavailableError';
    this.code = code;
    this.errorCode = code;
    this.reason = reason;
    this.operation = operation;
  }
}

const CHANNEL_NAME = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,64}$/;
const MAX_PACKET_BYTES = 32_768;
const MAX_PUBLISH_PER_SECOND = 60;
const MAX_MESSAGE_CHANNELS = 50;
const PAGE_SIZE = 50;

interface Member {
  client: FakeRTM;
  withMessage: boolean;
  withPresence: boolean;
  quiet: boolean;
}

interface Channel {
  members: Map<string, Member>;
  states: Map<string, StateDetail>;
  history: HistoryMessage[];
}

export interface FakeRtmNetworkOptions {
  /** Decides a login/renew token: true, false (invalid) or 'expired'. Default: `token:<userId>`. */
  checkToken?: (userId: string, token: string | undefined) => boolean | 'expired';
  /** RTM history enabled for the project. Default true. */
  historyEnabled?: boolean;
  /** Delay of every delivery, ms. Default 0 (next macrotask). */
  latencyMs?: number;
  /** The SDK's client-side publish limit per rolling second. Default 60 (as the SDK). */
  publishPerSecond?: number;
}

/** The shared fake cloud. */
export class FakeRtmNetwork {
  /** No network: calls hang forever (login reports DISCONNECTED/LOGIN_TIMEOUT first), as the SDK does offline. */
  unreachable = false;
  /** Calls take effect but their answers are lost (a publish delivered, its ack never seen). */
  dropReplies = false;
  historyEnabled: boolean;
  readonly clients = new Set<FakeRTM>();
  readonly channels = new Map<string, Channel>();
  /** Tokens passed to `renewToken`, by user. */
  readonly renewed = new Map<string, string[]>();
  readonly latencyMs: number;
  readonly publishPerSecond: number;
  private readonly checkToken: (userId: string, token: string | undefined) => boolean | 'expired';

  constructor(options: FakeRtmNetworkOptions = {}) {
    this.historyEnabled = options.historyEnabled ?? true;
    this.latencyMs = options.latencyMs ?? 0;
    this.publishPerSecond = options.publishPerSecond ?? MAX_PUBLISH_PER_SECOND;
    this.checkToken = options.checkToken ?? ((userId, token) => token === `token:${userId}`);
  }

  /** The SDK module to inject with `loadSdk: async () => network.sdk()`. */
  sdk(): RtmSdkModule {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below closes over this network
    const network = this;
    return {
      RTM: class extends FakeRTM {
        constructor(...args: ConstructorParameters<typeof RTMClient>) {
          super(network, ...args);
        }
      },
    };
  }

  tokenVerdict(userId: string, token: string | undefined): boolean | 'expired' {
    return this.checkToken(userId, token);
  }

  channel(name: string): Channel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { members: new Map(), states: new Map(), history: [] };
      this.channels.set(name, channel);
    }
    return channel;
  }

  /** The logged-in client of a user (connected or briefly disconnected). */
  client(userId: string): FakeRTM | undefined {
    return [...this.clients].find((c) => c.userId === userId && (c.linkState === 'CONNECTED' || c.linkState === 'DISCONNECTED'));
  }

  /** Moves a user's link to `state` as the SDK would report it. */
  link(userId: string, state: LinkState, reasonCode: LinkReason, extra: { isResumed?: boolean } = {}): void {
    this.client(userId)?.changeLink(state, reasonCode, 'SERVER_REJECT', extra.isResumed ?? false);
  }

  /** Fires `tokenPrivilegeWillExpire` on a user's client. */
  warnTokenExpiry(userId: string): void {
    const client = this.client(userId);
    client?.later(() => client.fire('tokenPrivilegeWillExpire', ''));
  }

  /** Messages stored in a channel's history (oldest first). */
  stored(channel: string): HistoryMessage[] {
    return [...(this.channels.get(channel)?.history ?? [])];
  }
}

function bytes(message: string | Uint8Array): number {
  return typeof message === 'string' ? new TextEncoder().encode(message).byteLength : message.byteLength;
}

/** One fake RTM client (what `new AgoraRTM.RTM(appId, userId, config)` returns). */
export class FakeRTM
  implements
    Pick<RTMClient, 'login' | 'logout' | 'subscribe' | 'unsubscribe' | 'publish' | 'renewToken' | 'addEventListener' | 'removeEventListener'>
{
  readonly presence: FakePresence;
  readonly history: FakeHistory;
  readonly userId: string;
  readonly config: RTMConfig | undefined;
  linkState: LinkState = 'IDLE';
  private readonly listeners = new Map<keyof EventMap, Set<(...args: never[]) => void>>();
  private readonly publishTimes: number[] = [];

  constructor(
    readonly network: FakeRtmNetwork,
    ...[appId, userId, config]: ConstructorParameters<typeof RTMClient>
  ) {
    if (!appId) throw new FakeRtmError('constructor', FAKE_RTM_ERROR.INVALID_APP_ID, 'Invalid app id.');
    this.userId = userId;
    this.config = config;
    this.presence = new FakePresence(this);
    this.history = new FakeHistory(this);
    network.clients.add(this);
  }

  addEventListener<E extends keyof EventMap>(eventName: E, listener: EventMap[E]): void {
    let set = this.listeners.get(eventName);
    if (!set) this.listeners.set(eventName, (set = new Set()));
    set.add(listener);
  }

  removeEventListener<E extends keyof EventMap>(eventName: E, listener: EventMap[E]): void {
    this.listeners.get(eventName)?.delete(listener);
  }

  fire<E extends keyof EventMap>(eventName: E, ...args: Parameters<EventMap[E]>): void {
    for (const listener of [...(this.listeners.get(eventName) ?? [])]) {
      (listener as unknown as (...a: Parameters<EventMap[E]>) => void)(...args);
    }
  }

  /** Runs `work` after the network latency (or never, when unreachable). */
  later(work: () => void): void {
    setTimeout(work, this.network.latencyMs);
  }

  /** Resolves like a network round trip; hangs when the network is unreachable. */
  reply<T>(work: () => T): Promise<T> {
    if (this.network.unreachable) return new Promise<T>(() => undefined);
    return new Promise<T>((resolve, reject) =>
      this.later(() => {
        try {
          const result = work();
          if (!this.network.dropReplies) resolve(result);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
  }

  changeLink(state: LinkState, reasonCode: LinkReason, operation: RTMEvents.LinkOperation, isResumed = false): void {
    const previousState = this.linkState;
    this.linkState = state;
    // A brief DISCONNECTED keeps the subscriptions (RTM restores them); the other states lose them.
    if (state !== 'CONNECTED' && state !== 'DISCONNECTED' && state !== 'CONNECTING') this.leaveAll();
    this.later(() =>
      this.fire('linkState', {
        currentState: state,
        previousState,
        serviceType: 'MESSAGE',
        operation,
        reason: reasonCode,
        reasonCode,
        affectedChannels: [],
        unrestoredChannels: [],
        isResumed,
        timestamp: Date.now(),
      }),
    );
  }

  login(options?: LoginOptions): Promise<LoginResponse> {
    if (this.network.unreachable) {
      // As the real SDK offline (seen in Chromium): CONNECTING, then DISCONNECTED/LOGIN_TIMEOUT, retrying forever.
      this.changeLink('CONNECTING', 'LOGIN', 'LOGIN');
      this.changeLink('DISCONNECTED', 'LOGIN_TIMEOUT', 'LOGIN');
      return new Promise<LoginResponse>(() => undefined);
    }
    return this.reply(() => {
      const verdict = this.network.tokenVerdict(this.userId, options?.token);
      if (verdict !== true) {
        const expired = verdict === 'expired';
        this.changeLink('FAILED', expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', 'LOGIN');
        throw new FakeRtmError(
          'login',
          expired ? FAKE_RTM_ERROR.TOKEN_EXPIRED : FAKE_RTM_ERROR.INVALID_TOKEN,
          expired ? 'Token expired.' : 'Invalid token.',
        );
      }
      // RTM allows one online instance per user id: the older one is kicked out.
      this.network.client(this.userId)?.changeLink('FAILED', 'SAME_UID_LOGIN', 'SERVER_REJECT');
      this.changeLink('CONNECTED', 'LOGIN_SUCCESS', 'LOGIN');
      return { timestamp: Date.now() };
    });
  }

  logout(): Promise<LogoutResponse> {
    return this.reply(() => {
      this.leaveAll();
      this.linkState = 'IDLE';
      this.listeners.clear();
      this.network.clients.delete(this);
      return { timestamp: Date.now() };
    });
  }

  requireLogin(operation: string): void {
    if (this.linkState !== 'CONNECTED') throw new FakeRtmError(operation, FAKE_RTM_ERROR.NOT_LOGIN, 'Not login.');
  }

  subscribe(channelName: string, options?: SubscribeOptions): Promise<SubscribeResponse> {
    return this.reply(() => {
      this.requireLogin('subscribe');
      if (!CHANNEL_NAME.test(channelName)) {
        throw new FakeRtmError('subscribe', FAKE_RTM_ERROR.INVALID_CHANNEL_NAME, 'Invalid channel name.');
      }
      const subscribed = [...this.network.channels.values()].filter((c) => c.members.has(this.userId)).length;
      if (subscribed >= MAX_MESSAGE_CHANNELS) {
        throw new FakeRtmError('subscribe', FAKE_RTM_ERROR.CHANNEL_INSTANCE_EXCEED_LIMITATION, 'Channel instance exceed limitation.');
      }
      const channel = this.network.channel(channelName);
      const member: Member = {
        client: this,
        withMessage: options?.withMessage ?? true,
        withPresence: options?.withPresence ?? true,
        quiet: options?.beQuiet ?? false,
      };
      channel.members.set(this.userId, member);
      if (member.withPresence) {
        const snapshot = [...channel.members.keys()].map((userId) => {
          const states = channel.states.get(userId) ?? {};
          return { userId, states, statesCount: Object.keys(states).length };
        });
        this.later(() => this.fire('presence', this.presenceEvent(channelName, 'SNAPSHOT', this.userId, { snapshot })));
      }
      if (!member.quiet) this.broadcastPresence(channelName, 'REMOTE_JOIN', {});
      return { timestamp: Date.now(), channelName };
    });
  }

  unsubscribe(channelName: string): Promise<UnsubscribeResponse> {
    return this.reply(() => {
      this.leave(channelName);
      return { timestamp: Date.now(), channelName };
    });
  }

  publish(channelName: string, message: string | Uint8Array, options?: PublishOptions): Promise<PublishResponse> {
    const now = Date.now();
    // The SDK refuses these before sending anything: rejected even without a network.
    while (this.publishTimes.length > 0 && (this.publishTimes[0] ?? 0) <= now - 1000) this.publishTimes.shift();
    if (this.publishTimes.length >= this.network.publishPerSecond) {
      return Promise.reject(
        new FakeRtmError('publish', FAKE_RTM_ERROR.OPERATION_RATE_EXCEED_LIMITATION, 'The operation rate exceeds limitation.'),
      );
    }
    if (bytes(message) > MAX_PACKET_BYTES) {
      return Promise.reject(
        new FakeRtmError('publish', FAKE_RTM_ERROR.CHANNEL_MESSAGE_LENGTH_EXCEED_LIMITATION, 'Publish too long message.'),
      );
    }
    if ((options?.customType ?? '').length > 32) {
      return Promise.reject(new FakeRtmError('publish', FAKE_RTM_ERROR.CHANNEL_CUSTOM_TYPE_LENGTH_OVERFLOW, 'Custom type too long.'));
    }
    this.publishTimes.push(now);
    return this.reply(() => {
      this.requireLogin('publish');
      const timestamp = Date.now();
      const channel = this.network.channel(channelName);
      const customType = options?.customType ?? '';
      const messageType = typeof message === 'string' ? 'STRING' : 'BINARY';
      if (options?.storeInHistory && this.network.historyEnabled) {
        channel.history.push({ message, messageType, customType, publisher: this.userId, timestamp });
      }
      for (const member of channel.members.values()) {
        if (!member.withMessage) continue;
        const receiver = member.client;
        receiver.later(() =>
          receiver.fire('message', {
            channelType: 'MESSAGE',
            channelName,
            topicName: '',
            messageType,
            customType,
            message,
            publisher: this.userId,
            publishTime: timestamp,
            timestamp,
          }),
        );
      }
      return { timestamp, channelName };
    });
  }

  renewToken(token: string): Promise<RenewTokenResponse> {
    return this.reply(() => {
      this.requireLogin('renewToken');
      if (this.network.tokenVerdict(this.userId, token) !== true) {
        throw new FakeRtmError('renewToken', FAKE_RTM_ERROR.INVALID_TOKEN, 'Invalid token.');
      }
      const list = this.network.renewed.get(this.userId) ?? [];
      list.push(token);
      this.network.renewed.set(this.userId, list);
      return { timestamp: Date.now() };
    });
  }

  presenceEvent(
    channelName: string,
    eventType: RTMEvents.PresenceEvent['eventType'],
    publisher: string,
    extra: Partial<Pick<RTMEvents.PresenceEvent, 'snapshot' | 'stateChanged'>>,
  ): RTMEvents.PresenceEvent {
    return {
      eventType,
      channelType: 'MESSAGE',
      channelName,
      publisher,
      stateChanged: extra.stateChanged ?? {},
      interval: null,
      snapshot: extra.snapshot ?? null,
      timestamp: Date.now(),
    };
  }

  /** Tells the other presence members of a channel about us. */
  broadcastPresence(
    channelName: string,
    eventType: RTMEvents.PresenceEvent['eventType'],
    extra: Partial<Pick<RTMEvents.PresenceEvent, 'stateChanged'>>,
  ): void {
    const channel = this.network.channels.get(channelName);
    for (const member of channel?.members.values() ?? []) {
      if (member.client === this || !member.withPresence) continue;
      const receiver = member.client;
      receiver.later(() => receiver.fire('presence', this.presenceEvent(channelName, eventType, this.userId, extra)));
    }
  }

  private leave(channelName: string): void {
    const channel = this.network.channels.get(channelName);
    if (!channel?.members.has(this.userId)) return;
    const quiet = channel.members.get(this.userId)?.quiet ?? false;
    channel.members.delete(this.userId);
    channel.states.delete(this.userId);
    if (!quiet) this.broadcastPresence(channelName, 'REMOTE_LEAVE', {});
  }

  private leaveAll(): void {
    for (const [name, channel] of this.network.channels) if (channel.members.has(this.userId)) this.leave(name);
  }
}

class FakePresence implements Pick<RTMPresence, 'setState' | 'removeState' | 'getOnlineUsers' | 'whoNow'> {
  constructor(private readonly client: FakeRTM) {}

  setState(channelName: string, _channelType: ChannelType, state: StateDetail): Promise<SetStateResponse> {
    return this.client.reply(() => {
      this.client.requireLogin('setState');
      const channel = this.client.network.channel(channelName);
      channel.states.set(this.client.userId, { ...(channel.states.get(this.client.userId) ?? {}), ...state });
      if (channel.members.has(this.client.userId)) {
        this.client.broadcastPresence(channelName, 'REMOTE_STATE_CHANGED', { stateChanged: { ...state } });
      }
      return { timestamp: Date.now() };
    });
  }

  removeState(channelName: string, _channelType: ChannelType, _options?: RemoveStateOptions): Promise<RemoveStateResponse> {
    return this.client.reply(() => {
      this.client.network.channel(channelName).states.delete(this.client.userId);
      return { timestamp: Date.now() };
    });
  }

  whoNow(channelName: string, _channelType: ChannelType, options?: WhoNowOptions): Promise<WhoNowResponse> {
    return this.client.reply(() => {
      this.client.requireLogin('whoNow');
      const channel = this.client.network.channels.get(channelName);
      const ids = [...(channel?.members.values() ?? [])].filter((m) => m.withPresence).map((m) => m.client.userId);
      const offset = Number(options?.page ?? 0);
      const pageIds = ids.slice(offset, offset + PAGE_SIZE);
      return {
        timestamp: Date.now(),
        totalOccupancy: pageIds.length,
        occupants: pageIds.map((userId) => {
          const states = options?.includedState ? (channel?.states.get(userId) ?? {}) : {};
          return { userId: options?.includedUserId === false ? '' : userId, states, statesCount: Object.keys(states).length };
        }),
        nextPage: offset + PAGE_SIZE < ids.length ? String(offset + PAGE_SIZE) : '',
      };
    });
  }

  getOnlineUsers(channelName: string, channelType: ChannelType, options?: GetOnlineUsersOptions): Promise<GetOnlineUsersResponse> {
    return this.whoNow(channelName, channelType, options);
  }
}

class FakeHistory implements Pick<RTMHistory, 'getMessages'> {
  constructor(private readonly client: FakeRTM) {}

  getMessages(channelName: string, _channelType: HistoryChannelType, options?: GetHistoryMessageOptions): Promise<GetMessagesResponse> {
    return this.client.reply(() => {
      this.client.requireLogin('getMessages');
      if (!this.client.network.historyEnabled) {
        throw new FakeRtmError('getMessages', FAKE_RTM_ERROR.HISTORY_NOT_AVAILABLE, 'History service is not available.');
      }
      const start = options?.start ?? 0;
      const end = options?.end ?? 0;
      const count = Math.min(options?.messageCount ?? 100, 100);
      const newestFirst = this.client.network
        .stored(channelName)
        .filter((m) => (start === 0 || m.timestamp <= start) && (end === 0 || m.timestamp >= end))
        .reverse();
      const page = newestFirst.slice(0, count);
      const next = newestFirst[count];
      return { timestamp: Date.now(), messageList: page, count: page.length, newStart: next ? next.timestamp : 0 };
    });
  }
}
