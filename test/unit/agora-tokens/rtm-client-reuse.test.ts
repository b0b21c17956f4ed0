/**
 * `reuseRtmClients`: a reconnect gets the user's idle RTM instance back instead of a second one,
 * which `agora-rtm-sdk` 2.3.0 refuses for the page's lifetime (RTM_ERROR_DUPLICATE_USER_ID). The
 * stub below behaves as the SDK's constructor does (seen in its bundle and in Chromium).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reuseRtmClients } from '../../../src/transports/agora/rtm-client-reuse.js';
import type { RtmClientApi, RtmSdkModule } from '../../../src/transports/agora/rtm-sdk.js';

/** Like the SDK: every `appId-userId` ever constructed is remembered, logout or not. */
function stubSdk(): { sdk: RtmSdkModule; constructed: string[] } {
  const seen = new Set<string>();
  const constructed: string[] = [];
  class StubRtm {
    loggedIn = false;
    constructor(
      readonly appId: string,
      readonly userId: string,
    ) {
      const key = `${appId}-${userId}`;
      if (seen.has(key)) throw Object.assign(new Error('The user ID is already in use by another active RTM instance with the same app ID.'), { code: -10027 });
      seen.add(key);
      constructed.push(key);
    }
    async login(): Promise<{ timestamp: number }> {
      this.loggedIn = true;
      return { timestamp: Date.now() };
    }
    async logout(): Promise<{ timestamp: number }> {
      this.loggedIn = false;
      return { timestamp: Date.now() };
    }
  }
  return { sdk: { RTM: StubRtm as unknown as RtmSdkModule['RTM'] }, constructed };
}

type Stub = RtmClientApi & { userId: string; loggedIn: boolean };
const create = (sdk: RtmSdkModule, userId: string): Stub => new sdk.RTM('app-1', userId, {}) as Stub;

describe('reuseRtmClients', () => {
  it('hands a logged-out instance back to the next session of the same user, and logs in again on it', async () => {
    const { sdk, constructed } = stubSdk();
    const pooled = reuseRtmClients(sdk);
    const first = create(pooled, 'u1');
    await first.login();
    await first.logout();
    const second = create(pooled, 'u1');
    await second.login({ token: 't' });
    assert.deepEqual(constructed, ['app-1-u1'], 'one SDK instance');
    assert.equal(second.loggedIn, true);
    assert.equal(second.userId, 'u1');
    // The same pool for the same module: a new SupportClient of the same user in the page reuses it too.
    await second.logout();
    create(reuseRtmClients(sdk), 'u1');
    assert.deepEqual(constructed, ['app-1-u1']);
  });

  it('never shares an instance that is still signed in: the SDK refuses the second one', () => {
    const { sdk, constructed } = stubSdk();
    const pooled = reuseRtmClients(sdk);
    create(pooled, 'u1');
    assert.throws(() => create(pooled, 'u1'), (error: unknown) => (error as { code?: number }).code === -10027);
    create(pooled, 'u2');
    assert.deepEqual(constructed, ['app-1-u1', 'app-1-u2']);
  });
});
