/**
 * Barcodes for the serial-scan tests, made with zxing-wasm's writer (zint) in Node: as RGBA
 * frames for the reader, and as a `.y4m` video for Chromium's
 * `--use-file-for-fake-video-capture` (a camera that films the barcode).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode, type WriterOptions } from 'zxing-wasm/writer';
import type { Frame } from '../../src/scan/barcode-reader.js';

let prepared = false;

/** The writer's WebAssembly from node_modules (never its default CDN address). */
function prepareWriter(): void {
  if (prepared) return;
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/writer/zxing_writer.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  prepared = true;
}

export interface BarcodeFrameOptions {
  /** zxing's format name: `Code128`, `EAN13`, `QRCode`, `DataMatrix`... */
  format: NonNullable<WriterOptions['format']>;
  /** Frame size; default 640x480 (the fake camera's). */
  width?: number;
  height?: number;
  /** Pixels per module; default 3. */
  module?: number;
}

/** A white frame with the barcode of `text` in its middle (black modules, quiet zones kept). */
export async function barcodeFrame(text: string, options: BarcodeFrameOptions): Promise<Frame> {
  prepareWriter();
  const written = await writeBarcode(text, { format: options.format });
  if (written.error) throw new Error(`zxing writer: ${written.error}`);
  const { symbol } = written;
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const module = options.module ?? 3;
  // A linear code's symbol is a row or a few: its bars are drawn 120 px tall.
  const linear = symbol.height < 8;
  const symbolWidth = symbol.width * module;
  const symbolHeight = linear ? 120 : symbol.height * module;
  if (symbolWidth > width || symbolHeight > height) throw new Error(`barcode of ${symbolWidth}x${symbolHeight} px does not fit ${width}x${height}`);
  const left = Math.floor((width - symbolWidth) / 2);
  const top = Math.floor((height - symbolHeight) / 2);
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < symbolHeight; y++) {
    const row = linear ? 0 : Math.floor(y / module);
    for (let x = 0; x < symbolWidth; x++) {
      const dark = (symbol.data[row * symbol.width + Math.floor(x / module)] ?? 255) < 128;
      if (!dark) continue;
      const at = ((top + y) * width + left + x) * 4;
      data[at] = data[at + 1] = data[at + 2] = 0;
    }
  }
  return { data, width, height };
}

/** A frame of one grey level (nothing to read). */
export function blankFrame(width = 640, height = 480, grey = 200): Frame {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  return { data, width, height };
}

/**
 * Writes `frame` as an uncompressed YUV4MPEG2 video (I420, full-range BT.601 luma), `count`
 * identical frames at 30 fps, which Chromium loops as its fake camera's picture.
 */
export function writeY4m(path: string, frame: Frame, count = 2): void {
  const { width, height, data } = frame;
  const luma = Buffer.alloc(width * height);
  for (let i = 0; i < width * height; i++) {
    luma[i] = Math.round(0.299 * (data[i * 4] ?? 0) + 0.587 * (data[i * 4 + 1] ?? 0) + 0.114 * (data[i * 4 + 2] ?? 0));
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128); // U then V: no colour
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1\n`)];
  for (let i = 0; i < count; i++) parts.push(Buffer.from('FRAME\n'), luma, chroma);
  writeFileSync(path, Buffer.concat(parts));
}
