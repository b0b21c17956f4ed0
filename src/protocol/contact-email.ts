import { RELATIONSHIP_LIMITS } from './relationship.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x1f\x7f]/;
/** One `@`, a dot in the domain, no white space, no angle brackets or quotes (it goes into a header). */
const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;.]+(\.[^\s@<>"',;.]+)+$/;

/**
 * True for an email the relay will send to: the shape of `local@domain.tld`, at most 254
 * characters. Apart from the validators so the customer's client checks with the relay's own rule
 * without downloading them.
 */
export function isContactEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= RELATIONSHIP_LIMITS.maxEmailChars && EMAIL.test(value) && !CONTROL.test(value);
}
