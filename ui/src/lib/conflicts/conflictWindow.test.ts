// Sync conflicts in the window (issue 7), the App rendered in jsdom with the IPC mocked: a sync
// that finds a conflict puts "Conflict" in the publish bar and on the entry's row, the filter
// lists only conflicted entries, opening one shows the three versions in place of the editor,
// and a resolution goes to resolve_conflict and reloads the list and the entry. The outbox's
// retries and a publish the server refused lead to the same state.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryConflict, EntryDoc, EntrySummary, OutboxStatus, PublishOutcome, Startup } from '../bindings';

vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return {
    ...actual,
    startup: vi.fn(),
    listEntries: vi.fn(),
    openEntry: vi.fn(),
    saveDraft: vi.fn(),
    publish: vi.fn(),
    syncNow: vi.fn(),
    validateDraft: vi.fn(),
    preview: vi.fn(),
    fieldValues: vi.fn(),
    search: vi.fn(),
    indexSite: vi.fn(),
    onCloseRequested: vi.fn(async () => () => {}),
  };
});

let outboxHandler: ((s: OutboxStatus) => void) | null = null;
vi.mock('../syncIpc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../syncIpc')>();
  return {
    ...actual,
    conflicts: vi.fn(),
    resolveConflict: vi.fn(),
    networkBack: vi.fn(async () => undefined),
    onOutbox: vi.fn(async (h: (s: OutboxStatus) => void) => {
      outboxHandler = h;
      return () => {};
    }),
  };
});

const ipc = vi.mocked(await import('../ipc'));
const sync = vi.mocked(await import('../syncIpc'));
const { default: App } = await import('../../App.svelte');

const PATH = 'content/news/youth-forum/index.md';
const OTHER = 'content/news/kirkenes/index.md';

const startup: Startup = {
  site: {
    name: 'Barents demo',
    root: '/tmp/site',
    branch: 'main',
    isDemo: false,
    collections: [{ id: 'articles', label: 'Articles', singular: 'article', preset: 'article', fields: [] }],
  },
  identity: { name: 'Elle', email: 'elle@barents.example' },
  sync: { waiting: 0, lastError: null },
  storeNotice: null,
};

const row = (path: string, title: string, state: EntrySummary['state']): EntrySummary => ({
  key: { draftId: path === PATH ? 9 : null, path },
  collection: 'articles',
  language: null,
  title,
  date: '2026-05-01',
  state,
  savedAt: null,
  translations: [],
  editorial: { state: 'published', by: null, at: null },
});
const entries = [row(PATH, 'Youth forum', 'modified'), row(OTHER, 'Kirkenes conference', 'published')];

const conflict: EntryConflict = {
  summary: { id: 3, path: PATH, title: 'Youth forum', fields: [], body: true },
  base: '---\ntitle: Youth forum\n---\nOpening.\n',
  mine: '---\ntitle: Youth forum\n---\nMy opening.\n',
  theirs: '---\ntitle: Youth forum\n---\nTheir opening.\n',
};

const doc = (state: EntryDoc['state'], text: string): EntryDoc => ({
  key: { draftId: 9, path: PATH },
  collection: 'articles',
  language: null,
  title: 'Youth forum',
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  state,
  savedAt: null,
  fields: {},
});

let app: ReturnType<typeof mount> | null = null;
const $ = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const $$ = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
const rowOf = (path: string) => document.querySelector<HTMLButtonElement>(`[data-testid="entry-row"][data-path="${path}"]`)!;

async function settle() {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

async function start(open: EntryConflict[]) {
  sync.conflicts.mockResolvedValue(open);
  app = mount(App, { target: document.body });
  await settle();
}

beforeEach(() => {
  vi.resetAllMocks();
  outboxHandler = null;
  ipc.onCloseRequested.mockResolvedValue(() => {});
  ipc.startup.mockResolvedValue({ startup, notice: null, storeNotice: null });
  ipc.listEntries.mockResolvedValue(entries);
  ipc.openEntry.mockResolvedValue(doc('modified', 'My opening.'));
  ipc.validateDraft.mockResolvedValue([]);
  ipc.fieldValues.mockResolvedValue([]);
  ipc.search.mockResolvedValue([]);
  ipc.indexSite.mockResolvedValue({ entries: 2, parsed: 2, unchanged: 0, removed: 0, drafts: 1, elapsedMs: 1 });
  sync.networkBack.mockResolvedValue(undefined);
  sync.onOutbox.mockImplementation(async (h) => {
    outboxHandler = h;
    return () => {};
  });
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

describe('a sync conflict in the window', () => {
  it('shows nothing of conflicts when there are none', async () => {
    await start([]);
    expect($('sync-state')?.dataset.syncState).toBe('synced');
    expect($('review-conflicts')).toBeNull();
    expect($$('entry-conflict')).toHaveLength(0);
  });

  it('"Sync now" that meets a conflict: the bar, the row and the filter say so', async () => {
    await start([]);
    ipc.syncNow.mockResolvedValueOnce({ waiting: 0, lastError: null });
    sync.conflicts.mockResolvedValue([conflict]);
    $('sync-now')!.click();
    await settle();

    const state = $('sync-state')!;
    expect(state.dataset.syncState).toBe('conflict');
    expect(state.textContent?.trim()).toBe('Conflict: 1 entry needs your choice');
    expect(state.getAttribute('role')).toBe('status');
    expect(state.title).toContain('nothing was overwritten');
    expect($('review-conflicts')?.getAttribute('aria-label')).toBe('Review the conflict');

    expect(rowOf(PATH).dataset.conflict).toBe('true');
    expect(rowOf(PATH).querySelector('[data-testid="entry-conflict"]')?.textContent).toBe('Conflict');
    expect(rowOf(OTHER).dataset.conflict).toBeUndefined();

    const filter = $('filter-state') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toContain('Conflicts');
    filter.value = 'conflict';
    filter.dispatchEvent(new Event('change'));
    await settle();
    expect($$('entry-row').map((r) => r.dataset.path)).toEqual([PATH]);
  });

  it('an outbox retry that meets a conflict reads the conflicts, and a queued publish is not called sent', async () => {
    await start([]);
    ipc.openEntry.mockResolvedValueOnce(doc('modified', 'My opening.'));
    rowOf(PATH).click();
    await settle();
    expect($('publish-button')).not.toBeNull();
    expect(sync.conflicts).toHaveBeenCalledTimes(1);

    // The same count as known: nothing is read again.
    outboxHandler!({ waiting: 1, failures: 0, nextAttempt: 0, lastError: null, conflicts: 0 });
    await settle();
    expect(sync.conflicts).toHaveBeenCalledTimes(1);

    sync.conflicts.mockResolvedValue([conflict]);
    outboxHandler!({ waiting: 0, failures: 0, nextAttempt: 0, lastError: null, conflicts: 1 });
    await settle();
    expect(sync.conflicts).toHaveBeenCalledTimes(2);
    expect($('sync-state')?.dataset.syncState).toBe('conflict');
    expect($('publish-state')?.dataset.publishState).toBe('conflict');
    expect($('publish-state')?.textContent).toContain('Held back: someone else changed this entry too');
    // The open entry shows its conflict in place of the editor, and cannot be published otherwise.
    expect($('conflict-panel')).not.toBeNull();
    expect(document.querySelector('.ProseMirror')).toBeNull();
    expect(($('publish-button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a publish the server refused for its news syncs at once and shows the conflict', async () => {
    await start([]);
    rowOf(PATH).click();
    await settle();
    const refused: PublishOutcome = {
      key: { draftId: 9, path: PATH },
      commit: 'abc',
      pushed: false,
      pushError:
        "The site's server refused the change: rejected (fetch first). Your change is committed on this computer and nothing is lost; sync to bring in the server's changes, then try again.",
      waiting: 1,
    };
    ipc.publish.mockResolvedValueOnce(refused);
    ipc.syncNow.mockResolvedValueOnce({ waiting: 0, lastError: null });
    sync.conflicts.mockResolvedValue([conflict]);
    $('publish-button')!.click();
    await settle();
    expect(ipc.syncNow).toHaveBeenCalledTimes(1);
    expect($('sync-state')?.dataset.syncState).toBe('conflict');
    expect($('publish-state')?.dataset.publishState).toBe('conflict');
    expect($('conflict-panel')).not.toBeNull();
  });

  it('Review opens the conflicted entry with both versions; a combined text is resolved and reloaded', async () => {
    await start([conflict]);
    expect($('sync-state')?.dataset.syncState).toBe('conflict');
    $('review-conflicts')!.click();
    await settle();
    expect(ipc.openEntry).toHaveBeenCalledWith({ draftId: 9, path: PATH });
    expect($('conflict-theirs')?.textContent).toContain('Their opening.');
    expect($('conflict-mine')?.textContent).toContain('My opening.');
    expect($('conflict-base')?.textContent).toContain('Opening.');
    // wt-states: the entry's header says Conflict, not its editorial state.
    expect($('entry-state')?.dataset.state).toBe('conflict');
    expect($('entry-state')?.textContent).toContain('Conflict');
    expect($('editorial')).toBeNull();
    // The focus is on the panel's heading, for keyboard and screen reader users.
    expect(document.activeElement?.id).toBe('conflict-heading');
    // Each scrolling column can be reached with Tab and is named.
    expect($('conflict-mine')?.getAttribute('tabindex')).toBe('0');
    expect(document.getElementById($('conflict-mine')!.getAttribute('aria-labelledby')!)?.textContent).toContain('Yours');

    const combined = '---\ntitle: Youth forum\n---\nTheir opening, and mine.\n';
    sync.resolveConflict.mockResolvedValueOnce({ key: { draftId: 9, path: PATH }, commit: 'def', pushed: true, pushError: null, waiting: 0 });
    sync.conflicts.mockResolvedValue([]);
    ipc.listEntries.mockResolvedValue([row(PATH, 'Youth forum', 'published'), entries[1]!]);
    ipc.openEntry.mockResolvedValueOnce(doc('published', 'Their opening, and mine.'));
    const edited = $('conflict-edited') as HTMLTextAreaElement;
    expect(edited.value).toBe(conflict.theirs);
    edited.value = combined;
    edited.dispatchEvent(new Event('input'));
    flushSync();
    $('conflict-publish-edited')!.click();
    await settle();

    expect(sync.resolveConflict).toHaveBeenCalledWith(3, { kind: 'edited', text: combined });
    expect($('conflict-panel')).toBeNull();
    expect(document.querySelector('.ProseMirror')?.textContent).toContain('Their opening, and mine.');
    expect($('sync-state')?.dataset.syncState).toBe('synced');
    expect($('publish-state')?.dataset.publishState).toBe('published');
    expect($('publish-state')?.textContent).toBe('Conflict resolved: the combined version is published.');
    expect(rowOf(PATH).dataset.conflict).toBeUndefined();
    expect(rowOf(PATH).dataset.state).toBe('published');
    expect($('entry-state')).toBeNull();
    expect($('editorial')?.textContent).toContain('Published');
  });

  it('wt-states: an entry whose file is published says Conflict in its header while a conflict waits', async () => {
    ipc.listEntries.mockResolvedValue([row(PATH, 'Youth forum', 'published'), entries[1]!]);
    ipc.openEntry.mockResolvedValue(doc('published', 'Their opening.'));
    await start([conflict]);
    rowOf(PATH).click();
    await settle();
    const head = document.querySelector<HTMLElement>('.entry-head')!;
    expect($('entry-state')?.dataset.state).toBe('conflict');
    expect(head.textContent).not.toContain('Published');
    expect($('conflict-panel')).not.toBeNull();
  });

  it('a resolution that fails keeps the conflict and says what to do', async () => {
    await start([conflict]);
    rowOf(PATH).click();
    await settle();
    sync.resolveConflict.mockRejectedValueOnce({ code: 'validation', message: 'The title is missing.' });
    $('conflict-keep-mine')!.click();
    await settle();
    expect(sync.resolveConflict).toHaveBeenCalledWith(3, { kind: 'keepMine' });
    expect($('conflict-panel')).not.toBeNull();
    expect($('conflict-error')?.getAttribute('role')).toBe('alert');
    expect($('conflict-error')?.textContent).toContain('The title is missing.');
    expect($('conflict-error')?.textContent).toContain('Both versions are still kept');
    expect($('sync-state')?.dataset.syncState).toBe('conflict');
  });
});
