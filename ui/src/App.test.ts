// The window rendered in jsdom with ipc.ts mocked: the data-testid hooks the end-to-end test
// relies on are present with the right attributes, and the main clicks reach the right commands.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryDoc, EntrySummary, FieldInfo, Startup } from './lib/bindings';

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
    startSpellChecking: vi.fn(async () => undefined),
    validateDraft: vi.fn(),
    preview: vi.fn(),
    addTranslation: vi.fn(),
    fieldValues: vi.fn(),
    search: vi.fn(),
    indexSite: vi.fn(),
    onCloseRequested: vi.fn(async () => () => {}),
  };
});

// wt-welcome: the Welcome screen's own commands.
vi.mock('./lib/welcome/welcomeIpc', () => ({
  openDemo: vi.fn(),
  recentSites: vi.fn(async () => []),
  forgetRecentSite: vi.fn(),
  suggestCloneFolder: vi.fn(async () => ''),
  onCloneProgress: vi.fn(async () => () => {}),
}));

const ipc = await import('./lib/ipc');
const { default: App } = await import('./App.svelte');
// The editor's chunk is loaded after the list in the app (lazyEditor.ts); here it is loaded once
// up front, so each test's open shows the editor within its settle().
await (await import('./lib/editor/lazyEditor')).loadEditor();
const m = vi.mocked(ipc);

function field(name: string, label: string, kind: FieldInfo['kind'], required = false): FieldInfo {
  return { name, label, kind, required, default: null, options: [], collection: null, after: null, before: null, alt: null, zone: null, caption: null, credit: null, focal: null };
}

const startup: Startup = {
  site: {
    name: 'Barents demo',
    root: '/tmp/site',
    branch: 'main',
    isDemo: true,
    collections: [
      {
        id: 'articles',
        label: 'Articles',
        singular: 'article',
        preset: 'article',
        fields: [
          field('title', 'Title', 'string', true),
          field('lead', 'Lead', 'text'),
          field('date', 'Date', 'date', true),
          field('tags', 'Tags', 'list'),
          { ...field('cover', 'Cover image', 'image'), alt: 'cover_alt' },
          field('cover_alt', 'Cover image description (alt text)', 'string'),
        ],
      },
      { id: 'events', label: 'Events', singular: 'event', preset: null, fields: [] },
    ],
  },
  identity: null,
  sync: { waiting: 2, lastError: "Could not reach the site's server: connection refused. Your changes are kept on this computer and sent at the next sync." },
  storeNotice: null,
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
    editorial: { state: 'published', by: null, at: null },
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
    editorial: { state: 'published', by: null, at: null },
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
  fields: { date: '2025-03-03', tags: ['cooperation'], lead: 'Leaders met in Kirkenes.' },
};

let app: ReturnType<typeof mount> | null = null;
const $ = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const $$ = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`));

/** Waits (at most 2 s) until a condition holds, letting timers and effects run. */
async function until(cond: () => boolean) {
  const start = Date.now();
  while (!cond() && Date.now() - start < 2000) {
    await new Promise((r) => setTimeout(r, 20));
    flushSync();
  }
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

beforeEach(async () => {
  vi.resetAllMocks();
  m.onCloseRequested.mockResolvedValue(() => {});
  m.startup.mockResolvedValue({ startup, notice: null, storeNotice: null });
  m.listEntries.mockResolvedValue(entries);
  m.openEntry.mockResolvedValue(doc);
  m.validateDraft.mockResolvedValue([]);
  m.preview.mockResolvedValue('<h1>Kirkenes conference</h1><p>Hello</p>');
  m.fieldValues.mockImplementation(async (f: string) => (f === 'tags' ? ['cooperation', 'culture', 'youth'] : []));
  m.indexSite.mockResolvedValue({ entries: 2, parsed: 2, unchanged: 0, removed: 0, drafts: 1, elapsedMs: 1 });
  m.search.mockResolvedValue([]);
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
    expect(document.body.textContent).toContain('Demo');
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
    expect($('new-entry-articles')?.getAttribute('aria-label')).toBe('New article');
    expect($('new-entry-events')).not.toBeNull();
    // wt-welcome: the site is switched on the Welcome screen, closed while a site is open.
    expect($('switch-site')?.textContent).toContain('Switch site');
    expect(($('welcome') as HTMLDialogElement).open).toBe(false);
    expect($('sync-state')?.getAttribute('data-waiting')).toBe('2');
    expect($('sync-state')?.textContent?.trim()).toBe('Offline · 2 changes waiting to sync');
    expect($('sync-now')?.textContent?.trim()).toBe('Sync now');
    expect($('error-banner')).toBeNull();
    expect($('title-input')).toBeNull();
  });

  it('turns spell checking on once the start screen has painted, not before the list', async () => {
    // The list was asked for first (the dictionaries held the first page back, spelling.rs).
    await new Promise((r) => setTimeout(r, 50));
    expect(m.startSpellChecking).toHaveBeenCalled();
    expect(m.listEntries.mock.invocationCallOrder[0]).toBeLessThan(m.startSpellChecking.mock.invocationCallOrder[0]!);
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
    m.openEntry.mockRejectedValueOnce({ code: 'not_found', message: 'content/news/kirkenes/index.md was not found.' });
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    const banner = $('error-banner');
    expect(banner?.getAttribute('role')).toBe('alert');
    expect(banner?.textContent).toContain('content/news/kirkenes/index.md was not found.');
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

  it('filters the list by collection and by the search box, and Mod+F focuses it', async () => {
    expect($('collection-all')?.getAttribute('aria-current')).toBe('true');
    expect($('collection-articles')?.textContent).toContain('2');
    ($('collection-events') as HTMLButtonElement).click();
    await settle();
    expect($$('entry-row')).toHaveLength(0);
    expect($('entry-list')?.textContent).toContain('No entries match');
    ($('collection-articles') as HTMLButtonElement).click();
    await settle();
    expect($$('entry-row')).toHaveLength(2);

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', code: 'KeyF', ctrlKey: true, bubbles: true }));
    await settle();
    const search = $('entry-search') as HTMLInputElement;
    expect(document.activeElement).toBe(search);
    m.search.mockResolvedValue([
      {
        key: { draftId: null, path: 'content/news/kirkenes/index.md' },
        source: 'published',
        collection: 'articles',
        language: null,
        title: 'Kirkenes conference',
        date: '2025-03-03',
        titleParts: [
          { text: 'Kirkenes', hit: true },
          { text: ' conference', hit: false },
        ],
        snippet: [
          { text: 'Leaders met in ', hit: false },
          { text: '<b>Kirkenes</b>', hit: true },
          { text: '.', hit: false },
        ],
        rank: -2,
      },
    ]);
    search.value = 'kirk';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => $$('search-hit').length > 0);
    expect(m.search).toHaveBeenLastCalledWith('kirk', expect.objectContaining({ collection: 'articles', limit: 50 }));
    // Ranked hits replace the list while searching; the matches are marked, as text only.
    expect($$('entry-row')).toHaveLength(0);
    const hits = $$('search-hit');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.getAttribute('data-path')).toBe('content/news/kirkenes/index.md');
    expect($$('search-hit-title')[0]?.querySelector('mark')?.textContent).toBe('Kirkenes');
    const snippet = $$('search-hit-snippet')[0];
    expect(snippet?.querySelector('mark')?.textContent).toBe('<b>Kirkenes</b>');
    expect(snippet?.querySelector('b')).toBeNull();
    expect($('search-summary')?.textContent).toBe('1 entry found in Articles');

    // Down goes to the first hit, Enter opens it; Escape from a hit empties the box.
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await settle();
    expect(document.activeElement).toBe(hits[0]);
    (hits[0] as HTMLButtonElement).click();
    await settle();
    expect(m.openEntry).toHaveBeenCalledWith({ draftId: null, path: 'content/news/kirkenes/index.md' });
    const hit = $$('search-hit')[0] as HTMLButtonElement;
    hit.focus();
    hit.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(search.value).toBe('');
    expect(document.activeElement).toBe(search);
    expect($$('entry-row')).toHaveLength(2);
  });

  it('brings the search index up to date when the site opens', () => {
    expect(m.indexSite).toHaveBeenCalledTimes(1);
  });

  it('shows counts and reading time for the open entry in the bottom bar', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    await new Promise((r) => setTimeout(r, 20));
    await settle();
    const stats = $('text-stats');
    // "Kirkenes conference" (title) + "Hello " (body); the shortcode chip is not counted.
    expect(stats?.getAttribute('data-words')).toBe('3');
    expect(stats?.textContent).toContain('3 words');
    expect(stats?.textContent).toContain('1 min read');
  });

  it('shows the typed fields with their values, and sends an edited field with the draft', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    expect(($('field-lead') as HTMLTextAreaElement).value).toBe('Leaders met in Kirkenes.');
    expect(($('field-date') as HTMLInputElement).value).toBe('2025-03-03');
    expect(($('field-date') as HTMLInputElement).type).toBe('date');
    expect($$('tag-chip').map((c) => c.textContent?.replace('×', '').trim())).toEqual(['cooperation']);
    expect($('field-cover_alt')).not.toBeNull();
    // The alt text is shown with its image, not as a field of its own.
    expect(document.querySelectorAll('[data-field="cover_alt"]')).toHaveLength(0);

    m.saveDraft.mockResolvedValue({ key: { draftId: 5, path: doc.key.path }, savedAt: 1 });
    const lead = $('field-lead') as HTMLTextAreaElement;
    lead.value = 'Leaders and young people met in Kirkenes.';
    lead.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 1200));
    await settle();
    expect(m.saveDraft).toHaveBeenCalled();
    const input = m.saveDraft.mock.calls.at(-1)?.[0];
    expect(input?.fields.lead).toBe('Leaders and young people met in Kirkenes.');
    expect(input?.fields.tags).toEqual(['cooperation']);
    expect(m.validateDraft).toHaveBeenCalled();
  });

  it('lists problems in the publish bar; a click focuses the field', async () => {
    m.validateDraft.mockResolvedValue([
      { field: 'date', severity: 'error', message: 'Give the date the article appears.' },
      { field: 'cover_alt', severity: 'warning', message: 'Describe the cover image for people who cannot see it.' },
    ]);
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    // Folded into one button, so the text never jumps; it unfolds the list above the bar.
    expect($$('problem')).toHaveLength(0);
    expect($('problems-toggle')?.textContent).toContain('1 problem');
    ($('problems-toggle') as HTMLButtonElement).click();
    await settle();
    const problems = $$('problem');
    expect(problems.map((p) => p.getAttribute('data-field'))).toEqual(['date', 'cover_alt']);
    expect(problems[0]?.textContent).toContain('Date:');
    expect($('problems')?.textContent).toContain('1 problem to fix before publishing');
    expect($('field-date')?.getAttribute('aria-invalid')).toBe('true');
    expect($('field-problems-date')?.textContent).toContain('Give the date');
    (problems[1] as HTMLButtonElement).click();
    await settle();
    expect(document.activeElement).toBe($('field-cover_alt'));
  });

  it('shows the preview in a sandboxed srcdoc iframe with no script allowed', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    ($('preview-toggle') as HTMLButtonElement).click();
    await settle();
    const frame = $('preview-frame') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('src')).toBeNull();
    expect(frame.getAttribute('srcdoc')).toContain('<h1>Kirkenes conference</h1>');
    expect(m.preview).toHaveBeenCalled();
  });
});

// ---- wt-welcome: the Welcome screen in the window ----
describe('Welcome screen', () => {
  it('is shown on a first start instead of a site, with nothing to go back to', async () => {
    if (app) unmount(app);
    document.body.innerHTML = '';
    m.listEntries.mockClear();
    m.startup.mockResolvedValue({ startup: null, notice: null, storeNotice: null });
    app = mount(App, { target: document.body });
    await settle();
    expect(($('welcome') as HTMLDialogElement).open).toBe(true);
    expect($('welcome-close')).toBeNull();
    expect(m.listEntries).not.toHaveBeenCalled();
    expect(document.activeElement).toBe($('site-path-input'));
  });

  it('opens from Switch site…, and Escape goes back to the open site', async () => {
    expect(($('welcome') as HTMLDialogElement).open).toBe(false);
    ($('switch-site') as HTMLButtonElement).click();
    await settle();
    const dialog = $('welcome') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect($('welcome-close')?.textContent).toContain('Barents demo');
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    await settle();
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe($('switch-site'));
  });

  it('switches to another site and puts the focus in its entry search', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    expect($('title-input')).not.toBeNull();
    ($('switch-site') as HTMLButtonElement).click();
    await settle();
    const other: Startup = { ...startup, site: { ...startup.site, name: 'Arctic Council', root: '/srv/arctic', isDemo: false } };
    m.openSite.mockResolvedValue(other);
    m.listEntries.mockResolvedValue([entries[0]!]);
    const input = $('site-path-input') as HTMLInputElement;
    input.value = '/srv/arctic';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    ($('site-open-button') as HTMLButtonElement).click();
    await until(() => !($('welcome') as HTMLDialogElement).open);
    await settle();
    expect(m.openSite).toHaveBeenCalledWith('/srv/arctic');
    expect($('site-name')?.textContent).toBe('Arctic Council');
    expect($('title-input')).toBeNull();
    expect($$('entry-row')).toHaveLength(1);
    expect(document.activeElement).toBe($('entry-search'));
  });
});

// ---- wt-states: the notice of a database rebuilt at start ----
describe('store notice', () => {
  const NOTICE =
    "Barents Desk's database was damaged (database disk image is malformed). It was moved to /data/desk.db.damaged and a new one was made: 3 draft(s) and 12 revision(s) were recovered from it; published entries come back from the site's repository. Check your recent drafts.";

  it('is not shown after a normal start', () => {
    expect($('store-notice')).toBeNull();
  });

  it('is shown once after a start that rebuilt the database, until dismissed, and not again on a site switch', async () => {
    if (app) unmount(app);
    document.body.innerHTML = '';
    m.startup.mockResolvedValue({ startup: { ...startup, storeNotice: NOTICE }, notice: null, storeNotice: NOTICE });
    app = mount(App, { target: document.body });
    await settle();
    const notice = $('store-notice');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('recovered after a damaged database');
    expect($('store-notice-text')?.textContent).toBe(NOTICE);
    expect($$('store-notice')).toHaveLength(1);

    ($('store-notice-dismiss') as HTMLButtonElement).click();
    await settle();
    expect($('store-notice')).toBeNull();

    // The core repeats it with every site it opens in this run; the window does not.
    m.openSite.mockResolvedValue({ ...startup, storeNotice: NOTICE });
    ($('switch-site') as HTMLButtonElement).click();
    await settle();
    const input = $('site-path-input') as HTMLInputElement;
    input.value = '/srv/arctic';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    ($('site-open-button') as HTMLButtonElement).click();
    await until(() => !($('welcome') as HTMLDialogElement).open);
    await settle();
    expect(m.openSite).toHaveBeenCalledWith('/srv/arctic');
    expect($('store-notice')).toBeNull();
  });
});

// ---- wt-states: the calendar and media buttons have a home off the editor ----
describe('calendar and media buttons', () => {
  it('sit in the sidebar’s top bar, in the flow, with their names, not over the editor', async () => {
    ($$('entry-row')[0] as HTMLButtonElement).click();
    await settle();
    const nav = $('mediacal-nav')!;
    expect(nav.tagName).toBe('NAV');
    expect(nav.getAttribute('aria-label')).toBe('Calendar and media');
    expect(nav.closest('aside.sidebar')).not.toBeNull();
    expect(nav.closest('main')).toBeNull();
    // Before the collections and the search, right under the site's name.
    const order = [$('site-name')!, nav, $('collections')!, $('entry-search')!];
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    expect(getComputedStyle(nav).position).not.toBe('fixed');
    expect($('open-media')?.textContent).toBe('Media');
    expect($('open-calendar')?.textContent).toBe('Calendar');
  });
});
