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
    // 4: revisions may be restores and are filled in place for a minute (updated_at);
    //    editorial states with who and when; the trash (a trashed draft gives up its path so
    //    a new draft of the same file can exist, and keeps it in trashed_path).
    "CREATE TABLE revisions_v3 (
        id          INTEGER PRIMARY KEY,
        draft_id    INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('autosave', 'publish', 'restore')),
        title       TEXT NOT NULL,
        doc_json    TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        commit_id   TEXT,
        fields_json TEXT NOT NULL DEFAULT '{}',
        updated_at  INTEGER NOT NULL,
        author      TEXT
    ) STRICT;
    INSERT INTO revisions_v3 (id, draft_id, kind, title, doc_json, created_at, commit_id, fields_json, updated_at)
        SELECT id, draft_id, kind, title, doc_json, created_at, commit_id, fields_json, created_at FROM revisions;
    DROP TABLE revisions;
    ALTER TABLE revisions_v3 RENAME TO revisions;
    CREATE INDEX revisions_by_draft ON revisions(draft_id, created_at);
    ALTER TABLE drafts ADD COLUMN editorial TEXT NOT NULL DEFAULT 'draft'
        CHECK (editorial IN ('draft', 'in_review', 'ready', 'published'));
    ALTER TABLE drafts ADD COLUMN editorial_by TEXT;
    ALTER TABLE drafts ADD COLUMN editorial_at INTEGER;
    ALTER TABLE drafts ADD COLUMN trashed_at INTEGER;
    ALTER TABLE drafts ADD COLUMN trashed_path TEXT;
    UPDATE drafts SET editorial = 'published' WHERE state = 'published';
    CREATE INDEX drafts_trashed ON drafts(trashed_at) WHERE trashed_at IS NOT NULL;",
    // 5: the site index: one row per searchable text (a published file at a blob, or a
    //    draft at a save time), and its full-text index. Text is folded before it is
    //    indexed (see store/search.rs), and unicode61 removes the remaining diacritics.
    "CREATE TABLE search_docs (
        id          INTEGER PRIMARY KEY,
        site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        source      TEXT NOT NULL CHECK (source IN ('published', 'draft')),
        path        TEXT,
        draft_id    INTEGER REFERENCES drafts(id) ON DELETE CASCADE,
        version     TEXT NOT NULL,
        collection  TEXT NOT NULL,
        language    TEXT,
        title       TEXT NOT NULL,
        date        TEXT,
        tags_json   TEXT NOT NULL DEFAULT '[]',
        images_json TEXT NOT NULL DEFAULT '[]',
        links_json  TEXT NOT NULL DEFAULT '[]',
        fields_json TEXT NOT NULL DEFAULT '{}',
        body        TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX search_docs_published ON search_docs(site_id, path) WHERE source = 'published';
    CREATE UNIQUE INDEX search_docs_draft ON search_docs(draft_id) WHERE source = 'draft';
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, tags,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
    );
    CREATE TRIGGER search_docs_deleted AFTER DELETE ON search_docs BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
    END;",
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
