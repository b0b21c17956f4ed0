/**
 * The LLM provider's contract (issue 18) against an in-process HTTP server that speaks the
 * OpenAI-compatible `/chat/completions` API, streaming included (`stream: true`, server-sent
 * events, `data: [DONE]`): the request carries the model, the key and the retrieved articles; the
 * answer streams token by token and cites its sources; an answer without citations, NO_ANSWER,
 * an error status or a timeout falls back to the offline provider's excerpt.
 *
 * Live: with SUPPORT_ASSISTANT_URL and SUPPORT_ASSISTANT_MODEL (and SUPPORT_ASSISTANT_KEY) set,
 * one question goes to that endpoint too; skipped otherwise.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadKnowledgeBase } from '../../server/assistant/knowledge-base.js';
import { LlmProvider } from '../../server/assistant/llm-provider.js';
import { OfflineProvider } from '../../server/assistant/offline-provider.js';

const retrieval = new OfflineProvider(loadKnowledgeBase(join(import.meta.dirname, '../../demo/kb')));

interface ChatRequest {
  model: string;
  stream: boolean;
  messages: Array<{ role: string; content: string }>;
}

/** What the fake model does with the next request. */
type Script = { tokens: string[] } | { status: number } | { hang: true };

describe('LLM provider (OpenAI-compatible chat completions, streamed)', () => {
  let server: Server;
  let url = '';
  let script: Script = { tokens: [] };
  const requests: Array<{ body: ChatRequest; authorization: string | undefined; path: string | undefined }> = [];

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        requests.push({ body: JSON.parse(raw) as ChatRequest, authorization: req.headers.authorization, path: req.url });
        if ('status' in script) {
          res.writeHead(script.status, { 'content-type': 'application/json' }).end('{"error":{"message":"nope"}}');
          return;
        }
        if ('hang' in script) return; // never answers: the provider's timeout must end it
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunks = script.tokens.map((t, i) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: t } : { content: t }, finish_reason: null }] })}\n\n`);
        // One event split across two writes, as a network may deliver it.
        for (const chunk of chunks) {
          res.write(chunk.slice(0, 7));
          res.write(chunk.slice(7));
        }
        res.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const provider = (timeoutMs = 5000): LlmProvider => new LlmProvider({ url, key: 'sk-test', model: 'test-model', retrieval, timeoutMs });

  it('sends the model, the key and the retrieved articles, streams the answer and returns its cited sources', async () => {
    script = { tokens: ['Hold the case ', 'button for 3 seconds ', 'until the light blinks white [1].'] };
    const seen: string[] = [];
    const answer = await provider().answer({ text: 'how do I pair my earbuds', lang: 'en' }, { onText: (text) => seen.push(text) });
    const request = requests.at(-1);
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.authorization, 'Bearer sk-test');
    assert.equal(request?.body.model, 'test-model');
    assert.equal(request?.body.stream, true);
    assert.match(request?.body.messages[0]?.content ?? '', /\[1\] Volta Buds Pro: pair your earbuds with a phone/);
    assert.equal(request?.body.messages[1]?.content, 'how do I pair my earbuds');
    assert.deepEqual(seen, ['Hold the case ', 'Hold the case button for 3 seconds ', 'Hold the case button for 3 seconds until the light blinks white [1].']);
    assert.equal(answer?.text, 'Hold the case button for 3 seconds until the light blinks white [1].');
    assert.deepEqual(answer?.sources.map((s) => s.id), ['buds-pairing']);
  });

  it('falls back to the offline excerpt when the model cites nothing or says NO_ANSWER, without streaming NO_ANSWER', async () => {
    const offline = await retrieval.answer({ text: 'how do I pair my earbuds', lang: 'en' });
    script = { tokens: ['Just ', 'try again.'] };
    assert.deepEqual(await provider().answer({ text: 'how do I pair my earbuds', lang: 'en' }), offline);
    script = { tokens: ['NO_', 'ANSWER'] };
    const seen: string[] = [];
    assert.deepEqual(await provider().answer({ text: 'how do I pair my earbuds', lang: 'en' }, { onText: (t) => seen.push(t) }), offline);
    assert.deepEqual(seen, []);
  });

  it('falls back to the offline excerpt on an error status and on a timeout', async () => {
    const question = { text: '耳机怎么重置', lang: 'zh-CN' } as const;
    const offline = await retrieval.answer(question);
    script = { status: 500 };
    assert.deepEqual(await provider().answer(question), offline);
    script = { hang: true };
    assert.deepEqual(await provider(200).answer(question), offline);
  });

  const live = process.env['SUPPORT_ASSISTANT_URL'] && process.env['SUPPORT_ASSISTANT_MODEL'];
  it('answers from a live endpoint with a cited source', { skip: live ? false : 'set SUPPORT_ASSISTANT_URL and SUPPORT_ASSISTANT_MODEL to run' }, async () => {
    const model = new LlmProvider({ url: process.env['SUPPORT_ASSISTANT_URL'] ?? '', key: process.env['SUPPORT_ASSISTANT_KEY'], model: process.env['SUPPORT_ASSISTANT_MODEL'] ?? '', retrieval, timeoutMs: 60_000 });
    const answer = await model.answer({ text: 'How do I pair my Volta Buds Pro earbuds?', lang: 'en' });
    assert.ok(answer !== undefined && answer.sources.length > 0);
  });
});
