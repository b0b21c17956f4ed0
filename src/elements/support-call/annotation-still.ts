/**
 * The frozen frame's pixels. Both screens must show the same still, pixel for pixel, or a drawing
 * made on one lands beside the fault on the other. Why the camera's side makes it: its browser holds
 * the camera track itself, at the capture resolution (a phone's 1280x720 or more), while the
 * viewer has only the decoded WebRTC stream, downscaled and blurred whenever the network is poor.
 * So the camera's side captures its own frame, stores it through the call's upload path and names
 * the stored file in a `still` operation; the viewer loads exactly that file. Until it is in, the
 * viewer shows its own capture of the remote video (same framing, lower resolution), so the
 * freeze feels instant; normalised coordinates stay valid across the swap.
 */
import { requestSignedUploadUrl } from '../../uploads/signed-upload-url.js';
import type { TokenProvider } from '../../tokens/types.js';
import type { UploadProvider } from '../../uploads/types.js';
import { isAllowedAttachmentUrl } from '../../protocol/attachment-url.js';
import { SupportError } from '../../protocol/errors.js';
import { relayHttpBase } from '../../uploads/upload-url.js';
import type { AnnotationStill } from '../../core/call/call-annotation-ops.js';
import { captureFrame, snapshotName, type Snapshot } from './call-snapshot.js';

/** A still ready to show: its decoded source (no cross-origin taint: it is a local blob). */
export interface LoadedStill {
  /** An object URL of the image bytes; revoke it when the still goes. */
  src: string;
  width: number;
  height: number;
}

/** Captures `video` (full resolution of what it plays) as a still held in memory. */
export async function captureStill(video: HTMLVideoElement): Promise<{ shot: Snapshot; still: LoadedStill }> {
  const shot = await captureFrame(video, 0.92);
  return { shot, still: { src: URL.createObjectURL(shot.blob), width: shot.width, height: shot.height } };
}

/** Stores a captured still for the peer; `undefined` when this call has nowhere to store files. */
export async function shareStill(shot: Snapshot, uploads: UploadProvider | undefined, conversationId: string): Promise<AnnotationStill | undefined> {
  if (!uploads) return undefined;
  const file = await uploads.upload(shot.blob, { conversationId, name: snapshotName(Date.now()) });
  return { url: file.url, width: shot.width, height: shot.height };
}

/** Where a still may be loaded from, and with which tokens a relay upload is signed. */
export interface StillSource {
  /** The relay server (http(s) or ws(s)); '' when there is none. */
  server: string;
  tokens: TokenProvider | undefined;
  /** Inject a `fetch` (tests). */
  fetch?: typeof fetch;
}

/**
 * Loads the still the camera's side stored: a relay upload through a short-lived signed address,
 * an absolute URL only on the relay's or the page's own origin (never a stranger's). Rejects with
 * a `SupportError` (`forbidden` for a foreign address).
 */
export async function loadStill(still: AnnotationStill, source: StillSource): Promise<LoadedStill> {
  const fetchImpl = source.fetch ?? globalThis.fetch;
  let address = still.url;
  if (address.startsWith('/')) {
    if (!source.server || !source.tokens) throw new SupportError('config', 'no relay to load the still from');
    address = (await requestSignedUploadUrl(source.server, address, source.tokens, { fetch: fetchImpl })).url;
  } else {
    const origins = [globalThis.location?.origin ?? ''];
    if (source.server) origins.push(new URL(relayHttpBase(source.server)).origin);
    if (!isAllowedAttachmentUrl(address, origins)) throw new SupportError('forbidden', 'the still is on a foreign origin');
  }
  const response = await fetchImpl(address);
  if (!response.ok) throw new SupportError(response.status === 404 ? 'not-found' : 'network', `the still could not be loaded: HTTP ${response.status}`);
  const blob = await response.blob();
  return { src: URL.createObjectURL(blob), width: still.width, height: still.height };
}
