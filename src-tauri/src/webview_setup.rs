//! The window's web view settings, applied once the window exists (from `setup`), in one call
//! into the web view: its caches (memory.rs says why) and spell checking (spelling.rs). Only
//! WebKitGTK needs them; WKWebView and WebView2 do both by themselves.

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
            crate::spelling::enable(&view);
        });
        if let Err(e) = done {
            tracing::warn!(
                "the web view's settings (caches, spell checking) were not applied: {e}"
            );
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
