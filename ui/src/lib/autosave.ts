// The autosave scheduler: debounced, never more than `maxWaitMs` behind the first unsaved change,
// strictly one save in flight at a time; after a failed save it keeps saying so (never "saved")
// until a save succeeds, and tries again with growing pauses. Plain TypeScript with no Svelte or
// IPC knowledge: the caller supplies `save()`, which reads the latest text itself when it runs.

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface AutosaveSnapshot {
  /**
   * `saving` from the first unsaved change until it is stored; `error` from a failed save until
   * a save succeeds (also while changes are made and retried meanwhile).
   */
  status: SaveStatus;
  /** The rejection value of the last failed save, until a save succeeds; else null. */
  error: unknown;
  /** True while there are changes not yet handed to a save. */
  dirty: boolean;
  /** Failed saves in a row (0 after a success). */
  failures: number;
  /** When the next automatic retry starts (ms since the epoch), or null when none is planned. */
  retryAt: number | null;
}

export interface AutosaveOptions {
  /** Stores the current text. It is never called again before its promise settles. */
  save: () => Promise<void>;
  /** Quiet time after the last change before saving. */
  debounceMs?: number;
  /** Upper bound between the first unsaved change and the start of its save, even while typing. */
  maxWaitMs?: number;
  /**
   * After a failed save, try again after this long, doubling after each further failure up to
   * `retryMaxMs` (null: no automatic retry; the next change or flush tries again).
   */
  retryMs?: number | null;
  retryMaxMs?: number;
  onChange?: (snapshot: AutosaveSnapshot) => void;
}

export class Autosaver {
  readonly debounceMs: number;
  readonly maxWaitMs: number;
  readonly retryMs: number | null;
  readonly retryMaxMs: number;
  readonly #save: () => Promise<void>;
  readonly #onChange: ((snapshot: AutosaveSnapshot) => void) | undefined;

  #timer: ReturnType<typeof setTimeout> | null = null;
  #dirty = false;
  #firstDirtyAt: number | null = null;
  #inFlight: Promise<boolean> | null = null;
  /** The timer fired while a save was in flight: save again as soon as it settles. */
  #runWhenIdle = false;
  #status: SaveStatus = 'idle';
  #error: unknown = null;
  #failures = 0;
  #retryAt: number | null = null;

  constructor(options: AutosaveOptions) {
    this.#save = options.save;
    this.#onChange = options.onChange;
    this.debounceMs = options.debounceMs ?? 600;
    this.maxWaitMs = Math.max(options.maxWaitMs ?? 1000, this.debounceMs);
    this.retryMs = options.retryMs === undefined ? 2000 : options.retryMs;
    this.retryMaxMs = Math.max(options.retryMaxMs ?? 15_000, this.retryMs ?? 0);
  }

  /** The pause before retry number `failures` (1, 2, …): retryMs, doubled each time, capped. */
  retryDelay(failures: number): number | null {
    if (this.retryMs === null) return null;
    return Math.min(this.retryMs * 2 ** Math.max(0, failures - 1), this.retryMaxMs);
  }

  get failures(): number {
    return this.#failures;
  }

  get status(): SaveStatus {
    return this.#status;
  }

  get error(): unknown {
    return this.#error;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  get saving(): boolean {
    return this.#inFlight !== null;
  }

  snapshot(): AutosaveSnapshot {
    return {
      status: this.#status,
      error: this.#error,
      dirty: this.#dirty,
      failures: this.#failures,
      retryAt: this.#retryAt,
    };
  }

  /** Records that the text changed; a save will start within `maxWaitMs`. */
  touch(): void {
    const now = Date.now();
    this.#dirty = true;
    if (this.#firstDirtyAt === null) this.#firstDirtyAt = now;
    if (this.#failures > 0 && this.retryMs !== null) {
      // Saving is failing: the change waits for the planned retry (typing does not hammer a
      // full disk); flush() or "try again" saves at once. The error stays shown meanwhile.
      if (this.#timer === null && !this.#inFlight) this.#armRetry();
      this.#setStatus('error', this.#error);
      return;
    }
    const untilDeadline = this.#firstDirtyAt + this.maxWaitMs - now;
    this.#arm(Math.max(0, Math.min(this.debounceMs, untilDeadline)));
    this.#setStatus(this.#failures > 0 ? 'error' : 'saving', this.#failures > 0 ? this.#error : null);
  }

  /**
   * Saves now whatever is unsaved, waiting for a save already in flight first.
   * Resolves true when everything touched before the call is stored, false if the save failed.
   */
  async flush(): Promise<boolean> {
    this.#clearTimer();
    this.#runWhenIdle = false;
    while (this.#inFlight) await this.#inFlight;
    if (this.#dirty) return this.#run();
    return this.#status !== 'error';
  }

  /** Forgets all state (after a flush, when another entry is opened). Never call during a save. */
  reset(): void {
    this.#clearTimer();
    this.#dirty = false;
    this.#firstDirtyAt = null;
    this.#runWhenIdle = false;
    this.#failures = 0;
    this.#setStatus('idle', null);
  }

  /** Stops all timers; pending changes are dropped unless flushed first. */
  dispose(): void {
    this.#clearTimer();
    this.#dirty = false;
    this.#runWhenIdle = false;
  }

  #arm(ms: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => this.#onTimer(), ms);
  }

  #armRetry(): void {
    const delay = this.retryDelay(this.#failures);
    if (delay === null) return;
    this.#arm(delay);
    this.#retryAt = Date.now() + delay;
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#retryAt = null;
  }

  #onTimer(): void {
    this.#timer = null;
    this.#retryAt = null;
    if (!this.#dirty) return;
    if (this.#inFlight) {
      this.#runWhenIdle = true;
      return;
    }
    void this.#run();
  }

  async #run(): Promise<boolean> {
    this.#clearTimer();
    this.#dirty = false;
    this.#firstDirtyAt = null;
    this.#runWhenIdle = false;
    // After a failure the status stays `error` until a save gets through.
    if (this.#failures > 0) this.#setStatus('error', this.#error);
    else this.#setStatus('saving', null);

    const attempt = (async () => {
      try {
        await this.#save();
        return true;
      } catch (e) {
        // The text is still in the editor; mark it unsaved so the next change or flush retries.
        this.#dirty = true;
        this.#error = e;
        return false;
      }
    })();
    this.#inFlight = attempt;
    const ok = await attempt;
    this.#inFlight = null;

    if (ok) {
      this.#failures = 0;
      if (this.#runWhenIdle && this.#dirty) {
        // Changes arrived during the save and their deadline has already passed.
        void this.#run();
        return ok;
      }
      // Changes made during the save keep their own pending timer.
      this.#setStatus(this.#dirty ? 'saving' : 'saved', null);
    } else {
      this.#runWhenIdle = false;
      this.#failures += 1;
      // A pending debounce (a change during the save) gives way to the backoff.
      if (this.retryMs !== null) this.#armRetry();
      this.#setStatus('error', this.#error);
    }
    return ok;
  }

  #setStatus(status: SaveStatus, error: unknown): void {
    this.#status = status;
    this.#error = error;
    this.#onChange?.(this.snapshot());
  }
}
