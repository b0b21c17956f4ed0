/**
 * End to end: issue 17's long-term relationship, in real Chromium through the real relay (a child
 * process with its SQLite file) and a real SMTP server in this process. Outside the shop's hours the
 * widget says when it opens, in the customer's own time zone; the customer leaves a message and an
 * email and closes the page; the agent replies on the desk; exactly one email arrives, holding the
 * reply and a link that reopens the conversation; the customer answers "How did we do?" and the
 * desk shows it in its Satisfaction panel and the thread; a follow-up due in 2 seconds fires once
 * although the relay was down at its time, and the desk lists it.
 *
 * Run after `npm run build` (the pages load dist/).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { IsoWeekday } from '../../src/protocol/relationship.js';
import { axeViolations } from '../support/axe.js';
import { openDeskWorld, type DeskWorld } from '../support/desk-world.js';
import { onClient, openDemoDesk, waitConnected } from '../support/desk-pages.js';
import { admin, ADMIN_TOKEN, TestSmtp } from '../unit/server/relationship-harness.js';

const WAIT = { timeout: 20_000 };
const INBOX = 'support-inbox';
const CHAT = 'support-chat';
const CUSTOMER_ZONE = 'America/New_York';
const REPLY = 'Hold the power button for ten seconds, then update the firmware.';

async function waitUntil(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = WAIT.timeout): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The text of an email with quoted-printable soft breaks and escapes undone. */
function bodyOf(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('the long-term relationship: hours, a reply by email, satisfaction, a follow-up across a restart', () => {
  let world: DeskWorld;
  let smtp: TestSmtp;
  let desk: Page;
  let customer: Page;
  let conversationId = '';
  const relayLog: string[] = [];
  const watchLog = (): void => void world.relay.child.stderr?.on('data', (chunk: Buffer) => relayLog.push(...chunk.toString().split('\n').filter(Boolean)));

  before(async () => {
    smtp = new TestSmtp();
    await smtp.start();
    world = await openDeskWorld({
      env: (port) => ({
        SUPPORT_SMTP_URL: smtp.url,
        SUPPORT_MAIL_FROM: '"Shop support" <support@shop.example>',
        SUPPORT_PUBLIC_URL: `http://localhost:${port}`,
        SUPPORT_MAIL_DELAY_MINUTES: '0.02', // 1.2 s unread before a reply is emailed
        SUPPORT_ADMIN_TOKEN: ADMIN_TOKEN,
      }),
      context: { bypassCSP: true }, // axe is injected as a script
    });
    watchLog();
  });

  after(async () => {
    await world?.close();
    await smtp?.stop();
  });

  it("outside hours shows the next opening in the customer's own time zone", async () => {
    // Open only two days from now (in the shop's zone, Tokyo), 09:00–10:00: closed whenever this runs.
    const day = (((new Date().getUTCDay() + 2) % 7) || 7) as IsoWeekday;
    const set = await admin(world.relay.url, 'PUT', '/admin/hours?shop=demo', { timeZone: 'Asia/Tokyo', weekly: [{ day, from: '09:00', to: '10:00' }], holidays: [] });
    assert.equal(set.status, 200);
    const nextOpen = (set.json['status'] as { open: boolean; nextOpen: number }).nextOpen;
    customer = await world.person();
    const cdp = await customer.context().newCDPSession(customer);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: CUSTOMER_ZONE });
    await customer.goto(`http://localhost:${world.relay.port}/`);
    await customer.locator(`${CHAT} [part~="launcher"]`).click(WAIT);
    const presence = customer.locator(`${CHAT} [part~="presence"][data-closed]`);
    await presence.waitFor(WAIT);
    const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone: CUSTOMER_ZONE }).format(nextOpen);
    const weekday = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: CUSTOMER_ZONE }).format(nextOpen);
    const said = (await presence.textContent())?.trim() ?? '';
    assert.match(said, /^We're back /);
    assert.ok(said.endsWith(` at ${time}`), `"${said}" ends with New York's ${time} (Tokyo's 9:00)`);
    assert.ok(said.includes(weekday) || /today|tomorrow/.test(said), `"${said}" names the day in New York`);
    assert.ok(!said.includes('9:00'), 'not the shop’s wall clock');
  });

  it('leaves a message with an email, closes the page; the agent replies; exactly one email arrives with the reply and a link that reopens the conversation', async () => {
    const input = customer.locator(`${CHAT} [part~="input"]`);
    await input.fill('My phone does not turn on after the update');
    await input.press('Enter');
    const email = customer.locator(`${CHAT} [part~="contact-email-input"]`);
    await email.fill('mia@mail.example');
    await customer.locator(`${CHAT} [part~="contact-email-save-button"]`).click();
    await customer.locator(`${CHAT} [part~="contact-email-answer"]`).waitFor(WAIT);
    conversationId = await customer.evaluate((host) => (document.querySelector(host) as Element & { conversationId?: string }).conversationId ?? '', CHAT);
    assert.match(conversationId, /^c/);
    await customer.waitForFunction(
      ([host, id]) => (document.querySelector(host!) as Element & { activeClient?: { conversation(id: string): { contact?: unknown; messages: Array<{ status: string }> } | undefined } }).activeClient?.conversation(id!)?.messages.every((m) => m.status !== 'sending'),
      [CHAT, conversationId] as const,
      WAIT,
    );
    const customerContext = customer.context();
    await customer.close();

    desk = await world.person();
    await openDemoDesk(desk, world.relay.url, { id: 'alex', name: 'Alex' });
    await desk.locator(`${INBOX} [part~="queue-view"][data-view="all"]`).click();
    await desk.locator(`${INBOX} [part~="conversation"][data-id="${conversationId}"]`).click(WAIT);
    const reply = desk.locator(`${INBOX} [part~="input"]`);
    await reply.fill(REPLY);
    await reply.press('Enter');

    const [mail] = await smtp.waitFor(1, WAIT.timeout);
    assert.ok(mail);
    assert.deepEqual(mail.to, ['mia@mail.example']);
    const body = bodyOf(mail.raw);
    assert.ok(body.includes(REPLY), 'the email quotes the reply');
    const link = /https?:\/\/\S*support-conversation=[^\s>]+/.exec(body)?.[0];
    assert.ok(link, 'the email links back to the conversation');
    assert.equal(new URL(link).searchParams.get('support-conversation'), conversationId);
    assert.ok(!/token|eyJ/.test(link), 'no token in the link');

    customer = await world.tab(customerContext); // the same browser: the demo page signs the same customer in
    await customer.goto(link);
    await customer.locator(`${CHAT}[open]`).waitFor({ ...WAIT, state: 'attached' });
    await customer.waitForFunction(
      ([host, text]) => [...(document.querySelector(host!)?.shadowRoot?.querySelectorAll('[part~="message"][data-from="them"]') ?? [])].some((m) => m.textContent?.includes(text!)),
      [CHAT, REPLY] as const,
      WAIT,
    );
    assert.equal(await customer.evaluate((host) => (document.querySelector(host) as Element & { conversationId?: string }).conversationId, CHAT), conversationId);
    // Read now: no second email, ever (the reply was emailed once; the next one may come an hour later at the soonest).
    assert.equal(smtp.mails.length, 1);
  });

  it('shows the customer’s CSAT answer in the desk: the Satisfaction panel and the thread', async () => {
    await onClient(desk, INBOX, '(client, id) => client.desk.take(id).catch(() => undefined)', [conversationId]);
    await onClient(desk, INBOX, "(client, id) => client.desk.setStatus(id, 'resolved')", [conversationId]);
    const csat = customer.locator(`${CHAT} [part~="csat"]`);
    await csat.waitFor(WAIT);
    await csat.locator('input[type="radio"][value="5"]').check();
    await customer.locator(`${CHAT} [part~="csat-submit-button"]`).click();
    await customer.locator(`${CHAT} [part~="csat-thanks"]`).waitFor(WAIT);

    await desk.locator(`${INBOX} [part~="desk-event"]`, { hasText: 'The customer rated the help 5/5' }).waitFor(WAIT);
    await desk.locator(`${INBOX} [part~="csat-button"]`).click();
    const row = desk.locator(`${INBOX} [part~="csat-by-agent"] tbody tr`, { has: desk.locator('th[scope="row"]', { hasText: 'Alex' }) });
    await row.waitFor(WAIT);
    assert.deepEqual((await row.locator('td').allTextContents()).map((t) => t.trim()), ['1', '5', '0', '0', '0', '0', '1']);
    assert.deepEqual(await axeViolations(desk), [], 'the Satisfaction panel passes axe (WCAG 2.1 AA)');
    await desk.keyboard.press('Escape');
    await desk.locator(`${INBOX} [part~="csat-dialog"]`).waitFor({ ...WAIT, state: 'detached' });
  });

  it('fires a follow-up due in 2 seconds once, although the relay was down at its time, and the desk lists it', async () => {
    const dueAt = Date.now() + 2000;
    const followUp = await onClient<{ id: string }>(desk, INBOX, "(client, id, due) => client.desk.scheduleFollowUp(id, due, 'Ask if the phone still starts')", [conversationId, dueAt]);
    await world.relay.stop('SIGKILL');
    await waitUntil(() => Date.now() > dueAt + 500, 'its time to pass while the relay is down');
    await world.restartRelay();
    watchLog();
    await waitConnected(desk, INBOX);
    const button = desk.locator(`${INBOX} [part~="followups-button"]`);
    await waitUntil(async () => ((await button.textContent()) ?? '').includes('(1)'), 'the desk to count it');
    await button.click();
    const item = desk.locator(`${INBOX} [part~="followup"][data-id="${followUp.id}"]`);
    await item.waitFor(WAIT);
    assert.match((await item.textContent()) ?? '', /Ask if the phone still starts/);
    await desk.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(desk), [], 'the Follow-ups due view passes axe in dark mode');
    const fired = relayLog.filter((line) => line.includes('"followup-due"') && line.includes(conversationId));
    assert.equal(fired.length, 1, `fired once: ${fired.join('\n')}`);
    assert.deepEqual(world.pageErrors, []);
  });
});
