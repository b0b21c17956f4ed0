import { html, nothing, type TemplateResult } from 'lit';
import type { Attachment } from '../../protocol/model.js';
import type { AttachmentTermKey } from '../../i18n/en/attachments.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { fileIcon } from './attachment-icons.js';
import { formatBytes, formatDuration } from './media-format.js';

/** Long side of a photo's thumbnail in the thread, px. */
const THUMB_LONG_SIDE = 240;
/** Image types every browser shows inline (HEIC and the like are offered as files). */
const SHOWN_IMAGES = /^image\/(jpeg|png|gif|webp|avif|bmp)$/;

/** What rendering attachments needs from the element. */
export interface AttachmentViewContext {
  strings: Terms<AttachmentTermKey>;
  /** The loadable address of a stored file (relay URLs get the token), or undefined while there is none. */
  src(url: string | undefined): string | undefined;
  /** A photo, clip or voice note failed to load (its token may have expired). */
  failed(): void;
  /** Opens a photo in the lightbox; focus returns to `opener` when it closes. */
  openImage(attachment: Attachment, src: string, opener: HTMLElement): void;
}

/** The thumbnail size of a photo of known size (no layout shift while it loads). */
function thumbnailSize(attachment: Attachment): { width: number; height: number } | undefined {
  const { width, height } = attachment;
  if (!width || !height) return undefined;
  const scale = Math.min(1, THUMB_LONG_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function renderImage(attachment: Attachment, context: AttachmentViewContext): TemplateResult {
  const src = context.src(attachment.url);
  const size = thumbnailSize(attachment);
  const open = (event: Event): void => {
    if (src) context.openImage(attachment, src, event.currentTarget as HTMLElement);
  };
  return html`<button
    type="button"
    part="attachment-image"
    class="attachment attachment-image"
    data-kind="image"
    aria-label=${context.strings.term('media.open', { name: attachment.name })}
    title=${attachment.name}
    ?disabled=${!src}
    @click=${open}
  >
    ${src
      ? html`<img
          src=${src}
          alt=${attachment.name}
          width=${size?.width ?? nothing}
          height=${size?.height ?? nothing}
          loading="lazy"
          decoding="async"
          @error=${context.failed}
        />`
      : html`<svg class="image-placeholder" width=${size?.width ?? 160} height=${size?.height ?? 120} aria-hidden="true"></svg>`}
  </button>`;
}

function renderDuration(durationMs: number | undefined, context: AttachmentViewContext): TemplateResult | typeof nothing {
  if (!durationMs) return nothing;
  const time = formatDuration(durationMs);
  return html`<span class="media-duration" data-duration-ms=${durationMs}
    ><span class="visually-hidden">${context.strings.term('media.duration', { time })}</span
    ><span aria-hidden="true">${time}</span></span
  >`;
}

function renderAudio(attachment: Attachment, context: AttachmentViewContext): TemplateResult {
  const voice = attachment.name.startsWith('voice-message-');
  const label = voice ? context.strings.term('media.voice') : attachment.name;
  return html`<div part="attachment-audio" class="attachment attachment-audio" data-kind="audio">
    <span class="media-caption">${label}</span>
    <audio controls preload="metadata" aria-label=${label} src=${context.src(attachment.url) ?? nothing} @error=${context.failed}></audio>
    ${renderDuration(attachment.durationMs, context)}
  </div>`;
}

function renderVideo(attachment: Attachment, context: AttachmentViewContext): TemplateResult {
  const size = thumbnailSize(attachment);
  return html`<div part="attachment-video" class="attachment attachment-video" data-kind="video">
    <video
      controls
      playsinline
      preload="metadata"
      aria-label=${attachment.name}
      title=${attachment.name}
      width=${size?.width ?? nothing}
      height=${size?.height ?? nothing}
      poster=${context.src(attachment.posterUrl) ?? nothing}
      src=${context.src(attachment.url) ?? nothing}
      @error=${context.failed}
    ></video>
    ${renderDuration(attachment.durationMs, context)}
  </div>`;
}

function renderFile(attachment: Attachment, context: AttachmentViewContext): TemplateResult {
  const { strings } = context;
  const size = formatBytes(strings.lang, attachment.size);
  return html`<a
    part="attachment-file"
    class="attachment attachment-file"
    data-kind="file"
    href=${context.src(attachment.url) ?? nothing}
    download=${attachment.name}
    rel="noopener noreferrer"
    aria-label=${`${strings.term('media.download', { name: attachment.name })}, ${size}`}
  >
    ${fileIcon}
    <span class="file-text"><span class="file-name">${attachment.name}</span><span class="file-size">${size}</span></span>
  </a>`;
}

/**
 * The attachments of a message (`part="attachments"`): photo thumbnails that open the lightbox,
 * inline players for voice notes and clips with their duration, and files as download links with
 * icon, name and size. Names are text, never markup; addresses come from `context.src`.
 */
export function renderAttachments(attachments: readonly Attachment[], context: AttachmentViewContext): TemplateResult {
  return html`<div part="attachments" class="attachments">
    ${attachments.map((attachment) => {
      if (attachment.kind === 'image' && SHOWN_IMAGES.test(attachment.mime)) return renderImage(attachment, context);
      if (attachment.kind === 'audio') return renderAudio(attachment, context);
      if (attachment.kind === 'video') return renderVideo(attachment, context);
      return renderFile(attachment, context);
    })}
  </div>`;
}

/** A one-line description of a message's attachments (the inbox's queue preview). */
export function describeAttachments(attachments: readonly Attachment[], strings: Terms<AttachmentTermKey>): string {
  return attachments
    .map((attachment) => {
      if (attachment.kind === 'image') return strings.term('media.photo');
      const length = attachment.durationMs ? ` ${formatDuration(attachment.durationMs)}` : '';
      if (attachment.kind === 'audio') return `${strings.term('media.voice')}${length}`;
      if (attachment.kind === 'video') return `${strings.term('media.video')}${length}`;
      return attachment.name;
    })
    .join(', ');
}
