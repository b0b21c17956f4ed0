/**
 * Torch and zoom help in `<support-call>`: the agent's buttons for the customer's camera (shown only
 * when that camera reports a torch or zoom) with the customer's answer, and the customer's prompt
 * saying exactly what was asked, with Allow and Refuse. Nothing changes on the customer's camera
 * without their Allow.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { CameraAssist, CameraChange } from '../../core/call/camera-assist.js';
import type { CallTermKey } from '../../i18n/en/call.js';
import type { Terms } from '../../i18n/localize-controller.js';
import { icon } from '../icons.js';
import { iconButton } from './call-controls.js';

// Drawn here, not imported from the attachments' icons: the call's chunk would take all of those.
const torchIcon = icon(svg`<path d="M7 3h10v4l-3 4v10h-4V11L7 7Z" /><path d="M12 14v2" />`, 22);
const magnifier = svg`<circle cx="11" cy="11" r="7" /><path d="m20 20-4-4M8 11h6" />`;
const zoomInIcon = icon(svg`${magnifier}<path d="M11 8v6" />`, 22);
const zoomOutIcon = icon(magnifier, 22);

const ANSWER_TERMS = { applied: 'call.answer.applied', refused: 'call.answer.refused', failed: 'call.answer.failed' } as const;

/** Runs a request or an answer; a failure to send (the call just ended) is nobody's to show. */
const quietly = (action: Promise<void>): void => void action.catch(() => undefined);

/** The agent's torch and zoom buttons for the customer's camera, and what the customer answered; nothing when that camera has neither. */
export function renderCameraHelp(s: Terms<CallTermKey>, help: CameraAssist, name: string): TemplateResult | typeof nothing {
  const peer = help.peer;
  if (!peer.torch && !peer.zoom) return nothing;
  const waiting = help.asked !== undefined;
  const status = waiting ? s.term('call.asked', { name }) : help.answered ? s.term(ANSWER_TERMS[help.answered.answer], { name }) : '';
  const zoom = peer.zoom;
  return html`<div part="camera-help" class="camera-help" role="toolbar" aria-label=${s.term('call.cameraHelp', { name })}>
    ${peer.torch
      ? iconButton('torch-button', s.term('call.torch'), torchIcon, () => quietly(help.ask({ torch: !peer.torchOn })), { pressed: peer.torchOn, disabled: waiting })
      : nothing}
    ${zoom
      ? html`${iconButton('zoom-out-button', s.term('call.zoomOut'), zoomOutIcon, () => quietly(help.zoom('out')), {
          disabled: waiting || !help.canZoom('out'),
        })}${iconButton('zoom-in-button', s.term('call.zoomIn'), zoomInIcon, () => quietly(help.zoom('in')), {
          disabled: waiting || !help.canZoom('in'),
        })}`
      : nothing}
    <p class="camera-help-status" role="status">${status}</p>
  </div>`;
}

/** What a request asks, in the customer's words. */
function requestText(s: Terms<CallTermKey>, change: CameraChange, current: number | undefined, name: string): string {
  if ('torch' in change) return s.term(change.torch ? 'call.request.torchOn' : 'call.request.torchOff', { name });
  const zoom = Number(change.zoom.toFixed(1));
  return s.term(current !== undefined && change.zoom < current ? 'call.request.zoomOut' : 'call.request.zoomIn', { name, zoom });
}

/** The customer's prompt for the agent's camera request: what was asked, Allow, Refuse. */
export function renderCameraRequest(s: Terms<CallTermKey>, help: CameraAssist, name: string): TemplateResult | typeof nothing {
  const request = help.incoming;
  if (!request) return nothing;
  return html`<div part="camera-request" class="camera-request" role="group" aria-labelledby="camera-request-text">
    <p id="camera-request-text" role="alert">${requestText(s, request.change, help.local.zoom?.value, name)}</p>
    <div class="camera-request-actions">
      <button type="button" part="refuse-button" class="answer" @click=${() => quietly(help.answer(false))}>${s.term('call.refuse')}</button>
      <button type="button" part="allow-button" class="answer accept" @click=${() => quietly(help.answer(true))}>${s.term('call.allow')}</button>
    </div>
  </div>`;
}
