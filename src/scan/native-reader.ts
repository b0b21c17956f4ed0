/**
 * The browser's own barcode reader (the Barcode Detection API: Chrome on Android, macOS and
 * ChromeOS; not desktop Linux or Windows, nor Firefox), used only when it reads every format
 * of `REQUIRED_FORMATS`.
 */
import { SupportError } from '../protocol/errors.js';
import { isSerialFormat, REQUIRED_FORMATS, SERIAL_FORMATS } from './barcode-formats.js';
import type { BarcodeReader, Frame } from './barcode-reader.js';

/** What the API's `detect()` gives per barcode (the parts we use). */
interface DetectedBarcode {
  rawValue: string;
  format: string;
}

/** The `BarcodeDetector` class (not in TypeScript's DOM types yet). */
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): { detect(source: ImageData): Promise<DetectedBarcode[]> };
  getSupportedFormats(): Promise<string[]>;
}

/** A reader on the browser's `BarcodeDetector`, or undefined where there is none or it lacks a format we need. */
export async function nativeBarcodeReader(): Promise<BarcodeReader | undefined> {
  const Detector = (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (typeof Detector !== 'function' || typeof ImageData !== 'function') return undefined;
  let supported: string[];
  try {
    supported = await Detector.getSupportedFormats();
  } catch {
    return undefined;
  }
  if (!REQUIRED_FORMATS.every((format) => supported.includes(format))) return undefined;
  const detector = new Detector({ formats: SERIAL_FORMATS.filter((format) => supported.includes(format)) });
  return {
    kind: 'native',
    async read(frame: Frame) {
      const image = frame instanceof ImageData ? frame : new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height);
      let found: DetectedBarcode[];
      try {
        found = await detector.detect(image);
      } catch (error) {
        throw new SupportError('internal', `BarcodeDetector failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const hit = found.find((barcode) => isSerialFormat(barcode.format) && barcode.rawValue !== '');
      return hit && isSerialFormat(hit.format) ? { text: hit.rawValue, format: hit.format } : undefined;
    },
  };
}
