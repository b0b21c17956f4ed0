/**
 * Replies by email on a real relay with a real SMTP server in-process (issue 17): the contact
 * email (validated, with its consent wording), one email when an agent's reply stays unread for N
 * minutes of the relay's clock (batched, at most one per conversation per hour, none when read),
 * plain text with the attachments named and a link back but no token, retried with backoff while
 * SMTP is down and then sent exactly once, and the signed unsubscribe link honoured.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startRelay, TestClient } from './relay-harness.js';
import type { TestRelay } from './relay-harness.js';
import { admin, ADMIN_TOKEN, askCustomer, clockOptions, TestClock, TestSmtp, tokenAt } from './relationship-harness.js';

const MINUTE = 60_000;
const PUBLIC_URL = 'https://help.shop.example';

/** The text of an email with quoted-printable soft breaks and escapes undone. */
function bodyOf(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('replies by email', () => {
  let clock: TestClock;
  let smtp: TestSmtp;
  let relay: TestRelay;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    clock = new TestClock();
    smtp = new TestSmtp();
    await smtp.start();
    relay = await startRelay({
      ...clockOptions(clock),
      autoAssign: false,
      smtpUrl: smtp.url,
      mailFrom: '"Shop support" <support@shop.example>',
      publicUrl: PUBLIC_URL,
      mailDelayMs: 10 * MINUTE,
      mailRetryMs: 1000,
      attachmentOrigins: ['https://cdn.shop.example'],
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await relay.dispose();
    await smtp.stop();
  });

  async function connect(sub: string, role: 'customer' | 'agent') {
    const result = await TestClient.connect(relay.url, tokenAt(clock, sub, role));
    clients.push(result.client);
    return result;
  }

  function outbox(): Array<{ conversation_id: string; attempts: number; sent_at: number | null }> {
    const db = new Database(join(relay.dataDir, 'support.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT conversation_id, attempts, sent_at FROM mail_outbox ORDER BY created_at').all() as Array<{ conversation_id: string; attempts: number; sent_at: number | null }>;
    } finally {
      db.close();
    }
  }

  /** A customer who left an email, and an agent. */
  async function leftEmail(sub: string) {
    const { client: customer, welcome } = await connect(sub, 'customer');
    assert.equal(welcome.emailOffered, true);
    const given = await askCustomer(customer, { kind: 'contact', conversationId: `c-${sub}`, email: `${sub}@mail.example`, consent: 'Email me when support replies.' });
    assert.ok('kind' in given && given.kind === 'conversation');
    assert.equal(given.conversation.contact?.email, `${sub}@mail.example`);
    return customer;
  }

  async function reply(agent: TestClient, conversationId: string, id: string, body: string, attachments?: object[]): Promise<number> {
    agent.send({ type: 'send', clientMsgId: id, conversationId, kind: 'text', body, ...(attachments ? { attachments } : {}) });
    return (await agent.next('ack', (a) => a.clientMsgId === id)).seq;
  }

  it('refuses an invalid email and stores nothing', async () => {
    const { client: ana } = await connect('ana', 'customer');
    const refused = await askCustomer(ana, { kind: 'contact', conversationId: 'c-ana', email: 'ana@@mail' });
    assert.equal('code' in refused && refused.code, 'invalid-email');
    const db = new Database(join(relay.dataDir, 'support.sqlite'), { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n, 0);
    db.close();
  });

  it('sends one batched email after N unread minutes, at most one an hour, none when read', async () => {
    await leftEmail('ana');
    const bo = await leftEmail('bo');
    await leftEmail('cy');
    const { client: alex } = await connect('alex', 'agent');
    await admin(relay.url, 'PUT', '/admin/page?shop=demo', { url: 'https://shop.example/help?from=mail' });
    await reply(alex, 'c-ana', 'a1', 'Please restart the phone.');
    await reply(alex, 'c-ana', 'a2', 'Here is the manual.', [{ id: 'f1', kind: 'file', mime: 'application/pdf', size: 10, name: 'manual.pdf', url: 'https://cdn.shop.example/manual.pdf' }]);
    const boSeq = await reply(alex, 'c-bo', 'b1', 'Bo, your order ships today.');
    bo.send({ type: 'receipt', conversationId: 'c-bo', kind: 'read', upTo: boSeq });
    await reply(alex, 'c-cy', 'c1', 'Cy, we got your photo.');
    await bo.sync();

    clock.advance(10 * MINUTE);
    const mails = await smtp.waitFor(2);
    assert.deepEqual(mails.map((m) => m.to[0]).sort(), ['ana@mail.example', 'cy@mail.example'], 'bo read the reply: no email');
    const ana = bodyOf(mails.find((m) => m.to[0] === 'ana@mail.example')?.raw ?? '');
    assert.match(ana, /Please restart the phone\./);
    assert.match(ana, /Here is the manual\./);
    assert.match(ana, /manual\.pdf/, 'the attachment is named');
    assert.doesNotMatch(ana, /multipart\/mixed|Content-Disposition: attachment/i, 'and not attached');
    assert.match(ana, /https:\/\/shop\.example\/help\?from=mail&support-conversation=c-ana/, 'the link back opens the shop’s page on the conversation');
    assert.match(ana, /List-Unsubscribe:\s+<https:\/\/help\.shop\.example\/unsubscribe\?/);
    assert.match(ana, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    assert.doesNotMatch(ana, /token|eyJ/i, 'no token in an email');

    // A new reply within the hour waits for the hour; cy's email shows the planner looked.
    await reply(alex, 'c-ana', 'a3', 'Did it help?');
    await reply(alex, 'c-cy', 'c2', 'Cy, anything else?');
    clock.advance(61 * MINUTE);
    await smtp.waitFor(4);
    assert.equal(smtp.mails.filter((m) => m.to[0] === 'ana@mail.example').length, 2);
    const later = bodyOf(smtp.mails.filter((m) => m.to[0] === 'ana@mail.example')[1]?.raw ?? '');
    assert.match(later, /Did it help\?/);
    assert.doesNotMatch(later, /Please restart/, 'each reply is emailed once');
    assert.equal(smtp.mails.length, 4);
  });

  it('retries while the SMTP server is down and sends exactly once when it is back', async () => {
    await leftEmail('ana');
    const { client: alex } = await connect('alex', 'agent');
    await smtp.stop();
    await reply(alex, 'c-ana', 'a1', 'Please restart the phone.');
    clock.advance(10 * MINUTE);
    while ((outbox()[0]?.attempts ?? 0) < 2) await new Promise((r) => setTimeout(r, 20)).then(() => clock.advance(2000));
    assert.equal(outbox()[0]?.sent_at, null, 'kept, not lost');
    await smtp.start();
    clock.advance(60 * MINUTE);
    await smtp.waitFor(1);
    while (outbox()[0]?.sent_at === null) await new Promise((r) => setTimeout(r, 20));
    // Another customer's email proves the planner and sender ran again since.
    await leftEmail('cy');
    await reply(alex, 'c-cy', 'c1', 'Cy, hello');
    clock.advance(11 * MINUTE);
    await smtp.waitFor(2);
    assert.deepEqual(smtp.mails.map((m) => m.to[0]), ['ana@mail.example', 'cy@mail.example'], 'never sent twice');
    assert.equal(outbox().length, 2);
  });

  it('honours the signed unsubscribe link: a page, then one click stops the emails', async () => {
    await leftEmail('ana');
    const { client: alex } = await connect('alex', 'agent');
    await reply(alex, 'c-ana', 'a1', 'Please restart the phone.');
    clock.advance(10 * MINUTE);
    const [mail] = await smtp.waitFor(1);
    const link = /Unsubscribe: (https:\/\/\S+)/.exec(bodyOf(mail?.raw ?? ''))?.[1] ?? '';
    const local = link.replace(PUBLIC_URL, relay.url);
    const page = await fetch(local);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post">/);
    const forged = await fetch(local.replace(/sig=[^&]+/, 'sig=forged'), { method: 'POST' });
    assert.equal(forged.status, 404);
    const done = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(done.status, 200);

    await leftEmail('cy');
    await reply(alex, 'c-ana', 'a2', 'Still there?');
    await reply(alex, 'c-cy', 'c1', 'Cy, hello');
    clock.advance(2 * 60 * MINUTE);
    await smtp.waitFor(2);
    assert.deepEqual(smtp.mails.map((m) => m.to[0]), ['ana@mail.example', 'cy@mail.example'], 'no more emails to ana');
  });

  it('exports the contact email with its consent, then forgets it, its unsubscribe and the outbox when the privacy API deletes the customer', async () => {
    await leftEmail('ana');
    const { client: alex } = await connect('alex', 'agent');
    await reply(alex, 'c-ana', 'a1', 'Please restart the phone.');
    clock.advance(10 * MINUTE);
    await smtp.waitFor(1);
    const exported = await fetch(`${relay.url}/privacy/export?customerId=ana&shop=demo`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const conversations = ((await exported.json()) as { conversations: Array<{ id: string; contact?: { email: string; consent?: string } }> }).conversations;
    assert.deepEqual(conversations.map((c) => [c.id, c.contact?.email, c.contact?.consent]), [['c-ana', 'ana@mail.example', 'Email me when support replies.']]);
    const response = await fetch(`${relay.url}/privacy/customers/ana?shop=demo`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(response.status, 200);
    const db = new Database(join(relay.dataDir, 'support.sqlite'), { readonly: true });
    try {
      for (const table of ['contacts', 'mail_outbox', 'mail_optouts']) assert.equal((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, 0, table);
    } finally {
      db.close();
    }
  });
});
