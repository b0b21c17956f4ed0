/**
 * File types recognised by their first bytes ("magic numbers"), never by name or by the
 * client's Content-Type: the stored type decides how the file is served back.
 */
import type { AttachmentKind } from 'support-widget/protocol';
import { probeMatroska } from './matroska-tracks.js';

/** How many leading bytes the detectors need (Matroska headers can sit behind a few KB). */
export const SNIFF_BYTES = 16 * 1024;

/** A recognised binary format. */
export interface DetectedType {
  mime: string;
  kind: AttachmentKind;
}

/** The kind of attachment a MIME type is shown as. */
export function kindOfMime(mime: string): AttachmentKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}

function typed(mime: string): DetectedType {
  return { mime, kind: kindOfMime(mime) };
}

function startsWith(head: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((byte, i) => head[offset + i] === byte);
}

function ascii(head: Buffer, start: number, end: number): string {
  return head.length < end ? '' : head.toString('latin1', start, end);
}

/** True when the client says the file is audio (used only to split formats that hold either). */
function claimsAudio(claimed: string): boolean {
  return claimed.toLowerCase().startsWith('audio/');
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const AUDIO_MP4_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'M4V ', 'M4VH', 'M4VP', 'f4v ', 'MSNV', 'NDAS', 'XAVC', 'mmp4']);
const GPP_BRANDS = /^3g[gp2][0-9a-z]$/;
/** QuickTime files written without an ftyp box start with one of these atoms. */
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide', 'pnot']);

/** ISO base media (`....ftyp<brand>`): HEIC/HEIF/AVIF images, MP4/MOV/3GP video, M4A audio. */
function detectIsoMedia(head: Buffer, claimed: string): DetectedType | undefined {
  if (ascii(head, 4, 8) !== 'ftyp') {
    return QUICKTIME_ATOMS.has(ascii(head, 4, 8)) ? typed('video/quicktime') : undefined;
  }
  const major = ascii(head, 8, 12);
  const boxSize = head.readUInt32BE(0);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length, 256); at += 4) compatible.push(ascii(head, at, at + 4));
  if (HEIC_BRANDS.has(major)) return typed('image/heic');
  if (AVIF_BRANDS.has(major) || (HEIF_BRANDS.has(major) && compatible.some((b) => AVIF_BRANDS.has(b)))) return typed('image/avif');
  if (HEIF_BRANDS.has(major)) return typed(compatible.some((b) => HEIC_BRANDS.has(b)) ? 'image/heic' : 'image/heif');
  if (AUDIO_MP4_BRANDS.has(major)) return typed('audio/mp4');
  if (major === 'qt  ') return typed('video/quicktime');
  if (GPP_BRANDS.test(major)) return typed(claimsAudio(claimed) ? 'audio/3gpp' : 'video/3gpp');
  if (MP4_BRANDS.has(major)) return typed(claimsAudio(claimed) ? 'audio/mp4' : 'video/mp4');
  return undefined;
}

/** WebM/Matroska: the tracks decide audio or video; the claim decides when they are not in the head. */
function detectMatroska(head: Buffer, claimed: string): DetectedType {
  const probe = probeMatroska(head);
  const audioOnly = probe.hasVideo ? false : probe.hasAudio || claimsAudio(claimed);
  if (probe.docType === 'webm') return typed(audioOnly ? 'audio/webm' : 'video/webm');
  return typed(audioOnly ? 'audio/x-matroska' : 'video/x-matroska');
}

const OGG_AUDIO_CODECS = ['OpusHead', '\x01vorbis', '\x7fFLAC', 'Speex   '];

/** Ogg: the first page names the codec (Opus, Vorbis, FLAC, Speex are audio; Theora is video). */
function detectOgg(head: Buffer, claimed: string): DetectedType {
  const firstPage = head.subarray(0, 512).toString('latin1');
  if (firstPage.includes('\x80theora')) return typed('video/ogg');
  if (OGG_AUDIO_CODECS.some((codec) => firstPage.includes(codec)) || !claimed.toLowerCase().startsWith('video/')) {
    return typed('audio/ogg');
  }
  return typed('video/ogg');
}

/** An MPEG audio frame header: 11 sync bits, then a valid version, layer, bitrate and rate. */
function isMpegAudioFrame(head: Buffer): boolean {
  const [b0, b1, b2] = [head[0], head[1], head[2]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && rate !== 0b11;
}

/** AAC in ADTS frames (what some recorders write as `.aac`). */
function isAdtsFrame(head: Buffer): boolean {
  return head[0] === 0xff && head[1] !== undefined && (head[1] & 0xf6) === 0xf0;
}

/**
 * The binary format of a file from its first bytes (up to `SNIFF_BYTES`), or undefined when it
 * is none we know. `claimed` (the client's Content-Type) only splits formats that hold either
 * audio or video (MP4, WebM, Ogg); it never makes bytes count as a type they are not.
 */
export function detectBinaryType(head: Buffer, claimed = ''): DetectedType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return typed('image/jpeg');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return typed('image/png');
  const six = ascii(head, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return typed('image/gif');
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WEBP') return typed('image/webp');
    if (form === 'WAVE') return typed('audio/wav');
    return undefined;
  }
  const iso = detectIsoMedia(head, claimed);
  if (iso !== undefined) return iso;
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return detectMatroska(head, claimed);
  if (ascii(head, 0, 4) === 'OggS') return detectOgg(head, claimed);
  if (ascii(head, 0, 4) === 'fLaC') return typed('audio/flac');
  if (ascii(head, 0, 3) === 'ID3' || isMpegAudioFrame(head)) return typed('audio/mpeg');
  if (isAdtsFrame(head)) return typed('audio/aac');
  if (ascii(head, 0, 5) === '%PDF-') return typed('application/pdf');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return typed('application/zip');
  return undefined;
}
