/** The serial scan's headless parts: barcode readers, the scan loop, serial and IMEI checks, the decoder's address. */
export { createBarcodeReader, type BarcodeHit, type BarcodeReader, type BarcodeReaderOptions, type Frame } from './barcode-reader.js';
export { SERIAL_FORMATS, type BarcodeFormat } from './barcode-formats.js';
export { scanFrames, type ScanFramesOptions, type ScanResult } from './frame-scan.js';
export { luhnValid, serialFromBarcode, type ScannedSerial } from './serial-value.js';
export { barcodeDecoderUrl, setBarcodeDecoderUrl } from './decoder-url.js';
