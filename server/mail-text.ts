/**
 * What a reply email says and where its links go (issue 17). Plain text only: the agents' replies
 * as text, attachments named but never attached, a link back to the shop's page (no token: the
 * customer signs in there as usual) and a signed unsubscribe link to the relay.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Attachment } from 'support-widget/protocol';

/** One agent reply as the email quotes it. */
export interface MailedReply {
  agent: string;
  body: string;
  attachments: string[];
}

/** The query parameter of the link back that names the conversation to open. */
export const CONVERSATION_PARAM = 'support-conversation';

/** The link back: the shop's page with the conversation named (the page's widget opens it after sign-in). */
export function conversationLink(pageUrl: string, conversationId: string): string {
  const url = new URL(pageUrl);
  url.searchParams.set(CONVERSATION_PARAM, conversationId);
  return url.toString();
}

function signature(secret: string, shop: string, conversationId: string, email: string): string {
  return createHmac('sha256', secret).update(`unsubscribe\n${shop}\n${conversationId}\n${email}`, 'utf8').digest('base64url');
}

/** The relay's signed unsubscribe address for the contact of a conversation (names no email). */
export function unsubscribeLink(publicUrl: string, secret: string, shop: string, conversationId: string, email: string): string {
  const url = new URL('/unsubscribe', publicUrl);
  url.searchParams.set('shop', shop);
  url.searchParams.set('c', conversationId);
  url.searchParams.set('sig', signature(secret, shop, conversationId, email));
  return url.toString();
}

/** True when `sig` is the signature of this contact's unsubscribe link. */
export function isUnsubscribeSignature(secret: string, shop: string, conversationId: string, email: string, sig: string): boolean {
  const expected = Buffer.from(signature(secret, shop, conversationId, email));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The names of a message's attachments (stored JSON). */
export function attachmentNames(json: string | null): string[] {
  if (json === null) return [];
  return (JSON.parse(json) as Attachment[]).map((a) => a.name);
}

/** Subject and text of the email telling `customer` of `replies`. */
export function replyEmail(customer: string, replies: readonly MailedReply[], link: string, unsubscribe: string): { subject: string; text: string } {
  const lines = [`Hello ${customer},`, ''];
  for (const reply of replies) {
    lines.push(`${reply.agent} replied:`, '', ...reply.body.split('\n').map((line) => `> ${line}`));
    if (reply.attachments.length > 0) lines.push('', `Attached (open the conversation to see): ${reply.attachments.join(', ')}`);
    lines.push('');
  }
  lines.push(`Open the conversation: ${link}`, '', '--', 'You get this email because you asked to be told of replies at this address.', `Unsubscribe: ${unsubscribe}`);
  return { subject: replies.length > 1 ? `${replies.length} new replies to your support question` : 'New reply to your support question', text: lines.join('\n') };
}
