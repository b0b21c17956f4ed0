import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, MessageUpload } from '../../core/types.js';
import { fileIcon, micIcon, videoIcon } from './attachment-icons.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { renderAttachments, type AttachmentViewContext } from './attachment-view.js';

/** What one file of a queued message is doing, in words. */
function describe(upload: MessageUpload, percent: number, strings: Terms<AttachmentTermKey>): string {
  const name = upload.name;
  if (upload.state === 'failed') return strings.term('upload.failed', { name });
  if (upload.state === 'waiting') return strings.term('upload.waiting', { name });
  if (upload.state === 'preparing') return strings.term('attach.preparing', { name });
  return strings.term('upload.progress', { name, percent });
}

function renderUpload(upload: MessageUpload, strings: Terms<AttachmentTermKey>): TemplateResult {
  const percent = Math.round(upload.progress * 100);
  const measured = upload.state === 'uploading' || upload.state === 'uploaded';
  const text = describe(upload, percent, strings);
  return html`<li part="upload" class="pending-upload" data-state=${upload.state} data-kind=${upload.kind}>
    <span class="upload-icon" aria-hidden="true">${upload.kind === 'audio' ? micIcon : upload.kind === 'video' ? videoIcon : fileIcon}</span>
    <span class="upload-text">
      <span class="upload-line">${text}</span>
      ${upload.state === 'failed'
        ? nothing
        : html`<progress
            part="upload-progress"
            class="upload-progress"
            role="progressbar"
            max="100"
            value=${measured ? percent : nothing}
            aria-label=${strings.term('attach.uploading', { name: upload.name })}
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=${measured ? percent : nothing}
            aria-valuetext=${text}
          ></progress>`}
    </span>
  </li>`;
}

/**
 * The files of my queued message that are not stored yet (`part="uploads"`): each with what it
 * is doing in words and a progress bar (`part="upload-progress"`, a labelled progressbar with
 * its value; indeterminate while it waits or is prepared).
 */
export function renderPendingUploads(uploads: readonly MessageUpload[], strings: Terms<AttachmentTermKey>): TemplateResult {
  return html`<ul part="uploads" class="pending-uploads" aria-label=${strings.term('upload.list')}>
    ${uploads.map((upload) => renderUpload(upload, strings))}
  </ul>`;
}

/** A message's files: the stored ones (photos, players, files), then those still uploading. */
export function renderMessageFiles(message: ChatMessage, context: AttachmentViewContext): TemplateResult {
  const uploads = message.uploads ?? [];
  const stored = message.attachments?.length ? renderAttachments(message.attachments, context) : nothing;
  return html`${stored}${uploads.length > 0 ? renderPendingUploads(uploads, context.strings) : nothing}`;
}
