/**
 * Test helper: a fake RTM network with customer and agent transports that are disconnected
 * after each test.
 */
import { AgoraRtmMessagingTransport, type AgoraRtmMessagingTransportOptions } from '../../../src/transports/agora/rtm-messaging-transport.js';
import type { MessagingTransport, MessagingTransportEvents } from '../../../src/transports/types.js';
import { FakeRtmNetwork, type FakeRtmNetworkOptions } from './fake-rtm.js';

export class RtmWorld {
  readonly network: FakeRtmNetwork;
  private readonly transports: AgoraRtmMessagingTransport[] = [];

  constructor(options?: FakeRtmNetworkOptions) {
    this.network = new FakeRtmNetwork(options);
  }

  transport(userId: string, role: 'customer' | 'agent', extra: Partial<AgoraRtmMessagingTransportOptions> = {}): AgoraRtmMessagingTransport {
    const transport = new AgoraRtmMessagingTransport({
      appId: 'fake-app-id',
      userId,
      userName: role === 'customer' ? `Customer ${userId}` : `Agent ${userId}`,
      role,
      loadSdk: async () => this.network.sdk(),
      timeoutMs: 1_000,
      ...extra,
    });
    this.transports.push(transport);
    return transport;
  }

  async connected(userId: string, role: 'customer' | 'agent', extra: Partial<AgoraRtmMessagingTransportOptions> = {}) {
    const transport = this.transport(userId, role, extra);
    const welcome = await transport.connect({ token: `token:${userId}`, resume: {} });
    return { transport, welcome };
  }

  close(): void {
    for (const transport of this.transports.splice(0)) transport.disconnect();
  }
}

export function waitFor<K extends keyof MessagingTransportEvents>(
  transport: MessagingTransport,
  event: K,
  match: (payload: MessagingTransportEvents[K]) => boolean = () => true,
  timeoutMs = 2_000,
): Promise<MessagingTransportEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = transport.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

export function record<K extends keyof MessagingTransportEvents>(
  transport: MessagingTransport,
  event: K,
): MessagingTransportEvents[K][] {
  const items: MessagingTransportEvents[K][] = [];
  transport.on(event, (payload) => items.push(payload));
  return items;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
