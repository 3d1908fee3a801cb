//! The window's web view settings, applied once the window exists (from `setup`), in one call
//! into the web view: its caches (memory.rs says why). Spell checking is turned on later, when
//! the window asks (spelling.rs). Only WebKitGTK needs them.

/// Applies the settings to the main window's web view.
pub fn apply(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        let Some(window) = app.get_webview_window("main") else {
            return;
        };
        let done = window.with_webview(|webview| {
            let view = webview.inner();
            crate::memory::configure_caches(&view);
        });
        if let Err(e) = done {
            tracing::warn!("the web view's cache settings were not applied: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
