/**
 * The `status` part of `<support-call>`: what the call is doing (announced politely to screen
 * readers), the call timer, and the network quality from the media transport's stats.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CallQuality } from '../../core/call/call-media-types.js';
import type { CallTermKey } from '../../i18n/en/call.js';
import type { Terms } from '../../i18n/localize-controller.js';

/** Coarse network quality, for the indicator. */
export type QualityLevel = 'good' | 'fair' | 'poor';

/** `m:ss`, or `h:mm:ss` from one hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Good under 150 ms RTT and 2 % loss, poor from 400 ms or 8 %; unknown before the first sample. */
export function qualityLevel(quality: CallQuality | undefined): QualityLevel | undefined {
  if (!quality || (quality.rttMs === undefined && quality.packetLoss === undefined)) return undefined;
  const rtt = quality.rttMs ?? 0;
  const loss = quality.packetLoss ?? 0;
  if (rtt >= 400 || loss >= 0.08) return 'poor';
  if (rtt >= 150 || loss >= 0.02) return 'fair';
  return 'good';
}

/** The numbers behind the indicator: `RTT 42 ms · loss 0.5 % · 1200 kbit/s · 1280×720`. */
export function qualityDetail(quality: CallQuality): string {
  const parts: string[] = [];
  if (quality.rttMs !== undefined) parts.push(`RTT ${Math.round(quality.rttMs)} ms`);
  if (quality.packetLoss !== undefined) parts.push(`loss ${(quality.packetLoss * 100).toFixed(1)} %`);
  if (quality.bitrateKbps !== undefined) parts.push(`${Math.round(quality.bitrateKbps)} kbit/s`);
  if (quality.width && quality.height) parts.push(`${quality.width}×${quality.height}`);
  return parts.join(' · ');
}

export interface CallStatusView {
  /** The sentence for screen readers and sighted users: "Calling Ada…", "In call with Bo". */
  text: string;
  /** Talk time so far, while connected. */
  elapsedMs?: number;
  quality?: CallQuality;
  /** A weak network holds a video back (audio-only fallback): the indicator says poor whatever the last sample. */
  weak?: boolean;
  i18n: Terms<CallTermKey>;
}

export function renderCallStatus(view: CallStatusView): TemplateResult {
  const { i18n, quality } = view;
  const level = view.weak && quality ? 'poor' : qualityLevel(quality);
  return html`<div part="status" class="status">
    <span role="status" class="status-text">${view.text}</span>
    ${view.elapsedMs === undefined
      ? nothing
      : html`<span role="timer" class="timer" aria-label=${i18n.term('call.timer')}>${formatDuration(view.elapsedMs)}</span>`}
    ${level && quality
      ? html`<span part="quality" class="quality" data-level=${level} title=${qualityDetail(quality)}>
          <span class="bars" aria-hidden="true"><i></i><i></i><i></i></span>
          <span class="quality-label">${i18n.term(`call.quality.${level}`)}</span>
          <span class="quality-detail">${qualityDetail(quality)}</span>
        </span>`
      : nothing}
  </div>`;
}
