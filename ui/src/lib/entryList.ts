// What the entry list shows: which entries match the chosen collection, state, language and
// search text, in which order. Pure functions over EntrySummary, so they are unit-tested without
// a DOM; the search text is folded so "lulea" finds "Luleå" and "karasjohka" finds "Kárášjohka".
import type { EditorialState, EntryState, EntrySummary } from './bindings';

export type SortOrder = 'date-desc' | 'date-asc' | 'title' | 'edited';
/**
 * A publication state, or an editorial state a person sets (in review, ready), or 'conflict'
 * (wt-conflicts: held back by a sync conflict, known from the open conflicts' files).
 */
export type StateFilter = 'all' | EntryState | Extract<EditorialState, 'inReview' | 'ready'> | 'conflict';

/** Whether an entry is in the state a filter asks for (`conflicted`: files with open conflicts). */
export function inState(e: EntrySummary, state: StateFilter, conflicted?: ReadonlySet<string>): boolean {
  if (state === 'all') return true;
  if (state === 'conflict') return e.key.path !== null && (conflicted?.has(e.key.path) ?? false);
  if (state === 'inReview' || state === 'ready') return e.editorial.state === state;
  return e.state === state;
}

export interface ListFilter {
  /** A collection id, or '' for every collection. */
  collection: string;
  query: string;
  state: StateFilter;
  /** A language code, or '' for every language. */
  language: string;
  sort: SortOrder;
}

export const DEFAULT_FILTER: ListFilter = {
  collection: '',
  query: '',
  state: 'all',
  language: '',
  sort: 'date-desc',
};

export const SORT_LABELS: Record<SortOrder, string> = {
  'date-desc': 'Newest first',
  'date-asc': 'Oldest first',
  title: 'Title A–Z',
  edited: 'Last edited',
};

/** Letters that Unicode does not decompose into a base letter plus an accent. */
const FOLD_EXTRA: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  đ: 'd',
  ŧ: 't',
  ŋ: 'n',
  ß: 'ss',
  ł: 'l',
};

/** Letters whose accent makes another letter: kept as they are. */
const KEEP = new Set(['й']);

/**
 * Lower case, accents removed, Nordic and Sámi letters mapped to their base letters, runs of
 * white space made one space. Cyrillic stays Cyrillic (ё folds to е, as Russian readers expect
 * in search; й stays й).
 */
export function fold(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLocaleLowerCase()) {
    if (KEEP.has(ch)) {
      out += ch;
      continue;
    }
    for (const part of ch.normalize('NFD')) {
      // Combining marks (U+0300–U+036F) are the accents NFD split off.
      const code = part.codePointAt(0) ?? 0;
      if (code >= 0x300 && code <= 0x36f) continue;
      out += FOLD_EXTRA[part] ?? part;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** True when every word of the query occurs in the text (folded, in any order). */
export function matchesQuery(text: string, query: string): boolean {
  const words = fold(query).split(' ').filter((w) => w !== '');
  if (words.length === 0) return true;
  const hay = fold(text);
  return words.every((w) => hay.includes(w));
}

/** Dates sort as written (ISO dates and RFC 3339 times sort as strings); none sorts last. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function titleOf(e: EntrySummary): string {
  return e.title.trim() === '' ? '\uffff' : e.title;
}

/** Entries that sort alike (same date and title) keep one order: by file, then draft. */
function byId(a: EntrySummary, b: EntrySummary): number {
  const x = entryId(a);
  const y = entryId(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export function compareEntries(sort: SortOrder): (a: EntrySummary, b: EntrySummary) => number {
  switch (sort) {
    case 'date-desc':
      return (a, b) => {
        if (a.date === null || b.date === null) return compareDates(a.date, b.date) || collator.compare(titleOf(a), titleOf(b)) || byId(a, b);
        return compareDates(b.date, a.date) || collator.compare(titleOf(a), titleOf(b)) || byId(a, b);
      };
    case 'date-asc':
      return (a, b) => compareDates(a.date, b.date) || collator.compare(titleOf(a), titleOf(b)) || byId(a, b);
    case 'title':
      return (a, b) => collator.compare(titleOf(a), titleOf(b)) || byId(a, b);
    case 'edited':
      return (a, b) => (b.savedAt ?? -1) - (a.savedAt ?? -1) || collator.compare(titleOf(a), titleOf(b)) || byId(a, b);
  }
}

/**
 * The entries to list. `matches`, when given, is the set of entry ids (see `entryId`) that the
 * store's full-text search found; titles are always searched here as well, so the list answers
 * as one types even before the store does.
 */
export function visibleEntries(
  entries: readonly EntrySummary[],
  filter: ListFilter,
  matches?: ReadonlySet<string> | null,
  conflicted?: ReadonlySet<string>,
): EntrySummary[] {
  return entries.filter(entryMatcher(filter, matches, conflicted)).sort(compareEntries(filter.sort));
}

/** Whether an entry belongs in the list `filter` (with the store's `matches`) asks for. */
export function entryMatcher(
  filter: ListFilter,
  matches?: ReadonlySet<string> | null,
  conflicted?: ReadonlySet<string>,
): (e: EntrySummary) => boolean {
  // Folded once per query, and each title once per summary, not per keystroke (10,000 rows).
  const words = fold(filter.query).split(' ').filter((w) => w !== '');
  const inTitle = (e: EntrySummary) => {
    if (words.length === 0) return true;
    let hay = foldedTitles.get(e);
    if (hay === undefined) {
      hay = fold(e.title);
      foldedTitles.set(e, hay);
    }
    const title = hay;
    return words.every((w) => title.includes(w));
  };
  return (e) =>
    (filter.collection === '' || e.collection === filter.collection) &&
    inState(e, filter.state, conflicted) &&
    (filter.language === '' || e.language === filter.language) &&
    (inTitle(e) || (matches?.has(entryId(e)) ?? false));
}

/** Folded titles by summary: a summary is replaced, never changed, when its title changes. */
const foldedTitles = new WeakMap<EntrySummary, string>();

/** A stable id for an entry row: its file once it has one, else its draft. */
export function entryId(e: Pick<EntrySummary, 'key'>): string {
  return e.key.path !== null ? `path:${e.key.path}` : `draft:${e.key.draftId ?? ''}`;
}

/** How many entries each collection has (for the counts in the collection list). */
export function countByCollection(entries: readonly EntrySummary[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.collection, (counts.get(e.collection) ?? 0) + 1);
  return counts;
}

/** The languages entries are written in, in a stable order, for the language filter. */
export function languagesOf(entries: readonly EntrySummary[]): string[] {
  const set = new Set<string>();
  for (const e of entries) if (e.language) set.add(e.language);
  return [...set].sort();
}
