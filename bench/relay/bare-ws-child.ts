/**
 * Child process: the baseline. A bare `ws` server doing the relay's fan-out with nothing else:
 * no token check, no validation, no storage, no rate limit, no summaries. Same frame shapes:
 * `hello {room, agent, user}` -> `welcome`; `send {clientMsgId, conversationId, body}` -> `ack` to the
 * sender and `message` to the room's other sockets and every agent socket.
 *
 * With BENCH_DATA_DIR it is the durable floor instead: each message is stored first (bare-store.ts:
 * the relay's SQLite settings and group commit) and acked and fanned out once it is on disk.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { BareStore } from './bare-store.js';
import { serveChild } from './child-protocol.js';

interface BareHello {
  type: 'hello';
  room: string;
  agent?: boolean;
  /** Echoed as `from` so frames weigh what the relay's weigh. */
  user: { id: string; name: string; role: string };
}
interface BareSend {
  type: 'send';
  clientMsgId: string;
  conversationId: string;
  body: string;
}

const rooms = new Map<string, Set<WebSocket>>();
const agents = new Set<WebSocket>();
const seqs = new Map<string, number>();
const dataDir = process.env['BENCH_DATA_DIR'];
const store = dataDir ? new BareStore(dataDir) : undefined;

const server = createServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false, maxPayload: 1024 * 1024 });
wss.on('connection', (socket) => {
  let room: Set<WebSocket> | undefined;
  let user: BareHello['user'] | undefined;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as BareHello | BareSend;
    if (frame.type === 'hello') {
      user = frame.user;
      if (frame.agent) agents.add(socket);
      else {
        room = rooms.get(frame.room) ?? new Set();
        rooms.set(frame.room, room);
        room.add(socket);
      }
      socket.send(JSON.stringify({ type: 'welcome' }));
      return;
    }
    const seq = (seqs.get(frame.conversationId) ?? 0) + 1;
    seqs.set(frame.conversationId, seq);
    const at = Date.now();
    const deliver = (): void => {
      socket.send(JSON.stringify({ type: 'ack', clientMsgId: frame.clientMsgId, conversationId: frame.conversationId, seq, at }));
      const out = JSON.stringify({
        type: 'message',
        seq,
        conversationId: frame.conversationId,
        clientMsgId: frame.clientMsgId,
        from: user,
        kind: 'text',
        body: frame.body,
        at,
      });
      for (const member of room ?? []) if (member !== socket) member.send(out);
      for (const agent of agents) agent.send(out);
    };
    if (store === undefined) deliver();
    else store.add({ conversationId: frame.conversationId, seq, clientMsgId: frame.clientMsgId, fromId: user?.id ?? '', body: frame.body, at }, deliver);
  });
  socket.on('close', () => {
    room?.delete(socket);
    agents.delete(socket);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveChild(port, async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((done) => wss.close(() => done()));
    await new Promise<void>((done) => server.close(() => done()));
    store?.close();
  });
});
