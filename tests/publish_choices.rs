//! Publishing as the editor chooses, against a real bare origin: a set of entries in one
//! commit with the editor's message, submit for review to `desk/<slug>`, unpublish (delete or
//! draft flag, per schema), rename with the old file removed in the same commit.

mod sync_support;

use desk::api::types::{EntryState, PublishRequest};
use sync_support::{ARTICLE, Editor, OTHER_ARTICLE, Origin, assert_sound, git, path_key};

const EVENT: &str = "content/events/barents-culture-conference-tromso.md";

fn editor() -> (Origin, Editor) {
    let origin = Origin::demo();
    let url = origin.path().to_string_lossy().into_owned();
    let e = Editor::clone(&url, "Ann");
    (origin, e)
}

#[test]
fn a_chosen_set_is_one_commit_with_the_editors_message() {
    let (origin, ann) = editor();
    let a = ann.edit_paragraph(ARTICLE, 0, "Set, first.");
    let b = ann.edit_paragraph(OTHER_ARTICLE, 0, "Set, second.");
    let before = git(&origin.path(), &["rev-parse", "main"]);
    let out = ann
        .desk
        .publish_set(&PublishRequest {
            entries: vec![a, b],
            message: Some("Two updates before the council meeting".into()),
            review: false,
        })
        .unwrap();
    assert!(out.pushed, "{:?}", out.push_error);
    assert_eq!(out.branch, "main");
    let o = origin.path();
    assert_eq!(
        git(
            &o,
            &["rev-list", "--count", &format!("{}..main", before.trim())]
        )
        .trim(),
        "1"
    );
    assert_eq!(
        git(&o, &["log", "-1", "--format=%s", "main"]).trim(),
        "Two updates before the council meeting"
    );
    let mut files: Vec<String> = git(&o, &["diff", "--name-only", before.trim(), "main"])
        .lines()
        .map(str::to_owned)
        .collect();
    files.sort();
    assert_eq!(files, vec![OTHER_ARTICLE.to_string(), ARTICLE.to_string()]);
    for p in [ARTICLE, OTHER_ARTICLE] {
        assert_eq!(
            ann.desk.open_entry(&path_key(p)).unwrap().state,
            EntryState::Published
        );
    }
    assert_sound(&ann.site());
}

#[test]
fn the_default_message_names_the_entry() {
    let (origin, ann) = editor();
    let a = ann.edit_paragraph(ARTICLE, 0, "Default message.");
    ann.desk
        .publish_set(&PublishRequest {
            entries: vec![a],
            message: None,
            review: false,
        })
        .unwrap();
    assert_eq!(
        git(&origin.path(), &["log", "-1", "--format=%s", "main"]).trim(),
        "Update article: Young voices set the agenda in Luleå"
    );
}

#[test]
fn an_event_in_a_set_carries_the_regenerated_feed_in_the_same_commit() {
    let (origin, ann) = editor();
    let e = ann.edit_paragraph(EVENT, 0, "New programme details.");
    let a = ann.edit_paragraph(ARTICLE, 0, "And an article.");
    let before = git(&origin.path(), &["rev-parse", "main"]);
    let out = ann
        .desk
        .publish_set(&PublishRequest {
            entries: vec![e, a],
            message: None,
            review: false,
        })
        .unwrap();
    assert!(out.pushed);
    let o = origin.path();
    assert_eq!(
        git(
            &o,
            &["rev-list", "--count", &format!("{}..main", before.trim())]
        )
        .trim(),
        "1"
    );
    let files = git(&o, &["diff", "--name-only", before.trim(), "main"]);
    assert!(files.contains(EVENT) && files.contains(ARTICLE), "{files}");
    assert_eq!(git(&o, &["rev-parse", "main"]).trim(), out.commit);
    assert_sound(&ann.site());
}

#[test]
fn submit_for_review_pushes_a_desk_branch_and_leaves_main_alone() {
    let (origin, ann) = editor();
    let a = ann.edit_paragraph(ARTICLE, 0, "Please review this.");
    let main_before = git(&origin.path(), &["rev-parse", "main"]);
    let local_before = git(&ann.site(), &["rev-parse", "HEAD"]);
    let out = ann
        .desk
        .publish_set(&PublishRequest {
            entries: vec![a],
            message: None,
            review: true,
        })
        .unwrap();
    assert!(out.pushed, "{:?}", out.push_error);
    assert_eq!(out.branch, "desk/youth-forum-lulea");
    let o = origin.path();
    assert_eq!(git(&o, &["rev-parse", "main"]), main_before);
    assert!(
        git(&o, &["show", &format!("desk/youth-forum-lulea:{ARTICLE}")])
            .contains("Please review this.")
    );
    assert_eq!(git(&ann.site(), &["rev-parse", "HEAD"]), local_before);
    assert_eq!(out.waiting, 0);
    // still a draft here: not on the site yet
    assert_eq!(
        ann.desk.open_entry(&path_key(ARTICLE)).unwrap().state,
        EntryState::Modified
    );
    assert_sound(&ann.site());
}

#[test]
fn unpublish_removes_the_file_in_one_commit_that_history_can_undo() {
    let (origin, ann) = editor();
    let out = ann.desk.unpublish(&path_key(OTHER_ARTICLE), None).unwrap();
    assert!(out.pushed);
    let o = origin.path();
    assert!(!git(&o, &["ls-tree", "-r", "--name-only", "main"]).contains(OTHER_ARTICLE));
    assert_eq!(
        git(&o, &["log", "-1", "--format=%s", "main"]).trim(),
        "Unpublish: Sámi film week fills the cinema in Inari"
    );
    assert!(!ann.site().join(OTHER_ARTICLE).exists());
    assert!(git(&o, &["show", &format!("main~1:{OTHER_ARTICLE}")]).contains("Inari"));
    assert_eq!(
        git(&o, &["show", "--name-only", "--format=", "main"]).trim(),
        OTHER_ARTICLE
    );
    assert_sound(&ann.site());
}

#[test]
fn unpublish_sets_the_draft_flag_when_the_schema_says_so() {
    let origin = Origin::demo();
    let url = origin.path().to_string_lossy().into_owned();
    let setup = Editor::clone(&url, "Setup");
    let schema = setup.site().join(".desk/site.toml");
    let text = std::fs::read_to_string(&schema).unwrap();
    std::fs::write(&schema, format!("{text}\n[sync]\nunpublish = \"draft\"\n")).unwrap();
    git(
        &setup.site(),
        &[
            "-c",
            "user.name=A",
            "-c",
            "user.email=a@x",
            "commit",
            "-qam",
            "draft mode",
        ],
    );
    git(&setup.site(), &["push", "-q", "origin", "main"]);
    let ann = Editor::clone(&url, "Ann");
    let before = git(&origin.path(), &["show", &format!("main:{ARTICLE}")]);
    assert!(
        ann.desk
            .unpublish(&path_key(ARTICLE), Some("Hide until corrected"))
            .unwrap()
            .pushed
    );
    let after = git(&origin.path(), &["show", &format!("main:{ARTICLE}")]);
    assert_eq!(after, before.replace("draft: false\n", "draft: true\n"));
    assert_eq!(
        git(&origin.path(), &["log", "-1", "--format=%s", "main"]).trim(),
        "Hide until corrected"
    );
}

#[test]
fn rename_moves_the_file_and_its_draft_in_one_commit() {
    let (origin, ann) = editor();
    ann.edit_paragraph(ARTICLE, 0, "Draft follows the move.");
    let new = "content/articles/youth-forum-lulea-2026.md";
    let out = ann.desk.rename_entry(&path_key(ARTICLE), new).unwrap();
    assert!(out.pushed);
    let o = origin.path();
    let status = git(&o, &["show", "--name-status", "--format=", "-M", "main"]);
    assert!(status.starts_with("R100"), "{status}");
    let moved = ann.desk.open_entry(&path_key(new)).unwrap();
    assert_eq!(moved.state, EntryState::Modified);
    assert!(
        serde_json::to_string(&moved.body)
            .unwrap()
            .contains("Draft follows the move.")
    );
    let err = ann
        .desk
        .rename_entry(&path_key(new), OTHER_ARTICLE)
        .unwrap_err();
    assert!(err.to_string().contains("already exists"));
    let err = ann
        .desk
        .rename_entry(&path_key(new), "static/x.md")
        .unwrap_err();
    assert!(err.to_string().contains("not in a collection"));
    assert_sound(&ann.site());
}
