import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SupportError } from '../../../src/protocol/errors.js';
import { isRtcChannelName, rtcChannelName } from '../../../src/protocol/rtc-channel.js';
import { fromDisconnectReason, fromRtcError, isUidConflict } from '../../../src/transports/agora/rtc-errors.js';
import { toCallQuality } from '../../../src/transports/agora/rtc-quality.js';
import { fnv1a32, RTC_UID_ATTEMPTS, rtcUidCandidates, rtcUidFor } from '../../../src/protocol/rtc-uid.js';
import { FakeRtcError } from './fake-rtc.js';

describe('RTC uids', () => {
  it('FNV-1a 32 matches the reference vectors', () => {
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
    assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  });

  it('derives the same positive 31-bit uid for the same user id, every time', () => {
    assert.equal(rtcUidFor('customer-42'), fnv1a32('customer-42') & 0x7fffffff);
    assert.equal(rtcUidFor('customer-42'), rtcUidFor('customer-42'));
    assert.notEqual(rtcUidFor('customer-42'), rtcUidFor('customer-43'));
    for (const id of ['', 'a', 'agent-7', '客户-1', 'x'.repeat(300)]) {
      const uid = rtcUidFor(id);
      assert.ok(Number.isInteger(uid) && uid >= 1 && uid <= 0x7fffffff, `${id}: ${uid}`);
    }
  });

  it('salted uids differ from the plain one and are listed in join order', () => {
    const candidates = rtcUidCandidates('agent-7');
    assert.equal(candidates.length, RTC_UID_ATTEMPTS);
    assert.equal(candidates[0], rtcUidFor('agent-7'));
    assert.equal(candidates[1], rtcUidFor('agent-7', 1));
    assert.equal(new Set(candidates).size, RTC_UID_ATTEMPTS);
  });
});

describe('RTC channel names', () => {
  it('uses <prefix>.<callId> when Agora accepts it', () => {
    assert.equal(rtcChannelName('call-7f3a'), 'support.call-7f3a');
    assert.equal(rtcChannelName('call-7f3a', 'shop1'), 'shop1.call-7f3a');
  });

  it('cleans and shortens other ids to a valid name, distinct per id and the same on both sides', () => {
    const long = 'c'.repeat(100);
    const odd = 'call/é"*\\1';
    for (const id of [long, odd, '']) {
      const name = rtcChannelName(id);
      assert.ok(isRtcChannelName(name), name);
      assert.equal(name, rtcChannelName(id));
    }
    assert.notEqual(rtcChannelName(long), rtcChannelName(`${long}x`));
    assert.notEqual(rtcChannelName('a/b'), rtcChannelName('a*b'));
  });

  it('rejects a prefix Agora cannot take', () => {
    assert.throws(() => rtcChannelName('x', 'bad/prefix'), (e: unknown) => e instanceof SupportError && e.code === 'config');
  });
});

describe('RTC error mapping', () => {
  it('maps gateway reasons and SDK codes', () => {
    const code = (error: unknown) => fromRtcError(error, 'joining').code;
    assert.equal(code(new FakeRtcError('CAN_NOT_GET_GATEWAY_SERVER', 'flag: 4096, message: invalid token, authorized failed')), 'unauthorized');
    assert.equal(code(new FakeRtcError('CAN_NOT_GET_GATEWAY_SERVER', 'dynamic key expired')), 'token-expired');
    assert.equal(code(new FakeRtcError('CAN_NOT_GET_GATEWAY_SERVER', 'invalid vendor key, can not find appid')), 'config');
    assert.equal(code(new FakeRtcError('CAN_NOT_GET_GATEWAY_SERVER', 'no service available')), 'network');
    assert.equal(code(new FakeRtcError('OPERATION_ABORTED', 'cancel token canceled')), 'closed');
    assert.equal(code(new FakeRtcError('PERMISSION_DENIED', 'NotAllowedError')), 'media-denied');
    assert.equal(code('something odd'), 'network');
    assert.equal(fromRtcError(new FakeRtcError('INVALID_PARAMS', 'x'), 'joining').retryable, false);
  });

  it('recognises a uid conflict, also when wrapped', () => {
    const raw = new FakeRtcError('UID_CONFLICT', 'uid conflict');
    assert.ok(isUidConflict(raw));
    assert.ok(isUidConflict(fromRtcError(raw, 'joining')));
    assert.ok(!isUidConflict(new FakeRtcError('NETWORK_ERROR', 'x')));
  });

  it('maps the reasons Agora gives when it ends a connection', () => {
    const reasons = ['TOKEN_EXPIRE', 'UID_BANNED', 'UID_CONFLICT', 'LICENSE_EXPIRED', 'NETWORK_ERROR'] as const;
    const codes = reasons.map((reason) => fromDisconnectReason(reason as Parameters<typeof fromDisconnectReason>[0]).code);
    assert.deepEqual(codes, ['token-expired', 'forbidden', 'closed', 'config', 'network']);
  });
});

describe('RTC quality mapping', () => {
  it('builds CallQuality from Agora levels, call stats and the peer video/audio stats', () => {
    const quality = toCallQuality({
      network: { uplinkNetworkQuality: 2, downlinkNetworkQuality: 0 },
      rtc: { Duration: 10, RecvBitrate: 812_400, RecvBytes: 0, SendBitrate: 0, SendBytes: 0, UserCount: 2, RTT: 48, OutgoingAvailableBandwidth: 0 },
      video: {
        transportDelay: 0,
        end2EndDelay: 0,
        receiveBitrate: 700_000,
        receiveDelay: 0,
        receiveBytes: 0,
        receiveFrameRate: 24,
        receivePackets: 100,
        receivePacketsLost: 3,
        packetLossRate: 0.03,
        currentPacketLossRate: 0.02,
        receiveResolutionHeight: 480,
        receiveResolutionWidth: 640,
        totalDuration: 10,
        totalFreezeTime: 0,
        freezeRate: 0,
        publishDuration: 10,
      },
      audio: {
        transportDelay: 0,
        end2EndDelay: 0,
        receiveBitrate: 40_000,
        receiveLevel: 0,
        receiveBytes: 0,
        receiveDelay: 0,
        receivePackets: 100,
        receivePacketsLost: 5,
        receivePacketsDiscarded: 0,
        packetLossRate: NaN,
        currentPacketLossRate: 0.05,
        totalDuration: 10,
        totalFreezeTime: 0,
        freezeRate: 0,
        publishDuration: 10,
      },
    });
    assert.deepEqual(quality, { rttMs: 48, bitrateKbps: 812, packetLoss: 0.05, width: 640, height: 480, frameRate: 24, uplinkLevel: 2 });
  });

  it('leaves out what is not known yet', () => {
    assert.deepEqual(toCallQuality({}), {});
    assert.deepEqual(toCallQuality({ network: { uplinkNetworkQuality: 0, downlinkNetworkQuality: 6 } }), { downlinkLevel: 6 });
  });
});
