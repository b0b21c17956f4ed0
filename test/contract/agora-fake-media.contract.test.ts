/**
 * The media contract against the Agora RTC adapter on the in-memory RTC fake (typed against the
 * SDK's `.d.ts`): the Agora cloud is not reachable from CI. The same cases run against the real
 * SDK with a real Agora project in `test/live/` when credentials are set.
 */
import { fakeTrack } from '../unit/agora/fake-rtc.js';
import { RtcWorld } from '../unit/agora/rtc-world.js';
import { mediaContract } from './media-contract.js';

mediaContract('agora (RTC fake)', async () => {
  const world = new RtcWorld();
  const offline = new RtcWorld();
  offline.network.unreachable = true;
  return {
    transport: () => world.transport({ timeoutMs: 3_000 }),
    unreachable: () => offline.transport({ timeoutMs: 3_000 }),
    tracks: () => ({ audio: fakeTrack('audio'), video: fakeTrack('video') }),
    teardown: async () => {
      await world.close();
      await offline.close();
    },
  };
});
