import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import { canvasPng, relayUploads } from './attachments-fixtures.js';
import { inlineChat, sendNumbered } from './support/desk-fixtures.js';
import { createClient, disposeClients, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part, parts } from './support/shadow.js';

/** Messages in the seeded conversation: the photo (without a size, so it grows when it loads) is number PHOTO_AT. */
const TOTAL = 1500;
const PHOTO_AT = 1400;
/** More than the window ever holds (visible messages and their overscan), far fewer than what gets loaded. */
const BOUND = 150;

/** Resolves in a task after the next frame was painted (what the reader saw). */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

function frames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

interface Seeded {
  userId: string;
  conversationId: string;
  /** Message ids (clientMsgId) in order, index 0 = message 1. */
  ids: string[];
}

/** One customer conversation of TOTAL messages on the real relay: the agent writes, the customer sends one photo. */
async function seed(): Promise<Seeded> {
  const userId = uniqueId('cust');
  const customer = createClient('customer', userId, 'Ken');
  await customer.connect();
  const conversationId = customer.primaryConversationId as string;
  const agentId = uniqueId('agent');
  const agent = createClient('agent', agentId, 'Alex');
  await agent.connect();
  const ids: string[] = [];
  const stored = (n: number) => () => agent.conversation(conversationId)?.messages.filter((m) => m.status !== 'sending').length === n;
  for (let i = 1; i < PHOTO_AT; i++) ids.push(agent.send(conversationId, { body: `message ${i}${i % 7 === 0 ? ': a longer one that wraps onto a second line in the narrow panel' : ''}` }).clientMsgId);
  await waitFor(stored(PHOTO_AT - 1), 'the first messages to be stored', 150_000);
  // The customer writes while no agent is online, so routing adds no desk event to the thread: the
  // seqs stay dense for the customer (positions of a customer's thread with hidden desk events are
  // estimated; see docs/desk.md).
  agent.disconnect();
  const photo = await relayUploads('customer', userId).upload(await canvasPng(320, 400, 'label.png'), { conversationId, name: 'label.png' });
  const photoId = customer.send(conversationId, { body: `message ${PHOTO_AT}`, attachments: [photo] }).clientMsgId;
  ids.push(photoId);
  await waitFor(() => customer.conversation(conversationId)?.messages.some((m) => m.clientMsgId === photoId && m.status !== 'sending'), 'the photo to be stored', 15_000);
  await agent.connect();
  await waitFor(stored(PHOTO_AT), 'the agent to have the photo', 15_000);
  ids.push(...(await sendNumbered(agent, conversationId, PHOTO_AT + 1, TOTAL, TOTAL, 60_000)));
  disposeClients();
  return { userId, conversationId, ids };
}

async function openChat(userId: string): Promise<SupportChat> {
  const el = await inlineChat(userId);
  await waitFor(() => parts(el, 'message').length >= 50, 'the latest page of history', 10_000);
  await frames();
  return el;
}

function entryOf(el: SupportChat, id: string): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>(`.entry[data-entry="${id}"]`) ?? null;
}

/** The first message that starts in view (what the reader reads), and how far below the list's top edge it is. */
function topVisible(list: HTMLElement): { id: string; offset: number } {
  const top = list.getBoundingClientRect().top;
  const entry = [...list.querySelectorAll<HTMLElement>('.entry')].find((e) => e.getBoundingClientRect().top >= top - 1);
  if (!entry) throw new Error('no message in view');
  return { id: entry.dataset['entry'] ?? '', offset: entry.getBoundingClientRect().top - top };
}

function loaded(el: SupportChat): number {
  return el.activeClient?.conversation(el.conversationId as string)?.messages.length ?? 0;
}

describe('windowed message list with a long history', function () {
  this.timeout(120_000);
  let seeded: Seeded;

  before(async function () {
    this.timeout(300_000);
    seeded = await seed();
  });

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('keeps a bounded number of messages in the DOM while older pages load, and the reader’s message in place', async () => {
    const el = await openChat(seeded.userId);
    const list = part(el, 'messages');
    while (loaded(el) < 600) {
      const before = loaded(el);
      list.scrollTop = 0;
      await painted();
      // What the reader sees at the top while the older page loads stays where it is once the page is in.
      const place = topVisible(list);
      // On a loaded machine the page may already be in (and being laid out) when the place is read:
      // only a place read before the page arrived says whether the page moved it.
      const readBeforePage = loaded(el) === before;
      await waitFor(() => loaded(el) > before, `an older page (${before} loaded)`, 10_000);
      if (!readBeforePage) continue;
      for (let f = 0; f < 4; f++) await painted();
      const entry = entryOf(el, place.id);
      const offset = (entry?.getBoundingClientRect().top ?? NaN) - list.getBoundingClientRect().top;
      expect(Math.abs(offset - place.offset) <= 2, `moved by ${offset - place.offset} px with ${loaded(el)} loaded`).to.equal(true);
    }
    // Scroll up by hand through the page that just came, frame by frame: the window follows.
    for (let i = 0; i < 40; i++) {
      list.scrollTop -= 120;
      await frames();
    }
    const count = parts(el, 'message').length;
    expect(count <= BOUND, `${count} messages in the DOM with ${loaded(el)} loaded`).to.equal(true);
    expect(count >= 10).to.equal(true);
  });

  it('gives each message its place in the whole conversation (aria-posinset / aria-setsize)', async () => {
    const el = await openChat(seeded.userId);
    const feed = el.shadowRoot?.querySelector('[role="feed"]');
    expect(feed?.getAttribute('aria-busy')).to.equal('false');
    const entries = [...(feed?.querySelectorAll<HTMLElement>('[role="article"]') ?? [])];
    expect(entries.length > 0).to.equal(true);
    for (const entry of entries) {
      const index = seeded.ids.indexOf(entry.dataset['entry'] ?? '');
      expect(entry.getAttribute('aria-posinset')).to.equal(String(index + 1));
      expect(entry.getAttribute('aria-setsize')).to.equal(String(TOTAL));
    }
    expect(entries.at(-1)?.textContent?.includes(`message ${TOTAL}`)).to.equal(true);
  });

  it('jumps to an old message by id, loading the pages before it, then focuses and shows it', async () => {
    const el = await openChat(seeded.userId);
    const list = part(el, 'messages');
    const target = seeded.ids[19] as string;
    expect(await el.jumpTo({ messageId: target })).to.equal(true);
    await frames();
    const entry = entryOf(el, target);
    expect(entry?.textContent?.includes('message 20')).to.equal(true);
    expect(entry?.getAttribute('aria-posinset')).to.equal('20');
    expect(el.shadowRoot?.activeElement === entry).to.equal(true);
    const view = list.getBoundingClientRect();
    const rect = (entry as HTMLElement).getBoundingClientRect();
    expect(rect.top >= view.top - 1 && rect.bottom <= view.bottom + 1, 'the message is in view').to.equal(true);
    expect(parts(el, 'message').length <= BOUND).to.equal(true);

    // The newest message again through "new messages", when one arrives meanwhile.
    const agent = createClient('agent', uniqueId('agent'), 'Alex');
    await agent.connect();
    agent.send(seeded.conversationId, { body: 'one more thing' });
    const jump = await waitFor(() => maybePart(el, 'jump-button'), 'the new messages button');
    jump.click();
    await waitFor(() => parts(el, 'message').at(-1)?.textContent?.includes('one more thing'), 'the newest message');
    await frames();
    expect(list.scrollHeight - list.scrollTop - list.clientHeight <= 2).to.equal(true);
    expect(parts(el, 'message').length <= BOUND).to.equal(true);
  });

  it('jumps to a seq and to a date, and says false for a message it does not have', async () => {
    const el = await openChat(seeded.userId);
    expect(await el.jumpTo({ seq: 1000 })).to.equal(true);
    expect(el.shadowRoot?.activeElement?.textContent?.includes('message 1000')).to.equal(true);
    expect(await el.jumpTo({ date: 0 })).to.equal(true);
    expect(el.shadowRoot?.activeElement?.getAttribute('aria-posinset')).to.equal('1');
    expect(el.shadowRoot?.activeElement?.textContent?.includes('message 1')).to.equal(true);
    expect(el.activeClient?.hasMore(el.conversationId as string)).to.equal(false);
    expect(await el.jumpTo({ messageId: 'no-such-message' })).to.equal(false);
  });

  it('moves focus message by message with Page Down / Page Up, in order, past the window’s edge', async () => {
    const el = await openChat(seeded.userId);
    expect(await el.jumpTo({ seq: 1000 })).to.equal(true);
    const position = (): string | null | undefined => el.shadowRoot?.activeElement?.getAttribute('aria-posinset');
    expect(position()).to.equal('1000');
    for (let i = 1; i <= 40; i++) {
      await sendKeys({ press: 'PageDown' });
      await waitFor(() => position() === String(1000 + i), `message ${1000 + i} focused`);
    }
    await sendKeys({ press: 'PageUp' });
    await waitFor(() => position() === '1039', 'message 1039 focused');
    expect(el.shadowRoot?.activeElement?.textContent?.includes('message 1039')).to.equal(true);
    expect(parts(el, 'message').length <= BOUND).to.equal(true);
  });

  it('keeps focus in the list when the focused message scrolls out of the window', async () => {
    const el = await openChat(seeded.userId);
    expect(await el.jumpTo({ seq: 1000 })).to.equal(true);
    expect(el.shadowRoot?.activeElement?.getAttribute('aria-posinset')).to.equal('1000');
    const list = part(el, 'messages');
    // The reader scrolls far away (wheel or scrollbar): message 1000 leaves the DOM.
    const focusedInDom = (): boolean => el.shadowRoot?.querySelector('[aria-posinset="1000"]') != null;
    for (let i = 0; i < 40 && focusedInDom(); i++) {
      list.scrollTop += 400;
      await frames();
    }
    await waitFor(() => !focusedInDom(), 'message 1000 to leave the window');
    expect(el.shadowRoot?.activeElement, 'focus stays in the widget, on the list').to.equal(list);
  });

  it('keeps the visible message in place when a photo above it loads', async () => {
    const el = await openChat(seeded.userId);
    const list = part(el, 'messages');
    // A message a little below the photo, so the photo is rendered just above the view.
    const below = seeded.ids[PHOTO_AT + 8] as string;
    expect(await el.jumpTo({ messageId: below })).to.equal(true);
    await frames();
    const photoEntry = entryOf(el, seeded.ids[PHOTO_AT - 1] as string);
    expect(photoEntry !== null, 'the photo message is rendered').to.equal(true);
    const top = (e: HTMLElement | null): number => (e?.getBoundingClientRect().top ?? NaN) - list.getBoundingClientRect().top;
    const watched = entryOf(el, below);
    const before = top(watched);
    const image = await waitFor(() => photoEntry?.querySelector('img'), 'the photo element', 10_000);
    await waitFor(() => image.complete && image.naturalHeight > 0, 'the photo to load', 10_000);
    await frames();
    expect((photoEntry as HTMLElement).getBoundingClientRect().bottom <= list.getBoundingClientRect().top + 1, 'the photo is above the view').to.equal(true);
    expect(Math.abs(top(watched) - before) <= 2, `moved by ${top(watched) - before} px`).to.equal(true);
  });
});
