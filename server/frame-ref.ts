/**
 * The id a refused frame is answered with (`ref`: a send's clientMsgId, a history,
 * conversations, search or desk request's requestId), found without parsing the frame: the rate limit refuses
 * frames before they are parsed, so a flood of junk costs no JSON parsing, yet a well-behaved
 * client that went too fast still learns which message to send again.
 */
import { isId } from 'support-widget/protocol';

/** Where clients put `type` and the ids (first, as `JSON.stringify` writes our frames): only this much is looked at. */
const PREFIX_BYTES = 512;
const TYPE = /"type"\s*:\s*"(send|history|conversations|search|desk)"/;
const REF_KEY: Record<string, RegExp> = {
  send: /"clientMsgId"\s*:\s*"([^"\\]{1,128})"/,
  history: /"requestId"\s*:\s*"([^"\\]{1,128})"/,
  conversations: /"requestId"\s*:\s*"([^"\\]{1,128})"/,
  search: /"requestId"\s*:\s*"([^"\\]{1,128})"/,
  desk: /"requestId"\s*:\s*"([^"\\]{1,128})"/,
};

/**
 * The frame's `ref` when its first bytes name it, else undefined. A best guess, never trusted:
 * it only labels an error sent back to the same socket.
 */
export function peekRef(data: Buffer): string | undefined {
  const prefix = data.toString('latin1', 0, Math.min(data.byteLength, PREFIX_BYTES));
  const type = TYPE.exec(prefix)?.[1];
  const key = type === undefined ? undefined : REF_KEY[type];
  const ref = key?.exec(prefix)?.[1];
  return isId(ref) ? ref : undefined;
}
