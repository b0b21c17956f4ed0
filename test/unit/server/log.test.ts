/**
 * The relay's log: one JSON line per event, and never a message body, a token, the secret or a
 * URL's query string, across a whole session (hello, a message, uploads, a refused token, shutdown).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLogLine, jsonLog } from '../../../server/log.js';
import { SECRET, TestClient, customerToken, sendFrame, startRelay } from './relay-harness.js';
import { postUpload, rawRequest } from '../uploads/upload-harness.js';
import { png } from '../uploads/sample-files.js';

const BODY = 'my serial is ZEBRA-7391-QUOKKA and the hinge cracked';
const FILE_NAME = 'private-receipt-WOMBAT.png';

describe('relay log', { timeout: 20_000 }, () => {
  it('formats an event as one JSON line: t, level and event first, then the fields', () => {
    const line = formatLogLine({ level: 'warn', event: 'ws-close', code: 1006, user: 'ana', skipped: undefined }, new Date(0));
    assert.equal(line, '{"t":"1970-01-01T00:00:00.000Z","level":"warn","event":"ws-close","code":1006,"user":"ana"}');
  });

  it('logs a session as JSON lines without bodies, tokens, secrets or query strings', async () => {
    const lines: string[] = [];
    const relay = await startRelay({ log: jsonLog((line) => lines.push(line)), maxUploadBytes: 64 * 1024 });
    const token = customerToken('ana');
    try {
      const { client } = await TestClient.connect(relay.url, token);
      client.send(sendFrame('c-ana', 'm1', BODY));
      await client.next('ack');
      const stored = await postUpload(relay, { token, conversationId: 'c-ana', name: FILE_NAME, body: png(), contentType: 'image/png' });
      assert.equal(stored.status, 201);
      const { url } = (await stored.json()) as { url: string };
      assert.equal((await rawRequest(relay.url, { path: url, headers: { Authorization: `Bearer ${token}` } })).status, 200);
      // A token in a query string (refused or not) must not reach the log either.
      await rawRequest(relay.url, { path: `${url}?token=${token}` });
      const tooBig = await postUpload(relay, { token, conversationId: 'c-ana', name: FILE_NAME, body: Buffer.alloc(65 * 1024, 7) });
      assert.equal(tooBig.status, 413);
      await tooBig.body?.cancel();
      const stranger = await rawRequest(relay.url, { method: 'POST', path: `/uploads?conversationId=c-ana&token=${token}`, headers: { Origin: 'https://stranger.example' } });
      assert.equal(stranger.status, 403);
      await client.close();

      const bad = await TestClient.open(relay.url);
      bad.send({ type: 'hello', token: `${token}x` });
      await bad.next('error');
      await bad.closed;
    } finally {
      await relay.dispose();
    }

    assert.ok(lines.length >= 8, lines.join('\n'));
    const events = lines.map((line) => {
      assert.ok(!line.includes('\n'), 'one line per event');
      const event = JSON.parse(line) as Record<string, unknown>;
      assert.match(String(event['t']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(['info', 'warn', 'error'].includes(String(event['level'])), line);
      assert.equal(typeof event['event'], 'string');
      for (const secret of [BODY, 'ZEBRA-7391', token, token.split('.')[0] ?? token, SECRET, FILE_NAME, 'WOMBAT', '?token=', 'conversationId=']) {
        assert.ok(!line.includes(secret), `${line} contains ${secret.slice(0, 20)}`);
      }
      return event;
    });
    const named = (name: string) => events.filter((event) => event['event'] === name);
    assert.equal(named('start')[0]?.['mode'], 'production');
    assert.deepEqual(
      named('ws-connect').map((e) => [e['user'], e['role'], e['shop']]),
      [['ana', 'customer', 'demo']],
    );
    assert.ok(named('ws-close').some((e) => e['user'] === 'ana' && typeof e['code'] === 'number'));
    assert.deepEqual(
      named('upload-accepted').map((e) => [e['size'], e['kind']]),
      [[png().length, 'image']],
    );
    assert.deepEqual(
      named('upload-refused').map((e) => [e['status'], e['code']]),
      [[413, 'upload-too-large']],
    );
    assert.equal(named('origin-refused')[0]?.['path'], '/uploads');
    assert.equal(named('ws-auth-refused').length, 1);
    assert.equal(named('shutdown').length, 1);
  });
});
