//! Barents Desk's core: everything the editor does that is not a window.
//!
//! The desktop shell (`src-tauri`) and the CLI (`desk`) are two clients of this one library;
//! both go through [`api::Desk`]. This crate never knows there is a window: it has no
//! dependency on tauri and reports progress and errors as plain values.
//!
//! Modules, one idea each:
//! - [`site`]: the site schema (`.desk/site.toml`), collections, slugs, safe paths.
//! - [`content`]: an entry's file = front matter + Markdown body; minimal-change writing.
//! - [`markdown`]: comrak <-> the editor's ProseMirror document.
//! - [`store`]: SQLite: settings, sites, drafts, revisions, migrations.
//! - [`publish`]: git: open, commit one entry, push, what waits to sync.
//! - [`media`]: image import (limits, orientation, metadata, variants) and the media check.
//! - [`events`]: the calendar: event times in their zones, event checks, the iCalendar feed.
//! - [`demo`]: the embedded demo site and its local bare origin.
//! - [`api`]: the facade both clients call, and the types that cross IPC.
#![forbid(unsafe_code)]

pub mod api;
pub mod content;
pub mod demo;
pub mod error;
pub mod events;
pub mod fs_atomic;
pub mod layout;
pub mod markdown;
pub mod media;
pub mod paths;
pub mod publish;
pub mod site;
pub mod store;

pub use error::{Error, Result};
