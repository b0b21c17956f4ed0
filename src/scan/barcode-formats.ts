/**
 * The barcode formats a serial scan reads, named as the Barcode Detection API names them, and the
 * same formats by zxing-cpp's names (the WebAssembly decoder used where the browser has no
 * `BarcodeDetector`).
 */

/** Formats printed on devices and their boxes: serial labels (Code 128, Code 39, Data Matrix, QR), EAN/UPC and ITF. */
export const SERIAL_FORMATS = ['code_128', 'code_39', 'ean_13', 'ean_8', 'upc_a', 'itf', 'qr_code', 'data_matrix'] as const;

/** A barcode format, by its Barcode Detection API name. */
export type BarcodeFormat = (typeof SERIAL_FORMATS)[number];

/** Formats a browser's own `BarcodeDetector` must read before it is used instead of the WebAssembly decoder. */
export const REQUIRED_FORMATS: readonly BarcodeFormat[] = ['code_128', 'ean_13', 'qr_code', 'data_matrix'];

/** zxing-cpp's name of each format (what its reader takes in `formats`). */
export const ZXING_FORMATS = {
  code_128: 'Code128',
  code_39: 'Code39',
  ean_13: 'EAN13',
  ean_8: 'EAN8',
  upc_a: 'UPCA',
  itf: 'ITF',
  qr_code: 'QRCode',
  data_matrix: 'DataMatrix',
} as const satisfies Readonly<Record<BarcodeFormat, string>>;

/**
 * Our name of what zxing-cpp read: its `format` (a variant such as `QRCodeModel2`, or a
 * symbology) or, failing that, its `symbology`; undefined for a format we did not ask for.
 */
export function formatOfZxing(format: string, symbology: string): BarcodeFormat | undefined {
  const byName = (name: string): BarcodeFormat | undefined =>
    (Object.keys(ZXING_FORMATS) as BarcodeFormat[]).find((key) => ZXING_FORMATS[key] === name);
  return byName(format) ?? byName(symbology);
}

/** True when `value` is one of `SERIAL_FORMATS` (a `BarcodeDetector` may report others). */
export function isSerialFormat(value: string): value is BarcodeFormat {
  return (SERIAL_FORMATS as readonly string[]).includes(value);
}
