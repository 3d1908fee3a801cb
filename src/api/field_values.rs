//! The values a front matter field already has across the site's published entries (tags,
//! authors...), most used first: the form offers them as completions so that one tag is not
//! spelled three ways. Reads the published tree only; never writes.

use std::collections::HashMap;

use super::Desk;
use super::entries::is_entry_file;
use crate::Result;
use crate::content::{EntryFile, FieldValue};
use crate::publish::SiteRepo;

/// At most this many values are returned (the form's completion list).
const LIMIT: usize = 500;

impl Desk {
    /// Distinct values of `field` in every collection's published entries, most used first
    /// (ties alphabetically, case-insensitively). A list field contributes each item.
    pub fn field_values(&self, field: &str) -> Result<Vec<String>> {
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        // The index has read most files already: a file at the blob it indexed is not parsed.
        let indexed = self.store()?.indexed_field(site.id, field)?;
        // Case-folded value -> (count, spelling as first seen).
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        for collection in &site.schema.collections {
            for (_, folder) in site.schema.folders_of(collection) {
                for file in repo.files_under(&folder)? {
                    if !is_entry_file(collection.layout, &folder, &file.path) {
                        continue;
                    }
                    let values = match indexed.get(&file.path) {
                        Some((blob, value)) if *blob == file.blob.to_string() => {
                            value.as_deref().map(values_of_json).unwrap_or_default()
                        }
                        _ => values_in_file(&file.path, &repo.blob(file.blob)?, field),
                    };
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

/// The values of `field` in an entry file: a list's items, or a single value.
fn values_in_file(path: &str, bytes: &[u8], field: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let Ok(entry) = EntryFile::parse(path, &text) else {
        return Vec::new();
    };
    let Some(front) = entry.front() else {
        return Vec::new();
    };
    front
        .get_list(field)
        .or_else(|| front.get(field).map(|v| vec![v]))
        .unwrap_or_default()
}

/// The values of a field as the index keeps it (a [`FieldValue`] as JSON).
fn values_of_json(json: &str) -> Vec<String> {
    match serde_json::from_str::<FieldValue>(json) {
        Ok(FieldValue::List(items)) => items,
        Ok(other) => vec![other.as_text()],
        Err(_) => Vec::new(),
    }
}
