//! The sync commands (issue 6): sync, the outbox, conflicts, choosing what to publish,
//! unpublish and rename, logins and SSH host keys, and cloning with progress and cancel. Like
//! every command, each hands its arguments to the core on a blocking thread. The outbox loop
//! lives here too: a thread that calls the core's `outbox_tick` every few seconds and tells the
//! window (`desk://outbox`) how many changes wait. Fetches and pushes report their progress
//! as `desk://sync-progress` (wt-states).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use desk::api::types::{
    CloneProgress, ConflictResolution, EntryConflict, EntryKey, ErrorReport, HostKeyInfo,
    OutboxStatus, PublishOutcome, PublishRequest, ServerLogin, SetOutcome, Startup, SyncReport,
};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::AppState;
use crate::commands::{Reply, on_core};

/// How often the outbox loop looks at what waits (the core's backoff decides when to try).
const OUTBOX_EVERY: Duration = Duration::from_secs(5);

/// The running clone's cancel flag.
#[derive(Default)]
pub struct CloneState {
    cancel: Arc<AtomicBool>,
}

#[tauri::command]
pub async fn sync(state: State<'_, AppState>, confirm_deletions: bool) -> Reply<SyncReport> {
    on_core(state, move |d| {
        if confirm_deletions {
            d.sync_confirming_deletions()
        } else {
            d.sync()
        }
    })
    .await
}

#[tauri::command]
pub async fn outbox_status(state: State<'_, AppState>) -> Reply<OutboxStatus> {
    on_core(state, |d| d.outbox_status()).await
}

#[tauri::command]
pub async fn network_back(state: State<'_, AppState>) -> Reply<()> {
    on_core(state, |d| d.network_back()).await
}

#[tauri::command]
pub async fn conflicts(state: State<'_, AppState>) -> Reply<Vec<EntryConflict>> {
    on_core(state, |d| d.conflicts()).await
}

#[tauri::command]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    id: i64,
    resolution: ConflictResolution,
) -> Reply<PublishOutcome> {
    on_core(state, move |d| d.resolve_conflict(id, &resolution)).await
}

#[tauri::command]
pub async fn publish_set(state: State<'_, AppState>, request: PublishRequest) -> Reply<SetOutcome> {
    on_core(state, move |d| d.publish_set(&request)).await
}

#[tauri::command]
pub async fn unpublish(
    state: State<'_, AppState>,
    key: EntryKey,
    message: Option<String>,
) -> Reply<SetOutcome> {
    on_core(state, move |d| d.unpublish(&key, message.as_deref())).await
}

#[tauri::command]
pub async fn rename_entry(
    state: State<'_, AppState>,
    key: EntryKey,
    new_path: String,
) -> Reply<SetOutcome> {
    on_core(state, move |d| d.rename_entry(&key, &new_path)).await
}

#[tauri::command]
pub async fn set_login(state: State<'_, AppState>, login: ServerLogin) -> Reply<()> {
    on_core(state, move |d| d.set_login(&login)).await
}

#[tauri::command]
pub async fn trust_host(state: State<'_, AppState>, key: HostKeyInfo) -> Reply<()> {
    on_core(state, move |d| d.trust_host(&key)).await
}

/// Clones `url` into `dest` (an absolute folder path, checked here), sending
/// `desk://clone-progress` events; `cancel_clone` stops it.
#[tauri::command]
pub async fn clone_site(
    app: AppHandle,
    state: State<'_, AppState>,
    clone: State<'_, CloneState>,
    url: String,
    dest: String,
) -> Reply<Startup> {
    // wt-welcome: `~/sites/x` is the home folder's.
    let dest = desk::api::welcome::typed_path(&dest);
    if !dest.is_absolute() {
        return Err(ErrorReport {
            code: "validation".into(),
            message: "Choose the folder to clone into (a full path).".into(),
            problems: None,
            host_key: None,
        });
    }
    let cancel = clone.cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    on_core(state, move |d| {
        d.clone_site(
            url.trim(),
            &dest,
            |p: CloneProgress| {
                let _ = app.emit("desk://clone-progress", p);
            },
            &cancel,
        )
    })
    .await
}

#[tauri::command]
pub fn cancel_clone(clone: State<'_, CloneState>) {
    clone.cancel.store(true, Ordering::SeqCst);
}

/// Starts the outbox loop: every few seconds, the core tries what waits (with its backoff),
/// and the window hears the status.
pub fn start_outbox(app: &AppHandle) {
    // wt-states: every fetch and push (Sync now, these retries, a publish's push) shows its
    // progress in the window's publish bar.
    if let Ok(desk) = &app.state::<AppState>().desk {
        let window = app.clone();
        desk.on_sync_progress(move |p| {
            let _ = window.emit("desk://sync-progress", p);
        });
    }
    let app = app.clone();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(OUTBOX_EVERY);
            let state = app.state::<AppState>();
            let Ok(desk) = state.desk.clone() else {
                return;
            };
            match desk.outbox_tick() {
                Ok(status) => {
                    let _ = app.emit("desk://outbox", status);
                }
                // No site open yet, or the site is unreadable: nothing to send.
                Err(e) => tracing::debug!("outbox: {e}"),
            }
        }
    });
}
