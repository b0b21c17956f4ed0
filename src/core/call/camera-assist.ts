/**
 * Torch and zoom help in a call. The side whose camera is sent tells the peer what the camera can
 * do (`getCapabilities()`: torch, zoom range) and where it stands; the agent asks for a change
 * (torch on or off, zoom in or out); the customer sees what was asked and allows or refuses it;
 * only an allowed change is applied (`applyConstraints({ advanced: [{ torch }] })`, or `{ zoom }`),
 * and the asker hears the answer. The messages are `camera` signals of the call, so both backends
 * carry them. DOM-free: a track is only read and constrained.
 */
import { randomId } from '../../base/random-id.js';
import { isStaff } from '../../protocol/desk.js';
import type { CallSession } from './call-session.js';
import {
  changeOf,
  nextZoom,
  NO_CAMERA_HELP,
  parseCameraSignal,
  parseZoomRange,
  type CameraAnswer,
  type CameraChange,
  type CameraHelpCapabilities,
  type CameraRequest,
  type CameraSignalPayload,
} from './camera-signals.js';

export type { CameraAnswer, CameraChange, CameraHelpCapabilities, CameraRequest, ZoomRange } from './camera-signals.js';

/** Torch and zoom as constraints (TypeScript's DOM types do not list them yet). */
interface CameraConstraintSet extends MediaTrackConstraintSet {
  torch?: boolean;
  zoom?: number;
}

/** What `CameraAssist` needs from its call. */
export interface CameraAssistOptions {
  /** Sends a `camera` signal to the peer (rejects when the call is no longer accepted). */
  send(payload: CameraSignalPayload): Promise<void>;
  /** Whether the peer may ask this side's camera for changes (the customer's side: the agent may). */
  acceptsRequests(): boolean;
  /** Something a call UI shows changed (capabilities, a request, an answer). */
  changed(): void;
}

/** The peer's answer to this side's last request. */
export interface CameraAnswered {
  change: CameraChange;
  answer: CameraAnswer;
}

/**
 * One call's camera help, both ways: `peer` and `ask()` for the agent, `incoming` and `answer()`
 * for the customer.
 *
 * @example
 * ```ts
 * const help = client.calls.media?.cameraHelp;
 * if (help?.peer.torch) await help.ask({ torch: !help.peer.torchOn });
 * // on the other side, once the user chose:
 * await help.answer(true);
 * ```
 */
export class CameraAssist {
  /** What the peer's camera can do, as it last said (nothing until it tells). */
  peer: CameraHelpCapabilities = NO_CAMERA_HELP;
  /** The peer's request waiting for this user's Allow or Refuse. */
  incoming: CameraRequest | undefined;
  /** This side's request waiting for the peer's answer. */
  asked: CameraRequest | undefined;
  /** The peer's answer to this side's last request. */
  answered: CameraAnswered | undefined;
  private track: MediaStreamTrack | null = null;
  /** Torch and zoom as last applied here (a camera's settings may not report them). */
  private applied: { torch?: boolean; zoom?: number } = {};
  private told = JSON.stringify(NO_CAMERA_HELP);

  constructor(private readonly options: CameraAssistOptions) {}

  /** What this side's camera can do now (`NO_CAMERA_HELP` without a camera). */
  get local(): CameraHelpCapabilities {
    return capabilitiesOf(this.track, this.applied);
  }

  /** The camera this side sends now (`null`: none); the peer hears of its torch and zoom when they changed. */
  follow(track: MediaStreamTrack | null): void {
    if (track !== this.track) this.applied = {};
    this.track = track;
    const capabilities = this.local;
    const text = JSON.stringify(capabilities);
    if (text === this.told) return;
    this.told = text;
    this.options.send({ type: 'capabilities', ...capabilities }).catch(() => {
      this.told = ''; // not delivered: tell again on the next change
    });
  }

  /** Asks the peer's camera for `change`; the answer arrives as `answered`. */
  ask(change: CameraChange): Promise<void> {
    const request: CameraRequest = { id: randomId(), change: changeOf(change) };
    this.asked = request;
    this.answered = undefined;
    this.options.changed();
    return this.options.send({ type: 'request', id: request.id, ...request.change });
  }

  /** Asks the peer's camera to zoom one step in or out (no-op at the end of its range or without zoom). */
  zoom(direction: 'in' | 'out'): Promise<void> {
    const range = this.peer.zoom;
    const next = range && nextZoom(range, direction);
    return next === undefined ? Promise.resolve() : this.ask({ zoom: next });
  }

  /** Whether the peer's camera can zoom one more step that way (the zoom buttons' state). */
  canZoom(direction: 'in' | 'out'): boolean {
    const range = this.peer.zoom;
    return !!range && nextZoom(range, direction) !== undefined;
  }

  /** This user's answer to the peer's request: applied to the camera when allowed; the peer is told either way. */
  async answer(allow: boolean): Promise<void> {
    const request = this.incoming;
    if (!request) return;
    this.incoming = undefined;
    this.options.changed();
    const answer = allow ? await this.apply(request.change) : 'refused';
    await this.options.send({ type: 'answer', id: request.id, answer });
    this.follow(this.track);
    this.options.changed();
  }

  /** A `camera` signal of the peer. */
  receive(payload: unknown): void {
    const signal = parseCameraSignal(payload);
    if (!signal) return;
    if (signal.type === 'capabilities') {
      this.peer = { torch: signal.torch, torchOn: signal.torchOn, ...(signal.zoom ? { zoom: signal.zoom } : {}) };
    } else if (signal.type === 'answer') {
      const asked = this.asked;
      if (!asked || signal.id !== asked.id) return;
      this.answered = { change: asked.change, answer: signal.answer };
      this.asked = undefined;
    } else {
      if (!this.options.acceptsRequests()) return;
      const request: CameraRequest = { id: signal.id, change: changeOf(signal) };
      // Something this camera cannot do is answered at once; the user is asked only what can be done.
      if (!this.possible(request.change)) {
        void this.options.send({ type: 'answer', id: request.id, answer: 'failed' }).catch(() => undefined);
        return;
      }
      this.incoming = request;
    }
    this.options.changed();
  }

  private possible(change: CameraChange): boolean {
    const local = this.local;
    if ('torch' in change) return local.torch;
    return !!local.zoom && change.zoom >= local.zoom.min && change.zoom <= local.zoom.max;
  }

  private async apply(change: CameraChange): Promise<CameraAnswer> {
    const track = this.track;
    if (!track || track.readyState !== 'live' || !this.possible(change)) return 'failed';
    const advanced: CameraConstraintSet[] = ['torch' in change ? { torch: change.torch } : { zoom: change.zoom }];
    try {
      await track.applyConstraints({ advanced });
      this.applied = { ...this.applied, ...change };
      return 'applied';
    } catch {
      return 'failed';
    }
  }
}

/**
 * The camera help of `session`'s current call: its `camera` signals go out and come in through the
 * session until `lifetime` aborts. Only the customer's side takes requests (its peer is staff).
 */
export function cameraHelpFor(session: CallSession, lifetime: AbortSignal, changed: () => void): CameraAssist {
  const help = new CameraAssist({
    // Deferred: a send after the call ended rejects instead of throwing at the caller.
    send: (payload) => Promise.resolve().then(() => session.sendMediaSignal('camera', payload)),
    acceptsRequests: () => !!session.peer && isStaff(session.peer.role),
    changed,
  });
  const callId = session.callId;
  const off = session.on('peer-signal', (signal) => {
    if (signal.action === 'camera' && signal.callId === callId) help.receive(signal.payload);
  });
  lifetime.addEventListener('abort', off, { once: true });
  return help;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Torch and zoom of `track` from its capabilities and settings (or what was applied, when settings do not say). */
function capabilitiesOf(track: MediaStreamTrack | null, applied: { torch?: boolean; zoom?: number }): CameraHelpCapabilities {
  if (!track || track.readyState !== 'live' || typeof track.getCapabilities !== 'function') return NO_CAMERA_HELP;
  const capabilities = record(track.getCapabilities());
  const settings = record(track.getSettings());
  const torchCapability = capabilities['torch'];
  const torch = torchCapability === true || (Array.isArray(torchCapability) && torchCapability.includes(true));
  const torchSetting = settings['torch'];
  const torchOn = torch && (typeof torchSetting === 'boolean' ? torchSetting : applied.torch === true);
  const range = record(capabilities['zoom']);
  const zoomSetting = settings['zoom'];
  const value = typeof zoomSetting === 'number' ? zoomSetting : (applied.zoom ?? range['min']);
  const zoom = capabilities['zoom'] === undefined ? undefined : parseZoomRange({ ...range, step: range['step'] ?? 0.1, value });
  return { torch, torchOn, ...(zoom && zoom.max > zoom.min ? { zoom } : {}) };
}
