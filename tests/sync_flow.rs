//! Sync through one bare origin with several editors (each its own clone and data folder):
//! rebase of local publishes, three-way merges, conflicts kept as drafts and resolved through
//! the API, stale drafts flagged, no duplicate commits, the mass-deletion guard, merge mode.

mod sync_support;

use desk::api::types::{ConflictResolution, EntryState};
use sync_support::{ARTICLE, Editor, OTHER_ARTICLE, Origin, assert_sound, git, path_key};

fn url(origin: &Origin) -> String {
    origin.path().to_string_lossy().into_owned()
}

#[test]
fn two_editors_publish_different_entries_and_both_reach_origin_in_a_line() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");

    assert!(ann.publish_paragraph(ARTICLE, 0, "Ann's opening.").pushed);
    let late = bo.publish_paragraph(OTHER_ARTICLE, 0, "Bo's opening.");
    assert!(
        !late.pushed,
        "origin moved on: the push is refused, not forced"
    );
    assert!(late.push_error.unwrap().contains("refused"));
    assert_eq!(late.waiting, 1);

    let report = bo.desk.sync().unwrap();
    assert_eq!(
        (report.fetched, report.rebased, report.pushed),
        (1, 1, true)
    );
    assert_eq!(report.waiting, 0);
    assert!(report.conflicts.is_empty());
    assert_eq!(report.changed, vec![ARTICLE.to_string()]);

    let o = origin.path();
    let authors = git(&o, &["log", "--format=%an", "main"]);
    assert_eq!(authors.lines().take(2).collect::<Vec<_>>(), ["Bo", "Ann"]);
    assert_eq!(
        git(&o, &["rev-list", "--merges", "--count", "main"]).trim(),
        "0"
    );
    assert!(git(&o, &["show", &format!("main:{ARTICLE}")]).contains("Ann's opening."));
    assert!(git(&o, &["show", &format!("main:{OTHER_ARTICLE}")]).contains("Bo's opening."));
    assert_sound(&bo.site());
    assert!(
        std::fs::read_to_string(bo.site().join(ARTICLE))
            .unwrap()
            .contains("Ann's opening.")
    );

    // Ann's sync brings Bo's change; nothing to send, nothing sent twice.
    let back = ann.desk.sync().unwrap();
    assert_eq!((back.fetched, back.rebased, back.pushed), (1, 0, false));
    assert_eq!(git(&o, &["rev-list", "--count", "main"]).trim(), "3");
    assert_sound(&ann.site());
}

#[test]
fn edits_to_different_paragraphs_of_one_entry_merge_without_asking() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    assert!(
        ann.publish_paragraph(ARTICLE, 0, "Ann rewrote the opening.")
            .pushed
    );
    assert!(
        !bo.publish_paragraph(ARTICLE, 3, "Bo rewrote what happens next.")
            .pushed
    );

    let report = bo.desk.sync().unwrap();
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert!(report.pushed);
    let file = git(&origin.path(), &["show", &format!("main:{ARTICLE}")]);
    assert!(file.contains("Ann rewrote the opening."));
    assert!(file.contains("Bo rewrote what happens next."));
    assert!(file.contains("## Three demands"), "the rest is kept");
    assert_sound(&bo.site());
    assert!(bo.desk.conflicts().unwrap().is_empty());
}

#[test]
fn overlapping_edits_become_a_conflict_that_loses_nothing_and_is_resolved_through_the_api() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    assert!(
        ann.publish_paragraph(ARTICLE, 0, "Ann's version of the opening.")
            .pushed
    );
    assert!(
        !bo.publish_paragraph(ARTICLE, 0, "Bo's version of the opening.")
            .pushed
    );
    let before = git(&origin.path(), &["rev-parse", "main"]);

    let report = bo.desk.sync().unwrap();
    assert_eq!(report.conflicts.len(), 1);
    let summary = &report.conflicts[0];
    assert_eq!(summary.path, ARTICLE);
    assert!(summary.body && summary.fields.is_empty());
    assert!(!report.pushed, "the conflicting publish is not sent");
    assert_eq!(report.waiting, 0);
    assert_eq!(git(&origin.path(), &["rev-parse", "main"]), before);
    assert_sound(&bo.site());
    // The branch holds the server's version; Bo's text is a draft again, flagged as stale.
    let on_disk = std::fs::read_to_string(bo.site().join(ARTICLE)).unwrap();
    assert!(on_disk.contains("Ann's version") && !on_disk.contains("Bo's version"));
    let entry = bo.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert_eq!(entry.state, EntryState::Modified);
    assert!(
        serde_json::to_string(&entry.body)
            .unwrap()
            .contains("Bo's version of the opening.")
    );
    assert_eq!(report.stale_drafts, vec![ARTICLE.to_string()]);
    // The three versions, for the side-by-side view; the same after a restart.
    let bo = reopen(bo);
    let conflicts = bo.desk.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert!(c.mine.as_deref().unwrap().contains("Bo's version"));
    assert!(c.theirs.as_deref().unwrap().contains("Ann's version"));
    assert!(
        c.base
            .as_deref()
            .unwrap()
            .contains("For three days in early October")
    );
    assert_eq!(c.summary.title, "Young voices set the agenda in Luleå");
    assert_eq!(bo.desk.outbox_status().unwrap().conflicts, 1);

    // Bo combines both and publishes the result.
    let combined = c.theirs.as_deref().unwrap().replace(
        "Ann's version of the opening.",
        "Ann's and Bo's opening, combined.",
    );
    let outcome = bo
        .desk
        .resolve_conflict(
            c.summary.id,
            &ConflictResolution::Edited {
                text: combined.clone(),
            },
        )
        .unwrap();
    assert!(outcome.pushed, "{:?}", outcome.push_error);
    assert_eq!(
        git(&origin.path(), &["show", &format!("main:{ARTICLE}")]),
        combined
    );
    assert_eq!(
        git(&origin.path(), &["log", "-1", "--format=%an|%s", "main"]).trim(),
        "Bo|Resolve conflict: Young voices set the agenda in Luleå"
    );
    assert!(bo.desk.conflicts().unwrap().is_empty());
    assert_eq!(
        bo.desk.open_entry(&path_key(ARTICLE)).unwrap().state,
        EntryState::Published
    );
    assert_sound(&bo.site());
    assert!(
        bo.desk
            .resolve_conflict(c.summary.id, &ConflictResolution::KeepMine)
            .is_err()
    );
}

#[test]
fn keep_theirs_publishes_nothing_and_keep_mine_publishes_mine() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    ann.publish_paragraph(ARTICLE, 0, "Ann A.");
    ann.publish_paragraph(OTHER_ARTICLE, 0, "Ann B.");
    bo.publish_paragraph(ARTICLE, 0, "Bo A.");
    bo.publish_paragraph(OTHER_ARTICLE, 0, "Bo B.");
    let report = bo.desk.sync().unwrap();
    assert_eq!(report.conflicts.len(), 2);
    let count = git(&origin.path(), &["rev-list", "--count", "main"]);
    let id = |p: &str| report.conflicts.iter().find(|c| c.path == p).unwrap().id;

    bo.desk
        .resolve_conflict(id(ARTICLE), &ConflictResolution::KeepTheirs)
        .unwrap();
    assert_eq!(
        git(&origin.path(), &["rev-list", "--count", "main"]),
        count,
        "no empty commit"
    );
    assert_eq!(
        bo.desk.open_entry(&path_key(ARTICLE)).unwrap().state,
        EntryState::Published
    );

    assert!(
        bo.desk
            .resolve_conflict(id(OTHER_ARTICLE), &ConflictResolution::KeepMine)
            .unwrap()
            .pushed
    );
    let file = git(&origin.path(), &["show", &format!("main:{OTHER_ARTICLE}")]);
    assert!(file.contains("Bo B.") && !file.contains("Ann B."));
    assert!(git(&origin.path(), &["show", &format!("main:{ARTICLE}")]).contains("Ann A."));
    assert_sound(&bo.site());
}

#[test]
fn a_draft_whose_file_changed_upstream_is_flagged_after_sync() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    ann.edit_paragraph(ARTICLE, 1, "Ann's unpublished thought.");
    assert!(ann.desk.sync().unwrap().stale_drafts.is_empty());
    assert!(
        bo.publish_paragraph(ARTICLE, 3, "Bo published this.")
            .pushed
    );
    let report = ann.desk.sync().unwrap();
    assert_eq!(report.stale_drafts, vec![ARTICLE.to_string()]);
    assert_eq!(report.fetched, 1);
    // the draft is untouched
    let entry = ann.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert!(
        serde_json::to_string(&entry.body)
            .unwrap()
            .contains("Ann's unpublished thought.")
    );
}

#[test]
fn a_push_that_reached_the_server_unacknowledged_is_not_sent_twice() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    let moved = origin.dir.path().join("away.git");
    std::fs::rename(origin.path(), &moved).unwrap();
    let outcome = ann.publish_paragraph(ARTICLE, 0, "Sent, but the answer was lost.");
    assert!(!outcome.pushed);
    std::fs::rename(&moved, origin.path()).unwrap();
    // The commit reaches the server by another way (as if the app had died before the
    // server's answer): the app's record still says it waits.
    git(&ann.site(), &["push", "-q", "origin", "main"]);
    assert!(!bo.publish_paragraph(OTHER_ARTICLE, 0, "Bo's.").pushed);
    assert!(bo.desk.sync().unwrap().pushed);

    let report = ann.desk.sync().unwrap();
    assert_eq!(
        (report.rebased, report.pushed, report.waiting),
        (0, false, 0)
    );
    let subjects = git(&origin.path(), &["log", "--format=%s", "main"]);
    assert_eq!(subjects.matches("Young voices").count(), 1, "{subjects}");
    assert_sound(&ann.site());
}

#[test]
fn a_sync_that_would_delete_many_files_stops_and_asks() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    git(
        &ann.site(),
        &["rm", "-q", "-r", "content/articles", "content/events"],
    );
    git(
        &ann.site(),
        &[
            "-c",
            "user.name=A",
            "-c",
            "user.email=a@x",
            "commit",
            "-q",
            "-m",
            "oops",
        ],
    );
    assert!(bo.publish_paragraph(ARTICLE, 0, "Bo's.").pushed);
    let before = git(&origin.path(), &["rev-parse", "main"]);
    let head = git(&ann.site(), &["rev-parse", "HEAD"]);
    let err = ann.desk.sync().unwrap_err();
    assert_eq!(err.code(), "mass_deletion", "{err}");
    assert!(err.to_string().contains("Nothing was changed"));
    assert_eq!(git(&origin.path(), &["rev-parse", "main"]), before);
    assert_eq!(git(&ann.site(), &["rev-parse", "HEAD"]), head);
    // confirmed, it goes ahead
    let report = ann.desk.sync_confirming_deletions().unwrap();
    assert!(report.pushed);
    // Bo's edit of an entry Ann deleted is kept (a modify/delete conflict keeps the server's
    // side and is recorded); the rest is gone.
    assert_eq!(
        git(
            &origin.path(),
            &[
                "ls-tree",
                "-r",
                "--name-only",
                "main",
                "content/articles",
                "content/events"
            ]
        )
        .trim(),
        ARTICLE
    );
    assert_eq!(report.conflicts.len(), 1);
    let c = &ann.desk.conflicts().unwrap()[0];
    assert!(c.mine.is_none() && c.theirs.as_deref().unwrap().contains("Bo's."));
}

#[test]
fn the_schema_can_ask_for_merge_commits() {
    let origin = Origin::demo();
    let setup = Editor::clone(&url(&origin), "Setup");
    let schema = setup.site().join(".desk/site.toml");
    let text = std::fs::read_to_string(&schema).unwrap();
    std::fs::write(&schema, format!("{text}\n[sync]\nstrategy = \"merge\"\n")).unwrap();
    git(&setup.site(), &["add", ".desk/site.toml"]);
    git(
        &setup.site(),
        &[
            "-c",
            "user.name=A",
            "-c",
            "user.email=a@x",
            "commit",
            "-q",
            "-m",
            "merge mode",
        ],
    );
    git(&setup.site(), &["push", "-q", "origin", "main"]);

    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    ann.publish_paragraph(ARTICLE, 0, "Ann.");
    bo.publish_paragraph(OTHER_ARTICLE, 0, "Bo.");
    let report = bo.desk.sync().unwrap();
    assert!(report.pushed);
    assert_eq!(
        git(&origin.path(), &["rev-list", "--merges", "--count", "main"]).trim(),
        "1"
    );
    assert_eq!(
        git(&origin.path(), &["log", "-1", "--format=%s", "main"]).trim(),
        "Merge the site's server changes"
    );
    assert_sound(&bo.site());
}

fn reopen(editor: Editor) -> Editor {
    let Editor { dir, desk, name } = editor;
    drop(desk);
    Editor::open(
        dir,
        &name,
        desk::api::Connections {
            credentials: Box::new(desk::publish::credentials::SessionStore::default()),
            ssh_dir: None,
        },
    )
}
