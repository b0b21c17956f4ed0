/**
 * React event props from an element's event map: `support-message` becomes `onSupportMessage`,
 * typed with the event's `CustomEvent<detail>` (the `events` option of `@lit/react`).
 */
import type { EventName } from '@lit/react';

/** `support-call-state` → `SupportCallState`. */
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** `{ onSupportMessage: EventName<CustomEvent<SupportMessageDetail>>, ... }` for an event map. */
export type ReactEventNames<M> = {
  [K in keyof M & string as `on${PascalCase<K>}`]: EventName<M[K] extends Event ? M[K] : never>;
};

/**
 * The `events` option of `createComponent()` for every event of the map `M`. `names` lists them
 * all (a `Record` over the map's keys, so an event added to the map and not here fails to compile).
 */
export function reactEvents<M>(names: Record<keyof M & string, true>): ReactEventNames<M> {
  const events: Record<string, string> = {};
  for (const name of Object.keys(names)) {
    events[`on${name.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase())}`] = name;
  }
  return events as ReactEventNames<M>;
}
