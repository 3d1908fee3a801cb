//! The window's remembered layout: its size, position and maximised state, and the widths of
//! the panes beside the text (the entry list, the preview). Kept in `window-layout.json` in
//! the app's data folder, beside the store, so a test's data folder holds its own.
//!
//! Never an obstacle: a missing, unreadable or nonsensical file is the default layout (logged),
//! and sizes are clamped to what a screen can show. Knows nothing of windows or of Tauri.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fs_atomic::write_atomic;
use crate::{Error, Result};

/// The file's name inside the data folder.
pub const FILE_NAME: &str = "window-layout.json";

/// Where the main window was and how big, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WindowGeometry {
    pub width: u32,
    pub height: u32,
    pub x: i32,
    pub y: i32,
    /// Maximised: the size and position above are the ones to return to.
    #[serde(default)]
    pub maximized: bool,
}

/// Pane widths in CSS pixels; `None` is the default width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaneWidths {
    #[serde(default)]
    pub sidebar: Option<u32>,
    #[serde(default)]
    pub preview: Option<u32>,
}

/// Everything remembered about the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WindowLayout {
    #[serde(default)]
    pub window: Option<WindowGeometry>,
    #[serde(default)]
    pub panes: PaneWidths,
}

/// Smallest and largest sizes worth restoring; anything else is a broken file or a screen
/// that is gone, and the default is better.
const MIN_WINDOW: u32 = 480;
const MAX_WINDOW: u32 = 16_384;
const MIN_PANE: u32 = 160;
const MAX_PANE: u32 = 2_000;

impl WindowLayout {
    /// The layout with every value a screen can show; others dropped to the default.
    pub fn sane(self) -> WindowLayout {
        let pane = |w: Option<u32>| w.map(|w| w.clamp(MIN_PANE, MAX_PANE));
        WindowLayout {
            window: self.window.filter(|g| {
                (MIN_WINDOW..=MAX_WINDOW).contains(&g.width)
                    && (MIN_WINDOW / 2..=MAX_WINDOW).contains(&g.height)
                    && g.x.unsigned_abs() <= MAX_WINDOW * 4
                    && g.y.unsigned_abs() <= MAX_WINDOW * 4
            }),
            panes: PaneWidths {
                sidebar: pane(self.panes.sidebar),
                preview: pane(self.panes.preview),
            },
        }
    }
}

// The shell saves the geometry from one thread while the UI saves pane widths: one at a time,
// so neither overwrites the other's half with an old value.
static WRITING: Mutex<()> = Mutex::new(());

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// The remembered layout, or the default one when there is none or it cannot be read.
pub fn load(data_dir: &Path) -> WindowLayout {
    let path = file(data_dir);
    match std::fs::read(&path) {
        Ok(bytes) => match serde_json::from_slice::<WindowLayout>(&bytes) {
            Ok(layout) => layout.sane(),
            Err(e) => {
                tracing::warn!(
                    "{} is not a window layout ({e}); using the default",
                    path.display()
                );
                WindowLayout::default()
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => WindowLayout::default(),
        Err(e) => {
            tracing::warn!(
                "{} could not be read ({e}); using the default",
                path.display()
            );
            WindowLayout::default()
        }
    }
}

/// Changes the remembered layout with `change` and writes it (atomically).
pub fn update(data_dir: &Path, change: impl FnOnce(&mut WindowLayout)) -> Result<WindowLayout> {
    let _one_writer = WRITING.lock().unwrap_or_else(|p| p.into_inner());
    let mut layout = load(data_dir);
    change(&mut layout);
    let layout = layout.sane();
    let path = file(data_dir);
    let bytes = serde_json::to_vec_pretty(&layout)
        .map_err(|e| Error::Validation(format!("The window layout could not be written: {e}")))?;
    write_atomic(&path, &bytes)
        .map_err(|e| Error::io("save the window layout", path.clone(), e))?;
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_and_panes_are_saved_apart_and_read_back_together() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), WindowLayout::default());
        let geometry = WindowGeometry {
            width: 1400,
            height: 900,
            x: 40,
            y: -20,
            maximized: false,
        };
        update(dir.path(), |l| l.window = Some(geometry)).unwrap();
        update(dir.path(), |l| l.panes.sidebar = Some(340)).unwrap();
        let back = load(dir.path());
        assert_eq!(back.window, Some(geometry));
        assert_eq!(back.panes.sidebar, Some(340));
        assert_eq!(back.panes.preview, None);
    }

    #[test]
    fn a_broken_or_absurd_file_gives_the_default_never_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), b"{ not json").unwrap();
        assert_eq!(load(dir.path()), WindowLayout::default());
        std::fs::write(
            dir.path().join(FILE_NAME),
            br#"{"window":{"width":3,"height":2,"x":0,"y":0},"panes":{"sidebar":5,"preview":99999}}"#,
        )
        .unwrap();
        let layout = load(dir.path());
        assert_eq!(layout.window, None, "a 3x2 window is not restored");
        assert_eq!(layout.panes.sidebar, Some(MIN_PANE));
        assert_eq!(layout.panes.preview, Some(MAX_PANE));
    }
}
