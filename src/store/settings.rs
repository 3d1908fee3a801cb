//! Key/value settings of this computer's user: identity for commits, the last site opened.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};
use crate::api::types::Identity;

const NAME: &str = "identity.name";
const EMAIL: &str = "identity.email";
const LAST_SITE: &str = "last_site";

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    pub fn identity(&self) -> Result<Option<Identity>, StoreError> {
        Ok(match (self.setting(NAME)?, self.setting(EMAIL)?) {
            (Some(name), Some(email)) => Some(Identity { name, email }),
            _ => None,
        })
    }

    pub fn set_identity(&mut self, identity: &Identity) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| super::classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        for (key, value) in [(NAME, &identity.name), (EMAIL, &identity.email)] {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    pub fn last_site(&self) -> Result<Option<String>, StoreError> {
        self.setting(LAST_SITE)
    }

    pub fn set_last_site(&mut self, root: &str) -> Result<(), StoreError> {
        self.set_setting(LAST_SITE, root)
    }
}
