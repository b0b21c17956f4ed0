import { css } from 'lit';

/**
 * Styles of attachments in the thread (photos, players, files) and of the lightbox. No inline
 * styles anywhere (pages with a strict `style-src` CSP): sizes come from attributes or the CSSOM.
 */
export const attachmentStyles = css`
  .attachments {
    display: flex;
    flex-direction: column;
    gap: 4px;
    max-inline-size: 100%;
  }

  .message[data-from='me'] .attachments {
    align-items: flex-end;
  }

  .bubble + .attachments {
    margin-block-start: 4px;
  }

  .attachment-image {
    display: block;
    padding: 0;
    border: none;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface-alt);
    line-height: 0;
  }

  .attachment-image img,
  .attachment-image .image-placeholder {
    display: block;
    max-inline-size: 240px;
    max-block-size: 240px;
  }

  .attachment-audio,
  .attachment-video {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 6px;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .attachment-audio audio {
    inline-size: 240px;
    max-inline-size: 100%;
    block-size: 40px;
  }

  .attachment-video video {
    display: block;
    max-inline-size: 240px;
    max-block-size: 240px;
    border-radius: calc(var(--_radius) * 0.75);
    background: #000;
  }

  .media-caption,
  .media-duration {
    color: var(--_muted);
    font-size: 0.8em;
  }

  .attachment-file {
    display: flex;
    align-items: center;
    gap: 8px;
    max-inline-size: 260px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    text-decoration: none;
  }

  .attachment-file:hover {
    background: var(--_surface-alt);
  }

  .file-text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }

  .file-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    text-decoration: underline;
  }

  .file-size {
    color: var(--_muted);
    font-size: 0.8em;
  }

  .pending-uploads {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .message[data-from='me'] .pending-uploads {
    align-items: flex-end;
  }

  .bubble + .pending-uploads,
  .attachments + .pending-uploads {
    margin-block-start: 4px;
  }

  .pending-upload {
    display: flex;
    align-items: center;
    gap: 8px;
    inline-size: 240px;
    max-inline-size: 100%;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .pending-upload[data-state='failed'] .upload-line {
    color: var(--_danger);
  }

  .upload-text {
    display: flex;
    flex: 1;
    flex-direction: column;
    gap: 4px;
    min-inline-size: 0;
    font-size: 0.85em;
  }

  .upload-line {
    overflow-wrap: anywhere;
  }

  .upload-progress {
    inline-size: 100%;
    block-size: 4px;
    accent-color: var(--_primary);
  }

  .lightbox {
    inline-size: 100vw;
    block-size: 100vh;
    max-inline-size: 100vw;
    max-block-size: 100vh;
    margin: 0;
    padding: 0;
    border: none;
    background: rgb(12 12 14);
    color: #fff;
  }

  .lightbox[open] {
    display: flex;
    flex-direction: column;
  }

  .lightbox::backdrop {
    background: rgb(0 0 0 / 0.6);
  }

  .lightbox-bar {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px var(--_space);
  }

  .lightbox-title {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .lightbox-zoom {
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }

  .lightbox .icon-button:disabled {
    opacity: 0.4;
  }

  .lightbox-stage {
    flex: 1;
    min-block-size: 0;
    display: flex;
    overflow: auto;
    padding: var(--_space);
  }

  .lightbox-image {
    margin: auto;
    max-inline-size: 100%;
    max-block-size: 100%;
    object-fit: contain;
  }
`;
