//! The work tree and the index following a commit or a sync, path by path. Every file is
//! written atomically (temp file, fsync, rename, fsync the folder: `fs_atomic`), so a crash in
//! the middle of a sync leaves each file with its old bytes or its new ones, never empty or
//! half-written — libgit2's own checkout truncates and rewrites in place. Only the changed
//! paths are touched: no scan of the whole work tree, and the index is updated with the blob
//! ids already known (nothing re-read or re-hashed). A file changed outside the app is never
//! overwritten: the checkout stops before writing anything and names it.
//!
//! Symbolic links, executables and submodules (rare in a content repository) go through
//! libgit2's safe checkout instead, which knows how to make them on every platform.

use std::path::{Path, PathBuf};

use git2::build::CheckoutBuilder;
use git2::{
    CheckoutNotificationType, Delta, FileMode, IndexEntry, IndexTime, ObjectType, Oid, Repository,
    Tree,
};

use super::{PublishError, RepoPath};

/// One path of the index after a change: its blob and mode, or `None` for removed.
pub(crate) struct Staged<'a> {
    pub path: &'a str,
    pub blob: Option<(Oid, u32)>,
}

/// Records these paths in the index as they now are in the work tree (the stat data read from
/// each file just written, so `git status` sees them clean without hashing them), and writes it.
pub(crate) fn stage(
    repo: &Repository,
    root: &Path,
    staged: &[Staged<'_>],
) -> Result<(), PublishError> {
    if staged.is_empty() {
        return Ok(());
    }
    let mut index = repo.index()?;
    for s in staged {
        match s.blob {
            Some((id, mode)) => {
                let meta = std::fs::symlink_metadata(fs_path(root, s.path)).ok();
                index.add(&entry(s.path, id, mode, meta.as_ref()))?;
            }
            None => match index.remove_path(Path::new(s.path)) {
                Ok(()) => {}
                Err(e) if e.code() == git2::ErrorCode::NotFound => {}
                Err(e) => return Err(e.into()),
            },
        }
    }
    index.write()?;
    Ok(())
}

/// Takes the work tree and the index from tree `from` (what HEAD holds) to tree `to`,
/// changing only the paths that differ. Refuses, before changing anything, when one of those
/// files holds something that is in neither tree (edited outside the app).
pub(crate) fn checkout(
    repo: &Repository,
    root: &Path,
    from: &Tree<'_>,
    to: &Tree<'_>,
) -> Result<(), PublishError> {
    let diff = repo.diff_tree_to_tree(Some(from), Some(to), None)?;
    let index = repo.index()?;
    let mut writes: Vec<(String, Oid)> = Vec::new();
    let mut deletes: Vec<String> = Vec::new();
    let mut special: Vec<String> = Vec::new();
    let mut dirty: Vec<String> = Vec::new();
    for delta in diff.deltas() {
        let (old, new) = (delta.old_file(), delta.new_file());
        let Some(path) = new.path().or(old.path()) else {
            continue;
        };
        let path = path.to_string_lossy().replace('\\', "/");
        let plain = |m: FileMode| matches!(m, FileMode::Blob | FileMode::Unreadable);
        let removed = delta.status() == Delta::Deleted;
        if !plain(old.mode()) && old.exists() || !removed && !plain(new.mode()) {
            special.push(path);
            continue;
        }
        let old_id = old.exists().then(|| old.id());
        let new_id = (!removed).then(|| new.id());
        if !untouched(&index, root, &path, old_id, new_id)? {
            dirty.push(path);
            continue;
        }
        match new_id {
            Some(id) => writes.push((path, id)),
            None => deletes.push(path),
        }
    }
    if !dirty.is_empty() {
        return Err(PublishError::WorkTreeConflict {
            paths: dirty.join(", "),
        });
    }
    drop(index);
    if !special.is_empty() {
        checkout_special(repo, to, &special)?;
    }

    let write_err = |path: &str, e: std::io::Error| PublishError::WriteFile {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    for path in &deletes {
        let file = fs_path(root, path);
        match std::fs::remove_file(&file) {
            Ok(()) => super::remove_empty_parents(root, &file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(write_err(path, e)),
        }
    }
    let blobs = writes
        .iter()
        .map(|(_, id)| repo.find_blob(*id))
        .collect::<Result<Vec<_>, _>>()?;
    // A sync killed mid-write leaves temp files behind; the next one clears them.
    let mut dirs: Vec<PathBuf> = writes
        .iter()
        .map(|(p, _)| p.as_str())
        .chain(deletes.iter().map(String::as_str))
        .filter_map(|p| fs_path(root, p).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        if let Err(e) = crate::fs_atomic::remove_stale_temps(dir) {
            tracing::warn!("could not clear old temp files in {}: {e}", dir.display());
        }
    }
    let mut files = Vec::with_capacity(writes.len());
    for ((path, _), blob) in writes.iter().zip(&blobs) {
        let file = fs_path(root, path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_err(path, e))?;
        }
        files.push((file, blob.content()));
    }
    crate::fs_atomic::write_all_atomic(&files).map_err(|e| {
        write_err(
            &writes
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            e,
        )
    })?;
    let staged: Vec<Staged<'_>> = writes
        .iter()
        .map(|(path, id)| Staged {
            path,
            blob: Some((*id, u32::from(FileMode::Blob))),
        })
        .chain(deletes.iter().map(|path| Staged { path, blob: None }))
        .collect();
    stage(repo, root, &staged)
}

/// True when the work-tree file at `path` holds nothing of the user's that a checkout would
/// lose: it is missing, or holds the old or the new blob. The index's stat data answers
/// without reading the file when it says the file is the old blob, unchanged since.
fn untouched(
    index: &git2::Index,
    root: &Path,
    path: &str,
    old: Option<Oid>,
    new: Option<Oid>,
) -> Result<bool, PublishError> {
    let file = fs_path(root, path);
    let meta = match std::fs::symlink_metadata(&file) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => {
            return Err(PublishError::WriteFile {
                path: path.to_owned(),
                reason: e.to_string(),
            });
        }
    };
    if !meta.is_file() {
        // A folder or a link where a file is: not ours to replace.
        return Ok(false);
    }
    if let Some(e) = index.get_path(Path::new(path), 0)
        && Some(e.id) == old
        && same_stat(&e, &meta)
    {
        return Ok(true);
    }
    let bytes = std::fs::read(&file).map_err(|e| PublishError::WriteFile {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    let id = Oid::hash_object(ObjectType::Blob, &bytes)?;
    Ok(Some(id) == old || Some(id) == new)
}

/// Links, executables and submodules: libgit2's safe checkout, for these paths only.
fn checkout_special(
    repo: &Repository,
    to: &Tree<'_>,
    paths: &[String],
) -> Result<(), PublishError> {
    let conflicts = std::cell::RefCell::new(Vec::<String>::new());
    let mut builder = CheckoutBuilder::new();
    builder
        .safe()
        .recreate_missing(true)
        .update_index(true)
        .notify_on(CheckoutNotificationType::CONFLICT)
        .notify(|_, path, _, _, _| {
            if let Some(p) = path {
                conflicts
                    .borrow_mut()
                    .push(p.to_string_lossy().replace('\\', "/"));
            }
            true
        });
    for p in paths {
        builder.path(p);
    }
    let result = repo.checkout_tree(to.as_object(), Some(&mut builder));
    drop(builder);
    result.map_err(|e| {
        let paths = conflicts.into_inner();
        if paths.is_empty() {
            PublishError::from(e)
        } else {
            PublishError::WorkTreeConflict {
                paths: paths.join(", "),
            }
        }
    })
}

fn fs_path(root: &Path, path: &str) -> PathBuf {
    RepoPath(path.to_owned()).to_fs_path(root)
}

/// An index entry for `path` holding `id`, with the file's stat data when it is known.
fn entry(path: &str, id: Oid, mode: u32, meta: Option<&std::fs::Metadata>) -> IndexEntry {
    let s = meta.map(stat).unwrap_or_default();
    IndexEntry {
        ctime: IndexTime::new(s.ctime.0, s.ctime.1),
        mtime: IndexTime::new(s.mtime.0, s.mtime.1),
        dev: s.dev,
        ino: s.ino,
        mode,
        uid: s.uid,
        gid: s.gid,
        file_size: meta.map_or(0, |m| u32::try_from(m.len()).unwrap_or(u32::MAX)),
        id,
        flags: path.len().min(0xfff) as u16,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

fn same_stat(e: &IndexEntry, meta: &std::fs::Metadata) -> bool {
    let s = stat(meta);
    u64::from(e.file_size) == meta.len()
        && e.mtime.seconds() == s.mtime.0
        && e.mtime.nanoseconds() == s.mtime.1
        && (s.ino == 0 || e.ino == s.ino)
}

#[derive(Default)]
struct Stat {
    ctime: (i32, u32),
    mtime: (i32, u32),
    dev: u32,
    ino: u32,
    uid: u32,
    gid: u32,
}

/// The stat fields git keeps in its index (truncated to 32 bits, as git does).
#[cfg(unix)]
fn stat(meta: &std::fs::Metadata) -> Stat {
    use std::os::unix::fs::MetadataExt;
    Stat {
        ctime: (meta.ctime() as i32, meta.ctime_nsec() as u32),
        mtime: (meta.mtime() as i32, meta.mtime_nsec() as u32),
        dev: meta.dev() as u32,
        ino: meta.ino() as u32,
        uid: meta.uid(),
        gid: meta.gid(),
    }
}

/// Windows (and others): the times only; git for Windows fills no more.
#[cfg(not(unix))]
fn stat(meta: &std::fs::Metadata) -> Stat {
    let time = |t: std::io::Result<std::time::SystemTime>| {
        t.ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((0, 0), |d| (d.as_secs() as i32, d.subsec_nanos()))
    };
    let mtime = time(meta.modified());
    Stat {
        ctime: mtime,
        mtime,
        ..Stat::default()
    }
}
