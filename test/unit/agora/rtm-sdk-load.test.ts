import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';

describe('loading the Agora RTM SDK', () => {
  it('importing the adapter in Node does not load the SDK or throw', async () => {
    const adapter = await import('../../../src/transports/agora/index.js');
    assert.equal(typeof adapter.AgoraRtmMessagingTransport, 'function');
    assert.equal((globalThis as { AgoraRTM?: unknown }).AgoraRTM, undefined);
  });

  it('the real SDK cannot run in Node: the loader rejects with a non-retryable config error', async () => {
    const { loadAgoraRtmSdk } = await import('../../../src/transports/agora/rtm-sdk.js');
    const error = await loadAgoraRtmSdk().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof SupportError, String(error));
    assert.equal(error.code, 'config');
    assert.equal(error.retryable, false);
    // The UMD bundle touches `window` at evaluation (first in its peer agora-rtc-sdk-ng).
    assert.match(String((error.cause as Error).message), /window is not defined/);
  });

  it('connect reports a loader failure as a rejected SupportError without a close event', async () => {
    const { AgoraRtmMessagingTransport } = await import('../../../src/transports/agora/index.js');
    const transport = new AgoraRtmMessagingTransport({
      appId: 'app',
      userId: 'u1',
      userName: 'U',
      role: 'customer',
      loadSdk: () => Promise.reject(new Error('chunk failed')),
    });
    let closed = 0;
    transport.on('close', () => closed++);
    await assert.rejects(transport.connect({ token: 't', resume: {} }), (e: unknown) => e instanceof SupportError && e.code === 'config');
    assert.equal(closed, 0);
  });
});
