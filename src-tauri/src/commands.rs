//! The IPC commands: each one hands its arguments to the core on a blocking thread (git and
//! SQLite never run on the UI's event loop) and returns the core's value or its ErrorReport.

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
    tauri::async_runtime::spawn_blocking(move || {
        // wt-memory: big one-off work (open, index, list) gives its freed memory back.
        let started = std::time::Instant::now();
        let answer = work(&desk).map_err(|e| e.report());
        crate::memory::after_core_call(started.elapsed());
        answer
    })
    .await
    .map_err(|e| ErrorReport {
        code: "internal".into(),
        message: format!(
            "Barents Desk hit an internal error ({e}). Your saved drafts are kept; restart the app."
        ),
        problems: None,
        host_key: None,
    })?
}

// `startup` (what the window opens on) is in welcome_commands.rs (wt-welcome).

#[tauri::command]
pub async fn open_site(state: State<'_, AppState>, path: String) -> Reply<Startup> {
    // wt-welcome: `~/site` is the home folder's, as typed on the Welcome screen.
    on_core(state, move |d| {
        d.open_site(&desk::api::welcome::typed_path(&path))
    })
    .await
}

/// Every entry, compactly (the UI expands it); a site never indexed is indexed first, with
/// `desk://index-progress` events (wt-start).
#[tauri::command]
pub async fn list_entries(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Reply<desk::api::start_types::EntryList> {
    on_core(state, move |d| {
        d.entry_list_with(&|p| {
            let _ = app.emit(INDEX_PROGRESS, p);
        })
    })
    .await
}

/// The event that carries indexing's progress (`IndexProgress`).
pub(crate) const INDEX_PROGRESS: &str = "desk://index-progress";

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

/// Brings the site index up to date (the UI calls it once the list shows, and after a sync);
/// progress goes out as `desk://index-progress`.
#[tauri::command]
pub async fn index_site(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Reply<desk::api::types::IndexReport> {
    on_core(state, move |d| {
        d.index_site_with(&|p| {
            let _ = app.emit(INDEX_PROGRESS, p);
        })
    })
    .await
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
// ---- Helper wt-mediacal: images, media library, calendar -------------------------------

use desk::api::library_types::{MediaLibrary, MediaThumb};
use desk::api::types::{EventList, EventRange, IcsFile, ImportReport};
use desk::events::batch::BatchTable;
use tauri::{Emitter, Manager};

use crate::drops::DropState;

/// Imports the files of drop `drop_id` (the paths never come from the page: see drops.rs)
/// for an entry; progress goes out as `desk://import-progress`.
#[tauri::command]
pub async fn import_dropped_images(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    key: EntryKey,
    drop_id: u64,
) -> Reply<ImportReport> {
    let drops = app.state::<DropState>();
    let files = drops.take(drop_id).ok_or_else(|| ErrorReport {
        code: "drop_gone".into(),
        message: "Those dropped files are no longer known; drop them again.".into(),
        problems: None,
        host_key: None,
    })?;
    drops.reset_cancel();
    let emitter = app.clone();
    on_core(state, move |d| {
        let drops = emitter.state::<DropState>();
        d.import_images(
            &key,
            &files,
            &|p| {
                let _ = emitter.emit("desk://import-progress", p);
            },
            &drops.cancel,
        )
    })
    .await
}

/// Imports one image sent as bytes (pasted, or chosen in the page's file picker, which gives
/// bytes and no path). The raw request body is the file; the headers `x-desk-entry` (the
/// entry key as JSON) and `x-desk-name` (the file name), both URI-encoded.
#[tauri::command]
pub async fn import_image_bytes(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<ImportReport> {
    let bad = |what: &str| ErrorReport {
        code: "bad_request".into(),
        message: format!("The pasted image could not be received ({what}); paste it again."),
        problems: None,
        host_key: None,
    };
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad("it was not sent as bytes"));
    };
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(percent_decode)
    };
    let key: EntryKey = header("x-desk-entry")
        .and_then(|k| serde_json::from_str(&k).ok())
        .ok_or_else(|| bad("the entry was not named"))?;
    let name = header("x-desk-name").unwrap_or_else(|| "pasted image".into());
    let bytes = bytes.clone();
    let drops = app.state::<DropState>();
    drops.reset_cancel();
    let emitter = app.clone();
    on_core(state, move |d| {
        d.import_image_bytes(&key, &name, &bytes, &emitter.state::<DropState>().cancel)
    })
    .await
}

/// Stops a running import after the step in progress; finished images are kept.
#[tauri::command]
pub fn cancel_import(drops: State<'_, DropState>) {
    drops
        .cancel
        .store(true, std::sync::atomic::Ordering::SeqCst);
}

#[tauri::command]
pub async fn media_library(state: State<'_, AppState>) -> Reply<MediaLibrary> {
    on_core(state, |d| d.media_library()).await
}

#[tauri::command]
pub async fn media_thumbnail(state: State<'_, AppState>, path: String) -> Reply<MediaThumb> {
    on_core(state, move |d| d.media_thumbnail(&path)).await
}

#[tauri::command]
pub async fn list_events(state: State<'_, AppState>, range: EventRange) -> Reply<EventList> {
    on_core(state, move |d| d.events(&range)).await
}

#[tauri::command]
pub async fn event_ics(state: State<'_, AppState>, key: EntryKey) -> Reply<IcsFile> {
    on_core(state, move |d| d.event_ics(&key)).await
}

/// Saves one event as an `.ics` file in the user's Downloads folder; returns the file.
#[tauri::command]
pub async fn export_event_ics(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    key: EntryKey,
) -> Reply<String> {
    let folder = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| ErrorReport {
            code: "no_downloads".into(),
            message: format!("There is no Downloads folder to save the event in ({e})."),
            problems: None,
            host_key: None,
        })?;
    on_core(state, move |d| {
        d.export_event_ics_to(&key, &folder)
            .map(|p| p.to_string_lossy().into_owned())
    })
    .await
}

#[tauri::command]
pub async fn parse_event_table(
    state: State<'_, AppState>,
    text: String,
    zone: Option<String>,
) -> Reply<BatchTable> {
    on_core(state, move |d| d.parse_event_table(&text, zone.as_deref())).await
}

/// `%C3%A5` -> `å`; invalid sequences are kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A new draft event copied from another ("duplicate" keeps the text; "new event like this
/// one" does not), optionally starting on `day` (`YYYY-MM-DD`).
#[tauri::command]
pub async fn duplicate_event(
    state: State<'_, AppState>,
    key: EntryKey,
    day: Option<String>,
    keep_text: bool,
) -> Reply<EntryDoc> {
    on_core(state, move |d| {
        d.duplicate_event(&key, day.as_deref(), keep_text)
    })
    .await
}

/// Moves a draft event to another day (the calendar's drag).
#[tauri::command]
pub async fn move_event_draft(
    state: State<'_, AppState>,
    key: EntryKey,
    day: String,
) -> Reply<SaveAck> {
    on_core(state, move |d| d.move_event_draft(&key, &day)).await
}

/// Creates a draft for each row of a checked table.
#[tauri::command]
pub async fn create_event_drafts(
    state: State<'_, AppState>,
    collection: String,
    rows: Vec<desk::events::batch::BatchRow>,
) -> Reply<Vec<EntryKey>> {
    on_core(state, move |d| d.create_event_drafts(&collection, &rows)).await
}

// ---- wt-images --------------------------------------------------------------------------------

/// The picture an entry's image `src` points to, as a `data:` URL (editor image nodes).
#[tauri::command]
pub async fn image_preview(
    state: State<'_, AppState>,
    key: EntryKey,
    src: String,
) -> Reply<MediaThumb> {
    on_core(state, move |d| d.image_preview(&key, &src)).await
}
