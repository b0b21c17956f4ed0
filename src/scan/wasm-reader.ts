/**
 * The WebAssembly barcode reader (zxing-cpp, from the `zxing-wasm` package), for browsers without
 * a `BarcodeDetector` that reads our formats. Its JavaScript is a chunk of our build and its
 * `.wasm` file is served from our own dist, never the jsDelivr address the package defaults to:
 * we compile the file ourselves and hand zxing the compiled module.
 */
import type { ReadInputBarcodeFormat, ReadResult } from 'zxing-wasm/reader';
import { withTimeout } from '../base/deadline.js';
import { SupportError } from '../protocol/errors.js';
import { formatOfZxing, SERIAL_FORMATS, ZXING_FORMATS } from './barcode-formats.js';
import type { BarcodeReader, BarcodeReaderOptions, Frame } from './barcode-reader.js';
import { barcodeDecoderUrl } from './decoder-url.js';
import { compileWasm, DECODER_LOAD_TIMEOUT_MS } from './wasm-module.js';

/** zxing's names of the formats it looks for. */
const FORMATS: ReadInputBarcodeFormat[] = SERIAL_FORMATS.map((format) => ZXING_FORMATS[format]);

/** The loaded decoder per `.wasm` address: loaded once per page (a failed load is tried again next time). */
const loaded = new Map<string, Promise<BarcodeReader>>();

async function load(url: URL): Promise<BarcodeReader> {
  const code = import('zxing-wasm/reader').catch((error: unknown) => {
    throw new SupportError('network', "could not load the barcode decoder's code", { cause: error });
  });
  const [zxing, module] = await Promise.all([code, compileWasm(url)]);
  let instantiateFailed: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (instantiateFailed = reject));
  const prepared = zxing.prepareZXingModule({
    overrides: {
      // Never the package's default `locateFile` (a CDN): the module compiled above is instantiated here.
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void): WebAssembly.Exports {
        WebAssembly.instantiate(module, imports).then(done, instantiateFailed);
        return {};
      },
    },
    fireImmediately: true,
  });
  try {
    await Promise.race([prepared, failed]);
  } catch (error) {
    zxing.purgeZXingModule();
    throw new SupportError('internal', `could not start the barcode decoder: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    kind: 'wasm',
    async read(frame: Frame) {
      let results: ReadResult[];
      try {
        // zxing reads any `{ data, width, height }` of RGBA pixels, as an ImageData is.
        results = await zxing.readBarcodes(frame as ImageData, { formats: FORMATS, tryHarder: true, maxNumberOfSymbols: 1 });
      } catch (error) {
        throw new SupportError('internal', `the barcode decoder failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      for (const result of results) {
        const format = formatOfZxing(result.format, result.symbology);
        if (result.isValid && format && result.text !== '') return { text: result.text, format };
      }
      return undefined;
    },
  };
}

/**
 * The WebAssembly reader, its code and `.wasm` file fetched on first use. Rejects with a coded
 * `SupportError` (see `compileWasm`), or `closed` when `signal` aborts.
 */
export function wasmBarcodeReader(options: Pick<BarcodeReaderOptions, 'wasmUrl' | 'signal'> = {}): Promise<BarcodeReader> {
  const url = options.wasmUrl === undefined ? barcodeDecoderUrl() : new URL(options.wasmUrl, globalThis.location?.href);
  let reader = loaded.get(url.href);
  if (!reader) {
    reader = load(url);
    loaded.set(url.href, reader);
    reader.catch(() => loaded.delete(url.href));
  }
  return withTimeout(reader, DECODER_LOAD_TIMEOUT_MS + 10_000, 'loading the barcode decoder', options.signal);
}
