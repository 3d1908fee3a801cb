//! The SQLite store in the app's data directory: settings, the sites opened, drafts and their
//! revisions. Every acknowledged save is durable when the call returns. Schema changes go
//! through numbered migrations (see `migrations.rs`); the store never edits a site's files.

mod checkpointer;
// wt-start: the full integrity check is skipped when the file is as a clean close left it.
mod clean_close;
mod conflicts;
mod drafts;
mod editorial;
mod migrations;
mod recovery;
// wt-states: a conflict's resolution replaces a draft's text without writing over a revision.
mod resolution;
mod revisions;
pub mod search;
mod settings;
mod trash;

pub use conflicts::ConflictRow;
pub use drafts::{DraftRow, DraftState, DraftWrite, Editorial, Published};
pub use editorial::SETTABLE as EDITORIAL_SETTABLE;
pub use recovery::Recovery;
pub use revisions::{KEEP_AUTOSAVES_MS, RevisionKind, RevisionRow};
pub use trash::{KEEP_TRASH_MS, TrashRow};

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The disk holding Barents Desk's data ({path}) is full, so your last change is not saved yet. It stays in the editor; free some space and it will be saved."
    )]
    DiskFull { path: PathBuf },
    #[error(
        "Barents Desk's data folder ({path}) is read-only, so your last change is not saved yet. It stays in the editor; make the folder writable."
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "The disk holding Barents Desk's data ({path}) reported an error while saving, so your last change is not saved yet. It stays in the editor and saving is tried again; if this message stays, check the disk or free space on it."
    )]
    DiskError { path: PathBuf },
    #[error(
        "Barents Desk's database ({path}) was made by a newer version of the app (schema {found}, this app knows {known}). Update Barents Desk."
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("Barents Desk's database ({path}) failed: {message}.")]
    Sqlite { path: PathBuf, message: String },
    #[error("A saved draft could not be read: {0}.")]
    Corrupt(String),
    #[error(
        "This draft ({id}) is no longer in the store: it was moved to the trash or deleted. Your text is still in the editor; restore the draft from the trash, or copy the text into a new entry."
    )]
    Gone { id: i64 },
    #[error("{0} was not found.")]
    NotFound(String),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::DiskFull { .. } => "disk_full",
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::DiskError { .. } => "disk_error",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::Sqlite { .. } | StoreError::Corrupt(_) => "store",
            StoreError::Gone { .. } => "draft_gone",
            StoreError::NotFound(_) => "not_found",
        }
    }
}

pub struct Store {
    // Dropped before `checkpointer`: closing the connection drops its WAL hook, the last
    // sender the checkpoint thread listens to.
    conn: Connection,
    path: PathBuf,
    recovery: Option<Recovery>,
    checkpointer: Option<Box<checkpointer::Checkpointer>>,
    /// Whether this open ran the full integrity check (see `clean_close.rs`).
    checked: bool,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, checks its integrity and brings its
    /// schema up to date. A damaged file is moved aside and what can be read from it is
    /// copied into a new store; [`Store::recovery`] then says what happened. The full check is
    /// skipped only when the file is byte for byte as [`Store::close_clean`] left it.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let check = !clean_close::take(path);
        let problem = match Self::open_checked(path, check)? {
            Opened::Sound(mut store) => {
                store.purge_trash(now_ms())?;
                return Ok(store);
            }
            Opened::Damaged(problem) => problem,
        };
        tracing::error!("the store {} is damaged: {problem}", path.display());
        let aside = recovery::move_aside(path).map_err(|e| StoreError::Sqlite {
            path: path.to_path_buf(),
            message: format!(
                "the database is damaged ({problem}) and could not be moved aside ({e}); move it away by hand and restart"
            ),
        })?;
        let mut store = match Self::open_checked(path, true)? {
            Opened::Sound(store) => store,
            Opened::Damaged(problem) => {
                return Err(StoreError::Sqlite {
                    path: path.to_path_buf(),
                    message: format!("a new database is damaged at once ({problem})"),
                });
            }
        };
        let report = recovery::salvage(&aside, &store.conn, problem, aside.clone());
        tracing::warn!("{}", report.message());
        store.recovery = Some(report);
        Ok(store)
    }

    /// What the last open recovered from a damaged file, if it had to.
    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref()
    }

    /// Whether this open ran the full `PRAGMA integrity_check` (false after a clean close).
    pub fn integrity_checked(&self) -> bool {
        self.checked
    }

    /// Moves everything into the main file (the WAL is emptied) and records it as cleanly
    /// closed, so the next open may skip the full integrity check. Returns false when a reader
    /// kept the WAL from being emptied: then nothing is recorded and the next open checks.
    /// The store stays usable; any later write makes the record void (see `clean_close.rs`).
    pub fn close_clean(&mut self) -> Result<bool, StoreError> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if busy != 0 {
            return Ok(false);
        }
        match clean_close::record(&self.path) {
            Ok(()) => Ok(true),
            Err(e) => {
                tracing::warn!(
                    "the clean close could not be recorded ({e}); the next start checks the store"
                );
                Ok(false)
            }
        }
    }

    /// Opens, checks integrity (when `check`), sets the connection up and migrates. Damage (a
    /// failed check, or SQLite calling the file corrupt or not a database) is a value, every
    /// other error (full disk, read-only folder, newer schema) an error: only damage moves a
    /// file aside.
    fn open_checked(path: &Path, check: bool) -> Result<Opened, StoreError> {
        let fail = |e: rusqlite::Error| {
            if recovery::is_damage(&e) {
                Ok(Opened::Damaged(e.to_string()))
            } else {
                Err(classify(path, e))
            }
        };
        let conn = match Connection::open(path) {
            Ok(conn) => conn,
            Err(e) => return fail(e),
        };
        if let Err(e) = conn.busy_timeout(std::time::Duration::from_secs(5)) {
            return fail(e);
        }
        let started = std::time::Instant::now();
        match recovery::integrity_problem(&conn, check) {
            Ok(Some(problem)) => return Ok(Opened::Damaged(problem)),
            Ok(None) => {}
            Err(e) => return fail(e),
        }
        tracing::info!(
            "store {}: {} check in {:?}",
            path.display(),
            if check { "integrity" } else { "header" },
            started.elapsed()
        );
        // WAL: readers never block the autosave writer, and a crash mid-write leaves the last
        // committed transaction intact.
        // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss. An
        // autosave that the editor showed as "Saved" must survive a power cut, and one fsync
        // per debounced save (at most one a second) is cheap.
        let setup = conn
            .pragma_update(None, "journal_mode", "WAL")
            .and_then(|_| conn.pragma_update(None, "synchronous", "FULL"))
            .and_then(|_| conn.pragma_update(None, "foreign_keys", "ON"));
        if let Err(e) = setup {
            return fail(e);
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            recovery: None,
            checkpointer: None,
            checked: check,
        };
        match migrations::migrate(&mut store.conn) {
            Ok(()) => {
                store.checkpointer =
                    checkpointer::Checkpointer::start(&mut store.conn, path).map(Box::new);
                Ok(Opened::Sound(store))
            }
            Err(migrations::MigrateError::Newer { found, known }) => Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                known,
            }),
            Err(migrations::MigrateError::Sqlite(e)) => fail(e),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// The id of a site (by the absolute path of its work tree), added on first use.
    pub fn site_id(&mut self, root: &str) -> Result<i64, StoreError> {
        let now = now_ms();
        self.conn
            .execute(
                "INSERT INTO sites (root, added_at) VALUES (?1, ?2) ON CONFLICT(root) DO NOTHING",
                (root, now),
            )
            .map_err(|e| self.err(e))?;
        self.conn
            .query_row("SELECT id FROM sites WHERE root = ?1", [root], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Remembers why the last push of a site failed (`None` after a good push).
    pub fn set_push_error(&mut self, site: i64, error: Option<&str>) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE sites SET last_push_error = ?2 WHERE id = ?1",
                (site, error),
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    pub fn push_error(&self, site: i64) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT last_push_error FROM sites WHERE id = ?1",
                [site],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }
}

enum Opened {
    Sound(Store),
    Damaged(String),
}

/// Turns SQLite's error into one a person can act on.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly { path }
        }
        Some(ErrorCode::CannotOpen) if path.parent().is_some_and(refuses_writes) => {
            StoreError::ReadOnly { path }
        }
        Some(ErrorCode::SystemIoFailure) => StoreError::DiskError { path },
        _ => StoreError::Sqlite {
            path,
            message: e.to_string(),
        },
    }
}

/// Whether `dir` cannot take a new file: its permissions say so, or a probe file is refused
/// because the file system is read-only or access is denied.
fn refuses_writes(dir: &Path) -> bool {
    if std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly()) {
        return true;
    }
    let probe = dir.join(".desk-write-probe");
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => matches!(
            e.kind(),
            std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
        ),
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_history;
#[cfg(test)]
mod tests_recovery;
