//! The site index and search: every entry of the published tree parsed once per git blob
//! (fields, body text, languages, images, links) into the store's FTS5 index, drafts indexed
//! by save time, and ranked hits with marked snippets. Indexing is incremental: a file whose
//! blob is already indexed is not read again, so after a sync only changed files are parsed.

use std::collections::HashSet;
use std::time::Instant;

use super::entries::{is_entry_file, language};
use super::types::{EntryKey, IndexReport, SearchFilters, SearchHit, SearchSource, TextPart};
use super::{Desk, OpenSite};
use crate::content::{EntryFile, FieldValue};
use crate::markdown::{DocNode, Flavor, markdown_to_doc_with};
use crate::publish::SiteRepo;
use crate::site::EntryPath;
use crate::store::search::{self, Filters, IndexDoc};
use crate::{Error, Result};

/// Files parsed per store transaction while indexing.
const BATCH: usize = 500;

impl Desk {
    /// Brings the open site's index up to date with its published tree (`HEAD`) and its
    /// drafts; only new or changed blobs are parsed. Each collection folder's tree id is
    /// remembered, so a folder that did not change is skipped and one that did is compared
    /// with its last indexed tree (git's own diff), never walked file by file again.
    pub fn index_site(&self) -> Result<IndexReport> {
        let started = Instant::now();
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        let known = self.store()?.indexed_files(site.id)?;
        let mut folders_seen = Vec::new();
        let mut batch = Vec::new();
        let mut removed = Vec::new();
        let mut trees = Vec::new();
        let mut parsed = 0u32;
        for collection in &site.schema.collections {
            for (_, folder) in site.schema.folders_of(collection) {
                folders_seen.push(folder.clone());
                let tree_key = format!(
                    "{}{}/{}/{:?}/{folder}",
                    search::INDEX_TREE_PREFIX,
                    site.id,
                    collection.id,
                    collection.layout
                );
                let now = repo.folder_tree(&folder)?;
                let last = self
                    .store()?
                    .setting(&tree_key)?
                    .and_then(|id| git2::Oid::from_str(&id).ok())
                    // An empty index remembers nothing, whatever the settings say.
                    .filter(|_| !known.is_empty());
                let changes = match last {
                    Some(last) if Some(last) == now => continue,
                    Some(last) => repo.folder_changes(&folder, Some(last), now)?,
                    None => None,
                };
                let files = match changes {
                    Some(changes) => {
                        removed.extend(changes.deleted);
                        changes.changed
                    }
                    None => {
                        // No usable earlier tree: read the whole folder, and drop what the
                        // index holds under it that is not there any more.
                        let files = repo.files_under(&folder)?;
                        let here: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
                        let prefix = format!("{folder}/");
                        removed.extend(
                            known
                                .keys()
                                .filter(|p| p.starts_with(&prefix) && !here.contains(p.as_str()))
                                .cloned(),
                        );
                        files
                    }
                };
                for file in files {
                    if !is_entry_file(collection.layout, &folder, &file.path) {
                        continue;
                    }
                    let blob = file.blob.to_string();
                    if known.get(&file.path) == Some(&blob) {
                        continue;
                    }
                    let bytes = repo.blob(file.blob)?;
                    batch.push(published_doc(&site, collection, &file.path, &blob, &bytes));
                    parsed += 1;
                    if batch.len() >= BATCH {
                        self.store()?.index_update(site.id, &batch, &[], &[])?;
                        batch.clear();
                    }
                }
                trees.push((tree_key, now));
            }
        }
        // Entries of folders the schema no longer has.
        removed.extend(
            known
                .keys()
                .filter(|p| !folders_seen.iter().any(|f| p.starts_with(&format!("{f}/"))))
                .cloned(),
        );
        removed.sort();
        removed.dedup();
        let mut store = self.store()?;
        store.index_update(site.id, &batch, &removed, &[])?;
        // Remembered only once their files are in the index.
        for (key, tree) in trees {
            store.set_setting(&key, &tree.map(|t| t.to_string()).unwrap_or_default())?;
        }
        let entries = store.index_count(site.id, "published")? as u32;
        drop(store);
        let drafts = self.index_drafts(&site)?;
        Ok(IndexReport {
            entries,
            parsed,
            unchanged: entries.saturating_sub(parsed),
            removed: removed.len() as u32,
            drafts,
            elapsed_ms: started.elapsed().as_millis() as u64,
        })
    }

    /// Indexes drafts saved since they were last indexed; drops trashed and published ones.
    fn index_drafts(&self, site: &OpenSite) -> Result<u32> {
        let mut store = self.store()?;
        let versions = store.unpublished_draft_versions(site.id)?;
        let known = store.indexed_drafts(site.id)?;
        let live: HashSet<String> = versions.iter().map(|(id, _)| id.to_string()).collect();
        let changed: Vec<i64> = versions
            .iter()
            .filter(|(id, at)| known.get(&id.to_string()) != Some(&at.to_string()))
            .map(|(id, _)| *id)
            .collect();
        // Only the drafts saved since they were indexed are read (each search runs this).
        let mut drafts = Vec::with_capacity(changed.len());
        for id in changed {
            drafts.extend(store.draft(site.id, id)?);
        }
        let put: Vec<IndexDoc> = drafts
            .iter()
            .map(|d| {
                let mut fields = serde_json::Map::new();
                for (k, v) in &d.fields {
                    fields.insert(k.clone(), serde_json::to_value(v).unwrap_or_default());
                }
                let text = Text::of(&d.doc);
                let field = |k: &str| match d.fields.get(k) {
                    Some(Some(FieldValue::Text(t))) => Some(t.clone()),
                    _ => None,
                };
                let tags = match d.fields.get("tags") {
                    Some(Some(FieldValue::List(l))) => l.clone(),
                    _ => Vec::new(),
                };
                IndexDoc {
                    source: "draft",
                    path: d.path.clone(),
                    draft_id: Some(d.id),
                    version: d.updated_at.to_string(),
                    collection: d.collection.clone(),
                    language: language(&site.schema, d.path.as_deref()),
                    title: d.title.clone(),
                    date: field("date").or_else(|| field("start")),
                    tags,
                    images: text.images,
                    links: text.links,
                    fields_json: serde_json::Value::Object(fields).to_string(),
                    body: text.body,
                }
            })
            .collect();
        let gone: Vec<i64> = known
            .keys()
            .filter(|k| !live.contains(*k))
            .filter_map(|k| k.parse().ok())
            .collect();
        if !put.is_empty() || !gone.is_empty() {
            store.index_update(site.id, &put, &[], &gone)?;
        }
        Ok(put.len() as u32)
    }

    /// Searches the open site's published entries and drafts: every word of `query` matches
    /// as a prefix, diacritics and case are ignored. An entry with a draft appears once, by
    /// its better-ranked text.
    pub fn search(&self, query: &str, filters: &SearchFilters) -> Result<Vec<SearchHit>> {
        let site = self.site()?;
        self.index_drafts(&site)?;
        let terms = search::query_terms(query);
        if terms.len() > 16 {
            return Err(Error::Validation("Search with at most 16 words.".into()));
        }
        let limit = filters.limit.unwrap_or(50).clamp(1, 500);
        let rows = self.store()?.search(
            site.id,
            &terms,
            &Filters {
                collection: filters.collection.as_deref(),
                language: filters.language.as_deref(),
                source: filters.source.map(|s| match s {
                    SearchSource::Published => "published",
                    SearchSource::Draft => "draft",
                }),
                from: filters.from.as_deref(),
                to: filters.to.as_deref(),
                tag: filters.tag.as_deref(),
                // Twice the limit, so that entries found twice (file and draft) still fill it.
                limit: limit * 2,
            },
        )?;
        let mut seen = HashSet::new();
        let parts = |p: Vec<(String, bool)>| {
            p.into_iter()
                .map(|(text, hit)| TextPart { text, hit })
                .collect()
        };
        Ok(rows
            .into_iter()
            .filter(|r| {
                seen.insert(match (&r.path, r.draft_id) {
                    (Some(p), _) => p.clone(),
                    (None, id) => format!("#{id:?}"),
                })
            })
            .take(limit as usize)
            .map(|r| SearchHit {
                key: EntryKey {
                    draft_id: r.draft_id,
                    path: r.path.clone(),
                },
                source: if r.source == "draft" {
                    SearchSource::Draft
                } else {
                    SearchSource::Published
                },
                title_parts: parts(search::mark(&r.title, &terms)),
                snippet: parts(search::snippet(&r.body, &terms, 24)),
                collection: r.collection,
                language: r.language,
                title: r.title,
                date: r.date,
                rank: r.rank,
            })
            .collect())
    }
}

pub(super) fn published_doc(
    site: &OpenSite,
    collection: &crate::site::Collection,
    path: &str,
    blob: &str,
    bytes: &[u8],
) -> IndexDoc {
    let text = String::from_utf8_lossy(bytes);
    let slug = EntryPath::new(path)
        .map(|p| p.slug().to_owned())
        .unwrap_or_default();
    let mut doc = IndexDoc {
        source: "published",
        path: Some(path.to_owned()),
        draft_id: None,
        version: blob.to_owned(),
        collection: collection.id.clone(),
        language: language(&site.schema, Some(path)),
        title: slug,
        date: None,
        tags: Vec::new(),
        images: Vec::new(),
        links: Vec::new(),
        fields_json: "{}".into(),
        body: String::new(),
    };
    match EntryFile::parse(path, &text) {
        Ok(file) => {
            if let Some(title) = file.title() {
                doc.title = title;
            }
            if let Some(front) = file.front() {
                doc.date = front.get("date").or_else(|| front.get("start"));
                doc.tags = front.get_list("tags").unwrap_or_default();
                let mut fields = serde_json::Map::new();
                for key in front.keys() {
                    if let Some(v) = front.get_value(&key) {
                        if let FieldValue::Text(t) = &v
                            && looks_like_image(t)
                        {
                            doc.images.push(t.clone());
                        }
                        fields.insert(key, serde_json::to_value(v).unwrap_or_default());
                    }
                }
                doc.fields_json = serde_json::Value::Object(fields).to_string();
            }
            let body = markdown_to_doc_with(file.body(), Flavor::for_collection(collection));
            let t = Text::of(&body);
            doc.body = t.body;
            doc.images.extend(t.images);
            doc.links = t.links;
        }
        // A file that does not parse is still findable by its raw text.
        Err(e) => {
            tracing::warn!("indexing {path}: {e}");
            doc.body = text.into_owned();
        }
    }
    doc
}

fn looks_like_image(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The plain text of an editor document, and the images and links it refers to.
struct Text {
    body: String,
    images: Vec<String>,
    links: Vec<String>,
}

impl Text {
    fn of(doc: &DocNode) -> Self {
        let mut t = Text {
            body: String::new(),
            images: Vec::new(),
            links: Vec::new(),
        };
        t.walk(doc);
        t
    }

    fn walk(&mut self, node: &DocNode) {
        let attr = |k: &str| {
            node.attrs
                .as_ref()
                .and_then(|a| a.get(k))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        if node.node_type == "image" {
            self.images.extend(attr("src"));
            if let Some(alt) = attr("alt") {
                self.body.push_str(&alt);
                self.body.push(' ');
            }
        }
        if let Some(text) = &node.text {
            self.body.push_str(text);
        }
        for mark in node.marks.iter().flatten() {
            if mark.mark_type == "link" {
                let href = mark
                    .attrs
                    .as_ref()
                    .and_then(|a| a.get("href"))
                    .and_then(|v| v.as_str());
                if let Some(href) = href
                    && !self.links.iter().any(|l| l == href)
                {
                    self.links.push(href.to_owned());
                }
            }
        }
        for child in node.content.iter().flatten() {
            self.walk(child);
        }
        if node.text.is_none() && node.node_type != "doc" {
            // A block ends a line, so words of adjacent paragraphs do not run together.
            if !self.body.ends_with([' ', '\n']) {
                self.body.push('\n');
            }
        }
    }
}
