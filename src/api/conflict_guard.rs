//! wt-states: an entry held back by an open sync conflict is published only by resolving that
//! conflict (`resolve_conflict`), never by a plain publish or a publish set. Publishing it
//! another way would put one version on the site while the conflict's record still asks the
//! editor to choose — and the window would keep showing a conflict that no longer exists.

use super::{Desk, OpenSite};
use crate::site::EntryPath;
use crate::{Error, Result};

impl Desk {
    /// Refuses `path` while a conflict of it is open, saying what to do instead.
    pub(super) fn refuse_open_conflict(&self, site: &OpenSite, path: &EntryPath) -> Result<()> {
        let open = self.store()?.open_conflicts(site.id)?;
        if open.iter().any(|c| c.path == path.as_str()) {
            return Err(Error::Validation(format!(
                "{path} was not published: someone else changed it on the site's server too, and that conflict waits for your choice. Open the entry and choose your version, theirs, or a combination; that choice publishes it. Nothing was changed."
            )));
        }
        Ok(())
    }
}
