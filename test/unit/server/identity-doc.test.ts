/**
 * docs/identity.md's bash + openssl + curl recipe, run exactly as written (extracted from the doc),
 * makes a token the relay accepts; the same bytes come out of node:crypto, so the documented format
 * and the relay agree.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createCustomerToken, customerConversationId } from '../../../server/customer-token.js';
import { verifyToken } from '../../../server/tokens.js';
import { SECRET, relayPerTest } from './relay-harness.js';

const run = promisify(execFile);
const DOC = join(import.meta.dirname, '../../../docs/identity.md');

/** The bash block between the recipe markers of the doc. */
function recipe(): string {
  const doc = readFileSync(DOC, 'utf8');
  const match = /<!-- identity-recipe:start -->\s*```bash\n([\s\S]*?)```\s*<!-- identity-recipe:end -->/.exec(doc);
  assert.ok(match?.[1] !== undefined, 'docs/identity.md has the recipe between its markers');
  return match[1];
}

async function hasOpenssl(): Promise<boolean> {
  try {
    await run('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

async function runRecipe(env: Record<string, string>): Promise<{ token: string; answer: { code?: string } }> {
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', recipe()], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }, timeout: 10_000 });
  const [token = '', answer = '{}'] = stdout.trim().split('\n');
  return { token, answer: JSON.parse(answer) as { code?: string } };
}

describe('docs/identity.md recipe', async () => {
  const t = relayPerTest();
  const openssl = await hasOpenssl();
  const inputs = { SHOP: 'demo', CUSTOMER_ID: 'cust-42', NAME: 'Ada Lovelace' };

  it('mints with bash + openssl a token the relay accepts (curl and the WebSocket)', { skip: openssl ? false : 'openssl is not installed' }, async () => {
    const { token, answer } = await runRecipe({ ...inputs, SUPPORT_SECRET: SECRET, RELAY: t.relay.url });
    assert.equal(answer.code, 'not-found', 'the relay accepted the token (no such file)');
    const claims = verifyToken(token, SECRET);
    const conversation = customerConversationId('demo', 'cust-42');
    assert.deepEqual({ ...claims, exp: 0, iat: 0 }, { sub: 'cust-42', name: 'Ada Lovelace', role: 'customer', shop: 'demo', conv: [conversation], exp: 0, iat: 0 });
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 3600);
    const sameCustomer = verifyToken(createCustomerToken({ secret: SECRET, shop: 'demo', customerId: 'cust-42', name: 'Ada', ttlSeconds: 60 }).token, SECRET);
    assert.deepEqual(sameCustomer.conv, claims.conv, 'the same conversation as createCustomerToken');
    const { welcome } = await t.connect(token);
    assert.deepEqual(welcome.conversations.map((c) => c.id), [conversation]);
  });

  it('signs exactly as node:crypto does over the payload text', { skip: openssl ? false : 'openssl is not installed' }, async () => {
    const { token } = await runRecipe({ ...inputs, SUPPORT_SECRET: SECRET, RELAY: t.relay.url });
    const [payload = '', signature] = token.split('.');
    assert.match(payload, /^[A-Za-z0-9_-]+$/, 'base64url without padding');
    assert.equal(signature, createHmac('sha256', SECRET).update(payload).digest('base64url'));
  });

  it('prints the refusal for a token signed with another secret', { skip: openssl ? false : 'openssl is not installed' }, async () => {
    const { answer } = await runRecipe({ ...inputs, SUPPORT_SECRET: 'not-the-relay-secret-0123456789abcdef', RELAY: t.relay.url });
    assert.equal(answer.code, 'unauthorized');
  });
});
