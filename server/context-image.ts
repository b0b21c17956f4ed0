/**
 * A customer's product context may name an image (`context.image`), which the agent's desk shows
 * on the product card: from a stranger's server that is a tracking pixel on the agent, as a
 * foreign attachment would be. The relay keeps the image (an absolute http(s) URL) only on an
 * origin the operator trusts (`SUPPORT_ATTACHMENT_ORIGINS`, and the shop's own pages,
 * `SUPPORT_ALLOWED_ORIGINS`); otherwise it drops the image and keeps the rest of the context, so
 * the customer's message still goes (an image is decoration: refusing the send would lose words).
 */
import { isAllowedAttachmentUrl } from 'support-widget/protocol';
import type { ProductContext } from 'support-widget/protocol';

/** Where context images may be: listed origins, or `any` (demo mode with no list, which trusts every page). */
export type ContextImageOrigins = ReadonlySet<string> | 'any';

/** `frame` with its context's image dropped when it is not allowed (the same object when nothing changes). */
export function withAllowedContextImage<T extends { context?: ProductContext | undefined }>(frame: T, origins: ContextImageOrigins = new Set()): T {
  const image = frame.context?.image;
  if (image === undefined || origins === 'any' || isAllowedAttachmentUrl(image, origins)) return frame;
  const { image: _dropped, ...context } = frame.context as ProductContext;
  return { ...frame, context };
}

/**
 * The origins context images may be on: the attachment origins and the shop's page origins; in
 * demo mode with no page origin listed (every page allowed), any.
 */
export function contextImageOrigins(attachmentOrigins: readonly string[] = [], pages: { readonly origins: readonly string[] }, demo: boolean): ContextImageOrigins {
  if (demo && pages.origins.length === 0) return 'any';
  return new Set([...attachmentOrigins, ...pages.origins]);
}
