// The save-failure message in the window: the session sets it from a failed autosave (with the
// cause's code, the count of tries and the next try) and clears it on the first save that gets
// through; the message names the cause, says the text is safe, and "Try again now" saves.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocNode, EntryDoc, Startup } from '../bindings';

vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return { ...actual, startup: vi.fn(), listEntries: vi.fn(), openEntry: vi.fn(), saveDraft: vi.fn(), validateDraft: vi.fn(), fieldValues: vi.fn() };
});

const ipc = await import('../ipc');
const { Session } = await import('../session.svelte');
const { default: SaveProblem } = await import('./SaveProblem.svelte');
const m = vi.mocked(ipc);

const path = 'content/articles/kirkenes.md';
const body: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hei' }] }] };
const startup: Startup = {
  site: { name: 'Demo', root: '/tmp/site', branch: 'main', isDemo: true, collections: [] },
  identity: null,
  sync: { waiting: 0, lastError: null },
  storeNotice: null,
};
const doc: EntryDoc = { key: { draftId: 7, path }, collection: 'articles', language: null, title: 'K', fields: {}, body, state: 'modified', savedAt: 1 };
const full = { code: 'disk_full', message: 'The disk holding Barents Desk\'s data (/data/desk.sqlite3) is full.' };

describe('the session and a failing disk', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetAllMocks();
    m.startup.mockResolvedValue({ startup, notice: null, storeNotice: null });
    m.listEntries.mockResolvedValue([]);
    m.openEntry.mockResolvedValue(doc);
    m.validateDraft.mockResolvedValue([]);
    m.fieldValues.mockResolvedValue([]);
  });
  afterEach(() => vi.useRealTimers());

  it('shows the problem until a save gets through, never "saved" meanwhile', async () => {
    const session = new Session();
    await session.init();
    await session.openEntry(doc.key);
    m.saveDraft.mockRejectedValue(full);
    session.bodyChanged(body);
    await vi.advanceTimersByTimeAsync(600);
    expect(session.saveStatus).toBe('error');
    expect(session.saveProblem).toMatchObject({ code: 'disk_full', failures: 1, retryAt: Date.now() + 2000 });

    session.bodyChanged(body);
    expect(session.saveStatus).toBe('error');
    await vi.advanceTimersByTimeAsync(2000);
    expect(m.saveDraft).toHaveBeenCalledTimes(2);
    expect(session.saveProblem?.failures).toBe(2);

    m.saveDraft.mockResolvedValue({ key: doc.key, savedAt: 99 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(m.saveDraft).toHaveBeenCalledTimes(3);
    expect(session.saveStatus).toBe('saved');
    expect(session.saveProblem).toBeNull();
    expect(session.savedAt).toBe(99);
  });
});

describe('SaveProblem', () => {
  let app: ReturnType<typeof mount> | null = null;
  afterEach(() => {
    if (app) unmount(app);
    app = null;
    document.body.innerHTML = '';
  });
  const $ = (id: string) => document.querySelector(`[data-testid="${id}"]`);

  it('names the cause, says the text is safe, and retries on request', async () => {
    const onRetry = vi.fn(async () => false);
    app = mount(SaveProblem, {
      target: document.body,
      props: { problem: { ...full, failures: 2, retryAt: Date.now() + 8000 }, onRetry },
    });
    flushSync();
    const box = $('save-problem');
    expect(box?.getAttribute('role')).toBe('alert');
    expect(box?.getAttribute('data-code')).toBe('disk_full');
    expect($('save-problem-headline')?.textContent).toBe('Your latest changes are not saved: the disk is full.');
    expect(box?.textContent).toContain('/data/desk.sqlite3');
    expect(box?.textContent).toContain('Your text is still here in the editor.');
    expect($('save-problem-retry')?.textContent).toMatch(/^Next try in [78] s\.$/);
    ($('save-retry') as HTMLButtonElement).click();
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('renders nothing while saving works', () => {
    app = mount(SaveProblem, { target: document.body, props: { problem: null, onRetry: vi.fn() } });
    flushSync();
    expect($('save-problem')).toBeNull();
  });
});
