// The history drawer in jsdom with ipc.ts mocked: it stores pending text before listing, lists
// the revisions with their kind, shows a chosen one's diff as text, restores it through the
// session, and explains an entry that has no history yet.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RevisionDiff, RevisionInfo } from '../bindings';

vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return { ...actual, listRevisions: vi.fn(), revisionDiff: vi.fn() };
});

const ipc = await import('../ipc');
const { default: HistoryPanel } = await import('./HistoryPanel.svelte');
const m = vi.mocked(ipc);

const key = { draftId: 7, path: 'content/articles/kirkenes.md' };
const rev = (id: number, kind: RevisionInfo['kind'], updatedAt: number): RevisionInfo => ({
  id,
  kind,
  title: 'Kirkenes',
  createdAt: updatedAt - 1000,
  updatedAt,
  author: kind === 'publish' ? 'Ingrid Mäkelä' : null,
  commit: null,
  added: id,
  removed: 1,
});
const diff: RevisionDiff = {
  revision: rev(2, 'publish', Date.now() - 3_600_000),
  hunks: [
    {
      oldStart: 3,
      newStart: 3,
      lines: [
        { op: 'equal', text: 'title: Kirkenes' },
        { op: 'delete', text: 'The <b>old</b> paragraph.' },
        { op: 'insert', text: 'The new paragraph.' },
      ],
    },
  ],
};

const $ = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const $$ = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`));
async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

let app: ReturnType<typeof mount> | null = null;
const onFlush = vi.fn(async () => true);
const onRestore = vi.fn(async () => true);
const onClose = vi.fn();

beforeEach(() => {
  vi.resetAllMocks();
  onFlush.mockResolvedValue(true);
  onRestore.mockResolvedValue(true);
  m.listRevisions.mockResolvedValue([rev(3, 'autosave', Date.now() - 60_000), rev(2, 'publish', Date.now() - 3_600_000)]);
  m.revisionDiff.mockResolvedValue(diff);
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

describe('HistoryPanel', () => {
  it('lists revisions, shows a diff as text and restores the chosen one', async () => {
    app = mount(HistoryPanel, { target: document.body, props: { entryKey: key, title: 'Kirkenes', savedAt: 1, onFlush, onRestore, onClose } });
    await settle();
    expect(onFlush).toHaveBeenCalled();
    expect(m.listRevisions).toHaveBeenCalledWith(key);
    const rows = $$('revision');
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['autosave', 'publish']);
    expect(rows[1]?.textContent).toContain('Published');
    expect(rows[1]?.textContent).toContain('Ingrid Mäkelä');
    expect(rows[1]?.textContent).toContain('+2 −1 lines');

    (rows[1] as HTMLButtonElement).click();
    await settle();
    expect(m.revisionDiff).toHaveBeenCalledWith(key, 2);
    expect(rows[1]?.getAttribute('aria-pressed')).toBe('true');
    const view = $('revision-diff');
    expect(view?.querySelector('del')?.textContent).toContain('The <b>old</b> paragraph.');
    expect(view?.querySelector('b')).toBeNull();
    expect(view?.querySelector('ins')?.textContent).toContain('The new paragraph.');

    ($('revision-restore') as HTMLButtonElement).click();
    await settle();
    expect(onRestore).toHaveBeenCalledWith(2);
    expect($('revision-diff')).toBeNull();
  });

  it('explains that an entry without unpublished changes has no history yet', async () => {
    app = mount(HistoryPanel, {
      target: document.body,
      props: { entryKey: { draftId: null, path: key.path }, title: '', savedAt: null, onFlush, onRestore, onClose },
    });
    await settle();
    expect(m.listRevisions).not.toHaveBeenCalled();
    expect($('history-empty')?.textContent).toContain('first edit');
  });

  it('closes on Escape', async () => {
    app = mount(HistoryPanel, { target: document.body, props: { entryKey: key, title: 'K', savedAt: 1, onFlush, onRestore, onClose } });
    await settle();
    $('history-panel')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalled();
  });
});
