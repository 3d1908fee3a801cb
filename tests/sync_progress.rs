//! Progress of the data a sync moves (wt-states): with a real clone and a bare origin served
//! over git's smart HTTP on loopback (and as a plain folder), a publish's push reports sending
//! progress and a sync's fetch receiving progress to the listener the client sets — numbers
//! that only grow, never pass their total, reach it, and end with one `done` report.

mod sync_support;

use std::sync::{Arc, Mutex};

use desk::api::sync_progress::{SyncDirection, SyncProgress};
use sync_support::http::GitHttp;
use sync_support::{ARTICLE, Editor, OTHER_ARTICLE, Origin, git};

type Heard = Arc<Mutex<Vec<SyncProgress>>>;

fn listen(editor: &Editor) -> Heard {
    let heard: Heard = Arc::default();
    let sink = heard.clone();
    editor
        .desk
        .on_sync_progress(move |p| sink.lock().unwrap().push(p));
    heard
}

/// The reports of one direction are sane: they grow, stay within their total, reach it.
/// (libgit2's push to a folder counts objects but not bytes: `bytes` says whether to expect
/// them.)
fn assert_sane(reports: &[SyncProgress], direction: SyncDirection, bytes: bool) {
    let moving: Vec<&SyncProgress> = reports
        .iter()
        .filter(|p| p.direction == direction && !p.done)
        .collect();
    assert!(!moving.is_empty(), "no {direction:?} report in {reports:?}");
    for pair in moving.windows(2) {
        assert!(
            pair[1].objects >= pair[0].objects,
            "objects went back: {pair:?}"
        );
        assert!(pair[1].bytes >= pair[0].bytes, "bytes went back: {pair:?}");
    }
    for p in &moving {
        assert!(p.objects <= p.total, "past the total: {p:?}");
    }
    let last = moving.last().unwrap();
    assert!(last.total > 0, "{last:?}");
    assert_eq!(
        last.objects, last.total,
        "the last report is the whole: {last:?}"
    );
    assert_eq!(last.bytes > 0, bytes, "{last:?}");
}

fn run(ann: &Editor, bo: &Editor, origin_dir: &std::path::Path, sent_bytes: bool) {
    let heard = listen(ann);
    let out = ann.publish_paragraph(ARTICLE, 0, "Ann's opening, sent with a progress bar.");
    assert!(out.pushed, "{:?}", out.push_error);
    let reports = heard.lock().unwrap().clone();
    assert_sane(&reports, SyncDirection::Sending, sent_bytes);
    let last = reports.last().unwrap();
    assert!(last.done, "the push ends with a done report: {reports:?}");
    assert_eq!(reports.iter().filter(|p| p.done).count(), 1, "{reports:?}");
    assert!(
        git(origin_dir, &["show", &format!("main:{ARTICLE}")])
            .contains("Ann's opening, sent with a progress bar.")
    );

    // Bo's sync fetches Ann's commit (receiving), then sends his own publish (sending).
    let heard = listen(bo);
    let late = bo.publish_paragraph(OTHER_ARTICLE, 0, "Bo's opening.");
    assert!(!late.pushed);
    heard.lock().unwrap().clear();
    let report = bo.desk.sync().unwrap();
    assert!(report.pushed && report.fetched == 1, "{report:?}");
    let reports = heard.lock().unwrap().clone();
    assert_sane(&reports, SyncDirection::Receiving, true);
    assert_sane(&reports, SyncDirection::Sending, sent_bytes);
    assert!(reports.last().unwrap().done, "{reports:?}");
    let first_sending = reports
        .iter()
        .position(|p| p.direction == SyncDirection::Sending)
        .unwrap();
    assert!(
        reports[..first_sending]
            .iter()
            .any(|p| p.direction == SyncDirection::Receiving && p.done),
        "the fetch ended before the push began: {reports:?}"
    );
}

#[test]
fn a_push_and_a_fetch_over_http_report_growing_progress_and_then_done() {
    let origin = Origin::demo();
    let server = GitHttp::start(&origin.dir.path().join("demo"), None);
    let url = server.url("origin.git");
    let ann = Editor::clone(&url, "Ann");
    let bo = Editor::clone(&url, "Bo");
    run(&ann, &bo, &origin.path(), true);
}

#[test]
fn a_push_and_a_fetch_to_a_folder_report_progress_too() {
    let origin = Origin::demo();
    let url = origin.path().to_string_lossy().into_owned();
    let ann = Editor::clone(&url, "Ann");
    let bo = Editor::clone(&url, "Bo");
    run(&ann, &bo, &origin.path(), false);
}
