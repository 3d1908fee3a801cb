// The window's open sync conflicts (issue 7): the list the core keeps (`conflicts`), read again
// after every sync the window hears of, and resolving one (`resolve_conflict`). It only holds
// and fetches; what the session does around a resolution (save first, reload the entry, update
// the publish bar) is in session.svelte.ts, and the words are in conflictState.ts.
import type { ConflictResolution, EntryConflict, PublishOutcome } from '../bindings';
import { toErrorReport } from '../ipc';
import { conflicts as listConflicts, resolveConflict } from '../syncIpc';
import { conflictOf, conflictPaths } from './conflictState';

export interface ConflictDeps {
  list: () => Promise<EntryConflict[]>;
  resolve: (id: number, resolution: ConflictResolution) => Promise<PublishOutcome>;
}

export class Conflicts {
  /** The open conflicts, oldest first, with all three versions. */
  open = $state.raw<EntryConflict[]>([]);
  /** Set while a resolution runs (the buttons are disabled). */
  resolving = $state(false);
  /** Why the last resolution or reading failed, in words; cleared by the next success. */
  error = $state<string | null>(null);
  readonly paths = $derived(conflictPaths(this.open));

  #deps: ConflictDeps;
  #request = 0;

  constructor(deps: ConflictDeps = { list: listConflicts, resolve: resolveConflict }) {
    this.#deps = deps;
  }

  get count(): number {
    return this.open.length;
  }

  /** The open conflict of an entry file, if any. */
  of(path: string | null | undefined): EntryConflict | null {
    return conflictOf(this.open, path);
  }

  /**
   * Reads the open conflicts again. A failure keeps what was shown (a conflict does not vanish
   * because one read failed) and is remembered in `error`.
   */
  async refresh(): Promise<void> {
    const request = ++this.#request;
    try {
      const open = await this.#deps.list();
      // An older, slower answer must not overwrite a newer one.
      if (request !== this.#request) return;
      this.open = open;
      this.error = null;
    } catch (e) {
      if (request === this.#request) {
        this.error = `The list of conflicts could not be read: ${toErrorReport(e).message}`;
      }
    }
  }

  /**
   * Resolves conflict `id`: the core commits the choice (nothing for "keep theirs") and pushes.
   * Resolves to the outcome, or null with `error` set; the list is read again either way.
   */
  async resolve(id: number, resolution: ConflictResolution): Promise<PublishOutcome | null> {
    if (this.resolving) return null;
    this.resolving = true;
    this.error = null;
    let failure: string | null = null;
    try {
      return await this.#deps.resolve(id, resolution);
    } catch (e) {
      failure = `Not resolved: ${toErrorReport(e).message} Both versions are still kept; try again.`;
      return null;
    } finally {
      await this.refresh();
      // Set after the read, which clears its own errors only.
      if (failure !== null) this.error = failure;
      this.resolving = false;
    }
  }
}
