//! A sync killed while it writes the work tree: every file is left with its old bytes or its
//! new ones — never empty, never half-written — and the next sync finishes the job with the
//! repository sound. The sync runs in a real `desk sync` process, killed (SIGKILL) at rising
//! delays while it brings in a server change to 1,000 files (fetched beforehand, so the kills
//! land in the checkout; at least one must land while its temp files or renames are under way). The temp files
//! a killed sync leaves are cleared by the next one.

mod sync_support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sync_support::{Origin, assert_sound, git};

const FILES: usize = 1000;

fn version(i: usize, v: u8) -> Vec<u8> {
    // Different lengths per version, so a truncated or half-written file cannot pass.
    let len = 2_000 + usize::from(v) * 700 + i;
    (0..len)
        .map(|k| b'a' + ((k * 7 + i + usize::from(v) * 13) % 26) as u8)
        .collect()
}

fn write_all(site: &Path, v: u8) {
    let dir = site.join("static/crash");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..FILES {
        std::fs::write(dir.join(format!("file-{i:04}.txt")), version(i, v)).unwrap();
    }
    git(site, &["add", "static/crash"]);
    git(
        site,
        &[
            "-c",
            "user.name=W",
            "-c",
            "user.email=w@x",
            "commit",
            "-q",
            "-m",
            &format!("version {v}"),
        ],
    );
    git(site, &["push", "-q", "origin", "main"]);
}

/// Each file holds version 1 or version 2, whole.
fn assert_whole(site: &Path, round: usize) -> (usize, usize) {
    let (mut old, mut new) = (0, 0);
    for i in 0..FILES {
        let bytes = std::fs::read(site.join(format!("static/crash/file-{i:04}.txt")))
            .unwrap_or_else(|e| panic!("round {round}: file {i} is missing: {e}"));
        if bytes == version(i, 1) {
            old += 1;
        } else if bytes == version(i, 2) {
            new += 1;
        } else {
            panic!(
                "round {round}: file {i} is neither version ({} bytes): a torn write",
                bytes.len()
            );
        }
    }
    (old, new)
}

fn desk_sync(data: &Path, site: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .env("BARENTS_DESK_DATA_DIR", data)
        .args(["sync", "--site"])
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_sync_killed_mid_checkout_leaves_every_file_old_or_new_and_the_next_sync_finishes() {
    let origin = Origin::demo();
    let url = origin.path().to_string_lossy().into_owned();
    let tmp = tempfile::tempdir().unwrap();
    let writer = tmp.path().join("writer");
    git(tmp.path(), &["clone", "-q", &url, writer.to_str().unwrap()]);
    write_all(&writer, 1);
    let site = tmp.path().join("site");
    git(tmp.path(), &["clone", "-q", &url, site.to_str().unwrap()]);
    write_all(&writer, 2);
    // The objects arrive beforehand (the git CLI as the fetcher), so the killed syncs spend
    // their time writing the work tree, the part under test.
    git(&site, &["fetch", "-q", "origin"]);
    let data = tmp.path().join("data");

    let mut kills = 0;
    let mut mixed = 0;
    let mut delay = Duration::from_millis(100);
    for round in 0..80 {
        let mut child = desk_sync(&data, &site);
        let started = Instant::now();
        while started.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        let (old, new) = assert_whole(&site, round);
        // Killed inside the checkout: its temp files are there, or the renames were half done.
        let temps = std::fs::read_dir(site.join("static/crash"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".desk-tmp-")
            })
            .count();
        if temps > 0 || (old > 0 && new > 0) {
            mixed += 1;
        }
        if finished || mixed >= 2 {
            break;
        }
        // Slowly later each time, until kills land in the checkout; then stay there.
        if mixed == 0 {
            delay = delay * 5 / 4;
        }
    }
    eprintln!("{kills} kills, {mixed} of them inside the checkout");
    assert!(
        kills > 0,
        "the sync was never interrupted: raise the file count"
    );
    assert!(
        mixed > 0,
        "no kill landed in the checkout: raise the file count"
    );

    // The next sync finishes the job.
    let status = desk_sync(&data, &site).wait().unwrap();
    assert!(status.success(), "the sync after the kills: {status}");
    assert_eq!(assert_whole(&site, 99), (0, FILES));
    assert_eq!(
        git(&site, &["rev-parse", "HEAD"]),
        git(origin.path().as_path(), &["rev-parse", "main"])
    );
    assert_sound(&site);
}
