/**
 * What this side sends on Agora RTC. The transport records what the UI wants (tracks, mute,
 * content hint) at any time, even before the SDK has loaded; `apply()` then brings the SDK's
 * custom tracks in line with it, one change at a time.
 *
 * Tracks are made with `createCustomAudioTrack` / `createCustomVideoTrack` from the UI's own
 * `MediaStreamTrack`s, so device choice and camera switching stay with the UI. This object owns
 * those tracks: `release()` stops every one it was given (as the relay transport does), and the
 * SDK's `close()` stops a custom track's source too.
 */
import type { RtcClientApi, RtcLocalAudioTrackApi, RtcLocalVideoTrackApi, RtcSdkModule } from './rtc-sdk.js';

type Kind = 'audio' | 'video';
export type VideoHint = 'motion' | 'detail';

/** Runs one SDK call under the transport's timeout. */
export type BoundedCall = <T>(promise: Promise<T>, what: string) => Promise<T>;

interface Sent<T> {
  track: T;
  source: MediaStreamTrack;
  published: boolean;
}

/** Whether a track's `contentHint` asks for sharp detail (screen share, text). */
export function hintOf(track: MediaStreamTrack): VideoHint {
  return track.contentHint === 'detail' || track.contentHint === 'text' ? 'detail' : 'motion';
}

export class RtcLocalMedia {
  private readonly owned = new Set<MediaStreamTrack>();
  private readonly wanted: Record<Kind, MediaStreamTrack | null> = { audio: null, video: null };
  private readonly muted: Record<Kind, boolean> = { audio: false, video: false };
  private hint: VideoHint = 'motion';
  private audio: Sent<RtcLocalAudioTrackApi> | undefined;
  private video: (Sent<RtcLocalVideoTrackApi> & { mode: VideoHint }) | undefined;
  private dualStream = false;

  /** Wants `track` sent as this kind (`null`: send nothing of it). */
  want(kind: Kind, track: MediaStreamTrack | null, hint?: VideoHint): void {
    if (track) this.owned.add(track);
    this.wanted[kind] = track;
    if (kind === 'video' && track) this.hint = hint ?? hintOf(track);
  }

  /** Mutes or unmutes a kind (the track stays acquired and published). */
  mute(kind: Kind, muted: boolean): void {
    this.muted[kind] = muted;
  }

  /** Brings the SDK's published tracks in line with what is wanted. */
  async apply(sdk: RtcSdkModule, client: RtcClientApi, call: BoundedCall): Promise<void> {
    await this.applyAudio(sdk, client, call);
    await this.applyVideo(sdk, client, call);
  }

  /** Closes the SDK's tracks (they are no longer sent); the UI's tracks keep running. */
  closeSdkTracks(): void {
    for (const sent of [this.audio, this.video]) sent?.track.close();
    this.audio = undefined;
    this.video = undefined;
  }

  /** Closes the SDK's tracks and stops every track the UI gave. */
  release(): void {
    this.closeSdkTracks();
    for (const track of this.owned) track.stop();
    this.owned.clear();
    this.wanted.audio = this.wanted.video = null;
  }

  private async applyAudio(sdk: RtcSdkModule, client: RtcClientApi, call: BoundedCall): Promise<void> {
    const wanted = this.wanted.audio;
    let sent = this.audio;
    // Audio tracks cannot swap their source: a new microphone is a new published track.
    if (sent && sent.source !== wanted) {
      if (sent.published) await call(client.unpublish(sent.track), 'unpublishing the microphone');
      sent.track.close();
      sent = this.audio = undefined;
    }
    if (!wanted) return;
    sent ??= this.audio = { track: sdk.createCustomAudioTrack({ mediaStreamTrack: wanted }), source: wanted, published: false };
    if (sent.track.muted !== this.muted.audio) await call(sent.track.setMuted(this.muted.audio), 'muting the microphone');
    if (!sent.published) {
      await call(client.publish(sent.track), 'publishing the microphone');
      sent.published = true;
    }
  }

  private async applyVideo(sdk: RtcSdkModule, client: RtcClientApi, call: BoundedCall): Promise<void> {
    const wanted = this.wanted.video;
    const sent = this.video;
    if (!wanted) {
      // Kept (not closed): a later track is swapped in with `replaceTrack` without a new publish.
      if (sent?.published) {
        await call(client.unpublish(sent.track), 'unpublishing the video');
        sent.published = false;
      }
      return;
    }
    if (!sent) {
      const track = sdk.createCustomVideoTrack({ mediaStreamTrack: wanted, optimizationMode: this.hint });
      this.video = { track, source: wanted, published: false, mode: this.hint };
      return this.applyVideo(sdk, client, call);
    }
    if (sent.source !== wanted) {
      // The old source keeps running: the UI may switch back to it (screen share → camera).
      await call(sent.track.replaceTrack(wanted, false), 'switching the video source');
      sent.source = wanted;
    }
    if (sent.mode !== this.hint) {
      await call(sent.track.setOptimizationMode(this.hint), 'setting the video optimization mode');
      sent.mode = this.hint;
    }
    if (sent.track.muted !== this.muted.video) await call(sent.track.setMuted(this.muted.video), 'turning the camera on or off');
    if (!sent.published) {
      await this.enableDualStream(client, call);
      await call(client.publish(sent.track), 'publishing the video');
      sent.published = true;
    }
  }

  /**
   * Sends a small second stream (160×120, about 50 kbit/s) beside the video, once per client: a
   * peer on a weak network then falls back to it, and to audio only when even that cannot pass
   * (Agora's stream fallback works only with it). Best effort: without it the call goes on.
   */
  private async enableDualStream(client: RtcClientApi, call: BoundedCall): Promise<void> {
    if (this.dualStream) return;
    this.dualStream = true;
    await call(client.enableDualStream(), 'enabling the low video stream').catch(() => undefined);
  }
}
