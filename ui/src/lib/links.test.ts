// Entry addresses as Hugo publishes them, and the internal link check of the link dialog.
import { describe, expect, it } from 'vitest';
import type { EntrySummary } from './bindings';
import { EntryLinks, brokenInternalLinks, checkInternalLink, entryLinks, entryUrl } from './links';

describe('entry addresses', () => {
  it('follows Hugo default permalinks for flat files, bundles and language suffixes', () => {
    expect(entryUrl('content/articles/youth-forum-lulea.md')).toBe('/articles/youth-forum-lulea/');
    expect(entryUrl('content/news/kirkenes/index.md')).toBe('/news/kirkenes/');
    expect(entryUrl('content/articles/_index.md')).toBe('/articles/');
    expect(entryUrl('content/articles/sotrudnichestvo.ru.md')).toBe('/ru/articles/sotrudnichestvo/');
    expect(entryUrl('content/Events/Tromsø-Conference.md')).toBe('/events/tromsø-conference/');
  });

  it('lists only entries that have a file', () => {
    const e = (path: string | null, title: string): EntrySummary => ({
      key: { draftId: path ? null : 3, path },
      collection: 'articles',
      language: null,
      title,
      date: null,
      state: path ? 'published' : 'new',
      savedAt: null,
      translations: [],
      editorial: { state: 'draft', by: null, at: null },
    });
    expect(entryLinks([e('content/articles/b.md', 'B'), e(null, 'Draft'), e('content/articles/a.md', 'A')])).toEqual([
      { url: '/articles/a/', title: 'A' },
      { url: '/articles/b/', title: 'B' },
    ]);
  });

  it('keeps the same link list across saves that move no address or title', () => {
    const e = (path: string | null, title: string, savedAt: number | null): EntrySummary => ({
      key: { draftId: path ? null : 3, path },
      collection: 'articles',
      language: null,
      title,
      date: null,
      state: path ? 'published' : 'new',
      savedAt,
      translations: [],
      editorial: { state: 'draft', by: null, at: null },
    });
    const kept = new EntryLinks();
    const entries = [e('content/articles/b.md', 'B', null), e(null, 'Draft', 1)];
    const first = kept.get(entries);
    // An autosave: a new time and state on the same file.
    const saved = [{ ...entries[0]!, savedAt: 9, state: 'modified' as const }, entries[1]!];
    expect(kept.get(saved)).toBe(first);
    const retitled = [{ ...saved[0]!, title: 'B, retitled' }, saved[1]!];
    expect(kept.get(retitled)).toEqual([{ url: '/articles/b/', title: 'B, retitled' }]);
    const published = [retitled[0]!, { ...retitled[1]!, key: { draftId: null, path: 'content/articles/a.md' } }];
    expect(kept.get(published).map((l) => l.url)).toEqual(['/articles/a/', '/articles/b/']);
  });
});

describe('internal link check', () => {
  const links = [
    { url: '/articles/youth-forum-lulea/', title: 'Young voices' },
    { url: '/events/barents-culture-conference-tromso/', title: 'Conference' },
  ];

  it('accepts existing entries, with or without slash, anchor, query or language prefix', () => {
    for (const ok of [
      '/articles/youth-forum-lulea/',
      '/articles/youth-forum-lulea',
      '/articles/youth-forum-lulea/#demands',
      '/ru/articles/youth-forum-lulea/',
      '/Articles/Youth-Forum-Lulea/',
      '/articles/',
      '/',
    ]) {
      expect(checkInternalLink(ok, links), ok).toBeNull();
    }
  });

  it('leaves external, relative and file links alone', () => {
    for (const ok of ['https://example.org/x', 'mailto:a@b.org', '#top', '../x/', '/images/map.jpg', '/events.ics', '//cdn.example.org/a']) {
      expect(checkInternalLink(ok, links), ok).toBeNull();
    }
  });

  it('names the address that has no entry', () => {
    expect(checkInternalLink('/articles/youth-forum-lule/', links)).toContain('/articles/youth-forum-lule/');
    expect(checkInternalLink('/news/murmansk', links)).toContain('/news/murmansk/');
  });
});

describe('links in the text', () => {
  it('finds each internal link that points at no entry, once', () => {
    const link = (href: string) => ({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] });
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [link('/articles/youth-forum-lulea/'), link('/news/gone/'), link('https://a.org')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [link('/news/gone/'), link('/x/')] }] }] },
      ],
    };
    expect(brokenInternalLinks(doc, [{ url: '/articles/youth-forum-lulea/', title: 'Y' }])).toEqual(['/news/gone/', '/x/']);
  });
});
