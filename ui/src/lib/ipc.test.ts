// ipc.ts turns every rejection into an ErrorReport and sends the argument names Rust expects.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const listen = vi.fn();
vi.mock('@tauri-apps/api/event', () => ({ listen: (...args: unknown[]) => listen(...args) }));

const ipc = await import('./ipc');

beforeEach(() => {
  invoke.mockReset();
  listen.mockReset();
});

describe('toErrorReport', () => {
  it('passes an ErrorReport through, keeping only code and message', () => {
    expect(ipc.toErrorReport({ code: 'not_a_repository', message: 'No git here', extra: 1 })).toEqual({
      code: 'not_a_repository',
      message: 'No git here',
    });
  });

  it('wraps anything else as internal', () => {
    expect(ipc.toErrorReport('boom')).toEqual({ code: 'internal', message: 'boom' });
    expect(ipc.toErrorReport(new TypeError('bad'))).toEqual({ code: 'internal', message: 'bad' });
    expect(ipc.toErrorReport(undefined)).toEqual({ code: 'internal', message: 'undefined' });
    expect(ipc.toErrorReport({ code: 3, message: 'x' })).toEqual({ code: 'internal', message: '[object Object]' });
    expect(ipc.toErrorReport(null)).toEqual({ code: 'internal', message: 'null' });
  });
});

describe('commands', () => {
  it('rejects with the ErrorReport Rust sent', async () => {
    invoke.mockRejectedValueOnce({ code: 'identity_missing', message: 'Set your name first.' });
    await expect(ipc.publish({ draftId: 4, path: null })).rejects.toEqual({
      code: 'identity_missing',
      message: 'Set your name first.',
    });
  });

  it('rejects with an internal ErrorReport for a plain string rejection', async () => {
    invoke.mockRejectedValueOnce('command save_draft not found');
    await expect(ipc.listEntries()).rejects.toEqual({ code: 'internal', message: 'command save_draft not found' });
  });

  it('uses the command names and camelCase argument names of the contract', async () => {
    invoke.mockResolvedValue(null);
    // wt-start: the list arrives compact and is expanded.
    invoke.mockImplementation(async (command: string) =>
      command === 'list_entries' ? { collections: ['articles'], languages: [], rows: [{ p: 'content/a.md', c: 0, t: 'A', s: 'p' }] } : null,
    );
    const key = { draftId: null, path: 'content/news/a/index.md' };
    const body = { type: 'doc', content: [] };
    await ipc.startup();
    await ipc.openSite('/sites/barents');
    expect((await ipc.listEntries())[0]?.key).toEqual({ draftId: null, path: 'content/a.md' });
    await ipc.openEntry(key);
    await ipc.newEntry('articles', '');
    await ipc.saveDraft({ key, collection: 'articles', title: 'T', fields: {}, body });
    await ipc.setIdentity({ name: 'Ola', email: 'ola@example.org' });
    await ipc.publish(key);
    await ipc.syncNow();
    await ipc.confirmClose();
    expect(invoke.mock.calls).toEqual([
      ['startup', undefined],
      ['open_site', { path: '/sites/barents' }],
      ['list_entries', undefined],
      ['open_entry', { key }],
      ['new_entry', { collection: 'articles', title: '' }],
      ['save_draft', { input: { key, collection: 'articles', title: 'T', fields: {}, body } }],
      ['set_identity', { identity: { name: 'Ola', email: 'ola@example.org' } }],
      ['publish', { key }],
      ['sync_now', undefined],
      ['confirm_close', undefined],
    ]);
  });

  it('listens for the close request, and is a no-op outside Tauri', async () => {
    const stop = vi.fn();
    listen.mockResolvedValueOnce(stop);
    const handler = vi.fn();
    const unlisten = await ipc.onCloseRequested(handler);
    expect(listen.mock.calls[0]?.[0]).toBe('desk://close-requested');
    (listen.mock.calls[0]?.[1] as () => void)();
    expect(handler).toHaveBeenCalledTimes(1);
    unlisten();
    expect(stop).toHaveBeenCalled();

    listen.mockRejectedValueOnce(new TypeError('window.__TAURI_INTERNALS__ is undefined'));
    const noop = await ipc.onCloseRequested(handler);
    expect(() => noop()).not.toThrow();
  });
});
