/**
 * support-widget: embeddable customer-support web components.
 *
 * Importing this module registers `<support-chat>`, `<support-inbox>` and `<support-call>` and exports
 * the element classes, the headless client, token providers and types. Smaller entries:
 * `support-widget/chat`, `/inbox` and `/call` register one element each; `support-widget/client` is
 * the headless client alone and registers nothing.
 *
 * @example
 * ```ts
 * import { SupportClient, relayBackend, endpointTokenProvider } from 'support-widget';
 * const client = new SupportClient({ backend: relayBackend(), tokenProvider: endpointTokenProvider('/support/token') });
 * await client.connect();
 * ```
 */
import './elements/define.js';

export * from './elements/index.js';
export * from './client.js';
