/**
 * A model's answer streamed to the widget (issue 18), in Chromium through the real relay with
 * `SUPPORT_ASSISTANT=llm` pointed at an in-process server speaking the OpenAI-compatible streaming
 * API: the customer sees the answer being written (`assistant-draft`, `aria-busy`) before the model
 * has finished, and then the stored answer with the article it cites, which replaces the draft.
 * The fake model holds its last tokens until the test has seen the draft (no timing involved).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';

const WAIT = { timeout: 20_000 };
const CHAT = 'support-chat';

function chunk(content: string): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
}

describe('a model answer streams into the chat', () => {
  let world: DeskWorld;
  let model: Server;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));

  before(async () => {
    model = createServer((req, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(chunk('Hold the case button '));
        res.write(chunk('for 3 seconds'));
        void released.then(() => res.end(`${chunk(' until the light blinks white [1].')}data: [DONE]\n\n`));
      });
    });
    await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
    world = await openDeskWorld({ env: () => ({ SUPPORT_ASSISTANT: 'llm', SUPPORT_ASSISTANT_URL: url, SUPPORT_ASSISTANT_MODEL: 'fake', SUPPORT_ASSISTANT_KEY: 'sk-test' }) });
  });

  after(async () => {
    release();
    await world?.close();
    await new Promise<void>((resolve) => model?.close(() => resolve()));
  });

  it('shows the answer as it is written, then the stored answer with its cited article', async () => {
    const customer = await world.person();
    await customer.goto(`${world.relay.url}/`);
    await customer.locator(`${CHAT} [part~="launcher"]`).click(WAIT);
    const input = customer.locator(`${CHAT} [part~="input"]`);
    await input.fill('How do I pair my earbuds?');
    await input.press('Enter');
    const draft = customer.locator(`${CHAT} [part~="assistant-draft"]`);
    await draft.filter({ hasText: 'Hold the case button for 3 seconds' }).waitFor(WAIT);
    assert.equal(await draft.getAttribute('aria-busy'), 'true');
    release();
    const answer = customer.locator(`${CHAT} [part~="message"][data-from="bot"]:not([part~="assistant-draft"])`);
    await answer.filter({ hasText: 'until the light blinks white [1].' }).waitFor(WAIT);
    assert.equal(await answer.locator('[part~="assistant-sources"] a').first().getAttribute('href'), '/help/buds-pairing');
    await draft.waitFor({ state: 'detached', ...WAIT });
    assert.deepEqual(world.pageErrors, []);
  });
});
