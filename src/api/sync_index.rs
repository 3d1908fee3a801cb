//! After a sync: the search index follows the files the server's changes touched, and only
//! those. A path whose blob is already indexed is skipped (the index is keyed by git blob id),
//! a changed entry is parsed once, a removed one leaves the index. The rest of the site is not
//! read.

use super::entries::is_entry_file;
use super::search::published_doc;
use super::{Desk, OpenSite};
use crate::Result;
use crate::publish::{RepoPath, SiteRepo};

impl Desk {
    /// Re-indexes the entries among `changed` (site-relative paths); returns how many were
    /// parsed or removed.
    pub(super) fn reindex_changed(
        &self,
        site: &OpenSite,
        repo: &SiteRepo,
        changed: &[String],
    ) -> Result<u32> {
        if changed.is_empty() {
            return Ok(0);
        }
        let known = self.store()?.indexed_files(site.id)?;
        let mut put = Vec::new();
        let mut removed = Vec::new();
        for path in changed {
            let Some(collection) = site.schema.collections.iter().find(|c| {
                site.schema
                    .folders_of(c)
                    .iter()
                    .any(|(_, folder)| is_entry_file(c.layout, folder, path))
            }) else {
                continue;
            };
            match repo.read_at_head(&RepoPath::new(path)?)? {
                Some((bytes, blob)) => {
                    let blob = blob.to_string();
                    if known.get(path) != Some(&blob) {
                        put.push(published_doc(site, collection, path, &blob, &bytes));
                    }
                }
                None if known.contains_key(path) => removed.push(path.clone()),
                None => {}
            }
        }
        if !put.is_empty() || !removed.is_empty() {
            self.store()?.index_update(site.id, &put, &removed, &[])?;
        }
        Ok(u32::try_from(put.len() + removed.len()).unwrap_or(u32::MAX))
    }
}
