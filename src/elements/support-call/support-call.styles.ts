import { css, type CSSResult } from 'lit';
import { cameraHelpStyles } from './camera-help.styles.js';
import { voiceStageStyles } from './voice-stage.styles.js';
import { annotationEntryStyles } from './annotation-entry.styles.js';
import { roundCallControl } from './call-control.styles.js';

/** Layout of `<support-call>`: the video stage, the self-view picture-in-picture, the control bar. */
export const supportCallStyles = css`
  :host {
    display: block;
    --_call-height: var(--support-call-height, 420px);
    --_call-bg: var(--support-call-background, #0b0d12);
  }

  :host([state='idle']) {
    display: none;
  }

  .call {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2);
    border-radius: var(--_radius);
    background: var(--_call-bg);
    color: #f5f7fa;
  }

  .call[data-state='ended'] {
    flex-direction: row;
    align-items: center;
    justify-content: space-between;
  }

  .stage {
    position: relative;
    block-size: var(--_call-height);
    overflow: hidden;
    border-radius: calc(var(--_radius) - 4px);
    background: #000;
  }

  video {
    display: block;
    background: #000;
  }

  .remote,
  .preview {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  .stage[data-sharing='remote'] .remote {
    object-fit: contain;
  }

  .pip {
    position: absolute;
    inset-block-end: var(--_pip-bottom, var(--_space));
    inset-inline-end: var(--_space);
    inline-size: 28%;
    max-inline-size: 180px;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border: 2px solid rgb(255 255 255 / 0.7);
    border-radius: 8px;
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.4);
    cursor: grab;
    touch-action: none;
  }

  .pip[data-corner^='top'] {
    inset-block: var(--_pip-top, var(--_space)) auto;
  }

  .pip[data-corner$='start'] {
    inset-inline: var(--_space) auto;
  }

  /* The peer points at this camera: the whole frame, as the peer sees it, letterboxed under the dot. */
  .large {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: contain;
    background: var(--_call-bg);
  }

  video[data-mirrored] {
    transform: scaleX(-1);
  }

  .remote-state {
    position: absolute;
    inset-block-start: var(--_space);
    inset-inline-start: var(--_space);
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .remote-state li {
    padding: 2px 10px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.6);
    font-size: 0.85em;
  }

  .sound {
    position: absolute;
    inset-block-start: 50%;
    inset-inline-start: 50%;
    transform: translate(-50%, -50%);
    padding: 8px 16px;
    border: none;
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
  }

  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    min-block-size: 1.5em;
  }

  .status-text {
    font-weight: 600;
  }

  .timer {
    font-variant-numeric: tabular-nums;
  }

  .quality {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.85em;
    opacity: 0.9;
  }

  .quality-detail {
    opacity: 0.75;
  }

  .bars {
    display: inline-flex;
    align-items: flex-end;
    gap: 2px;
    block-size: 12px;
  }

  .bars i {
    inline-size: 3px;
    background: rgb(255 255 255 / 0.3);
  }

  .bars i:nth-child(1) {
    block-size: 4px;
  }
  .bars i:nth-child(2) {
    block-size: 8px;
  }
  .bars i:nth-child(3) {
    block-size: 12px;
  }

  .quality[data-level='good'] i,
  .quality[data-level='fair'] i:nth-child(-n + 2),
  .quality[data-level='poor'] i:nth-child(1) {
    background: var(--_success);
  }

  .quality[data-level='fair'] i:nth-child(-n + 2) {
    background: #facc15;
  }

  .quality[data-level='poor'] i:nth-child(1) {
    background: var(--_danger);
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 8px;
  }

  ${roundCallControl(css`.control`)}

  .danger {
    background: var(--support-danger-color, #d92d20);
    color: #fff;
  }

  .control.danger:hover {
    background: color-mix(in srgb, var(--support-danger-color, #d92d20) 85%, #000);
  }

  .ringing-card {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    text-align: center;
  }

  .caller {
    margin: 0;
    font-size: 1.15em;
    font-weight: 600;
  }

  .hint {
    margin: 0;
    opacity: 0.85;
  }

  .answer {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-block-size: 44px;
    padding: 10px 20px;
    border: none;
    border-radius: 999px;
    font-weight: 600;
  }

  .accept {
    background: var(--support-success-color, #15803d);
    color: #fff;
  }

  .devices {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
  }

  .devices label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.85em;
  }

  .devices select {
    max-inline-size: 16em;
    font: inherit;
  }

  .notice {
    margin: 0;
    padding: 6px 10px;
    border-radius: 8px;
    background: rgb(255 255 255 / 0.12);
  }

  :focus-visible {
    outline-color: #fff;
  }

  .chat {
    position: relative;
  }

  .chat-badge {
    position: absolute;
    inset-block-start: -2px;
    inset-inline-end: -2px;
    min-inline-size: 18px;
    padding: 0 4px;
    border-radius: 999px;
    background: var(--support-danger-color, #d92d20);
    color: #fff;
    font-size: 11px;
    font-weight: 700;
    line-height: 18px;
  }

  /* The end notice fades out just before the surface closes. */
  .call[data-state='ended'] {
    animation: support-call-out 0.4s ease-in 3.6s both;
  }

  @keyframes support-call-out {
    to {
      opacity: 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .call[data-state='ended'] {
      animation: none;
    }
  }
`;

/** The call's styles before its fullscreen layout: the stage and controls, the voice stage, torch and zoom help. */
export const callStyles: CSSResult[] = [supportCallStyles, voiceStageStyles, cameraHelpStyles, annotationEntryStyles];
