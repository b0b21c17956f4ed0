/**
 * The message `<support-call>` shows for a failure, by its code: one clear sentence per cause the
 * user can act on (permission, device, network), a generic one for the rest.
 */
import type { ErrorCode } from '../../protocol/errors.js';
import type { CallTermKey } from '../../i18n/en/call.js';

const ERROR_TERMS: Partial<Record<ErrorCode, CallTermKey>> = {
  'media-denied': 'call.error.mediaDenied',
  'camera-denied': 'call.error.cameraDenied',
  'no-device': 'call.error.noDevice',
  network: 'call.error.network',
};

/** The call string that explains an error of `code`. */
export function errorTermOf(code: ErrorCode): CallTermKey {
  return ERROR_TERMS[code] ?? 'call.error.generic';
}
