// The kept entry list: after each replaced summary (what an autosave does), the patched answer
// is exactly the full filter-and-sort's, for every sort order and filter; other changes sort again.
import { describe, expect, it } from 'vitest';
import type { EntryState, EntrySummary } from './bindings';
import { DEFAULT_FILTER, visibleEntries, type ListFilter, type SortOrder } from './entryList';
import { VisibleList } from './visibleList';

function rng(seed: number) {
  let s = seed;
  return (below: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % below;
  };
}

const WORDS = ['Luleå', 'Kirkenes', 'Мурманск', 'forum', 'youth', 'Sámi', 'health', 'road', ''];
const STATES: EntryState[] = ['new', 'modified', 'published'];

function summary(i: number, next: (n: number) => number): EntrySummary {
  const draft = next(5) === 0;
  return {
    key: { draftId: draft ? i : null, path: draft ? null : `content/articles/e-${i}.md` },
    collection: next(3) === 0 ? 'interviews' : 'articles',
    language: next(4) === 0 ? 'ru' : 'en',
    // Few distinct dates and titles, so ties are common and the tie-break is exercised.
    date: next(6) === 0 ? null : `2026-0${1 + next(3)}-1${next(3)}`,
    title: `${WORDS[next(WORDS.length)]} ${WORDS[next(WORDS.length)]}`.trim(),
    state: STATES[next(3)]!,
    savedAt: next(3) === 0 ? null : next(50),
    editorial: { state: 'published', by: null, at: null },
    translations: [],
  };
}

describe('the kept entry list', () => {
  const sorts: SortOrder[] = ['date-desc', 'date-asc', 'title', 'edited'];
  const filters: Partial<ListFilter>[] = [{}, { state: 'modified' }, { language: 'ru', collection: 'articles' }, { query: 'lulea' }];

  for (const sort of sorts) {
    for (const extra of filters) {
      it(`matches a full sort after each autosave (${sort}, ${JSON.stringify(extra)})`, () => {
        const next = rng(sorts.indexOf(sort) * 31 + filters.indexOf(extra) + 1);
        let entries = Array.from({ length: 400 }, (_, i) => summary(i, next));
        const filter = { ...DEFAULT_FILTER, sort, ...extra };
        const list = new VisibleList();
        expect(list.get(entries, filter)).toEqual(visibleEntries(entries, filter));
        for (let step = 0; step < 60; step++) {
          const at = next(entries.length);
          const old = entries[at]!;
          // A save: a new time, sometimes a new title or state, once in a while a new key.
          const now: EntrySummary = {
            ...old,
            savedAt: 100 + step,
            title: next(3) === 0 ? `${WORDS[next(WORDS.length)]} ${step}` : old.title,
            state: next(4) === 0 ? 'modified' : old.state,
            key: old.key.path === null && next(2) === 0 ? { draftId: old.key.draftId, path: `content/articles/saved-${step}.md` } : old.key,
          };
          entries = entries.map((e, i) => (i === at ? now : e));
          expect(list.get(entries, filter)).toEqual(visibleEntries(entries, filter));
        }
        expect(list.patched).toBe(60);
      });
    }
  }

  it('gives back the same array when nothing changed, and sorts again for a new filter', () => {
    const next = rng(7);
    const entries = Array.from({ length: 50 }, (_, i) => summary(i, next));
    const list = new VisibleList();
    const first = list.get(entries, DEFAULT_FILTER);
    expect(list.get(entries, { ...DEFAULT_FILTER })).toBe(first);
    const byTitle = { ...DEFAULT_FILTER, sort: 'title' as const };
    expect(list.get(entries, byTitle)).toEqual(visibleEntries(entries, byTitle));
    const shorter = entries.slice(1);
    expect(list.get(shorter, byTitle)).toEqual(visibleEntries(shorter, byTitle));
    const hits = new Set(['path:content/articles/e-3.md']);
    const searched = { ...byTitle, query: 'nothing-matches-this' };
    expect(list.get(shorter, searched, hits)).toEqual(visibleEntries(shorter, searched, hits));
    expect(list.patched).toBe(0);
  });
});
