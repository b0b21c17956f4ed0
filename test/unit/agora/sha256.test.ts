/** The synchronous SHA-256 the shop-scoped Agora names use agrees with Node's, at every padding boundary. */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { base64url, sha256 } from '../../../src/protocol/sha256.js';

it('sha256 and base64url match node:crypto for inputs of 0 to 200 bytes', () => {
  for (let length = 0; length <= 200; length += 1) {
    const data = randomBytes(length);
    assert.equal(base64url(sha256(data)), createHash('sha256').update(data).digest('base64url'), `${length} bytes`);
    assert.equal(base64url(data), data.toString('base64url'), `${length} bytes`);
  }
});
