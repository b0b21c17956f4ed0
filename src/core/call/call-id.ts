/**
 * A new random call id: `crypto.randomUUID()` when present (it is missing outside secure
 * contexts), else 32 random hex digits. Always matches the wire id pattern `[A-Za-z0-9_.:@-]+`.
 */
export function createCallId(): string {
  const crypto = (globalThis as { crypto?: Partial<Crypto> }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
