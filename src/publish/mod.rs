//! The site's git repository: reading what is published, committing entries (with the files
//! that go with them, like the events feed) in one commit, pushing to
//! `origin`, and counting what waits to be sent. Git is the outbox: a commit that could not be
//! pushed stays local and is sent by the next push. Never force-pushes.
//!
//! Submodules: `push` (send a branch, rejections detected), `remote` (callbacks: credentials,
//! host keys, progress), `credentials` (the keychain), `ssh` (known_hosts), `sync` (fetch and
//! the in-memory rebase or merge), `merge` (three-way merge of an entry's text), `clone`,
//! `backoff` (when to try the outbox again), `worktree` (the work tree and index following a
//! commit or a sync, file by file, atomically), `unpushed` (which paths wait to be sent).

pub mod backoff;
pub mod clone;
pub mod credentials;
mod folder_changes;
mod history;
pub mod merge;
mod push;
pub mod remote;
pub mod ssh;
pub mod sync;
mod unpushed;
pub mod worktree;

pub use folder_changes::FolderChanges;
pub use remote::{Access, Moving, Transfer};

use std::path::{Path, PathBuf};

use git2::build::TreeUpdateBuilder;
use git2::{
    ErrorCode, FileMode, ObjectType, Oid, Repository, Signature, TreeWalkMode, TreeWalkResult,
};

use crate::api::types::Identity;
use crate::site::{EntryPath, SiteError, file_stem_error};

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(
        "{path} is not a git repository. Choose the folder of your site's clone (the one with the .git folder in it)."
    )]
    NotARepository { path: PathBuf },
    #[error(
        "{path} is a bare git repository, without files to edit. Choose a clone with a work tree."
    )]
    Bare { path: PathBuf },
    #[error(
        "The site's repository has no commits yet. Make a first commit (for example with the site's configuration), then open it again."
    )]
    NoCommits,
    #[error(
        "The site's repository is on a detached HEAD, not a branch. Check out the site's main branch, then open it again."
    )]
    Detached,
    #[error(
        "{path} was changed outside Barents Desk and the change is not committed. Commit or discard that change first, so that publishing does not overwrite it."
    )]
    DirtyFile { path: String },
    #[error(
        "The site has no server (git remote \"origin\") to publish to. Your change is committed on this computer; add the remote, then sync."
    )]
    NoRemote,
    #[error(
        "The site's server refused the change: {reason}. Your change is committed on this computer and nothing is lost; sync to bring in the server's changes, then try again."
    )]
    PushRejected { reason: String },
    #[error(
        "Could not send the change to the site's server: {reason}. Your change is committed on this computer and will be sent at the next sync."
    )]
    PushFailed { reason: String },
    #[error(
        "Writing {path} failed: {reason}. Nothing was committed; your text is still saved as a draft."
    )]
    WriteFile { path: String, reason: String },
    #[error("Git failed: {0}.")]
    Git(String),
    #[error(
        "The server {server} asks for a user name and a password or access token. Enter them; Barents Desk keeps them in your system's keychain."
    )]
    AuthRequired { server: String },
    #[error(
        "The server {server} refused the user name and password (or token). It may be wrong or expired: enter it again."
    )]
    AuthFailed { server: String },
    #[error(
        "The SSH server {host} accepted none of your keys. Add your key to ssh-agent (ssh-add), or add its public key to your account on the server."
    )]
    SshAuthFailed { host: String },
    #[error(
        "Barents Desk has not connected to the SSH server {} before. Its key fingerprint is {}: check it with the server's administrator, then trust it to go on.", .0.host, .0.fingerprint
    )]
    UnknownHost(ssh::HostKey),
    #[error(
        "The SSH server {} answered with a different key (fingerprint {}) than the one on file. Someone may be intercepting the connection, or the server was reinstalled: Barents Desk will not connect. Ask the server's administrator.", .0.host, .0.fingerprint
    )]
    HostKeyChanged(ssh::HostKey),
    #[error("{}", .0)]
    Keychain(#[from] credentials::KeychainError),
    #[error("Cancelled.")]
    Cancelled,
    #[error(
        "Could not reach the site's server: {reason}. Your changes are kept on this computer and sent at the next sync."
    )]
    Network { reason: String },
    #[error(
        "This would delete {count} of the site's {total} files. Nothing was changed: if the site's folder was moved or emptied, restore it; if the deletion is intended, confirm it."
    )]
    MassDeletion { count: usize, total: usize },
    #[error("{path} already exists and is not empty. Choose an empty or new folder to clone into.")]
    DestinationNotEmpty { path: PathBuf },
    #[error(
        "{paths} changed outside Barents Desk and the change is not committed, and the server changed it too. Commit or discard that change, then sync again."
    )]
    WorkTreeConflict { paths: String },
}

impl PublishError {
    pub fn code(&self) -> &'static str {
        match self {
            PublishError::NotARepository { .. } => "not_a_repository",
            PublishError::Bare { .. } => "bare_repository",
            PublishError::NoCommits => "no_commits",
            PublishError::Detached => "detached_head",
            PublishError::DirtyFile { .. } => "dirty_file",
            PublishError::NoRemote => "no_remote",
            PublishError::PushRejected { .. } => "push_rejected",
            PublishError::PushFailed { .. } => "push_failed",
            PublishError::WriteFile { .. } => "write_file",
            PublishError::Git(_) => "git",
            PublishError::AuthRequired { .. } => "auth_required",
            PublishError::AuthFailed { .. } => "auth_failed",
            PublishError::SshAuthFailed { .. } => "ssh_auth_failed",
            PublishError::UnknownHost(_) => "unknown_host",
            PublishError::HostKeyChanged(_) => "host_key_changed",
            PublishError::Keychain(_) => "keychain",
            PublishError::Cancelled => "cancelled",
            PublishError::Network { .. } => "network",
            PublishError::MassDeletion { .. } => "mass_deletion",
            PublishError::DestinationNotEmpty { .. } => "destination_not_empty",
            PublishError::WorkTreeConflict { .. } => "work_tree_conflict",
        }
    }
}

impl From<git2::Error> for PublishError {
    fn from(e: git2::Error) -> Self {
        PublishError::Git(e.message().to_owned())
    }
}

/// A file of the published tree.
pub struct TreeFile {
    pub path: String,
    pub blob: Oid,
}

/// A site-relative file a publish may commit: an entry, or another file of the site such as
/// the events feed (`static/events.ics`). Checked part by part with the same rules as entry
/// paths, so no input can name a file outside the site, inside `.git`, or one Windows cannot
/// hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoPath(String);

impl RepoPath {
    pub fn new(path: &str) -> Result<Self, SiteError> {
        let unsafe_path = |reason: String| SiteError::UnsafePath {
            path: path.chars().take(200).collect(),
            reason,
        };
        if path.is_empty() || path.len() > 255 {
            return Err(unsafe_path("it is empty or longer than 255 bytes".into()));
        }
        if let Some(reason) = path.split('/').find_map(file_stem_error) {
            return Err(unsafe_path(reason));
        }
        Ok(RepoPath(path.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn to_fs_path(&self, root: &Path) -> PathBuf {
        self.0
            .split('/')
            .fold(root.to_path_buf(), |acc, part| acc.join(part))
    }
}

impl From<&EntryPath> for RepoPath {
    fn from(path: &EntryPath) -> Self {
        RepoPath(path.as_str().to_owned())
    }
}

impl std::fmt::Display for RepoPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a commit of several files made.
pub struct CommittedFiles {
    pub commit: Oid,
    /// The blob of each file, in the order given.
    pub blobs: Vec<Oid>,
    /// False when the tree already held exactly these bytes (nothing was committed).
    pub changed: bool,
}

/// What a commit made.
pub struct Committed {
    pub commit: Oid,
    pub blob: Oid,
    /// False when the tree already held exactly these bytes (nothing was committed).
    pub changed: bool,
}

pub struct SiteRepo {
    repo: Repository,
    root: PathBuf,
}

impl SiteRepo {
    /// Opens the work tree at `root` (the folder that holds `.git`).
    pub fn open(root: &Path) -> Result<Self, PublishError> {
        let repo = Repository::open(root).map_err(|e| match e.code() {
            ErrorCode::NotFound => PublishError::NotARepository {
                path: root.to_path_buf(),
            },
            _ => PublishError::from(e),
        })?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| PublishError::Bare {
                path: root.to_path_buf(),
            })?
            .to_path_buf();
        Ok(SiteRepo {
            repo,
            root: workdir,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The branch HEAD points at, e.g. `main`.
    pub fn branch(&self) -> Result<String, PublishError> {
        let head = self.repo.head().map_err(|e| match e.code() {
            ErrorCode::UnbornBranch | ErrorCode::NotFound => PublishError::NoCommits,
            _ => PublishError::from(e),
        })?;
        if !head.is_branch() {
            return Err(PublishError::Detached);
        }
        Ok(head.shorthand().unwrap_or("main").to_owned())
    }

    fn head_commit(&self) -> Result<git2::Commit<'_>, PublishError> {
        self.branch()?;
        Ok(self.repo.head()?.peel_to_commit()?)
    }

    /// The Markdown files of the published tree under `folder` (recursively).
    pub fn files_under(&self, folder: &str) -> Result<Vec<TreeFile>, PublishError> {
        let tree = self.head_commit()?.tree()?;
        let sub = match tree.get_path(Path::new(folder)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => {
                self.repo.find_tree(entry.id())?
            }
            _ => return Ok(Vec::new()),
        };
        let mut files = Vec::new();
        sub.walk(TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() == Some(ObjectType::Blob)
                && let Ok(name) = entry.name()
                && name.ends_with(".md")
            {
                files.push(TreeFile {
                    path: format!("{folder}/{dir}{name}"),
                    blob: entry.id(),
                });
            }
            TreeWalkResult::Ok
        })?;
        Ok(files)
    }

    /// The bytes and blob id of a file in the published tree, if it is there.
    pub fn file_at_head(&self, path: &EntryPath) -> Result<Option<(Vec<u8>, Oid)>, PublishError> {
        self.read_at_head(&RepoPath::from(path))
    }

    /// The bytes and blob id of any file of the published tree, if it is there.
    pub fn read_at_head(&self, path: &RepoPath) -> Result<Option<(Vec<u8>, Oid)>, PublishError> {
        let tree = self.head_commit()?.tree()?;
        match tree.get_path(Path::new(path.as_str())) {
            Ok(entry) => {
                let blob = self.repo.find_blob(entry.id())?;
                Ok(Some((blob.content().to_vec(), entry.id())))
            }
            Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub fn blob(&self, id: Oid) -> Result<Vec<u8>, PublishError> {
        Ok(self.repo.find_blob(id)?.content().to_vec())
    }

    /// Commits exactly `bytes` as `path` on the current branch — and nothing else of the work
    /// tree — after writing the same bytes to the work tree atomically.
    pub fn commit_file(
        &self,
        path: &EntryPath,
        bytes: &[u8],
        message: &str,
        author: &Identity,
    ) -> Result<Committed, PublishError> {
        let done = self.commit_files(&[(RepoPath::from(path), bytes)], message, author)?;
        Ok(Committed {
            commit: done.commit,
            blob: done.blobs.first().copied().unwrap_or(Oid::ZERO_SHA1),
            changed: done.changed,
        })
    }

    /// Commits exactly these files with these bytes as one commit on the current branch — and
    /// nothing else of the work tree — after writing the same bytes to the work tree
    /// atomically. Every file is checked for uncommitted outside changes before any is
    /// written.
    pub fn commit_files(
        &self,
        files: &[(RepoPath, &[u8])],
        message: &str,
        author: &Identity,
    ) -> Result<CommittedFiles, PublishError> {
        let changes: Vec<Change<'_>> = files
            .iter()
            .map(|(p, b)| Change::Write(p.clone(), b))
            .collect();
        self.commit_changes(&changes, message, author, &Target::Head)
    }

    /// Commits these writes and deletions as one commit. On [`Target::Head`] the work tree and
    /// the index follow (files written atomically, deleted files removed); on
    /// [`Target::Branch`] (a review branch) the commit is made on top of HEAD and only that
    /// branch moves: the work tree is not touched.
    pub fn commit_changes(
        &self,
        changes: &[Change<'_>],
        message: &str,
        author: &Identity,
        target: &Target,
    ) -> Result<CommittedFiles, PublishError> {
        let head = self.head_commit()?;
        let on_head = matches!(target, Target::Head | Target::Amend);
        let mut at_head = Vec::with_capacity(changes.len());
        for change in changes {
            let path = change.path();
            let current = self.read_at_head(path)?;
            if on_head {
                let empty: &[u8] = &[];
                self.refuse_uncommitted_change(
                    path,
                    &path.to_fs_path(&self.root),
                    current.as_ref().map(|(b, _)| b.as_slice()),
                    change.bytes().unwrap_or(empty),
                )?;
            }
            at_head.push(current.map(|(_, id)| id));
        }

        if on_head {
            self.write_work_tree(changes)?;
        }

        let blobs = changes
            .iter()
            .map(|c| match c {
                Change::Write(_, bytes) => self.repo.blob(bytes),
                Change::Delete(_) => Ok(Oid::ZERO_SHA1),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let unchanged = changes
            .iter()
            .zip(&blobs)
            .zip(&at_head)
            .all(|((c, blob), head)| match c {
                Change::Write(..) => Some(*blob) == *head,
                Change::Delete(_) => head.is_none(),
            });
        let parent = match target {
            Target::Branch(name) => match self.repo.refname_to_id(&format!("refs/heads/{name}")) {
                Ok(id) => self.repo.find_commit(id)?,
                Err(_) => head.clone(),
            },
            Target::Head | Target::Amend => head.clone(),
        };
        if unchanged && on_head {
            return Ok(CommittedFiles {
                commit: head.id(),
                blobs,
                changed: false,
            });
        }
        // Only the trees on the changed paths are rewritten; the rest of the site's tree is
        // shared with the parent as it is (no index of 10,000 entries built and hashed).
        let mut update = TreeUpdateBuilder::new();
        for (change, blob) in changes.iter().zip(&blobs) {
            match change {
                Change::Write(path, _) => update.upsert(path.as_str(), *blob, FileMode::Blob),
                Change::Delete(path) => update.remove(path.as_str()),
            };
        }
        let tree = self
            .repo
            .find_tree(update.create_updated(&self.repo, &parent.tree()?)?)?;
        if tree.id() == parent.tree_id() {
            return Ok(CommittedFiles {
                commit: parent.id(),
                blobs,
                changed: false,
            });
        }
        let signature = Signature::now(&author.name, &author.email)?;
        let commit = match target {
            Target::Amend => {
                // Replace the (unpushed) HEAD commit: same parents, the new tree.
                let parents: Vec<git2::Commit<'_>> = head.parents().collect();
                let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
                let id =
                    self.repo
                        .commit(None, &head.author(), &signature, message, &tree, &parents)?;
                self.repo.reference_matching(
                    &format!("refs/heads/{}", self.branch()?),
                    id,
                    true,
                    head.id(),
                    "publish: the same commit with the files that go with it",
                )?;
                id
            }
            _ => {
                let update = match target {
                    Target::Branch(name) => format!("refs/heads/{name}"),
                    _ => "HEAD".to_owned(),
                };
                self.repo.commit(
                    Some(&update),
                    &signature,
                    &signature,
                    message,
                    &tree,
                    &[&parent],
                )?
            }
        };

        if on_head {
            // Keep the user's index in step, so `git status` shows the work tree clean: the
            // blob ids are known, so nothing is read or hashed again.
            let staged: Vec<worktree::Staged<'_>> = changes
                .iter()
                .zip(&blobs)
                .map(|(c, blob)| worktree::Staged {
                    path: c.path().as_str(),
                    blob: c.bytes().map(|_| (*blob, 0o100644)),
                })
                .collect();
            worktree::stage(&self.repo, &self.root, &staged)?;
        }
        Ok(CommittedFiles {
            commit,
            blobs,
            changed: true,
        })
    }

    /// Writes and removes the changed files in the work tree, every write atomic and flushed
    /// (in one batch: see [`crate::fs_atomic::write_all_atomic`]).
    fn write_work_tree(&self, changes: &[Change<'_>]) -> Result<(), PublishError> {
        let mut writes = Vec::new();
        for change in changes {
            let path = change.path();
            let file = path.to_fs_path(&self.root);
            let write_err = |e: std::io::Error| PublishError::WriteFile {
                path: path.to_string(),
                reason: e.to_string(),
            };
            match change {
                Change::Write(_, bytes) => {
                    if let Some(parent) = file.parent() {
                        std::fs::create_dir_all(parent).map_err(write_err)?;
                    }
                    writes.push((file, *bytes));
                }
                Change::Delete(_) => match std::fs::remove_file(&file) {
                    Ok(()) => remove_empty_parents(&self.root, &file),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(write_err(e)),
                },
            }
        }
        crate::fs_atomic::write_all_atomic(&writes).map_err(|e| PublishError::WriteFile {
            path: changes
                .iter()
                .filter(|c| c.bytes().is_some())
                .map(|c| c.path().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            reason: e.to_string(),
        })
    }

    /// A file edited outside the app and not committed must not be overwritten silently.
    fn refuse_uncommitted_change(
        &self,
        path: &RepoPath,
        file: &Path,
        at_head: Option<&[u8]>,
        bytes: &[u8],
    ) -> Result<(), PublishError> {
        match std::fs::read(file) {
            Ok(on_disk) if Some(on_disk.as_slice()) != at_head && on_disk != bytes => {
                Err(PublishError::DirtyFile {
                    path: path.to_string(),
                })
            }
            _ => Ok(()),
        }
    }

    /// Pushes the current branch to `origin` (never forced).
    pub fn push(&self, access: &Access<'_>) -> Result<(), PublishError> {
        let branch = self.branch()?;
        push::push_branch(&self.repo, &branch, &branch, access)
    }

    /// Pushes a local branch (a review branch) to the branch of the same name on `origin`.
    pub fn push_branch(&self, branch: &str, access: &Access<'_>) -> Result<(), PublishError> {
        push::push_branch(&self.repo, branch, branch, access)
    }

    pub(crate) fn repo(&self) -> &Repository {
        &self.repo
    }

    /// Commits on this branch that `origin` does not have yet (as far as we last knew).
    pub fn waiting(&self) -> Result<u32, PublishError> {
        let head = self.head_commit()?.id();
        let tracking = format!("refs/remotes/origin/{}", self.branch()?);
        let count = match self.repo.refname_to_id(&tracking) {
            Ok(upstream) => self.repo.graph_ahead_behind(head, upstream)?.0,
            Err(_) => {
                let mut walk = self.repo.revwalk()?;
                walk.push(head)?;
                walk.count()
            }
        };
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    pub fn head_id(&self) -> Result<Oid, PublishError> {
        Ok(self.head_commit()?.id())
    }
}

/// One file of a commit: new bytes, or removed.
pub enum Change<'a> {
    Write(RepoPath, &'a [u8]),
    Delete(RepoPath),
}

impl Change<'_> {
    pub fn path(&self) -> &RepoPath {
        match self {
            Change::Write(p, _) | Change::Delete(p) => p,
        }
    }

    fn bytes(&self) -> Option<&[u8]> {
        match self {
            Change::Write(_, b) => Some(b),
            Change::Delete(_) => None,
        }
    }
}

/// Where a commit goes.
pub enum Target {
    /// The checked-out branch, with the work tree.
    Head,
    /// Another local branch (created from HEAD if new), without touching the work tree.
    Branch(String),
    /// Replace the HEAD commit (not pushed yet) by one with these changes added.
    Amend,
}

/// A deleted page bundle leaves no empty folder behind (never above the site's root).
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
