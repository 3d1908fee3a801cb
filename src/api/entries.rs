//! Listing, opening, creating and autosaving entries: the published files of the site's
//! tree, overlaid with the drafts in the store.

use std::collections::{BTreeMap, HashMap};

use super::fields;
use super::types::{DraftInput, EntryDoc, EntryKey, EntryState, EntrySummary, FieldValue, SaveAck};
use super::types::{EditorialInfo, EditorialState, EntryFilter};
use super::{Desk, OpenSite};
use crate::content::EntryFile;
use crate::markdown::{DocNode, Flavor, markdown_to_doc_with};
use crate::publish::SiteRepo;
use crate::site::{EntryPath, Layout, SiteSchema};
use crate::store::{DraftRow, DraftState, DraftWrite};
use crate::{Error, Result};

/// Fields of a published file that the entry list shows.
struct FileFacts {
    title: Option<String>,
    date: Option<String>,
}

impl Desk {
    /// Every entry of every collection: published files and unpublished drafts. New drafts
    /// come first, then entries by date, newest first.
    pub fn list_entries(&self) -> Result<Vec<EntrySummary>> {
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        // wt-states: files committed here and not on the server yet, once for the whole list.
        let unpushed = repo.unpushed_paths()?;
        let (drafts, indexed) = {
            let store = self.store()?;
            (
                store.unpublished_drafts(site.id)?,
                store.indexed_titles(site.id)?,
            )
        };
        // A file's title and date, from the site index when it has read this very blob.
        let facts_of = |file: &crate::publish::TreeFile| -> Result<FileFacts> {
            match indexed.get(&file.path) {
                Some(known) if known.blob == file.blob.to_string() => Ok(FileFacts {
                    title: Some(known.title.clone()),
                    date: known.date.clone(),
                }),
                _ => Ok(read_facts(&file.path, &repo.blob(file.blob)?)),
            }
        };
        let mut by_path: HashMap<&str, &DraftRow> = HashMap::new();
        let mut out = Vec::new();
        for draft in &drafts {
            match &draft.path {
                Some(path) => {
                    by_path.insert(path, draft);
                }
                None => out.push(summary_of_draft(&site.schema, draft, EntryState::New, None)),
            }
        }
        let files = site.schema.collections.iter().flat_map(|c| {
            site.schema
                .folders_of(c)
                .into_iter()
                .map(move |(_, folder)| (c, folder))
        });
        for (collection, folder) in files {
            for file in repo.files_under(&folder)? {
                if !is_entry_file(collection.layout, &folder, &file.path) {
                    continue;
                }
                if let Some(draft) = by_path.remove(file.path.as_str()) {
                    let facts = facts_of(&file)?;
                    out.push(summary_of_draft(
                        &site.schema,
                        draft,
                        EntryState::Modified,
                        facts.date,
                    ));
                    continue;
                }
                let facts = facts_of(&file)?;
                let slug = EntryPath::new(&file.path)
                    .map(|p| p.slug().to_owned())
                    .unwrap_or_default();
                out.push(EntrySummary {
                    key: EntryKey {
                        draft_id: None,
                        path: Some(file.path.clone()),
                    },
                    collection: collection.id.clone(),
                    language: language(&site.schema, Some(&file.path)),
                    title: facts.title.unwrap_or(slug),
                    date: facts.date,
                    state: if unpushed.contains(&file.path) {
                        EntryState::Queued
                    } else {
                        EntryState::Published
                    },
                    saved_at: None,
                    translations: Vec::new(),
                    editorial: EditorialInfo {
                        state: EditorialState::Published,
                        by: None,
                        at: None,
                    },
                });
            }
        }
        // Drafts of files that are no longer in the published tree (deleted or moved by
        // someone else) are still listed: the text is the editor's, not the repository's.
        // A draft with a path but no base was never published: a new translation.
        for draft in by_path.into_values() {
            let state = if draft.base_blob.is_none() {
                EntryState::New
            } else {
                EntryState::Modified
            };
            out.push(summary_of_draft(&site.schema, draft, state, None));
        }
        self.annotate_translations(&site, &repo, &mut out)?;
        out.sort_by(|a, b| {
            (b.state == EntryState::New)
                .cmp(&(a.state == EntryState::New))
                .then_with(|| b.saved_at.cmp(&a.saved_at).then(b.date.cmp(&a.date)))
                .then_with(|| a.title.cmp(&b.title))
        });
        Ok(out)
    }

    /// [`Desk::list_entries`], keeping the entries every given filter matches.
    pub fn list_entries_where(&self, filter: &EntryFilter) -> Result<Vec<EntrySummary>> {
        let mut entries = self.list_entries()?;
        entries.retain(|e| {
            filter.editorial.is_none_or(|s| e.editorial.state == s)
                && filter
                    .collection
                    .as_ref()
                    .is_none_or(|c| &e.collection == c)
                && filter
                    .language
                    .as_ref()
                    .is_none_or(|l| e.language.as_ref() == Some(l))
        });
        Ok(entries)
    }

    /// Opens an entry for editing: its unpublished draft if it has one, else its file.
    pub fn open_entry(&self, key: &EntryKey) -> Result<EntryDoc> {
        let site = self.site()?;
        let draft = self.find_draft(&site, key)?;
        if let Some(draft) = draft.as_ref().filter(|d| d.state == DraftState::Draft) {
            let base = self.file_values(&site, draft)?;
            return Ok(doc_of_draft(&site.schema, draft, base));
        }
        let path = key
            .path
            .as_deref()
            .or(draft.as_ref().and_then(|d| d.path.as_deref()))
            .ok_or_else(|| Error::NotFound {
                what: "This draft".into(),
            })?;
        let path = EntryPath::new(path)?;
        let collection = site
            .schema
            .collection_of(&path)
            .ok_or_else(|| Error::NotFound {
                what: format!("A collection for {path}"),
            })?;
        let repo = SiteRepo::open(&site.root)?;
        let (bytes, _) = repo.file_at_head(&path)?.ok_or_else(|| Error::NotFound {
            what: path.to_string(),
        })?;
        let text = String::from_utf8_lossy(&bytes);
        let file = EntryFile::parse(path.as_str(), &text)?;
        Ok(EntryDoc {
            key: EntryKey {
                draft_id: draft.map(|d| d.id),
                path: Some(path.to_string()),
            },
            collection: collection.id.clone(),
            language: site.schema.language_of(&path),
            title: file.title().unwrap_or_default(),
            fields: fields::values_of(collection, file.front()),
            body: markdown_to_doc_with(file.body(), Flavor::for_collection(collection)),
            state: if repo.is_unpushed(path.as_str())? {
                EntryState::Queued
            } else {
                EntryState::Published
            },
            saved_at: None,
        })
    }

    /// Starts a new entry in a collection, stored as a draft at once (it has no file yet).
    pub fn new_entry(&self, collection: &str, title: &str) -> Result<EntryDoc> {
        let site = self.site()?;
        let starting = fields::defaults(site.schema.collection(collection)?);
        let body = DocNode::empty_doc();
        let mut store = self.store()?;
        let id = store.create_draft(
            site.id,
            &DraftWrite {
                collection,
                path: None,
                title,
                doc: &body,
                fields: &starting,
                base_blob: None,
            },
        )?;
        let draft = store.draft(site.id, id)?.ok_or_else(|| Error::NotFound {
            what: "The new draft".into(),
        })?;
        Ok(doc_of_draft(&site.schema, &draft, BTreeMap::new()))
    }

    /// Autosave: stores the editor's whole state for one entry in one short transaction.
    pub fn save_draft(&self, input: &DraftInput) -> Result<SaveAck> {
        let site = self.site()?;
        site.schema.collection(&input.collection)?;
        let path = input.key.path.as_deref().map(EntryPath::new).transpose()?;
        // The blob this draft starts from, so a later sync can tell if the file moved on.
        let base_file = match (&path, input.key.draft_id) {
            (Some(path), None) => SiteRepo::open(&site.root)?.file_at_head(path)?,
            _ => None,
        };
        let base_blob = base_file.as_ref().map(|(_, blob)| blob.to_string());
        // The first draft of a published file keeps that file as a revision to go back to.
        let first_draft_of_file =
            base_file.is_some() && self.find_draft(&site, &input.key)?.is_none();
        let (id, saved_at) = self.store()?.save_draft(
            site.id,
            input.key.draft_id,
            &DraftWrite {
                collection: &input.collection,
                path: path.as_ref().map(EntryPath::as_str),
                title: &input.title,
                doc: &input.body,
                fields: &input.fields,
                base_blob: base_blob.as_deref(),
            },
        )?;
        if first_draft_of_file
            && let (Some((bytes, _)), Some(path)) = (&base_file, &path)
            && let Ok(collection) = site.schema.collection(&input.collection)
        {
            let file = EntryFile::parse(path.as_str(), &String::from_utf8_lossy(bytes))?;
            let doc = markdown_to_doc_with(file.body(), Flavor::for_collection(collection));
            self.store()?.record_published_base(
                id,
                &file.title().unwrap_or_default(),
                &doc,
                saved_at,
            )?;
        }
        Ok(SaveAck {
            key: EntryKey {
                draft_id: Some(id),
                path: path.map(|p| p.to_string()),
            },
            saved_at,
        })
    }

    /// The field values of the file a draft was started from (none for a new entry).
    fn file_values(
        &self,
        site: &OpenSite,
        draft: &DraftRow,
    ) -> Result<BTreeMap<String, FieldValue>> {
        let (Some(path), Ok(collection)) = (&draft.path, site.schema.collection(&draft.collection))
        else {
            return Ok(BTreeMap::new());
        };
        let path = EntryPath::new(path)?;
        let Some((bytes, _)) = SiteRepo::open(&site.root)?.file_at_head(&path)? else {
            return Ok(BTreeMap::new());
        };
        let file = EntryFile::parse(path.as_str(), &String::from_utf8_lossy(&bytes))?;
        Ok(fields::values_of(collection, file.front()))
    }

    pub(super) fn create_draft(&self, site: &OpenSite, write: &DraftWrite<'_>) -> Result<EntryDoc> {
        let mut store = self.store()?;
        let id = store.create_draft(site.id, write)?;
        let draft = store.draft(site.id, id)?.ok_or_else(|| Error::NotFound {
            what: "The new draft".into(),
        })?;
        Ok(doc_of_draft(&site.schema, &draft, BTreeMap::new()))
    }

    pub(super) fn find_draft(&self, site: &OpenSite, key: &EntryKey) -> Result<Option<DraftRow>> {
        let store = self.store()?;
        if let Some(id) = key.draft_id {
            return Ok(store.draft(site.id, id)?);
        }
        match &key.path {
            Some(path) => Ok(store.draft_by_path(site.id, EntryPath::new(path)?.as_str())?),
            None => Ok(None),
        }
    }
}

/// Whether a Markdown file in a collection folder is an entry (not a section's `_index.md`).
pub(super) fn is_entry_file(layout: Layout, folder: &str, path: &str) -> bool {
    let Some(rest) = path.strip_prefix(&format!("{folder}/")) else {
        return false;
    };
    match layout {
        Layout::Flat => !rest.contains('/') && !rest.starts_with("_index."),
        Layout::Bundle => {
            let mut parts = rest.split('/');
            let (Some(_), Some(file), None) = (parts.next(), parts.next(), parts.next()) else {
                return false;
            };
            file == "index.md" || (file.starts_with("index.") && file.ends_with(".md"))
        }
    }
}

fn read_facts(path: &str, bytes: &[u8]) -> FileFacts {
    let text = String::from_utf8_lossy(bytes);
    match EntryFile::parse(path, &text) {
        Ok(file) => {
            let front = file.front();
            FileFacts {
                title: file.title(),
                date: front.and_then(|f| f.get("date").or_else(|| f.get("start"))),
            }
        }
        Err(e) => {
            tracing::warn!("{e}");
            FileFacts {
                title: None,
                date: None,
            }
        }
    }
}

/// An entry's language: from its path, or the site's default for a draft without one yet.
pub(super) fn language(schema: &SiteSchema, path: Option<&str>) -> Option<String> {
    match path.map(EntryPath::new) {
        Some(Ok(path)) => schema.language_of(&path),
        _ => schema.languages.first().cloned(),
    }
}

fn summary_of_draft(
    schema: &SiteSchema,
    draft: &DraftRow,
    state: EntryState,
    date: Option<String>,
) -> EntrySummary {
    EntrySummary {
        key: EntryKey {
            draft_id: Some(draft.id),
            path: draft.path.clone(),
        },
        collection: draft.collection.clone(),
        language: language(schema, draft.path.as_deref()),
        title: draft.title.clone(),
        // The form's date (or an event's start) wins over the file's.
        date: ["date", "start"]
            .iter()
            .find_map(|k| match draft.fields.get(*k) {
                Some(Some(FieldValue::Text(t))) => Some(t.clone()),
                _ => None,
            })
            .or(date),
        state,
        saved_at: Some(draft.updated_at),
        translations: Vec::new(),
        editorial: super::history::editorial_info(&draft.editorial),
    }
}

fn doc_of_draft(
    schema: &SiteSchema,
    draft: &DraftRow,
    file_values: BTreeMap<String, FieldValue>,
) -> EntryDoc {
    EntryDoc {
        key: EntryKey {
            draft_id: Some(draft.id),
            path: draft.path.clone(),
        },
        collection: draft.collection.clone(),
        language: language(schema, draft.path.as_deref()),
        title: draft.title.clone(),
        fields: fields::overlay(file_values, &draft.fields),
        body: draft.doc.clone(),
        state: if draft.path.is_some() && draft.base_blob.is_some() {
            EntryState::Modified
        } else {
            EntryState::New
        },
        saved_at: Some(draft.updated_at),
    }
}
