import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { retryIcon } from '../panel-icons.js';
import { fileIcon, micIcon, smallCloseIcon, videoIcon } from './attachment-icons.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import type { DraftAttachment, DraftNotice } from './draft-attachment.js';
import { formatBytes, formatDuration } from './media-format.js';

export interface DraftItemActions {
  strings: Terms<AttachmentTermKey>;
  remove(key: string): void;
  retry(key: string): void;
}

/** Why the last files could not be added (`part="attachment-error"`, an alert), with a dismiss button. */
export function renderDraftNotices(notices: readonly DraftNotice[], strings: Terms<AttachmentTermKey>, dismiss: () => void): TemplateResult {
  return html`<div part="attachment-error" class="attachment-notices" role="alert" ?hidden=${notices.length === 0}>
    ${notices.length > 0
      ? html`<div class="notice-lines">${notices.map((notice) => html`<p>${strings.term(notice.term, notice.params)}</p>`)}</div>
          <button class="icon-button notice-dismiss" type="button" aria-label=${strings.term('attach.dismiss')} title=${strings.term('attach.dismiss')} @click=${dismiss}>
            ${smallCloseIcon}
          </button>`
      : nothing}
  </div>`;
}

function thumbnail(item: DraftAttachment): TemplateResult {
  if (item.previewUrl) return html`<img src=${item.previewUrl} alt="" />`;
  return item.kind === 'audio' ? micIcon : item.kind === 'video' ? videoIcon : fileIcon;
}

/** Size, duration, or what went wrong. */
function detail(item: DraftAttachment, strings: Terms<AttachmentTermKey>): string {
  if (item.state === 'failed') {
    const code = item.error?.code;
    if (code === 'network' || code === 'timeout') return strings.term('attach.error.network');
    if (code === 'forbidden' || code === 'unauthorized' || code === 'token-expired') return strings.term('attach.error.forbidden');
    return strings.term('attach.error.failed');
  }
  const size = formatBytes(strings.lang, item.prepared?.blob.size ?? item.source.size);
  const duration = item.known?.durationMs;
  return duration ? `${formatDuration(duration)} · ${size}` : size;
}

function progress(item: DraftAttachment, strings: Terms<AttachmentTermKey>): TemplateResult | typeof nothing {
  if (item.state === 'preparing') {
    return html`<progress part="attachment-progress" class="draft-progress" aria-label=${strings.term('attach.preparing', { name: item.name })}></progress>`;
  }
  if (item.state !== 'uploading') return nothing;
  return html`<progress
    part="attachment-progress"
    class="draft-progress"
    max="1"
    .value=${item.progress}
    aria-label=${strings.term('attach.uploading', { name: item.name })}
  ></progress>`;
}

/** One chip (`part="attachment"`, `data-state`): thumbnail or icon, name, size, progress, retry, cancel/remove. */
function renderItem(item: DraftAttachment, actions: DraftItemActions): TemplateResult {
  const { strings } = actions;
  const busy = item.state === 'preparing' || item.state === 'uploading';
  const removeLabel = strings.term(busy ? 'attach.cancel' : 'attach.remove', { name: item.name });
  return html`<li
    part="attachment"
    class="draft-item"
    data-key=${item.key}
    data-state=${item.state}
    data-kind=${item.kind}
    aria-label=${item.state === 'uploaded' ? strings.term('attach.uploaded', { name: item.name }) : item.name}
  >
    <span class="draft-thumb" aria-hidden="true">${thumbnail(item)}</span>
    <span class="draft-text">
      <span class="draft-name">${item.name}</span>
      <span class="draft-detail" ?data-error=${item.state === 'failed'}>${detail(item, strings)}</span>
      ${progress(item, strings)}
    </span>
    ${item.state === 'failed'
      ? html`<button
          part="attachment-retry-button"
          class="icon-button draft-button"
          type="button"
          aria-label=${strings.term('attach.retryLabel', { name: item.name })}
          title=${strings.term('attach.retry')}
          @click=${() => actions.retry(item.key)}
        >
          ${retryIcon}
        </button>`
      : nothing}
    <button
      part="attachment-remove-button"
      class="icon-button draft-button"
      type="button"
      aria-label=${removeLabel}
      title=${removeLabel}
      @click=${() => actions.remove(item.key)}
    >
      ${smallCloseIcon}
    </button>
  </li>`;
}

/** The draft's attachments above the input (a list labelled "Attachments"), or nothing. */
export function renderDraftItems(items: readonly DraftAttachment[], actions: DraftItemActions): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<ul part="attachment-list" class="draft-list" aria-label=${actions.strings.term('attach.list')}>
    ${repeat(
      items,
      (item) => item.key,
      (item) => renderItem(item, actions),
    )}
  </ul>`;
}
