// The flows between IPC calls, with ipc.ts mocked: key replacement after the first save,
// publish asking for an identity first, saves around a publish, and flushing on close.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocNode, EntryDoc, EntrySummary, PublishOutcome, Startup } from './bindings';

vi.mock('./ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./ipc')>();
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
    fieldValues: vi.fn(),
  };
});

const ipc = await import('./ipc');
const { Session } = await import('./session.svelte');
const m = vi.mocked(ipc);

const body: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hei' }] }] };
const path = 'content/news/kirkenes/index.md';

const startup = (identity: Startup['identity']): Startup => ({
  site: {
    name: 'Barents demo',
    root: '/tmp/site',
    branch: 'main',
    isDemo: true,
    collections: [{ id: 'articles', label: 'Articles', singular: 'article', preset: null, fields: [] }],
  },
  identity,
  sync: { waiting: 0, lastError: null },
  storeNotice: null,
});

const published: EntryDoc = {
  key: { draftId: null, path },
  collection: 'articles',
  language: null,
  title: 'Kirkenes',
  body,
  state: 'published',
  savedAt: null,
  fields: {},
};

const row = (over: Partial<EntrySummary> = {}): EntrySummary => ({
  key: { draftId: null, path },
  collection: 'articles',
  language: null,
  title: 'Kirkenes',
  date: '2025-03-03',
  state: 'published',
  savedAt: null,
  translations: [],
  editorial: { state: 'published', by: null, at: null },
  ...over,
});

async function openedSession(identity: Startup['identity'] = { name: 'Ola', email: 'ola@example.org' }) {
  m.startup.mockResolvedValue({ startup: startup(identity), notice: null, storeNotice: null });
  m.listEntries.mockResolvedValue([row()]);
  m.openEntry.mockResolvedValue(published);
  const session = new Session({ retryMs: null });
  await session.init();
  await session.openEntry({ draftId: null, path });
  return session;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Session', () => {
  it('starts up and lists entries', async () => {
    const session = await openedSession();
    expect(session.site?.name).toBe('Barents demo');
    expect(session.entries).toHaveLength(1);
    expect(session.current?.key).toEqual({ draftId: null, path });
    expect(session.title).toBe('Kirkenes');
    expect(session.canPublish).toBe(false);
  });

  it('replaces the key with the one the first save returns, and uses it for the next save', async () => {
    const session = await openedSession();
    m.saveDraft.mockResolvedValueOnce({ key: { draftId: 7, path }, savedAt: 1_741_000_000_000 });
    m.listEntries.mockResolvedValue([row({ key: { draftId: 7, path }, state: 'modified', title: 'Kirkenes 2025' })]);

    session.title = 'Kirkenes 2025';
    session.titleChanged();
    expect(session.saveStatus).toBe('saving');
    await vi.advanceTimersByTimeAsync(600);

    expect(m.saveDraft).toHaveBeenCalledWith({
      key: { draftId: null, path },
      collection: 'articles',
      title: 'Kirkenes 2025',
      fields: {},
      body,
    });
    expect(session.current?.key).toEqual({ draftId: 7, path });
    expect(session.current?.state).toBe('modified');
    expect(session.saveStatus).toBe('saved');
    expect(session.savedAt).toBe(1_741_000_000_000);
    expect(session.entries[0]?.title).toBe('Kirkenes 2025');
    expect(session.canPublish).toBe(true);

    const listCalls = m.listEntries.mock.calls.length;
    m.saveDraft.mockResolvedValueOnce({ key: { draftId: 7, path }, savedAt: 1_741_000_001_000 });
    const edited: DocNode = { type: 'doc', content: [{ type: 'paragraph' }] };
    session.bodyChanged(edited);
    await vi.advanceTimersByTimeAsync(600);
    expect(m.saveDraft).toHaveBeenLastCalledWith({
      key: { draftId: 7, path },
      collection: 'articles',
      title: 'Kirkenes 2025',
      fields: {},
      body: edited,
    });
    // Only the saved time changed: the list keeps its array while typing goes on, and takes
    // the new time when typing pauses.
    const listed = session.entries;
    expect(session.savedAt).toBe(1_741_000_001_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(session.entries).toBe(listed);
    await vi.advanceTimersByTimeAsync(600);
    expect(session.entries).not.toBe(listed);
    expect(session.entries[0]?.savedAt).toBe(1_741_000_001_000);
    expect(m.listEntries).toHaveBeenCalledTimes(listCalls);
  });

  it('shows a failed save in words and keeps the text for the next try', async () => {
    const session = await openedSession();
    m.saveDraft.mockRejectedValueOnce({ code: 'io', message: 'The disk is full.' });
    session.titleChanged();
    await vi.advanceTimersByTimeAsync(600);
    expect(session.saveStatus).toBe('error');
    expect(session.saveError).toBe('The disk is full.');
    m.saveDraft.mockResolvedValueOnce({ key: { draftId: 7, path }, savedAt: 1 });
    session.titleChanged();
    await vi.advanceTimersByTimeAsync(600);
    expect(session.saveStatus).toBe('saved');
    expect(session.saveError).toBeNull();
  });

  it('asks for an identity before publishing, then continues the publish', async () => {
    const session = await openedSession(null);
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 1 });
    session.titleChanged();
    await session.publish();
    expect(session.identityDialogOpen).toBe(true);
    expect(m.publish).not.toHaveBeenCalled();

    const outcome: PublishOutcome = {
      key: { draftId: null, path },
      commit: 'abc123',
      pushed: false,
      pushError: 'network unreachable',
      waiting: 1,
    };
    m.setIdentity.mockResolvedValue({ name: 'Ola', email: 'ola@example.org' });
    m.publish.mockResolvedValue(outcome);
    expect(await session.saveIdentity({ name: 'Ola', email: 'ola@example.org' })).toBeNull();
    expect(session.identityDialogOpen).toBe(false);
    await vi.advanceTimersByTimeAsync(0);

    // The pending change was stored before the publish, under the key it then had.
    expect(m.saveDraft.mock.invocationCallOrder[0]).toBeLessThan(m.publish.mock.invocationCallOrder[0]!);
    expect(m.publish).toHaveBeenCalledWith({ draftId: 7, path });
    expect(session.publishStatus).toBe('queued');
    expect(session.publishMessage).toBe('network unreachable');
    expect(session.sync.waiting).toBe(1);
    expect(session.current?.key).toEqual({ draftId: null, path });
    expect(session.current?.state).toBe('published');
  });

  it('keeps a queued publish queued while the server is away, and says published once a sync sends it', async () => {
    const session = await openedSession();
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 1 });
    m.listEntries.mockResolvedValue([row()]);
    m.publish.mockResolvedValue({ key: { draftId: null, path }, commit: 'abc', pushed: false, pushError: 'Could not send', waiting: 1 });
    session.titleChanged();
    await session.publish();
    expect(session.publishStatus).toBe('queued');

    // "Sync now" while the server is still away: still queued, the error kept for the bar.
    m.syncNow.mockResolvedValueOnce({ waiting: 1, lastError: "Could not reach the site's server: refused." });
    await session.retrySync();
    expect(session.publishStatus).toBe('queued');
    expect(session.sync).toEqual({ waiting: 1, lastError: "Could not reach the site's server: refused." });

    // The outbox loop's report that nothing waits any more: the publish reached the server.
    session.applySync({ waiting: 0, lastError: null });
    expect(session.publishStatus).toBe('published');
    expect(session.publishMessage).toContain('sent to the site');
    expect(session.sync.waiting).toBe(0);

    // "Sync now" brings the list up to date too (the server may have sent changes).
    m.syncNow.mockResolvedValueOnce({ waiting: 0, lastError: null });
    const lists = m.listEntries.mock.calls.length;
    await session.retrySync();
    expect(m.listEntries.mock.calls.length).toBe(lists + 1);
  });

  it('opens the identity dialog when publish rejects with identity_missing', async () => {
    const session = await openedSession();
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 1 });
    m.publish.mockRejectedValueOnce({ code: 'identity_missing', message: 'Who are you?' });
    session.titleChanged();
    await session.publish();
    expect(session.identityDialogOpen).toBe(true);
    expect(session.error).toBeNull();
    expect(session.publishStatus).toBe('');
  });

  it('shows other publish errors', async () => {
    const session = await openedSession();
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 1 });
    m.publish.mockRejectedValueOnce({ code: 'validation', message: 'The title is empty.' });
    session.titleChanged();
    await session.publish();
    expect(session.publishStatus).toBe('error');
    expect(session.error).toBe('The title is empty.');
  });

  it('holds a save made during a publish until it ends, then saves under the new key', async () => {
    const session = await openedSession();
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 1 });
    session.titleChanged();
    let finish!: (o: PublishOutcome) => void;
    m.publish.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    const publishing = session.publish();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.publish).toHaveBeenCalledTimes(1);

    session.titleChanged();
    await vi.advanceTimersByTimeAsync(2000);
    expect(m.saveDraft).toHaveBeenCalledTimes(1);

    m.saveDraft.mockResolvedValue({ key: { draftId: 8, path }, savedAt: 2 });
    finish({ key: { draftId: null, path }, commit: 'c', pushed: true, pushError: null, waiting: 0 });
    await publishing;
    await vi.advanceTimersByTimeAsync(0);
    expect(m.saveDraft).toHaveBeenCalledTimes(2);
    expect(m.saveDraft.mock.calls[1]?.[0].key).toEqual({ draftId: null, path });
    expect(session.current?.key).toEqual({ draftId: 8, path });
    expect(session.current?.state).toBe('modified');
  });

  it('flushes the pending save before the window closes', async () => {
    const session = await openedSession();
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 1 });
    session.titleChanged();
    await session.closeRequested();
    expect(m.saveDraft).toHaveBeenCalledTimes(1);
    expect(m.confirmClose).toHaveBeenCalledTimes(1);
    expect(m.saveDraft.mock.invocationCallOrder[0]).toBeLessThan(m.confirmClose.mock.invocationCallOrder[0]!);
  });

  it('refuses the first close when the last save fails, and closes on the second', async () => {
    const session = await openedSession();
    m.saveDraft.mockRejectedValue({ code: 'io', message: 'The disk is full.' });
    session.titleChanged();
    await session.closeRequested();
    expect(m.confirmClose).not.toHaveBeenCalled();
    expect(session.error).toContain('The disk is full.');
    await session.closeRequested();
    expect(m.confirmClose).toHaveBeenCalledTimes(1);
  });

  it('stores the open entry before opening another', async () => {
    const session = await openedSession();
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 1 });
    const other: EntryDoc = { ...published, key: { draftId: 9, path: null }, title: '', state: 'new' };
    m.openEntry.mockResolvedValue(other);
    session.titleChanged();
    const serial = session.current?.serial;
    await session.openEntry({ draftId: 9, path: null });
    expect(m.saveDraft).toHaveBeenCalledTimes(1);
    expect(session.current?.key).toEqual({ draftId: 9, path: null });
    expect(session.current?.serial).not.toBe(serial);
    expect(session.saveStatus).toBe('idle');
  });

  it('never saves over an entry the editor could not read', async () => {
    const session = await openedSession();
    session.contentUnreadable('Unknown node type: table');
    session.titleChanged();
    session.bodyChanged(body);
    await vi.advanceTimersByTimeAsync(2000);
    expect(m.saveDraft).not.toHaveBeenCalled();
    expect(session.error).toContain('read-only');
  });

  it('shows an open_site error in words', async () => {
    const session = await openedSession();
    m.openSite.mockRejectedValueOnce({ code: 'not_a_repository', message: '/tmp/x is not a git repository.' });
    expect(await session.openSite('/tmp/x')).toBe(false);
    expect(session.error).toBe('/tmp/x is not a git repository.');
    expect(session.current).not.toBeNull();
  });
});

// ---- wt-start: a slow start never replaces the site chosen meanwhile ----
describe('Session start', () => {
  const siteB = (): Startup => ({ ...startup(null), site: { ...startup(null).site, name: 'Kolarctic', root: '/tmp/other' } });
  const rowB = row({ key: { draftId: null, path: 'content/articles/b.md' }, title: 'From the other site' });

  function slowStartup() {
    let answer: (value: Awaited<ReturnType<typeof ipc.startup>>) => void = () => {};
    m.startup.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    return (value: Awaited<ReturnType<typeof ipc.startup>>) => answer(value);
  }

  it('keeps the site picked on the Welcome screen when the start answers later', async () => {
    const answer = slowStartup();
    m.listEntries.mockResolvedValue([rowB]);
    m.fieldValues.mockResolvedValue([]);
    const session = new Session({ retryMs: null });
    const starting = session.init();
    // "Switch site…" while the window still opens the last site; another site is picked.
    session.showWelcome();
    await session.adoptSite(siteB());
    expect(session.site?.root).toBe('/tmp/other');

    m.listEntries.mockResolvedValue([row()]);
    answer({ startup: startup(null), notice: null, storeNotice: null });
    await starting;
    expect(session.site?.root).toBe('/tmp/other');
    expect(session.entries).toEqual([rowB]);
    expect(session.welcomeOpen).toBe(false);
    expect(session.listedRoot).toBe('/tmp/other');
    expect(session.loading).toBe(false);
  });

  it('does not bring the Welcome screen back when a start with no site answers late', async () => {
    const answer = slowStartup();
    m.listEntries.mockResolvedValue([rowB]);
    m.fieldValues.mockResolvedValue([]);
    const session = new Session({ retryMs: null });
    const starting = session.init();
    await session.adoptSite(siteB());
    answer({ startup: null, notice: 'The last site could not be opened again.', storeNotice: null });
    await starting;
    expect(session.welcomeOpen).toBe(false);
    expect(session.welcomeNotice).toBeNull();
    expect(session.site?.root).toBe('/tmp/other');
  });

  it('marks the site listed only once its list arrived, then loads completions', async () => {
    m.startup.mockResolvedValue({ startup: startup(null), notice: null, storeNotice: null });
    let list: (rows: EntrySummary[]) => void = () => {};
    m.listEntries.mockReturnValueOnce(new Promise((resolve) => (list = resolve)));
    m.fieldValues.mockResolvedValue([]);
    const session = new Session({ retryMs: null });
    const starting = session.init();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.site?.root).toBe('/tmp/site');
    expect(session.listing).toBe(true);
    expect(session.listedRoot).toBeNull();
    list([row()]);
    await starting;
    expect(session.listing).toBe(false);
    expect(session.listedRoot).toBe('/tmp/site');
  });
});
