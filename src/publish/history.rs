//! When files last changed on the site's branch: a translation older than its original is
//! shown as "needs updating". One walk of the history answers for many paths at once: each
//! commit's tree is compared with its first parent's, descending only into folders that hold
//! an asked path and whose tree id changed, so a commit costs the folders it touched, not the
//! site's size (git's own tree diff walked every entry of a changed 8,000-file folder).

use std::collections::{HashMap, HashSet};

use git2::{ObjectType, Oid, Repository, Sort, Tree};

use super::{PublishError, SiteRepo};

/// Commits back from HEAD to each path's last change, by path.
pub type Ages = HashMap<String, usize>;

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
        Ok(self.walk_changes(paths, limit, None)?.0)
    }

    /// [`SiteRepo::commits_since_change`] over the commits made after `since` only: how many
    /// commits back `since` is, and the asked paths changed after it. None when `since` is
    /// not among the branch's last `limit` commits (the history was rewritten): then ask
    /// again from the start.
    pub fn changes_since(
        &self,
        paths: &HashSet<String>,
        since: Oid,
        limit: usize,
    ) -> Result<Option<(usize, Ages)>, PublishError> {
        let (found, stopped) = self.walk_changes(paths, limit, Some(since))?;
        Ok(stopped.map(|k| (k, found)))
    }

    /// Walks the first-parent history from HEAD, at most `limit` commits, until every path
    /// is found or the commit `stop` is reached (returned with its distance from HEAD).
    fn walk_changes(
        &self,
        paths: &HashSet<String>,
        limit: usize,
        stop: Option<Oid>,
    ) -> Result<(Ages, Option<usize>), PublishError> {
        let mut found = HashMap::new();
        let asked = Asked::new(paths);
        let mut walk = self.repo.revwalk()?;
        walk.push(self.head_commit()?.id())?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        walk.simplify_first_parent()?;
        let mut trees = TreeCache::default();
        for (age, id) in walk.take(limit).enumerate() {
            let id = id?;
            if Some(id) == stop {
                return Ok((found, Some(age)));
            }
            if found.len() == paths.len() {
                // Nothing left to find; the distance to `stop` no longer matters.
                if stop.is_some() {
                    return Ok((found, Some(age)));
                }
                break;
            }
            let commit = self.repo.find_commit(id)?;
            let tree = trees.get(&self.repo, commit.tree_id())?;
            let parent = match commit.parent_ids().next() {
                Some(p) => Some(trees.get(&self.repo, self.repo.find_commit(p)?.tree_id())?),
                None => None,
            };
            let mut visit = Visit {
                repo: &self.repo,
                asked: &asked,
                age,
                found: &mut found,
                trees: &mut trees,
            };
            visit.folder(parent.as_ref(), &tree, "")?;
            trees.next_commit();
        }
        Ok((found, None))
    }
}

/// The trees read for the last two commits: walking back, a commit's parent tree is the next
/// commit's tree, and a folder of 8,000 entries is worth reading once, not twice.
#[derive(Default)]
struct TreeCache<'r> {
    previous: HashMap<Oid, Tree<'r>>,
    current: HashMap<Oid, Tree<'r>>,
}

impl<'r> TreeCache<'r> {
    fn get(&mut self, repo: &'r Repository, id: Oid) -> Result<Tree<'r>, PublishError> {
        let tree = match self.current.get(&id).or_else(|| self.previous.get(&id)) {
            Some(tree) => tree.clone(),
            None => repo.find_tree(id)?,
        };
        self.current.insert(id, tree.clone());
        Ok(tree)
    }

    fn next_commit(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

/// The asked paths by folder ('/'-separated, "" for the top), and every folder above them.
struct Asked<'a> {
    files: HashMap<&'a str, HashMap<&'a str, &'a str>>,
    folders: HashSet<&'a str>,
}

impl<'a> Asked<'a> {
    fn new(paths: &'a HashSet<String>) -> Self {
        let mut files: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
        let mut folders = HashSet::new();
        for path in paths {
            let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
            files.entry(folder).or_default().insert(name, path);
            let mut above = folder;
            loop {
                folders.insert(above);
                match above.rsplit_once('/') {
                    Some((up, _)) => above = up,
                    None if above.is_empty() => break,
                    None => above = "",
                }
            }
        }
        Asked { files, folders }
    }
}

/// One commit's comparison with its parent.
struct Visit<'r, 'a, 'f> {
    repo: &'r Repository,
    asked: &'f Asked<'a>,
    age: usize,
    found: &'f mut HashMap<String, usize>,
    trees: &'f mut TreeCache<'r>,
}

impl Visit<'_, '_, '_> {
    /// Records the asked files of `folder` that `new` has and `old` has not at that blob, and
    /// descends into the subfolders that changed and hold asked paths.
    fn folder(&mut self, old: Option<&Tree>, new: &Tree, folder: &str) -> Result<(), PublishError> {
        if old.is_some_and(|o| o.id() == new.id()) {
            return Ok(());
        }
        let files = self.asked.files.get(folder);
        for (entry, old_entry) in changed_entries(old, new) {
            let Ok(name) = entry.name() else { continue };
            match entry.kind() {
                Some(ObjectType::Blob) => {
                    if let Some(path) = files.and_then(|f| f.get(name))
                        && !self.found.contains_key(*path)
                    {
                        self.found.insert((*path).to_owned(), self.age);
                    }
                }
                Some(ObjectType::Tree) => {
                    let sub = if folder.is_empty() {
                        name.to_owned()
                    } else {
                        format!("{folder}/{name}")
                    };
                    if !self.asked.folders.contains(sub.as_str()) {
                        continue;
                    }
                    let old_sub = match old_entry {
                        Some((id, Some(ObjectType::Tree))) => Some(self.trees.get(self.repo, id)?),
                        _ => None,
                    };
                    let new_sub = self.trees.get(self.repo, entry.id())?;
                    self.folder(old_sub.as_ref(), &new_sub, &sub)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The entries of `new` that `old` lacks or holds at another id, each with the old entry's
/// id and kind: one merge of the two sorted entry lists, no lookups and no allocation per
/// unchanged entry.
fn changed_entries<'t>(
    old: Option<&'t Tree>,
    new: &'t Tree,
) -> Vec<(git2::TreeEntry<'t>, Option<OldEntry>)> {
    let mut out = Vec::new();
    let mut before = old.map(|o| o.iter()).into_iter().flatten().peekable();
    for entry in new.iter() {
        let mut matched = None;
        while let Some(prev) = before.peek() {
            match git_order(prev).cmp(git_order(&entry)) {
                std::cmp::Ordering::Less => {
                    before.next();
                }
                std::cmp::Ordering::Equal => {
                    matched = Some((prev.id(), prev.kind()));
                    before.next();
                    break;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        match matched {
            Some((id, _)) if id == entry.id() => {}
            // Same name, other kind (a file became a folder): sorted apart, so look it up.
            None if old.is_some_and(|o| o.get_name_bytes(entry.name_bytes()).is_some()) => {
                let prev = old.and_then(|o| o.get_name_bytes(entry.name_bytes()));
                let prev = prev.map(|p| (p.id(), p.kind()));
                if prev.map(|(id, _)| id) != Some(entry.id()) {
                    out.push((entry, prev));
                }
            }
            other => out.push((entry, other)),
        }
    }
    out
}

/// An entry's id and kind in the parent's tree.
type OldEntry = (Oid, Option<ObjectType>);

/// Git's order of tree entries: by name, a folder's name read as if it ended in '/'.
fn git_order<'e>(entry: &'e git2::TreeEntry<'_>) -> impl Iterator<Item = u8> + 'e {
    let slash = (entry.kind() == Some(ObjectType::Tree)).then_some(b'/');
    entry.name_bytes().iter().copied().chain(slash)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use git2::{Repository, Signature};

    use super::*;

    /// Commits `files` (path, text) on top of HEAD, writing them into the work tree.
    fn commit(repo: &Repository, files: &[(&str, &str)]) -> git2::Oid {
        let root = repo.workdir().unwrap().to_path_buf();
        let mut index = repo.index().unwrap();
        for (path, text) in files {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, text).unwrap();
            index.add_path(Path::new(path)).unwrap();
        }
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let who = Signature::now("T", "t@example.org").unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<_> = parent.iter().collect();
        repo.commit(Some("HEAD"), &who, &who, "c", &tree, &parents)
            .unwrap()
    }

    #[test]
    fn ages_count_commits_back_to_each_paths_last_change_in_nested_folders() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        commit(
            &repo,
            &[
                ("content/articles/a/index.md", "a1"),
                ("content/articles/a/index.ru.md", "a-ru1"),
                ("content/articles/b.md", "b1"),
                ("static/x.txt", "x1"),
            ],
        );
        let a2 = commit(&repo, &[("content/articles/a/index.md", "a2")]);
        commit(&repo, &[("static/x.txt", "x2")]);
        commit(&repo, &[("content/articles/b.md", "b2")]);
        // Age 0 = HEAD (b2); 1 = x2; 2 = a2; 3 = the first commit.
        let site = SiteRepo::open(dir.path()).unwrap();
        let asked: HashSet<String> = [
            "content/articles/a/index.md",
            "content/articles/a/index.ru.md",
            "content/articles/b.md",
            "content/articles/missing.md",
        ]
        .map(String::from)
        .into();
        let ages = site.commits_since_change(&asked, 100).unwrap();
        assert_eq!(ages.get("content/articles/b.md"), Some(&0));
        assert_eq!(ages.get("content/articles/a/index.md"), Some(&2));
        assert_eq!(ages.get("content/articles/a/index.ru.md"), Some(&3));
        assert_eq!(ages.get("content/articles/missing.md"), None);
        // The limit stops the walk: the first commit is not reached.
        let near = site.commits_since_change(&asked, 3).unwrap();
        assert_eq!(near.get("content/articles/a/index.ru.md"), None);
        assert_eq!(near.get("content/articles/a/index.md"), Some(&2));

        // Since the commit a2: two commits later, and only b.md changed after it.
        let (k, changed) = site.changes_since(&asked, a2, 100).unwrap().unwrap();
        assert_eq!(k, 2);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed.get("content/articles/b.md"), Some(&0));
        // A commit that is not in the branch's history: ask again from the start.
        let elsewhere = git2::Oid::from_str("1234567890123456789012345678901234567890").unwrap();
        assert!(
            site.changes_since(&asked, elsewhere, 100)
                .unwrap()
                .is_none()
        );
    }
}
