import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SupportError } from '../../../src/protocol/errors.js';
import type { TokenClaims } from '../../../src/protocol/frames.js';
import { signToken, verifyToken } from '../../../server/tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-000';
const now = Date.UTC(2026, 0, 1);
const claims: TokenClaims = { sub: 'u1', name: 'Ana', role: 'customer', shop: 'demo', conv: ['c-u1'], exp: now / 1000 + 60 };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SupportError, `expected SupportError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('expected an error');
}

describe('relay tokens', () => {
  it('round-trips claims through sign and verify', () => {
    const token = signToken(claims, SECRET);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(verifyToken(token, SECRET, now), claims);
  });

  it('verifies agent tokens without conv', () => {
    const agent: TokenClaims = { sub: 'a1', name: 'Bo', role: 'agent', shop: 'demo', exp: now / 1000 + 60 };
    assert.deepEqual(verifyToken(signToken(agent, SECRET), SECRET, now), agent);
  });

  it('verifies admin tokens (an agent who also manages the desk)', () => {
    const admin: TokenClaims = { sub: 'a2', name: 'Sam', role: 'admin', shop: 'demo', exp: now / 1000 + 60 };
    assert.deepEqual(verifyToken(signToken(admin, SECRET), SECRET, now), admin);
  });

  it('rejects a tampered payload as unauthorized', () => {
    const [, signature] = signToken(claims, SECRET).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, conv: ['c-someone-else'] })).toString('base64url');
    assert.equal(codeOf(() => verifyToken(`${forged}.${signature}`, SECRET, now)), 'unauthorized');
  });

  it('rejects a tampered signature, including non-canonical base64url', () => {
    const token = signToken(claims, SECRET);
    const last = token.at(-1);
    const flipped = token.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    assert.equal(codeOf(() => verifyToken(flipped, SECRET, now)), 'unauthorized');
    // 43 chars carry 258 bits: the last char's low 2 bits are padding; changing them keeps the bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = alphabet.indexOf(last ?? 'A');
    const sameBytes = token.slice(0, -1) + alphabet[index ^ 1];
    assert.equal(codeOf(() => verifyToken(sameBytes, SECRET, now)), 'unauthorized');
  });

  it('rejects a token signed with another secret', () => {
    assert.equal(codeOf(() => verifyToken(signToken(claims, 'another-secret-entirely-0000000000'), SECRET, now)), 'unauthorized');
  });

  it('reports an expired token as token-expired', () => {
    const token = signToken({ ...claims, exp: now / 1000 - 1 }, SECRET);
    assert.equal(codeOf(() => verifyToken(token, SECRET, now)), 'token-expired');
    assert.equal(codeOf(() => verifyToken(signToken(claims, SECRET), SECRET, now + 61_000)), 'token-expired');
  });

  it('rejects malformed tokens', () => {
    for (const token of ['', 'abc', 'a.b.c', '.', 'abc.', '!!!.###', 'x'.repeat(9000)]) {
      assert.equal(codeOf(() => verifyToken(token, SECRET, now)), 'unauthorized', token.slice(0, 20));
    }
  });

  it('rejects correctly signed tokens whose claims have the wrong shape', () => {
    const bad = [
      { ...claims, role: 'owner' },
      { ...claims, sub: '' },
      { ...claims, sub: 'has space' },
      { ...claims, exp: 'soon' },
      { ...claims, conv: 'c-u1' },
      { ...claims, conv: undefined },
      { ...claims, shop: 42 },
    ];
    for (const claim of bad) {
      const token = signToken(claim as unknown as TokenClaims, SECRET);
      assert.equal(codeOf(() => verifyToken(token, SECRET, now)), 'unauthorized', JSON.stringify(claim));
    }
  });

  it('refuses an empty secret', () => {
    assert.equal(codeOf(() => signToken(claims, '')), 'config');
  });
});
