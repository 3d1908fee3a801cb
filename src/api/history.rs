//! The history side of drafts: revisions (listed with a line diff against the current text,
//! restored as a new revision), editorial states with who and when, and the trash. Every
//! operation here keeps the text it replaces; nothing is destroyed before the trash's 30 days.

use similar::{ChangeTag, TextDiff};

use super::types::{
    DiffHunk, DiffLine, DiffOp, EditorialInfo, EditorialState, EntryDoc, EntryKey, RevisionDiff,
    RevisionInfo, RevisionKind, TrashItem,
};
use super::{Desk, OpenSite};
use crate::content::FieldEdits;
use crate::markdown::{DocNode, doc_to_markdown};
use crate::store::{self, DraftRow, RevisionRow, TrashRow};
use crate::{Error, Result};

impl Desk {
    /// The revisions of an entry's draft, newest first, each with its distance from the
    /// current text.
    pub fn list_revisions(&self, key: &EntryKey) -> Result<Vec<RevisionInfo>> {
        let site = self.site()?;
        let draft = self.draft_of(&site, key)?;
        let current = text_of(&draft.title, &draft.fields, &draft.doc);
        let revisions = self.store()?.revisions(site.id, draft.id)?;
        Ok(revisions
            .iter()
            .map(|r| {
                let old = text_of(&r.title, &r.fields, &r.doc);
                let (added, removed) = counts(&old, &current);
                info(r, added, removed)
            })
            .collect())
    }

    /// One revision against the current text, as hunks of Markdown lines.
    pub fn revision_diff(&self, key: &EntryKey, revision: i64) -> Result<RevisionDiff> {
        let site = self.site()?;
        let draft = self.draft_of(&site, key)?;
        let row = self
            .store()?
            .revision(site.id, draft.id, revision)?
            .ok_or_else(|| Error::NotFound {
                what: format!("Revision {revision} of this entry"),
            })?;
        let old = text_of(&row.title, &row.fields, &row.doc);
        let new = text_of(&draft.title, &draft.fields, &draft.doc);
        let (added, removed) = counts(&old, &new);
        Ok(RevisionDiff {
            revision: info(&row, added, removed),
            hunks: hunks(&old, &new),
        })
    }

    /// Makes a revision the current text again, as a new revision; returns the entry.
    pub fn restore_revision(&self, key: &EntryKey, revision: i64) -> Result<EntryDoc> {
        let site = self.site()?;
        let draft = self.draft_of(&site, key)?;
        let author = self.author()?;
        self.store()?
            .restore_revision(site.id, draft.id, revision, author.as_deref())?;
        self.open_entry(&EntryKey {
            draft_id: Some(draft.id),
            path: draft.path,
        })
    }

    /// Moves an entry's draft along the editorial flow (draft, in review, ready); publishing
    /// sets `published`.
    pub fn set_editorial_state(
        &self,
        key: &EntryKey,
        state: EditorialState,
    ) -> Result<EditorialInfo> {
        let site = self.site()?;
        let draft = self.draft_of(&site, key)?;
        let name = match state {
            EditorialState::Draft => "draft",
            EditorialState::InReview => "in_review",
            EditorialState::Ready => "ready",
            EditorialState::Published => {
                return Err(Error::Validation(
                    "An entry becomes published by publishing it.".into(),
                ));
            }
        };
        let author = self.author()?;
        let set = self
            .store()?
            .set_editorial(site.id, draft.id, name, author.as_deref())?;
        Ok(editorial_info(&set))
    }

    /// Discards an entry's unpublished draft into the trash (kept 30 days).
    pub fn trash_draft(&self, key: &EntryKey) -> Result<TrashItem> {
        let site = self.site()?;
        let draft = self.draft_of(&site, key)?;
        let row = self.store()?.trash_draft(site.id, draft.id)?;
        Ok(trash_item(row))
    }

    pub fn list_trash(&self) -> Result<Vec<TrashItem>> {
        let site = self.site()?;
        Ok(self
            .store()?
            .trash(site.id)?
            .into_iter()
            .map(trash_item)
            .collect())
    }

    /// Takes a draft out of the trash and opens it. When its entry got a new draft meanwhile,
    /// the trashed text becomes a restore revision of that draft (the newer text is kept).
    pub fn restore_from_trash(&self, draft_id: i64) -> Result<EntryDoc> {
        let site = self.site()?;
        let author = self.author()?;
        let holder = self
            .store()?
            .restore_from_trash(site.id, draft_id, author.as_deref())?;
        self.open_entry(&EntryKey {
            draft_id: Some(holder),
            path: None,
        })
    }

    fn draft_of(&self, site: &OpenSite, key: &EntryKey) -> Result<DraftRow> {
        self.find_draft(site, key)?.ok_or_else(|| {
            Error::Validation(
                "This entry has no saved draft yet: edit it first, and its history starts.".into(),
            )
        })
    }

    fn author(&self) -> Result<Option<String>> {
        Ok(self.store()?.identity()?.map(|i| i.name))
    }
}

pub(super) fn editorial_info(e: &store::Editorial) -> EditorialInfo {
    EditorialInfo {
        state: match e.state.as_str() {
            "in_review" => EditorialState::InReview,
            "ready" => EditorialState::Ready,
            "published" => EditorialState::Published,
            _ => EditorialState::Draft,
        },
        by: e.by.clone(),
        at: e.at,
    }
}

fn trash_item(row: TrashRow) -> TrashItem {
    TrashItem {
        draft_id: row.id,
        collection: row.collection,
        path: row.path,
        title: row.title,
        trashed_at: row.trashed_at,
        purge_at: row.trashed_at + store::KEEP_TRASH_MS,
    }
}

fn info(r: &RevisionRow, added: u32, removed: u32) -> RevisionInfo {
    RevisionInfo {
        id: r.id,
        kind: match r.kind {
            store::RevisionKind::Autosave => RevisionKind::Autosave,
            store::RevisionKind::Publish => RevisionKind::Publish,
            store::RevisionKind::Restore => RevisionKind::Restore,
        },
        title: r.title.clone(),
        created_at: r.created_at,
        updated_at: r.updated_at,
        author: r.author.clone(),
        commit: r.commit.clone(),
        added,
        removed,
    }
}

/// The text a revision is compared as: the title and the form's fields as `key: value`
/// lines, a blank line, then the body as Markdown (as it would be published). A body the
/// bridge cannot write is shown as its JSON rather than hidden.
pub fn text_of(title: &str, fields: &FieldEdits, doc: &DocNode) -> String {
    let mut out = format!("title: {title}\n");
    for (key, value) in fields {
        let value = match value {
            Some(v) => serde_json::to_string(v).unwrap_or_default(),
            None => "(removed)".to_owned(),
        };
        out.push_str(&format!("{key}: {value}\n"));
    }
    out.push('\n');
    match doc_to_markdown(doc) {
        Ok(md) => out.push_str(&md),
        Err(_) => out.push_str(&serde_json::to_string_pretty(doc).unwrap_or_default()),
    }
    out
}

fn counts(old: &str, new: &str) -> (u32, u32) {
    let diff = TextDiff::from_lines(old, new);
    let (mut added, mut removed) = (0, 0);
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => added += 1,
            ChangeTag::Delete => removed += 1,
            ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

fn hunks(old: &str, new: &str) -> Vec<DiffHunk> {
    let diff = TextDiff::from_lines(old, new);
    diff.grouped_ops(3)
        .iter()
        .filter_map(|group| {
            let first = group.first()?;
            let lines = group
                .iter()
                .flat_map(|op| diff.iter_changes(op))
                .map(|c| DiffLine {
                    op: match c.tag() {
                        ChangeTag::Equal => DiffOp::Equal,
                        ChangeTag::Insert => DiffOp::Insert,
                        ChangeTag::Delete => DiffOp::Delete,
                    },
                    text: c.value().trim_end_matches(['\n', '\r']).to_owned(),
                })
                .collect();
            Some(DiffHunk {
                old_start: first.old_range().start as u32 + 1,
                new_start: first.new_range().start as u32 + 1,
                lines,
            })
        })
        .collect()
}
