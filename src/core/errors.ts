// SupportError lives in the protocol layer (shared with the relay); the client imports it from here.
export { SupportError, toSupportError } from '../protocol/errors.js';
export type { ErrorCode } from '../protocol/errors.js';
