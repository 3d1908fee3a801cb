// The autosave scheduler: debounced, never more than `maxWaitMs` behind the first unsaved change,
// strictly one save in flight at a time. Plain TypeScript with no Svelte or IPC knowledge:
// the caller supplies `save()`, which reads the latest text itself when it runs.

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface AutosaveSnapshot {
  /** `saving` from the first unsaved change until it is stored; `error` after a failed save. */
  status: SaveStatus;
  /** The rejection value of the last failed save, else null. */
  error: unknown;
  /** True while there are changes not yet handed to a save. */
  dirty: boolean;
}

export interface AutosaveOptions {
  /** Stores the current text. It is never called again before its promise settles. */
  save: () => Promise<void>;
  /** Quiet time after the last change before saving. */
  debounceMs?: number;
  /** Upper bound between the first unsaved change and the start of its save, even while typing. */
  maxWaitMs?: number;
  /** After a failed save with no new change, try again after this long (null: only on the next change). */
  retryMs?: number | null;
  onChange?: (snapshot: AutosaveSnapshot) => void;
}

export class Autosaver {
  readonly debounceMs: number;
  readonly maxWaitMs: number;
  readonly retryMs: number | null;
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

  constructor(options: AutosaveOptions) {
    this.#save = options.save;
    this.#onChange = options.onChange;
    this.debounceMs = options.debounceMs ?? 600;
    this.maxWaitMs = Math.max(options.maxWaitMs ?? 1000, this.debounceMs);
    this.retryMs = options.retryMs === undefined ? 5000 : options.retryMs;
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
    return { status: this.#status, error: this.#error, dirty: this.#dirty };
  }

  /** Records that the text changed; a save will start within `maxWaitMs`. */
  touch(): void {
    const now = Date.now();
    this.#dirty = true;
    if (this.#firstDirtyAt === null) this.#firstDirtyAt = now;
    const untilDeadline = this.#firstDirtyAt + this.maxWaitMs - now;
    this.#arm(Math.max(0, Math.min(this.debounceMs, untilDeadline)));
    this.#setStatus('saving', null);
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

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }

  #onTimer(): void {
    this.#timer = null;
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
    this.#setStatus('saving', null);

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

    if (this.#runWhenIdle && this.#dirty) {
      // Changes arrived during the save and their deadline has already passed.
      void this.#run();
      return ok;
    }
    if (ok) {
      // Changes made during the save keep their own pending timer.
      this.#setStatus(this.#dirty ? 'saving' : 'saved', null);
    } else {
      this.#setStatus('error', this.#error);
      if (this.#timer === null && this.retryMs !== null) this.#arm(this.retryMs);
    }
    return ok;
  }

  #setStatus(status: SaveStatus, error: unknown): void {
    this.#status = status;
    this.#error = error;
    this.#onChange?.(this.snapshot());
  }
}
