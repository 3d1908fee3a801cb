// The sync line's words: counts, offline (the server was not reached) and not sent.
import { describe, expect, it } from 'vitest';
import { fromOutbox, queuedMessage, syncHint, syncKind, syncText } from './syncState';

// The core's sentences, as src/publish/mod.rs words them.
const UNREACHABLE =
  "Could not send the change to the site's server: failed to connect to 127.0.0.1: Connection refused. Your change is committed on this computer and will be sent at the next sync.";
const FETCH_FAILED =
  "Could not reach the site's server: failed to resolve address for example.invalid. Your changes are kept on this computer and sent at the next sync.";
const REFUSED =
  "The server example.org refused the user name and password (or token). It may be wrong or expired: enter it again.";

describe('sync state', () => {
  it('says all published when nothing waits, whatever the last error was', () => {
    expect(syncKind({ waiting: 0, lastError: UNREACHABLE })).toBe('synced');
    expect(syncText({ waiting: 0, lastError: null })).toBe('All published');
  });

  it('counts what waits', () => {
    expect(syncText({ waiting: 1, lastError: null })).toBe('1 change waiting to sync');
    expect(syncText({ waiting: 3, lastError: '  ' })).toBe('3 changes waiting to sync');
  });

  it('says offline when the server could not be reached, for a push or a fetch', () => {
    expect(syncKind({ waiting: 1, lastError: UNREACHABLE })).toBe('offline');
    expect(syncText({ waiting: 1, lastError: FETCH_FAILED })).toBe('Offline · 1 change waiting to sync');
    expect(syncHint({ waiting: 1, lastError: UNREACHABLE })).toContain('Connection refused');
    expect(syncHint({ waiting: 1, lastError: UNREACHABLE })).toContain('press Sync now');
  });

  it('says not sent when the server answered but did not take the changes', () => {
    expect(syncKind({ waiting: 2, lastError: REFUSED })).toBe('not-sent');
    expect(syncText({ waiting: 2, lastError: REFUSED })).toBe('Not sent · 2 changes waiting to sync');
    expect(syncHint({ waiting: 2, lastError: REFUSED })).toContain('enter it again');
  });

  it('words a queued publish: short when offline, the full reason otherwise', () => {
    expect(queuedMessage(UNREACHABLE)).toBe('Queued: it will be sent at the next sync.');
    expect(queuedMessage(null)).toBe('Committed on this computer; it will be sent at the next sync.');
    expect(queuedMessage(REFUSED)).toBe(REFUSED);
  });

  it('reads the outbox loop report', () => {
    expect(fromOutbox({ waiting: 2, failures: 3, nextAttempt: 0, lastError: UNREACHABLE, conflicts: 0 })).toEqual({
      waiting: 2,
      lastError: UNREACHABLE,
    });
  });
});
