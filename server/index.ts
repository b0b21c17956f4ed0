/**
 * The relay server: one HTTP port serving the WebSocket (`/ws`), liveness and readiness checks
 * (`/healthz`, `/readyz`), the demo token endpoint (with `demo`), uploads (`/uploads`), the
 * privacy API (`/privacy`, with `adminToken`) and static files, with history in SQLite and
 * uploaded files under `dataDir`, swept by the retention period when `retentionDays` is set.
 * Pages on other origins are served only when `allowedOrigins` lists them (or, in demo mode
 * with no list, all of them).
 *
 * @example
 * const relay = await createRelayServer({ port: 0, dataDir: './.support-data', secret: process.env.SUPPORT_SECRET });
 * console.info(`relay on ${relay.url}`);
 * await relay.close();
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { DEFAULT_MAX_UPLOAD_BYTES, LIMITS, SupportError } from 'support-widget/protocol';
import { originRefusal } from './api-cors.js';
import { Connection, TRY_AGAIN_LATER } from './connection.js';
import type { ConnectionLimits } from './connection.js';
import { CONNECTION_GUARD_DEFAULTS, ConnectionGuard } from './connection-guard.js';
import { prepareDataDir } from './data-dir.js';
import { withAgoraSources } from './agora-csp.js';
import { createAgoraTokenRoute } from './agora-tokens.js';
import { createRequestHandler, DEMO_PAGE_CSP } from './http-routes.js';
import { Hub } from './hub.js';
import { errorText, silentLog } from './log.js';
import { OriginPolicy } from './origins.js';
import { ClientAddresses } from './client-address.js';
import { createPrivacyRoutes } from './privacy-routes.js';
import { PrivacyStore } from './privacy-store.js';
import { createReadinessCheck } from './readiness.js';
import { RelayProtocol } from './relay-protocol.js';
import { Relationship } from './relationship.js';
import { contextImageOrigins } from './context-image.js';
import { RetentionSweeper } from './retention.js';
import { staticRoots } from './static-roots.js';
import { StorageHealth } from './storage-health.js';
import { SupportStore } from './store.js';
import { createUploadGuards } from './upload-guards.js';
import { resolveUploadLimits } from './upload-limits.js';
import { createUploadRoutes } from './upload-routes.js';
import { UploadFiles } from './upload-store.js';
import { createVisitorTokenRoute } from './visitor-token.js';
import { MIN_SECRET_BYTES } from './customer-token.js';

export { signToken, verifyToken } from './tokens.js';
export type { TokenClaims } from './tokens.js';
export { createCustomerToken, customerConversationId, MAX_CUSTOMER_TOKEN_TTL_SECONDS } from './customer-token.js';
export type { CustomerTokenGrant, CustomerTokenInput } from './customer-token.js';
export { formatLogLine, jsonLog } from './log.js';
export type { LogEvent, LogLevel, RelayLog } from './log.js';
export type { RelayServerOptions } from './relay-options.js';
export { loadKnowledgeBase, KnowledgeBaseError } from './assistant/knowledge-base.js';
export type { KbArticle } from './assistant/knowledge-base.js';
export { OfflineProvider } from './assistant/offline-provider.js';
export { LlmProvider } from './assistant/llm-provider.js';
export type { LlmProviderOptions } from './assistant/llm-provider.js';
export type { AnswerOptions, AssistantAnswer, AssistantLang, AssistantProvider, AssistantQuestion } from './assistant/provider.js';
export type { AssistantSettings } from './assistant/assistant-settings.js';
import type { RelayServerOptions } from './relay-options.js';

export interface RelayServer {
  /** `http://127.0.0.1:PORT` (the WebSocket is at `/ws` of the same origin). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** ws closes sockets that send more than this; below it, oversized frames get a coded error. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
const SHUTDOWN_GRACE_MS = 2000;
const HOUR_MS = 60 * 60 * 1000;
const GOING_AWAY = 1001;


function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function refuseUpgrade(socket: Duplex, status = '404 Not Found', body = ''): void {
  const type = body === '' ? '' : 'Content-Type: application/json; charset=utf-8\r\n';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

export async function createRelayServer(options: RelayServerOptions): Promise<RelayServer> {
  const log = options.log ?? silentLog;
  const demo = options.demo ?? false;
  const origins = new OriginPolicy(options.allowedOrigins ?? [], demo);
  const addresses = new ClientAddresses(options.trustProxy);
  const secret = options.secret ?? randomBytes(32).toString('hex');
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new SupportError('config', `the token secret must be at least ${MIN_SECRET_BYTES} bytes (openssl rand -hex 32)`, { retryable: false });
  }
  const tokenLifetime = { maxTokenLifetimeSeconds: options.maxTokenLifetimeSeconds };
  const host = options.host ?? '127.0.0.1';
  // Checked before anything is opened: a bad shop or short secret throws `config` here.
  const visitorTokens = options.anonymousVisitors === undefined ? undefined : createVisitorTokenRoute({ secret, shop: options.anonymousVisitors.shop, clientAddress: addresses.of });
  const limits: ConnectionLimits = {
    maxFrameBytes: LIMITS.maxFrameBytes,
    rateLimit: options.rateLimit ?? { perSecond: 30, burst: 60 },
    maxInvalidFrames: options.maxInvalidFrames ?? 50,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    authTimeoutMs: options.authTimeoutMs ?? 10_000,
  };
  resolveUploadLimits(options.uploadLimits); // a bad limit throws here, before anything is opened
  prepareDataDir(options.dataDir);
  const files = new UploadFiles(options.dataDir);
  const store = new SupportStore(options.dataDir);
  const storage = new StorageHealth(store.database, options.dataDir, log);
  const privacy = new PrivacyStore(store.database, files);
  let retention: RetentionSweeper | undefined;
  const hub = new Hub();
  let privacyRoutes: ReturnType<typeof createPrivacyRoutes> | undefined;
  try {
    if (options.retentionDays !== undefined) {
      retention = new RetentionSweeper({ db: store.database, files, privacy, days: options.retentionDays, log });
      retention.sweep();
    }
    if (options.adminToken !== undefined) {
      // A deleted customer's open sockets are closed: a live session must not write into the void.
      const disconnect = (shop: string, _customer: string, ids: readonly string[]): number =>
        hub.closeCustomers(shop, ids, 'customer-deleted', 'this customer was deleted by the shop');
      privacyRoutes = createPrivacyRoutes({ privacy, adminToken: options.adminToken, log, disconnect });
    }
  } catch (error) {
    store.close();
    throw error;
  }
  const imageOrigins = contextImageOrigins(options.attachmentOrigins, origins, demo);
  const relationship = new Relationship({ ...options, store, hub, secret, log, contextImageOrigins: imageOrigins });
  const protocol = new RelayProtocol({ store, hub, secret, autoAssign: options.autoAssign ?? true, ...tokenLifetime, attachmentOrigins: new Set(options.attachmentOrigins ?? []), contextImageOrigins: imageOrigins, log, storage, relationship, assistant: options.assistant, ...(options.now && { now: options.now }) });
  // Two connections' worth (e.g. two tabs at full speed); more sockets add nothing.
  const userRate = options.userRateLimit ?? { perSecond: limits.rateLimit.perSecond * 2, burst: limits.rateLimit.burst * 2 };
  const guard = new ConnectionGuard({
    userRate,
    maxConnectionsPerIp: options.maxConnectionsPerIp ?? CONNECTION_GUARD_DEFAULTS.maxConnectionsPerIp,
    helloRatePerIp: options.helloRatePerIp ?? CONNECTION_GUARD_DEFAULTS.helloRatePerIp,
    maxSocketsPerUser: options.maxSocketsPerUser ?? CONNECTION_GUARD_DEFAULTS.maxSocketsPerUser,
  });
  const connections = new Set<Connection>();
  let closing: Promise<void> | undefined;

  const uploadGuards = createUploadGuards({
    db: store.database,
    privacy,
    dataDir: options.dataDir,
    log,
    storage,
    ...(options.uploadLimits === undefined ? {} : { limits: options.uploadLimits }),
    ...(options.freeDiskBytes === undefined ? {} : { freeBytes: options.freeDiskBytes }),
    clientAddress: addresses.of,
  });
  const uploads = createUploadRoutes({
    admission: uploadGuards.admission,
    store,
    files,
    secret,
    ...tokenLifetime,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    log,
  });
  const server = createServer(
    createRequestHandler({
      ...staticRoots(options.staticRoot),
      demo,
      secret,
      log,
      origins,
      readiness: createReadinessCheck({ database: store.database, dataDir: options.dataDir, log, storage }),
      uploads,
      ...(privacyRoutes === undefined ? {} : { privacy: privacyRoutes }),
      relationship: relationship.routes,
      ...(visitorTokens === undefined ? {} : { visitorTokens }),
      agoraTokens: createAgoraTokenRoute({
        secret,
        ...tokenLifetime,
        credentials: options.agora,
        ...(options.agora?.tokenTtlSeconds === undefined ? {} : { ttlSeconds: options.agora.tokenTtlSeconds }),
      }),
      ...(options.agora === undefined ? {} : { pageCsp: withAgoraSources(DEMO_PAGE_CSP) }),
    }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws' || closing !== undefined) return refuseUpgrade(socket);
    const verdict = origins.check(req);
    if (!verdict.allowed) {
      log({ level: 'warn', event: 'origin-refused', code: 'origin-not-allowed', origin: verdict.origin, method: 'GET', path: '/ws' });
      return refuseUpgrade(socket, '403 Forbidden', JSON.stringify(originRefusal(verdict.origin)));
    }
    const ip = addresses.of(req);
    if (guard.full(ip)) {
      log({ level: 'warn', event: 'ws-refused', code: 'too-many-connections', reason: 'connections-per-address' });
      return refuseUpgrade(socket, '429 Too Many Requests', JSON.stringify({ error: 'too-many-connections', message: 'too many connections from this address' }));
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const hellos = guard.admit(ip);
      if (hellos === undefined) return ws.close(TRY_AGAIN_LATER, 'too-many-connections');
      const connection = new Connection(ws, protocol, limits, log, { guard, ip, hellos, storage, transport: socket });
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
  });
  server.on('clientError', (error, socket) => {
    log({ level: 'warn', event: 'http-client-error', error: error.message });
    socket.destroy();
  });

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
    guard.prune();
  }, options.heartbeatIntervalMs ?? 30_000);
  heartbeat.unref();
  const sweeper = retention;
  const retentionTimer =
    sweeper === undefined
      ? undefined
      : setInterval(() => {
          try {
            sweeper.sweep();
          } catch (error) {
            log({ level: 'error', event: 'retention-failed', error: errorText(error) });
          }
        }, options.retentionSweepIntervalMs ?? HOUR_MS);
  retentionTimer?.unref();

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8787, host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    clearInterval(retentionTimer);
    uploadGuards.stop();
    await protocol.stop();
    await relationship.stop();
    store.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  log({ level: 'info', event: 'start', port, host, mode: demo ? 'demo' : 'production', allowedOrigins: origins.origins.join(',') });

  async function shutdown(): Promise<void> {
    log({ level: 'info', event: 'shutdown', connections: connections.size });
    clearInterval(heartbeat);
    clearInterval(retentionTimer);
    uploadGuards.stop();
    const stopped = new Promise<void>((done) => server.close(() => done()));
    for (const connection of connections) connection.close(GOING_AWAY, 'server shutting down');
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const connection of connections) connection.terminate();
    server.closeAllConnections();
    await stopped;
    await new Promise<void>((done) => wss.close(() => done()));
    protocol.commitSends(); // a send read in the last turn is stored before the database closes
    await protocol.stop();
    await relationship.stop();
    store.close();
    log({ level: 'info', event: 'stopped' });
  }

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    close: () => (closing ??= shutdown()),
  };
}
