//! wt-states: the draft's text replaced by a conflict's resolution. Unlike an autosave, which
//! fills the newest autosave point for a minute, this never writes over a revision: the text
//! the draft held (what was typed after the publish, before the conflict) is kept as a
//! revision of its own when no revision holds it yet, and the resolved text becomes the
//! draft's. The resolution's own revision is the `publish` point `mark_published` adds next.

use rusqlite::{OptionalExtension, params};

use super::drafts::to_json;
use super::{DraftWrite, Store, StoreError, now_ms};

impl Store {
    /// Makes `write` the text of draft `id`, keeping the text it replaces in the history.
    /// Returns the time written.
    pub fn replace_draft_text(
        &mut self,
        site: i64,
        id: i64,
        write: &DraftWrite<'_>,
    ) -> Result<i64, StoreError> {
        let json = to_json(write.doc)?;
        let fields = to_json(write.fields)?;
        let now = now_ms();
        let path = self.path.clone();
        let err = |e| super::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let current: Option<(String, String, String)> = tx
            .query_row(
                "SELECT title, doc_json, fields_json FROM drafts
                 WHERE id = ?1 AND site_id = ?2 AND trashed_at IS NULL",
                params![id, site],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(err)?;
        let Some(current) = current else {
            return Err(StoreError::Gone { id });
        };
        let newest: Option<(String, String, String)> = tx
            .query_row(
                "SELECT title, doc_json, fields_json FROM revisions WHERE draft_id = ?1
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(err)?;
        if newest.as_ref() != Some(&current) {
            // A point of its own, a millisecond before the resolution: never merged into.
            tx.execute(
                "INSERT INTO revisions (draft_id, kind, title, doc_json, created_at, updated_at, fields_json)
                 VALUES (?1, 'autosave', ?2, ?3, ?4, ?4, ?5)",
                params![id, current.0, current.1, now - 1, current.2],
            )
            .map_err(err)?;
        }
        tx.execute(
            "UPDATE drafts SET title = ?2, doc_json = ?3, fields_json = ?4, state = 'draft', updated_at = ?5
             WHERE id = ?1",
            params![id, write.title, json, fields, now],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(now)
    }
}
