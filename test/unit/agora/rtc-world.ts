/**
 * Test helper: a fake RTC network with `AgoraRtcMediaTransport`s that are left after each test,
 * and the token requests they made.
 */
import { AgoraRtcMediaTransport } from '../../../src/transports/agora/rtc-media-transport.js';
import type { AgoraRtcMediaTransportOptions } from '../../../src/transports/agora/rtc-transport-options.js';
import type { MediaJoinOptions, MediaTransport, MediaTransportEvents } from '../../../src/transports/media-types.js';
import { FakeMediaStreamImpl, FakeRtcNetwork, fakeRtcToken, type FakeRtcNetworkOptions } from './fake-rtc.js';

export interface TokenRequestRecord {
  channel: string;
  uid: number;
  forceRefresh: boolean;
}

export class RtcWorld {
  readonly network: FakeRtcNetwork;
  readonly tokenRequests: TokenRequestRecord[] = [];
  private readonly transports: AgoraRtcMediaTransport[] = [];

  constructor(options?: FakeRtcNetworkOptions) {
    this.network = new FakeRtcNetwork(options);
  }

  transport(extra: Partial<AgoraRtcMediaTransportOptions> = {}): AgoraRtcMediaTransport {
    const transport = new AgoraRtcMediaTransport({
      appId: this.network.appId,
      getToken: async (kind, channel, uid, request) => {
        this.tokenRequests.push({ channel, uid, forceRefresh: request?.forceRefresh === true });
        if (kind !== 'rtc') throw new Error(`unexpected token kind ${String(kind)}`);
        return fakeRtcToken(channel, uid);
      },
      loadSdk: async () => this.network.sdk(),
      MediaStreamImpl: FakeMediaStreamImpl,
      timeoutMs: 1_000,
      ...extra,
    });
    this.transports.push(transport);
    return transport;
  }

  /** A transport that has joined `call-1` as `selfId`, with `peerId` as its peer. */
  async joined(selfId: string, peerId: string, extra: Partial<AgoraRtcMediaTransportOptions> = {}): Promise<AgoraRtcMediaTransport> {
    const transport = this.transport(extra);
    await transport.join(joinOptions(selfId, peerId));
    return transport;
  }

  async close(): Promise<void> {
    await Promise.all(this.transports.splice(0).map((transport) => transport.leave()));
  }
}

export function joinOptions(selfId: string, peerId: string, extra: Partial<MediaJoinOptions> = {}): MediaJoinOptions {
  return { callId: 'call-1', conversationId: 'c1', selfId, peerId, polite: selfId.startsWith('c'), ...extra };
}

export function waitFor<K extends keyof MediaTransportEvents>(
  transport: MediaTransport,
  event: K,
  match: (payload: MediaTransportEvents[K]) => boolean = () => true,
  timeoutMs = 2_000,
): Promise<MediaTransportEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = transport.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

export function record<K extends keyof MediaTransportEvents>(transport: MediaTransport, event: K): MediaTransportEvents[K][] {
  const items: MediaTransportEvents[K][] = [];
  transport.on(event, (payload) => items.push(payload));
  return items;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The kinds of the tracks in a stream, sorted. */
export function kindsOf(stream: MediaStream | null): string[] {
  return (stream?.getTracks() ?? []).map((track) => track.kind).sort();
}
