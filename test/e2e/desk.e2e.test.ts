/**
 * End to end: a support team's day on the desk (issue 16), in real Chromium through the real
 * relay: two agents (Alex, an admin, and Sam) on the demo desk, three customers on the demo
 * product page. Routing shares the customers round-robin and sends a returning customer to the
 * agent who helped them; Alex transfers a conversation to Sam with a note; Sam's private note never
 * reaches the customer (read on the customer's WebSocket); Sam resolves, the customer's next message
 * reopens; a canned reply's placeholders are filled from the conversation; the profile shows the
 * customer's earlier conversation and their call.
 *
 * Run after `npm run build` (the pages load dist/). With `DESK_SCREENSHOTS=<dir>` it also saves
 * the desk in light, dark and zh-CN there.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { signToken } from '../../server/tokens.js';
import { CHROMIUM_FLAGS } from '../support/browser.js';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { openDemoDesk } from '../support/desk-pages.js';

const WAIT = { timeout: 20_000 };
const INBOX = 'support-inbox';

type Summary = { assignee?: { id: string; name: string }; status?: string; lastSeq: number };

/** A conversation as an element's client knows it (what the wire told it). */
function conversationOn(page: Page, host: string, id: string): Promise<Summary | undefined> {
  return page.evaluate(
    ([tag, conversationId]) => {
      const client = (document.querySelector(tag!) as (Element & { activeClient?: { conversation(id: string): Summary | undefined } }) | null)?.activeClient;
      const view = client?.conversation(conversationId!);
      return view ? { assignee: view.assignee, status: view.status, lastSeq: view.lastSeq } : undefined;
    },
    [host, id],
  );
}

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = WAIT.timeout): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Counts every frame the page's WebSockets receive, so a test can read what reached this customer. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8'))));
  return frames;
}

/** The customer opens the chat on the product page and writes; resolves with their conversation id once the relay stored it. */
async function customerWrites(page: Page, url: string | undefined, text: string): Promise<string> {
  if (url !== undefined) {
    await page.goto(`${url}/`);
    await page.locator('support-chat [part~="launcher"]').click(WAIT);
  }
  const input = page.locator('support-chat [part~="input"]');
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction(
    (body) => {
      const root = document.querySelector('support-chat')?.shadowRoot;
      const mine = [...(root?.querySelectorAll('[part~="message"][data-from="me"]') ?? [])].find((m) => m.textContent?.includes(body));
      const status = mine?.getAttribute('data-status');
      return status !== undefined && status !== null && status !== 'sending' && status !== 'failed';
    },
    text,
    WAIT,
  );
  return page.evaluate(() => (document.querySelector('support-chat') as Element & { conversationId?: string }).conversationId ?? '');
}

/** Opens a conversation in a desk (through the queue's row in All). */
async function openInDesk(page: Page, id: string): Promise<void> {
  await page.locator(`${INBOX} [part~="queue-view"][data-view="all"]`).click();
  await page.locator(`${INBOX} [part~="conversation"][data-id="${id}"]`).click(WAIT);
  await page.locator(`${INBOX} [part~="desk-bar"][aria-busy="false"]`).waitFor(WAIT);
}

/** The desk events of the open thread, in words. */
function eventTexts(page: Page): Promise<string[]> {
  return page.locator(`${INBOX} [part~="desk-event"] .desk-event-text`).allTextContents();
}

async function waitForEvent(page: Page, matches: (text: string) => boolean, what: string): Promise<string> {
  let found: string | undefined;
  await waitUntil(async () => (found = (await eventTexts(page)).map((t) => t.trim()).find(matches)) !== undefined, what);
  return found ?? '';
}

describe('the desk of a support team: two agents, three customers', () => {
  let world: DeskWorld;
  let alex: Page;
  let sam: Page;
  let ann: Page;
  let ben: Page;
  let cy: Page;
  let annFrames: string[];
  const ids: Record<'ann' | 'ben' | 'cy', string> = { ann: '', ben: '', cy: '' };

  before(async () => {
    world = await openDeskWorld({ args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'] });
    alex = await world.person();
    sam = await world.person();
    await openDemoDesk(alex, world.relay.url, { id: 'alex', name: 'Alex', admin: true });
    await openDemoDesk(sam, world.relay.url, { id: 'sam', name: 'Sam' });
    // Both online in each other's roster before any customer writes.
    for (const desk of [alex, sam]) {
      await desk.waitForFunction(
        () =>
          ((document.querySelector('support-inbox') as (Element & { activeClient?: { desk: { agents: Array<{ presence: string }> } } }) | null)?.activeClient?.desk.agents ?? []).filter(
            (agent) => agent.presence === 'online',
          ).length === 2,
        undefined,
        WAIT,
      );
    }
    ann = await world.person();
    annFrames = recordFrames(ann);
    ben = await world.person();
    cy = await world.person();
  });

  after(() => world?.close());

  it('routes three new customers round-robin over the two online agents', async () => {
    ids.ann = await customerWrites(ann, world.relay.url, 'My earbuds will not pair');
    await waitUntil(async () => (await conversationOn(alex, INBOX, ids.ann))?.assignee !== undefined, "Ann's conversation routed");
    ids.ben = await customerWrites(ben, world.relay.url, 'The laptop charger whines');
    await waitUntil(async () => (await conversationOn(alex, INBOX, ids.ben))?.assignee !== undefined, "Ben's conversation routed");
    ids.cy = await customerWrites(cy, world.relay.url, 'The watch screen has a line');
    await waitUntil(async () => (await conversationOn(alex, INBOX, ids.cy))?.assignee !== undefined, "Cy's conversation routed");
    const assignees = await Promise.all([ids.ann, ids.ben, ids.cy].map(async (id) => (await conversationOn(alex, INBOX, id))?.assignee?.id));
    // Nobody was routed anything yet: the tie goes by id (alex), then the one served longest ago.
    assert.deepEqual(assignees, ['agent-alex', 'agent-sam', 'agent-alex']);
    // The rows say so in both desks.
    await openInDesk(sam, ids.ben);
    await sam.locator(`${INBOX} [part~="queue-view"][data-view="mine"]`).click();
    await sam.locator(`${INBOX} [part~="conversation"][data-id="${ids.ben}"]`).waitFor(WAIT);
    assert.equal(await sam.locator(`${INBOX} [part~="conversation"][data-id="${ids.ann}"]`).count(), 0, "Ann's is not in Sam's Mine");
  });

  it('sends a returning customer to the agent who helped them, not the next in turn', async () => {
    // Alex was routed last, so round-robin would now pick Sam; Cy still goes back to Alex.
    await openInDesk(alex, ids.cy);
    await alex.locator(`${INBOX} [part~="unassign-button"]`).click();
    await waitUntil(async () => (await conversationOn(alex, INBOX, ids.cy))?.assignee === undefined, 'Cy unassigned');
    await customerWrites(cy, undefined, 'Also, the strap is loose');
    await waitUntil(async () => (await conversationOn(sam, INBOX, ids.cy))?.assignee !== undefined, 'Cy routed again');
    assert.equal((await conversationOn(sam, INBOX, ids.cy))?.assignee?.id, 'agent-alex');
  });

  it('a video call in Ann\'s conversation ends in its summary', async () => {
    await openInDesk(alex, ids.ann);
    await ann.locator('support-chat [part~="call-button"]').click(WAIT);
    await alex.locator(`${INBOX} support-call [part~="accept-button"]`).click(WAIT);
    for (const [page, host] of [[ann, 'support-chat'], [alex, INBOX]] as const) {
      await page.waitForFunction((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('support-call')?.getAttribute('state') === 'connected', host, WAIT);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a call of a second or two
    await ann.locator('support-chat support-call [part~="hangup-button"]').click();
    for (const [page, host] of [[ann, 'support-chat'], [alex, INBOX]] as const) {
      await page.waitForFunction((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('support-call')?.getAttribute('state') === 'ended', host, WAIT);
    }
    await alex
      .locator(`${INBOX} [part~="message"][data-kind="call-summary"] [part~="call-summary"]`)
      .first()
      .waitFor(WAIT)
      .catch(async (error: Error) => {
        const kinds = await alex.evaluate(() => [...(document.querySelector('support-inbox')?.shadowRoot?.querySelectorAll('[part~="message"]') ?? [])].map((m) => `${m.getAttribute('data-kind')}:${m.textContent?.trim().slice(0, 40)}`));
        throw new Error(`${error.message}\nthe thread: ${kinds.join(' | ')}`);
      });
  });

  it('Alex transfers Ann to Sam with a note; Sam reads it in the thread', async () => {
    await openInDesk(alex, ids.ann);
    await alex.locator(`${INBOX} [part~="transfer-button"]`).click();
    const form = alex.locator(`${INBOX} [part~="transfer-form"]`);
    await form.locator('select').selectOption('agent-sam');
    await form.locator('textarea').fill('Earbuds: Sam knows the pairing reset');
    await alex.locator(`${INBOX} [part~="transfer-submit"]`).click();
    await waitUntil(async () => (await conversationOn(sam, INBOX, ids.ann))?.assignee?.id === 'agent-sam', 'the transfer');
    await openInDesk(sam, ids.ann);
    const said = await waitForEvent(sam, (t) => t.includes('Earbuds: Sam knows the pairing reset'), 'the transfer with its note');
    assert.match(said, /^Alex assigned this to (You|you|Sam): Earbuds: Sam knows the pairing reset$/);
  });

  it("Sam's private note never reaches Ann: not one frame on her WebSocket holds it", async () => {
    await openInDesk(sam, ids.ann);
    await sam.locator(`${INBOX} [part~="compose-mode"] input[value="note"]`).check();
    const input = sam.locator(`${INBOX} [part~="input"]`);
    await input.fill('Warranty ends in May, treat as VIP');
    await input.press('Enter');
    await sam.waitForFunction(
      () => {
        const root = document.querySelector('support-inbox')?.shadowRoot;
        return [...(root?.querySelectorAll('[part~="message"][data-kind="note"]') ?? [])].some((m) => m.textContent?.includes('Warranty ends in May') && m.getAttribute('data-status') !== 'sending');
      },
      undefined,
      WAIT,
    );
    await sam.locator(`${INBOX} [part~="compose-mode"] input[value="text"]`).check();
    await input.fill('Hi, I will help you reset them');
    await input.press('Enter');
    // The reply after the note arrives: anything the relay sent Ann before it is in `annFrames`.
    await ann.locator('support-chat [part~="message"]', { hasText: 'I will help you reset them' }).waitFor(WAIT);
    assert.ok(annFrames.length > 0, 'the recorder saw frames');
    assert.deepEqual(annFrames.filter((frame) => frame.includes('Warranty ends') || frame.includes('"note"')), []);
    assert.equal(await ann.locator('support-chat [part~="message"]', { hasText: 'Warranty ends' }).count(), 0);
  });

  it("a canned reply's placeholders are filled from the conversation", async () => {
    // Alex, an admin, keeps the shop's canned replies.
    await alex.evaluate(async () => {
      const inbox = document.querySelector('support-inbox') as Element & { activeClient?: { desk: { saveCannedReply(reply: object): Promise<unknown> } } };
      await inbox.activeClient?.desk.saveCannedReply({ id: 'pairing', shortcut: 'pairing', title: 'Pairing reset', body: 'Hi {{customer.name}}, hold both earbuds in the case for 10 seconds (order {{order.id}}).' });
    });
    await openInDesk(sam, ids.ann);
    const input = sam.locator(`${INBOX} [part~="input"]`);
    await input.fill('');
    await input.pressSequentially('/pair');
    await sam.locator(`${INBOX} [part~="canned-reply"]`, { hasText: 'Pairing reset' }).waitFor(WAIT);
    await input.press('Enter');
    await waitUntil(async () => (await input.inputValue()).startsWith('Hi '), 'the reply in the composer');
    // The demo names its visitors "Customer" and a few letters of their id.
    assert.match(await input.inputValue(), /^Hi Customer [A-Z0-9]{4}, hold both earbuds in the case for 10 seconds \(order 100234\)\.$/);
    await input.press('Enter');
    await ann.locator('support-chat [part~="message"]', { hasText: 'hold both earbuds in the case' }).waitFor(WAIT);
  });

  it("Sam resolves; Ann's next message reopens the conversation", async () => {
    await openInDesk(sam, ids.ann);
    await sam.locator(`${INBOX} [part~="status-select"]`).selectOption('resolved');
    await waitUntil(async () => (await conversationOn(sam, INBOX, ids.ann))?.status === 'resolved', 'resolved');
    await waitForEvent(sam, (t) => t === 'You resolved the conversation', 'the resolve in words');
    await customerWrites(ann, undefined, 'It pairs now, thank you! One more thing');
    // Open is the state without a mark (`status` absent).
    await waitUntil(async () => ((await conversationOn(sam, INBOX, ids.ann))?.status ?? 'open') === 'open', 'reopened by the customer');
    await waitForEvent(sam, (t) => t === 'The customer wrote again: the conversation is open', 'the reopening in words');
  });

  it("Ann comes back about another device: Sam gets her, and the profile shows her earlier conversation and call", async () => {
    // Her shop's backend signs her in with a new conversation first and the earlier one after it.
    const secret = readFileSync(join(world.data.dir, 'secret'), 'utf8').trim();
    const annId = ids.ann.replace(/^c-/, '');
    const laptop = `${ids.ann}-laptop`;
    // Her earlier visit's tab is gone (its token, signed before, does not list the new conversation;
    // the tabs of one customer share one outbox and any of them may send it).
    await ann.close();
    const page = await world.tab(ann.context());
    await page.route('**/demo/token', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          token: signToken({ sub: annId, name: 'Customer', role: 'customer', shop: 'demo', conv: [laptop, ids.ann], exp: Math.floor(Date.now() / 1000) + 600 }, secret),
        }),
      }),
    );
    const id = await customerWrites(page, world.relay.url, 'My new laptop fan is loud');
    assert.equal(id, laptop);
    await waitUntil(async () => (await conversationOn(sam, INBOX, laptop))?.assignee !== undefined, 'the new conversation routed');
    assert.equal((await conversationOn(sam, INBOX, laptop))?.assignee?.id, 'agent-sam', 'the agent who last helped her');
    await openInDesk(sam, laptop);
    // At this width the profile is a column beside the thread (its toggle is for narrow screens).
    const toggle = sam.locator(`${INBOX} [part~="profile-button"]`);
    if (await toggle.isVisible()) await toggle.click();
    const earlier = sam.locator(`${INBOX} [part~="profile-conversation"][data-id="${ids.ann}"]`);
    await earlier.waitFor(WAIT);
    assert.equal(await sam.locator(`${INBOX} [part~="profile-conversation"][data-id="${laptop}"]`).getAttribute('aria-current'), 'true');
    assert.match((await sam.locator(`${INBOX} [part~="profile-call"]`).first().textContent()) ?? '', /Video call/);
    // Opening the earlier conversation from the profile shows its thread.
    await earlier.click();
    await sam.locator(`${INBOX} [part~="thread"]`).getByText('My earbuds will not pair').waitFor(WAIT);
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(world.pageErrors, []);
  });
});
