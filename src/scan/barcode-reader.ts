/**
 * The barcode reader of a serial scan: the browser's own `BarcodeDetector` where it reads the
 * formats we need, else zxing-cpp compiled to WebAssembly, whose code and `.wasm` file load only
 * now (from our own build, never a third-party CDN: see `wasm-reader.ts`).
 */
import type { BarcodeFormat } from './barcode-formats.js';

/** The pixels of one camera frame, RGBA (an `ImageData`, or the same shape). */
export interface Frame {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** A barcode found in a frame. */
export interface BarcodeHit {
  /** The text the barcode holds. */
  text: string;
  format: BarcodeFormat;
}

/** Reads at most one barcode per frame. */
export interface BarcodeReader {
  /** Which decoder reads: the browser's `BarcodeDetector` or the WebAssembly one. */
  readonly kind: 'native' | 'wasm';
  /** The barcode in the frame, or undefined when it holds none of our formats. Rejects with a `SupportError`. */
  read(frame: Frame): Promise<BarcodeHit | undefined>;
}

export interface BarcodeReaderOptions {
  /** `auto` (default): the browser's detector when it reads our formats, else WebAssembly; `wasm`: always WebAssembly. */
  decoder?: 'auto' | 'wasm';
  /** Where the decoder's `.wasm` file is; default: `barcodeDecoderUrl()`. */
  wasmUrl?: string | URL;
  /** Cancels loading the decoder (rejects `closed`). */
  signal?: AbortSignal;
}

/**
 * The best reader this browser has, its code loaded on first use. Rejects with a `SupportError`:
 * `config` when the page's Content-Security-Policy forbids WebAssembly (it needs
 * `'wasm-unsafe-eval'`), `network` or `timeout` when the decoder cannot be fetched, `closed` when
 * cancelled.
 *
 * @example
 * const reader = await createBarcodeReader({ signal });
 * const hit = await reader.read(context.getImageData(0, 0, width, height));
 */
export async function createBarcodeReader(options: BarcodeReaderOptions = {}): Promise<BarcodeReader> {
  if (options.decoder !== 'wasm') {
    const { nativeBarcodeReader } = await import('./native-reader.js');
    const native = await nativeBarcodeReader();
    if (native) return native;
  }
  const { wasmBarcodeReader } = await import('./wasm-reader.js');
  return wasmBarcodeReader(options);
}
