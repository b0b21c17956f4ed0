/**
 * Display names of uploads. The name is only ever shown and offered as the download name (files
 * are stored by hash), but it still must not carry a path, control or bidi-override characters
 * (`"invoice\u202Efdp.exe"`), or break the Content-Disposition header.
 */

export const MAX_UPLOAD_NAME_CHARS = 200;
const FALLBACK_NAME = 'file';
/** Longest extension kept when a long name is shortened. */
const MAX_EXTENSION_CHARS = 16;
/** C0/C1 controls, DEL, bidi embeddings/overrides/isolates, and characters Windows forbids in names. */
const UNSAFE_CHARS = /[\p{Cc}\u202a-\u202e\u2066-\u2069<>:"|?*]/gu;

function truncate(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_UPLOAD_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  const keep = extension.length > 0 && extension.length <= MAX_EXTENSION_CHARS ? extension : [];
  return chars.slice(0, MAX_UPLOAD_NAME_CHARS - keep.length).join('') + keep.join('');
}

/**
 * The base name of `raw` (the part after the last `/` or `\`) without unsafe characters, `..`,
 * or leading/trailing dots and spaces, at most 200 characters (the extension kept); unicode
 * letters stay. Falls back to `file` when nothing is left.
 *
 * @example
 * sanitizeUploadName('../../etc/passwd') // 'passwd'
 * sanitizeUploadName('C:\\Users\\me\\Fotos\\Scharnier gebrochen.jpg') // 'Scharnier gebrochen.jpg'
 */
export function sanitizeUploadName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).filter((segment) => segment !== '').at(-1) ?? '';
  const cleaned = base
    .replace(UNSAFE_CHARS, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const name = truncate(cleaned).replace(/[\s.]+$/u, '');
  return name === '' ? FALLBACK_NAME : name;
}

/** RFC 8187 `ext-value` characters: everything else is percent-encoded. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `inline` or `attachment` with an ASCII `filename` fallback and the exact UTF-8 `filename*`. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
