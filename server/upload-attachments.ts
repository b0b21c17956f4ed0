/**
 * Attachments of a `send` that point at this relay's uploads (`/uploads/<id>`) must be files
 * uploaded to the same conversation: otherwise a member could show another conversation's file
 * (or a guessed id) in theirs. Their id, type, size and name are taken from the upload record,
 * so what the thread shows matches what the server will serve. Absolute http(s) URLs pass
 * unchanged only on an origin the operator allows (`attachmentOrigins`, a shop's own storage);
 * any other (`https://evil.example/track.png`: a tracking pixel on the agent's desk) is refused
 * with `attachment-not-allowed`.
 */
import { isAllowedAttachmentUrl } from 'support-widget/protocol';
import type { Attachment, ErrorCode } from 'support-widget/protocol';
import { uploadKind } from './upload-index.js';
import type { UploadIndex, UploadRecord } from './upload-index.js';

export type AttachmentCheck = { ok: true; attachments: Attachment[] | undefined } | { ok: false; code: ErrorCode; message: string };

const UPLOAD_URL = /^\/uploads\/([A-Za-z0-9_-]+)$/;

/** A conversation: its shop and its id within the shop. */
export interface ConversationRef {
  shop: string;
  id: string;
}

/** The upload behind a relay URL of the conversation; null for any other relay URL; undefined for http(s) URLs. */
function ownUpload(index: UploadIndex, conversation: ConversationRef, url: string): UploadRecord | null | undefined {
  if (!url.startsWith('/')) return undefined;
  const id = UPLOAD_URL.exec(url)?.[1];
  const record = id === undefined ? undefined : index.get(id);
  return record !== undefined && record.shop === conversation.shop && record.conversationId === conversation.id ? record : null;
}

/** Checks (and completes from the upload records) the attachments of a message to `conversation`; `origins`: absolute URLs allowed. */
export function checkUploadAttachments(
  index: UploadIndex,
  conversation: ConversationRef,
  attachments: readonly Attachment[] | undefined,
  origins: ReadonlySet<string> = new Set(),
): AttachmentCheck {
  if (attachments === undefined) return { ok: true, attachments: undefined };
  const checked: Attachment[] = [];
  for (const attachment of attachments) {
    for (const url of [attachment.url, attachment.posterUrl]) {
      if (url !== undefined && !isAllowedAttachmentUrl(url, origins)) {
        return { ok: false, code: 'attachment-not-allowed', message: 'attachments must be uploads of this relay or on an origin it allows (SUPPORT_ATTACHMENT_ORIGINS)' };
      }
    }
    const record = ownUpload(index, conversation, attachment.url);
    if (record === null) return { ok: false, code: 'forbidden', message: `attachment ${attachment.url} is not an upload of this conversation` };
    if (attachment.posterUrl !== undefined && ownUpload(index, conversation, attachment.posterUrl) === null) {
      return { ok: false, code: 'forbidden', message: `poster ${attachment.posterUrl} is not an upload of this conversation` };
    }
    if (record === undefined) {
      checked.push(attachment);
      continue;
    }
    checked.push({ ...attachment, id: record.id, kind: uploadKind(record), mime: record.mime, size: record.size, name: record.name });
  }
  return { ok: true, attachments: checked };
}
