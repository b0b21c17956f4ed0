/**
 * What a page's live peer connection says about the video it receives and the path it uses, read
 * from `getStats()` in the page (the peer connections `turnOnlyScript` keeps).
 */
import type { Page } from 'playwright-core';

export interface ReceivedVideo {
  /** Frames decoded so far. */
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  /** Chrome's freeze count and total frozen time (s) of the received video. */
  freezeCount: number;
  totalFreezesDuration: number;
  /** Audio samples received so far (does audio keep going). */
  audioSamples: number;
  /** Candidate types of the selected pair, e.g. `relay/relay`. */
  path: string;
  /** The sender's outbound video (this page's camera as sent). */
  sentWidth: number;
  sentFps: number;
}

/** Reads the received video of the page's last peer connection (zeros before one exists). */
export function receivedVideo(page: Page): Promise<ReceivedVideo> {
  return page.evaluate(`(async () => {
    const pcs = window.__peerConnections || [];
    const pc = pcs[pcs.length - 1];
    const out = { framesDecoded: 0, frameWidth: 0, frameHeight: 0, framesPerSecond: 0, freezeCount: 0, totalFreezesDuration: 0, audioSamples: 0, path: '', sentWidth: 0, sentFps: 0 };
    if (!pc) return out;
    const report = await pc.getStats();
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        out.framesDecoded = s.framesDecoded || 0;
        out.frameWidth = s.frameWidth || 0;
        out.frameHeight = s.frameHeight || 0;
        out.framesPerSecond = s.framesPerSecond || 0;
        out.freezeCount = s.freezeCount || 0;
        out.totalFreezesDuration = s.totalFreezesDuration || 0;
      }
      if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioSamples = s.totalSamplesReceived || 0;
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        out.sentWidth = Math.max(out.sentWidth, s.frameWidth || 0);
        out.sentFps = Math.max(out.sentFps, s.framesPerSecond || 0);
      }
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        const pair = byId.get(s.selectedCandidatePairId);
        const local = pair && byId.get(pair.localCandidateId);
        const remote = pair && byId.get(pair.remoteCandidateId);
        if (local && remote) out.path = local.candidateType + '/' + remote.candidateType;
      }
    });
    return out;
  })()`);
}
