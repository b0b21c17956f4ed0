/**
 * The peer's media as one `MediaStream`, assembled from the connection's `track` events: one
 * audio and one video track at most (a newer track of a kind replaces the older).
 */

/** The remote stream of one call. */
export class RemoteMedia {
  private current: MediaStream | null = null;

  /** The stream, once a track has arrived; `null` before and after the call. */
  get stream(): MediaStream | null {
    return this.current;
  }

  /** Adds a track from a `track` event; returns the (same) stream to announce. */
  add(track: MediaStreamTrack): MediaStream {
    const stream = this.current ?? new MediaStream();
    for (const old of stream.getTracks()) {
      if (old.kind === track.kind && old !== track) stream.removeTrack(old);
    }
    if (!stream.getTrackById(track.id)) stream.addTrack(track);
    this.current = stream;
    return stream;
  }

  /** Ends the received tracks and forgets the stream. */
  stopAll(): void {
    for (const track of this.current?.getTracks() ?? []) track.stop();
    this.current = null;
  }
}
