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
  Opening,
  EntryList,
  IndexProgress,
} from './bindings';
import { expandEntryList } from './entryListWire';

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

// wt-welcome: the last site, or none (then the Welcome screen is shown).
export const startup = () => call<Opening>('startup');
export const openSite = (path: string) => call<Startup>('open_site', { path });
// wt-start: the list arrives compact (a tenth of the JSON on a large site) and is expanded here.
export const listEntries = () => call<EntryList>('list_entries').then(expandEntryList);
export const openEntry = (key: EntryKey) => call<EntryDoc>('open_entry', { key });
export const newEntry = (collection: string, title: string) =>
  call<EntryDoc>('new_entry', { collection, title });
export const saveDraft = (input: DraftInput) => call<SaveAck>('save_draft', { input });
export const setIdentity = (identity: Identity) => call<Identity>('set_identity', { identity });
export const publish = (key: EntryKey) => call<PublishOutcome>('publish', { key });
export const syncNow = () => call<SyncStatus>('sync_now');
export const confirmClose = () => call<void>('confirm_close');
/** Spell checking on (Linux: it loads the dictionaries), asked once the start screen shows. */
export const startSpellChecking = () => call<void>('start_spell_checking');

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
// ---- Helper wt-mediacal: images, media library, calendar ---------------------------------
import type {
  BatchRow,
  BatchTable,
  EventList,
  EventRange,
  IcsFile,
  ImportProgress,
  ImportReport,
  MediaLibrary,
  MediaThumb,
} from './bindings';

/** Imports an image the page holds as bytes (pasted, or from the file picker). */
export async function importImageBytes(key: EntryKey, name: string, bytes: Uint8Array): Promise<ImportReport> {
  try {
    return await invoke<ImportReport>('import_image_bytes', bytes, {
      headers: {
        // Header values must be ASCII: both are URI-encoded and decoded in the shell.
        'x-desk-entry': encodeURIComponent(JSON.stringify(key)),
        'x-desk-name': encodeURIComponent(name),
      },
    });
  } catch (e) {
    throw toErrorReport(e);
  }
}
/** Imports the files of a drop the shell announced (see onFilesDropped); never takes a path. */
export const importDroppedImages = (key: EntryKey, dropId: number) =>
  call<ImportReport>('import_dropped_images', { key, dropId });
export const cancelImport = () => call<void>('cancel_import');
export const mediaLibrary = () => call<MediaLibrary>('media_library');
export const mediaThumbnail = (path: string) => call<MediaThumb>('media_thumbnail', { path });
export const listEvents = (range: EventRange) => call<EventList>('list_events', { range });
export const eventIcs = (key: EntryKey) => call<IcsFile>('event_ics', { key });
export const exportEventIcs = (key: EntryKey) => call<string>('export_event_ics', { key });
export const parseEventTable = (text: string, zone: string | null) =>
  call<BatchTable>('parse_event_table', { text, zone });

/** Files dropped on the window: the shell keeps the paths and gives the page a number. */
export interface FilesDropped {
  id: number;
  names: string[];
  /** Where the drop landed, in CSS pixels. */
  x: number;
  y: number;
}

async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
  try {
    return await listen<T>(event, (e) => handler(e.payload));
  } catch {
    return () => {};
  }
}

export const onFilesDropped = (handler: (drop: FilesDropped) => void) =>
  subscribe<FilesDropped>('desk://files-dropped', handler);
export const onImportProgress = (handler: (progress: ImportProgress) => void) =>
  subscribe<ImportProgress>('desk://import-progress', handler);
// wt-start: how far indexing has come (a site's first opening, and the index update after start).
export const onIndexProgress = (handler: (progress: IndexProgress) => void) =>
  subscribe<IndexProgress>('desk://index-progress', handler);
export const duplicateEvent = (key: EntryKey, day: string | null, keepText: boolean) =>
  call<EntryDoc>('duplicate_event', { key, day, keepText });
export const moveEventDraft = (key: EntryKey, day: string) => call<SaveAck>('move_event_draft', { key, day });
export const createEventDrafts = (collection: string, rows: BatchRow[]) =>
  call<EntryKey[]>('create_event_drafts', { collection, rows });

// ---- wt-images ---------------------------------------------------------------------------------
/** The picture an image `src` of the entry points to, as a data: URL (the web view cannot load site files). */
export const imagePreview = (key: EntryKey, src: string) => call<MediaThumb>('image_preview', { key, src });
