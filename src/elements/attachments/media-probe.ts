/**
 * What the browser can tell about an audio or video file before it is sent: duration, size and
 * a poster frame, read through a detached media element on a `blob:` URL.
 */

/** Longest wait for a file's metadata or first frame. */
const PROBE_TIMEOUT_MS = 8000;
/** Poster frames are scaled to this long side. */
const POSTER_LONG_SIDE = 640;

export interface MediaFacts {
  durationMs?: number;
  width?: number;
  height?: number;
  /** A JPEG of an early frame (videos). */
  poster?: Blob;
}

/** Resolves when `event` fires on `target`, rejects on `error` or after the timeout. */
function once(target: HTMLMediaElement, event: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      target.removeEventListener(event, onEvent);
      target.removeEventListener('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onEvent = (): void => done();
    const onError = (): void => done(new Error('the media could not be read'));
    const timer = setTimeout(() => done(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(event, onEvent);
    target.addEventListener('error', onError);
  });
}

function finiteMs(seconds: number): number | undefined {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
}

/** The frame a video shows now as a JPEG, scaled down; undefined when there is none. */
export async function captureVideoFrame(video: HTMLVideoElement, quality = 0.8): Promise<Blob | undefined> {
  const { videoWidth, videoHeight } = video;
  if (!videoWidth || !videoHeight) return undefined;
  const scale = Math.min(1, POSTER_LONG_SIDE / Math.max(videoWidth, videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(videoWidth * scale));
  canvas.height = Math.max(1, Math.round(videoHeight * scale));
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/jpeg', quality));
}

/**
 * Reads the duration (and for a video its size and a poster frame) of a file. Whatever cannot be
 * read is left out: a recording without duration metadata, or a format the browser cannot play,
 * is still sent, just without those facts.
 */
export async function probeMedia(file: Blob, kind: 'audio' | 'video'): Promise<MediaFacts> {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') return {};
  const url = URL.createObjectURL(file);
  const media = document.createElement(kind);
  media.muted = true;
  media.preload = 'auto';
  const facts: MediaFacts = {};
  try {
    const metadata = once(media, 'loadedmetadata');
    media.src = url;
    await metadata;
    const durationMs = finiteMs(media.duration);
    if (durationMs !== undefined) facts.durationMs = durationMs;
    if (media instanceof HTMLVideoElement && media.videoWidth > 0) {
      facts.width = media.videoWidth;
      facts.height = media.videoHeight;
      // A frame a little in, past a black first frame, but never past the end.
      const at = Number.isFinite(media.duration) ? Math.min(0.5, media.duration / 2) : 0;
      const seeked = once(media, 'seeked');
      media.currentTime = at;
      await seeked;
      const poster = await captureVideoFrame(media);
      if (poster) facts.poster = poster;
    }
  } catch {
    // Unreadable here: the server still types and serves the file.
  } finally {
    media.removeAttribute('src');
    media.load();
    URL.revokeObjectURL(url);
  }
  return facts;
}
