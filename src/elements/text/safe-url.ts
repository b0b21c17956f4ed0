/**
 * The URL as an absolute http(s) address, or undefined for anything else (`javascript:`, `data:`,
 * `blob:`, malformed). Relative URLs resolve against `base` (default: the document's base URL).
 */
export function toHttpUrl(value: string | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  const resolvedBase = base ?? (typeof document === 'undefined' ? undefined : document.baseURI);
  try {
    const url = new URL(value.trim(), resolvedBase);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
