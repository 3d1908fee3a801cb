//! When files last changed on the site's branch: a translation older than its original is
//! shown as "needs updating". One walk of the history answers for many paths at once: each
//! commit's tree is compared with its first parent's, descending only into folders that hold
//! an asked path and whose tree id changed, so a commit costs the folders it touched, not the
//! site's size (git's own tree diff walked every entry of a changed 8,000-file folder).

use std::collections::{HashMap, HashSet};

use git2::{ObjectType, Oid, Repository, Sort, Tree};

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
        let asked = Asked::new(paths);
        let mut walk = self.repo.revwalk()?;
        walk.push(self.head_commit()?.id())?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        walk.simplify_first_parent()?;
        for (age, id) in walk.take(limit).enumerate() {
            let commit = self.repo.find_commit(id?)?;
            let tree = commit.tree()?;
            let parent = commit.parent(0).ok().map(|p| p.tree()).transpose()?;
            let mut visit = Visit {
                repo: &self.repo,
                asked: &asked,
                age,
                found: &mut found,
            };
            visit.folder(parent.as_ref(), &tree, "")?;
            if found.len() == paths.len() {
                break;
            }
        }
        Ok(found)
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
                        Some((id, Some(ObjectType::Tree))) => Some(self.repo.find_tree(id)?),
                        _ => None,
                    };
                    let new_sub = self.repo.find_tree(entry.id())?;
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
    fn commit(repo: &Repository, files: &[(&str, &str)]) {
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
            .unwrap();
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
        commit(&repo, &[("content/articles/a/index.md", "a2")]);
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
    }
}
