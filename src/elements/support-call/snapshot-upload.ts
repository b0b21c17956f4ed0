/**
 * Where `<support-call>` stores snapshots when the page gave no `uploadProvider`: the relay
 * server of the element (`server`, default the page's origin), authorised like the element's
 * client (`tokenProvider`, else `token-endpoint` with the signed-in user's id and role).
 */
import type { SupportClient } from '../../core/support-client.js';
import { endpointTokenProvider } from '../../tokens/endpoint-token-provider.js';
import { toTokenProvider } from '../../tokens/token-provider.js';
import type { TokenProvider } from '../../tokens/types.js';
import { relayUploadProvider } from '../../uploads/relay-upload-provider.js';
import type { UploadProvider } from '../../uploads/types.js';
import type { SupportElement } from '../base.js';

/** The relay upload provider for `element`, or `undefined` when it has no way to get tokens. */
export function defaultUploadProvider(element: SupportElement, client: SupportClient): UploadProvider | undefined {
  if (element.backend === 'agora') return undefined;
  const tokens = tokensOf(element, client);
  const server = element.server || (typeof location === 'undefined' ? '' : location.origin);
  if (!tokens || !server) return undefined;
  return relayUploadProvider({ server, tokenProvider: tokens });
}

/** The element's tokens: its `tokenProvider`, else its `token-endpoint` for the signed-in user; `undefined` without either. */
export function tokensOf(element: SupportElement, client: SupportClient): TokenProvider | undefined {
  if (element.tokenProvider) return toTokenProvider(element.tokenProvider);
  const user = client.user;
  if (!element.tokenEndpoint || !user) return undefined;
  return endpointTokenProvider(element.tokenEndpoint, {
    method: 'POST',
    body: { role: user.role, userId: element.userId || user.id, userName: element.userName || user.name },
  });
}
