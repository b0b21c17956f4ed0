/**
 * A minimal EBML reader for the start of a Matroska/WebM file: the DocType and whether the
 * tracks hold video and/or audio, so a voice note recorded as WebM is filed as audio.
 */

const EBML_HEADER = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CLUSTER = 0x1f43b675;
/** Elements whose children are read; everything else is skipped by its size. */
const MASTERS: ReadonlySet<number> = new Set([EBML_HEADER, SEGMENT, TRACKS, TRACK_ENTRY]);
const TRACK_TYPE_VIDEO = 1;
const TRACK_TYPE_AUDIO = 2;

/** What the head of a Matroska file says about itself. */
export interface MatroskaProbe {
  /** `webm`, `matroska`, or undefined when the header was not readable. */
  docType?: string;
  hasVideo: boolean;
  hasAudio: boolean;
}

interface Vint {
  value: number;
  length: number;
  /** All value bits set: the element's size is unknown (live recordings). */
  unknown: boolean;
}

/** Reads a variable-length integer; `keepMarker` for element IDs, which keep their length bit. */
function readVint(buf: Buffer, pos: number, keepMarker: boolean, maxLength: number): Vint | undefined {
  const first = buf[pos];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > maxLength || pos + length > buf.length) return undefined;
  const mask = 0xff >> length;
  let value = keepMarker ? first : first & mask;
  let unknown = (first & mask) === mask;
  for (let i = 1; i < length; i += 1) {
    const byte = buf[pos + i] ?? 0;
    value = value * 256 + byte;
    if (byte !== 0xff) unknown = false;
  }
  return { value, length, unknown: !keepMarker && unknown };
}

function readUint(buf: Buffer, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i += 1) value = value * 256 + (buf[i] ?? 0);
  return value;
}

/** Walks elements in [start, end); returns false once a Cluster (the media data) is reached. */
function walk(buf: Buffer, start: number, end: number, probe: MatroskaProbe): boolean {
  let pos = start;
  while (pos < end) {
    const id = readVint(buf, pos, true, 4);
    if (id === undefined) return false;
    const size = readVint(buf, pos + id.length, false, 8);
    if (size === undefined) return false;
    const dataStart = pos + id.length + size.length;
    const dataEnd = size.unknown ? end : Math.min(end, dataStart + size.value);
    if (id.value === CLUSTER) return false;
    if (MASTERS.has(id.value)) {
      if (!walk(buf, dataStart, dataEnd, probe)) return false;
    } else if (id.value === DOC_TYPE) {
      probe.docType = buf.toString('latin1', dataStart, dataEnd).replace(/\0+$/, '');
    } else if (id.value === TRACK_TYPE) {
      const type = readUint(buf, dataStart, dataEnd);
      if (type === TRACK_TYPE_VIDEO) probe.hasVideo = true;
      if (type === TRACK_TYPE_AUDIO) probe.hasAudio = true;
    }
    pos = dataEnd;
  }
  return true;
}

/** Reads the DocType and track types from the first bytes of a file starting with `1A 45 DF A3`. */
export function probeMatroska(head: Buffer): MatroskaProbe {
  const probe: MatroskaProbe = { hasVideo: false, hasAudio: false };
  walk(head, 0, head.length, probe);
  return probe;
}
