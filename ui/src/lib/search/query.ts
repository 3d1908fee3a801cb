// What the sidebar search asks the store and how its answer is narrowed and labelled: the
// filters sent with `search`, the editorial-state filter (applied here, from the entry list,
// since the index does not hold editorial states) and the words shown for a hit.
// Pure functions over the IPC types, unit-tested without a DOM.
import type { EditorialState, EntrySummary, SearchFilters, SearchHit } from '../bindings';
import { sameEntry } from '../keys';

/** The search's own filters; collection and language come from the sidebar's choices. */
export interface SearchExtras {
  /** An editorial state, or '' for any. */
  editorial: EditorialState | '';
  /** `YYYY-MM-DD` or ''. */
  from: string;
  to: string;
  /** A tag, or ''. */
  tag: string;
}

export const NO_EXTRAS: SearchExtras = { editorial: '', from: '', to: '', tag: '' };

/** How many hits are asked for; more when some are dropped afterwards by editorial state. */
export const LIMIT = 50;
export const LIMIT_FILTERED = 300;

export const EDITORIAL_LABELS: Record<EditorialState, string> = {
  draft: 'Draft',
  inReview: 'In review',
  ready: 'Ready',
  published: 'Published',
};

/** The filters the core's `search` command takes. Empty strings mean "any". */
export function toFilters(collection: string, language: string, extras: SearchExtras): SearchFilters {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    collection: opt(collection),
    language: opt(language),
    source: null,
    from: opt(extras.from),
    to: opt(extras.to),
    tag: opt(extras.tag),
    limit: extras.editorial === '' ? LIMIT : LIMIT_FILTERED,
  };
}

/** True when a filter beyond collection and language is set (the filter disclosure shows it). */
export function extrasActive(extras: SearchExtras): boolean {
  return extras.editorial !== '' || extras.from !== '' || extras.to !== '' || extras.tag.trim() !== '';
}

/** The entry-list row of a hit, if the list has it. */
export function entryOf(hit: SearchHit, entries: readonly EntrySummary[]): EntrySummary | undefined {
  return entries.find((e) => sameEntry(e.key, hit.key));
}

/**
 * The editorial state of a hit: its entry's, else what its source says (a published file
 * without a draft is published; a draft the list does not know yet is a draft).
 */
export function editorialOf(hit: SearchHit, entries: readonly EntrySummary[]): EditorialState {
  return entryOf(hit, entries)?.editorial.state ?? (hit.source === 'draft' ? 'draft' : 'published');
}

/** Keeps the hits in the chosen editorial state, in rank order, at most `LIMIT`. */
export function narrowHits(hits: readonly SearchHit[], entries: readonly EntrySummary[], editorial: EditorialState | ''): SearchHit[] {
  const kept = editorial === '' ? hits : hits.filter((h) => editorialOf(h, entries) === editorial);
  return kept.slice(0, LIMIT);
}

/** A stable id for a hit's row. */
export function hitId(hit: SearchHit): string {
  return hit.key.path !== null ? `path:${hit.key.path}` : `draft:${hit.key.draftId ?? ''}`;
}

/** Where a hit lives, for its second line: the file, or "not published yet". */
export function hitPlace(hit: SearchHit): string {
  return hit.key.path ?? 'Not published yet';
}
