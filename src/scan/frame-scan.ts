/**
 * The scan loop: reads frames until one holds a barcode that gives a serial. One frame at a time
 * (never a second read while one runs, so a slow phone is not flooded), a pause between reads.
 */
import { SupportError } from '../protocol/errors.js';
import type { BarcodeFormat } from './barcode-formats.js';
import type { BarcodeReader, Frame } from './barcode-reader.js';
import { serialFromBarcode, type ScannedSerial } from './serial-value.js';

/** Pause between two reads: about five frames a second leaves the phone cool and the preview smooth. */
export const SCAN_INTERVAL_MS = 200;

/** What a scan found. */
export interface ScanResult extends ScannedSerial {
  /** The format of the barcode it came from. */
  format: BarcodeFormat;
}

export interface ScanFramesOptions {
  /** Stops the loop (it rejects `closed`). */
  signal: AbortSignal;
  /** Pause between reads; default `SCAN_INTERVAL_MS`. */
  intervalMs?: number;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(new SupportError('closed', 'the scan was stopped'));
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Reads `grab()`'s frames with `reader` until one gives a serial. `grab()` answers undefined while
 * the camera has no picture yet. Rejects `closed` when `signal` aborts, or with the reader's error.
 *
 * @example
 * const result = await scanFrames(() => preview.frame(), reader, { signal: controller.signal });
 */
export async function scanFrames(grab: () => Frame | undefined, reader: BarcodeReader, options: ScanFramesOptions): Promise<ScanResult> {
  const { signal } = options;
  for (;;) {
    if (signal.aborted) throw new SupportError('closed', 'the scan was stopped');
    const frame = grab();
    const hit = frame ? await reader.read(frame) : undefined;
    const serial = hit ? serialFromBarcode(hit.text) : undefined;
    if (hit && serial && !signal.aborted) return { ...serial, format: hit.format };
    await pause(options.intervalMs ?? SCAN_INTERVAL_MS, signal);
  }
}
