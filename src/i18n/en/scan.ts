import { defineCatalog } from '../catalog.js';

/** The serial scan's sheet (camera preview, what was read, errors); loaded with it, on the first tap of the scan button. */
const en = {
  'scan.title': 'Scan the serial number',
  'scan.hint': 'Point the rear camera at the barcode or QR code on the device or its box.',
  'scan.preview': 'Camera preview',
  'scan.starting': 'Opening the camera…',
  'scan.looking': 'Looking for a barcode…',
  'scan.read': 'Read from the barcode:',
  'scan.imeiValid': 'IMEI, check digit correct.',
  'scan.imeiInvalid': 'This looks like an IMEI, but its check digit is wrong. Scan again, or check the number.',
  'scan.confirm': 'Use this number',
  'scan.retry': 'Scan again',
  'scan.cancel': 'Cancel',
  'scan.saved': 'Serial number {value} added to the device card.',
  'scan.error.denied': 'Camera access is blocked. Allow it in your browser’s site settings, then try again.',
  'scan.error.noDevice': 'No camera was found.',
  'scan.error.blocked': 'This page does not allow the barcode reader. Type the serial number in a message instead.',
  'scan.error.unavailable': 'The barcode reader could not be loaded. Check your connection and try again.',
  'scan.error.failed': 'The scan stopped. Try again.',
} as const satisfies Record<string, string>;

/** A key of the serial scan's strings. */
export type ScanTermKey = keyof typeof en;

/** The serial scan's strings: English here, Simplified Chinese fetched when first shown. */
export const scanCatalog = defineCatalog<ScanTermKey>(en, {
  zh: () => import('../zh-CN/scan.js').then((module) => module.strings),
});
