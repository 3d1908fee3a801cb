//! The site index and search: every entry of the published tree parsed once per git blob
//! (fields, body text, languages, images, links) into the store's FTS5 index, drafts indexed
//! by save time, and ranked hits with marked snippets. Indexing is incremental: a file whose
//! blob is already indexed is not read again, so after a sync only changed files are parsed.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use super::entries::{is_entry_file, language};
use super::start_types::IndexProgress;
use super::types::{EntryKey, IndexReport, SearchFilters, SearchHit, SearchSource, TextPart};
use super::{Desk, OpenSite};
use crate::content::{EntryFile, FieldValue};
use crate::markdown::{DocNode, Flavor, markdown_to_doc_with};
use crate::publish::{SiteRepo, TreeFile};
use crate::site::EntryPath;
use crate::store::search::{self, Filters, IndexDoc};
use crate::{Error, Result};

/// Files parsed per store transaction while indexing.
const BATCH: usize = 500;

/// A file of the published tree to parse into the index, and the collection it belongs to.
struct ToParse<'a> {
    collection: &'a crate::site::Collection,
    file: TreeFile,
}

impl Desk {
    /// Brings the open site's index up to date with its published tree (`HEAD`) and its
    /// drafts; only new or changed blobs are parsed. Each collection folder's tree id is
    /// remembered, so a folder that did not change is skipped and one that did is compared
    /// with its last indexed tree (git's own diff), never walked file by file again.
    pub fn index_site(&self) -> Result<IndexReport> {
        self.index_site_with(&|_| {})
    }

    /// [`Desk::index_site`], telling `progress` how many of the files to read are in the index
    /// (wt-start): `0 of n` before the first is read, then after each batch, `n of n` last.
    /// Nothing is said when no file has to be read. Two runs never overlap: a second one waits
    /// and then finds the work done.
    pub fn index_site_with(&self, progress: &dyn Fn(IndexProgress)) -> Result<IndexReport> {
        let _one_at_a_time = self.indexing.lock().map_err(|_| super::poisoned())?;
        let started = Instant::now();
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        // An empty index remembers nothing, whatever the settings say.
        let index_empty = self.store()?.index_count(site.id, "published")? == 0;
        // Every indexed path and blob, read only when a folder has to be read whole.
        let mut all_known: Option<HashMap<String, String>> = None;
        let mut folders_seen = Vec::new();
        let mut to_parse = Vec::new();
        let mut removed = Vec::new();
        let mut settings = Vec::new();
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
                    .filter(|_| !index_empty);
                let changes = match last {
                    Some(last) if Some(last) == now => continue,
                    Some(last) => repo.folder_changes(&folder, Some(last), now)?,
                    None => None,
                };
                let files = match changes {
                    Some(changes) => {
                        removed.extend(changes.deleted);
                        let store = self.store()?;
                        let mut files = Vec::with_capacity(changes.changed.len());
                        for file in changes.changed {
                            if store.indexed_version(site.id, &file.path)?
                                != Some(file.blob.to_string())
                            {
                                files.push(file);
                            }
                        }
                        files
                    }
                    None => {
                        // No usable earlier tree: read the whole folder, and drop what the
                        // index holds under it that is not there any more.
                        let known = match &mut all_known {
                            Some(known) => known,
                            None => all_known.insert(self.store()?.indexed_files(site.id)?),
                        };
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
                            .into_iter()
                            .filter(|f| known.get(&f.path) != Some(&f.blob.to_string()))
                            .collect()
                    }
                };
                to_parse.extend(
                    files
                        .into_iter()
                        .filter(|f| is_entry_file(collection.layout, &folder, &f.path))
                        .map(|file| ToParse { collection, file }),
                );
                settings.push((tree_key, now.map(|t| t.to_string()).unwrap_or_default()));
            }
        }
        // Entries of folders the schema no longer has: looked for only when the set of
        // folders differs from the one last indexed.
        folders_seen.sort();
        folders_seen.dedup();
        let folders_key = format!("{}{}/folders", search::INDEX_TREE_PREFIX, site.id);
        let folders_now = folders_seen.join("\n");
        if index_empty || self.store()?.setting(&folders_key)?.as_ref() != Some(&folders_now) {
            let known = match &all_known {
                Some(known) => known,
                None => all_known.insert(self.store()?.indexed_files(site.id)?),
            };
            removed.extend(
                known
                    .keys()
                    .filter(|p| !folders_seen.iter().any(|f| p.starts_with(&format!("{f}/"))))
                    .cloned(),
            );
        }
        settings.push((folders_key, folders_now));
        removed.sort();
        removed.dedup();
        let parsed = to_parse.len() as u32;
        if parsed > 0 {
            progress(IndexProgress {
                done: 0,
                total: parsed,
            });
        }
        // The last batch, the removals and the trees read go in one transaction: the trees
        // are remembered only with their files in the index.
        let last = self.parse_into_index(&site, &to_parse, progress)?;
        let mut store = self.store()?;
        store.index_update_with(site.id, &last, &removed, &[], &settings)?;
        if parsed > 0 {
            progress(IndexProgress {
                done: parsed,
                total: parsed,
            });
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

    /// Reads and parses `files` on every core, in batches, and writes each batch but the last
    /// into the index in order (so that the index's order does not depend on the threads);
    /// returns the last batch. The store is locked only to write a batch.
    fn parse_into_index(
        &self,
        site: &OpenSite,
        files: &[ToParse<'_>],
        progress: &dyn Fn(IndexProgress),
    ) -> Result<Vec<IndexDoc>> {
        let chunks: Vec<&[ToParse<'_>]> = files.chunks(BATCH).collect();
        let Some(last) = chunks.len().checked_sub(1) else {
            return Ok(Vec::new());
        };
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4)
            .min(files.len());
        let next = AtomicUsize::new(0);
        let (sender, received) = mpsc::channel::<(usize, Result<Vec<IndexDoc>>)>();
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let sender = sender.clone();
                let (next, chunks) = (&next, &chunks);
                scope.spawn(move || {
                    let repo = match SiteRepo::open(&site.root) {
                        Ok(repo) => repo,
                        Err(e) => {
                            let _ = sender.send((usize::MAX, Err(e.into())));
                            return;
                        }
                    };
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { return };
                        let docs = chunk
                            .iter()
                            .map(|p| {
                                let bytes = repo.blob(p.file.blob)?;
                                let blob = p.file.blob.to_string();
                                Ok(published_doc(
                                    site,
                                    p.collection,
                                    &p.file.path,
                                    &blob,
                                    &bytes,
                                ))
                            })
                            .collect::<Result<Vec<_>>>();
                        let failed = docs.is_err();
                        if sender.send((i, docs)).is_err() || failed {
                            // Stop the others early too.
                            next.store(usize::MAX / 2, Ordering::Relaxed);
                            return;
                        }
                    }
                });
            }
            drop(sender);
            let mut waiting = std::collections::BTreeMap::new();
            let mut written = 0;
            let mut last_docs = Vec::new();
            for (i, docs) in received {
                let docs = match docs {
                    Ok(docs) => docs,
                    Err(e) => {
                        next.store(usize::MAX / 2, Ordering::Relaxed);
                        return Err(e);
                    }
                };
                waiting.insert(i, docs);
                while let Some(docs) = waiting.remove(&written) {
                    if written == last {
                        last_docs = docs;
                    } else {
                        self.store()?.index_update(site.id, &docs, &[], &[])?;
                        progress(IndexProgress {
                            done: ((written + 1) * BATCH).min(files.len()) as u32,
                            total: files.len() as u32,
                        });
                    }
                    written += 1;
                }
            }
            if written <= last {
                return Err(Error::Validation(
                    "Indexing the site stopped before every file was read. Open the site again to index it.".into(),
                ));
            }
            Ok(last_docs)
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
