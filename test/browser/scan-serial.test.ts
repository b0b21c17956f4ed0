/**
 * The composer's serial scan in Chromium against the real relay. The camera here films a barcode
 * drawn on a canvas (zxing-wasm's writer makes it; the canvas's stream answers `getUserMedia`, as a
 * camera would); desktop Chromium has no `BarcodeDetector`, so the WebAssembly reader reads it.
 * The e2e test (test/e2e/barcode-scan.e2e.test.ts) does the same with Chromium's own fake camera
 * filming a video file, from a CDN origin.
 */
import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { setBarcodeDecoderUrl } from '../../src/scan/decoder-url.js';
import { connectedAgent, connectedChat } from './attachments-fixtures.js';
import { disposeClients, waitFor } from './support/relay.js';
import { focusedPart, maybePart, part } from './support/shadow.js';

/** zxing-wasm's WebAssembly as the test runner serves node_modules (the build copies the reader's to dist/cdn/). */
const WASM = '/node_modules/zxing-wasm/dist';

/** Makes `getUserMedia` answer with a canvas that shows `text` as a barcode; returns the undo. */
async function filmBarcode(text: string, format: 'QRCode' | 'DataMatrix'): Promise<() => void> {
  prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? `${WASM}/writer/${path}` : prefix + path) } });
  const written = await writeBarcode(text, { format, scale: 6 });
  if (!written.image) throw new Error(`zxing writer: ${written.error}`);
  const bitmap = await createImageBitmap(written.image);
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  const draw = (): void => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, (canvas.width - bitmap.width) / 2, (canvas.height - bitmap.height) / 2);
  };
  draw();
  const painter = setInterval(draw, 100); // a canvas stream sends a frame when the canvas is drawn
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = () => Promise.resolve(canvas.captureStream(10));
  return () => {
    clearInterval(painter);
    navigator.mediaDevices.getUserMedia = original;
  };
}

describe('serial scan in the composer', function () {
  this.timeout(30_000);
  let undo: (() => void) | undefined;

  before(() => setBarcodeDecoderUrl(`${WASM}/reader/zxing_reader.wasm`));
  after(() => setBarcodeDecoderUrl(undefined));
  afterEach(() => {
    undo?.();
    undo = undefined;
    fixtureCleanup();
    disposeClients();
  });

  it('opens from the keyboard, reads a QR code and puts the serial in the device card, on the agent side too', async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent();
    undo = await filmBarcode('IMEI: 356938035643809', 'QRCode');
    const button = part<HTMLButtonElement>(el, 'scan-button');
    expect(button.getAttribute('aria-label')).to.equal('Scan a serial number or IMEI');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => maybePart(el, 'scan-sheet'), 'the sheet');
    await waitFor(() => el.shadowRoot?.activeElement?.classList.contains('scan-title'), 'focus on the sheet title');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const result = await waitFor(() => maybePart(el, 'scan-result'), 'the value read', 20_000);
    expect(result.textContent).to.equal('356938035643809');
    expect(result.dataset.format).to.equal('qr_code');
    expect(part(el, 'scan-imei').dataset.valid).to.equal('true');
    expect(maybePart(el, 'scan-preview')).to.equal(null, 'the camera is off once a value is read');
    part(el, 'scan-confirm-button').click();
    await waitFor(() => el.context?.serial === '356938035643809', 'the serial in the chat context');
    await waitFor(() => agent.conversation(conversationId)?.context?.serial === '356938035643809', 'the serial on the agent side');
    await waitFor(() => part(el, 'context').textContent?.includes('356938035643809'), 'the serial in the card');
    await waitFor(() => focusedPart(el) === 'button[part=scan-button]', 'focus back on the scan button');
  });

  it('reads a Data Matrix code again after Scan again, and Cancel changes nothing', async () => {
    const { el } = await connectedChat();
    undo = await filmBarcode('S/N: C02XK0AAJG5H', 'DataMatrix');
    part(el, 'scan-button').click();
    await waitFor(() => maybePart(el, 'scan-result')?.textContent === 'C02XK0AAJG5H', 'the value read', 20_000);
    expect(maybePart(el, 'scan-imei')).to.equal(null, 'not 15 digits: no IMEI verdict');
    part(el, 'scan-retry-button').click();
    await waitFor(() => maybePart(el, 'scan-sheet')?.dataset.step !== 'found', 'a new scan');
    await waitFor(() => maybePart(el, 'scan-result')?.dataset.format === 'data_matrix', 'the value read again', 20_000);
    part(el, 'scan-cancel-button').click();
    await el.updateComplete;
    expect(maybePart(el, 'scan-sheet')).to.equal(null);
    expect(el.context?.serial).to.equal(undefined);
  });

  it('a blocked camera: a coded notice, support-error, and what was typed is kept', async () => {
    const { el } = await connectedChat();
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    undo = () => (navigator.mediaDevices.getUserMedia = original);
    const codes: string[] = [];
    el.addEventListener('support-error', (event) => codes.push((event as CustomEvent<{ code: string }>).detail.code));
    const input = part<HTMLTextAreaElement>(el, 'input');
    input.value = 'The battery swells';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    part(el, 'scan-button').click();
    const notice = await waitFor(() => maybePart(el, 'scan-error'), 'the notice');
    expect(notice.dataset.code).to.equal('media-denied');
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.equal('Camera access is blocked. Allow it in your browser’s site settings, then try again.');
    expect(codes).to.include('media-denied');
    await waitFor(() => focusedPart(el) === 'button[part=scan-retry-button]', 'focus on Scan again');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(maybePart(el, 'scan-sheet')).to.equal(null);
    expect(input.value).to.equal('The battery swells');
  });
});
