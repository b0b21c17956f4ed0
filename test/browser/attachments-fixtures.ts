/**
 * Shared pieces of the attachment tests: a connected chat and inbox on the real relay server,
 * generated files (canvas photos, a minimal PDF), and ways to hand files to the composer as a
 * user would (file picker, paste, drop).
 */
import { fixture, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import type { SupportInbox } from '../../src/elements/support-inbox/support-inbox.js';
import type { SupportClient } from '../../src/core/support-client.js';
import type { UploadProvider } from '../../src/uploads/types.js';
import { relayUploadProvider } from '../../src/uploads/relay-upload-provider.js';
import { endpointTokenProvider } from '../../src/tokens/index.js';
import { agentInbox } from './support/desk-fixtures.js';
import { createClient, relayUrl, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part, parts } from './support/shadow.js';

/** A customer chat (inline, or an open floating panel) signed in through the demo token endpoint of the real relay server. */
export async function connectedChat(
  options: { lang?: string; maxUploadBytes?: number; uploadProvider?: UploadProvider; floating?: boolean } = {},
): Promise<{ el: SupportChat; conversationId: string }> {
  const el = await fixture<SupportChat>(html`<support-chat
    ?inline=${!options.floating}
    ?open=${options.floating ?? false}
    server=${relayUrl()}
    token-endpoint="/demo/token"
    user-id=${uniqueId('cust')}
    user-name="Ada"
    lang=${options.lang ?? 'en'}
    .maxUploadBytes=${options.maxUploadBytes}
    .uploadProvider=${options.uploadProvider}
  ></support-chat>`);
  const conversationId = await waitFor(
    () => el.activeClient?.state === 'connected' && el.conversationId,
    'the chat to connect and learn its conversation',
  );
  await el.loadPanel();
  await waitFor(() => maybePart(el, 'attach-button'), 'the attach button');
  return { el, conversationId };
}

/** An agent desk connected to the relay, with `conversationId` open. */
export async function agentInboxOn(conversationId: string): Promise<SupportInbox> {
  const el = await agentInbox();
  await waitFor(() => el.activeClient?.conversation(conversationId), 'the conversation in the queue');
  await el.select(conversationId);
  await el.updateComplete;
  return el;
}

/** A connected customer client and its conversation. */
export async function connectedCustomer(): Promise<{ customer: SupportClient; conversationId: string }> {
  const customer = createClient('customer', uniqueId('cust'), 'Grace');
  await customer.connect();
  const conversationId = customer.primaryConversationId;
  if (!conversationId) throw new Error('the customer has no conversation');
  return { customer, conversationId };
}

/** Uploads a file to the relay as `role` (a real upload), for messages sent by a client. */
export function relayUploads(role: 'customer' | 'agent', userId: string): UploadProvider {
  return relayUploadProvider({
    server: relayUrl(),
    tokenProvider: endpointTokenProvider('/demo/token', { method: 'POST', body: { role, userId, userName: role } }),
  });
}

/** A connected agent client. */
export async function connectedAgent(): Promise<SupportClient> {
  const agent = createClient('agent', uniqueId('agent'), 'Alex');
  await agent.connect();
  return agent;
}

/** A picture drawn on a canvas (a gradient, so it is not one colour) as a PNG file. */
export async function canvasPng(width: number, height: number, name = 'hinge.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#1d4ed8');
  gradient.addColorStop(1, '#f59e0b');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the canvas could not be encoded');
  return new File([blob], name, { type: 'image/png' });
}

/** A minimal one-page PDF. */
export function minimalPdf(name = 'receipt.pdf', padTo = 0): File {
  const text = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  const body = text.length >= padTo ? text : text + '%'.repeat(padTo - text.length);
  return new File([body], name, { type: 'application/pdf' });
}

/** Hands files to the composer's hidden file input, as the picker does. */
export function pickFiles(el: HTMLElement, files: File[]): void {
  const input = el.shadowRoot?.querySelector<HTMLInputElement>('input.file-input');
  if (!input) throw new Error('no file input in the composer');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Pastes files into the message input. */
export function pasteFiles(el: HTMLElement, files: File[]): boolean {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true, composed: true });
  part(el, 'input').dispatchEvent(event);
  return event.defaultPrevented;
}

/** A drag of files entering `target`, then (unless `drop` is false) dropped on it. */
export function dragFiles(target: HTMLElement, files: File[], phase: 'enter' | 'drop'): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  const init = { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true };
  if (phase === 'enter') {
    target.dispatchEvent(new DragEvent('dragenter', init));
    target.dispatchEvent(new DragEvent('dragover', init));
  } else {
    target.dispatchEvent(new DragEvent('drop', init));
  }
}

/** The composer's attachment chips as `kind:state` strings. */
export function chipStates(el: HTMLElement): string[] {
  return parts(el, 'attachment').map((chip) => `${chip.dataset.kind ?? ''}:${chip.dataset.state ?? ''}`);
}

/** Waits until every chip is uploaded (and there is at least `count`). */
export async function uploaded(el: HTMLElement, count: number, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    () => {
      const states = chipStates(el);
      return states.length === count && states.every((state) => state.endsWith(':uploaded'));
    },
    `${count} uploaded attachment(s) (now: ${chipStates(el).join(', ') || 'none'})`,
    timeoutMs,
  );
}

/** The send button's state. */
export function sendEnabled(el: HTMLElement): boolean {
  return !part<HTMLButtonElement>(el, 'send-button').disabled;
}

/** The message elements that show attachments, newest last. */
export function messagesWithAttachments(el: HTMLElement): HTMLElement[] {
  return parts(el, 'message').filter((message) => message.querySelector('[part~="attachments"]') !== null);
}
