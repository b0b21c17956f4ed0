/**
 * What a scanned barcode says, as a device card's serial: the text cleaned up (a label's
 * `IMEI:` or `S/N:` prefix, control characters and later lines dropped, the card's length
 * limit kept) and, for a 15-digit value, whether it is a valid IMEI by its Luhn check digit.
 */
import { LIMITS } from '../protocol/model.js';

/** A serial read from a barcode. */
export interface ScannedSerial {
  /** The serial as it goes in the device card (`context.serial`). */
  value: string;
  /** Set when the value is 15 digits, as an IMEI is: whether its last digit is the right Luhn check digit. */
  imei?: { valid: boolean };
}

/** `IMEI:`, `IMEI1 `, `S/N:`, `SN#`, `Serial No.:` at the start of a label's text (a separator or a space after it). */
const LABEL_PREFIX = /^(?:imei\s*\d?|s\s*\/\s*n|sn|serial(?:\s*(?:no\.?|number))?)(?:\s*[:#.]\s*|\s+)/i;
/** C0 and C1 controls (a GS1 code's group separators among them). */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** True when the digits pass the Luhn check (the last digit checks the others), as an IMEI's do. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * The serial a barcode's text gives, or undefined when nothing is left of it.
 *
 * @example
 * serialFromBarcode('IMEI: 490154203237518') // { value: '490154203237518', imei: { valid: true } }
 * serialFromBarcode('SN C02XK0AAJG5H')       // { value: 'C02XK0AAJG5H' }
 */
export function serialFromBarcode(text: string): ScannedSerial | undefined {
  const firstLine = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
  const cleaned = firstLine.replace(CONTROLS, ' ').trim().replace(LABEL_PREFIX, '').trim();
  const value = cleaned.slice(0, LIMITS.maxContextFieldChars).trim();
  if (value === '') return undefined;
  return /^\d{15}$/.test(value) ? { value, imei: { valid: luhnValid(value) } } : { value };
}
