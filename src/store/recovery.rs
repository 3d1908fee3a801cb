//! What happens when the store file is damaged: `PRAGMA integrity_check` runs on every open
//! but one that finds the file as a clean close left it (`clean_close.rs`);
//! a file that fails it (or that SQLite will not read at all) is moved aside under a
//! timestamped name with its `-wal` and `-shm`, a new store is made, and every row that can
//! still be read from the old file (settings, sites, drafts, revisions, sync conflicts) is
//! copied into it,
//! row by row so that one bad page costs only the rows on it. The site index is not copied:
//! it is rebuilt from the repository. The user is always told: never an empty store in silence.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

/// What a recovery did, for the message the app shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Where the damaged file was moved.
    pub moved_to: PathBuf,
    /// What was wrong, in SQLite's words (first lines of integrity_check, or the open error).
    pub problem: String,
    pub drafts: usize,
    pub revisions: usize,
    /// Rows SQLite could not read back.
    pub unreadable: usize,
}

impl Recovery {
    pub fn message(&self) -> String {
        let lost = if self.unreadable > 0 {
            format!(
                " {} damaged row(s) could not be read; the old file is kept in case they can be recovered by hand.",
                self.unreadable
            )
        } else {
            String::new()
        };
        format!(
            "Barents Desk's database was damaged ({}). It was moved to {} and a new one was made: {} draft(s) and {} revision(s) were recovered from it; published entries come back from the site's repository.{lost} Check your recent drafts.",
            self.problem,
            self.moved_to.display(),
            self.drafts,
            self.revisions,
        )
    }
}

/// Runs SQLite's integrity check; `Ok(None)` when the file is sound. Without `full` (the file
/// is as a clean close left it, see `clean_close.rs`) only the header and schema are read,
/// which still finds a file that is not a database at all.
pub(super) fn integrity_problem(conn: &Connection, full: bool) -> rusqlite::Result<Option<String>> {
    if !full {
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })?;
        return Ok(None);
    }
    let lines: Vec<String> = conn
        .prepare("PRAGMA integrity_check(20)")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(if lines.len() == 1 && lines[0] == "ok" {
        None
    } else {
        Some(lines.into_iter().take(3).collect::<Vec<_>>().join("; "))
    })
}

/// Whether an open error means the file itself is damaged (as opposed to a full disk, a
/// read-only folder or a newer schema, which must never move a file aside).
pub(super) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase)
    )
}

/// Moves the damaged store and its WAL files aside; returns the new name.
pub(super) fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store.sqlite3".into());
    let aside = path.with_file_name(format!("{name}.damaged-{stamp}"));
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::rename(&side, format!("{}{suffix}", aside.display()))?;
        }
    }
    Ok(aside)
}

/// Copies what can be read from the damaged file `old` into the fresh store `new`.
pub(super) fn salvage(
    old: &Path,
    new: &Connection,
    problem: String,
    moved_to: PathBuf,
) -> Recovery {
    let mut report = Recovery {
        moved_to,
        problem,
        drafts: 0,
        revisions: 0,
        unreadable: 0,
    };
    let Ok(old) = Connection::open_with_flags(old, OpenFlags::SQLITE_OPEN_READ_WRITE) else {
        report.unreadable += 1;
        return report;
    };
    let _ = new.execute_batch("PRAGMA foreign_keys = OFF");
    copy_rows(
        &old,
        new,
        "settings",
        "key",
        &["key", "value"],
        &mut report.unreadable,
    );
    // The site index is rebuilt from the repository: the trees it remembered go with it.
    let _ = new.execute(
        "DELETE FROM settings WHERE substr(key, 1, length(?1)) = ?1",
        [super::search::INDEX_TREE_PREFIX],
    );
    copy_rows(
        &old,
        new,
        "sites",
        "id",
        &["id", "root", "added_at", "last_push_error"],
        &mut report.unreadable,
    );
    let draft_columns: &[&str] = &[
        "id",
        "site_id",
        "collection",
        "path",
        "title",
        "doc_json",
        "state",
        "base_blob",
        "created_at",
        "updated_at",
        "published_commit",
        "fields_json",
        "editorial",
        "editorial_by",
        "editorial_at",
        "trashed_at",
        "trashed_path",
    ];
    report.drafts = copy_rows(
        &old,
        new,
        "drafts",
        "id",
        draft_columns,
        &mut report.unreadable,
    );
    let revision_columns: &[&str] = &[
        "id",
        "draft_id",
        "kind",
        "title",
        "doc_json",
        "created_at",
        "commit_id",
        "fields_json",
        "updated_at",
        "author",
    ];
    report.revisions = copy_rows(
        &old,
        new,
        "revisions",
        "id",
        revision_columns,
        &mut report.unreadable,
    );
    // Sync conflicts hold the editor's side of a file until resolved: user text too.
    let conflict_columns: &[&str] = &[
        "id",
        "site_id",
        "path",
        "base",
        "mine",
        "theirs",
        "fields_json",
        "body",
        "created_at",
        "resolved_at",
        "resolution",
    ];
    copy_rows(
        &old,
        new,
        "conflicts",
        "id",
        conflict_columns,
        &mut report.unreadable,
    );
    // Revisions whose draft row was lost cannot be shown; keep the rest consistent.
    let _ = new.execute(
        "DELETE FROM revisions WHERE draft_id NOT IN (SELECT id FROM drafts)",
        [],
    );
    let _ = new.execute_batch("PRAGMA foreign_keys = ON");
    report
}

/// Copies one table row by row (by key), using the columns the old file has among `wanted`.
/// Returns the rows copied; adds to `unreadable` each row (or the whole table) it could not read.
fn copy_rows(
    old: &Connection,
    new: &Connection,
    table: &str,
    key: &str,
    wanted: &[&str],
    unreadable: &mut usize,
) -> usize {
    let present: Vec<String> = match old
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
    {
        Ok(cols) => cols,
        Err(_) => {
            *unreadable += 1;
            return 0;
        }
    };
    let has = |c: &str| present.iter().any(|p| p == c);
    // (column written, expression read): a column an older schema lacks is read from the
    // one that stood for it (an old revision was last saved when it was made).
    let columns: Vec<(&str, &str)> = wanted
        .iter()
        .filter_map(|&c| match c {
            _ if has(c) => Some((c, c)),
            "updated_at" if table == "revisions" => Some((c, "created_at")),
            _ => None,
        })
        .collect();
    if columns.is_empty() {
        return 0;
    }
    // Keys first (a scan that may stop at a damaged page), then each row on its own.
    let mut keys: Vec<rusqlite::types::Value> = Vec::new();
    match old.prepare(&format!("SELECT {key} FROM {table} ORDER BY rowid")) {
        Ok(mut stmt) => match stmt.query([]) {
            Ok(mut rows) => loop {
                match rows.next() {
                    Ok(Some(row)) => match row.get(0) {
                        Ok(v) => keys.push(v),
                        Err(_) => *unreadable += 1,
                    },
                    Ok(None) => break,
                    Err(_) => {
                        *unreadable += 1;
                        break;
                    }
                }
            },
            Err(_) => *unreadable += 1,
        },
        Err(_) => *unreadable += 1,
    }
    // A scan stops at the first damaged page; rows past it are still reachable by key.
    if let Some(last) = keys.last().and_then(|k| match k {
        rusqlite::types::Value::Integer(i) => Some(*i),
        _ => None,
    }) {
        let max: i64 = old
            .query_row(&format!("SELECT max({key}) FROM {table}"), [], |r| r.get(0))
            .unwrap_or(last + 1000);
        for k in last + 1..=max.min(last + 100_000) {
            let found: rusqlite::Result<i64> = old.query_row(
                &format!("SELECT {key} FROM {table} WHERE {key} = ?1"),
                [k],
                |r| r.get(0),
            );
            if let Ok(k) = found {
                keys.push(rusqlite::types::Value::Integer(k));
            }
        }
    }
    let list = columns.iter().map(|c| c.0).collect::<Vec<_>>().join(", ");
    let exprs = columns.iter().map(|c| c.1).collect::<Vec<_>>().join(", ");
    let marks = (1..=columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let read = format!("SELECT {exprs} FROM {table} WHERE {key} = ?1");
    let write = format!("INSERT OR REPLACE INTO {table} ({list}) VALUES ({marks})");
    let mut copied = 0;
    for k in keys {
        let values: rusqlite::Result<Vec<rusqlite::types::Value>> =
            old.query_row(&read, params![k], |r| {
                (0..columns.len()).map(|i| r.get(i)).collect()
            });
        match values.and_then(|v| new.execute(&write, rusqlite::params_from_iter(v))) {
            Ok(_) => copied += 1,
            Err(_) => *unreadable += 1,
        }
    }
    copied
}
