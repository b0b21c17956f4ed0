/**
 * How a relay runs its assistant (issue 18): `RelayServerOptions.assistant`. `assistantFromEnv`
 * (`assistant-config.ts`) builds it from `SUPPORT_ASSISTANT*`; a program embedding the relay may
 * pass any `AssistantProvider` of its own.
 */
import type { AssistantProvider } from './provider.js';

export interface AssistantSettings {
  provider: AssistantProvider;
  /** Answers below this confidence (0–1) hand over. Default `DEFAULT_CONFIDENCE_THRESHOLD` (0.2, the offline provider's scale). */
  threshold?: number;
}
