export type { TokenFunction, TokenGrant, TokenProvider, TokenRequest, TokenSource } from './types.js';
export { staticToken } from './static-token.js';
export { tokenProvider, toTokenProvider, TOKEN_REFRESH_MARGIN_MS } from './token-provider.js';
export { endpointTokenProvider, type EndpointTokenOptions } from './endpoint-token-provider.js';
export {
  mergingVisitor,
  visitorTokenProvider,
  VISITOR_KEY_STORAGE_KEY,
  type VisitorTokenOptions,
  type VisitorTokenProvider,
} from './visitor-token-provider.js';
