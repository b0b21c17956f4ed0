import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SupportError } from '../../../src/protocol/errors.js';
import { createCustomerToken, customerConversationId, MAX_CUSTOMER_TOKEN_TTL_SECONDS } from '../../../server/customer-token.js';
import type { CustomerTokenInput } from '../../../server/customer-token.js';
import { signToken, verifyToken } from '../../../server/tokens.js';

const SECRET = 'shop-secret-0123456789abcdef-0123456789';
const now = Date.UTC(2026, 0, 1);
const base: CustomerTokenInput = { secret: SECRET, shop: 'acme', customerId: 'cust-42', name: 'Ada', ttlSeconds: 3600, now };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SupportError, `expected SupportError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('expected an error');
}

describe('createCustomerToken', () => {
  it('mints a customer token the relay verifies, with iat and the derived conversation', () => {
    const grant = createCustomerToken({ ...base, email: 'ada@example.com' });
    assert.equal(grant.expiresAt, now + 3600_000);
    const claims = verifyToken(grant.token, SECRET, now);
    assert.deepEqual(claims, {
      sub: 'cust-42',
      name: 'Ada',
      role: 'customer',
      shop: 'acme',
      conv: [customerConversationId('acme', 'cust-42')],
      exp: now / 1000 + 3600,
      iat: now / 1000,
      email: 'ada@example.com',
    });
  });

  it('derives the same conversation for the same customer, another for another shop or customer', () => {
    const first = verifyToken(createCustomerToken(base).token, SECRET, now);
    const later = verifyToken(createCustomerToken({ ...base, now: now + 5000, ttlSeconds: 60 }).token, SECRET, now + 5000);
    assert.deepEqual(first.conv, later.conv);
    assert.match(customerConversationId('acme', 'cust-42'), /^c:[A-Za-z0-9_-]{43}$/);
    assert.notEqual(customerConversationId('acme', 'cust-42'), customerConversationId('other', 'cust-42'));
    assert.notEqual(customerConversationId('acme', 'cust-42'), customerConversationId('acme', 'cust-43'));
  });

  it('sets the merge claim only when the shop asks for it', () => {
    assert.equal(verifyToken(createCustomerToken(base).token, SECRET, now).merge, undefined);
    assert.equal(verifyToken(createCustomerToken({ ...base, mergeVisitor: true }).token, SECRET, now).merge, true);
  });

  it('refuses bad input with config errors', () => {
    const bad: Array<[string, Partial<CustomerTokenInput>]> = [
      ['missing secret', { secret: undefined as unknown as string }],
      ['short secret', { secret: 'x'.repeat(31) }],
      ['shop not an id', { shop: 'a shop' }],
      ['customerId not an id', { customerId: 'x/y' }],
      ['customerId too long', { customerId: 'x'.repeat(129) }],
      ['visitor prefix', { customerId: 'visitor:abc' }],
      ['name too long', { name: 'n'.repeat(256) }],
      ['email without @', { email: 'ada.example.com' }],
      ['email too long', { email: `${'a'.repeat(250)}@x.io` }],
      ['ttl zero', { ttlSeconds: 0 }],
      ['ttl negative', { ttlSeconds: -5 }],
      ['ttl fractional', { ttlSeconds: 1.5 }],
      ['ttl over 24 h', { ttlSeconds: MAX_CUSTOMER_TOKEN_TTL_SECONDS + 1 }],
    ];
    for (const [what, change] of bad) assert.equal(codeOf(() => createCustomerToken({ ...base, ...change })), 'config', what);
  });
});

describe('verifyToken on customer tokens', () => {
  it('rejects a token minted with another secret as unauthorized', () => {
    const other = createCustomerToken({ ...base, secret: 'another-shop-secret-0123456789abcdef' });
    assert.equal(codeOf(() => verifyToken(other.token, SECRET, now)), 'unauthorized');
  });

  it('rejects an expired token as token-expired, unless within the grace asked for', () => {
    const { token } = createCustomerToken({ ...base, ttlSeconds: 60 });
    assert.equal(codeOf(() => verifyToken(token, SECRET, now + 60_000)), 'token-expired');
    assert.equal(verifyToken(token, SECRET, now + 60_000, { expiredGraceMs: 1000 }).sub, 'cust-42');
  });

  it('rejects iat more than 60 s in the future as token-not-yet-valid, accepts small skew', () => {
    const ahead = createCustomerToken({ ...base, now: now + 61_000 });
    assert.equal(codeOf(() => verifyToken(ahead.token, SECRET, now)), 'token-not-yet-valid');
    const skewed = createCustomerToken({ ...base, now: now + 59_000 });
    assert.equal(verifyToken(skewed.token, SECRET, now).sub, 'cust-42');
  });

  it('rejects malformed iat, email and merge claims as unauthorized', () => {
    const claims = { sub: 'c1', name: 'A', role: 'customer' as const, shop: 'acme', conv: ['c-1'], exp: now / 1000 + 60 };
    for (const extra of [{ iat: 'yesterday' }, { email: 'no-at-sign' }, { email: 7 }, { merge: false }, { merge: 'yes' }]) {
      const token = signToken({ ...claims, ...extra } as never, SECRET);
      assert.equal(codeOf(() => verifyToken(token, SECRET, now)), 'unauthorized', JSON.stringify(extra));
    }
    const agentMerge = signToken({ sub: 'a1', name: 'A', role: 'agent', shop: 'acme', exp: now / 1000 + 60, merge: true }, SECRET);
    assert.equal(codeOf(() => verifyToken(agentMerge, SECRET, now)), 'unauthorized');
  });
});
