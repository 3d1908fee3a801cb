// wt-states: "Waiting to sync" as an entry state of its own. A publish the server did not get
// yet shows so in the list row and the entry header; once a sync sent it, both say Published.
// A conflict waiting for the editor's choice is said in the header instead of "Published".
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocNode, EntryDoc, EntrySummary, Startup } from '../bindings';
import { DEFAULT_FILTER } from '../entryList';
import { isPublishedState, stateLabel } from '../format';
import { headerState } from './headerState';
import EntryStateChip from './EntryStateChip.svelte';
import Sidebar from '../../components/Sidebar.svelte';

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
    fieldValues: vi.fn(),
  };
});

const ipc = await import('../ipc');
const { Session } = await import('../session.svelte');
const m = vi.mocked(ipc);

const path = 'content/interviews/niillas-somby.md';
const body: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Radio' }] }] };
const startup: Startup = {
  site: {
    name: 'Barents',
    root: '/tmp/site',
    branch: 'main',
    isDemo: false,
    collections: [{ id: 'interviews', label: 'Interviews', singular: 'interview', preset: 'interview', fields: [] }],
  },
  identity: { name: 'Elle', email: 'elle@barents.example' },
  sync: { waiting: 0, lastError: null },
  storeNotice: null,
};
const row = (state: EntrySummary['state'], key = { draftId: null as number | null, path }): EntrySummary => ({
  key,
  collection: 'interviews',
  language: null,
  title: 'Niillas Somby',
  date: null,
  state,
  savedAt: null,
  translations: [],
  editorial: { state: 'published', by: null, at: null },
});
const doc = (state: EntryDoc['state']): EntryDoc => ({
  key: { draftId: 4, path },
  collection: 'interviews',
  language: null,
  title: 'Niillas Somby',
  fields: {},
  body,
  state,
  savedAt: 1,
});

let app: ReturnType<typeof mount> | null = null;
beforeEach(() => {
  vi.resetAllMocks();
  m.validateDraft.mockResolvedValue([]);
  m.fieldValues.mockResolvedValue([]);
});
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

describe('the queued state in words', () => {
  it('has its own label, and counts as having nothing unpublished', () => {
    expect(stateLabel('queued')).toBe('Waiting to sync');
    expect(isPublishedState('queued')).toBe(true);
    expect(isPublishedState('published')).toBe(true);
    expect(isPublishedState('modified')).toBe(false);
    expect(isPublishedState('new')).toBe(false);
  });

  it('puts a conflict before any other state in the header, and leaves Published to the editorial control', () => {
    expect(headerState('published', true)?.label).toBe('Conflict');
    expect(headerState('modified', true)?.kind).toBe('conflict');
    expect(headerState('queued', true)?.kind).toBe('conflict');
    expect(headerState('queued', false)?.label).toBe('Waiting to sync');
    expect(headerState('published', false)).toBeNull();
    expect(headerState('modified', false)).toBeNull();
  });

  it('shows the chip with its meaning for screen readers', () => {
    const target = document.body.appendChild(document.createElement('div'));
    app = mount(EntryStateChip, { target, props: { state: 'queued', conflict: false } });
    flushSync();
    const chip = document.querySelector<HTMLElement>('[data-testid="entry-state"]');
    expect(chip?.dataset.state).toBe('queued');
    expect(chip?.textContent).toContain('Waiting to sync');
    expect(chip?.textContent).toContain('sent to the site’s server at the next sync');
  });

  it('labels a queued row "Waiting to sync" in the list, and the filter finds it', () => {
    const target = document.body.appendChild(document.createElement('div'));
    const other = row('published', { draftId: null, path: 'content/interviews/other.md' });
    app = mount(Sidebar, {
      target,
      props: {
        site: startup.site,
        entries: [row('queued'), other],
        currentKey: null,
        liveTitle: '',
        filter: { ...DEFAULT_FILTER, state: 'queued' },
        onOpenEntry: vi.fn(),
        onNewEntry: vi.fn(),
        onSwitchSite: vi.fn(),
      },
    });
    flushSync();
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="entry-row"]')];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.dataset.state).toBe('queued');
    expect(rows[0]?.querySelector('.state')?.textContent).toBe('Waiting to sync');
    expect([...document.querySelectorAll('option')].map((o) => o.textContent)).toContain('Waiting to sync');
  });
});

describe('the session follows the queue', () => {
  it('shows a publish the server did not get as waiting, then as published once a sync sent it', async () => {
    m.startup.mockResolvedValue({ startup, notice: null, storeNotice: null } as never);
    m.listEntries.mockResolvedValue([row('modified', { draftId: 4, path })]);
    m.openEntry.mockResolvedValue(doc('modified'));
    const session = new Session({ retryMs: null });
    await session.init();
    await session.openEntry({ draftId: 4, path });
    expect(session.canPublish).toBe(true);

    m.listEntries.mockResolvedValue([row('queued')]);
    m.publish.mockResolvedValue({
      key: { draftId: null, path },
      commit: 'abc',
      pushed: false,
      pushError: "Could not reach the site's server: connection refused.",
      waiting: 1,
    });
    await session.publish();
    await vi.waitFor(() => expect(session.entries[0]?.state).toBe('queued'));
    expect(session.current?.state).toBe('queued');
    expect(session.canPublish).toBe(false);

    // The outbox loop's sync sent it: the list is read again and the open entry follows it.
    m.listEntries.mockResolvedValue([row('published')]);
    session.applySync({ waiting: 0, lastError: null });
    await vi.waitFor(() => expect(session.entries[0]?.state).toBe('published'));
    expect(session.current?.state).toBe('published');
  });
});
