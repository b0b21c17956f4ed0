import { LIMITS } from './model.js';

/** Control characters (C0 with tab and line breaks, DEL, C1): never part of a query anyone typed into one line. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Why the relay would refuse a desk search query (blank, longer than `LIMITS.maxSearchChars`,
 * control characters), or undefined when it is fine. The client and the relay apply the same rule.
 *
 * @example
 * if (searchQueryProblem(input.value) === undefined) await client.searchConversations(input.value);
 */
export function searchQueryProblem(query: string): string | undefined {
  if (query.trim() === '') return 'query must not be blank';
  if (query.length > LIMITS.maxSearchChars) return `query is longer than ${LIMITS.maxSearchChars} characters`;
  if (CONTROL_CHARACTERS.test(query)) return 'query must not contain control characters';
  return undefined;
}
