//! The Welcome screen's core, against real site folders, a real SQLite store and real git
//! repositories: what a start opens (the last site, or nothing and why), the recent sites
//! (order, one row per folder, the limit, moved folders), and cloning a new site from a bare
//! repository made with the git CLI, with the wording of what can go wrong.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use desk::api::Desk;
use desk::api::types::CloneProgress;
use desk::api::welcome::{RECENT_AT_MOST, suggest_folder_in};
use desk::api::welcome_types::RecentSite;

/// A site folder of its own: a copy of the demo site in `dir/<name>/site`.
fn make_site(dir: &Path, name: &str) -> PathBuf {
    desk::demo::create(&dir.join(name)).unwrap().site
}

fn paths(list: &[RecentSite]) -> Vec<PathBuf> {
    list.iter().map(|s| PathBuf::from(&s.path)).collect()
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    if text.starts_with('/') {
        format!("file://{text}")
    } else {
        format!("file:///{text}")
    }
}

#[test]
fn a_first_start_opens_nothing_and_later_starts_reopen_the_last_site() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let desk = Desk::open(&data).unwrap();
    let first = desk.reopen_last().unwrap();
    assert!(first.startup.is_none(), "a first start opens no site");
    assert!(first.notice.is_none(), "and has nothing to explain");
    assert!(
        desk.recent_sites().unwrap().is_empty(),
        "no recent sites yet"
    );

    let site = make_site(dir.path(), "one");
    desk.open_site(&site).unwrap();
    drop(desk);
    let desk = Desk::open(&data).unwrap();
    let again = desk.reopen_last().unwrap();
    let startup = again.startup.expect("the last site is opened again");
    assert_eq!(
        Path::new(&startup.site.root).canonicalize().unwrap(),
        site.canonicalize().unwrap()
    );
    let recent = desk.recent_sites().unwrap();
    assert_eq!(recent.len(), 1);
    assert!(recent[0].current, "the open site is marked current");
    assert_eq!(recent[0].name, startup.site.name);

    // The demo reopens as the demo, and is not a recent site (it has its own button).
    desk.open_demo().unwrap();
    drop(desk);
    let desk = Desk::open(&data).unwrap();
    let demo = desk.reopen_last().unwrap().startup.expect("the demo again");
    assert!(demo.site.is_demo);
    let recent = desk.recent_sites().unwrap();
    assert_eq!(recent.len(), 1, "{recent:?}");
    assert!(!recent[0].current);
}

#[test]
fn recent_sites_are_newest_first_once_each_and_at_most_eight() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("data")).unwrap();
    let sites: Vec<PathBuf> = (0..RECENT_AT_MOST + 2)
        .map(|i| make_site(dir.path(), &format!("s{i}")))
        .collect();
    let canon = |p: &Path| p.canonicalize().unwrap();

    desk.open_site(&sites[0]).unwrap();
    desk.open_site(&sites[1]).unwrap();
    desk.open_site(&sites[2]).unwrap();
    // The first again, written another way: one row, moved to the top.
    let other_spelling = sites[0].join(".");
    desk.open_site(&other_spelling).unwrap();
    let order: Vec<PathBuf> = paths(&desk.recent_sites().unwrap())
        .iter()
        .map(|p| canon(p))
        .collect();
    assert_eq!(
        order,
        vec![canon(&sites[0]), canon(&sites[2]), canon(&sites[1])]
    );

    for site in &sites {
        desk.open_site(site).unwrap();
    }
    let recent = desk.recent_sites().unwrap();
    assert_eq!(recent.len(), RECENT_AT_MOST, "the list is capped");
    let expected: Vec<PathBuf> = sites
        .iter()
        .rev()
        .take(RECENT_AT_MOST)
        .map(|p| canon(p))
        .collect();
    let got: Vec<PathBuf> = paths(&recent).iter().map(|p| canon(p)).collect();
    assert_eq!(got, expected, "newest first, the oldest two dropped");
    assert!(recent[0].current && recent.iter().skip(1).all(|s| !s.current));
    for s in &recent {
        assert!(!s.path.ends_with('/'), "paths are shown tidy: {}", s.path);
        assert!(!s.missing);
    }
}

#[test]
fn a_moved_site_is_listed_as_missing_can_be_removed_and_explains_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let desk = Desk::open(&data).unwrap();
    let kept = make_site(dir.path(), "kept");
    let moved = make_site(dir.path(), "moved");
    desk.open_site(&kept).unwrap();
    desk.open_site(&moved).unwrap();
    drop(desk);

    let elsewhere = dir.path().join("moved-elsewhere");
    std::fs::rename(dir.path().join("moved"), &elsewhere).unwrap();

    let desk = Desk::open(&data).unwrap();
    let opening = desk.reopen_last().unwrap();
    assert!(opening.startup.is_none(), "the moved site cannot be opened");
    let notice = opening.notice.expect("the start says why");
    assert!(
        notice.contains("could not be opened again")
            && notice.contains("is no longer there (moved or deleted)")
            && !notice.contains("site/ "),
        "{notice}"
    );
    let recent = desk.recent_sites().unwrap();
    assert_eq!(recent.len(), 2);
    assert!(recent[0].missing, "the moved site is missing: {recent:?}");
    assert!(!recent[1].missing, "the other is still there");

    let left = desk.forget_recent_site(&recent[0].path).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(
        Path::new(&left[0].path).canonicalize().unwrap(),
        kept.canonicalize().unwrap()
    );
    assert!(
        elsewhere.join("site/.git").exists(),
        "removing from the list touches no folder"
    );
    // It was the last site: the next start asks instead of failing again.
    drop(desk);
    let desk = Desk::open(&data).unwrap();
    let opening = desk.reopen_last().unwrap();
    assert!(opening.startup.is_none() && opening.notice.is_none());
    assert_eq!(desk.recent_sites().unwrap().len(), 1);
}

#[test]
fn a_site_is_cloned_from_a_bare_repository_with_progress_and_becomes_recent() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("data")).unwrap();
    let source = make_site(dir.path(), "source");
    let bare = dir.path().join("served.git");
    let out = Command::new("git")
        .args(["clone", "--bare", "--quiet"])
        .arg(&source)
        .arg(&bare)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let dest = dir.path().join("clones/barents");
    let mut seen: Vec<CloneProgress> = Vec::new();
    let startup = desk
        .clone_site(
            &file_url(&bare),
            &dest,
            |p| seen.push(p),
            &AtomicBool::new(false),
        )
        .unwrap();
    assert!(!seen.is_empty(), "progress was reported");
    let last = seen.last().unwrap();
    assert!(
        last.total_objects > 0 && last.received_objects == last.total_objects,
        "{last:?}"
    );
    assert_eq!(
        git(&dest, &["rev-parse", "HEAD"]),
        git(&bare, &["rev-parse", "HEAD"]),
        "the clone has the server's commit"
    );
    assert!(!startup.site.is_demo);
    assert!(
        desk.list_entries().unwrap().len() >= 6,
        "the site's entries are listed"
    );
    let recent = desk.recent_sites().unwrap();
    assert_eq!(
        recent.len(),
        1,
        "the clone is the one recent site: {recent:?}"
    );
    assert_eq!(
        Path::new(&recent[0].path).canonicalize().unwrap(),
        dest.canonicalize().unwrap()
    );
    assert!(recent[0].current);

    // The same again into the now full folder: refused, nothing in it touched.
    let e = desk
        .clone_site(&file_url(&bare), &dest, |_| {}, &AtomicBool::new(false))
        .unwrap_err();
    assert_eq!(e.code(), "destination_not_empty", "{e}");
    assert!(dest.join(".git").exists());
}

#[test]
fn failed_clones_say_what_went_wrong_and_leave_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("data")).unwrap();
    let dest = dir.path().join("clone");
    let clone = |url: &str| {
        desk.clone_site(url, &dest, |_| {}, &AtomicBool::new(false))
            .map(|_| ())
            .unwrap_err()
    };

    let e = clone("github.com/barents/site");
    assert_eq!(e.code(), "bad_url", "{e}");
    assert!(e.to_string().contains("https://"), "{e}");

    let e = clone(&file_url(&dir.path().join("nothing-here.git")));
    assert_eq!(e.code(), "no_repository", "{e}");
    assert!(e.to_string().contains("nothing-here.git"), "{e}");

    // A port on loopback that nobody listens on: the server cannot be reached.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let e = clone(&format!("http://127.0.0.1:{port}/site.git"));
    assert_eq!(e.code(), "unreachable", "{e}");
    assert!(
        e.to_string().contains(&format!("127.0.0.1:{port}")) && e.to_string().contains("online"),
        "{e}"
    );
    assert!(!dest.exists(), "a failed clone leaves no folder behind");
}

#[test]
fn the_suggested_folder_is_named_after_the_repository_and_never_taken() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("Barents Desk");
    let url = "https://github.com/barents/barents-news.git";
    assert_eq!(suggest_folder_in(&base, url), base.join("barents-news"));
    std::fs::create_dir_all(base.join("barents-news")).unwrap();
    assert_eq!(
        suggest_folder_in(&base, url),
        base.join("barents-news"),
        "an empty folder can be cloned into"
    );
    std::fs::write(base.join("barents-news/notes.txt"), "mine").unwrap();
    assert_eq!(suggest_folder_in(&base, url), base.join("barents-news-2"));
    assert_eq!(
        suggest_folder_in(&base, "git@host:org/Sámi.git"),
        base.join("Sámi")
    );
    let desk = Desk::open(&dir.path().join("data")).unwrap();
    let suggested = desk.suggest_clone_folder(url).unwrap();
    assert!(
        Path::new(&suggested).is_absolute() && suggested.contains("barents-news"),
        "{suggested}"
    );
}
