import { describe, expect, it } from 'vitest';
import type { EntryList } from './bindings';
import { expandEntryList } from './entryListWire';

describe('expandEntryList', () => {
  it('gives back the summaries the compact rows stand for', () => {
    // What the core sends for: an English original with a current Russian translation, a new
    // draft with no file, and an entry in review whose Russian version is missing.
    const list: EntryList = {
      collections: ['articles', 'events'],
      languages: ['en', 'ru'],
      rows: [
        { c: 1, t: 'Nytt utkast', s: 'n', d: 7, v: 1700000000000, e: { state: 'draft', by: null, at: null } },
        { p: 'content/articles/a.md', c: 0, l: 0, t: 'Luleå', a: '2026-01-02', s: 'p', g: 0, x: 'cc' },
        { p: 'content/articles/a.ru.md', c: 0, l: 1, t: 'Лулео', s: 'p', g: 0, x: 'co' },
        {
          p: 'content/articles/b.md',
          c: 0,
          l: 0,
          t: 'Kárášjohka',
          s: 'm',
          d: 9,
          v: 5,
          g: 1,
          x: 'cm',
          e: { state: 'inReview', by: 'Åsa', at: 4 },
        },
      ],
    };
    expect(expandEntryList(list)).toEqual([
      {
        key: { draftId: 7, path: null },
        collection: 'events',
        language: null,
        title: 'Nytt utkast',
        date: null,
        state: 'new',
        savedAt: 1700000000000,
        translations: [],
        editorial: { state: 'draft', by: null, at: null },
      },
      {
        key: { draftId: null, path: 'content/articles/a.md' },
        collection: 'articles',
        language: 'en',
        title: 'Luleå',
        date: '2026-01-02',
        state: 'published',
        savedAt: null,
        translations: [
          { language: 'en', path: 'content/articles/a.md', state: 'current' },
          { language: 'ru', path: 'content/articles/a.ru.md', state: 'current' },
        ],
        editorial: { state: 'published', by: null, at: null },
      },
      {
        key: { draftId: null, path: 'content/articles/a.ru.md' },
        collection: 'articles',
        language: 'ru',
        title: 'Лулео',
        date: null,
        state: 'published',
        savedAt: null,
        translations: [
          { language: 'en', path: 'content/articles/a.md', state: 'current' },
          { language: 'ru', path: 'content/articles/a.ru.md', state: 'outdated' },
        ],
        editorial: { state: 'published', by: null, at: null },
      },
      {
        key: { draftId: 9, path: 'content/articles/b.md' },
        collection: 'articles',
        language: 'en',
        title: 'Kárášjohka',
        date: null,
        state: 'modified',
        savedAt: 5,
        translations: [
          { language: 'en', path: 'content/articles/b.md', state: 'current' },
          { language: 'ru', path: null, state: 'missing' },
        ],
        editorial: { state: 'inReview', by: 'Åsa', at: 4 },
      },
    ]);
  });

  it('takes translations sent whole as they are', () => {
    const tf = [{ language: 'en', path: 'content/x.md', state: 'current' as const }];
    const [row] = expandEntryList({
      collections: ['articles'],
      languages: ['en', 'ru'],
      rows: [{ p: 'content/y.md', c: 0, l: 1, t: 'Y', s: 'p', g: 3, tf }],
    });
    expect(row?.translations).toEqual(tf);
  });
});
