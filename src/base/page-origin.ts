/** The page's origin, when there is a page with a real one (not Node, not an opaque `null` origin). */
export function pageOrigin(): string | undefined {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return origin && origin !== 'null' ? origin : undefined;
}
