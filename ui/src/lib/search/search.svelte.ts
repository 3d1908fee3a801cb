// The sidebar search's state: brings the site's index up to date when a site opens, asks the
// store as one types (debounced; an older answer never replaces a newer one) and keeps the
// ranked hits. Knows nothing of the DOM; only ipc.ts talks to Rust.
import type { SearchFilters, SearchHit } from '../bindings';
import { NO_EXTRAS, type SearchExtras } from './query';
import * as ipc from '../ipc';
import { toErrorReport } from '../ipc';

export class SiteSearch {
  /** The store's hits for `answered`, best first. */
  hits = $state.raw<SearchHit[]>([]);
  /** The query (with its filters) the hits answer; '' before the first answer. */
  answered = $state('');
  /** True from a change of query until its answer arrives. */
  pending = $state(false);
  error = $state<string | null>(null);
  /** Set while the site is being indexed, and to the failure when indexing failed. */
  indexing = $state(false);
  indexError = $state<string | null>(null);
  /** The search's own filters (editorial state, dates, tag); kept while the box is cleared. */
  extras = $state<SearchExtras>({ ...NO_EXTRAS });

  readonly debounceMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #request = 0;
  #last: { query: string; filters: SearchFilters } | null = null;

  constructor(options: { debounceMs?: number } = {}) {
    this.debounceMs = options.debounceMs ?? 120;
  }

  /**
   * Brings the open site's index up to date (published files by blob id, drafts by save time),
   * then asks the last query again, so hits never come from a half-built index for long.
   */
  async indexSite(): Promise<void> {
    this.indexing = true;
    try {
      await ipc.indexSite();
      this.indexError = null;
    } catch (e) {
      this.indexError =
        `The search index could not be brought up to date: ${toErrorReport(e).message} ` +
        'Search may miss published entries until it is; it tries again when the site is opened.';
    } finally {
      this.indexing = false;
    }
    if (this.#last) await this.run(this.#last.query, this.#last.filters);
  }

  /** Asks for `query` after a short quiet time; an empty query clears the hits at once. */
  schedule(query: string, filters: SearchFilters): void {
    this.#clearTimer();
    if (query.trim() === '') {
      this.clear();
      return;
    }
    this.pending = true;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run(query, filters);
    }, this.debounceMs);
  }

  /** Asks now. Resolves when this answer (or a newer one) is shown. */
  async run(query: string, filters: SearchFilters): Promise<void> {
    this.#clearTimer();
    const request = ++this.#request;
    this.#last = { query, filters };
    if (query.trim() === '') {
      this.clear();
      return;
    }
    this.pending = true;
    try {
      const hits = await ipc.search(query, filters);
      if (request !== this.#request) return;
      this.hits = hits;
      this.error = null;
    } catch (e) {
      if (request !== this.#request) return;
      this.hits = [];
      this.error = toErrorReport(e).message;
    }
    this.answered = query;
    this.pending = false;
  }

  /** Asks the last query again (after a save, a restore or an index run). */
  async refresh(): Promise<void> {
    if (this.#last && this.#last.query.trim() !== '') await this.run(this.#last.query, this.#last.filters);
  }

  clear(): void {
    this.#clearTimer();
    this.#request++;
    this.#last = null;
    this.hits = [];
    this.answered = '';
    this.pending = false;
    this.error = null;
  }

  dispose(): void {
    this.#clearTimer();
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
