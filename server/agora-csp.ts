/**
 * What a page's Content-Security-Policy must allow for the Agora SDKs, as measured in Chromium
 * (`docs/agora.md`): RTM compiles WebAssembly (`'wasm-unsafe-eval'`) and starts a worker from a
 * `blob:` URL; both SDKs call Agora's HTTPS APIs (`*.agora.io`, `*.sd-rtn.com`) and RTC opens
 * WebSockets to Agora edge servers on non-default ports.
 */

/** Sources to add, per directive. */
export const AGORA_CSP_SOURCES: Readonly<Record<string, readonly string[]>> = {
  'script-src': ["'wasm-unsafe-eval'"],
  'worker-src': ['blob:'],
  'connect-src': ['https://*.agora.io:*', 'wss://*.agora.io:*', 'https://*.sd-rtn.com:*', 'wss://*.sd-rtn.com:*'],
};

/**
 * `csp` with the Agora sources added to its directives (new directives are appended).
 *
 * @example
 * withAgoraSources("script-src 'self'") // "script-src 'self' 'wasm-unsafe-eval'; worker-src blob:; connect-src https://*.agora.io:* …"
 */
export function withAgoraSources(csp: string): string {
  const directives = csp
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0] !== undefined && words[0] !== '');
  for (const [name, sources] of Object.entries(AGORA_CSP_SOURCES)) {
    const existing = directives.find((words) => words[0] === name);
    if (existing) existing.push(...sources.filter((source) => !existing.includes(source)));
    else directives.push([name, ...sources]);
  }
  return directives.map((words) => words.join(' ')).join('; ');
}
