/**
 * The lazily loaded half of the agora backend (see `lazy-messaging-transport.ts`): turns what
 * the token source gives into an RTM token and the identity it is bound to, builds the RTM
 * adapter for that identity (again only when the user changes), renews its token, and builds
 * RTC media transports for calls with tokens from the same exchange.
 */
import type { Role } from '../../protocol/model.js';
import type { AgoraRtmMessagingTransport } from './rtm-messaging-transport.js';
import type { RtcSdkModule } from './rtc-sdk.js';
import type { RTMConfig, RtmSdkModule } from './rtm-sdk.js';
import type { MediaTransport } from '../media-types.js';
import { pageOrigin } from '../../base/page-origin.js';
import { relayHttpBase } from '../../uploads/upload-url.js';
import type { AgoraTransportSettings } from './lazy-messaging-transport.js';
import { withTimeout } from '../../base/deadline.js';
import { AGORA_TOKEN_PATH, exchangeAgoraToken, isAgoraToken, type AgoraExchangeOptions, type AgoraRtmGrant } from './token-exchange.js';
import { SupportError } from '../../protocol/errors.js';

/** Who signs in to RTM, and where. */
interface RtmIdentity {
  appId: string;
  userId: string;
  userName: string;
  role: Role;
  conversations?: string[];
  /** Set when the relay's exchange names it: call and message channels then carry the shop. */
  shop?: string;
}

function configError(message: string): SupportError {
  return new SupportError('config', message, { retryable: false });
}

/** A dynamic import whose failure (a chunk that could not be fetched) is a coded error. */
async function load<T>(importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    throw new SupportError('network', 'the Agora adapter could not be loaded', { cause: error });
  }
}

export class AgoraConnector {
  private adapter: AgoraRtmMessagingTransport | undefined;
  private adapterKey = '';
  private identity: RtmIdentity | undefined;

  constructor(private readonly settings: AgoraTransportSettings) {}

  /** Where relay tokens are exchanged for Agora tokens. */
  get tokenEndpoint(): string {
    const given = this.settings.tokenEndpoint;
    if (given) return given;
    const server = this.settings.server ?? pageOrigin();
    if (!server) throw configError('the agora backend needs `server` (the relay that exchanges tokens) or `tokenEndpoint`');
    return `${relayHttpBase(server)}${AGORA_TOKEN_PATH}`;
  }

  /** The RTM adapter for the user `given` signs in, and the RTM token to connect it with. */
  async open(given: string, signal: AbortSignal, left: () => number): Promise<{ transport: AgoraRtmMessagingTransport; token: string }> {
    const { token, identity } = await this.rtmToken(given, signal, left());
    const transport = await withTimeout(this.adapterFor(identity), left(), 'loading the Agora adapter', signal);
    return { transport, token };
  }

  /** A media transport on the RTC channel of `conversationId` (of the user's shop); RTC tokens come from the same exchange. */
  async createMediaTransport(conversationId: string): Promise<MediaTransport> {
    const identity = this.identity;
    if (!identity) throw new SupportError('closed', 'connect before starting a call');
    const agora = this.settings;
    const [{ AgoraRtcMediaTransport }, { rtcChannelName }] = await load(() =>
      Promise.all([import('./rtc-media-transport.js'), import('../../protocol/rtc-channel.js')]),
    );
    return new AgoraRtcMediaTransport({
      appId: identity.appId,
      userId: identity.userId,
      channel: rtcChannelName(conversationId, agora.channelPrefix, identity.shop),
      getToken: async (kind, channel, uid, request) => {
        if (agora.rtcTokens) return agora.rtcTokens(kind, channel, uid, request);
        // The relay checks the bearer; a shop's own endpoint may rely on its session cookie instead.
        const bearer = await this.settings.tokens.getToken(request?.signal ? { signal: request.signal } : {});
        const grant = await exchangeAgoraToken(this.tokenEndpoint, bearer, { kind: 'rtc', channel, uid, conversationId }, this.exchangeOptions(request?.signal));
        return grant.token;
      },
      // The public options type the loaders loosely (no Agora types in the .d.ts); the adapter checks the shape.
      ...(agora.loadRtcSdk ? { loadSdk: agora.loadRtcSdk as () => Promise<RtcSdkModule> } : {}),
      ...(agora.MediaStreamImpl ? { MediaStreamImpl: agora.MediaStreamImpl } : {}),
    });
  }

  /** The RTM token to log in with, and who it is for. */
  private async rtmToken(given: string, signal: AbortSignal, timeoutMs: number): Promise<{ token: string; identity: RtmIdentity }> {
    const s = this.settings;
    if (isAgoraToken(given)) {
      if (!s.appId) throw configError('the agora backend needs `appId` (the app-id attribute)');
      if (!s.userId) throw configError('the agora backend needs `userId` (the user-id attribute) when the token source gives Agora tokens');
      return { token: given, identity: this.identityOf({ token: given }) };
    }
    const grant = await exchangeAgoraToken(this.tokenEndpoint, given, { kind: 'rtm' }, this.exchangeOptions(signal, timeoutMs));
    if (!isAgoraToken(grant.token)) throw configError('the Agora token endpoint answered something that is not an Agora token');
    if (s.appId && grant.appId && s.appId !== grant.appId) {
      throw configError(`appId ${s.appId} differs from the Agora App ID of the token endpoint (${grant.appId})`);
    }
    return { token: grant.token, identity: this.identityOf(grant) };
  }

  /** The grant's identity wins: the token is bound to it. */
  private identityOf(grant: AgoraRtmGrant): RtmIdentity {
    const s = this.settings;
    const appId = grant.appId ?? s.appId;
    const userId = grant.userId ?? s.userId;
    if (!appId) throw configError('the agora backend needs `appId` (the app-id attribute)');
    if (!userId) throw configError('the Agora token endpoint did not say which user the token is for');
    const identity: RtmIdentity = { appId, userId, userName: grant.userName ?? s.userName ?? userId, role: grant.role ?? s.role ?? 'customer' };
    const conversations = s.conversations ?? grant.conversations;
    if (conversations) identity.conversations = conversations;
    if (grant.shop !== undefined) identity.shop = grant.shop;
    return identity;
  }

  private exchangeOptions(signal?: AbortSignal, timeoutMs = this.settings.timeoutMs): AgoraExchangeOptions {
    const fetchImpl = this.settings.fetch;
    return { timeoutMs, ...(signal ? { signal } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  }

  /** The RTM adapter for `identity`: built on first use, again when the user changes. */
  private async adapterFor(identity: RtmIdentity): Promise<AgoraRtmMessagingTransport> {
    const key = JSON.stringify(identity);
    if (this.adapter && this.adapterKey === key) return this.adapter;
    const [{ AgoraRtmMessagingTransport }, { loadAgoraRtmSdk }, { reuseRtmClients }] = await load(() =>
      Promise.all([
        import('./rtm-messaging-transport.js'),
        import('./rtm-sdk.js'),
        import('./rtm-client-reuse.js'),
      ]),
    );
    const agora = this.settings;
    const loadSdk = (agora.loadRtmSdk as (() => Promise<RtmSdkModule>) | undefined) ?? loadAgoraRtmSdk;
    this.adapter = new AgoraRtmMessagingTransport({
      ...identity,
      timeoutMs: this.settings.timeoutMs,
      onTokenWillExpire: () => this.renewedToken(),
      ...(agora.history ? { history: agora.history } : {}),
      ...(agora.channelPrefix ? { channelPrefix: agora.channelPrefix } : {}),
      ...(agora.presencePollMs !== undefined ? { presencePollMs: agora.presencePollMs } : {}),
      ...(agora.rtmConfig ? { rtmConfig: agora.rtmConfig as RTMConfig } : {}),
      // A reconnect logs in again on the same RTM instance: the SDK refuses a second one per user.
      loadSdk: async () => reuseRtmClients(await loadSdk()),
    });
    this.adapterKey = key;
    this.identity = identity;
    return this.adapter;
  }

  /** RTM warned that its token expires soon: a fresh one from the source (and the exchange). */
  private async renewedToken(): Promise<string> {
    const given = await this.settings.tokens.getToken({ forceRefresh: true });
    if (isAgoraToken(given)) return given;
    return (await exchangeAgoraToken(this.tokenEndpoint, given, { kind: 'rtm' }, this.exchangeOptions())).token;
  }
}
