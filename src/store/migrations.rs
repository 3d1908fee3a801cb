//! Numbered schema migrations, applied in order inside one transaction each; the version is
//! SQLite's `user_version`. Never edit a released migration: add the next one.

use rusqlite::Connection;

pub enum MigrateError {
    Newer { found: i64, known: i64 },
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sqlite(e)
    }
}

/// Migration `i` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: settings, sites, drafts, revisions
    "CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE sites (
        id              INTEGER PRIMARY KEY,
        root            TEXT NOT NULL UNIQUE,
        added_at        INTEGER NOT NULL,
        last_push_error TEXT
    ) STRICT;
    CREATE TABLE drafts (
        id               INTEGER PRIMARY KEY,
        site_id          INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        collection       TEXT NOT NULL,
        path             TEXT,
        title            TEXT NOT NULL,
        doc_json         TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('draft', 'published')),
        base_blob        TEXT,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        published_commit TEXT
    ) STRICT;
    CREATE UNIQUE INDEX drafts_site_path ON drafts(site_id, path) WHERE path IS NOT NULL;
    CREATE TABLE revisions (
        id         INTEGER PRIMARY KEY,
        draft_id   INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('autosave', 'publish')),
        title      TEXT NOT NULL,
        doc_json   TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        commit_id  TEXT
    ) STRICT;
    CREATE INDEX revisions_by_draft ON revisions(draft_id, created_at);",
    // 2: the typed front matter fields the editor's form holds (JSON: key -> value or null)
    "ALTER TABLE drafts ADD COLUMN fields_json TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE revisions ADD COLUMN fields_json TEXT NOT NULL DEFAULT '{}';",
    // 3: sync conflicts (all three versions of the file kept until resolved)
    "CREATE TABLE conflicts (
        id          INTEGER PRIMARY KEY,
        site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        path        TEXT NOT NULL,
        base        BLOB,
        mine        BLOB,
        theirs      BLOB,
        fields_json TEXT NOT NULL,
        body        INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        resolved_at INTEGER,
        resolution  TEXT
    ) STRICT;
    CREATE INDEX conflicts_open ON conflicts(site_id, resolved_at);",
];

pub fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > known {
        return Err(MigrateError::Newer { found, known });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
