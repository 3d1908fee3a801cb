//! Sync conflicts: a file both this computer and the server changed in overlapping ways. All
//! three versions (common base, mine, theirs) are kept here until the editor resolves it, so
//! nothing typed is lost while the site's branch holds the server's version.

use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError, now_ms};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub id: i64,
    pub path: String,
    pub base: Option<Vec<u8>>,
    pub mine: Option<Vec<u8>>,
    pub theirs: Option<Vec<u8>>,
    pub fields: Vec<String>,
    pub body: bool,
    pub created_at: i64,
}

const COLUMNS: &str = "id, path, base, mine, theirs, fields_json, body, created_at";

fn row(r: &Row<'_>) -> rusqlite::Result<ConflictRow> {
    let fields: String = r.get(5)?;
    Ok(ConflictRow {
        id: r.get(0)?,
        path: r.get(1)?,
        base: r.get(2)?,
        mine: r.get(3)?,
        theirs: r.get(4)?,
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        body: r.get::<_, i64>(6)? != 0,
        created_at: r.get(7)?,
    })
}

impl Store {
    /// Records a conflict; returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn add_conflict(
        &mut self,
        site: i64,
        path: &str,
        base: Option<&[u8]>,
        mine: Option<&[u8]>,
        theirs: Option<&[u8]>,
        fields: &[String],
        body: bool,
    ) -> Result<i64, StoreError> {
        let fields =
            serde_json::to_string(fields).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.conn
            .execute(
                "INSERT INTO conflicts (site_id, path, base, mine, theirs, fields_json, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![site, path, base, mine, theirs, fields, i64::from(body), now_ms()],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The conflicts of a site not resolved yet, oldest first.
    pub fn open_conflicts(&self, site: i64) -> Result<Vec<ConflictRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM conflicts WHERE site_id = ?1 AND resolved_at IS NULL ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        stmt.query_map([site], row)
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    pub fn conflict(&self, site: i64, id: i64) -> Result<Option<ConflictRow>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM conflicts WHERE site_id = ?1 AND id = ?2 AND resolved_at IS NULL"),
                [site, id],
                row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Marks a conflict resolved (`how`: `mine`, `theirs`, `edited`); the versions stay.
    pub fn resolve_conflict(&mut self, id: i64, how: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1",
                params![id, now_ms(), how],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Turns the draft of `path` back into unpublished edits (after its publish was set aside
    /// by a conflict). Returns false when the path has no draft.
    pub fn reopen_draft(&mut self, site: i64, path: &str) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "UPDATE drafts SET state = 'draft', updated_at = ?3 WHERE site_id = ?1 AND path = ?2",
                params![site, path, now_ms()],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// The draft of an entry that moved follows it.
    pub fn move_draft(&mut self, site: i64, from: &str, to: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE drafts SET path = ?3 WHERE site_id = ?1 AND path = ?2",
                params![site, from, to],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }
}
