//! The window's start (wt-start): the entry list in its compact IPC form, listed from the site
//! index (built first, with progress, when the site was never indexed), and the store's clean
//! close at exit. What must happen before the list shows is here; everything else waits for it.

use super::Desk;
use super::start_types::{EntryList, IndexProgress};
use crate::Result;

impl Desk {
    /// Every entry, as [`Desk::list_entries`], in the compact form the window receives.
    pub fn entry_list(&self) -> Result<EntryList> {
        self.entry_list_with(&|_| {})
    }

    /// [`Desk::entry_list`]. On a site whose index is empty (its first opening), the index is
    /// built first, reporting to `progress`: the list then takes titles and dates from it
    /// instead of parsing every file on one thread, and the index is not built twice.
    pub fn entry_list_with(&self, progress: &dyn Fn(IndexProgress)) -> Result<EntryList> {
        let site = self.site()?;
        if self.store()?.index_count(site.id, "published")? == 0 {
            self.index_site_with(progress)?;
        }
        let summaries = self.list_entries()?;
        Ok(EntryList::new(&summaries, &site.schema.languages))
    }

    /// Records the store as cleanly closed (called when the app exits), so the next start can
    /// skip the full integrity check; false when that could not be recorded (the next start
    /// then checks, as after a crash).
    pub fn close_clean(&self) -> Result<bool> {
        Ok(self.store()?.close_clean()?)
    }
}
