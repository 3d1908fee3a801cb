//! Barents Desk's desktop shell: a Tauri 2 window over the `desk` core. This crate only
//! translates IPC to core calls and core errors to messages; it holds no logic of its own.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// Unsafe only where a module allows it: `rendering` sets an environment variable before any
// thread starts; `memory` makes two glibc malloc calls.
#![deny(unsafe_code)]

mod close;
#[cfg(test)]
mod command_names;
mod commands;
mod drops;
// wt-memory: WebKit cache model, malloc arenas and trimming (issue 7's memory target).
mod memory;
// How WebKitGTK draws without a GPU.
mod rendering;
// Spell checking in the web view (Linux needs it turned on).
mod spelling;
mod sync_commands;
// wt-welcome: the Welcome screen, `--demo`.
mod welcome_commands;
// wt-editor: the window's remembered layout.
mod window_layout;

use std::sync::Arc;

use desk::api::Desk;
use desk::api::types::ErrorReport;
use tauri::Manager;

/// The core, or why it could not start (shown in the window instead of crashing).
pub struct AppState {
    desk: Result<Arc<Desk>, ErrorReport>,
}

fn main() {
    rendering::choose_before_webkit_starts();
    memory::before_start();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DESK_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    let desk = Desk::open_default().map(Arc::new).map_err(|e| {
        tracing::error!("the store could not be opened: {e}");
        e.report()
    });
    let result = tauri::Builder::default()
        .manage(AppState { desk })
        .manage(close::CloseState::default())
        .manage(drops::DropState::default())
        .manage(sync_commands::CloneState::default())
        .manage(window_layout::LayoutState::default())
        // wt-welcome: `--demo` opens the demo site at start.
        .manage(welcome_commands::StartOptions::from_args(std::env::args()))
        .setup(|app| {
            sync_commands::start_outbox(app.handle());
            window_layout::restore_and_track(app);
            memory::configure_webview(app);
            Ok(())
        })
        .on_window_event(|window, event| {
            close::on_window_event(window, event);
            drops::on_window_event(window, event);
            window_layout::on_window_event(window, event);
        })
        .invoke_handler(tauri::generate_handler![
            welcome_commands::startup,
            commands::open_site,
            commands::list_entries,
            commands::open_entry,
            commands::new_entry,
            commands::save_draft,
            commands::validate_draft,
            commands::preview,
            commands::add_translation,
            commands::set_identity,
            commands::publish,
            commands::sync_now,
            close::confirm_close,
            spelling::start_spell_checking,
            commands::list_entries_where,
            commands::list_revisions,
            commands::revision_diff,
            commands::restore_revision,
            commands::set_editorial_state,
            commands::trash_draft,
            commands::list_trash,
            commands::restore_from_trash,
            commands::index_site,
            commands::search,
            // Helper wt-mediacal: images, media library, calendar.
            commands::import_dropped_images,
            commands::import_image_bytes,
            commands::cancel_import,
            commands::media_library,
            commands::media_thumbnail,
            commands::list_events,
            commands::event_ics,
            commands::export_event_ics,
            commands::parse_event_table,
            commands::duplicate_event,
            commands::move_event_draft,
            commands::create_event_drafts,
            // sync (issue 6)
            sync_commands::sync,
            sync_commands::outbox_status,
            sync_commands::network_back,
            sync_commands::conflicts,
            sync_commands::resolve_conflict,
            sync_commands::publish_set,
            sync_commands::unpublish,
            sync_commands::rename_entry,
            sync_commands::set_login,
            sync_commands::trust_host,
            sync_commands::clone_site,
            sync_commands::cancel_clone,
            // wt-editor
            commands::field_values,
            commands::image_preview,
            window_layout::window_layout,
            window_layout::save_pane_widths,
            // wt-welcome
            welcome_commands::open_demo,
            welcome_commands::recent_sites,
            welcome_commands::forget_recent_site,
            welcome_commands::suggest_clone_folder,
        ])
        .build(tauri::generate_context!());
    match result {
        // wt-start: at exit the store is recorded as cleanly closed, so the next start can
        // skip its full integrity check (a crash leaves no record: the check runs).
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event
                && let Ok(desk) = &app.state::<AppState>().desk
            {
                match desk.close_clean() {
                    Ok(true) => tracing::info!("the store was closed cleanly"),
                    Ok(false) => tracing::warn!("the store is busy; the next start checks it"),
                    Err(e) => tracing::warn!("the store could not be closed cleanly: {e}"),
                }
            }
        }),
        Err(e) => {
            eprintln!("Barents Desk could not start its window: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod security_tests;
