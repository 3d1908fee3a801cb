// What the search sends and how its answer is narrowed: filters from the sidebar's choices,
// the editorial-state filter joined with the entry list, and stable ids for the hit rows.
import { describe, expect, it } from 'vitest';
import type { EntrySummary, SearchHit } from '../bindings';
import { LIMIT, LIMIT_FILTERED, NO_EXTRAS, editorialOf, extrasActive, hitId, hitPlace, narrowHits, toFilters } from './query';

const hit = (over: Partial<SearchHit> & { title: string }): SearchHit => ({
  key: { draftId: null, path: `content/articles/${over.title.toLowerCase()}.md` },
  source: 'published',
  collection: 'articles',
  language: 'en',
  date: null,
  titleParts: [{ text: over.title, hit: false }],
  snippet: [],
  rank: -1,
  ...over,
});

const entry = (h: SearchHit, editorial: EntrySummary['editorial']['state']): EntrySummary => ({
  key: h.key,
  collection: h.collection,
  language: h.language,
  title: h.title,
  date: h.date,
  state: editorial === 'published' ? 'published' : 'modified',
  savedAt: null,
  translations: [],
  editorial: { state: editorial, by: 'Ingrid', at: 5 },
});

describe('toFilters', () => {
  it('sends empty choices as null and trims them', () => {
    expect(toFilters('', '', NO_EXTRAS)).toEqual({
      collection: null,
      language: null,
      source: null,
      from: null,
      to: null,
      tag: null,
      limit: LIMIT,
    });
    expect(toFilters('events', 'ru', { editorial: '', from: '2026-01-01', to: '2026-12-31', tag: ' culture ' })).toEqual({
      collection: 'events',
      language: 'ru',
      source: null,
      from: '2026-01-01',
      to: '2026-12-31',
      tag: 'culture',
      limit: LIMIT,
    });
  });

  it('asks for more hits when some will be dropped by editorial state', () => {
    expect(toFilters('', '', { ...NO_EXTRAS, editorial: 'ready' }).limit).toBe(LIMIT_FILTERED);
  });

  it('knows when a filter beyond collection and language is set', () => {
    expect(extrasActive(NO_EXTRAS)).toBe(false);
    expect(extrasActive({ ...NO_EXTRAS, tag: '  ' })).toBe(false);
    expect(extrasActive({ ...NO_EXTRAS, to: '2026-01-01' })).toBe(true);
    expect(extrasActive({ ...NO_EXTRAS, editorial: 'inReview' })).toBe(true);
  });
});

describe('narrowHits', () => {
  const a = hit({ title: 'Luleå' });
  const b = hit({ title: 'Kirkenes', key: { draftId: 7, path: 'content/articles/kirkenes.md' }, source: 'draft' });
  const c = hit({ title: 'Murmansk', key: { draftId: 9, path: null }, source: 'draft' });
  const entries = [entry(a, 'published'), entry({ ...b, key: { draftId: 7, path: null } }, 'inReview')];

  it('reads the editorial state from the entry list, matching by draft or by file', () => {
    expect(editorialOf(a, entries)).toBe('published');
    expect(editorialOf(b, entries)).toBe('inReview');
    // Not in the list (yet): a draft hit is a draft.
    expect(editorialOf(c, entries)).toBe('draft');
  });

  it('keeps rank order and only the chosen state', () => {
    expect(narrowHits([a, b, c], entries, '').map((h) => h.title)).toEqual(['Luleå', 'Kirkenes', 'Murmansk']);
    expect(narrowHits([a, b, c], entries, 'inReview').map((h) => h.title)).toEqual(['Kirkenes']);
    expect(narrowHits([a, b, c], entries, 'draft').map((h) => h.title)).toEqual(['Murmansk']);
    expect(narrowHits([a, b, c], entries, 'ready')).toEqual([]);
  });

  it('shows at most LIMIT hits', () => {
    const many = Array.from({ length: LIMIT_FILTERED }, (_, i) => hit({ title: `t${i}` }));
    expect(narrowHits(many, [], '')).toHaveLength(LIMIT);
  });
});

describe('hit rows', () => {
  it('have an id by file, else by draft, and say where the entry lives', () => {
    const published = hit({ title: 'Luleå' });
    const draft = hit({ title: 'New', key: { draftId: 3, path: null }, source: 'draft' });
    expect(hitId(published)).toBe('path:content/articles/luleå.md');
    expect(hitId(draft)).toBe('draft:3');
    expect(hitPlace(published)).toBe('content/articles/luleå.md');
    expect(hitPlace(draft)).toBe('Not published yet');
  });
});
