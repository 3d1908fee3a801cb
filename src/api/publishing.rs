//! Publishing a draft: compose the file (changing only what was edited), commit exactly those
//! bytes, record the publish in the store, push. A failed push leaves the commit waiting.

use super::check::collides;
use super::entry_checks::check_entry;
use super::fields;
use super::types::{DraftInput, EntryKey, FieldEdits, FieldValue, PublishOutcome};
use super::{Desk, OpenSite};
use crate::content::{EntryFile, NewFrontMatter};
use crate::markdown::{DocNode, Flavor, doc_to_markdown, doc_to_markdown_preserving_with};
use crate::publish::{RepoPath, SiteRepo};
use crate::site::validate::{Problem, Severity};
use crate::site::{Collection, EntryPath, Layout, slugify};
use crate::store::{DraftState, Published};
use crate::{Error, Result};

impl Desk {
    /// Publishes one entry's unpublished draft as one commit, then pushes.
    pub fn publish(&self, key: &EntryKey) -> Result<PublishOutcome> {
        let _one_at_a_time = self.publishing.lock().map_err(|_| super::poisoned())?;
        let identity = self.identity()?.ok_or(Error::IdentityMissing)?;
        let site = self.site()?;
        let draft = self
            .find_draft(&site, key)?
            .filter(|d| d.state == DraftState::Draft)
            .ok_or_else(|| {
                Error::Validation(
                    "There is nothing new to publish in this entry: it has no unpublished changes."
                        .into(),
                )
            })?;
        let title = draft.title.trim().to_owned();
        if title.is_empty() {
            return Err(Error::Validation(
                "Give the entry a title before publishing.".into(),
            ));
        }
        let collection = site.schema.collection(&draft.collection)?.clone();
        let repo = SiteRepo::open(&site.root)?;
        let path = match &draft.path {
            Some(path) => EntryPath::new(path)?,
            None => self.new_entry_path(&site, &repo, &collection, &title)?,
        };
        // wt-states: a held-back entry goes out through its conflict's resolution only.
        self.refuse_open_conflict(&site, &path)?;
        let existing = repo.file_at_head(&path)?;
        let bytes = compose(
            &Writing {
                title: &title,
                doc: &draft.doc,
                fields: &draft.fields,
            },
            &collection,
            &path,
            existing.as_ref().map(|(b, _)| b.as_slice()),
            &identity.name,
        )?;
        // One check for the fields, an event's rules and the images; the images it finds
        // are committed with the text.
        let images = self.refuse_invalid(&repo, &collection, &path, &bytes)?;
        let verb = if existing.is_some() {
            "Update"
        } else {
            "Publish"
        };
        let message = format!("{verb} {}: {title}", collection.singular);
        // An event's publish carries the regenerated iCalendar feed in the same commit.
        let feed = self.feed_for_publish(&site, &repo, &collection, &path, &bytes)?;
        let mut files = vec![(RepoPath::from(&path), bytes.as_slice())];
        files.extend(images.iter().map(|(p, b)| (p.clone(), b.as_slice())));
        files.extend(feed.as_ref().map(|(p, b)| (p.clone(), b.as_slice())));
        let committed = repo.commit_files(&files, &message, &identity)?;
        let commit = committed.commit.to_string();
        let blob = committed
            .blobs
            .first()
            .copied()
            .unwrap_or(git2::Oid::ZERO_SHA1);
        self.store()?.mark_published(
            draft.id,
            &Published {
                path: path.as_str(),
                title: &draft.title,
                doc: &draft.doc,
                fields: &draft.fields,
                blob: &blob.to_string(),
                commit: &commit,
                author: &identity.name,
            },
        )?;
        let push_error = self.push_and_record(&site, &repo);
        Ok(PublishOutcome {
            key: EntryKey {
                draft_id: Some(draft.id),
                path: Some(path.to_string()),
            },
            commit,
            pushed: push_error.is_none(),
            push_error,
            waiting: repo.waiting()?,
        })
    }

    /// Publishes every unpublished draft of the open site, one commit each, oldest first.
    /// Stops at the first error, after pushing what was committed.
    pub fn publish_all(&self) -> Result<Vec<PublishOutcome>> {
        let site = self.site()?;
        let mut drafts = self.store()?.unpublished_drafts(site.id)?;
        drafts.reverse();
        drafts
            .iter()
            .map(|d| {
                self.publish(&EntryKey {
                    draft_id: Some(d.id),
                    path: d.path.clone(),
                })
            })
            .collect()
    }

    /// What publishing this draft would find wrong, field by field, without committing: the
    /// form shows it live. The same checks refuse a publish.
    pub fn validate_draft(&self, input: &DraftInput) -> Result<Vec<Problem>> {
        let site = self.site()?;
        let collection = site.schema.collection(&input.collection)?.clone();
        let repo = SiteRepo::open(&site.root)?;
        let mut problems = Vec::new();
        let title = input.title.trim();
        if title.is_empty() {
            problems.push(Problem {
                field: "title".into(),
                severity: Severity::Error,
                message: "Give the entry a title.".into(),
            });
        }
        let path = match &input.key.path {
            Some(path) => EntryPath::new(path)?,
            None => self.new_entry_path(&site, &repo, &collection, title)?,
        };
        let existing = repo.file_at_head(&path)?;
        let writing = Writing {
            title: if title.is_empty() { "Untitled" } else { title },
            doc: &input.body,
            fields: &input.fields,
        };
        let author = self.identity()?.map(|i| i.name).unwrap_or_default();
        match compose(
            &writing,
            &collection,
            &path,
            existing.as_ref().map(|(b, _)| b.as_slice()),
            &author,
        ) {
            Ok(bytes) => problems.extend(
                problems_of(&site, &repo, &collection, &path, &bytes, existing.is_none())?.problems,
            ),
            Err(e) => problems.push(Problem {
                field: String::new(),
                severity: Severity::Error,
                message: e.to_string(),
            }),
        }
        Ok(problems)
    }

    /// The sanitised HTML preview of a draft as the editor holds it (title, lead, body).
    pub fn preview(&self, input: &DraftInput) -> Result<String> {
        let lead = match input.fields.get("lead") {
            Some(Some(FieldValue::Text(lead))) if !lead.trim().is_empty() => Some(lead.as_str()),
            _ => None,
        };
        let html = crate::markdown::preview::preview_html(&input.title, lead, &input.body)?;
        // The site's pictures shown as they are (the preview cannot load site files).
        Ok(self.with_site_pictures(&input.key, &html))
    }

    /// Checks the bytes about to be committed (fields, an event's rules, images: one check,
    /// `entry_checks`); errors stop the publish (warnings do not), and the draft stays as it
    /// is. Returns the image files the entry uses that are not yet committed, to commit with it.
    pub(super) fn refuse_invalid(
        &self,
        repo: &SiteRepo,
        collection: &Collection,
        path: &EntryPath,
        bytes: &[u8],
    ) -> Result<Vec<(RepoPath, Vec<u8>)>> {
        let site = self.site()?;
        let is_new = repo.file_at_head(path)?.is_none();
        let checked = problems_of(&site, repo, collection, path, bytes, is_new)?;
        let problems = checked.errors();
        if problems.is_empty() {
            return Ok(checked.images);
        }
        Err(Error::Invalid {
            what: format!("This {}", collection.singular),
            problems,
        })
    }

    /// Pushes and remembers the outcome; returns the error in words, if any.
    pub(super) fn push_and_record(&self, site: &OpenSite, repo: &SiteRepo) -> Option<String> {
        let error = repo.push(&self.access(None)).err().map(|e| e.to_string());
        if let Some(e) = &error {
            tracing::warn!("push failed: {e}");
        }
        if let Err(e) = self
            .store()
            .and_then(|mut s| Ok(s.set_push_error(site.id, error.as_deref())?))
        {
            tracing::warn!("could not record the push result: {e}");
        }
        error
    }

    /// A path for a first publish: the collection's folder and a slug of the title, made
    /// unique against the published tree and other drafts.
    pub(super) fn new_entry_path(
        &self,
        site: &OpenSite,
        repo: &SiteRepo,
        collection: &Collection,
        title: &str,
    ) -> Result<EntryPath> {
        let mut base = slugify(title);
        if base.is_empty() {
            base = format!(
                "{}-{}",
                collection.singular,
                chrono::Local::now().format("%Y%m%d-%H%M")
            );
        }
        let store = self.store()?;
        let existing: Vec<String> = site
            .schema
            .folders_of(collection)
            .iter()
            .map(|(_, folder)| repo.files_under(folder))
            .collect::<std::result::Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .map(|f| f.path)
            .collect();
        for n in 1..1000 {
            let slug = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            let file = match collection.layout {
                Layout::Flat => format!("{slug}.md"),
                Layout::Bundle => format!("{slug}/index.md"),
            };
            let folder = collection.folder_for(site.schema.languages.first().map(String::as_str));
            let path = EntryPath::join(&folder, &file)?;
            let taken = collides(&path, &existing)
                || path.to_fs_path(&site.root).exists()
                || store.draft_by_path(site.id, path.as_str())?.is_some();
            if !taken {
                return Ok(path);
            }
        }
        Err(Error::Validation(format!(
            "Too many entries are called \"{title}\"; choose another title."
        )))
    }
}

/// What a publish writes: the draft's title, body and form fields.
pub(super) struct Writing<'a> {
    pub(super) title: &'a str,
    pub(super) doc: &'a DocNode,
    pub(super) fields: &'a FieldEdits,
}

/// What is wrong with the bytes about to be committed — the fields, an event's rules, the
/// images (one check: `entry_checks`) — and the image files to commit with them.
fn problems_of(
    site: &OpenSite,
    repo: &SiteRepo,
    collection: &Collection,
    path: &EntryPath,
    bytes: &[u8],
    is_new: bool,
) -> Result<super::entry_checks::EntryCheck> {
    let file = EntryFile::parse(path.as_str(), &String::from_utf8_lossy(bytes))?;
    check_entry(site, repo, collection, path, &file, is_new)
}

/// The bytes to commit: an existing file keeps every byte the editor did not change.
pub(super) fn compose(
    writing: &Writing<'_>,
    collection: &Collection,
    path: &EntryPath,
    existing: Option<&[u8]>,
    author: &str,
) -> Result<Vec<u8>> {
    let title = writing.title;
    let flavor = Flavor::for_collection(collection);
    let mut file = match existing {
        Some(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            let mut file = EntryFile::parse(path.as_str(), &text)?;
            if let Some(front) = file.front_mut() {
                front.set_str("title", title)?;
                fields::apply(collection, front, writing.fields)?;
            }
            // Unchanged blocks keep their exact bytes; only what was edited is printed anew.
            let body = doc_to_markdown_preserving_with(
                writing.doc,
                &file.body().replace("\r\n", "\n"),
                flavor,
            )?;
            file.set_body(&body);
            file
        }
        None => {
            let date = chrono::Local::now().format("%Y-%m-%d").to_string();
            let mut front = NewFrontMatter {
                title,
                date: &date,
                author: (!author.is_empty()).then_some(author),
                draft: false,
            }
            .render(collection.front_matter)?;
            fields::apply(collection, &mut front, writing.fields)?;
            EntryFile::new(front, &doc_to_markdown(writing.doc)?)
        }
    };
    let text = file.to_text();
    // Validate the very bytes that will be committed.
    let reread = EntryFile::parse(path.as_str(), &text)?;
    if reread.title().as_deref() != Some(title) {
        return Err(Error::Validation(format!(
            "The title could not be written to {path} safely; the draft is kept. Edit the file's front matter by hand."
        )));
    }
    file = reread;
    Ok(file.to_text().into_bytes())
}
