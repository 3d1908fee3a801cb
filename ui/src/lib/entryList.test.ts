// The entry list's search, filters and sort orders, on titles in the languages the site uses.
import { describe, expect, it } from 'vitest';
import type { EntrySummary } from './bindings';
import { DEFAULT_FILTER, countByCollection, entryId, fold, languagesOf, matchesQuery, visibleEntries } from './entryList';

const entry = (over: Partial<EntrySummary> & { title: string }): EntrySummary => ({
  key: { draftId: null, path: `content/articles/${over.title.length}-${over.title.slice(0, 4)}.md` },
  collection: 'articles',
  language: 'en',
  date: null,
  state: 'published',
  savedAt: null,
  editorial: { state: 'published', by: null, at: null },
  translations: [],
  ...over,
});

const list: EntrySummary[] = [
  entry({ title: 'Young voices set the agenda in Luleå', date: '2026-10-14' }),
  entry({ title: 'Åsa Kuoljok: distance is a clinical fact', collection: 'interviews', date: '2026-10-28' }),
  entry({ title: 'Сотрудничество в Мурманске', language: 'ru', date: '2026-09-01', state: 'modified', savedAt: 5 }),
  entry({ title: 'Kárášjohka health centre', date: null, state: 'new', key: { draftId: 7, path: null }, savedAt: 9 }),
  entry({ title: 'Barents culture conference', collection: 'events', date: '2027-02-10T12:00:00+02:00' }),
];

describe('fold', () => {
  it('drops accents and maps Nordic and Sámi letters, keeps Cyrillic', () => {
    expect(fold('Luleå')).toBe('lulea');
    expect(fold('Kárášjohka')).toBe('karasjohka');
    expect(fold('Ørjan Vollan')).toBe('orjan vollan');
    expect(fold('Čeavččageađgi')).toBe('ceavccagead\u0067i'.replace('\u0067', 'g'));
    expect(fold('ŊŦŽ  Æ')).toBe('ntz ae');
    expect(fold('Ёлка МУРМАНСК')).toBe('елка мурманск');
    expect(fold('Йоканьга')).toBe('йоканьга');
  });
});

describe('search and filters', () => {
  it('finds titles by any words in any order, without the accents', () => {
    expect(matchesQuery('Young voices set the agenda in Luleå', 'lulea agenda')).toBe(true);
    expect(matchesQuery('Young voices set the agenda in Luleå', 'lulea kirkenes')).toBe(false);
    expect(matchesQuery('anything', '   ')).toBe(true);
    const titles = (q: string) => visibleEntries(list, { ...DEFAULT_FILTER, query: q }).map((e) => e.title);
    expect(titles('karasjohka')).toEqual(['Kárášjohka health centre']);
    expect(titles('мурманске')).toEqual(['Сотрудничество в Мурманске']);
    expect(titles('asa')).toEqual(['Åsa Kuoljok: distance is a clinical fact']);
  });

  it('adds the entries the store search found, even when the title does not match', () => {
    const hits = new Set([entryId(list[0]!)]);
    const found = visibleEntries(list, { ...DEFAULT_FILTER, query: 'warehouses' }, hits);
    expect(found.map((e) => e.title)).toEqual(['Young voices set the agenda in Luleå']);
  });

  it('filters by collection, state and language', () => {
    const titles = (f: Partial<typeof DEFAULT_FILTER>) => visibleEntries(list, { ...DEFAULT_FILTER, ...f }).map((e) => e.title);
    expect(titles({ collection: 'events' })).toEqual(['Barents culture conference']);
    expect(titles({ state: 'new' })).toEqual(['Kárášjohka health centre']);
    expect(titles({ language: 'ru' })).toEqual(['Сотрудничество в Мурманске']);
    expect(titles({ collection: 'interviews', state: 'modified' })).toEqual([]);
  });

  it('sorts by date both ways (undated last), by title and by last edit', () => {
    const order = (sort: typeof DEFAULT_FILTER.sort) => visibleEntries(list, { ...DEFAULT_FILTER, sort }).map((e) => e.date);
    expect(order('date-desc')).toEqual(['2027-02-10T12:00:00+02:00', '2026-10-28', '2026-10-14', '2026-09-01', null]);
    expect(order('date-asc')).toEqual(['2026-09-01', '2026-10-14', '2026-10-28', '2027-02-10T12:00:00+02:00', null]);
    const titles = visibleEntries(list, { ...DEFAULT_FILTER, sort: 'title' }).map((e) => e.title[0]);
    expect(titles).toEqual(['Å', 'B', 'K', 'Y', 'С']);
    const edited = visibleEntries(list, { ...DEFAULT_FILTER, sort: 'edited' }).map((e) => e.savedAt);
    expect(edited.slice(0, 2)).toEqual([9, 5]);
  });

  it('counts per collection and lists languages', () => {
    expect(Object.fromEntries(countByCollection(list))).toEqual({ articles: 3, interviews: 1, events: 1 });
    expect(languagesOf(list)).toEqual(['en', 'ru']);
    expect(entryId(list[3]!)).toBe('draft:7');
  });
});
