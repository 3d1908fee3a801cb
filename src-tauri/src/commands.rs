//! The IPC commands: each one hands its arguments to the core on a blocking thread (git and
//! SQLite never run on the UI's event loop) and returns the core's value or its ErrorReport.

use std::path::PathBuf;

use desk::api::Desk;
use desk::api::types::{
    DraftInput, EntryDoc, EntryKey, EntrySummary, ErrorReport, Identity, PublishOutcome, SaveAck,
    Startup, SyncStatus,
};
use desk::site::validate::Problem;
use tauri::State;

use crate::AppState;

pub(crate) type Reply<T> = Result<T, ErrorReport>;

// The error crosses IPC as a value (code, message, problems), made once per failed call; its
// size does not matter on this path, boxing it would only change the type every command names.
#[allow(clippy::result_large_err)]
pub(crate) async fn on_core<T: Send + 'static>(
    state: State<'_, AppState>,
    work: impl FnOnce(&Desk) -> desk::Result<T> + Send + 'static,
) -> Reply<T> {
    let desk = state.desk.clone()?;
    tauri::async_runtime::spawn_blocking(move || work(&desk).map_err(|e| e.report()))
        .await
        .map_err(|e| ErrorReport {
            code: "internal".into(),
            message: format!("Barents Desk hit an internal error ({e}). Your saved drafts are kept; restart the app."),
            problems: None,
            host_key: None,
        })?
}

#[tauri::command]
pub async fn startup(state: State<'_, AppState>) -> Reply<Startup> {
    on_core(state, |d| d.startup()).await
}

#[tauri::command]
pub async fn open_site(state: State<'_, AppState>, path: String) -> Reply<Startup> {
    on_core(state, move |d| d.open_site(&PathBuf::from(path.trim()))).await
}

#[tauri::command]
pub async fn list_entries(state: State<'_, AppState>) -> Reply<Vec<EntrySummary>> {
    on_core(state, |d| d.list_entries()).await
}

#[tauri::command]
pub async fn open_entry(state: State<'_, AppState>, key: EntryKey) -> Reply<EntryDoc> {
    on_core(state, move |d| d.open_entry(&key)).await
}

#[tauri::command]
pub async fn new_entry(
    state: State<'_, AppState>,
    collection: String,
    title: String,
) -> Reply<EntryDoc> {
    on_core(state, move |d| d.new_entry(&collection, &title)).await
}

#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, input: DraftInput) -> Reply<SaveAck> {
    on_core(state, move |d| d.save_draft(&input)).await
}

/// The form's live validation: what a publish would refuse, field by field.
#[tauri::command]
pub async fn validate_draft(state: State<'_, AppState>, input: DraftInput) -> Reply<Vec<Problem>> {
    on_core(state, move |d| d.validate_draft(&input)).await
}

/// Sanitised HTML of the draft for the preview pane (shown in a sandboxed iframe).
#[tauri::command]
pub async fn preview(state: State<'_, AppState>, input: DraftInput) -> Reply<String> {
    on_core(state, move |d| d.preview(&input)).await
}

/// Starts (or opens) the translation of an entry into one of the site's languages.
#[tauri::command]
pub async fn add_translation(
    state: State<'_, AppState>,
    key: EntryKey,
    language: String,
) -> Reply<EntryDoc> {
    on_core(state, move |d| d.add_translation(&key, &language)).await
}

#[tauri::command]
pub async fn set_identity(state: State<'_, AppState>, identity: Identity) -> Reply<Identity> {
    on_core(state, move |d| d.set_identity(&identity)).await
}

#[tauri::command]
pub async fn publish(state: State<'_, AppState>, key: EntryKey) -> Reply<PublishOutcome> {
    on_core(state, move |d| d.publish(&key)).await
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> Reply<SyncStatus> {
    on_core(state, |d| d.sync_now()).await
}

// ---- Revisions, editorial states, the trash and search (issue 4) ----

#[tauri::command]
pub async fn list_entries_where(
    state: State<'_, AppState>,
    filter: desk::api::types::EntryFilter,
) -> Reply<Vec<EntrySummary>> {
    on_core(state, move |d| d.list_entries_where(&filter)).await
}

#[tauri::command]
pub async fn list_revisions(
    state: State<'_, AppState>,
    key: EntryKey,
) -> Reply<Vec<desk::api::types::RevisionInfo>> {
    on_core(state, move |d| d.list_revisions(&key)).await
}

#[tauri::command]
pub async fn revision_diff(
    state: State<'_, AppState>,
    key: EntryKey,
    revision: i64,
) -> Reply<desk::api::types::RevisionDiff> {
    on_core(state, move |d| d.revision_diff(&key, revision)).await
}

#[tauri::command]
pub async fn restore_revision(
    state: State<'_, AppState>,
    key: EntryKey,
    revision: i64,
) -> Reply<EntryDoc> {
    on_core(state, move |d| d.restore_revision(&key, revision)).await
}

#[tauri::command]
pub async fn set_editorial_state(
    state: State<'_, AppState>,
    key: EntryKey,
    editorial: desk::api::types::EditorialState,
) -> Reply<desk::api::types::EditorialInfo> {
    on_core(state, move |d| d.set_editorial_state(&key, editorial)).await
}

#[tauri::command]
pub async fn trash_draft(
    state: State<'_, AppState>,
    key: EntryKey,
) -> Reply<desk::api::types::TrashItem> {
    on_core(state, move |d| d.trash_draft(&key)).await
}

#[tauri::command]
pub async fn list_trash(state: State<'_, AppState>) -> Reply<Vec<desk::api::types::TrashItem>> {
    on_core(state, |d| d.list_trash()).await
}

#[tauri::command]
pub async fn restore_from_trash(state: State<'_, AppState>, draft_id: i64) -> Reply<EntryDoc> {
    on_core(state, move |d| d.restore_from_trash(draft_id)).await
}

/// Brings the site index up to date (the UI calls it after startup and after a sync).
#[tauri::command]
pub async fn index_site(state: State<'_, AppState>) -> Reply<desk::api::types::IndexReport> {
    on_core(state, |d| d.index_site()).await
}

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    filters: Option<desk::api::types::SearchFilters>,
) -> Reply<Vec<desk::api::types::SearchHit>> {
    on_core(state, move |d| {
        d.search(&query, &filters.unwrap_or_default())
    })
    .await
}

// ---- wt-editor: the entry form ----

/// Values a front matter field already has across the site (tag completion).
#[tauri::command]
pub async fn field_values(state: State<'_, AppState>, field: String) -> Reply<Vec<String>> {
    on_core(state, move |d| d.field_values(&field)).await
}
