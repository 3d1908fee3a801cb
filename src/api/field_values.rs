//! The values a front matter field already has across the site's published entries (tags,
//! authors...), most used first: the form offers them as completions so that one tag is not
//! spelled three ways. Reads the published tree only; never writes.

use std::collections::HashMap;

use super::Desk;
use super::entries::is_entry_file;
use crate::Result;
use crate::content::EntryFile;
use crate::publish::SiteRepo;

/// At most this many values are returned (the form's completion list).
const LIMIT: usize = 500;

impl Desk {
    /// Distinct values of `field` in every collection's published entries, most used first
    /// (ties alphabetically, case-insensitively). A list field contributes each item.
    pub fn field_values(&self, field: &str) -> Result<Vec<String>> {
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        // Case-folded value -> (count, spelling as first seen).
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        for collection in &site.schema.collections {
            for (_, folder) in site.schema.folders_of(collection) {
                for file in repo.files_under(&folder)? {
                    if !is_entry_file(collection.layout, &folder, &file.path) {
                        continue;
                    }
                    let bytes = repo.blob(file.blob)?;
                    let text = String::from_utf8_lossy(&bytes);
                    let Ok(entry) = EntryFile::parse(&file.path, &text) else {
                        continue;
                    };
                    let Some(front) = entry.front() else { continue };
                    let values = front
                        .get_list(field)
                        .or_else(|| front.get(field).map(|v| vec![v]))
                        .unwrap_or_default();
                    for value in values {
                        let value = value.trim();
                        if value.is_empty() {
                            continue;
                        }
                        let slot = seen
                            .entry(value.to_lowercase())
                            .or_insert_with(|| (0, value.to_owned()));
                        slot.0 += 1;
                    }
                }
            }
        }
        let mut out: Vec<(usize, String)> = seen.into_values().collect();
        out.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.to_lowercase().cmp(&b.1.to_lowercase()))
        });
        Ok(out.into_iter().take(LIMIT).map(|(_, v)| v).collect())
    }
}
