//! Which files wait to be sent: the paths the local branch changed since it last agreed with
//! the server's branch as this computer knows it (`refs/remotes/origin/<branch>`). Git is the
//! outbox, so "published here, not yet on the server" is a fact of the repository, found with
//! one tree diff per question (equal subtrees are skipped by id), never per entry.
//!
//! Never contacts the server: what the server has is what the last fetch or push recorded.

use std::collections::HashSet;
use std::path::Path;

use git2::{DiffOptions, ErrorCode, Oid, Repository, Tree};

use super::{PublishError, SiteRepo};

impl SiteRepo {
    /// The site-relative paths (with `/`) that local commits not on the server changed:
    /// added, modified or deleted. Empty when nothing waits or the site has no `origin`.
    pub fn unpushed_paths(&self) -> Result<HashSet<String>, PublishError> {
        let Some((base, head)) = self.outbox_trees()? else {
            return Ok(HashSet::new());
        };
        let repo = self.repo();
        let diff = repo.diff_tree_to_tree(base.as_ref(), Some(&head), Some(&mut options()))?;
        let mut out = HashSet::new();
        for delta in diff.deltas() {
            for file in [delta.new_file(), delta.old_file()] {
                if let Some(path) = file.path().and_then(Path::to_str) {
                    out.insert(path.replace('\\', "/"));
                }
            }
        }
        Ok(out)
    }

    /// Whether local commits not on the server changed `path` (site-relative, with `/`).
    pub fn is_unpushed(&self, path: &str) -> Result<bool, PublishError> {
        let Some((base, head)) = self.outbox_trees()? else {
            return Ok(false);
        };
        let at = |tree: &Tree<'_>| -> Result<Option<Oid>, PublishError> {
            match tree.get_path(Path::new(path)) {
                Ok(entry) => Ok(Some(entry.id())),
                Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
                Err(e) => Err(e.into()),
            }
        };
        let before = match &base {
            Some(tree) => at(tree)?,
            None => None,
        };
        Ok(before != at(&head)?)
    }

    /// The tree the server is known to share with this branch (`None`: it has nothing of it)
    /// and the branch's tree; `None` when nothing can wait (no `origin`, or nothing ahead).
    fn outbox_trees(&self) -> Result<Option<(Option<Tree<'_>>, Tree<'_>)>, PublishError> {
        let repo = self.repo();
        if repo.find_remote("origin").is_err() {
            return Ok(None);
        }
        let head = self.head_id()?;
        let tracking = format!("refs/remotes/origin/{}", self.branch()?);
        let base = match repo.refname_to_id(&tracking) {
            Ok(upstream) if upstream == head => return Ok(None),
            Ok(upstream) => merge_base(repo, head, upstream)?,
            // Never fetched nor pushed: the server has none of this branch as far as we know.
            Err(_) => None,
        };
        let base = base
            .map(|id| repo.find_commit(id).and_then(|c| c.tree()))
            .transpose()?;
        let head = repo.find_commit(head)?.tree()?;
        Ok(Some((base, head)))
    }
}

fn merge_base(repo: &Repository, a: Oid, b: Oid) -> Result<Option<Oid>, PublishError> {
    match repo.merge_base(a, b) {
        Ok(id) => Ok(Some(id)),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn options() -> DiffOptions {
    let mut options = DiffOptions::new();
    // Only which paths differ is asked: no content is compared beyond blob ids.
    options.skip_binary_check(true);
    options
}
