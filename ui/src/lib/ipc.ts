// The only door to the Rust side: one typed function per Tauri command, plus the close event.
// Every failure comes out as an ErrorReport {code, message}; tests mock this module, never `invoke`.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  DraftInput,
  EntryDoc,
  EntryKey,
  EntrySummary,
  ErrorReport,
  Identity,
  Problem,
  PublishOutcome,
  SaveAck,
  Startup,
  SyncStatus,
  EditorialInfo,
  EditorialState,
  EntryFilter,
  IndexReport,
  RevisionDiff,
  RevisionInfo,
  SearchFilters,
  SearchHit,
  TrashItem,
} from './bindings';

export function isErrorReport(value: unknown): value is ErrorReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Turns anything a rejected promise can carry into an ErrorReport the UI can show in words. */
export function toErrorReport(e: unknown): ErrorReport {
  if (isErrorReport(e)) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'internal', message: e.message || String(e) };
  return { code: 'internal', message: String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toErrorReport(e);
  }
}

export const startup = () => call<Startup>('startup');
export const openSite = (path: string) => call<Startup>('open_site', { path });
export const listEntries = () => call<EntrySummary[]>('list_entries');
export const openEntry = (key: EntryKey) => call<EntryDoc>('open_entry', { key });
export const newEntry = (collection: string, title: string) =>
  call<EntryDoc>('new_entry', { collection, title });
export const saveDraft = (input: DraftInput) => call<SaveAck>('save_draft', { input });
export const setIdentity = (identity: Identity) => call<Identity>('set_identity', { identity });
export const publish = (key: EntryKey) => call<PublishOutcome>('publish', { key });
export const syncNow = () => call<SyncStatus>('sync_now');
export const confirmClose = () => call<void>('confirm_close');

// ---- Revisions, editorial states, the trash and search (issue 4) ----
export const listEntriesWhere = (filter: EntryFilter) =>
  call<EntrySummary[]>('list_entries_where', { filter });
export const listRevisions = (key: EntryKey) => call<RevisionInfo[]>('list_revisions', { key });
export const revisionDiff = (key: EntryKey, revision: number) =>
  call<RevisionDiff>('revision_diff', { key, revision });
export const restoreRevision = (key: EntryKey, revision: number) =>
  call<EntryDoc>('restore_revision', { key, revision });
export const setEditorialState = (key: EntryKey, editorial: EditorialState) =>
  call<EditorialInfo>('set_editorial_state', { key, editorial });
export const trashDraft = (key: EntryKey) => call<TrashItem>('trash_draft', { key });
export const listTrash = () => call<TrashItem[]>('list_trash');
export const restoreFromTrash = (draftId: number) => call<EntryDoc>('restore_from_trash', { draftId });
export const indexSite = () => call<IndexReport>('index_site');
export const search = (query: string, filters?: SearchFilters) =>
  call<SearchHit[]>('search', { query, filters: filters ?? null });

export const CLOSE_REQUESTED = 'desk://close-requested';

/**
 * Calls `handler` when the window is asked to close. Resolves to an unsubscribe function.
 * Outside Tauri (plain browser, unit tests) there is no event bus: resolves to a no-op.
 */
export async function onCloseRequested(handler: () => void | Promise<void>): Promise<() => void> {
  try {
    return await listen(CLOSE_REQUESTED, () => {
      void handler();
    });
  } catch {
    return () => {};
  }
}

// ---- wt-editor: the entry form, validation, preview, translations ----

export const validateDraft = (input: DraftInput) => call<Problem[]>('validate_draft', { input });
export const preview = (input: DraftInput) => call<string>('preview', { input });
export const addTranslation = (key: EntryKey, language: string) =>
  call<EntryDoc>('add_translation', { key, language });
export const fieldValues = (field: string) => call<string[]>('field_values', { field });
