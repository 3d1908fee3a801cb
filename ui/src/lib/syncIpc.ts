// Typed wrappers for the sync commands (issue 6), kept apart from ipc.ts so the two grow
// without colliding. Failures come out as an ErrorReport {code, message, hostKey?}.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  ConflictResolution,
  EntryConflict,
  EntryKey,
  HostKeyInfo,
  OutboxStatus,
  PublishOutcome,
  PublishRequest,
  ServerLogin,
  SetOutcome,
  Startup,
  SyncReport,
  SyncProgress,
} from './bindings';
import { isErrorReport, toErrorReport } from './ipc';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    // Keep the host key of an `unknown_host` report: the UI asks about it.
    if (isErrorReport(e)) throw e;
    throw toErrorReport(e);
  }
}

export const sync = (confirmDeletions = false) => call<SyncReport>('sync', { confirmDeletions });
export const outboxStatus = () => call<OutboxStatus>('outbox_status');
export const networkBack = () => call<void>('network_back');
export const conflicts = () => call<EntryConflict[]>('conflicts');
export const resolveConflict = (id: number, resolution: ConflictResolution) =>
  call<PublishOutcome>('resolve_conflict', { id, resolution });
export const publishSet = (request: PublishRequest) => call<SetOutcome>('publish_set', { request });
export const unpublish = (key: EntryKey, message: string | null) =>
  call<SetOutcome>('unpublish', { key, message });
export const renameEntry = (key: EntryKey, newPath: string) =>
  call<SetOutcome>('rename_entry', { key, newPath });
export const setLogin = (login: ServerLogin) => call<void>('set_login', { login });
export const trustHost = (key: HostKeyInfo) => call<void>('trust_host', { key });
export const cloneSite = (url: string, dest: string) => call<Startup>('clone_site', { url, dest });
export const cancelClone = () => call<void>('cancel_clone');

/**
 * The outbox loop's report (`desk://outbox`, every few seconds from the shell): what waits and
 * the last error, so the window follows the automatic retries. Resolves to the unsubscribe.
 */
export async function onOutbox(handler: (status: OutboxStatus) => void): Promise<() => void> {
  try {
    return await listen<OutboxStatus>('desk://outbox', (e) => handler(e.payload));
  } catch {
    // Outside the app shell (unit tests): there is no loop to hear.
    return () => {};
  }
}

/**
 * wt-states: how a fetch or push moves data (`desk://sync-progress`, from every sync, the
 * outbox's retries and a publish's push). Resolves to the unsubscribe.
 */
export async function onSyncProgress(handler: (progress: SyncProgress) => void): Promise<() => void> {
  try {
    return await listen<SyncProgress>('desk://sync-progress', (e) => handler(e.payload));
  } catch {
    // Outside the app shell (unit tests): nothing reports progress.
    return () => {};
  }
}
