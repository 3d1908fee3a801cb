//! What changed in one folder of the published tree since a tree the caller remembers: the
//! folder's tree id now, and the Markdown files added, changed or deleted since then. Git
//! compares subtrees by id, so the cost follows the number of changes, not the site's size;
//! the site index uses it to re-read only what a publish or a sync changed.

use std::path::Path;

use git2::{Delta, DiffOptions, ObjectType, Oid};

use super::{PublishError, SiteRepo, TreeFile};

/// The Markdown files of a folder that differ between two of its trees.
pub struct FolderChanges {
    /// Added or changed files, with their new blob.
    pub changed: Vec<TreeFile>,
    /// Site-relative paths of deleted files.
    pub deleted: Vec<String>,
}

impl SiteRepo {
    /// The id of `folder`'s tree in the published tree, if the folder is there.
    pub fn folder_tree(&self, folder: &str) -> Result<Option<Oid>, PublishError> {
        let tree = self.head_commit()?.tree()?;
        Ok(match tree.get_path(Path::new(folder)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => Some(entry.id()),
            _ => None,
        })
    }

    /// The Markdown files of `folder` that differ between its trees `old` and `new` (`None`:
    /// the folder is absent). `Ok(None)` when `old` is no longer in the repository (the caller
    /// then reads the whole folder).
    pub fn folder_changes(
        &self,
        folder: &str,
        old: Option<Oid>,
        new: Option<Oid>,
    ) -> Result<Option<FolderChanges>, PublishError> {
        let tree = |id: Option<Oid>| match id {
            Some(id) => self.repo.find_tree(id).map(Some),
            None => Ok(None),
        };
        let Ok(old_tree) = tree(old) else {
            return Ok(None);
        };
        let new_tree = tree(new)?;
        let mut options = DiffOptions::new();
        options.skip_binary_check(true);
        let diff = self.repo.diff_tree_to_tree(
            old_tree.as_ref(),
            new_tree.as_ref(),
            Some(&mut options),
        )?;
        let mut changes = FolderChanges {
            changed: Vec::new(),
            deleted: Vec::new(),
        };
        let site_path = |p: &Path| -> Option<String> {
            let p = p.to_str()?;
            p.ends_with(".md").then(|| format!("{folder}/{p}"))
        };
        for delta in diff.deltas() {
            let old_path = delta.old_file().path().and_then(site_path);
            let new_path = delta.new_file().path().and_then(site_path);
            match delta.status() {
                Delta::Deleted => changes.deleted.extend(old_path),
                Delta::Added | Delta::Modified | Delta::Typechange => {
                    if let Some(path) = new_path {
                        changes.changed.push(TreeFile {
                            path,
                            blob: delta.new_file().id(),
                        });
                    }
                }
                Delta::Renamed => {
                    changes.deleted.extend(old_path);
                    if let Some(path) = new_path {
                        changes.changed.push(TreeFile {
                            path,
                            blob: delta.new_file().id(),
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(Some(changes))
    }
}
