//! When files last changed on the site's branch: a translation older than its original is
//! shown as "needs updating". One walk of the history answers for many paths at once.

use std::collections::{HashMap, HashSet};

use git2::{Sort, Tree};

use super::{PublishError, SiteRepo};

impl SiteRepo {
    /// How many commits back (0 = the branch's last commit) each of `paths` last changed on
    /// the current branch, looking at most `limit` commits back; paths not found are left
    /// out. Counting commits rather than comparing their clocks keeps the answer right when
    /// editors' clocks disagree or two commits fall in the same second.
    pub fn commits_since_change(
        &self,
        paths: &HashSet<String>,
        limit: usize,
    ) -> Result<HashMap<String, usize>, PublishError> {
        let mut found = HashMap::new();
        if paths.is_empty() {
            return Ok(found);
        }
        let mut walk = self.repo.revwalk()?;
        walk.push(self.head_commit()?.id())?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        walk.simplify_first_parent()?;
        for (age, id) in walk.take(limit).enumerate() {
            let commit = self.repo.find_commit(id?)?;
            let tree = commit.tree()?;
            let parent = commit.parent(0).ok().map(|p| p.tree()).transpose()?;
            for path in paths {
                if found.contains_key(path) {
                    continue;
                }
                let here = entry_id(&tree, path);
                if here.is_some() && here != parent.as_ref().and_then(|p| entry_id(p, path)) {
                    found.insert(path.clone(), age);
                }
            }
            if found.len() == paths.len() {
                break;
            }
        }
        Ok(found)
    }
}

fn entry_id(tree: &Tree<'_>, path: &str) -> Option<git2::Oid> {
    tree.get_path(std::path::Path::new(path))
        .ok()
        .map(|e| e.id())
}
