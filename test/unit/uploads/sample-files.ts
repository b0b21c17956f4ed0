/**
 * Small real files built byte by byte: a decodable 1x1 PNG and GIF, a WAV with samples, a PDF,
 * and the headers of the container formats (JPEG, WebP, HEIC, MP4, MOV, M4A, WebM, Ogg, MP3, ZIP).
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid 1x1 red RGB PNG. */
export function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0xff, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG's start: SOI, a JFIF APP0 segment, then filler standing in for the scan. */
export function jpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    Buffer.alloc(64, 0x11),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A valid 1x1 GIF89a. */
export function gif(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
}

function riff(form: string, body: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write(form, 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** A WebP container with a (truncated) VP8L chunk. */
export function webp(): Buffer {
  return riff('WEBP', Buffer.concat([Buffer.from('VP8L', 'latin1'), Buffer.from([5, 0, 0, 0, 0x2f, 0, 0, 0, 0])]));
}

/** A WAV with 100 ms of 8 kHz, 16-bit mono silence. */
export function wav(): Buffer {
  const samples = Buffer.alloc(1600);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(1, 10);
  fmt.writeUInt32LE(8000, 12);
  fmt.writeUInt32LE(16000, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const data = Buffer.alloc(8);
  data.write('data', 0, 'latin1');
  data.writeUInt32LE(samples.length, 4);
  return riff('WAVE', Buffer.concat([fmt, data, samples]));
}

/** An ISO base media file: an `ftyp` box with `brand`, then an empty `mdat`. */
export function isoMedia(brand: string, compatible: string[] = ['isom']): Buffer {
  const brands = [brand, ...compatible];
  const ftyp = Buffer.alloc(16 + 4 * compatible.length);
  ftyp.writeUInt32BE(ftyp.length, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand, 8, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  brands.slice(1).forEach((b, i) => ftyp.write(b, 16 + 4 * i, 'latin1'));
  const mdat = Buffer.alloc(8 + 32, 0x22);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

function ebml(id: number[], payload: Buffer, unknownSize = false): Buffer {
  if (unknownSize) return Buffer.concat([Buffer.from(id), Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), payload]);
  if (payload.length > 126) throw new Error('sample EBML element too long for a 1-byte size');
  return Buffer.concat([Buffer.from(id), Buffer.from([0x80 | payload.length]), payload]);
}

/** A WebM as MediaRecorder writes it: EBML header, a live (unknown size) Segment, Tracks, a Cluster. */
export function webm(track: 'video' | 'audio'): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], Buffer.concat([
    ebml([0x42, 0x86], Buffer.from([1])),
    ebml([0x42, 0x82], Buffer.from('webm', 'latin1')),
  ]));
  const info = ebml([0x15, 0x49, 0xa9, 0x66], ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])));
  const entry = ebml([0xae], Buffer.concat([
    ebml([0xd7], Buffer.from([1])),
    ebml([0x83], Buffer.from([track === 'video' ? 1 : 2])),
    ebml([0x86], Buffer.from(track === 'video' ? 'V_VP8' : 'A_OPUS', 'latin1')),
  ]));
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], entry);
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], Buffer.alloc(40, 0x33), true);
  return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], Buffer.concat([info, tracks, cluster]), true)]);
}

/** The first page of an Ogg Opus stream. */
export function oggOpus(): Buffer {
  const page = Buffer.alloc(27);
  page.write('OggS', 0, 'latin1');
  page[5] = 0x02;
  page[26] = 1;
  const head = Buffer.concat([Buffer.from('OpusHead', 'latin1'), Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0])]);
  return Buffer.concat([page, Buffer.from([head.length]), head]);
}

/** An MP3 with an ID3v2 tag, then one MPEG-1 Layer III frame header. */
export function mp3(): Buffer {
  return Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(60)]);
}

/** A minimal one-page PDF. */
export function pdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
}

/** An empty ZIP archive's local header start. */
export function zip(): Buffer {
  return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), Buffer.alloc(30)]);
}

export const HTML_PAGE = '<!DOCTYPE html><html><body><script>fetch("/steal?c="+document.cookie)</script></body></html>';
export const SVG_IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.domain)</script></svg>';
export const PLAIN_TEXT = 'Serial: SN-12345\nDas Scharnier ist gebrochen. 铰链坏了。\n';
