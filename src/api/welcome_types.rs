//! The IPC values of the Welcome screen (generated into `ui/src/lib/bindings.ts` like those of
//! `types.rs`): what the window opens on, and the recent sites.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::Startup;

/// What the window opens on: a site, or nothing (the Welcome screen is shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Opening {
    /// The site that was opened (the last one used, or the demo with `--demo`); `None` on a
    /// first start, or when the last site could not be reopened.
    pub startup: Option<Startup>,
    /// Why the last site could not be reopened (moved, deleted, damaged), to show on the
    /// Welcome screen.
    pub notice: Option<String>,
    /// Set when the store was found damaged at start and rebuilt (as in [`Startup`]).
    pub store_notice: Option<String>,
}

/// A site opened before, for the Welcome screen's list (most recent first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentSite {
    /// The site's folder (its git work tree).
    pub path: String,
    /// The site's name from its schema, else the folder's name (as when it was last opened).
    pub name: String,
    /// The folder is gone or is no longer a git work tree (moved or deleted).
    pub missing: bool,
    /// It is the site open now.
    pub current: bool,
}
