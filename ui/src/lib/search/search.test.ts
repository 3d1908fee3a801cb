// The search state with ipc.ts mocked: answers come as one types but only after a short quiet
// time, an older answer never replaces a newer one, the index is built when a site opens and
// the last query is asked again afterwards, and failures are shown in words.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndexReport, SearchFilters, SearchHit } from '../bindings';

vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return { ...actual, search: vi.fn(), indexSite: vi.fn() };
});

const ipc = await import('../ipc');
const { SiteSearch } = await import('./search.svelte');
const m = vi.mocked(ipc);

const filters: SearchFilters = { collection: null, language: null, source: null, from: null, to: null, tag: null, limit: 50 };
const hit = (title: string): SearchHit => ({
  key: { draftId: null, path: `content/articles/${title}.md` },
  source: 'published',
  collection: 'articles',
  language: null,
  title,
  date: null,
  titleParts: [{ text: title, hit: true }],
  snippet: [],
  rank: -1,
});
const report: IndexReport = { entries: 6, parsed: 6, unchanged: 0, removed: 0, drafts: 0, elapsedMs: 3 };

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SiteSearch', () => {
  it('asks once, after the quiet time, for the last thing typed', async () => {
    m.search.mockResolvedValue([hit('lulea')]);
    const s = new SiteSearch({ debounceMs: 120 });
    for (const q of ['l', 'lu', 'lul', 'lule']) {
      s.schedule(q, filters);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(m.search).not.toHaveBeenCalled();
    expect(s.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(120);
    expect(m.search).toHaveBeenCalledTimes(1);
    expect(m.search).toHaveBeenCalledWith('lule', filters);
    expect(s.hits.map((h) => h.title)).toEqual(['lulea']);
    expect(s.answered).toBe('lule');
    expect(s.pending).toBe(false);
  });

  it('never lets a slow older answer replace a newer one', async () => {
    const slow = deferred<SearchHit[]>();
    const fast = deferred<SearchHit[]>();
    m.search.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise);
    const s = new SiteSearch();
    const first = s.run('kir', filters);
    const second = s.run('kirkenes', filters);
    fast.resolve([hit('kirkenes')]);
    await second;
    slow.resolve([hit('kiruna'), hit('kirkenes')]);
    await first;
    expect(s.hits.map((h) => h.title)).toEqual(['kirkenes']);
    expect(s.answered).toBe('kirkenes');
  });

  it('clears at once for an empty box and drops an answer still on its way', async () => {
    const late = deferred<SearchHit[]>();
    m.search.mockReturnValueOnce(late.promise);
    const s = new SiteSearch();
    const running = s.run('vardø', filters);
    s.schedule('   ', filters);
    late.resolve([hit('vardo')]);
    await running;
    expect(s.hits).toEqual([]);
    expect(s.answered).toBe('');
    expect(s.pending).toBe(false);
  });

  it('shows a failed search in words, and the next answer clears it', async () => {
    m.search.mockRejectedValueOnce({ code: 'validation', message: 'Search with at most 16 words.' });
    const s = new SiteSearch();
    await s.run('a b c', filters);
    expect(s.error).toBe('Search with at most 16 words.');
    expect(s.hits).toEqual([]);
    m.search.mockResolvedValueOnce([hit('a')]);
    await s.run('a', filters);
    expect(s.error).toBeNull();
  });

  it('indexes the site, then asks the last query again', async () => {
    m.search.mockResolvedValue([]);
    m.indexSite.mockResolvedValue(report);
    const s = new SiteSearch();
    await s.run('tromsø', filters);
    expect(m.search).toHaveBeenCalledTimes(1);
    await s.indexSite();
    expect(m.indexSite).toHaveBeenCalledTimes(1);
    expect(m.search).toHaveBeenCalledTimes(2);
    expect(s.indexing).toBe(false);
    expect(s.indexError).toBeNull();
  });

  it('says what failed when the index cannot be built', async () => {
    m.indexSite.mockRejectedValue({ code: 'disk_full', message: 'The disk is full.' });
    const s = new SiteSearch();
    await s.indexSite();
    expect(s.indexError).toContain('The disk is full.');
    expect(s.indexError).toContain('tries again');
    expect(m.search).not.toHaveBeenCalled();
  });

  it('refresh() asks the last query again, and nothing after a clear', async () => {
    m.search.mockResolvedValue([]);
    const s = new SiteSearch();
    await s.run('kola', filters);
    await s.refresh();
    expect(m.search).toHaveBeenCalledTimes(2);
    s.clear();
    await s.refresh();
    expect(m.search).toHaveBeenCalledTimes(2);
  });
});
