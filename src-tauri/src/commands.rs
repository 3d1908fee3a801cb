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

// ---- wt-editor: the entry form ----

/// Values a front matter field already has across the site (tag completion).
#[tauri::command]
pub async fn field_values(state: State<'_, AppState>, field: String) -> Reply<Vec<String>> {
    on_core(state, move |d| d.field_values(&field)).await
}
