/**
 * `applyPlayoutDelay` on Chromium's own receivers: the browser takes the video receiver's
 * `jitterBufferTarget` and clears it with null; the audio receiver is not touched.
 */
import { expect } from '@esm-bundle/chai';
import { applyPlayoutDelay } from '../../src/transports/relay/playout-delay.js';

describe('applyPlayoutDelay in Chromium', () => {
  it('sets and clears the video receiver\'s jitter buffer target', () => {
    const pc = new RTCPeerConnection();
    try {
      const audio = pc.addTransceiver('audio').receiver;
      const video = pc.addTransceiver('video').receiver;
      applyPlayoutDelay(pc, 400);
      expect(video.jitterBufferTarget).to.equal(400);
      expect(audio.jitterBufferTarget).to.equal(null);
      applyPlayoutDelay(pc, null);
      expect(video.jitterBufferTarget).to.equal(null);
    } finally {
      pc.close();
    }
  });
});
