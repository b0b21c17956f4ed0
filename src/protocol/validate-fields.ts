/**
 * The field checkers every inbound-frame validator shares (`validate.ts`, `validate-desk.ts`):
 * each reads one field of a parsed JSON object and returns it typed, or throws `InvalidFrame`,
 * which `parseClientFrame` turns into a coded `ParseResult`.
 */
import type { ErrorCode } from './model.js';
import { LIMITS } from './model.js';

/** Characters allowed in ids (conversation, clientMsgId, requestId, callId, attachment id). */
const ID_PATTERN = /^[A-Za-z0-9_.:@-]+$/;

/** A parsed JSON object, not yet checked. */
export type JsonObject = Record<string, unknown>;

/** True when `value` is a string usable as an id: 1..LIMITS.maxIdChars of `[A-Za-z0-9_.:@-]`. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= LIMITS.maxIdChars && ID_PATTERN.test(value);
}

/** Thrown inside the validators; turned into a `ParseResult` at the top. */
export class InvalidFrame extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses the frame being parsed. */
export function fail(message: string, code: ErrorCode = 'bad-frame'): never {
  throw new InvalidFrame(code, message);
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, field: string): JsonObject {
  if (!isObject(value)) fail(`${field} must be an object`);
  return value;
}

export function requireString(o: JsonObject, key: string, max: number): string {
  const value = o[key];
  if (typeof value !== 'string') fail(`${key} must be a string`);
  if (value.length > max) fail(`${key} is longer than ${max} characters`);
  return value;
}

export function optionalString(o: JsonObject, key: string, max: number): string | undefined {
  return o[key] === undefined ? undefined : requireString(o, key, max);
}

export function requireId(o: JsonObject, key: string): string {
  const value = o[key];
  if (!isId(value)) fail(`${key} must be an id (1-${LIMITS.maxIdChars} of A-Z a-z 0-9 _ . : @ -)`);
  return value;
}

export function requireInt(o: JsonObject, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${key} must be an integer in [${min}, ${max}]`);
  }
  return value;
}

export function optionalInt(o: JsonObject, key: string, min: number, max?: number): number | undefined {
  return o[key] === undefined ? undefined : requireInt(o, key, min, max);
}

export function requireOneOf<T extends string>(o: JsonObject, key: string, values: readonly T[]): T {
  const value = o[key];
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    fail(`${key} must be one of ${values.join(', ')}`);
  }
  return value as T;
}

export function optionalOneOf<T extends string>(o: JsonObject, key: string, values: readonly T[]): T | undefined {
  return o[key] === undefined ? undefined : requireOneOf(o, key, values);
}
