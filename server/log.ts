/**
 * The relay's operational log: structured events, one JSON line each on stderr in the CLI
 * (`{"t":"2025-01-01T00:00:00.000Z","level":"info","event":"ws-connect","user":"ana",...}`).
 *
 * What never goes in a field: message bodies, file names, tokens, secrets, full URLs with their
 * query string (use the path). Callers pass ids, codes, counts and sizes.
 */

export type LogLevel = 'info' | 'warn' | 'error';

/** A field value: a scalar, or undefined to leave the field out. */
export type LogValue = string | number | boolean | null | undefined;

/** One event: what happened (`event`, kebab-case) at which level, plus flat scalar fields. */
export interface LogEvent {
  level: LogLevel;
  event: string;
  [field: string]: LogValue;
}

/** Where the relay sends its events (`RelayServerOptions.log`). */
export type RelayLog = (event: LogEvent) => void;

/** A logger that drops everything (the library default). */
export const silentLog: RelayLog = () => undefined;

/** The JSON line of an event, timestamped `t` (ISO 8601) and with `level` and `event` first. */
export function formatLogLine(entry: LogEvent, now: Date = new Date()): string {
  const { level, event, ...fields } = entry;
  return JSON.stringify({ t: now.toISOString(), level, event, ...fields });
}

/** A logger writing one JSON line per event, to stderr unless told otherwise. */
export function jsonLog(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): RelayLog {
  return (entry) => write(formatLogLine(entry));
}

/** The message of an error (never its cause chain or a stack: those can quote input). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
