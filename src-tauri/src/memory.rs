//! How much memory the app keeps (issue 7's "< 200 MB after opening 20 entries"; DESIGN 31).
//! It owns two settings and one act, each measured with `cargo xtask bench-ui`:
//! - WebKit (Linux): the window shows only the app's own bundled page, so WebKitGTK's web
//!   browser caches (the memory cache of decoded resources and the back/forward page cache)
//!   only hold copies of what the page already has: the cache model is `DocumentViewer` and
//!   the page cache is off. (Compositing without a GPU is rendering.rs's.)
//! - glibc malloc (Linux): at most two arenas, so a thread that allocates once (a sync, a
//!   checkpoint, an index batch on every core) does not leave its own arena of freed pages,
//!   buffers of 512 KiB and more are mapped on their own, and what big one-off work freed is
//!   handed back to the system after it ([`after_core_call`]).
//!
//! Its unsafe code is the two glibc calls (rendering.rs has the shell's only other unsafe block).
#![allow(unsafe_code)]

/// A core call that took this long did big one-off work (opening or indexing a site, listing
/// thousands of entries, a publish): trimming after it costs about a millisecond, noise
/// beside it. Quick calls (autosave, validation while typing) never trim, so the pages they
/// reuse are not handed back and faulted in again on every keystroke.
const BIG_WORK: std::time::Duration = std::time::Duration::from_millis(100);

/// Before anything else runs (before Tauri starts threads): malloc's tuning.
pub fn before_start() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes malloc's tuning parameters; called once at the top of
    // main, before any other thread exists, with parameters glibc documents.
    unsafe {
        // Two arenas, not 8 per core: each arena keeps its own freed pages, and the index
        // parses on every core, the async runtime and sync each allocate from their threads.
        libc::mallopt(libc::M_ARENA_MAX, 2);
        // A fixed threshold (glibc otherwise raises it to the largest block freed so far, up
        // to 32 MiB): buffers of 512 KiB and more (a 10,000-entry list's JSON, a file read
        // whole) are mapped on their own and unmapped when freed, instead of staying in a heap.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 512 * 1024);
    }
}

/// After a core call (on the thread that ran it): big work hands back what it freed.
pub fn after_core_call(took: std::time::Duration) {
    if took >= BIG_WORK {
        trim();
    }
}

/// Hands memory that malloc holds free back to the system, in every arena (not only the top
/// of the main heap, which is all that glibc returns by itself).
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of malloc's own heaps; it takes malloc's
    // locks itself and may be called from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Sets the web view's caches once the window exists (called from `setup`).
pub fn configure_webview(app: &tauri::App) {
    use tauri::Manager;
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let done = window.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        {
            use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebViewExt};
            let view = webview.inner();
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
                tracing::debug!("web view cache model: {:?}", context.cache_model());
            }
            if let Some(settings) = WebViewExt::settings(&view) {
                // wry turns the back/forward cache on; the app never navigates back.
                settings.set_enable_page_cache(false);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    });
    if let Err(e) = done {
        tracing::warn!("the web view's cache settings were not applied: {e}");
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    /// RssAnon of this process, in kB.
    fn anon_kb() -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .expect("/proc/self/status")
            .lines()
            .find_map(|l| l.strip_prefix("RssAnon:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .expect("RssAnon")
    }

    #[test]
    fn trim_hands_back_freed_memory_that_malloc_would_keep() {
        // 48 MiB in small blocks (below the mmap threshold, so in a heap), all touched, then
        // freed except one block above them: glibc keeps that free memory resident by itself.
        let mut blocks: Vec<Vec<u8>> = (0..12_288).map(|i| vec![i as u8; 4096]).collect();
        let keep = vec![1u8; 4096];
        blocks.clear();
        blocks.shrink_to_fit();
        let before = anon_kb();
        super::trim();
        let after = anon_kb();
        assert_eq!(keep[0], 1);
        assert!(
            before.saturating_sub(after) > 24 * 1024,
            "trim gave back only {} kB of 48 MiB freed ({before} kB -> {after} kB)",
            before.saturating_sub(after)
        );
    }
}
