//! Drafts (the editable state of one entry, saved on every autosave) and the revision points
//! an autosave writes (see `revisions.rs` for the history and its thinning). A draft is keyed
//! by its id; entries that have a file are also unique by (site, path). Trashed drafts (see
//! `trash.rs`) are invisible here.

use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError, now_ms};
use crate::content::FieldEdits;
use crate::markdown::DocNode;

/// An autosave revision takes every save for this long after it starts, then a new one
/// begins: the newest revision always equals the draft, and the last hour keeps a point a
/// minute (`revisions::thin` keeps fewer further back).
pub(super) const REVISION_SPAN_MS: i64 = 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Holds edits that are not published.
    Draft,
    /// Equal to what was last published; kept for its history.
    Published,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftRow {
    pub id: i64,
    pub collection: String,
    pub path: Option<String>,
    pub title: String,
    pub doc: DocNode,
    /// The form's front matter fields: a value, or `None` to remove the key.
    pub fields: FieldEdits,
    pub state: DraftState,
    /// The git blob of the file this draft was started from (`None` for new entries).
    pub base_blob: Option<String>,
    pub updated_at: i64,
    /// Where the draft stands in the editorial flow, who set it and when.
    pub editorial: Editorial,
}

/// The editorial state of a draft: `draft` → `in_review` → `ready` → `published`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editorial {
    pub state: String,
    pub by: Option<String>,
    pub at: Option<i64>,
}

pub(super) const COLUMNS: &str = "id, collection, path, title, doc_json, state, base_blob, updated_at, fields_json, editorial, editorial_by, editorial_at";

pub(super) fn row_to_draft(row: &Row<'_>) -> rusqlite::Result<(DraftRow, String, String)> {
    let state: String = row.get(5)?;
    Ok((
        DraftRow {
            id: row.get(0)?,
            collection: row.get(1)?,
            path: row.get(2)?,
            title: row.get(3)?,
            doc: DocNode::empty_doc(),
            fields: FieldEdits::new(),
            state: if state == "published" {
                DraftState::Published
            } else {
                DraftState::Draft
            },
            base_blob: row.get(6)?,
            updated_at: row.get(7)?,
            editorial: Editorial {
                state: row.get(9)?,
                by: row.get(10)?,
                at: row.get(11)?,
            },
        },
        row.get(4)?,
        row.get(8)?,
    ))
}

pub(super) fn with_doc(
    (mut draft, json, fields): (DraftRow, String, String),
) -> Result<DraftRow, StoreError> {
    draft.doc = serde_json::from_str(&json).map_err(|e| {
        StoreError::Corrupt(format!("draft {} has an unreadable body ({e})", draft.id))
    })?;
    draft.fields = serde_json::from_str(&fields).map_err(|e| {
        StoreError::Corrupt(format!("draft {} has unreadable fields ({e})", draft.id))
    })?;
    Ok(draft)
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// What an autosave writes.
pub struct DraftWrite<'a> {
    pub collection: &'a str,
    pub path: Option<&'a str>,
    pub title: &'a str,
    pub doc: &'a DocNode,
    pub fields: &'a FieldEdits,
    pub base_blob: Option<&'a str>,
}

/// What a publish committed, as [`Store::mark_published`] records it.
#[derive(Clone, Copy)]
pub struct Published<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub doc: &'a DocNode,
    pub fields: &'a FieldEdits,
    pub blob: &'a str,
    pub commit: &'a str,
    /// Who published (the commit's author name).
    pub author: &'a str,
}

impl Store {
    /// Creates a draft; returns its id.
    pub fn create_draft(&mut self, site: i64, write: &DraftWrite<'_>) -> Result<i64, StoreError> {
        let json = to_json(write.doc)?;
        let fields = to_json(write.fields)?;
        let now = now_ms();
        self.conn
            .execute(
                "INSERT INTO drafts (site_id, collection, path, title, doc_json, state, base_blob, created_at, updated_at, fields_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7, ?7, ?8)",
                params![site, write.collection, write.path, write.title, json, write.base_blob, now, fields],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Saves an autosave into draft `id` (or, with no id, into the draft of `write.path`,
    /// creating it), in one short transaction. Returns the draft id and the save time.
    pub fn save_draft(
        &mut self,
        site: i64,
        id: Option<i64>,
        write: &DraftWrite<'_>,
    ) -> Result<(i64, i64), StoreError> {
        self.save_draft_inner(site, id, write, now_ms())
    }

    pub(super) fn save_draft_inner(
        &mut self,
        site: i64,
        id: Option<i64>,
        write: &DraftWrite<'_>,
        now: i64,
    ) -> Result<(i64, i64), StoreError> {
        let json = to_json(write.doc)?;
        let fields = to_json(write.fields)?;
        let path = self.path.clone();
        let err = |e| super::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let id = match id {
            Some(id) => {
                let changed = tx
                    .execute(
                        "UPDATE drafts SET title = ?3, doc_json = ?4, state = 'draft', updated_at = ?5, fields_json = ?6,
                            editorial = CASE WHEN editorial = 'published' THEN 'draft' ELSE editorial END
                         WHERE id = ?1 AND site_id = ?2 AND trashed_at IS NULL",
                        params![id, site, write.title, json, now, fields],
                    )
                    .map_err(err)?;
                if changed == 0 {
                    return Err(StoreError::Gone { id });
                }
                id
            }
            None => tx
                .query_row(
                    "INSERT INTO drafts (site_id, collection, path, title, doc_json, state, base_blob, created_at, updated_at, fields_json)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7, ?7, ?8)
                     ON CONFLICT(site_id, path) WHERE path IS NOT NULL DO UPDATE SET
                        title = excluded.title, doc_json = excluded.doc_json, state = 'draft',
                        fields_json = excluded.fields_json,
                        updated_at = excluded.updated_at,
                        editorial = CASE WHEN drafts.editorial = 'published' THEN 'draft' ELSE drafts.editorial END,
                        base_blob = CASE WHEN drafts.state = 'published' THEN excluded.base_blob ELSE drafts.base_blob END
                     RETURNING id",
                    params![site, write.collection, write.path, write.title, json, write.base_blob, now, fields],
                    |r| r.get(0),
                )
                .map_err(err)?,
        };
        super::revisions::record_autosave(&tx, id, write.title, &json, &fields, now)
            .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok((id, now))
    }

    pub fn draft(&self, site: i64, id: i64) -> Result<Option<DraftRow>, StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM drafts WHERE id = ?1 AND site_id = ?2 AND trashed_at IS NULL"
                ),
                [id, site],
                row_to_draft,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .map(with_doc)
            .transpose()
    }

    pub fn draft_by_path(&self, site: i64, path: &str) -> Result<Option<DraftRow>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM drafts WHERE site_id = ?1 AND path = ?2"),
                params![site, path],
                row_to_draft,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .map(with_doc)
            .transpose()
    }

    /// Every draft of a site holding unpublished edits, newest first.
    pub fn unpublished_drafts(&self, site: i64) -> Result<Vec<DraftRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM drafts WHERE site_id = ?1 AND state = 'draft' AND trashed_at IS NULL ORDER BY updated_at DESC"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([site], row_to_draft)
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter().map(with_doc).collect()
    }

    /// The unpublished drafts of a site as (id, updated_at), without reading their text: the
    /// search index compares these with what it holds before each search.
    pub fn unpublished_draft_versions(&self, site: i64) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, updated_at FROM drafts WHERE site_id = ?1 AND state = 'draft' AND trashed_at IS NULL",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([site], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Records a publish: the draft now equals the committed file; a revision keeps it.
    pub fn mark_published(&mut self, id: i64, published: &Published<'_>) -> Result<(), StoreError> {
        let Published {
            path,
            title,
            doc,
            fields,
            blob,
            commit,
            author,
        } = *published;
        let json = to_json(doc)?;
        let fields = to_json(fields)?;
        let now = now_ms();
        let db = self.path.clone();
        let err = |e| super::classify(&db, e);
        let tx = self.conn.transaction().map_err(err)?;
        // Only a draft still equal to what was published becomes "published": an autosave
        // that landed while the commit was being made keeps it a draft.
        tx.execute(
            "UPDATE drafts SET path = ?2, base_blob = ?3, published_commit = ?4,
                state = CASE WHEN doc_json = ?5 AND title = ?6 AND fields_json = ?7 THEN 'published' ELSE 'draft' END,
                editorial = CASE WHEN doc_json = ?5 AND title = ?6 AND fields_json = ?7 THEN 'published' ELSE editorial END,
                editorial_by = CASE WHEN doc_json = ?5 AND title = ?6 AND fields_json = ?7 THEN ?8 ELSE editorial_by END,
                editorial_at = CASE WHEN doc_json = ?5 AND title = ?6 AND fields_json = ?7 THEN ?9 ELSE editorial_at END
             WHERE id = ?1",
            params![id, path, blob, commit, json, title, fields, author, now],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT INTO revisions (draft_id, kind, title, doc_json, created_at, updated_at, commit_id, fields_json, author)
             VALUES (?1, 'publish', ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
            params![id, title, json, now, commit, fields, author],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Keeps the published file a new draft started from as its first revision (kind
    /// `publish`, just before the draft's first autosave), so the history can always go back
    /// to what is on the site.
    pub fn record_published_base(
        &mut self,
        id: i64,
        title: &str,
        doc: &DocNode,
        before: i64,
    ) -> Result<(), StoreError> {
        let json = to_json(doc)?;
        let fields = to_json(&FieldEdits::new())?;
        self.conn
            .execute(
                "INSERT INTO revisions (draft_id, kind, title, doc_json, created_at, updated_at, fields_json)
                 VALUES (?1, 'publish', ?2, ?3, ?4, ?4, ?5)",
                params![id, title, json, before - 1, fields],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// How many revisions a draft has, by kind (autosave, publish).
    pub fn revision_counts(&self, id: i64) -> Result<(i64, i64), StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FILTER (WHERE kind = 'autosave'), count(*) FILTER (WHERE kind = 'publish')
                 FROM revisions WHERE draft_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))
    }
}
