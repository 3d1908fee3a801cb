// The session's history flows with ipc.ts mocked: restoring a revision stores the typed text
// first and reloads the editor with the restored text; discarding a draft sends it to the trash
// and shows the published text (or closes a never-published entry); a draft comes back from the
// trash; the editorial state is set on the stored draft; and none of these runs over text that
// could not be saved.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocNode, EntryDoc, EntrySummary, Startup, TrashItem } from '../bindings';

vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return {
    ...actual,
    startup: vi.fn(),
    listEntries: vi.fn(),
    openEntry: vi.fn(),
    saveDraft: vi.fn(),
    validateDraft: vi.fn(),
    fieldValues: vi.fn(),
    restoreRevision: vi.fn(),
    trashDraft: vi.fn(),
    restoreFromTrash: vi.fn(),
    setEditorialState: vi.fn(),
  };
});

const ipc = await import('../ipc');
const { Session } = await import('../session.svelte');
const m = vi.mocked(ipc);

const path = 'content/articles/kirkenes.md';
const para = (text: string): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const startup: Startup = {
  site: { name: 'Demo', root: '/tmp/site', branch: 'main', isDemo: true, collections: [] },
  identity: { name: 'Ingrid', email: 'ingrid@example.org' },
  sync: { waiting: 0, lastError: null },
  storeNotice: null,
};

const doc = (over: Partial<EntryDoc> = {}): EntryDoc => ({
  key: { draftId: 7, path },
  collection: 'articles',
  language: null,
  title: 'Kirkenes',
  fields: {},
  body: para('Now'),
  state: 'modified',
  savedAt: 100,
  ...over,
});

const row = (over: Partial<EntrySummary> = {}): EntrySummary => ({
  key: { draftId: 7, path },
  collection: 'articles',
  language: null,
  title: 'Kirkenes',
  date: null,
  state: 'modified',
  savedAt: 100,
  translations: [],
  editorial: { state: 'draft', by: null, at: null },
  ...over,
});

async function opened(open: EntryDoc = doc()) {
  m.startup.mockResolvedValue({ startup, notice: null, storeNotice: null });
  m.listEntries.mockResolvedValue([row()]);
  m.openEntry.mockResolvedValue(open);
  m.validateDraft.mockResolvedValue([]);
  m.fieldValues.mockResolvedValue([]);
  const session = new Session({ retryMs: null });
  await session.init();
  await session.openEntry(open.key);
  return session;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('restoring a revision', () => {
  it('stores the typed text first, then shows the restored text in a rebuilt editor', async () => {
    const session = await opened();
    const order: string[] = [];
    m.saveDraft.mockImplementation(async () => {
      order.push('save');
      return { key: { draftId: 7, path }, savedAt: 200 };
    });
    m.restoreRevision.mockImplementation(async () => {
      order.push('restore');
      return doc({ title: 'Kirkenes (old)', body: para('Before'), savedAt: 300 });
    });
    session.bodyChanged(para('Typed just now'));
    const serial = session.current?.serial;

    expect(await session.restoreRevision(3)).toBe(true);
    expect(order).toEqual(['save', 'restore']);
    expect(m.saveDraft.mock.calls[0]?.[0].body).toEqual(para('Typed just now'));
    expect(m.restoreRevision).toHaveBeenCalledWith({ draftId: 7, path }, 3);
    expect(session.current?.serial).not.toBe(serial);
    expect(session.current?.initialBody).toEqual(para('Before'));
    expect(session.title).toBe('Kirkenes (old)');
    expect(session.savedAt).toBe(300);
    expect(session.saveStatus).toBe('idle');
  });

  it('does not restore over text that could not be saved, and says so', async () => {
    const session = await opened();
    m.saveDraft.mockRejectedValue({ code: 'disk_full', message: 'The disk is full.' });
    session.bodyChanged(para('Unsaved words'));
    const serial = session.current?.serial;
    expect(await session.restoreRevision(3)).toBe(false);
    expect(m.restoreRevision).not.toHaveBeenCalled();
    expect(session.current?.serial).toBe(serial);
    expect(session.error).toContain('Not restored');
    expect(session.error).toContain('The disk is full.');
  });

  it('keeps the open entry when the core refuses', async () => {
    const session = await opened();
    m.restoreRevision.mockRejectedValue({ code: 'not_found', message: 'Revision 3 of this entry was not found.' });
    const serial = session.current?.serial;
    expect(await session.restoreRevision(3)).toBe(false);
    expect(session.current?.serial).toBe(serial);
    expect(session.error).toBe('Revision 3 of this entry was not found.');
  });
});

describe('the trash', () => {
  const trashed = (over: Partial<TrashItem> = {}): TrashItem => ({
    draftId: 7,
    collection: 'articles',
    path,
    title: 'Kirkenes',
    trashedAt: 1000,
    purgeAt: 1000 + 30 * 86_400_000,
    ...over,
  });

  it('discarding an edited published entry shows its published text again', async () => {
    const session = await opened();
    m.saveDraft.mockResolvedValue({ key: { draftId: 7, path }, savedAt: 200 });
    m.trashDraft.mockResolvedValue(trashed());
    m.openEntry.mockResolvedValue(doc({ key: { draftId: null, path }, state: 'published', body: para('Published'), savedAt: null }));
    session.bodyChanged(para('Last words'));

    const item = await session.discardDraft();
    expect(item?.draftId).toBe(7);
    // The last words went into the trashed draft, not nowhere.
    expect(m.saveDraft).toHaveBeenCalledTimes(1);
    expect(m.trashDraft).toHaveBeenCalledWith({ draftId: 7, path });
    expect(m.openEntry).toHaveBeenLastCalledWith({ draftId: null, path });
    expect(session.current?.state).toBe('published');
    expect(session.current?.initialBody).toEqual(para('Published'));
    // Nothing is saved after the discard.
    await vi.advanceTimersByTimeAsync(5000);
    expect(m.saveDraft).toHaveBeenCalledTimes(1);
  });

  it('discarding a never-published draft closes it', async () => {
    const session = await opened(doc({ key: { draftId: 9, path: null }, state: 'new' }));
    m.trashDraft.mockResolvedValue(trashed({ draftId: 9, path: null }));
    expect(await session.discardDraft()).not.toBeNull();
    expect(session.current).toBeNull();
  });

  it('a draft comes back from the trash into the editor', async () => {
    const session = await opened();
    m.restoreFromTrash.mockResolvedValue(doc({ key: { draftId: 9, path: null }, title: 'Back again', state: 'new' }));
    expect(await session.restoreFromTrash(9)).toBe(true);
    expect(m.restoreFromTrash).toHaveBeenCalledWith(9);
    expect(session.current?.key).toEqual({ draftId: 9, path: null });
    expect(session.title).toBe('Back again');
  });

  it('shows the core\'s words when the trash refuses', async () => {
    const session = await opened();
    m.trashDraft.mockRejectedValue({ code: 'not_found', message: 'Unpublished changes to discard in this entry was not found.' });
    expect(await session.discardDraft()).toBeNull();
    expect(session.error).toContain('Unpublished changes');
    expect(session.current).not.toBeNull();
  });
});

describe('editorial states', () => {
  it('sets the state on the stored draft and reads the list again', async () => {
    const session = await opened();
    m.setEditorialState.mockResolvedValue({ state: 'inReview', by: 'Ingrid', at: 500 });
    m.listEntries.mockResolvedValue([row({ editorial: { state: 'inReview', by: 'Ingrid', at: 500 } })]);
    expect(await session.setEditorial('inReview')).toBe(true);
    expect(m.setEditorialState).toHaveBeenCalledWith({ draftId: 7, path }, 'inReview');
    expect(session.entries[0]?.editorial).toEqual({ state: 'inReview', by: 'Ingrid', at: 500 });
  });

  it('saves a pending change first, so a first edit has a draft to put in review', async () => {
    const session = await opened(doc({ key: { draftId: null, path }, state: 'published' }));
    m.saveDraft.mockResolvedValue({ key: { draftId: 11, path }, savedAt: 200 });
    m.setEditorialState.mockResolvedValue({ state: 'ready', by: null, at: 1 });
    session.titleInput('Kirkenes, edited');
    expect(await session.setEditorial('ready')).toBe(true);
    expect(m.setEditorialState).toHaveBeenCalledWith({ draftId: 11, path }, 'ready');
  });
});
