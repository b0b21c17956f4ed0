/**
 * The messaging contract against the Agora RTM adapter on the in-memory RTM fake (typed against
 * the SDK's `.d.ts`): the Agora cloud is not reachable from CI.
 */
import { AgoraRtmMessagingTransport } from '../../src/transports/agora/rtm-messaging-transport.js';
import { FakeRtmNetwork } from '../unit/agora/fake-rtm.js';
import { messagingContract, type ContractParty } from './messaging-contract.js';

let run = 0;

messagingContract('agora (RTM fake)', async () => {
  run += 1;
  const network = new FakeRtmNetwork();
  const conversationId = `conv-${run}`;
  const party = (userId: string, role: 'customer' | 'agent'): ContractParty => ({
    userId,
    transport: new AgoraRtmMessagingTransport({
      appId: 'fake-app-id',
      userId,
      userName: role === 'customer' ? 'Ana' : 'Agent Bo',
      role,
      conversations: [conversationId],
      loadSdk: async () => network.sdk(),
      timeoutMs: 2_000,
    }),
    connect: { token: `token:${userId}`, resume: {} },
  });
  return {
    conversationId,
    customer: async () => party(`customer-${run}`, 'customer'),
    agent: async () => party(`agent-${run}`, 'agent'),
    teardown: async () => undefined,
  };
});
