//! When files last changed on the site's branch: a translation older than its original is
//! shown as "needs updating". One walk of the history answers for many paths at once: each
//! commit is compared with its first parent by git's tree diff, which skips every folder
//! whose tree id did not change, so a commit costs what it changed, not the site's size.

use std::collections::{HashMap, HashSet};

use git2::{Delta, DiffOptions, Sort};

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
        let mut options = DiffOptions::new();
        options.skip_binary_check(true);
        for (age, id) in walk.take(limit).enumerate() {
            let commit = self.repo.find_commit(id?)?;
            let tree = commit.tree()?;
            let parent = commit.parent(0).ok().map(|p| p.tree()).transpose()?;
            let diff =
                self.repo
                    .diff_tree_to_tree(parent.as_ref(), Some(&tree), Some(&mut options))?;
            for delta in diff.deltas() {
                if !matches!(
                    delta.status(),
                    Delta::Added | Delta::Modified | Delta::Typechange
                ) {
                    continue;
                }
                let Some(path) = delta.new_file().path().and_then(|p| p.to_str()) else {
                    continue;
                };
                // Tree paths use '/' on every platform.
                if paths.contains(path) && !found.contains_key(path) {
                    found.insert(path.to_owned(), age);
                }
            }
            if found.len() == paths.len() {
                break;
            }
        }
        Ok(found)
    }
}
