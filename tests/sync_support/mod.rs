//! Helpers for the sync tests: editors with their own clone and data folder (each a real
//! `Desk` over a real SQLite store), sharing one bare origin; the git CLI as witness.

#![allow(dead_code)]

#[path = "../common/mod.rs"]
mod common;
pub mod http;
pub mod scenario;

pub use common::{git, path_key};

use std::path::{Path, PathBuf};
use std::process::Command;

use desk::api::types::{DraftInput, EntryKey, Identity, PublishOutcome};
use desk::api::{Connections, Desk};
use desk::markdown::DocNode;
use desk::publish::credentials::SessionStore;

pub const ARTICLE: &str = "content/articles/youth-forum-lulea.md";
pub const OTHER_ARTICLE: &str = "content/articles/sami-film-week-inari.md";

/// A shared origin made from the demo site.
pub struct Origin {
    pub dir: tempfile::TempDir,
}

impl Origin {
    pub fn demo() -> Self {
        let dir = tempfile::tempdir().unwrap();
        desk::demo::create(&dir.path().join("demo")).unwrap();
        Origin { dir }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("demo/origin.git")
    }
}

pub struct Editor {
    pub dir: tempfile::TempDir,
    pub desk: Desk,
    pub name: String,
}

impl Editor {
    /// Clones `url` with the git CLI into a new folder and opens it in a new data folder.
    pub fn clone(url: &str, name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        git(dir.path(), &["clone", "-q", url, site.to_str().unwrap()]);
        Self::open(
            dir,
            name,
            Connections {
                credentials: Box::new(SessionStore::default()),
                ssh_dir: None,
            },
        )
    }

    pub fn open(dir: tempfile::TempDir, name: &str, connections: Connections) -> Self {
        let desk = Desk::open_with(&dir.path().join("data"), connections).unwrap();
        desk.open_site(&dir.path().join("site")).unwrap();
        desk.set_identity(&Identity {
            name: name.into(),
            email: format!("{}@barents.example", name.to_lowercase()),
        })
        .unwrap();
        Editor {
            dir,
            desk,
            name: name.into(),
        }
    }

    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Saves a draft of `path` with its `n`th top-level paragraph replaced by `text`.
    pub fn edit_paragraph(&self, path: &str, n: usize, text: &str) -> EntryKey {
        let opened = self.desk.open_entry(&path_key(path)).unwrap();
        let mut body = opened.body.clone();
        let para = body
            .content
            .as_mut()
            .unwrap()
            .iter_mut()
            .filter(|b| b.node_type == "paragraph")
            .nth(n)
            .expect("the paragraph exists");
        *para = paragraph(text);
        self.desk
            .save_draft(&DraftInput {
                key: opened.key,
                collection: opened.collection,
                title: opened.title,
                fields: Default::default(),
                body,
            })
            .unwrap()
            .key
    }

    pub fn publish_paragraph(&self, path: &str, n: usize, text: &str) -> PublishOutcome {
        let key = self.edit_paragraph(path, n, text);
        self.desk.publish(&key).unwrap()
    }
}

pub fn paragraph(text: &str) -> DocNode {
    DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])])
}

/// The repository is whole, clean, and not in the middle of anything.
pub fn assert_sound(work_tree: &Path) {
    git(work_tree, &["fsck", "--strict", "--no-progress"]);
    assert_eq!(
        git(work_tree, &["status", "--porcelain"]),
        "",
        "work tree clean"
    );
    let git_dir = work_tree.join(".git");
    for state in [
        "rebase-merge",
        "rebase-apply",
        "MERGE_HEAD",
        "CHERRY_PICK_HEAD",
    ] {
        assert!(!git_dir.join(state).exists(), "left in {state}");
    }
    let markers = Command::new("git")
        .arg("-C")
        .arg(work_tree)
        .args(["grep", "-n", "-E", "^(<<<<<<<|>>>>>>>) "])
        .output()
        .unwrap();
    assert!(
        markers.stdout.is_empty(),
        "conflict markers: {}",
        String::from_utf8_lossy(&markers.stdout)
    );
}
