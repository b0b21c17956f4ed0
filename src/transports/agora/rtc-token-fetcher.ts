/**
 * Fetches an RTC token for one uid in one channel from the shop's backend (Agora RTC tokens are
 * bound to both). `forceRefresh` is set when the SDK warned that the current token expires soon.
 * An empty string joins without a token (App ID-only projects, for development).
 *
 * @example
 * const getToken: RtcTokenFetcher = async (kind, channel, uid) =>
 *   (await (await fetch(`/agora-token?kind=${kind}&channel=${channel}&uid=${uid}`)).json()).token;
 */
export type RtcTokenFetcher = (
  kind: 'rtc',
  channel: string,
  uid: number,
  request?: { forceRefresh?: boolean; signal?: AbortSignal },
) => Promise<string>;
