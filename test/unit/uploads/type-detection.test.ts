import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByteRange } from '../../../server/byte-range.js';
import { detectBinaryType } from '../../../server/magic-bytes.js';
import { probeMatroska } from '../../../server/matroska-tracks.js';
import { TextSniffer } from '../../../server/text-sniffer.js';
import type { TextVerdict } from '../../../server/text-sniffer.js';
import { contentDisposition, sanitizeUploadName } from '../../../server/upload-name.js';
import { classifyUpload, isInlineMime } from '../../../server/upload-type.js';
import { HTML_PAGE, PLAIN_TEXT, SVG_IMAGE, gif, isoMedia, jpeg, mp3, oggOpus, pdf, png, wav, webm, webp, zip } from './sample-files.js';

function sniff(bytes: Buffer, chunkSize = 7): TextVerdict {
  const sniffer = new TextSniffer();
  for (let at = 0; at < bytes.length; at += chunkSize) sniffer.push(bytes.subarray(at, at + chunkSize));
  return sniffer.finish();
}

describe('upload type detection by magic bytes', () => {
  const cases: Array<[string, Buffer, string, string?]> = [
    ['PNG', png(), 'image/png'],
    ['JPEG', jpeg(), 'image/jpeg'],
    ['GIF', gif(), 'image/gif'],
    ['WebP', webp(), 'image/webp'],
    ['HEIC', isoMedia('heic', ['mif1', 'heic']), 'image/heic'],
    ['HEIF (mif1 + heic)', isoMedia('mif1', ['heic']), 'image/heic'],
    ['AVIF', isoMedia('avif', ['mif1']), 'image/avif'],
    ['MP4', isoMedia('isom', ['iso2', 'avc1', 'mp41']), 'video/mp4'],
    ['MP4 recorded as audio', isoMedia('isom', ['mp41']), 'audio/mp4', 'audio/mp4'],
    ['MOV', isoMedia('qt  ', ['qt  ']), 'video/quicktime'],
    ['M4A', isoMedia('M4A ', ['M4A ', 'mp42']), 'audio/mp4'],
    ['WebM video', webm('video'), 'video/webm'],
    ['WebM voice note', webm('audio'), 'audio/webm', 'video/webm'],
    ['Ogg Opus', oggOpus(), 'audio/ogg'],
    ['MP3', mp3(), 'audio/mpeg'],
    ['WAV', wav(), 'audio/wav'],
    ['PDF', pdf(), 'application/pdf'],
    ['ZIP', zip(), 'application/zip'],
  ];
  for (const [what, bytes, mime, claimed] of cases) {
    it(`recognises ${what} as ${mime}`, () => {
      assert.equal(detectBinaryType(bytes, claimed)?.mime, mime);
    });
  }

  it('reads the WebM track types from a MediaRecorder-style live segment', () => {
    assert.deepEqual(probeMatroska(webm('audio')), { docType: 'webm', hasVideo: false, hasAudio: true });
    assert.deepEqual(probeMatroska(webm('video')), { docType: 'webm', hasVideo: true, hasAudio: false });
  });

  it('does not take a truncated header or plain text for a binary format', () => {
    assert.equal(detectBinaryType(Buffer.from('RIFF')), undefined);
    assert.equal(detectBinaryType(Buffer.from([0xff, 0xd8])), undefined);
    assert.equal(detectBinaryType(Buffer.from('....ftypxxxx')), undefined);
    assert.equal(detectBinaryType(Buffer.from(PLAIN_TEXT)), undefined);
    assert.equal(detectBinaryType(Buffer.alloc(0)), undefined);
  });

  it('classifies valid UTF-8 without NUL as text, markup as markup, anything else as binary', () => {
    assert.equal(sniff(Buffer.from(PLAIN_TEXT)), 'text');
    assert.equal(sniff(Buffer.from(HTML_PAGE)), 'markup');
    assert.equal(sniff(Buffer.from(SVG_IMAGE)), 'markup');
    assert.equal(sniff(Buffer.from(`notes\n${'x'.repeat(5000)}<ScRiPt src=x></script>`), 4096), 'markup');
    assert.equal(sniff(Buffer.from('<?xml version="1.0"?><a/>')), 'markup');
    assert.equal(sniff(Buffer.from('hello\0world')), 'binary');
    assert.equal(sniff(Buffer.from([0x68, 0x69, 0xc3])), 'binary', 'a cut multi-byte sequence is not UTF-8');
    assert.equal(sniff(Buffer.from([0xff, 0xfe, 0x41])), 'binary');
  });

  it('refuses bytes that are not an image when the client claims an image, and never types markup as text', () => {
    const text = Buffer.from(PLAIN_TEXT);
    assert.deepEqual(classifyUpload(text, 'text', 'image/png').ok, false);
    assert.deepEqual(classifyUpload(Buffer.from(SVG_IMAGE), 'markup', 'image/svg+xml').ok, false);
    assert.deepEqual(classifyUpload(pdf(), 'binary', 'image/jpeg; charset=x').ok, false);
    assert.deepEqual(classifyUpload(Buffer.from(HTML_PAGE), 'markup', 'text/html'), { ok: true, mime: 'application/octet-stream', kind: 'file' });
    assert.deepEqual(classifyUpload(text, 'text', 'text/html'), { ok: true, mime: 'text/plain', kind: 'file' });
    assert.deepEqual(classifyUpload(png(), 'binary', 'application/pdf'), { ok: true, mime: 'image/png', kind: 'image' });
    assert.deepEqual(classifyUpload(Buffer.from([1, 2, 3, 0]), 'binary', undefined), { ok: true, mime: 'application/octet-stream', kind: 'file' });
  });

  it('shows only plain images, audio and video inline', () => {
    for (const mime of ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'audio/webm', 'video/mp4']) assert.ok(isInlineMime(mime), mime);
    for (const mime of ['image/svg+xml', 'image/heic', 'text/plain', 'text/html', 'application/pdf', 'application/octet-stream']) {
      assert.ok(!isInlineMime(mime), mime);
    }
  });
});

describe('upload names', () => {
  it('keeps only a safe base name', () => {
    assert.equal(sanitizeUploadName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeUploadName('..\\..\\windows\\win.ini'), 'win.ini');
    assert.equal(sanitizeUploadName('C:\\Users\\me\\Fotos\\Scharnier gebrochen.jpg'), 'Scharnier gebrochen.jpg');
    assert.equal(sanitizeUploadName('..'), 'file');
    assert.equal(sanitizeUploadName('/'), 'file');
    assert.equal(sanitizeUploadName(''), 'file');
    assert.equal(sanitizeUploadName('..%2F..%2Fsecret.txt').includes('/'), false);
    assert.equal(sanitizeUploadName('.htaccess'), 'htaccess');
    assert.equal(sanitizeUploadName('a..b.pdf'), 'a.b.pdf');
    assert.equal(sanitizeUploadName('bill\u202Efdp.exe'), 'billfdp.exe');
    assert.equal(sanitizeUploadName('line\r\nbreak\0.txt'), 'linebreak.txt');
    assert.equal(sanitizeUploadName('a"b<c>.txt'), 'abc.txt');
    assert.equal(sanitizeUploadName('铰链 照片 📷.jpg'), '铰链 照片 📷.jpg');
  });

  it('shortens long names to 200 characters, keeping the extension and whole characters', () => {
    const name = sanitizeUploadName(`${'📷'.repeat(300)}.jpeg`);
    assert.equal(Array.from(name).length, 200);
    assert.ok(name.endsWith('📷.jpeg'));
    assert.ok(!name.includes('\uFFFD'));
  });

  it('puts the exact name in filename* and an ASCII fallback in filename', () => {
    const header = contentDisposition('attachment', 'Beleg "März" (1).pdf');
    assert.match(header, /^attachment; filename="Beleg _M_rz_ \(1\)\.pdf"; filename\*=UTF-8''/);
    const encoded = header.split("filename*=UTF-8''")[1] ?? '';
    assert.match(encoded, /^[A-Za-z0-9%!#$&+.^_`|~-]+$/);
    assert.equal(decodeURIComponent(encoded), 'Beleg "März" (1).pdf');
  });
});

describe('byte ranges', () => {
  it('reads single ranges and ignores what it may ignore', () => {
    assert.deepEqual(parseByteRange('bytes=0-9', 100), { kind: 'partial', start: 0, end: 9 });
    assert.deepEqual(parseByteRange('bytes=90-', 100), { kind: 'partial', start: 90, end: 99 });
    assert.deepEqual(parseByteRange('bytes=-10', 100), { kind: 'partial', start: 90, end: 99 });
    assert.deepEqual(parseByteRange('bytes=-500', 100), { kind: 'partial', start: 0, end: 99 });
    assert.deepEqual(parseByteRange('bytes=50-5000', 100), { kind: 'partial', start: 50, end: 99 });
    assert.deepEqual(parseByteRange('bytes=100-', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseByteRange('bytes=-0', 100), { kind: 'unsatisfiable' });
    assert.deepEqual(parseByteRange('bytes=0-', 0), { kind: 'unsatisfiable' });
    assert.deepEqual(parseByteRange('bytes=9-1', 100), { kind: 'full' });
    assert.deepEqual(parseByteRange('bytes=0-1,5-6', 100), { kind: 'full' });
    assert.deepEqual(parseByteRange('items=0-1', 100), { kind: 'full' });
    assert.deepEqual(parseByteRange(undefined, 100), { kind: 'full' });
  });
});
