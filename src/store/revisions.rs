//! The revision history of a draft: autosave points filled in place for a minute, thinned as
//! they age ("every minute for the last hour, hourly for a day, daily for a month"), and
//! publish and restore points that are never thinned. Restoring writes a new revision; no
//! operation here ever deletes a text the draft does not also hold elsewhere.

use rusqlite::{OptionalExtension, Transaction, params};

use super::drafts::REVISION_SPAN_MS;
use super::{Store, StoreError, now_ms};
use crate::content::FieldEdits;
use crate::markdown::DocNode;

const HOUR_MS: i64 = 60 * 60 * 1000;
const DAY_MS: i64 = 24 * HOUR_MS;
/// Autosave points older than this are dropped (publish and restore points stay).
pub const KEEP_AUTOSAVES_MS: i64 = 30 * DAY_MS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisionKind {
    Autosave,
    Publish,
    Restore,
}

impl RevisionKind {
    fn parse(s: &str) -> Self {
        match s {
            "publish" => RevisionKind::Publish,
            "restore" => RevisionKind::Restore,
            _ => RevisionKind::Autosave,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RevisionRow {
    pub id: i64,
    pub kind: RevisionKind,
    pub title: String,
    pub doc: DocNode,
    pub fields: FieldEdits,
    /// When the revision began; an autosave point takes saves for a minute after it.
    pub created_at: i64,
    /// The last save it holds.
    pub updated_at: i64,
    pub commit: Option<String>,
    pub author: Option<String>,
}

/// Called inside an autosave's transaction: fills the open autosave point, or starts a new
/// one and thins the older ones.
pub(super) fn record_autosave(
    tx: &Transaction<'_>,
    draft: i64,
    title: &str,
    json: &str,
    fields: &str,
    now: i64,
) -> rusqlite::Result<()> {
    let newest: Option<(i64, String, i64)> = tx
        .query_row(
            "SELECT id, kind, created_at FROM revisions WHERE draft_id = ?1
             ORDER BY created_at DESC, id DESC LIMIT 1",
            [draft],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match newest {
        Some((id, kind, created))
            if kind == "autosave" && (0..REVISION_SPAN_MS).contains(&(now - created)) =>
        {
            tx.execute(
                "UPDATE revisions SET title = ?2, doc_json = ?3, fields_json = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, title, json, fields, now],
            )?;
        }
        _ => {
            tx.execute(
                "INSERT INTO revisions (draft_id, kind, title, doc_json, created_at, updated_at, fields_json)
                 VALUES (?1, 'autosave', ?2, ?3, ?4, ?4, ?5)",
                params![draft, title, json, now, fields],
            )?;
            thin(tx, draft, now)?;
        }
    }
    Ok(())
}

/// Which autosave points to keep at `now`: all of the last hour, the newest of each hour for
/// a day, the newest of each day for [`KEEP_AUTOSAVES_MS`]. Input is newest first.
pub fn keep(points: &[(i64, i64)], now: i64) -> Vec<i64> {
    let mut kept = Vec::new();
    let mut last_bucket: Option<(u8, i64)> = None;
    for &(id, created) in points {
        let age = now - created;
        let bucket = if age < HOUR_MS {
            kept.push(id);
            continue;
        } else if age < DAY_MS {
            (1, created.div_euclid(HOUR_MS))
        } else if age < KEEP_AUTOSAVES_MS {
            (2, created.div_euclid(DAY_MS))
        } else {
            continue;
        };
        if last_bucket != Some(bucket) {
            kept.push(id);
            last_bucket = Some(bucket);
        }
    }
    kept
}

fn thin(tx: &Transaction<'_>, draft: i64, now: i64) -> rusqlite::Result<()> {
    let points: Vec<(i64, i64)> = tx
        .prepare(
            "SELECT id, created_at FROM revisions WHERE draft_id = ?1 AND kind = 'autosave'
             ORDER BY created_at DESC, id DESC",
        )?
        .query_map([draft], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let kept: std::collections::HashSet<i64> = keep(&points, now).into_iter().collect();
    let mut delete = tx.prepare("DELETE FROM revisions WHERE id = ?1")?;
    for (id, _) in points {
        if !kept.contains(&id) {
            delete.execute([id])?;
        }
    }
    Ok(())
}

const REVISION_COLUMNS: &str =
    "id, kind, title, doc_json, fields_json, created_at, updated_at, commit_id, author";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(RevisionRow, String, String)> {
    let kind: String = r.get(1)?;
    Ok((
        RevisionRow {
            id: r.get(0)?,
            kind: RevisionKind::parse(&kind),
            title: r.get(2)?,
            doc: DocNode::empty_doc(),
            fields: FieldEdits::new(),
            created_at: r.get(5)?,
            updated_at: r.get(6)?,
            commit: r.get(7)?,
            author: r.get(8)?,
        },
        r.get(3)?,
        r.get(4)?,
    ))
}

fn with_content(
    (mut row, json, fields): (RevisionRow, String, String),
) -> Result<RevisionRow, StoreError> {
    row.doc = serde_json::from_str(&json).map_err(|e| {
        StoreError::Corrupt(format!("revision {} has an unreadable body ({e})", row.id))
    })?;
    row.fields = serde_json::from_str(&fields).map_err(|e| {
        StoreError::Corrupt(format!("revision {} has unreadable fields ({e})", row.id))
    })?;
    Ok(row)
}

impl Store {
    /// Autosave at a given time (the clock is a parameter so that tests and benchmarks can
    /// replay a month of saves); [`Store::save_draft`] passes the current time.
    #[doc(hidden)]
    pub fn save_draft_at(
        &mut self,
        site: i64,
        id: Option<i64>,
        write: &super::DraftWrite<'_>,
        now: i64,
    ) -> Result<(i64, i64), StoreError> {
        self.save_draft_inner(site, id, write, now)
    }

    /// Every revision of a draft, newest first.
    pub fn revisions(&self, site: i64, draft: i64) -> Result<Vec<RevisionRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {REVISION_COLUMNS} FROM revisions WHERE draft_id = ?1
                   AND draft_id IN (SELECT id FROM drafts WHERE site_id = ?2)
                 ORDER BY created_at DESC, id DESC"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([draft, site], read_row)
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter().map(with_content).collect()
    }

    pub fn revision(
        &self,
        site: i64,
        draft: i64,
        id: i64,
    ) -> Result<Option<RevisionRow>, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {REVISION_COLUMNS} FROM revisions WHERE id = ?1 AND draft_id = ?2
                       AND draft_id IN (SELECT id FROM drafts WHERE site_id = ?3)"
                ),
                [id, draft, site],
                read_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .map(with_content)
            .transpose()
    }

    /// Makes revision `revision` the draft's text again, as a new `restore` revision. The
    /// text it replaces is kept as a revision first if no revision holds it yet.
    pub fn restore_revision(
        &mut self,
        site: i64,
        draft: i64,
        revision: i64,
        author: Option<&str>,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let path = self.path.clone();
        let err = |e| super::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let source: Option<(String, String, String)> = tx
            .query_row(
                "SELECT r.title, r.doc_json, r.fields_json FROM revisions r JOIN drafts d ON d.id = r.draft_id
                 WHERE r.id = ?1 AND r.draft_id = ?2 AND d.site_id = ?3 AND d.trashed_at IS NULL",
                [revision, draft, site],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(err)?;
        let Some((title, json, fields)) = source else {
            return Err(StoreError::NotFound(format!(
                "Revision {revision} of this draft"
            )));
        };
        put_text(&tx, draft, &title, &json, &fields, "restore", author, now).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(now)
    }

    /// Test and benchmark helper: how many revisions a draft has, and the database's size.
    #[doc(hidden)]
    pub fn revision_total(&self, draft: i64) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM revisions WHERE draft_id = ?1",
                [draft],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }
}

/// Replaces a draft's text with a given one, inside `tx`, recording a `kind` revision; the
/// replaced text is first kept as an autosave revision when the newest revision differs.
#[allow(clippy::too_many_arguments)]
pub(super) fn put_text(
    tx: &Transaction<'_>,
    draft: i64,
    title: &str,
    json: &str,
    fields: &str,
    kind: &str,
    author: Option<&str>,
    now: i64,
) -> rusqlite::Result<()> {
    let current: (String, String, String) = tx.query_row(
        "SELECT title, doc_json, fields_json FROM drafts WHERE id = ?1",
        [draft],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let newest: Option<(String, String, String)> = tx
        .query_row(
            "SELECT title, doc_json, fields_json FROM revisions WHERE draft_id = ?1
             ORDER BY created_at DESC, id DESC LIMIT 1",
            [draft],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if newest.as_ref() != Some(&current) {
        tx.execute(
            "INSERT INTO revisions (draft_id, kind, title, doc_json, created_at, updated_at, fields_json)
             VALUES (?1, 'autosave', ?2, ?3, ?4, ?4, ?5)",
            params![draft, current.0, current.1, now - 1, current.2],
        )?;
    }
    tx.execute(
        "UPDATE drafts SET title = ?2, doc_json = ?3, fields_json = ?4, state = 'draft', updated_at = ?5,
            editorial = CASE WHEN editorial = 'published' THEN 'draft' ELSE editorial END
         WHERE id = ?1",
        params![draft, title, json, fields, now],
    )?;
    tx.execute(
        "INSERT INTO revisions (draft_id, kind, title, doc_json, created_at, updated_at, fields_json, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)",
        params![draft, kind, title, json, now, fields, author],
    )?;
    Ok(())
}
