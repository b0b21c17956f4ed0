/**
 * The slice of the Agora RTM 2.x SDK the adapter uses, typed from the SDK's own `.d.ts` (so an
 * SDK API change breaks the typecheck of the adapter and of the fake), and its lazy loader.
 *
 * The SDK is a UMD browser bundle: importing it in Node throws `ReferenceError: window is not
 * defined` (first inside its peer `agora-rtc-sdk-ng`, then in its own top level). It is therefore
 * loaded only by `loadAgoraRtmSdk()`, never at module top level, so the relay bundles never see it.
 */
import type { IAgoraRTM, RTMClient, RTMConfig, RTMHistory, RTMPresence } from 'agora-rtm-sdk';
import { SupportError } from '../../protocol/errors.js';

/** The RTM client methods the messaging adapter calls. */
export type RtmClientApi = Pick<
  RTMClient,
  'login' | 'logout' | 'subscribe' | 'unsubscribe' | 'publish' | 'renewToken' | 'addEventListener' | 'removeEventListener'
> & {
  presence: Pick<RTMPresence, 'setState' | 'getOnlineUsers'>;
  history: Pick<RTMHistory, 'getMessages'>;
};

/** What `loadSdk` must return: the SDK's default export, or a fake with the same `RTM` constructor. */
export interface RtmSdkModule {
  RTM: new (...args: ConstructorParameters<typeof RTMClient>) => RtmClientApi;
}

/** Compile-time proof that the real SDK's default export satisfies `RtmSdkModule`. */
export type RtmSdkModuleMatchesSdk = IAgoraRTM extends RtmSdkModule ? true : never;
const sdkMatches: RtmSdkModuleMatchesSdk = true;
void sdkMatches;

export type { RTMConfig };

function isRtmSdkModule(value: unknown): value is RtmSdkModule {
  return typeof value === 'object' && value !== null && typeof (value as { RTM?: unknown }).RTM === 'function';
}

/**
 * Loads `agora-rtm-sdk` with a dynamic `import()` (its own chunk in a bundle).
 * Rejects with `config` when the SDK cannot run here (Node, SSR) and `network` when its chunk
 * could not be fetched.
 */
export async function loadAgoraRtmSdk(): Promise<RtmSdkModule> {
  let namespace: unknown;
  try {
    namespace = await import('agora-rtm-sdk');
  } catch (error) {
    // A ReferenceError/SyntaxError means the bundle cannot run in this environment (e.g. Node).
    const cannotRun = error instanceof ReferenceError || error instanceof SyntaxError;
    throw new SupportError(cannotRun ? 'config' : 'network', 'the Agora RTM SDK could not be loaded', {
      cause: error,
      retryable: !cannotRun,
    });
  }
  // UMD through a bundler: the SDK object is the namespace's default export (or the namespace itself).
  // Bundled as an ES module without a CommonJS transform (the script-tag build), the UMD wrapper
  // exports nothing and sets `globalThis.AgoraRTM` instead (seen in Chromium).
  const exported = (namespace as { default?: unknown }).default ?? namespace;
  const candidate = isRtmSdkModule(exported) ? exported : (globalThis as { AgoraRTM?: unknown }).AgoraRTM;
  if (!isRtmSdkModule(candidate)) {
    throw new SupportError('config', 'agora-rtm-sdk does not export RTM (is it version 2.x?)', { retryable: false });
  }
  return candidate;
}
