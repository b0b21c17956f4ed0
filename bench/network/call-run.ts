/**
 * A call through one network profile: the customer's product page (signalling through the netem
 * TCP proxy, media through the UDP proxy to coturn, TURN only) calls the agent's desk (TURN only,
 * clean path). Measured at the agent, who receives the customer's camera over the impaired uplink:
 * time from start to the first decoded frame, Chrome's freeze count and frozen time, the longest
 * gap between presented frames, seconds without audio, received resolution and frame rate each
 * second, and, for the outage, the time from the network's return to video decoding again.
 */
import type { Page } from 'playwright-core';
import { connectCall, openCallPage } from '../../test/support/netem/call-pages.js';
import type { ImpairedNetwork } from '../../test/support/netem/network.js';
import type { NetworkProfile } from '../../test/support/netem/profiles.js';
import { receivedVideo, type ReceivedVideo } from '../../test/support/netem/video-stats.js';

export interface CallSample {
  /** Seconds since the first frame. */
  t: number;
  width: number;
  height: number;
  fps: number;
  /** The customer's sent video at that moment. */
  sentWidth: number;
  sentFps: number;
}

export interface CallRun {
  /** Start -> the agent decodes the customer's first frame, ms. */
  firstFrameMs: number;
  seconds: number;
  freezesPerMinute: number;
  frozenSecondsPerMinute: number;
  /** Longest gap between two presented frames at the agent, ms. */
  longestFreezeMs: number;
  /** One-second samples in which no audio arrived (outside an outage). */
  audioGapSeconds: number;
  /** Outage only: network back -> video decoding again at the agent, ms. */
  recoveryMs?: number;
  samples: CallSample[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Records the longest gap between presented frames of the page's remote video (`window.__longestGap`). */
const GAP_RECORDER = `(() => {
  const video = document.querySelector('support-call')?.shadowRoot?.querySelector('video[part~="remote-video"]');
  window.__longestGap = 0;
  if (!video) return;
  let last = performance.now();
  const step = (now) => {
    window.__longestGap = Math.max(window.__longestGap, now - last);
    last = now;
    video.requestVideoFrameCallback(step);
  };
  video.requestVideoFrameCallback(step);
})()`;

async function untilDecoding(page: Page, beyond: number, timeoutMs: number): Promise<ReceivedVideo | undefined> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const video = await receivedVideo(page);
    if (video.framesDecoded > beyond) return video;
    await sleep(100);
  }
  return undefined;
}

/** Runs one call of `seconds` under `profile`; `urls` are the customer's (through the proxy) and the agent's pages. */
export async function runCall(
  pages: { customer: Page; agent: Page },
  urls: { customer: string; agent: string },
  net: ImpairedNetwork,
  profile: NetworkProfile,
  seconds: number,
): Promise<CallRun> {
  const { customer, agent } = pages;
  net.apply({ ...profile, tcp: {}, udp: {} });
  await Promise.all([openCallPage(customer, urls.customer, 'support-chat'), openCallPage(agent, urls.agent, 'support-inbox')]);
  net.apply(profile);
  const startedAt = performance.now();
  await connectCall(customer, agent);
  const first = await untilDecoding(agent, 0, 60_000);
  if (first === undefined) throw new Error(`${profile.name}: no video frame within 60 s`);
  const firstFrameMs = performance.now() - startedAt;
  await agent.evaluate(GAP_RECORDER);
  const begin = first;
  const samples: CallSample[] = [];
  let audioGapSeconds = 0;
  let recoveryMs: number | undefined;
  let lastAudio = first.audioSamples;
  const outage = profile.outage;
  const outageAt = outage === undefined ? Infinity : Math.min(outage.afterMs, (seconds * 1000) / 3);
  let outageDone = outage === undefined;
  const t0 = performance.now();
  let end = begin;
  while (performance.now() - t0 < seconds * 1000) {
    if (!outageDone && performance.now() - t0 >= outageAt) {
      outageDone = true;
      await net.outage(profile);
      const backAt = performance.now();
      const before = await receivedVideo(agent);
      const again = await untilDecoding(agent, before.framesDecoded, 60_000);
      recoveryMs = again === undefined ? Infinity : performance.now() - backAt;
      lastAudio = (again ?? before).audioSamples;
      continue;
    }
    await sleep(1_000);
    const [now, sent] = await Promise.all([receivedVideo(agent), receivedVideo(customer)]);
    if (now.audioSamples <= lastAudio) audioGapSeconds += 1;
    lastAudio = now.audioSamples;
    samples.push({ t: Math.round((performance.now() - t0) / 1000), width: now.frameWidth, height: now.frameHeight, fps: now.framesPerSecond, sentWidth: sent.sentWidth, sentFps: sent.sentFps });
    end = now;
  }
  const minutes = (performance.now() - t0) / 60_000;
  const longestFreezeMs = await agent.evaluate<number>('window.__longestGap');
  net.apply({ ...profile, tcp: {}, udp: {} });
  return {
    firstFrameMs,
    seconds,
    freezesPerMinute: (end.freezeCount - begin.freezeCount) / minutes,
    frozenSecondsPerMinute: (end.totalFreezesDuration - begin.totalFreezesDuration) / minutes,
    longestFreezeMs,
    audioGapSeconds,
    ...(recoveryMs === undefined ? {} : { recoveryMs }),
    samples,
  };
}
