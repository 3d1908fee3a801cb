//! The window's remembered layout through the facade (see [`crate::layout`]): read at start,
//! the geometry saved by the shell as the window moves, the pane widths saved by the UI.

use super::Desk;
use crate::Result;
use crate::layout::{self, PaneWidths, WindowGeometry, WindowLayout};

impl Desk {
    /// The remembered layout (the default when none is remembered or the file is unreadable).
    pub fn window_layout(&self) -> WindowLayout {
        layout::load(self.data_dir())
    }

    /// Remembers where the window is and how big.
    pub fn save_window_geometry(&self, geometry: WindowGeometry) -> Result<WindowLayout> {
        layout::update(self.data_dir(), |l| {
            // Maximised: keep the size to return to, only note the state.
            l.window = match (geometry.maximized, l.window) {
                (true, Some(before)) => Some(WindowGeometry {
                    maximized: true,
                    ..before
                }),
                _ => Some(geometry),
            };
        })
    }

    /// Remembers the pane widths (a `None` keeps the remembered width of that pane).
    pub fn save_pane_widths(&self, panes: PaneWidths) -> Result<WindowLayout> {
        layout::update(self.data_dir(), |l| {
            if panes.sidebar.is_some() {
                l.panes.sidebar = panes.sidebar;
            }
            if panes.preview.is_some() {
                l.panes.preview = panes.preview;
            }
        })
    }
}
