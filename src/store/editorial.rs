//! Editorial states of drafts: `draft` → `in_review` → `ready` → `published`, with who set
//! the state and when. `published` is set only by a publish (`mark_published`); an edit to a
//! published draft takes it back to `draft`, an edit in review or ready keeps the state.

use rusqlite::params;

use super::drafts::Editorial;
use super::{Store, StoreError, now_ms};

/// The states a person can set; `published` comes from publishing.
pub const SETTABLE: &[&str] = &["draft", "in_review", "ready"];

impl Store {
    pub fn set_editorial(
        &mut self,
        site: i64,
        id: i64,
        state: &str,
        by: Option<&str>,
    ) -> Result<Editorial, StoreError> {
        if !SETTABLE.contains(&state) {
            return Err(StoreError::NotFound(format!(
                "An editorial state named \"{state}\" (use one of {})",
                SETTABLE.join(", ")
            )));
        }
        let now = now_ms();
        let changed = self
            .conn
            .execute(
                "UPDATE drafts SET editorial = ?3, editorial_by = ?4, editorial_at = ?5
                 WHERE id = ?1 AND site_id = ?2 AND trashed_at IS NULL AND state = 'draft'",
                params![id, site, state, by, now],
            )
            .map_err(|e| self.err(e))?;
        if changed == 0 {
            return Err(StoreError::NotFound(
                "Unpublished changes in this entry to move along (edit it first)".into(),
            ));
        }
        Ok(Editorial {
            state: state.to_owned(),
            by: by.map(str::to_owned),
            at: Some(now),
        })
    }
}
