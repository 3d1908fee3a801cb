// The window rendered in jsdom with ipc.ts mocked: the data-testid hooks the end-to-end test
// relies on are present with the right attributes, and the main clicks reach the right commands.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryDoc, EntrySummary, Startup } from './lib/bindings';

vi.mock('./lib/ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./lib/ipc')>();
  return {
    ...actual,
    startup: vi.fn(),
    openSite: vi.fn(),
    listEntries: vi.fn(),
    openEntry: vi.fn(),
    newEntry: vi.fn(),
    saveDraft: vi.fn(),
    setIdentity: vi.fn(),
    publish: vi.fn(),
    syncNow: vi.fn(),
    confirmClose: vi.fn(),
    onCloseRequested: vi.fn(async () => () => {}),
  };
});

const ipc = await import('./lib/ipc');
const { default: App } = await import('./App.svelte');
const m = vi.mocked(ipc);

const startup: Startup = {
  site: {
    name: 'Barents demo',
    root: '/tmp/site',
    branch: 'main',
    isDemo: true,
    collections: [
      { id: 'articles', label: 'Articles', singular: 'article', preset: null, fields: [] },
      { id: 'events', label: 'Events', singular: 'event', preset: null, fields: [] },
    ],
  },
  identity: null,
  sync: { waiting: 2, lastError: 'offline' },
};

const entries: EntrySummary[] = [
  {
    key: { draftId: null, path: 'content/news/kirkenes/index.md' },
    collection: 'articles',
    language: null,
    title: 'Kirkenes conference',
    date: '2025-03-03',
    state: 'published',
    savedAt: null,
    translations: [],
  },
  {
    key: { draftId: 4, path: null },
    collection: 'articles',
    language: null,
    title: '',
    date: null,
    state: 'new',
    savedAt: 1_741_000_000_000,
    translations: [],
  },
];

const doc: EntryDoc = {
  key: { draftId: null, path: 'content/news/kirkenes/index.md' },
  collection: 'articles',
  language: null,
  title: 'Kirkenes conference',
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Hello ' }] },
      { type: 'opaque', attrs: { source: '{{< youtube abc >}}', label: 'Shortcode' } },
    ],
  },
  state: 'published',
  savedAt: null,
  fields: {},
};

let app: ReturnType<typeof mount> | null = null;
const $ = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const $$ = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`));

async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

beforeEach(async () => {
  vi.resetAllMocks();
  m.onCloseRequested.mockResolvedValue(() => {});
  m.startup.mockResolvedValue(startup);
  m.listEntries.mockResolvedValue(entries);
  m.openEntry.mockResolvedValue(doc);
  app = mount(App, { target: document.body });
  await settle();
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

describe('App', () => {
  it('renders the sidebar with the stable test hooks', () => {
    expect($('site-name')?.textContent).toBe('Barents demo');
    expect(document.body.textContent).toContain('Demo site');
    expect($('entry-list')).not.toBeNull();
    const rows = $$('entry-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.getAttribute('data-path')).toBe('content/news/kirkenes/index.md');
    expect(rows[0]?.getAttribute('data-draft-id')).toBe('');
    expect(rows[0]?.getAttribute('data-state')).toBe('published');
    expect(rows[1]?.getAttribute('data-path')).toBe('');
    expect(rows[1]?.getAttribute('data-draft-id')).toBe('4');
    expect(rows[1]?.getAttribute('data-state')).toBe('new');
    const titles = $$('entry-title').map((e) => e.textContent);
    expect(titles).toEqual(['Kirkenes conference', 'Untitled']);
    expect($('new-entry-articles')?.textContent).toContain('+ New article');
    expect($('new-entry-events')).not.toBeNull();
    expect($('site-path-input')).not.toBeNull();
    expect($('site-open-button')).not.toBeNull();
    expect($('sync-state')?.getAttribute('data-waiting')).toBe('2');
    expect($('sync-state')?.textContent?.trim()).toBe('2 changes waiting to sync');
    expect($('sync-retry')).not.toBeNull();
    expect($('error-banner')).toBeNull();
    expect($('title-input')).toBeNull();
  });

  it('opens an entry into the title input and the editor', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    expect(m.openEntry).toHaveBeenCalledWith({ draftId: null, path: 'content/news/kirkenes/index.md' });
    expect(($('title-input') as HTMLInputElement).value).toBe('Kirkenes conference');
    const pm = $('editor')?.querySelector('.ProseMirror');
    expect(pm?.getAttribute('spellcheck')).toBe('true');
    expect(pm?.getAttribute('contenteditable')).toBe('true');
    expect(pm?.querySelector('.opaque-source')?.textContent).toBe('{{< youtube abc >}}');
    expect(pm?.querySelector('[data-opaque]')?.getAttribute('contenteditable')).toBe('false');
    expect($$('entry-row')[0]?.getAttribute('aria-current')).toBe('true');
    for (const id of ['toolbar-bold', 'toolbar-italic', 'toolbar-h2', 'toolbar-bullet-list', 'toolbar-link']) {
      expect($(id)?.getAttribute('aria-label'), id).toBeTruthy();
    }
    expect($('save-state')?.getAttribute('data-save-state')).toBe('idle');
    expect($('publish-state')?.getAttribute('data-publish-state')).toBe('');
    expect(($('publish-button') as HTMLButtonElement).disabled).toBe(true);
    // Nothing was saved just by opening.
    await new Promise((r) => setTimeout(r, 700));
    expect(m.saveDraft).not.toHaveBeenCalled();
  });

  it('asks for a name before the first publish', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    m.saveDraft.mockResolvedValue({ key: { draftId: 5, path: doc.key.path }, savedAt: 1_741_000_000_000 });
    const title = $('title-input') as HTMLInputElement;
    title.value = 'Kirkenes conference 2025';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect($('save-state')?.getAttribute('data-save-state')).toBe('saving');
    expect($('save-state')?.textContent).toBe('Saving…');
    expect($$('entry-title')[0]?.textContent).toBe('Kirkenes conference 2025');

    ($('publish-button') as HTMLButtonElement).click();
    await settle();
    const dialog = $('identity-dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain("Your name and e-mail go into the site's history");
    expect(m.publish).not.toHaveBeenCalled();
  });

  it('shows errors in a dismissible alert', async () => {
    m.openSite.mockRejectedValueOnce({ code: 'not_a_repository', message: '/nowhere is not a git repository.' });
    const input = $('site-path-input') as HTMLInputElement;
    input.value = '/nowhere';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    ($('site-open-button') as HTMLButtonElement).click();
    await settle();
    expect(m.openSite).toHaveBeenCalledWith('/nowhere');
    const banner = $('error-banner');
    expect(banner?.getAttribute('role')).toBe('alert');
    expect(banner?.textContent).toContain('/nowhere is not a git repository.');
    (banner?.querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect($('error-banner')).toBeNull();
  });

  it('renders no inline style attributes', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    expect(document.body.querySelectorAll('[style]')).toHaveLength(0);
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
  });
});
