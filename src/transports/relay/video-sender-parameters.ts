/**
 * Writes the bitrate cap and degradation preference onto the video `RTCRtpSender`
 * (`setParameters`, no renegotiation).
 */

/** What to apply to the video sender. */
export interface VideoSenderSettings {
  /** Bitrate cap, bit/s; `undefined` removes the cap. */
  maxBitrateBps: number | undefined;
  /** What the encoder gives up first under pressure. */
  degradationPreference: RTCDegradationPreference;
}

/** Camera video keeps its frame rate (motion), screen share keeps its resolution (text stays sharp). */
export function degradationPreferenceFor(contentHint: 'motion' | 'detail'): RTCDegradationPreference {
  return contentHint === 'detail' ? 'maintain-resolution' : 'maintain-framerate';
}

function withSettings(parameters: RTCRtpSendParameters, settings: VideoSenderSettings, preference: boolean): RTCRtpSendParameters {
  for (const encoding of parameters.encodings) {
    if (settings.maxBitrateBps === undefined) delete encoding.maxBitrate;
    else encoding.maxBitrate = settings.maxBitrateBps;
  }
  if (preference) parameters.degradationPreference = settings.degradationPreference;
  return parameters;
}

/**
 * Applies `settings` to `sender`. Resolves false when the sender has no encodings yet (not
 * negotiated): call again once negotiation is done.
 */
export async function applyVideoSenderSettings(sender: RTCRtpSender, settings: VideoSenderSettings): Promise<boolean> {
  const parameters = sender.getParameters();
  if (!parameters.encodings?.length) return false;
  try {
    await sender.setParameters(withSettings(parameters, settings, true));
  } catch {
    // A browser that does not support `degradationPreference` rejects the whole call: keep the cap.
    await sender.setParameters(withSettings(sender.getParameters(), settings, false));
  }
  return true;
}
