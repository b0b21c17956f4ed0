/**
 * Stops or resumes sending the video without touching its track (`encodings[].active` via
 * `setParameters`, no renegotiation): the camera and the self-view stay on, the peer gets no
 * video packets and keeps showing its last frame. Used by the audio-only fallback.
 */

/**
 * Sets every encoding of `sender` to `active`. Resolves false when there is nothing to change or
 * the sender has no encodings yet (not negotiated).
 *
 * @example
 * ```ts
 * await setVideoSending(videoSender, !fallback.paused);
 * ```
 */
export async function setVideoSending(sender: RTCRtpSender, active: boolean): Promise<boolean> {
  const parameters = sender.getParameters();
  if (!parameters.encodings?.length || parameters.encodings.every((encoding) => (encoding.active ?? true) === active)) return false;
  for (const encoding of parameters.encodings) encoding.active = active;
  await sender.setParameters(parameters);
  return true;
}
