/**
 * Maps Agora RTC NG failures to `SupportError` codes. The SDK rejects with `AgoraRTCError`
 * (`code`: an `AgoraRTCErrorCode` string, `message`: text that, for gateway failures, carries the
 * server's reason, e.g. "invalid vendor key, can not find appid" in 4.24.8).
 */
import type { ConnectionDisconnectedReason } from 'agora-rtc-sdk-ng';
import { SupportError, type ErrorCode } from '../../protocol/errors.js';

interface Mapped {
  code: ErrorCode;
  retryable?: boolean;
}

const BY_CODE = new Map<string, Mapped>([
  ['TOKEN_EXPIRE', { code: 'token-expired' }],
  ['TIMEOUT', { code: 'timeout' }],
  ['API_INVOKE_TIMEOUT', { code: 'timeout' }],
  ['NETWORK_TIMEOUT', { code: 'timeout' }],
  ['NETWORK_ERROR', { code: 'network' }],
  ['NETWORK_RESPONSE_ERROR', { code: 'network' }],
  ['WS_ABORT', { code: 'network' }],
  ['WS_DISCONNECT', { code: 'network' }],
  ['WS_ERR', { code: 'network' }],
  ['ICE_FAILED', { code: 'network' }],
  ['NO_ICE_CANDIDATE', { code: 'network' }],
  ['CAN_NOT_GET_PROXY_SERVER', { code: 'network' }],
  ['VOID_GATEWAY_ADDRESS', { code: 'network' }],
  ['OPERATION_ABORTED', { code: 'closed' }],
  ['PC_CLOSED', { code: 'closed' }],
  ['INVALID_PARAMS', { code: 'config', retryable: false }],
  ['NOT_SUPPORTED', { code: 'config', retryable: false }],
  ['WEB_SECURITY_RESTRICT', { code: 'config', retryable: false }],
  ['INVALID_UINT_UID_FROM_STRING_UID', { code: 'config', retryable: false }],
  ['PERMISSION_DENIED', { code: 'media-denied', retryable: false }],
  ['DEVICE_NOT_FOUND', { code: 'no-device', retryable: false }],
  ['NOT_READABLE', { code: 'no-device' }],
  ['UID_CONFLICT', { code: 'closed', retryable: false }],
]);

/** Gateway reasons (inside `CAN_NOT_GET_GATEWAY_SERVER` / `UNEXPECTED_RESPONSE` messages). */
const BY_REASON: [RegExp, Mapped][] = [
  [/invalid token|no authorized|static use dynamic key|dynamic use static key/i, { code: 'unauthorized', retryable: false }],
  [/dynamic key (or token timeout|expired)|token expire/i, { code: 'token-expired' }],
  [/invalid vendor key|invalid appid|can not find appid/i, { code: 'config', retryable: false }],
  [/invalid channel name/i, { code: 'config', retryable: false }],
  [/banned/i, { code: 'forbidden', retryable: false }],
];

/** The SDK error's `code` (an `AgoraRTCErrorCode` string), if it has one. */
export function rtcErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when a join failed because another client in the channel has the same uid (also when wrapped). */
export function isUidConflict(error: unknown): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 3; depth++) {
    if (rtcErrorCode(current) === 'UID_CONFLICT') return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** Wraps anything the RTC SDK threw into a `SupportError` (`fallback` when nothing matches). */
export function fromRtcError(error: unknown, what: string, fallback: ErrorCode = 'network'): SupportError {
  if (error instanceof SupportError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const sdkCode = rtcErrorCode(error);
  const mapped = BY_REASON.find(([pattern]) => pattern.test(detail))?.[1] ?? (sdkCode ? BY_CODE.get(sdkCode) : undefined);
  const options: { cause: unknown; retryable?: boolean } = { cause: error };
  if (mapped?.retryable !== undefined) options.retryable = mapped.retryable;
  return new SupportError(mapped?.code ?? fallback, `${what} failed: ${detail}`, options);
}

/** The error of a connection Agora ended (`DISCONNECTED` with a reason other than our own `LEAVE`). */
export function fromDisconnectReason(reason: ConnectionDisconnectedReason | undefined): SupportError {
  const text: string = reason ?? 'unknown';
  switch (text) {
    case 'TOKEN_EXPIRE':
      return new SupportError('token-expired', 'the RTC token expired');
    case 'UID_BANNED':
    case 'IP_BANNED':
    case 'CHANNEL_BANNED':
      return new SupportError('forbidden', `Agora removed this user from the call (${text})`, { retryable: false });
    case 'UID_CONFLICT':
      return new SupportError('closed', 'the call continued on another device with the same user', { retryable: false });
    default:
      if (text.startsWith('LICENSE_')) return new SupportError('config', `Agora licence problem (${text})`, { retryable: false });
      return new SupportError('network', `the RTC connection was lost (${text})`);
  }
}
