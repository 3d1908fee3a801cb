//! The embedded demo site: on first start the app makes, in its data directory, a git
//! repository of `assets/demo-site` with a local bare repository as its `origin`, so that
//! publishing works with no account and no network.

use std::path::{Path, PathBuf};

use git2::{IndexAddOption, Repository, RepositoryInitOptions, Signature, Time};

use crate::publish::PublishError;
use crate::{Error, Result};

include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

/// Where a demo site lives: its work tree and its bare origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSite {
    pub site: PathBuf,
    pub origin: PathBuf,
}

impl DemoSite {
    pub fn in_dir(dir: &Path) -> Self {
        DemoSite {
            site: dir.join("site"),
            origin: dir.join("origin.git"),
        }
    }
}

/// Creates the demo site in `dir` (`dir/site` and `dir/origin.git`), or returns the existing
/// one untouched: the demo is made once and then belongs to the user.
pub fn create(dir: &Path) -> Result<DemoSite> {
    let demo = DemoSite::in_dir(dir);
    if demo.site.join(".git").exists() {
        return Ok(demo);
    }
    if demo.site.exists() || demo.origin.exists() {
        return Err(Error::Validation(format!(
            "{} holds an unfinished demo site. Delete that folder and start again.",
            dir.display()
        )));
    }
    // Build in a temporary folder and rename at the end, so a crash never leaves half a demo.
    let staging = dir.join(".demo-staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| Error::io("clear", &staging, e))?;
    }
    let staged = DemoSite::in_dir(&staging);
    build(&staged)?;
    // The origin URL names the final path; set it before moving.
    Repository::open(&staged.site)
        .and_then(|r| r.remote_set_url("origin", &path_url(&demo.origin)))
        .map_err(PublishError::from)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    std::fs::rename(&staged.origin, &demo.origin)
        .map_err(|e| Error::io("move", &demo.origin, e))?;
    std::fs::rename(&staged.site, &demo.site).map_err(|e| Error::io("move", &demo.site, e))?;
    let _ = std::fs::remove_dir_all(&staging);
    Ok(demo)
}

fn build(demo: &DemoSite) -> Result<()> {
    for (rel, bytes) in DEMO_FILES {
        let path = rel
            .split('/')
            .fold(demo.site.clone(), |p, part| p.join(part));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))?;
    }
    let git = |e: git2::Error| Error::from(PublishError::from(e));
    let mut init = RepositoryInitOptions::new();
    init.initial_head("main");
    let repo = Repository::init_opts(&demo.site, &init).map_err(git)?;
    let mut index = repo.index().map_err(git)?;
    index
        .add_all(["*"], IndexAddOption::DEFAULT, None)
        .map_err(git)?;
    index.write().map_err(git)?;
    let tree = repo
        .find_tree(index.write_tree().map_err(git)?)
        .map_err(git)?;
    // A fixed author and time: every demo starts from the same commit id.
    let author = Signature::new(
        "Barents Desk",
        "demo@barents-desk.invalid",
        &Time::new(1_785_000_000, 0),
    )
    .map_err(git)?;
    repo.commit(Some("HEAD"), &author, &author, "Demo site", &tree, &[])
        .map_err(git)?;

    let mut bare = RepositoryInitOptions::new();
    bare.bare(true).initial_head("main");
    Repository::init_opts(&demo.origin, &bare).map_err(git)?;
    repo.remote("origin", &path_url(&demo.origin))
        .map_err(git)?;
    crate::publish::SiteRepo::open(&demo.site)?.push(&crate::publish::Access::local())?;
    let mut main = repo
        .find_branch("main", git2::BranchType::Local)
        .map_err(git)?;
    main.set_upstream(Some("origin/main")).map_err(git)?;
    Ok(())
}

/// A local path as a git remote URL (libgit2 takes plain paths on every OS).
fn path_url(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
