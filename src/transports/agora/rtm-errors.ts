/**
 * Maps Agora RTM 2.x failures to `SupportError` codes. RTM rejects with `RTMBaseError`
 * (`code`/`errorCode`: a negative number, `reason`: text); the numbers below are the SDK's
 * `RTM_ERROR_*` values (agora-rtm-sdk 2.3.0 bundle), which its `.d.ts` does not export.
 */
import type { RTMEvents } from 'agora-rtm-sdk';
import { SupportError, type ErrorCode } from '../../protocol/errors.js';

/** The RTM error numbers the adapter distinguishes. */
export const RTM_ERROR = {
  INVALID_APP_ID: -10003,
  INVALID_TOKEN: -10005,
  INVALID_USER_ID: -10006,
  INVALID_CHANNEL_NAME: -10008,
  TOKEN_EXPIRED: -10009,
  LOGIN_TIMEOUT: -10011,
  LOGIN_REJECTED: -10012,
  INVALID_PARAMETER: -10014,
  LOGIN_NOT_AUTHORIZED: -10015,
  INCONSISTENT_APPID: -10016,
  OPERATION_RATE_EXCEED_LIMITATION: -10021,
  SERVICE_NOT_SUPPORTED: -10022,
  NOT_CONNECTED: -10025,
  RENEW_TOKEN_TIMEOUT: -10026,
  CHANNEL_MESSAGE_LENGTH_EXCEED_LIMITATION: -11010,
  CHANNEL_INSTANCE_EXCEED_LIMITATION: -11005,
  CHANNEL_SUBSCRIBE_TIMEOUT: -11019,
  CHANNEL_SUBSCRIBE_TOO_FREQUENT: -11020,
  CHANNEL_PUBLISH_MESSAGE_TOO_FREQUENT: -11025,
  CHANNEL_PUBLISH_MESSAGE_TIMEOUT: -11026,
  CHANNEL_SUBSCRIBE_PERMISSION_DENIED: -11038,
  CHANNEL_PUBLISH_PERMISSION_DENIED: -11039,
  HISTORY_OPERATION_NOT_PERMITTED: -15004,
  HISTORY_NOT_AVAILABLE: -15005,
  HISTORY_PERMISSION_DENIED: -15006,
} as const;

const CODE_BY_RTM_ERROR = new Map<number, { code: ErrorCode; retryable?: boolean }>([
  [RTM_ERROR.INVALID_TOKEN, { code: 'unauthorized', retryable: false }],
  [RTM_ERROR.LOGIN_NOT_AUTHORIZED, { code: 'unauthorized', retryable: false }],
  [RTM_ERROR.LOGIN_REJECTED, { code: 'unauthorized', retryable: false }],
  [RTM_ERROR.INCONSISTENT_APPID, { code: 'unauthorized', retryable: false }],
  [RTM_ERROR.TOKEN_EXPIRED, { code: 'token-expired' }],
  [RTM_ERROR.INVALID_APP_ID, { code: 'config', retryable: false }],
  [RTM_ERROR.INVALID_USER_ID, { code: 'config', retryable: false }],
  [RTM_ERROR.INVALID_CHANNEL_NAME, { code: 'config', retryable: false }],
  [RTM_ERROR.INVALID_PARAMETER, { code: 'config', retryable: false }],
  [RTM_ERROR.SERVICE_NOT_SUPPORTED, { code: 'config', retryable: false }],
  [RTM_ERROR.LOGIN_TIMEOUT, { code: 'timeout' }],
  [RTM_ERROR.RENEW_TOKEN_TIMEOUT, { code: 'timeout' }],
  [RTM_ERROR.CHANNEL_SUBSCRIBE_TIMEOUT, { code: 'timeout' }],
  [RTM_ERROR.CHANNEL_PUBLISH_MESSAGE_TIMEOUT, { code: 'timeout' }],
  [RTM_ERROR.NOT_CONNECTED, { code: 'network' }],
  [RTM_ERROR.OPERATION_RATE_EXCEED_LIMITATION, { code: 'rate-limited' }],
  [RTM_ERROR.CHANNEL_SUBSCRIBE_TOO_FREQUENT, { code: 'rate-limited' }],
  [RTM_ERROR.CHANNEL_PUBLISH_MESSAGE_TOO_FREQUENT, { code: 'rate-limited' }],
  [RTM_ERROR.CHANNEL_INSTANCE_EXCEED_LIMITATION, { code: 'rate-limited', retryable: false }],
  [RTM_ERROR.CHANNEL_MESSAGE_LENGTH_EXCEED_LIMITATION, { code: 'message-too-large', retryable: false }],
  [RTM_ERROR.CHANNEL_SUBSCRIBE_PERMISSION_DENIED, { code: 'forbidden', retryable: false }],
  [RTM_ERROR.CHANNEL_PUBLISH_PERMISSION_DENIED, { code: 'forbidden', retryable: false }],
]);

/** The numeric RTM error code of anything RTM threw, if it has one. */
export function rtmErrorNumber(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { errorCode, code } = error as { errorCode?: unknown; code?: unknown };
  if (typeof errorCode === 'number' && errorCode !== 0) return errorCode;
  return typeof code === 'number' ? code : undefined;
}

/** Turns an RTM rejection into a `SupportError` (`fallback` for numbers the adapter does not know). */
export function fromRtmError(error: unknown, action: string, fallback: ErrorCode = 'network'): SupportError {
  if (error instanceof SupportError) return error;
  const rtmCode = rtmErrorNumber(error);
  const mapped = rtmCode === undefined ? undefined : CODE_BY_RTM_ERROR.get(rtmCode);
  const reason = (error as { reason?: unknown } | null)?.reason;
  const detail = typeof reason === 'string' && reason ? reason : error instanceof Error ? error.message : String(error);
  const suffix = rtmCode === undefined ? '' : ` (RTM ${rtmCode})`;
  return new SupportError(mapped?.code ?? fallback, `${action} failed: ${detail}${suffix}`, {
    cause: error,
    ...(mapped?.retryable === undefined ? {} : { retryable: mapped.retryable }),
  });
}

type LinkReason = RTMEvents.LinkStateChangeReasonCode;

const CODE_BY_LINK_REASON: Partial<Record<LinkReason, { code: ErrorCode; retryable: boolean }>> = {
  INVALID_TOKEN: { code: 'unauthorized', retryable: false },
  LOGIN_NOT_AUTHORIZED: { code: 'unauthorized', retryable: false },
  LOGIN_REJECTED: { code: 'unauthorized', retryable: false },
  INCONSISTENT_APP_ID: { code: 'unauthorized', retryable: false },
  TOKEN_EXPIRED: { code: 'token-expired', retryable: true },
  // Another tab or device logged in as this user: reconnecting would kick it out in turn.
  SAME_UID_LOGIN: { code: 'closed', retryable: false },
  KICKED_OUT_BY_SERVER: { code: 'forbidden', retryable: false },
  INVALID_USER_ID: { code: 'config', retryable: false },
  LOGIN_TOO_FREQUENT: { code: 'rate-limited', retryable: true },
  OPERATION_RATE_EXCEED_LIMITATION: { code: 'rate-limited', retryable: true },
};

/** The error a `linkState` change to FAILED/SUSPENDED stands for. */
export function fromLinkState(event: RTMEvents.LinkStateEvent): SupportError {
  const mapped = CODE_BY_LINK_REASON[event.reasonCode] ?? { code: 'network' as const, retryable: true };
  return new SupportError(mapped.code, `Agora RTM link ${event.currentState}: ${event.reason || event.reasonCode}`, {
    retryable: mapped.retryable,
  });
}
