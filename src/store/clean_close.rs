//! Whether the store file is exactly as this app left it at its last clean close, so that
//! opening it may skip the full `PRAGMA integrity_check` (a third of a second on a 10,000-entry
//! store, before the window could show anything).
//!
//! At a clean close the WAL is checkpointed into the main file and truncated, then a marker
//! beside the store (`<store>.clean`) records the main file's length and modification time.
//! The next open takes the marker away *before* it opens the file, and skips the check only
//! when the file still has that length and time and the WAL is empty: any write since (by this
//! app after the close, by another program, a restore from a backup) changes one of them, and a
//! crash leaves no marker at all. Every other case runs the full check, as before. This module
//! never decides what damage is; `recovery.rs` does.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// What the marker records about the main file.
#[derive(Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Seen {
    len: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    modified_ns: u128,
}

fn marker(store: &Path) -> PathBuf {
    side_file(store, ".clean")
}

fn side_file(store: &Path, suffix: &str) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn seen(store: &Path) -> Option<Seen> {
    let meta = std::fs::metadata(store).ok()?;
    let modified_ns = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(Seen {
        len: meta.len(),
        modified_ns,
    })
}

/// Whether the WAL holds nothing (absent or empty), so the main file is the whole database.
fn wal_empty(store: &Path) -> bool {
    match std::fs::metadata(side_file(store, "-wal")) {
        Ok(meta) => meta.len() == 0,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Takes the marker away and says whether the file is as the last clean close left it. A
/// marker that cannot be removed counts as absent: the check then runs, and runs again next
/// time, rather than trusting a marker that could outlive a crash.
pub(super) fn take(store: &Path) -> bool {
    let marker = marker(store);
    let Ok(text) = std::fs::read_to_string(&marker) else {
        return false;
    };
    if std::fs::remove_file(&marker).is_err() {
        return false;
    }
    let Ok(recorded) = serde_json::from_str::<Seen>(&text) else {
        return false;
    };
    seen(store).is_some_and(|now| now == recorded) && wal_empty(store)
}

/// Records the file as it is now; called right after a checkpoint that emptied the WAL.
pub(super) fn record(store: &Path) -> std::io::Result<()> {
    if !wal_empty(store) {
        return Err(std::io::Error::other("the WAL is not empty"));
    }
    let now = seen(store).ok_or_else(|| std::io::Error::other("the store file cannot be read"))?;
    let json = serde_json::to_vec(&now).map_err(std::io::Error::other)?;
    crate::fs_atomic::write_atomic(&marker(store), &json)
}
