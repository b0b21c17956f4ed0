/**
 * The messaging contract against the relay transport and a real relay server (in process, port 0,
 * SQLite in a temporary directory, real `ws` sockets).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createRelayServer, signToken } from '../../server/index.js';
import type { Role } from '../../src/protocol/model.js';
import { RelayMessagingTransport } from '../../src/transports/relay/relay-messaging-transport.js';
import { messagingContract, type ContractParty } from './messaging-contract.js';

const SECRET = 'contract-secret-0123456789abcdef0123';
let run = 0;

messagingContract('relay', async () => {
  run += 1;
  const dataDir = mkdtempSync(join(tmpdir(), 'support-contract-'));
  // The contract is plain messaging, as on Agora: no desk routing events between the messages.
  const server = await createRelayServer({ port: 0, dataDir, secret: SECRET, demo: true, autoAssign: false });
  const conversationId = `c-contract-${run}`;
  const party = (userId: string, name: string, role: Role): ContractParty => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const claims = { sub: userId, name, role, shop: 'contract-shop', exp, ...(role === 'customer' ? { conv: [conversationId] } : {}) };
    return {
      userId,
      transport: new RelayMessagingTransport({
        url: server.url,
        WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
        timeoutMs: 3_000,
      }),
      connect: { token: signToken(claims, SECRET), resume: {} },
    };
  };
  return {
    conversationId,
    customer: async () => party(`customer-${run}`, 'Ana', 'customer'),
    agent: async () => party(`agent-${run}`, 'Agent Bo', 'agent'),
    teardown: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
