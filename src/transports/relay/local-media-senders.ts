/**
 * What this side sends: the current audio and video tracks, their senders, and whether each is
 * enabled. The caller's first offer lays out one audio and one video transceiver in both
 * directions; the callee adopts them when it answers. After that, publishing, switching camera,
 * screen sharing and "send nothing" are all `replaceTrack`, which never renegotiates.
 */
import type { RemoteMediaStateEvent } from '../media-types.js';

/** The two kinds of media a call sends. */
export type MediaKind = 'audio' | 'video';

const KINDS: readonly MediaKind[] = ['audio', 'video'];

/**
 * Owns every track it is given until `stopAll()`.
 *
 * @example
 * ```ts
 * const local = new LocalMediaSenders();
 * await local.send('video', camera);   // before or after the connection exists
 * local.layOut(pc);                     // caller, before its first offer
 * ```
 */
export class LocalMediaSenders {
  private readonly owned = new Set<MediaStreamTrack>();
  private readonly sent: Record<MediaKind, MediaStreamTrack | null> = { audio: null, video: null };
  private readonly senders: Partial<Record<MediaKind, RTCRtpSender>> = {};

  /** The video sender, once the connection has one. */
  get videoSender(): RTCRtpSender | undefined {
    return this.senders.video;
  }

  /** What the peer receives from this side: a live, enabled track of each kind. */
  get state(): RemoteMediaStateEvent {
    return { audio: sending(this.sent.audio), video: sending(this.sent.video) };
  }

  /**
   * Makes `track` the sent track of its kind (`null`: send nothing), as given: its `enabled` is
   * the caller's (a microphone muted during ringing stays muted). Resolves once the sender uses it.
   */
  send(kind: MediaKind, track: MediaStreamTrack | null): Promise<void> {
    if (track) this.owned.add(track);
    this.sent[kind] = track;
    // Without a sender yet (before join, or a callee before the first offer) the track is
    // picked up when the sender appears.
    return this.senders[kind]?.replaceTrack(track) ?? Promise.resolve();
  }

  /** Mutes or unmutes the track sent now; it stays acquired (a disabled track sends silence or black). */
  setEnabled(kind: MediaKind, enabled: boolean): void {
    const track = this.sent[kind];
    if (track) track.enabled = enabled;
  }

  /** Caller: adds the audio and video transceivers (with the tracks sent so far) before the first offer. */
  layOut(pc: RTCPeerConnection): void {
    for (const kind of KINDS) {
      this.senders[kind] ??= pc.addTransceiver(this.sent[kind] ?? kind, { direction: 'sendrecv' }).sender;
    }
  }

  /**
   * Callee: after the caller's offer is applied and before answering, takes its audio and video
   * transceivers as this side's senders (both directions), with the tracks sent so far.
   */
  async adopt(pc: RTCPeerConnection): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const kind of KINDS) {
      if (this.senders[kind]) continue;
      const transceiver = pc
        .getTransceivers()
        .find((candidate) => candidate.mid !== null && candidate.currentDirection !== 'stopped' && candidate.receiver.track.kind === kind);
      if (!transceiver) continue;
      transceiver.direction = 'sendrecv';
      this.senders[kind] = transceiver.sender;
      const track = this.sent[kind];
      if (track) pending.push(transceiver.sender.replaceTrack(track));
    }
    await Promise.all(pending);
  }

  /** Stops every track ever given (sent or since replaced) and forgets the senders. */
  stopAll(): void {
    for (const track of this.owned) track.stop();
    this.owned.clear();
    this.sent.audio = this.sent.video = null;
    delete this.senders.audio;
    delete this.senders.video;
  }
}

function sending(track: MediaStreamTrack | null): boolean {
  return track !== null && track.enabled && track.readyState === 'live';
}
