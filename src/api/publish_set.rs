//! Publishing as an editor chooses: a set of entries in one commit with an editable message,
//! "submit for review" (the commit goes to branch `desk/<slug>`, the site's branch and the
//! work tree stay as they are), unpublish (remove the file, or set `draft: true`, as the
//! schema says), and rename/move (the old file removed in the same commit).

use super::publishing::{Writing, compose};
use super::types::{EntryKey, PublishRequest, SetOutcome};
use super::{Desk, OpenSite};
use crate::content::EntryFile;
use crate::events::is_event_collection;
use crate::publish::{Change, RepoPath, SiteRepo, Target};
use crate::site::{EntryPath, UnpublishMode, slugify};
use crate::store::{DraftState, Published};
use crate::{Error, Result};

struct Prepared {
    draft_id: i64,
    draft_title: String,
    doc: crate::markdown::DocNode,
    fields: crate::content::FieldEdits,
    title: String,
    path: EntryPath,
    bytes: Vec<u8>,
    /// Image files the entry uses that are not yet committed (wt-mediacal: they go in the
    /// same commit).
    images: Vec<(RepoPath, Vec<u8>)>,
    verb: &'static str,
    singular: String,
    event: bool,
}

impl Desk {
    /// Publishes the chosen entries' drafts as one commit (message: the editor's, or
    /// "Publish article: <title>"), then pushes — to the site's branch, or for review to
    /// `desk/<slug>` without touching the site's branch.
    pub fn publish_set(&self, request: &PublishRequest) -> Result<SetOutcome> {
        if request.entries.is_empty() {
            return Err(Error::Validation(
                "Choose at least one entry to publish.".into(),
            ));
        }
        let _one_at_a_time = self.publishing.lock().map_err(|_| super::poisoned())?;
        let identity = self.identity()?.ok_or(Error::IdentityMissing)?;
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        let mut prepared: Vec<Prepared> = Vec::new();
        for key in &request.entries {
            let p = self.prepare(&site, &repo, key)?;
            if prepared.iter().any(|q| q.path == p.path) {
                return Err(Error::Validation(format!("{} is chosen twice.", p.path)));
            }
            prepared.push(p);
        }
        let message = match request.message.as_deref().map(str::trim) {
            Some(m) if !m.is_empty() => m.to_owned(),
            _ => default_message(&prepared),
        };
        let branch = repo.branch()?;
        let target = if request.review {
            let slug = prepared[0].path.as_str().trim_end_matches(".md");
            let slug = slug.trim_end_matches("/index");
            let slug = slugify(slug.rsplit('/').next().unwrap_or(slug));
            Target::Branch(format!("desk/{slug}"))
        } else {
            Target::Head
        };
        let mut changes: Vec<Change<'_>> = prepared
            .iter()
            .map(|p| Change::Write(RepoPath::from(&p.path), &p.bytes))
            .collect();
        // After the entries, so each entry's blob stays at its index; an image two entries
        // share is written once.
        let mut seen = std::collections::HashSet::new();
        for (path, bytes) in prepared.iter().flat_map(|p| &p.images) {
            if seen.insert(path.as_str()) {
                changes.push(Change::Write(path.clone(), bytes));
            }
        }
        let committed = repo.commit_changes(&changes, &message, &identity, &target)?;
        let mut commit = committed.commit;
        if committed.changed && prepared.iter().any(|p| p.event) && matches!(target, Target::Head) {
            // The events feed goes into the same commit, made from the entries just committed.
            if let Some((path, bytes)) = self.feed_refresh(&site, &repo)? {
                commit = repo
                    .commit_changes(
                        &[Change::Write(path, &bytes)],
                        &message,
                        &identity,
                        &Target::Amend,
                    )?
                    .commit;
            }
        }
        let mut keys = Vec::new();
        for (p, blob) in prepared.iter().zip(&committed.blobs) {
            if !request.review {
                self.store()?.mark_published(
                    p.draft_id,
                    &Published {
                        path: p.path.as_str(),
                        title: &p.draft_title,
                        doc: &p.doc,
                        fields: &p.fields,
                        blob: &blob.to_string(),
                        commit: &commit.to_string(),
                        author: &identity.name,
                    },
                )?;
            }
            keys.push(EntryKey {
                draft_id: Some(p.draft_id),
                path: Some(p.path.to_string()),
            });
        }
        let (branch, push_error) = match &target {
            Target::Branch(name) => (
                name.clone(),
                repo.push_branch(name, &self.access(None))
                    .err()
                    .map(|e| e.to_string()),
            ),
            _ => (branch, self.push_and_record(&site, &repo)),
        };
        Ok(SetOutcome {
            keys,
            commit: commit.to_string(),
            branch,
            pushed: push_error.is_none(),
            push_error,
            waiting: repo.waiting()?,
        })
    }

    fn prepare(&self, site: &OpenSite, repo: &SiteRepo, key: &EntryKey) -> Result<Prepared> {
        let draft = self
            .find_draft(site, key)?
            .filter(|d| d.state == DraftState::Draft)
            .ok_or_else(|| {
                Error::Validation(format!(
                    "{} has no unpublished changes.",
                    key.path.as_deref().unwrap_or("This entry")
                ))
            })?;
        let title = draft.title.trim().to_owned();
        if title.is_empty() {
            return Err(Error::Validation(
                "Give every entry a title before publishing.".into(),
            ));
        }
        let collection = site.schema.collection(&draft.collection)?.clone();
        let path = match &draft.path {
            Some(path) => EntryPath::new(path)?,
            None => self.new_entry_path(site, repo, &collection, &title)?,
        };
        self.refuse_open_conflict(site, &path)?;
        let existing = repo.file_at_head(&path)?;
        let identity = self.identity()?.ok_or(Error::IdentityMissing)?;
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
        let images = self.refuse_invalid(repo, &collection, &path, &bytes)?;
        Ok(Prepared {
            images,
            draft_id: draft.id,
            draft_title: draft.title.clone(),
            doc: draft.doc.clone(),
            fields: draft.fields.clone(),
            title,
            path,
            bytes,
            verb: if existing.is_some() {
                "Update"
            } else {
                "Publish"
            },
            singular: collection.singular.clone(),
            event: is_event_collection(&collection),
        })
    }

    /// Takes an entry off the site in one commit: removes its file, or sets `draft: true`, as
    /// the site's schema says. Its text stays in the store as a draft.
    pub fn unpublish(&self, key: &EntryKey, message: Option<&str>) -> Result<SetOutcome> {
        let _one_at_a_time = self.publishing.lock().map_err(|_| super::poisoned())?;
        let identity = self.identity()?.ok_or(Error::IdentityMissing)?;
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        let path = EntryPath::new(
            key.path
                .as_deref()
                .ok_or_else(|| Error::Validation("This entry was never published.".into()))?,
        )?;
        let (bytes, _) = repo.file_at_head(&path)?.ok_or_else(|| Error::NotFound {
            what: format!("{path} in the published site"),
        })?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let title = EntryFile::parse(path.as_str(), &text)?
            .title()
            .unwrap_or_else(|| path.to_string());
        let message = message
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map_or_else(|| format!("Unpublish: {title}"), str::to_owned);
        let flagged;
        let change = match site.schema.sync.unpublish {
            UnpublishMode::Delete => Change::Delete(RepoPath::from(&path)),
            UnpublishMode::Draft => {
                flagged = set_draft_flag(path.as_str(), &text)?;
                Change::Write(RepoPath::from(&path), flagged.as_bytes())
            }
        };
        let committed = repo.commit_changes(&[change], &message, &identity, &Target::Head)?;
        if committed.changed {
            self.finish_events(&site, &repo, &path, &message, &identity)?;
        }
        let push_error = self.push_and_record(&site, &repo);
        let draft_id = self
            .store()?
            .draft_by_path(site.id, path.as_str())?
            .map(|d| d.id);
        Ok(SetOutcome {
            keys: vec![EntryKey {
                draft_id,
                path: Some(path.to_string()),
            }],
            commit: repo.head_id().unwrap_or(committed.commit).to_string(),
            branch: repo.branch()?,
            pushed: push_error.is_none(),
            push_error,
            waiting: repo.waiting()?,
        })
    }

    /// Moves a published entry to `new_path` in one commit: the new file added, the old one
    /// removed. The entry's draft follows it.
    pub fn rename_entry(&self, key: &EntryKey, new_path: &str) -> Result<SetOutcome> {
        let _one_at_a_time = self.publishing.lock().map_err(|_| super::poisoned())?;
        let identity = self.identity()?.ok_or(Error::IdentityMissing)?;
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        let old =
            EntryPath::new(key.path.as_deref().ok_or_else(|| {
                Error::Validation("Only a published entry can be moved.".into())
            })?)?;
        let new = EntryPath::new(new_path)?;
        let (bytes, _) = repo.file_at_head(&old)?.ok_or_else(|| Error::NotFound {
            what: format!("{old} in the published site"),
        })?;
        if repo.file_at_head(&new)?.is_some()
            || new.to_fs_path(&site.root).exists()
            || self
                .store()?
                .draft_by_path(site.id, new.as_str())?
                .is_some()
        {
            return Err(Error::Validation(format!(
                "{new} already exists. Choose another name."
            )));
        }
        if self.collection_of_path(&site, new.as_str()).is_none() {
            return Err(Error::Validation(format!(
                "{new} is not in a collection's folder, so it would not be an entry."
            )));
        }
        let title = EntryFile::parse(old.as_str(), &String::from_utf8_lossy(&bytes))?
            .title()
            .unwrap_or_else(|| old.to_string());
        let message = format!("Move: {title} ({old} -> {new})");
        let committed = repo.commit_changes(
            &[
                Change::Write(RepoPath::from(&new), &bytes),
                Change::Delete(RepoPath::from(&old)),
            ],
            &message,
            &identity,
            &Target::Head,
        )?;
        self.store()?
            .move_draft(site.id, old.as_str(), new.as_str())?;
        if committed.changed {
            self.finish_events(&site, &repo, &new, &message, &identity)?;
        }
        let push_error = self.push_and_record(&site, &repo);
        let draft_id = self
            .store()?
            .draft_by_path(site.id, new.as_str())?
            .map(|d| d.id);
        Ok(SetOutcome {
            keys: vec![EntryKey {
                draft_id,
                path: Some(new.to_string()),
            }],
            commit: repo.head_id().unwrap_or(committed.commit).to_string(),
            branch: repo.branch()?,
            pushed: push_error.is_none(),
            push_error,
            waiting: repo.waiting()?,
        })
    }

    /// After a commit touching an event: the feed regenerated into the same commit.
    fn finish_events(
        &self,
        site: &OpenSite,
        repo: &SiteRepo,
        path: &EntryPath,
        message: &str,
        identity: &super::types::Identity,
    ) -> Result<()> {
        let is_event = self
            .collection_of_path(site, path.as_str())
            .and_then(|id| site.schema.collection(&id).ok())
            .is_some_and(is_event_collection);
        if is_event && let Some((feed, bytes)) = self.feed_refresh(site, repo)? {
            repo.commit_changes(
                &[Change::Write(feed, &bytes)],
                message,
                identity,
                &Target::Amend,
            )?;
        }
        Ok(())
    }

    fn collection_of_path(&self, site: &OpenSite, path: &str) -> Option<String> {
        site.schema
            .collections
            .iter()
            .find(|c| {
                site.schema
                    .folders_of(c)
                    .iter()
                    .any(|(_, folder)| super::entries::is_entry_file(c.layout, folder, path))
            })
            .map(|c| c.id.clone())
    }
}

fn default_message(prepared: &[Prepared]) -> String {
    match prepared {
        [one] => format!("{} {}: {}", one.verb, one.singular, one.title),
        many => {
            let titles: Vec<&str> = many.iter().map(|p| p.title.as_str()).collect();
            format!("Publish {} entries: {}", many.len(), titles.join("; "))
        }
    }
}

/// The file with its front matter's top-level `draft` set to true (YAML or TOML), every other
/// byte kept.
fn set_draft_flag(path: &str, text: &str) -> Result<String> {
    let (marker, sep) = if text.starts_with("+++") {
        ("+++", " = ")
    } else {
        ("---", ": ")
    };
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + 16);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != marker {
        return Err(Error::Validation(format!(
            "{path} has no front matter to mark as a draft; remove the entry instead."
        )));
    }
    out.push_str(first);
    let mut done = false;
    for line in lines.by_ref() {
        if line.trim_end() == marker {
            if !done {
                out.push_str(&format!("draft{sep}true{eol}"));
            }
            out.push_str(line);
            break;
        }
        let key = line.split([':', '=']).next().unwrap_or("").trim();
        if !done && key == "draft" && !line.starts_with(char::is_whitespace) {
            out.push_str(&format!("draft{sep}true{eol}"));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    lines.for_each(|l| out.push_str(l));
    let file = EntryFile::parse(path, &out)?;
    if file.front().and_then(|f| f.get("draft")).as_deref() != Some("true") {
        return Err(Error::Validation(format!(
            "The draft flag could not be set in {path} safely; edit its front matter by hand."
        )));
    }
    Ok(out)
}
