/** The part of the Web Locks API used here. */
interface LockManagerLike {
  request<T>(name: string, options: { signal?: AbortSignal }, callback: () => Promise<T>): Promise<T>;
}

/**
 * Runs `task` while holding the lock `name` across the tabs (and workers) of the origin: waits
 * while another tab holds it, and releases it when the task settles or the tab goes away.
 * Rejects (an `AbortError`) when `signal` aborts the wait.
 */
export type TabLock = <T>(name: string, task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/** Web Locks (`navigator.locks`) when the environment has them; else the task runs at once (one tab, or Node). */
export function webLocks(): TabLock {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (!locks || typeof locks.request !== 'function') return (_name, task) => task();
  return (name, task, signal) => locks.request(name, signal ? { signal } : {}, task);
}
