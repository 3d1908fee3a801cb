//! The SQLite store in the app's data directory: settings, the sites opened, drafts and their
//! revisions. Every acknowledged save is durable when the call returns. Schema changes go
//! through numbered migrations (see `migrations.rs`); the store never edits a site's files.

mod conflicts;
mod drafts;
mod migrations;
mod settings;

pub use conflicts::ConflictRow;
pub use drafts::{DraftRow, DraftState, DraftWrite, Published};

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
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::DiskFull { .. } => "disk_full",
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::Sqlite { .. } | StoreError::Corrupt(_) => "store",
        }
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let err = |e: rusqlite::Error| classify(path, e);
        let conn = Connection::open(path).map_err(err)?;
        // WAL: readers never block the autosave writer, and a crash mid-write leaves the last
        // committed transaction intact.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss. An
        // autosave that the editor showed as "Saved" must survive a power cut, and one fsync
        // per debounced save (at most one a second) is cheap.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        migrations::migrate(&mut store.conn).map_err(|e| match e {
            migrations::MigrateError::Newer { found, known } => StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                known,
            },
            migrations::MigrateError::Sqlite(e) => classify(path, e),
        })?;
        Ok(store)
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

/// Turns SQLite's error into one a person can act on.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly { path }
        }
        Some(ErrorCode::CannotOpen) if path.parent().is_some_and(is_read_only) => {
            StoreError::ReadOnly { path }
        }
        _ => StoreError::Sqlite {
            path,
            message: e.to_string(),
        },
    }
}

fn is_read_only(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly())
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests;
