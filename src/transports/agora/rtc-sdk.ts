/**
 * The slice of the Agora RTC Web SDK NG 4.x (`agora-rtc-sdk-ng`) the media adapter uses, typed
 * from the SDK's own `.d.ts` (so an SDK API change breaks the typecheck of the adapter and of the
 * fake), and its lazy loader.
 *
 * The SDK touches `window` when it is evaluated, so it is imported only inside
 * `loadAgoraRtcSdk()`, never at module top level: nothing of it reaches the relay bundles, and the
 * agora backend fetches it only when a call starts.
 */
import type {
  ClientConfig,
  CustomAudioTrackInitConfig,
  CustomVideoTrackInitConfig,
  IAgoraRTC,
  IAgoraRTCClient,
  ILocalAudioTrack,
  ILocalVideoTrack,
  IRemoteTrack,
  UID,
} from 'agora-rtc-sdk-ng';
import { SupportError } from '../../protocol/errors.js';

/** A local audio track made from one of our `MediaStreamTrack`s. */
export type RtcLocalAudioTrackApi = Pick<
  ILocalAudioTrack,
  'trackMediaType' | 'getMediaStreamTrack' | 'setMuted' | 'close' | 'muted'
>;

/** A local video track made from one of our `MediaStreamTrack`s (camera or screen). */
export type RtcLocalVideoTrackApi = Pick<
  ILocalVideoTrack,
  'trackMediaType' | 'getMediaStreamTrack' | 'setMuted' | 'close' | 'muted' | 'replaceTrack' | 'setOptimizationMode'
>;

export type RtcLocalTrackApi = RtcLocalAudioTrackApi | RtcLocalVideoTrackApi;

/** A subscribed remote track: only its `MediaStreamTrack` is used (the UI plays it). */
export type RtcRemoteTrackApi = Pick<IRemoteTrack, 'trackMediaType' | 'getMediaStreamTrack' | 'getUserId'>;

/** The RTC client methods and events the media adapter uses. */
export type RtcClientApi = Pick<
  IAgoraRTCClient,
  | 'connectionState'
  | 'join'
  | 'leave'
  | 'renewToken'
  | 'getRTCStats'
  | 'getRemoteVideoStats'
  | 'getRemoteAudioStats'
  | 'setStreamFallbackOption'
  | 'enableDualStream'
  | 'on'
  | 'off'
  | 'removeAllListeners'
> & {
  publish(tracks: RtcLocalTrackApi | RtcLocalTrackApi[]): Promise<void>;
  unpublish(tracks?: RtcLocalTrackApi | RtcLocalTrackApi[]): Promise<void>;
  subscribe(user: UID, mediaType: 'audio' | 'video'): Promise<RtcRemoteTrackApi>;
};

/** What `loadSdk` must return: the SDK's default export (`AgoraRTC`), or a fake with these members. */
export interface RtcSdkModule {
  createClient(config: ClientConfig): RtcClientApi;
  createCustomAudioTrack(config: CustomAudioTrackInitConfig): RtcLocalAudioTrackApi;
  createCustomVideoTrack(config: CustomVideoTrackInitConfig): RtcLocalVideoTrackApi;
  setLogLevel: IAgoraRTC['setLogLevel'];
  disableLogUpload: IAgoraRTC['disableLogUpload'];
  /**
   * Present at run time on the UMD build's `AgoraRTC` (4.24.8) but not in its `.d.ts`; the ESM
   * build exports it as a function. Used to turn `ENABLE_EVENT_REPORT` off.
   */
  setParameter?: (key: string, value: unknown) => void;
}

/** Compile-time proof that the real SDK's default export satisfies `RtcSdkModule`. */
export type RtcSdkModuleMatchesSdk = IAgoraRTC extends RtcSdkModule ? true : never;
const sdkMatches: RtcSdkModuleMatchesSdk = true;
void sdkMatches;

export type { UID };

/** `RemoteStreamFallbackType.AUDIO_ONLY`: low stream on a weak network, audio alone when even that cannot pass. */
export const RTC_FALLBACK_AUDIO_ONLY = 2;

/** The SDK's log level "NONE" (0 debug … 4 none). */
export const RTC_LOG_LEVEL_NONE = 4;

function isRtcSdkModule(value: unknown): value is RtcSdkModule {
  if (typeof value !== 'object' || value === null) return false;
  const sdk = value as Partial<Record<keyof RtcSdkModule, unknown>>;
  return typeof sdk.createClient === 'function' && typeof sdk.createCustomVideoTrack === 'function';
}

/**
 * Loads `agora-rtc-sdk-ng` with a dynamic `import()` (its own chunk in a bundle; the same module
 * `agora-rtm-sdk` requires as its peer, so a page using both loads it once).
 * Rejects with `config` when the SDK cannot run here (Node, SSR) and `network` when its chunk
 * could not be fetched.
 */
export async function loadAgoraRtcSdk(): Promise<RtcSdkModule> {
  let namespace: unknown;
  try {
    namespace = await import('agora-rtc-sdk-ng');
  } catch (error) {
    // A ReferenceError/SyntaxError means the bundle cannot run in this environment (e.g. Node).
    const cannotRun = error instanceof ReferenceError || error instanceof SyntaxError;
    throw new SupportError(cannotRun ? 'config' : 'network', 'the Agora RTC SDK could not be loaded', {
      cause: error,
      retryable: !cannotRun,
    });
  }
  // UMD through a bundler: `AgoraRTC` is the namespace's default export (or the namespace itself).
  // Bundled as an ES module without a CommonJS transform (the script-tag build), the UMD wrapper
  // exports nothing and sets `globalThis.AgoraRTC` instead (seen in Chromium).
  const exported = (namespace as { default?: unknown }).default ?? namespace;
  const candidate = isRtcSdkModule(exported) ? exported : (globalThis as { AgoraRTC?: unknown }).AgoraRTC;
  if (!isRtcSdkModule(candidate)) {
    throw new SupportError('config', 'agora-rtc-sdk-ng does not export createClient (is it version 4.x?)', {
      retryable: false,
    });
  }
  return candidate;
}

const quieted = new WeakSet<RtcSdkModule>();

/**
 * Turns off the SDK's log output, log upload and event reporting (no third-party analytics),
 * once per SDK instance. Must run before the first `createClient`.
 */
export function quietRtcSdk(sdk: RtcSdkModule): void {
  if (quieted.has(sdk)) return;
  quieted.add(sdk);
  sdk.disableLogUpload();
  sdk.setLogLevel(RTC_LOG_LEVEL_NONE);
  sdk.setParameter?.('ENABLE_EVENT_REPORT', false);
}
