import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a lazily loaded part of an element is: not asked for, on its way, usable, or failed. */
export type LazyModuleState = 'idle' | 'loading' | 'ready' | 'failed';

/** Longest wait for an idle moment before preloading anyway. */
const IDLE_TIMEOUT_MS = 4000;
/** Where there is no `requestIdleCallback` (Safari): preload this long after connecting. */
const NO_IDLE_CALLBACK_DELAY_MS = 1500;

export interface LazyModuleOptions<T> {
  /** Imports the module (dynamic `import()`) and builds what the host needs from it. */
  load(): Promise<T>;
  /** An attempt failed (the host decides whether the user must hear of it). */
  failed?(error: unknown): void;
}

/**
 * Loads a part of an element on demand, so the page downloads it only when needed: on `load()`
 * (e.g. when a panel is first opened) or, as a preload, when the browser is idle after the host
 * connects. One attempt at a time; after a failure the next `load()` tries again. Re-renders the
 * host when the module arrives or fails.
 */
export class LazyModuleController<T> implements ReactiveController {
  private loaded: T | undefined;
  private attempt: Promise<T> | undefined;
  private lastError: unknown;
  private idle: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LazyModuleOptions<T>,
  ) {
    host.addController(this);
  }

  /** What `load` built, once it has. */
  get value(): T | undefined {
    return this.loaded;
  }

  get state(): LazyModuleState {
    if (this.loaded !== undefined) return 'ready';
    if (this.attempt) return 'loading';
    return this.lastError === undefined ? 'idle' : 'failed';
  }

  /** The attempt under way, settling (never rejecting) when it ends; undefined when none is. */
  get settling(): Promise<unknown> | undefined {
    return this.attempt?.catch(() => undefined);
  }

  /** Loads the module now (if it is not loaded or on its way). */
  load(): Promise<T> {
    if (this.loaded !== undefined) return Promise.resolve(this.loaded);
    this.attempt ??= this.options.load().then(
      (value) => {
        this.loaded = value;
        this.attempt = undefined;
        this.lastError = undefined;
        this.host.requestUpdate();
        return value;
      },
      (error: unknown) => {
        this.attempt = undefined;
        this.lastError = error ?? new Error('load failed');
        this.host.requestUpdate();
        this.options.failed?.(error);
        throw error;
      },
    );
    return this.attempt;
  }

  hostConnected(): void {
    if (this.state !== 'idle' || typeof window === 'undefined') return;
    const preload = (): void => {
      this.idle = undefined;
      this.load().catch(() => undefined); // a failed preload is retried when the part is needed
    };
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(preload, { timeout: IDLE_TIMEOUT_MS });
      this.idle = () => window.cancelIdleCallback(handle);
    } else {
      const timer = setTimeout(preload, NO_IDLE_CALLBACK_DELAY_MS);
      this.idle = () => clearTimeout(timer);
    }
  }

  hostDisconnected(): void {
    this.idle?.();
    this.idle = undefined;
  }
}
