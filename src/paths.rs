//! Where the app keeps its own data (the SQLite store, the demo site): the platform's data
//! directory, or `BARENTS_DESK_DATA_DIR` when set, so tests and end-to-end runs stay isolated.
//! Owns nothing inside a site's repository.

use std::path::PathBuf;

use crate::{Error, Result};

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "BARENTS_DESK_DATA_DIR";

/// The app's data directory, created if missing.
///
/// Linux: `$XDG_DATA_HOME/barents-desk`; macOS: `~/Library/Application Support/org.barents.desk`;
/// Windows: `%APPDATA%\Barents\Barents Desk\data`.
pub fn data_dir() -> Result<PathBuf> {
    let dir = match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => directories::ProjectDirs::from("org", "Barents", "Barents Desk")
            .map(|p| p.data_dir().to_path_buf())
            .ok_or_else(|| {
                Error::Validation(format!(
                    "Could not find a data folder for this user (no home directory?). Set {DATA_DIR_ENV} to a folder Barents Desk may write to."
                ))
            })?,
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create the data folder", &dir, e))?;
    Ok(dir)
}

/// The store's database file inside a data directory.
pub fn store_file(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("desk.sqlite3")
}

/// The folder that holds the demo site's clone and its bare origin.
pub fn demo_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("demo")
}
