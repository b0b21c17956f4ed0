import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { staticToken, tokenProvider, toTokenProvider, TOKEN_REFRESH_MARGIN_MS } from '../../../src/tokens/index.js';
import { SupportError } from '../../../src/protocol/errors.js';
import type { TokenGrant, TokenRequest } from '../../../src/tokens/types.js';

/** A token function that counts calls and answers after a tick. */
function counting(grant: (n: number) => string | TokenGrant = (n) => `t${n}`) {
  const calls: TokenRequest[] = [];
  const fn = async (request: TokenRequest): Promise<string | TokenGrant> => {
    calls.push(request);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return grant(calls.length);
  };
  return { fn, calls };
}

describe('staticToken / toTokenProvider', () => {
  it('always returns the same token', async () => {
    const provider = staticToken('abc');
    assert.equal(await provider.getToken(), 'abc');
    assert.equal(await provider.getToken({ forceRefresh: true }), 'abc');
  });

  it('wraps a function and passes a provider through', async () => {
    const provider = staticToken('x');
    assert.equal(toTokenProvider(provider), provider);
    assert.equal(await toTokenProvider(() => Promise.resolve('y')).getToken(), 'y');
  });
});

describe('tokenProvider', () => {
  it('caches a token without expiry until forceRefresh', async () => {
    const { fn, calls } = counting();
    const provider = tokenProvider(fn);
    assert.equal(await provider.getToken(), 't1');
    assert.equal(await provider.getToken(), 't1');
    assert.equal(calls.length, 1);
    assert.equal(await provider.getToken({ forceRefresh: true }), 't2');
    assert.equal(calls[1]?.forceRefresh, true);
    assert.equal(await provider.getToken(), 't2');
  });

  it('caches until 30 s before expiresAt, then fetches a new token', async () => {
    const farAway = counting((n) => ({ token: `t${n}`, expiresAt: Date.now() + TOKEN_REFRESH_MARGIN_MS + 60_000 }));
    const provider = tokenProvider(farAway.fn);
    await provider.getToken();
    await provider.getToken();
    assert.equal(farAway.calls.length, 1);

    const nearlyExpired = counting((n) => ({ token: `t${n}`, expiresAt: Date.now() + TOKEN_REFRESH_MARGIN_MS - 1000 }));
    const renewing = tokenProvider(nearlyExpired.fn);
    assert.equal(await renewing.getToken(), 't1');
    assert.equal(await renewing.getToken(), 't2');
    assert.equal(nearlyExpired.calls.length, 2);
  });

  it('shares one request between concurrent callers', async () => {
    const { fn, calls } = counting();
    const provider = tokenProvider(fn);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    assert.deepEqual(new Set(tokens), new Set(['t1']));
    assert.equal(calls.length, 1);
    const forced = await Promise.all([provider.getToken({ forceRefresh: true }), provider.getToken({ forceRefresh: true })]);
    assert.deepEqual(forced, ['t2', 't2']);
    assert.equal(calls.length, 2);
  });

  it('does not cache failures and wraps them in SupportError', async () => {
    let n = 0;
    const provider = tokenProvider(() => {
      n++;
      if (n === 1) throw new Error('boom');
      return Promise.resolve('ok');
    });
    await assert.rejects(provider.getToken(), (error: SupportError) => error instanceof SupportError && error.code === 'network');
    assert.equal(await provider.getToken(), 'ok');
  });

  it('rejects an empty token as a config error', async () => {
    const provider = tokenProvider(() => Promise.resolve(''));
    await assert.rejects(provider.getToken(), (error: SupportError) => error.code === 'config');
  });

  it('lets one caller abort without cancelling the shared request', async () => {
    const { fn, calls } = counting();
    const provider = tokenProvider(fn);
    const controller = new AbortController();
    const aborted = provider.getToken({ signal: controller.signal });
    const other = provider.getToken();
    controller.abort();
    await assert.rejects(aborted, (error: SupportError) => error.code === 'closed');
    assert.equal(await other, 't1');
    assert.equal(calls.length, 1);
  });
});
