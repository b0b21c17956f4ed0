import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endpointTokenProvider } from '../../../src/tokens/index.js';
import type { SupportError } from '../../../src/protocol/errors.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('endpointTokenProvider against a real HTTP server', () => {
  let server: Server;
  let base: string;
  const handlers = new Map<string, Handler>();
  const hits = new Map<string, number>();

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const path = req.url ?? '/';
        hits.set(path, (hits.get(path) ?? 0) + 1);
        const handler = handlers.get(path);
        if (handler) handler(req, body, res);
        else res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const json = (status: number, value: unknown): Handler => (_req, _body, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };

  it('GETs { token, expiresAt } and caches it', async () => {
    handlers.set('/ok', json(200, { token: 'tok', expiresAt: Date.now() + 3_600_000 }));
    const provider = endpointTokenProvider(`${base}/ok`);
    assert.equal(await provider.getToken(), 'tok');
    assert.equal(await provider.getToken(), 'tok');
    assert.equal(hits.get('/ok'), 1);
  });

  it('accepts a plain { token } and refreshes on forceRefresh', async () => {
    let n = 0;
    handlers.set('/plain', (_req, _body, res) => {
      n++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `p${n}` }));
    });
    const provider = endpointTokenProvider(`${base}/plain`);
    assert.equal(await provider.getToken(), 'p1');
    assert.equal(await provider.getToken({ forceRefresh: true }), 'p2');
  });

  it('POSTs a JSON body with custom headers', async () => {
    let seen: { method?: string; body?: string; header?: string | string[]; type?: string } = {};
    handlers.set('/post', (req, body, res) => {
      seen = { method: req.method, body, header: req.headers['x-shop'], type: req.headers['content-type'] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'posted' }));
    });
    const provider = endpointTokenProvider(`${base}/post`, { body: { user: 'u1' }, headers: { 'x-shop': 'demo' } });
    assert.equal(await provider.getToken(), 'posted');
    assert.deepEqual(seen, { method: 'POST', body: '{"user":"u1"}', header: 'demo', type: 'application/json' });
  });

  it('maps 401 and 403 to unauthorized (not retryable)', async () => {
    handlers.set('/401', json(401, { error: 'login' }));
    handlers.set('/403', json(403, { error: 'nope' }));
    for (const path of ['/401', '/403']) {
      await assert.rejects(endpointTokenProvider(base + path).getToken(), (error: SupportError) => {
        return error.code === 'unauthorized' && !error.retryable;
      });
    }
  });

  it('maps 5xx to a retryable network error', async () => {
    handlers.set('/500', json(500, {}));
    await assert.rejects(endpointTokenProvider(`${base}/500`).getToken(), (error: SupportError) => {
      return error.code === 'network' && error.retryable;
    });
  });

  it('rejects malformed answers as config errors', async () => {
    handlers.set('/not-json', (_req, _body, res) => res.writeHead(200).end('<html>'));
    handlers.set('/no-token', json(200, { jwt: 'x' }));
    handlers.set('/bad-expiry', json(200, { token: 'x', expiresAt: 'tomorrow' }));
    for (const path of ['/not-json', '/no-token', '/bad-expiry']) {
      await assert.rejects(endpointTokenProvider(base + path).getToken(), (error: SupportError) => {
        return error.code === 'config';
      }, path);
    }
  });

  it('times out when the endpoint does not answer', async () => {
    handlers.set('/hang', () => undefined);
    const started = Date.now();
    await assert.rejects(endpointTokenProvider(`${base}/hang`, { timeoutMs: 150 }).getToken(), (error: SupportError) => {
      return error.code === 'timeout';
    });
    assert.ok(Date.now() - started < 2000);
  });

  it('reports an unreachable endpoint as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(endpointTokenProvider(`http://127.0.0.1:${port}/token`).getToken(), (error: SupportError) => {
      return error.code === 'network';
    });
  });

  it('reads expiresAt given in seconds as seconds', async () => {
    let n = 0;
    handlers.set('/seconds', (_req, _body, res) => {
      n++;
      // Already inside the refresh margin: every call must fetch again.
      const exp = Math.floor(Date.now() / 1000) + 10;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `s${n}`, expiresAt: exp }));
    });
    const provider = endpointTokenProvider(`${base}/seconds`);
    assert.equal(await provider.getToken(), 's1');
    assert.equal(await provider.getToken(), 's2');
  });
});
