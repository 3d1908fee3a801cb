//! Sync's git half: fetch the site's branch from `origin`, then put the local commits on top
//! of what arrived — replayed one by one (rebase) or joined by a merge commit, as the site's
//! schema says. Everything happens in memory (git2 indexes and trees): the branch moves only
//! when every commit has been applied, with a compare-and-swap on the old tip, and the work
//! tree follows path by path, each file written atomically (`worktree`), never overwriting a
//! file edited outside the app.
//! The repository is never left mid-rebase or with conflict markers.
//!
//! When both sides changed the same file, [`merge::merge_text`] merges entries field by field
//! and line by line. An overlap is a [`FileConflict`]: the result keeps the server's version
//! of that file, and all three versions are returned so the caller can keep the editor's as a
//! draft and ask. The local commits as they were stay reachable under `refs/desk/backup/`.

use std::cell::RefCell;
use std::path::Path;

use git2::{Commit, FetchOptions, Index, IndexConflict, IndexEntry, Oid, Signature, Tree};

use super::merge::{Merged, merge_text};
use super::remote::{Access, Seen, Transfer, callbacks, explain};
use super::{PublishError, SiteRepo, push};

/// How local commits join the server's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// Replay each local commit on top of the server's branch (linear history).
    #[default]
    Rebase,
    /// One merge commit joining both.
    Merge,
}

/// One file both sides changed in ways that overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileConflict {
    pub path: String,
    /// `None` when the file did not exist at the common ancestor.
    pub base: Option<Vec<u8>>,
    /// This computer's version (`None`: deleted here).
    pub mine: Option<Vec<u8>>,
    /// The server's version (`None`: deleted there), which the branch now holds.
    pub theirs: Option<Vec<u8>>,
    /// Front matter fields both sides changed; empty for a body or non-entry conflict.
    pub fields: Vec<String>,
    pub body: bool,
}

/// What integrating the fetched branch did.
#[derive(Debug, Clone, Default)]
pub struct Integration {
    /// Commits that arrived from the server.
    pub incoming: u32,
    /// Local commits put on top of them (or joined by a merge commit).
    pub replayed: u32,
    /// Local commits dropped because the server already had their change.
    pub already_there: u32,
    pub conflicts: Vec<FileConflict>,
    /// Files the server's new commits changed (for re-indexing and flagging drafts).
    pub changed_upstream: Vec<String>,
    /// The ref that keeps the local commits as they were before a rebase or merge.
    pub backup: Option<String>,
}

impl SiteRepo {
    /// Fetches the current branch from origin into `refs/remotes/origin/<branch>`.
    pub fn fetch(
        &self,
        access: &Access<'_>,
        progress: Option<Box<dyn FnMut(Transfer) + '_>>,
    ) -> Result<(), PublishError> {
        let branch = self.branch()?;
        let mut remote = push::origin(self.repo())?;
        let url = remote.url().unwrap_or_default().to_owned();
        let seen = RefCell::new(Seen::default());
        let mut options = FetchOptions::new();
        options.remote_callbacks(callbacks(access, &url, &seen, progress));
        // Never `+`: a server branch that went backwards is refused, not followed.
        let refspec = format!("refs/heads/{branch}:refs/remotes/origin/{branch}");
        let result = remote.fetch(&[refspec.as_str()], Some(&mut options), None);
        drop(options);
        if let Some(tell) = access.moving {
            tell(super::Moving::Finished);
        }
        match result {
            Ok(()) => Ok(()),
            // The server's branch does not exist yet (a new, empty site): nothing to fetch.
            Err(e) if e.code() == git2::ErrorCode::NotFound && e.message().contains(&branch) => {
                Ok(())
            }
            Err(e) => Err(explain(seen.into_inner(), e, &url)),
        }
    }

    /// Puts the local commits on top of the fetched branch. `allow_deletions` lifts the guard
    /// against mass deletions (more than 5 files, or more than 10% of the site).
    pub fn integrate(
        &self,
        strategy: Strategy,
        allow_deletions: bool,
    ) -> Result<Integration, PublishError> {
        let repo = self.repo();
        let branch = self.branch()?;
        let head = self.head_commit()?;
        let Ok(upstream_id) = repo.refname_to_id(&format!("refs/remotes/origin/{branch}")) else {
            return Ok(Integration::default());
        };
        let upstream = repo.find_commit(upstream_id)?;
        if head.id() == upstream.id() || repo.graph_descendant_of(head.id(), upstream.id())? {
            return Ok(Integration::default());
        }
        let base_id = repo.merge_base(head.id(), upstream.id())?;
        let base = repo.find_commit(base_id)?;
        let mut report = Integration {
            incoming: count(repo, upstream.id(), head.id())?,
            changed_upstream: changed_paths(repo, &base.tree()?, &upstream.tree()?)?,
            ..Integration::default()
        };

        let new_tip = if base_id == head.id() {
            // Nothing local: fast-forward.
            upstream.clone()
        } else {
            let local = local_commits(repo, head.id(), upstream.id())?;
            let has_merges = local.iter().any(|c| c.parent_count() > 1);
            match strategy {
                Strategy::Rebase if !has_merges => {
                    let mut tip = upstream.clone();
                    for commit in &local {
                        let mut index = repo.cherrypick_commit(commit, &tip, 0, None)?;
                        // cherry-pick: "ours" is the server's side, "theirs" the local commit
                        let conflicts = resolve(repo, &mut index, Side::TheirsIsMine)?;
                        let message =
                            with_held_back(commit.message_raw().unwrap_or("Publish"), &conflicts);
                        report.conflicts.extend(conflicts);
                        let tree = repo.find_tree(index.write_tree_to(repo)?)?;
                        if tree.id() == tip.tree_id() {
                            report.already_there += 1;
                            continue;
                        }
                        let committer = restamp(&commit.committer())?;
                        let id = repo.commit(
                            None,
                            &commit.author(),
                            &committer,
                            &message,
                            &tree,
                            &[&tip],
                        )?;
                        tip = repo.find_commit(id)?;
                        report.replayed += 1;
                    }
                    tip
                }
                _ => {
                    let mut index = repo.merge_commits(&head, &upstream, None)?;
                    let conflicts = resolve(repo, &mut index, Side::OursIsMine)?;
                    let message = with_held_back("Merge the site's server changes", &conflicts);
                    report.conflicts.extend(conflicts);
                    let tree = repo.find_tree(index.write_tree_to(repo)?)?;
                    report.replayed = u32::try_from(local.len()).unwrap_or(u32::MAX);
                    if tree.id() == upstream.tree_id() {
                        report.already_there = report.replayed;
                        report.replayed = 0;
                        upstream.clone()
                    } else {
                        let who = restamp(&head.committer())?;
                        let id =
                            repo.commit(None, &who, &who, &message, &tree, &[&head, &upstream])?;
                        repo.find_commit(id)?
                    }
                }
            }
        };

        if !allow_deletions {
            refuse_mass_deletion(repo, &upstream.tree()?, &new_tip.tree()?)?;
        }
        if base_id != head.id() {
            let name = format!(
                "refs/desk/backup/{branch}/{}",
                chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
            );
            repo.reference(
                &name,
                head.id(),
                true,
                "sync: the local commits before sync",
            )?;
            report.backup = Some(name);
        }
        self.move_branch(&branch, &head, &new_tip)?;
        Ok(report)
    }

    /// Checks the new tree out (only the changed paths, each file written atomically; see
    /// `worktree`), then moves the branch if it still points where it did.
    fn move_branch(
        &self,
        branch: &str,
        from: &Commit<'_>,
        to: &Commit<'_>,
    ) -> Result<(), PublishError> {
        let repo = self.repo();
        super::worktree::checkout(repo, self.root(), &from.tree()?, &to.tree()?)?;
        repo.reference_matching(
            &format!("refs/heads/{branch}"),
            to.id(),
            true,
            from.id(),
            "sync: local commits on top of the server's",
        )?;
        Ok(())
    }
}

/// Which side of a libgit2 merge index is this computer's.
#[derive(Clone, Copy)]
enum Side {
    OursIsMine,
    TheirsIsMine,
}

/// Resolves every conflict of `index` in place: merged text where the edits do not overlap,
/// else the server's version, with the conflict returned.
fn resolve(
    repo: &git2::Repository,
    index: &mut Index,
    side: Side,
) -> Result<Vec<FileConflict>, PublishError> {
    if !index.has_conflicts() {
        return Ok(Vec::new());
    }
    let all: Vec<IndexConflict> = index.conflicts()?.collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for c in all {
        let (mine, theirs) = match side {
            Side::OursIsMine => (c.our, c.their),
            Side::TheirsIsMine => (c.their, c.our),
        };
        let any = mine
            .as_ref()
            .or(theirs.as_ref())
            .or(c.ancestor.as_ref())
            .ok_or_else(|| PublishError::Git("a merge conflict without any side".into()))?;
        let path = String::from_utf8_lossy(&any.path).into_owned();
        let read = |e: &Option<IndexEntry>| -> Result<Option<Vec<u8>>, PublishError> {
            e.as_ref()
                .map(|e| Ok(repo.find_blob(e.id)?.content().to_vec()))
                .transpose()
        };
        let (base_bytes, mine_bytes, theirs_bytes) =
            (read(&c.ancestor)?, read(&mine)?, read(&theirs)?);
        index.conflict_remove(Path::new(&path))?;
        fn text(b: &Option<Vec<u8>>) -> Option<std::borrow::Cow<'_, str>> {
            b.as_deref().map(String::from_utf8_lossy)
        }
        let merged = match (text(&base_bytes), text(&mine_bytes), text(&theirs_bytes)) {
            (base, Some(m), Some(t)) => Some(merge_text(base.as_deref().unwrap_or(""), &m, &t)),
            _ => None,
        };
        match (merged, &mine) {
            (Some(Merged::Clean(text)), Some(entry)) => {
                let id = repo.blob(text.as_bytes())?;
                index.add(&stage0(entry, id, text.len()))?;
            }
            (merged, _) => {
                if let Some(t) = &theirs {
                    index.add(&stage0(t, t.id, t.file_size as usize))?;
                }
                let (fields, body) = match merged {
                    Some(Merged::Conflict { fields, body }) => (fields, body),
                    _ => (Vec::new(), false),
                };
                out.push(FileConflict {
                    path,
                    base: base_bytes,
                    mine: mine_bytes,
                    theirs: theirs_bytes,
                    fields,
                    body,
                });
            }
        }
    }
    Ok(out)
}

/// The message of a replayed commit that goes out without some of its files: the history
/// says which ones wait for the editor, so nobody reads "Publish …" and looks for a text that
/// is not there.
fn with_held_back(message: &str, conflicts: &[FileConflict]) -> String {
    if conflicts.is_empty() {
        return message.to_owned();
    }
    let paths: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
    format!(
        "{}\n\nHeld back (the server changed it too; kept as a draft until the editor decides): {}\n",
        message.trim_end(),
        paths.join(", ")
    )
}

/// A resolved index entry (stage 0) for `path` of `like`, holding blob `id`.
fn stage0(like: &IndexEntry, id: Oid, size: usize) -> IndexEntry {
    IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: like.mode,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(size).unwrap_or(u32::MAX),
        id,
        flags: like.flags & !0x3000,
        flags_extended: 0,
        path: like.path.clone(),
    }
}

/// A committer signature with the same person and the time of now.
fn restamp(who: &Signature<'_>) -> Result<Signature<'static>, PublishError> {
    Ok(Signature::now(
        who.name().unwrap_or("Barents Desk"),
        who.email().unwrap_or("desk@localhost"),
    )?)
}

/// Commits reachable from `from` and not from `hide`, oldest first.
fn local_commits<'r>(
    repo: &'r git2::Repository,
    from: Oid,
    hide: Oid,
) -> Result<Vec<Commit<'r>>, PublishError> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
    walk.push(from)?;
    walk.hide(hide)?;
    walk.map(|id| Ok(repo.find_commit(id?)?)).collect()
}

fn count(repo: &git2::Repository, from: Oid, hide: Oid) -> Result<u32, PublishError> {
    let mut walk = repo.revwalk()?;
    walk.push(from)?;
    walk.hide(hide)?;
    Ok(u32::try_from(walk.count()).unwrap_or(u32::MAX))
}

fn changed_paths(
    repo: &git2::Repository,
    from: &Tree<'_>,
    to: &Tree<'_>,
) -> Result<Vec<String>, PublishError> {
    let diff = repo.diff_tree_to_tree(Some(from), Some(to), None)?;
    Ok(diff
        .deltas()
        .filter_map(|d| d.new_file().path().or(d.old_file().path()))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect())
}

/// A sync that would delete more than 5 files, or more than 10% of the site (and at least
/// two files), stops: an emptied work tree must not become a mass deletion.
pub(crate) fn refuse_mass_deletion(
    repo: &git2::Repository,
    before: &Tree<'_>,
    after: &Tree<'_>,
) -> Result<(), PublishError> {
    let diff = repo.diff_tree_to_tree(Some(before), Some(after), None)?;
    let count = diff
        .deltas()
        .filter(|d| d.status() == git2::Delta::Deleted)
        .count();
    if count == 0 {
        return Ok(());
    }
    let mut total = 0usize;
    before.walk(git2::TreeWalkMode::PreOrder, |_, e| {
        if e.kind() == Some(git2::ObjectType::Blob) {
            total += 1;
        }
        git2::TreeWalkResult::Ok
    })?;
    if count > 5 || (count >= 2 && count * 10 > total) {
        return Err(PublishError::MassDeletion { count, total });
    }
    Ok(())
}
