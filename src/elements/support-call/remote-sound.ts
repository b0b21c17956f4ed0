/**
 * The other side's sound against the browser's autoplay rule: a remote video that may not play
 * with sound (no user gesture yet) plays muted, and the call offers a button that turns sound on.
 */
export class RemoteSound {
  /** The browser refused sound: the "Turn on sound" button shows. */
  blocked = false;

  constructor(
    private readonly video: () => HTMLVideoElement | null,
    private readonly changed: () => void,
  ) {}

  /** The remote video has its metadata: play it, muted if sound is refused. */
  readonly play = (event: Event): void => {
    const video = event.target as HTMLVideoElement;
    video.play().catch(() => {
      video.muted = true;
      this.blocked = true;
      this.changed();
      void video.play().catch(() => undefined);
    });
  };

  /** The user asked for sound (a gesture: now it may play). */
  readonly enable = (): void => {
    const video = this.video();
    if (video) {
      video.muted = false;
      void video.play().catch(() => undefined);
    }
    this.blocked = false;
    this.changed();
  };
}
