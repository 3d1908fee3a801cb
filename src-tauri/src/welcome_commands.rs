//! The Welcome screen's commands (wt-welcome): what the window opens on (`startup`, which
//! honours the `--demo` flag), the demo site, the recent sites and the suggested folder for a
//! clone. Cloning itself is `clone_site` in sync_commands.rs. Like every command, each hands
//! its arguments to the core on a blocking thread.

use std::sync::atomic::{AtomicBool, Ordering};

use desk::api::types::Startup;
use desk::api::welcome_types::{Opening, RecentSite};
use tauri::State;

use crate::AppState;
use crate::commands::{Reply, on_core};

/// The command line's choice of first site: `--demo` opens the demo site at start (what
/// `cargo xtask run` and the end-to-end tests use); without it the last site used is reopened,
/// or the Welcome screen is shown.
#[derive(Default)]
pub struct StartOptions {
    demo: AtomicBool,
}

impl StartOptions {
    /// Reads the process's arguments; arguments it does not know are left alone (WebDriver and
    /// the platform may add their own).
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Self {
        StartOptions {
            demo: AtomicBool::new(args.into_iter().skip(1).any(|a| a == "--demo")),
        }
    }
}

/// What the window opens on. `--demo` applies to the first call only: a reloaded page finds
/// the site the user went on to.
#[tauri::command]
pub async fn startup(
    state: State<'_, AppState>,
    options: State<'_, StartOptions>,
) -> Reply<Opening> {
    if options.demo.swap(false, Ordering::SeqCst) {
        on_core(state, |d| {
            let startup = d.open_demo()?;
            Ok(Opening {
                store_notice: startup.store_notice.clone(),
                startup: Some(startup),
                notice: None,
            })
        })
        .await
    } else {
        on_core(state, |d| d.reopen_last()).await
    }
}

#[tauri::command]
pub async fn open_demo(state: State<'_, AppState>) -> Reply<Startup> {
    on_core(state, |d| d.open_demo()).await
}

#[tauri::command]
pub async fn recent_sites(state: State<'_, AppState>) -> Reply<Vec<RecentSite>> {
    on_core(state, |d| d.recent_sites()).await
}

/// Removes a site from the list (never its folder); returns the list left.
#[tauri::command]
pub async fn forget_recent_site(
    state: State<'_, AppState>,
    path: String,
) -> Reply<Vec<RecentSite>> {
    on_core(state, move |d| d.forget_recent_site(&path)).await
}

/// A new, empty folder under the user's documents to clone `url` into.
#[tauri::command]
pub async fn suggest_clone_folder(state: State<'_, AppState>, url: String) -> Reply<String> {
    on_core(state, move |d| d.suggest_clone_folder(&url)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(args: &[&str]) -> bool {
        StartOptions::from_args(args.iter().map(|s| s.to_string()))
            .demo
            .load(Ordering::SeqCst)
    }

    #[test]
    fn only_the_demo_flag_after_the_program_name_opens_the_demo() {
        assert!(demo(&["barents-desk-app", "--demo"]));
        assert!(demo(&["barents-desk-app", "--automation", "--demo"]));
        assert!(!demo(&["barents-desk-app"]));
        assert!(!demo(&["--demo"]), "the program's own name is not a flag");
        assert!(!demo(&["barents-desk-app", "--demo-site"]));
    }
}
