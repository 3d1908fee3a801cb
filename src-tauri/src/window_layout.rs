//! The main window's size, position and pane widths remembered across restarts (the core
//! keeps them in the data folder, see `desk::layout`). At start the remembered geometry is
//! applied; while the window moves or is resized, the geometry is saved once it has been
//! still for a moment; the UI saves pane widths through `save_pane_widths`.
//!
//! Done here rather than with tauri-plugin-window-state: that plugin writes to the platform's
//! config folder, outside the data folder a test or a second profile sets, and would be one
//! more dependency for a few lines of window calls.

use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use desk::layout::{PaneWidths, WindowGeometry, WindowLayout};
use tauri::{Manager, PhysicalPosition, PhysicalSize, State, WebviewWindow, Window, WindowEvent};

use crate::AppState;
use crate::commands::{Reply, on_core};

/// How long the window must be still before its geometry is written.
const SETTLE: Duration = Duration::from_millis(400);

#[derive(Default)]
pub struct LayoutState {
    moved: Mutex<Option<Sender<()>>>,
}

/// At start: put the window where it was, and start the thread that remembers it.
pub fn restore_and_track(app: &tauri::App) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let Ok(desk) = app.state::<AppState>().desk.clone() else {
        return;
    };
    if let Some(g) = desk.window_layout().window {
        apply(&window, g);
    }
    let (tx, rx) = mpsc::channel::<()>();
    if let Ok(mut slot) = app.state::<LayoutState>().moved.lock() {
        *slot = Some(tx);
    }
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Wait until the moves stop, then write once.
            loop {
                match rx.recv_timeout(SETTLE) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if let Some(g) = geometry(&window)
                && let Err(e) = desk.save_window_geometry(g)
            {
                tracing::warn!("the window's size and position were not remembered: {e}");
            }
        }
    });
}

fn apply(window: &WebviewWindow, g: WindowGeometry) {
    let _ = window.set_size(PhysicalSize::new(g.width, g.height));
    // Only a position on a screen that is still there: a monitor unplugged since must not
    // leave the window out of sight.
    let visible = window.available_monitors().is_ok_and(|monitors| {
        monitors.iter().any(|m| {
            let (p, s) = (m.position(), m.size());
            g.x + 40 >= p.x
                && g.y >= p.y
                && g.x + 40 < p.x + s.width as i32
                && g.y + 40 < p.y + s.height as i32
        })
    });
    if visible {
        let _ = window.set_position(PhysicalPosition::new(g.x, g.y));
    }
    if g.maximized {
        let _ = window.maximize();
    }
}

fn geometry(window: &WebviewWindow) -> Option<WindowGeometry> {
    let size = window.outer_size().ok()?;
    let position = window.outer_position().ok()?;
    Some(WindowGeometry {
        width: size.width,
        height: size.height,
        x: position.x,
        y: position.y,
        maximized: window.is_maximized().unwrap_or(false),
    })
}

pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) || window.label() != "main"
    {
        return;
    }
    if let Some(state) = window.try_state::<LayoutState>()
        && let Ok(slot) = state.moved.lock()
        && let Some(tx) = slot.as_ref()
    {
        let _ = tx.send(());
    }
}

/// The remembered layout, for the UI's pane widths at start.
#[tauri::command]
pub async fn window_layout(state: State<'_, AppState>) -> Reply<WindowLayout> {
    on_core(state, |d| Ok(d.window_layout())).await
}

/// Remembers the pane widths the person dragged.
#[tauri::command]
pub async fn save_pane_widths(
    state: State<'_, AppState>,
    panes: PaneWidths,
) -> Reply<WindowLayout> {
    on_core(state, move |d| d.save_pane_widths(panes)).await
}
