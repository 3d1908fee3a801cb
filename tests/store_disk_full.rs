//! A real full disk and a real read-only file system under the store: the data folder sits
//! on a 4 MiB tmpfs that the test mounts in a private mount namespace of its own (root:
//! `unshare -m`; otherwise a user namespace, `unshare -rm`), so nothing leaks to the machine.
//!
//! The outer test re-runs this binary's inner test inside that namespace; the inner test is
//! `#[ignore]`d so that it never runs (or passes) outside it. On a machine that allows
//! neither kind of namespace the outer test fails and says why.

#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{World, path_key};
use desk::api::Desk;
use desk::api::types::{DraftInput, EntryKey};
use desk::markdown::DocNode;

const ARTICLE: &str = "content/articles/winter-crossing-kirkenes.md";
const MOUNT_ENV: &str = "DESK_TEST_SMALL_FS";

#[test]
fn a_full_disk_and_a_read_only_file_system_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mount_point = dir.path().join("small-fs");
    std::fs::create_dir(&mount_point).unwrap();
    let me = std::env::current_exe().unwrap();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut tried = Vec::new();
    let namespaces: &[&[&str]] = if is_root {
        &[&["-m"], &["-rm"]]
    } else {
        &[&["-rm"]]
    };
    for flags in namespaces {
        let out = Command::new("unshare")
            .args(*flags)
            .arg(&me)
            .args([
                "inner_full_disk_and_read_only",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(MOUNT_ENV, &mount_point)
            .output();
        match out {
            Ok(out) => {
                let stdout = String::from_utf8_lossy(&out.stdout);
                let stderr = String::from_utf8_lossy(&out.stderr);
                if out.status.success() && stdout.contains("1 passed") {
                    eprintln!("{stderr}");
                    return;
                }
                if stderr.contains("could not mount") || stderr.contains("unshare:") {
                    tried.push(format!("unshare {}: {}", flags.join(" "), stderr.trim()));
                    continue;
                }
                panic!("the inner test failed:\n{stdout}\n{stderr}");
            }
            Err(e) => tried.push(format!("unshare {}: {e}", flags.join(" "))),
        }
    }
    panic!(
        "this test needs a private mount namespace to mount a small tmpfs (root, or user namespaces enabled: sysctl kernel.unprivileged_userns_clone=1); tried:\n{}",
        tried.join("\n")
    );
}

fn run(program: &str, args: &[&str], dir: &Path) {
    let out = Command::new(program).args(args).arg(dir).output().unwrap();
    if !out.status.success() {
        panic!(
            "could not mount: {program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn body(text: &str) -> DocNode {
    DocNode::new("doc").with_content(vec![
        DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])]),
    ])
}

fn first_text(doc: &DocNode) -> String {
    serde_json::to_value(doc).unwrap()["content"][0]["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn save(desk: &Desk, key: &EntryKey, text: &str) -> desk::Result<EntryKey> {
    let entry = desk.open_entry(key)?;
    desk.save_draft(&DraftInput {
        key: entry.key.clone(),
        collection: entry.collection.clone(),
        title: entry.title.clone(),
        fields: Default::default(),
        body: body(text),
    })
    .map(|ack| ack.key)
}

/// A store opened afresh on the small file system, with the same site open.
fn reopened(data: &Path, site: &Path) -> Desk {
    let desk = Desk::open(data).unwrap();
    desk.open_site(site).unwrap();
    desk
}

/// Fills the file system with one file until it refuses more bytes.
fn fill(path: &PathBuf) -> u64 {
    let mut file = std::fs::File::create(path).unwrap();
    let chunk = vec![0x5au8; 16 * 1024];
    let mut written = 0;
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(e) if e.raw_os_error() == Some(28) => break,
            Err(e) => panic!("filling the file system: {e}"),
        }
    }
    let _ = file.sync_all();
    written
}

#[test]
#[ignore = "runs only inside the mount namespace made by a_full_disk_and_a_read_only_file_system_lose_nothing"]
fn inner_full_disk_and_read_only() {
    let mount_point = PathBuf::from(
        std::env::var_os(MOUNT_ENV).expect("started by the outer test, which sets the mount point"),
    );
    run(
        "mount",
        &["-t", "tmpfs", "-o", "size=4m", "tmpfs"],
        &mount_point,
    );

    // The site lives on the ordinary disk; the store (the app's data folder) on the tmpfs.
    let world = World::new();
    let site = world.site();
    let data = mount_point.join("data");
    let desk = reopened(&data, &site);
    let key = save(&desk, &path_key(ARTICLE), "saved before the disk filled").unwrap();

    let filler = mount_point.join("filler");
    let filled = fill(&filler);
    let big = format!(
        "typed while the disk was full {}",
        "Kirkenes Luleå ".repeat(20_000)
    );
    let err = save(&desk, &key, &big).expect_err("a save onto a full disk fails");
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(
        err.to_string().contains("free some space"),
        "the message says what to do: {err}"
    );
    assert_eq!(
        first_text(&reopened(&data, &site).open_entry(&key).unwrap().body),
        "saved before the disk filled",
        "the last good save is intact"
    );
    eprintln!("filled {filled} bytes; save refused with: {err}");

    // Space returns: the same Desk (the app's retry) saves, and a restart reads it.
    std::fs::remove_file(&filler).unwrap();
    save(&desk, &key, &big).expect("saving resumes when space returns");
    assert_eq!(
        first_text(&reopened(&data, &site).open_entry(&key).unwrap().body),
        big
    );
    drop(desk);

    // A read-only file system at startup: a clear message, and the store is untouched.
    run(
        "mount",
        &["-o", "remount,ro", "-t", "tmpfs", "tmpfs"],
        &mount_point,
    );
    let message = match Desk::open(&data).and_then(|d| {
        d.open_site(&site)?;
        save(&d, &key, "typed on a read-only disk").map(|_| ())
    }) {
        Ok(()) => panic!("a save on a read-only file system cannot succeed"),
        Err(e) => {
            assert_eq!(e.code(), "read_only", "{e}");
            e.to_string()
        }
    };
    assert!(message.contains("make the folder writable"), "{message}");
    eprintln!("read-only: {message}");
    run(
        "mount",
        &["-o", "remount,rw", "-t", "tmpfs", "tmpfs"],
        &mount_point,
    );
    let desk = reopened(&data, &site);
    assert_eq!(first_text(&desk.open_entry(&key).unwrap().body), big);
    save(&desk, &key, "writable again").unwrap();
    assert_eq!(
        first_text(&reopened(&data, &site).open_entry(&key).unwrap().body),
        "writable again"
    );
}
