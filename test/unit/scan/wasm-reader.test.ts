/**
 * The WebAssembly barcode reader, as a browser without `BarcodeDetector` uses it: its `.wasm`
 * fetched over HTTP from the address it is given (never the package's CDN default), the formats
 * printed on devices read from generated barcodes, the scan loop finding a serial among frames,
 * and a coded error when the decoder cannot be had.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { barcodeFrame, blankFrame } from '../../support/barcode-video.js';
import { startStaticOrigin, type StaticOrigin } from '../../support/static-origin.js';
import { createBarcodeReader, type BarcodeReader, type Frame } from '../../../src/scan/barcode-reader.js';
import { scanFrames } from '../../../src/scan/frame-scan.js';
import { toSupportError } from '../../../src/protocol/errors.js';

const decoderFolder = dirname(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));

describe('the WebAssembly barcode reader', () => {
  let origin: StaticOrigin;
  let reader: BarcodeReader;
  const fetched: string[] = [];
  const realFetch = globalThis.fetch;

  before(async () => {
    origin = await startStaticOrigin({ folders: { '/decoder/': decoderFolder } });
    // Observes every address fetched (and fetches it): the reader must never go to a third party.
    globalThis.fetch = (input, init) => {
      fetched.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    reader = await createBarcodeReader({ wasmUrl: `${origin.url}/decoder/zxing_reader.wasm` });
  });

  after(async () => {
    globalThis.fetch = realFetch;
    await origin?.close();
  });

  it('loads from the address it is given, and nowhere else', () => {
    assert.equal(reader.kind, 'wasm', 'Node has no BarcodeDetector');
    assert.deepEqual(fetched, [`${origin.url}/decoder/zxing_reader.wasm`]);
  });

  for (const [format, ours, text] of [
    ['Code128', 'code_128', '490154203237518'],
    ['EAN13', 'ean_13', '4006381333931'],
    ['QRCode', 'qr_code', 'IMEI: 356938035643809'],
    ['DataMatrix', 'data_matrix', 'SN C02XK0AAJG5H'],
    ['Code39', 'code_39', 'R58M12ABCDE'],
  ] as const) {
    it(`reads ${format}`, async () => {
      const hit = await reader.read(await barcodeFrame(text, { format }));
      assert.deepEqual(hit, { text, format: ours });
    });
  }

  it('reads nothing in a frame without a barcode', async () => {
    assert.equal(await reader.read(blankFrame()), undefined);
  });

  it('scans frames until one holds a serial, and gives it with its IMEI verdict', async () => {
    const barcode = await barcodeFrame('IMEI 490154203237518', { format: 'Code128' });
    const frames: Array<Frame | undefined> = [undefined, blankFrame(), blankFrame(), barcode];
    let grabbed = 0;
    const result = await scanFrames(() => frames[Math.min(grabbed++, frames.length - 1)], reader, { signal: new AbortController().signal, intervalMs: 1 });
    assert.deepEqual(result, { value: '490154203237518', imei: { valid: true }, format: 'code_128' });
    assert.equal(grabbed, 4, 'the first frame that holds it ends the scan');
  });

  it('stops scanning when aborted (closed)', async () => {
    const controller = new AbortController();
    const scan = scanFrames(() => blankFrame(64, 48), reader, { signal: controller.signal, intervalMs: 5 });
    controller.abort();
    await assert.rejects(scan, (error: unknown) => toSupportError(error).code === 'closed');
  });

  it('says `config` when the decoder file is missing, `network` when its server is unreachable', async () => {
    await assert.rejects(createBarcodeReader({ decoder: 'wasm', wasmUrl: `${origin.url}/decoder/missing.wasm` }), (error: unknown) => {
      const coded = toSupportError(error);
      return coded.code === 'config' && !coded.retryable;
    });
    const gone = await startStaticOrigin({});
    const url = `${gone.url}/zxing_reader.wasm`;
    await gone.close();
    await assert.rejects(createBarcodeReader({ decoder: 'wasm', wasmUrl: url }), (error: unknown) => toSupportError(error).code === 'network');
  });
});
