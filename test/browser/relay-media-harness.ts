/**
 * Test harness of the relay media transport's browser tests: an in-memory `MediaSignalChannel`
 * pair (optionally slow and reordering, to stress perfect negotiation), peer connections that
 * can be inspected, and video probes (frames advancing, mean colour). Assertions only ever see
 * strings, numbers and booleans: printing a DOM node can hang the runner.
 */
import type { MediaSignal, MediaSignalAction, MediaSignalChannel } from '../../src/transports/media-types.js';

/** Options of `signalPair`. */
export interface SignalPairOptions {
  /** Every message waits between these many ms; offers/answers keep their order per direction. Default [0, 0]. */
  delayMs?: [number, number];
  /** When set, ICE candidates wait between these many ms regardless of order: they overtake each other and descriptions. */
  iceDelayMs?: [number, number];
  /** Seed of the delays (runs are reproducible). */
  seed?: number;
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One end of the in-memory signalling: what `CallSession` is to the real transport. */
export class MemorySignalChannel implements MediaSignalChannel {
  /** Everything this end sent, in order (payloads as JSON text, as on the wire). */
  readonly sent: { action: MediaSignalAction; payload: string }[] = [];
  /** Everything delivered to this end, in delivery order. */
  readonly received: MediaSignalAction[] = [];
  /** Drop everything this end sends (the peer vanished). */
  blocked = false;
  private readonly listeners = new Set<(signal: MediaSignal) => void>();

  constructor(
    readonly selfId: string,
    private readonly forward: (from: MemorySignalChannel, action: MediaSignalAction, payload: string) => void,
  ) {}

  async sendMediaSignal(action: MediaSignalAction, payload: unknown): Promise<void> {
    const json = JSON.stringify(payload);
    this.sent.push({ action, payload: json });
    if (!this.blocked) this.forward(this, action, json);
  }

  on(_event: 'media-signal', listener: (signal: MediaSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listeners currently subscribed (0 after the transport left). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Sent offers' ICE username fragments, in order. */
  offerUfrags(): string[] {
    return this.sent
      .filter((signal) => signal.action === 'offer')
      .map((signal) => /a=ice-ufrag:(\S+)/.exec((JSON.parse(signal.payload) as { sdp: string }).sdp)?.[1] ?? '');
  }

  count(action: MediaSignalAction): number {
    return this.sent.filter((signal) => signal.action === action).length;
  }

  deliver(signal: MediaSignal): void {
    this.received.push(signal.action);
    for (const listener of [...this.listeners]) listener(signal);
  }
}

/** Two connected channels, `a` (caller) and `b` (callee), for call `callId`. */
export interface SignalPair {
  a: MemorySignalChannel;
  b: MemorySignalChannel;
  callId: string;
  /** Cancels every message still in flight. */
  close(): void;
}

/** An in-memory signalling link between two transports in the same page. */
export function signalPair(options: SignalPairOptions = {}): SignalPair {
  const [min, max] = options.delayMs ?? [0, 0];
  const next = random(options.seed ?? 1);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const lastDescriptionAt = new Map<MemorySignalChannel, number>();
  const callId = `call-${Math.random().toString(36).slice(2, 8)}`;
  const forward = (from: MemorySignalChannel, action: MediaSignalAction, payload: string): void => {
    const to = from === a ? b : a;
    const now = performance.now();
    const delay = min + next() * (max - min);
    let at: number;
    if (action === 'ice' && options.iceDelayMs) {
      const [iceMin, iceMax] = options.iceDelayMs;
      at = now + iceMin + next() * (iceMax - iceMin);
    } else {
      at = Math.max(now + delay, (lastDescriptionAt.get(from) ?? 0) + 1);
      if (action !== 'ice') lastDescriptionAt.set(from, at);
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      to.deliver({ callId, conversationId: 'conv-1', action, payload: JSON.parse(payload) as unknown, fromId: from.selfId });
    }, Math.max(0, at - now));
    timers.add(timer);
  };
  const a = new MemorySignalChannel('caller', forward);
  const b = new MemorySignalChannel('callee', forward);
  return {
    a,
    b,
    callId,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** An `RTCPeerConnection` class that remembers its instances, for a transport's `RTCPeerConnectionImpl`. */
export function recordingPeerConnection(): { Impl: typeof RTCPeerConnection; instances: RTCPeerConnection[] } {
  const instances: RTCPeerConnection[] = [];
  class RecordingPeerConnection extends RTCPeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      instances.push(this);
    }
  }
  return { Impl: RecordingPeerConnection, instances };
}

/**
 * Resolves with the predicate's first truthy value; rejects with `what` after `timeoutMs`.
 */
export async function waitFor<T>(predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const videos = new Set<HTMLVideoElement>();

/** Plays `stream` in a muted, attached `<video>`; removed by `removeVideos()`. */
export async function playVideo(stream: MediaStream): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  video.width = 160;
  video.height = 120;
  video.srcObject = stream;
  document.body.append(video);
  videos.add(video);
  await video.play();
  return video;
}

export function removeVideos(): void {
  for (const video of videos) {
    video.srcObject = null;
    video.remove();
  }
  videos.clear();
}

/** Resolves once `video` has presented `count` more frames; rejects after `timeoutMs`. */
export function framesAdvance(video: HTMLVideoElement, count = 5, timeoutMs = 8000): Promise<number> {
  return new Promise((resolve, reject) => {
    let first: number | undefined;
    const timer = setTimeout(() => reject(new Error(`fewer than ${count} new video frames in ${timeoutMs} ms`)), timeoutMs);
    const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata): void => {
      first ??= metadata.presentedFrames;
      const advanced = metadata.presentedFrames - first;
      if (advanced >= count) {
        clearTimeout(timer);
        resolve(advanced);
        return;
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/** The mean red, green, blue (0..255) and luminance of the frame `video` shows now. */
export function meanColour(video: HTMLVideoElement): { r: number; g: number; b: number; luma: number } {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas context');
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let r = 0;
  let g = 0;
  let b = 0;
  for (let i = 0; i < data.length; i += 4) {
    r += data[i] ?? 0;
    g += data[i + 1] ?? 0;
    b += data[i + 2] ?? 0;
  }
  const pixels = data.length / 4;
  r /= pixels;
  g /= pixels;
  b /= pixels;
  return { r, g, b, luma: 0.299 * r + 0.587 * g + 0.114 * b };
}

/** A canvas video track painted a solid colour ~30 times a second; `stop()` ends the painting and the track. */
export function colourTrack(colour: string): { track: MediaStreamTrack; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas context');
  let tick = 0;
  const paint = (): void => {
    context.fillStyle = colour;
    context.fillRect(0, 0, canvas.width, canvas.height);
    // A moving dot so every frame differs (the encoder keeps sending).
    context.fillStyle = colour === '#000' ? '#111' : '#fff';
    context.fillRect(tick++ % canvas.width, 0, 2, 2);
  };
  paint();
  const timer = setInterval(paint, 33);
  const track = canvas.captureStream(30).getVideoTracks()[0];
  if (!track) throw new Error('captureStream gave no video track');
  return {
    track,
    stop: () => {
      clearInterval(timer);
      track.stop();
    },
  };
}

/**
 * An `RTCPeerConnection` class whose stats say the peer loses `loss()` of this side's video
 * packets (its `remote-inbound-rtp` video `fractionLost`), for degradation tests.
 */
export function lossyPeerConnection(loss: () => number): { Impl: typeof RTCPeerConnection; instances: RTCPeerConnection[] } {
  const instances: RTCPeerConnection[] = [];
  class LossyPeerConnection extends RTCPeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      instances.push(this);
    }

    override async getStats(selector?: MediaStreamTrack | null): Promise<RTCStatsReport> {
      const report = new Map<string, Record<string, unknown>>((await super.getStats(selector)).entries());
      let timestamp = 0;
      for (const [id, stats] of report) {
        timestamp = Math.max(timestamp, Number(stats.timestamp));
        if (stats.type === 'remote-inbound-rtp' && stats.kind === 'video') report.delete(id);
      }
      report.set('RIV-test', { id: 'RIV-test', type: 'remote-inbound-rtp', kind: 'video', timestamp, fractionLost: loss(), roundTripTime: 0.002 });
      return report as unknown as RTCStatsReport;
    }
  }
  return { Impl: LossyPeerConnection, instances };
}
