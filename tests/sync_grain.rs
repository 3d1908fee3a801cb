//! The grain of a conflict is the entry: when one entry of a local commit overlaps with the
//! server's change, the commit's other entries still go out; the overlapping one keeps the
//! server's text on the branch, the editor's text as a draft and all three versions in the
//! conflict, and the pushed commit's message says what was held back. Nothing is lost and the
//! repository is never mid-rebase or with conflict markers.

mod sync_support;

use desk::api::types::{ConflictResolution, EntryState, PublishRequest};
use sync_support::{ARTICLE, Editor, OTHER_ARTICLE, Origin, assert_sound, git, path_key};

#[test]
fn one_conflicting_entry_of_a_commit_is_held_back_and_the_others_go_out() {
    let origin = Origin::demo();
    let url = origin.path().to_string_lossy().into_owned();
    let ann = Editor::clone(&url, "Ann");
    let bo = Editor::clone(&url, "Bo");
    assert!(ann.publish_paragraph(ARTICLE, 0, "Ann's opening.").pushed);

    let a = bo.edit_paragraph(ARTICLE, 0, "Bo's opening.");
    let b = bo.edit_paragraph(OTHER_ARTICLE, 0, "Bo's film week news.");
    let set = bo
        .desk
        .publish_set(&PublishRequest {
            entries: vec![a, b],
            message: Some("Two updates from Bo".into()),
            review: false,
        })
        .unwrap();
    assert!(!set.pushed, "origin moved on: refused, not forced");

    let report = bo.desk.sync().unwrap();
    assert!(report.pushed);
    assert_eq!(report.waiting, 0);
    assert_eq!(report.conflicts.len(), 1);
    assert_eq!(report.conflicts[0].path, ARTICLE);
    let o = origin.path();
    let show = |p: &str| git(&o, &["show", &format!("main:{p}")]);
    assert!(
        show(OTHER_ARTICLE).contains("Bo's film week news."),
        "the other entry went out"
    );
    assert!(show(ARTICLE).contains("Ann's opening.") && !show(ARTICLE).contains("Bo's opening."));
    let message = git(&o, &["log", "-1", "--format=%an|%B", "main"]);
    assert!(message.starts_with("Bo|Two updates from Bo\n"), "{message}");
    assert!(
        message.contains(&format!("Held back (the server changed it too; kept as a draft until the editor decides): {ARTICLE}")),
        "{message}"
    );
    assert_sound(&bo.site());

    // Bo's text waits as a draft, beside the server's, until Bo decides.
    let entry = bo.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert_eq!(entry.state, EntryState::Modified);
    assert!(
        serde_json::to_string(&entry.body)
            .unwrap()
            .contains("Bo's opening.")
    );
    assert_eq!(
        bo.desk.open_entry(&path_key(OTHER_ARTICLE)).unwrap().state,
        EntryState::Published
    );
    let c = &bo.desk.conflicts().unwrap()[0];
    assert!(c.mine.as_deref().unwrap().contains("Bo's opening."));
    assert!(c.theirs.as_deref().unwrap().contains("Ann's opening."));
    assert!(
        bo.desk
            .resolve_conflict(c.summary.id, &ConflictResolution::KeepMine)
            .unwrap()
            .pushed
    );
    assert!(show(ARTICLE).contains("Bo's opening."));
    assert_sound(&bo.site());
}
