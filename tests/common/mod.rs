//! Helpers shared by the core's integration tests: a fresh data folder with the demo site,
//! and the git CLI as an independent witness of what reached the bare origin.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use desk::api::Desk;
use desk::api::types::{EntryKey, Identity};

pub struct World {
    pub _dir: tempfile::TempDir,
    pub data: PathBuf,
    pub desk: Desk,
}

impl World {
    /// A new data folder; the app's startup creates and opens the demo site in it.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let desk = Desk::open(&data).unwrap();
        desk.startup().unwrap();
        World {
            _dir: dir,
            data,
            desk,
        }
    }

    pub fn reopen(&mut self) {
        self.desk = Desk::open(&self.data).unwrap();
        self.desk.startup().unwrap();
    }

    pub fn site(&self) -> PathBuf {
        self.data.join("demo/site")
    }

    pub fn origin(&self) -> PathBuf {
        self.data.join("demo/origin.git")
    }

    pub fn identify(&self) {
        self.desk
            .set_identity(&Identity {
                name: "Åsa Nilsson".into(),
                email: "asa@barents.example".into(),
            })
            .unwrap();
    }
}

pub fn path_key(path: &str) -> EntryKey {
    EntryKey {
        draft_id: None,
        path: Some(path.into()),
    }
}

/// Runs git and returns its stdout; panics with stderr on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
