// The entry list of a large site in jsdom: only a window of rows is in the page, the rows keep
// their place in the whole list for screen readers, and the keyboard reaches every entry.
import { flushSync, mount, tick, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntrySummary, SiteInfo } from '../lib/bindings';
import { DEFAULT_FILTER } from '../lib/entryList';
import { RENDER_ALL_UP_TO } from '../lib/listWindow';
import Sidebar from './Sidebar.svelte';

const site: SiteInfo = {
  name: 'Large site',
  root: '/tmp/large',
  branch: 'main',
  isDemo: false,
  collections: [{ id: 'articles', label: 'Articles', singular: 'article', preset: 'article', fields: [] }],
};

function entry(i: number): EntrySummary {
  // Newest first: entry 0 is the newest, so the list order is the index order.
  const day = new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString().slice(0, 10);
  return {
    key: { draftId: null, path: `content/articles/entry-${i}.md` },
    collection: 'articles',
    language: 'en',
    title: `Entry ${i}`,
    date: day,
    state: 'published',
    savedAt: null,
    translations: [],
    editorial: { state: 'published', by: null, at: null },
  };
}

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

function render(count: number, onOpenEntry = vi.fn()) {
  const target = document.createElement('div');
  document.body.append(target);
  app = mount(Sidebar, {
    target,
    props: {
      site,
      entries: Array.from({ length: count }, (_, i) => entry(i)),
      currentKey: null,
      liveTitle: '',
      openingSite: false,
      filter: { ...DEFAULT_FILTER },
      onOpenEntry,
      onNewEntry: vi.fn(),
      onOpenSite: vi.fn(async () => true),
    },
  });
  flushSync();
  return onOpenEntry;
}

/** Lets the list's focus move (it waits for Svelte to render the rows it scrolls to). */
async function settle() {
  await tick();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

const rows = () => [...document.querySelectorAll<HTMLButtonElement>('[data-testid="entry-row"]')];

describe('Sidebar entry list', () => {
  it('renders a short list whole', () => {
    render(40);
    expect(rows()).toHaveLength(40);
  });

  it('puts only a window of a 10,000-entry list in the page', () => {
    render(10_000);
    const shown = rows();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(RENDER_ALL_UP_TO);
    expect(shown[0]?.dataset.path).toBe('content/articles/entry-0.md');
    const items = document.querySelectorAll('[aria-label="Entries"] > li');
    expect(items[0]?.getAttribute('aria-setsize')).toBe('10000');
    expect(items[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(document.querySelector('[data-testid="collection-all"] .count')?.textContent).toBe('10000');
  });

  it('reaches the last entry with End and opens it with Enter', async () => {
    const open = render(10_000);
    const first = rows()[0];
    if (!first) throw new Error('no rows rendered');
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await settle();
    const focused = document.activeElement as HTMLButtonElement;
    expect(focused.dataset.path).toBe('content/articles/entry-9999.md');
    expect(focused.parentElement?.getAttribute('aria-posinset')).toBe('10000');
    focused.click();
    expect(open).toHaveBeenCalledWith({ draftId: null, path: 'content/articles/entry-9999.md' });

    focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    await settle();
    expect((document.activeElement as HTMLButtonElement).dataset.path).toBe('content/articles/entry-9998.md');
    (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    await settle();
    expect((document.activeElement as HTMLButtonElement).dataset.path).toBe('content/articles/entry-0.md');
  });
});
