//! Files dropped on the window, and the image import's cancel switch. The window never sends
//! a file path: the shell keeps the paths of each drop (the OS tells Rust, not the page) under
//! a number, tells the page the number, the names and where the drop landed, and the import
//! command takes that number. So the page can import only what the user dropped.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;
use tauri::{DragDropEvent, Emitter, Manager, Window, WindowEvent};

/// Drops kept at most (older ones are forgotten; the page uses a drop at once).
const KEEP: usize = 16;

#[derive(Default)]
pub struct DropState {
    next: AtomicU64,
    drops: Mutex<HashMap<u64, Vec<PathBuf>>>,
    /// Set by `cancel_import`; cleared when an import starts.
    pub cancel: AtomicBool,
}

impl DropState {
    /// The paths of drop `id`, once (a drop is imported at most once).
    pub fn take(&self, id: u64) -> Option<Vec<PathBuf>> {
        self.drops.lock().ok()?.remove(&id)
    }

    fn keep(&self, paths: Vec<PathBuf>) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        if let Ok(mut drops) = self.drops.lock() {
            drops.retain(|k, _| *k + KEEP as u64 > id);
            drops.insert(id, paths);
        }
        id
    }

    pub fn reset_cancel(&self) {
        self.cancel.store(false, Ordering::SeqCst);
    }
}

/// What the page hears about a drop (`desk://files-dropped`).
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Dropped {
    id: u64,
    /// File names only, for the page to show.
    names: Vec<String>,
    /// Where the drop landed, in CSS pixels of the page.
    x: f64,
    y: f64,
}

pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::DragDrop(DragDropEvent::Drop { paths, position }) = event else {
        return;
    };
    if paths.is_empty() {
        return;
    }
    let scale = window.scale_factor().unwrap_or(1.0);
    let names = paths
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let id = window.state::<DropState>().keep(paths.clone());
    let dropped = Dropped {
        id,
        names,
        x: position.x / scale,
        y: position.y / scale,
    };
    if let Err(e) = window.emit("desk://files-dropped", dropped) {
        tracing::warn!("could not tell the page about dropped files: {e}");
    }
}
