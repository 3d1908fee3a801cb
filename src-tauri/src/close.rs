//! Closing the window without losing the last keystrokes: the close is held back while the
//! UI flushes its pending autosave, then the UI confirms. If the UI does not answer within a
//! few seconds (it hung), the window closes anyway; what was saved before is in the store.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::{Emitter, Manager, Window, WindowEvent};

/// How long the UI gets to flush before the window closes regardless.
const FLUSH_GRACE: Duration = Duration::from_secs(3);

#[derive(Default)]
pub struct CloseState {
    confirmed: AtomicBool,
}

pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let state = window.state::<CloseState>();
    if state.confirmed.load(Ordering::SeqCst) {
        return;
    }
    api.prevent_close();
    if window.emit("desk://close-requested", ()).is_err() {
        window.app_handle().exit(0);
        return;
    }
    let app = window.app_handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(FLUSH_GRACE);
        tracing::warn!("the window did not confirm closing in time; closing anyway");
        app.exit(0);
    });
}

#[tauri::command]
pub fn confirm_close(app: tauri::AppHandle, state: tauri::State<'_, CloseState>) {
    state.confirmed.store(true, Ordering::SeqCst);
    app.exit(0);
}
