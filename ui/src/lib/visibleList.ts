// The entry list as shown, kept between changes: when an autosave replaces one summary of a
// 10,000-entry list (a new time, title or state), only that row is taken out and put back in its
// sorted place, instead of filtering and sorting every entry again on the typist's time. Any
// other change (another filter, new search hits, a list of another length) sorts from scratch.
// The answer is always exactly what `visibleEntries` gives (the tests compare the two).
import type { EntrySummary } from './bindings';
import { compareEntries, entryMatcher, visibleEntries, type ListFilter } from './entryList';

/** More replaced summaries than this and a full sort is as quick. */
const MAX_PATCHED = 16;

function sameFilter(a: ListFilter, b: ListFilter): boolean {
  return (
    a.collection === b.collection &&
    a.query === b.query &&
    a.state === b.state &&
    a.language === b.language &&
    a.sort === b.sort
  );
}

export class VisibleList {
  #entries: readonly EntrySummary[] | null = null;
  #filter: ListFilter | null = null;
  #matches: ReadonlySet<string> | null | undefined = undefined;
  #conflicted: ReadonlySet<string> | undefined = undefined;
  #shown: EntrySummary[] = [];
  /** How many answers were patched rather than sorted (for the tests). */
  patched = 0;

  get(
    entries: readonly EntrySummary[],
    filter: ListFilter,
    matches?: ReadonlySet<string> | null,
    conflicted?: ReadonlySet<string>,
  ): EntrySummary[] {
    const before = this.#entries;
    const replaced =
      before !== null &&
      this.#filter !== null &&
      sameFilter(filter, this.#filter) &&
      matches === this.#matches &&
      conflicted === this.#conflicted
        ? replacedAt(before, entries)
        : null;
    const shown =
      replaced === null
        ? visibleEntries(entries, filter, matches, conflicted)
        : this.#patch(before!, entries, replaced, filter, matches, conflicted);
    this.#entries = entries;
    this.#filter = { ...filter };
    this.#matches = matches;
    this.#conflicted = conflicted;
    this.#shown = shown;
    return shown;
  }

  #patch(
    before: readonly EntrySummary[],
    entries: readonly EntrySummary[],
    replaced: number[],
    filter: ListFilter,
    matches: ReadonlySet<string> | null | undefined,
    conflicted: ReadonlySet<string> | undefined,
  ): EntrySummary[] {
    if (replaced.length === 0) return this.#shown;
    this.patched += 1;
    const keep = entryMatcher(filter, matches, conflicted);
    const compare = compareEntries(filter.sort);
    const shown = this.#shown.slice();
    for (const i of replaced) {
      const old = before[i]!;
      const at = shown.indexOf(old);
      if (at >= 0) shown.splice(at, 1);
      const now = entries[i]!;
      if (!keep(now)) continue;
      // The first row that sorts after the new one (compare never ties: ids differ).
      let lo = 0;
      let hi = shown.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(shown[mid]!, now) < 0) lo = mid + 1;
        else hi = mid;
      }
      shown.splice(lo, 0, now);
    }
    return shown;
  }
}

/** The indices whose summary was replaced, or null when the lists differ in more than that. */
function replacedAt(before: readonly EntrySummary[], after: readonly EntrySummary[]): number[] | null {
  if (before === after) return [];
  if (before.length !== after.length) return null;
  const out: number[] = [];
  for (let i = 0; i < after.length; i++) {
    if (before[i] !== after[i]) {
      out.push(i);
      if (out.length > MAX_PATCHED) return null;
    }
  }
  return out;
}
