//! The trash: a discarded draft is kept, with all its revisions, for [`KEEP_TRASH_MS`] and can
//! be restored until then. A trashed draft gives up its path (kept in `trashed_path`) so the
//! entry can get a new draft meanwhile; restoring over such a newer draft makes the trashed
//! text a `restore` revision of it, keeping the newer text as a revision too.

use rusqlite::{OptionalExtension, params};

use super::revisions::put_text;
use super::{Store, StoreError, now_ms};

/// How long the trash keeps a draft.
pub const KEEP_TRASH_MS: i64 = 30 * 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, PartialEq)]
pub struct TrashRow {
    pub id: i64,
    pub collection: String,
    pub path: Option<String>,
    pub title: String,
    pub trashed_at: i64,
}

impl Store {
    /// Moves an unpublished draft to the trash. A draft equal to its published file holds
    /// nothing to discard and is refused.
    pub fn trash_draft(&mut self, site: i64, id: i64) -> Result<TrashRow, StoreError> {
        let now = now_ms();
        let state: Option<String> = self
            .conn
            .query_row(
                "SELECT state FROM drafts WHERE id = ?1 AND site_id = ?2 AND trashed_at IS NULL",
                [id, site],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        match state.as_deref() {
            None => return Err(StoreError::Gone { id }),
            Some("published") => {
                return Err(StoreError::NotFound(
                    "Unpublished changes to discard in this entry".into(),
                ));
            }
            Some(_) => {}
        }
        self.conn
            .execute(
                "UPDATE drafts SET trashed_at = ?3, trashed_path = path, path = NULL
                 WHERE id = ?1 AND site_id = ?2",
                params![id, site, now],
            )
            .map_err(|e| self.err(e))?;
        self.trash(site)?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(StoreError::Gone { id })
    }

    /// The drafts in a site's trash, most recently trashed first.
    pub fn trash(&self, site: i64) -> Result<Vec<TrashRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, collection, trashed_path, title, trashed_at FROM drafts
                 WHERE site_id = ?1 AND trashed_at IS NOT NULL ORDER BY trashed_at DESC, id DESC",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([site], |r| {
            Ok(TrashRow {
                id: r.get(0)?,
                collection: r.get(1)?,
                path: r.get(2)?,
                title: r.get(3)?,
                trashed_at: r.get(4)?,
            })
        })
        .map_err(|e| self.err(e))?
        .collect::<Result<_, _>>()
        .map_err(|e| self.err(e))
    }

    /// Takes a draft out of the trash; returns the id of the draft that now holds its text
    /// (another draft's when the entry got a new draft meanwhile).
    pub fn restore_from_trash(
        &mut self,
        site: i64,
        id: i64,
        author: Option<&str>,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let db = self.path.clone();
        let err = |e| super::classify(&db, e);
        let tx = self.conn.transaction().map_err(err)?;
        let row: Option<(Option<String>, String, String, String)> = tx
            .query_row(
                "SELECT trashed_path, title, doc_json, fields_json FROM drafts
                 WHERE id = ?1 AND site_id = ?2 AND trashed_at IS NOT NULL",
                [id, site],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(err)?;
        let Some((path, title, json, fields)) = row else {
            return Err(StoreError::NotFound("This draft in the trash".into()));
        };
        let newer: Option<i64> = match &path {
            Some(path) => tx
                .query_row(
                    "SELECT id FROM drafts WHERE site_id = ?1 AND path = ?2",
                    params![site, path],
                    |r| r.get(0),
                )
                .optional()
                .map_err(err)?,
            None => None,
        };
        let holder = match newer {
            None => {
                tx.execute(
                    "UPDATE drafts SET path = trashed_path, trashed_path = NULL, trashed_at = NULL WHERE id = ?1",
                    [id],
                )
                .map_err(err)?;
                id
            }
            Some(other) => {
                // The newer draft takes the trashed one's history and its text as a restore.
                tx.execute(
                    "UPDATE revisions SET draft_id = ?2 WHERE draft_id = ?1",
                    [id, other],
                )
                .map_err(err)?;
                put_text(&tx, other, &title, &json, &fields, "restore", author, now)
                    .map_err(err)?;
                tx.execute("DELETE FROM drafts WHERE id = ?1", [id])
                    .map_err(err)?;
                other
            }
        };
        tx.commit().map_err(err)?;
        Ok(holder)
    }

    /// Deletes drafts trashed longer than [`KEEP_TRASH_MS`] before `now`; returns how many.
    pub fn purge_trash(&mut self, now: i64) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "DELETE FROM drafts WHERE trashed_at IS NOT NULL AND trashed_at < ?1",
                [now - KEEP_TRASH_MS],
            )
            .map_err(|e| self.err(e))
    }

    /// Test helper: backdates a trashed draft.
    #[doc(hidden)]
    pub fn set_trashed_at(&mut self, id: i64, at: i64) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE drafts SET trashed_at = ?2 WHERE id = ?1", [id, at])
            .map(drop)
            .map_err(|e| self.err(e))
    }
}
