/**
 * The origins an element may load attachments and product images from besides its relay (a
 * shop's storage or CDN): the `attachment-origins` attribute (a space- or comma-separated list)
 * or the `attachmentOrigins` property (a list).
 */

/** What `attachmentOrigins` accepts: a list of origins, or one string of them. */
export type AttachmentOriginsSetting = readonly string[] | string | undefined;

/**
 * The origins of a setting, normalised (`https://CDN.shop.example/` → `https://cdn.shop.example`);
 * entries that are not http(s) origins are left out.
 *
 * @example
 * originList('https://cdn.shop.example, https://img.shop.example'); // both origins
 */
export function originList(setting: AttachmentOriginsSetting): string[] {
  const entries = typeof setting === 'string' ? setting.split(/[\s,]+/) : [...(setting ?? [])];
  const origins: string[] = [];
  for (const entry of entries) {
    try {
      const url = new URL(entry);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && !origins.includes(url.origin)) origins.push(url.origin);
    } catch {
      // Not a URL: no origin to allow.
    }
  }
  return origins;
}
