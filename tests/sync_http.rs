//! Publishing and syncing over git's smart HTTP, against `git http-backend` on loopback with
//! basic auth and a pre-receive hook: credentials through git's credential callback and the
//! app's credential store, a wrong password refused, a hook's refusal never shown as published
//! and never forced, a server that drops a push (before or after applying it) or goes away.

mod sync_support;

use std::sync::atomic::{AtomicBool, Ordering};

use desk::api::types::ServerLogin;
use desk::api::{Connections, Desk};
use desk::publish::credentials::SessionStore;
use sync_support::http::{GitHttp, PushFault};
use sync_support::{ARTICLE, Editor, OTHER_ARTICLE, Origin, assert_sound, git};

fn connections() -> Connections {
    Connections {
        credentials: Box::new(SessionStore::default()),
        ssh_dir: None,
    }
}

/// Clones through the app (`Desk::clone_site`) with the given login.
fn clone_with_login(url: &str, name: &str, password: &str) -> Editor {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open_with(&dir.path().join("data"), connections()).unwrap();
    desk.set_login(&ServerLogin {
        url: url.into(),
        username: "ann".into(),
        password: password.into(),
    })
    .unwrap();
    desk.clone_site(
        url,
        &dir.path().join("site"),
        |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    drop(desk);
    // Same data folder: the login is in a session store, so set it again on reopening.
    let editor = Editor::open(dir, name, connections());
    editor
        .desk
        .set_login(&ServerLogin {
            url: url.into(),
            username: "ann".into(),
            password: password.into(),
        })
        .unwrap();
    editor
}

#[test]
fn clone_asks_for_a_login_refuses_a_wrong_one_and_works_with_the_right_one() {
    let origin = Origin::demo();
    let server = GitHttp::start(
        &origin.dir.path().join("demo"),
        Some(("ann", "s3cret-tøken")),
    );
    let url = server.url("origin.git");
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open_with(&dir.path().join("data"), connections()).unwrap();
    let dest = dir.path().join("site");
    let never = AtomicBool::new(false);

    let err = desk.clone_site(&url, &dest, |_| {}, &never).unwrap_err();
    assert_eq!(err.code(), "auth_required", "{err}");
    assert!(!dest.exists(), "a failed clone leaves nothing behind");

    desk.set_login(&ServerLogin {
        url: url.clone(),
        username: "ann".into(),
        password: "n0t-the-pw".into(),
    })
    .unwrap();
    let err = desk.clone_site(&url, &dest, |_| {}, &never).unwrap_err();
    assert_eq!(err.code(), "auth_failed", "{err}");
    assert!(err.to_string().contains("enter it again"));
    assert!(
        !err.to_string().contains("n0t-the-pw"),
        "no secret in messages"
    );
    assert_eq!(server.refused_auth(), 1, "one try, no loop");

    desk.set_login(&ServerLogin {
        url: url.clone(),
        username: "ann".into(),
        password: "s3cret-tøken".into(),
    })
    .unwrap();
    let mut last = None;
    let startup = desk
        .clone_site(&url, &dest, |p| last = Some(p), &never)
        .unwrap();
    assert_eq!(startup.site.branch, "main");
    let last = last.expect("progress was reported");
    assert!(last.total_objects > 0 && last.received_objects == last.total_objects);
    assert!(last.received_bytes > 1000);
    assert_eq!(
        git(&dest, &["rev-parse", "HEAD"]),
        git(&origin.path(), &["rev-parse", "main"])
    );
    // The URL on disk carries no secret.
    let config = std::fs::read_to_string(dest.join(".git/config")).unwrap();
    assert!(!config.contains("s3cret"));
}

#[test]
fn a_cancelled_clone_stops_and_removes_what_it_wrote() {
    let origin = Origin::demo();
    let server = GitHttp::start(&origin.dir.path().join("demo"), None);
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open_with(&dir.path().join("data"), connections()).unwrap();
    let dest = dir.path().join("site");
    let cancel = AtomicBool::new(false);
    let err = desk
        .clone_site(
            &server.url("origin.git"),
            &dest,
            |_| cancel.store(true, Ordering::SeqCst),
            &cancel,
        )
        .unwrap_err();
    assert_eq!(err.code(), "cancelled", "{err}");
    assert!(!dest.exists());
}

#[test]
fn publish_and_sync_over_http_with_basic_auth() {
    let origin = Origin::demo();
    let server = GitHttp::start(&origin.dir.path().join("demo"), Some(("ann", "pw")));
    let url = server.url("origin.git");
    let ann = clone_with_login(&url, "Ann", "pw");
    let bo = clone_with_login(&url, "Bo", "pw");
    assert!(ann.publish_paragraph(ARTICLE, 0, "Over HTTP.").pushed);
    assert!(
        !bo.publish_paragraph(OTHER_ARTICLE, 0, "Also over HTTP.")
            .pushed
    );
    let report = bo.desk.sync().unwrap();
    assert!(report.pushed && report.fetched == 1 && report.rebased == 1);
    let o = origin.path();
    assert!(git(&o, &["show", &format!("main:{ARTICLE}")]).contains("Over HTTP."));
    assert!(git(&o, &["show", &format!("main:{OTHER_ARTICLE}")]).contains("Also over HTTP."));
    assert_sound(&bo.site());
}

#[test]
fn a_hook_that_refuses_the_push_is_never_shown_as_published_nor_forced() {
    let origin = Origin::demo();
    let hook = origin.path().join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'main is protected: open a merge request' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let server = GitHttp::start(&origin.dir.path().join("demo"), None);
    let ann = Editor::clone(&server.url("origin.git"), "Ann");
    let before = git(&origin.path(), &["rev-parse", "main"]);

    let outcome = ann.publish_paragraph(ARTICLE, 0, "Refused by the hook.");
    assert!(!outcome.pushed);
    let message = outcome.push_error.unwrap();
    assert!(message.contains("refused"), "{message}");
    assert_eq!(outcome.waiting, 1);

    let err = ann.desk.sync().unwrap_err();
    assert_eq!(err.code(), "push_rejected", "{err}");
    assert_eq!(
        git(&origin.path(), &["rev-parse", "main"]),
        before,
        "never forced"
    );
    assert_eq!(ann.desk.sync_status().unwrap().waiting, 1, "still waiting");
    assert!(ann.desk.sync_status().unwrap().last_error.is_some());
    assert_sound(&ann.site());
}

#[test]
fn a_push_dropped_before_or_after_the_server_applied_it_is_sent_once() {
    let origin = Origin::demo();
    let server = GitHttp::start(&origin.dir.path().join("demo"), None);
    let ann = Editor::clone(&server.url("origin.git"), "Ann");
    let o = origin.path();

    server.fault_next_push(PushFault::DropBefore);
    let outcome = ann.publish_paragraph(ARTICLE, 0, "First try lost.");
    assert!(!outcome.pushed && outcome.waiting == 1);
    assert!(!git(&o, &["show", &format!("main:{ARTICLE}")]).contains("First try lost."));
    assert!(ann.desk.sync().unwrap().pushed);
    assert!(git(&o, &["show", &format!("main:{ARTICLE}")]).contains("First try lost."));

    server.fault_next_push(PushFault::DropAfter);
    let outcome = ann.publish_paragraph(OTHER_ARTICLE, 0, "Applied, answer lost.");
    assert!(!outcome.pushed, "no answer: not shown as published");
    assert!(git(&o, &["show", &format!("main:{OTHER_ARTICLE}")]).contains("Applied, answer lost."));
    let report = ann.desk.sync().unwrap();
    assert_eq!((report.rebased, report.waiting), (0, 0));
    let subjects = git(&o, &["log", "--format=%s", "main"]);
    assert_eq!(subjects.lines().count(), 3, "{subjects}");
    git(&o, &["fsck", "--strict", "--no-progress"]);
    assert_sound(&ann.site());
}

#[test]
fn the_outbox_backs_off_while_the_server_is_away_and_sends_when_it_returns() {
    let origin = Origin::demo();
    let root = origin.dir.path().join("demo");
    let mut server = GitHttp::start(&root, None);
    let port = server.port();
    let ann = Editor::clone(&server.url("origin.git"), "Ann");
    server.stop();

    let outcome = ann.publish_paragraph(ARTICLE, 0, "Written on the train.");
    assert!(!outcome.pushed);
    let status = ann.desk.outbox_tick().unwrap();
    assert_eq!((status.waiting, status.failures), (1, 1));
    assert!(status.next_attempt > desk::store::now_ms());
    assert!(status.last_error.unwrap().contains("Could not"));
    // Not due yet: no new attempt is made.
    assert_eq!(ann.desk.outbox_tick().unwrap().failures, 1);

    let _server = GitHttp::start_on(&root, None, port);
    ann.desk.network_back().unwrap();
    let status = ann.desk.outbox_tick().unwrap();
    assert_eq!(
        (status.waiting, status.failures, status.last_error),
        (0, 0, None)
    );
    assert!(
        git(&origin.path(), &["show", &format!("main:{ARTICLE}")])
            .contains("Written on the train.")
    );
}
