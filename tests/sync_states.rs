//! The entry list tells "published here, waiting to be sent" from "published on the site"
//! (wt-states): with a real clone of a bare origin, a publish that could not be pushed (the
//! origin unreachable, or the server refusing it) lists its entry as `Queued` — and only that
//! entry — in the list and when opened; once a sync has pushed it, it is `Published`.

mod sync_support;

use desk::api::types::{EntryState, EntrySummary};
use sync_support::{ARTICLE, Editor, OTHER_ARTICLE, Origin, git, path_key};

fn url(origin: &Origin) -> String {
    origin.path().to_string_lossy().into_owned()
}

fn state_in_list(editor: &Editor, path: &str) -> EntryState {
    let rows: Vec<EntrySummary> = editor.desk.list_entries().unwrap();
    rows.iter()
        .find(|e| e.key.path.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("{path} is listed"))
        .state
}

fn queued_paths(editor: &Editor) -> Vec<String> {
    editor
        .desk
        .list_entries()
        .unwrap()
        .into_iter()
        .filter(|e| e.state == EntryState::Queued)
        .filter_map(|e| e.key.path)
        .collect()
}

#[test]
fn a_publish_made_while_the_origin_is_unreachable_is_queued_until_a_sync_pushes_it() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    assert!(
        queued_paths(&ann).is_empty(),
        "a fresh clone waits for nothing"
    );

    // The origin's folder is gone (an unplugged drive): the push cannot happen.
    let away = origin.dir.path().join("away.git");
    std::fs::rename(origin.path(), &away).unwrap();
    let out = ann.publish_paragraph(ARTICLE, 0, "Written on the train.");
    assert!(!out.pushed, "{:?}", out.push_error);
    assert_eq!(out.waiting, 1);

    assert_eq!(state_in_list(&ann, ARTICLE), EntryState::Queued);
    assert_eq!(queued_paths(&ann), vec![ARTICLE.to_string()], "only it");
    assert_eq!(state_in_list(&ann, OTHER_ARTICLE), EntryState::Published);
    let opened = ann.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert_eq!(opened.state, EntryState::Queued);
    assert_eq!(
        ann.desk.open_entry(&path_key(OTHER_ARTICLE)).unwrap().state,
        EntryState::Published
    );
    // A sync while it is still away keeps it queued.
    assert!(ann.desk.sync().is_err());
    assert_eq!(state_in_list(&ann, ARTICLE), EntryState::Queued);

    std::fs::rename(&away, origin.path()).unwrap();
    let report = ann.desk.sync().unwrap();
    assert!(report.pushed);
    assert_eq!(report.waiting, 0);
    assert_eq!(state_in_list(&ann, ARTICLE), EntryState::Published);
    assert!(queued_paths(&ann).is_empty());
    assert_eq!(
        ann.desk.open_entry(&path_key(ARTICLE)).unwrap().state,
        EntryState::Published
    );
    // The witness: the server has the text.
    assert!(
        git(&origin.path(), &["show", &format!("main:{ARTICLE}")])
            .contains("Written on the train.")
    );
}

#[test]
fn a_publish_the_server_refused_is_queued_and_the_server_s_news_is_not() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    assert!(ann.publish_paragraph(ARTICLE, 0, "Ann's opening.").pushed);
    let late = bo.publish_paragraph(OTHER_ARTICLE, 0, "Bo's opening.");
    assert!(!late.pushed, "refused: the server moved on");
    assert_eq!(queued_paths(&bo), vec![OTHER_ARTICLE.to_string()]);

    // Fetched but not yet put on top: the server's change is not Bo's to send.
    git(&bo.site(), &["fetch", "-q", "origin"]);
    assert_eq!(queued_paths(&bo), vec![OTHER_ARTICLE.to_string()]);

    let report = bo.desk.sync().unwrap();
    assert!(report.pushed);
    assert!(queued_paths(&bo).is_empty());
    assert_eq!(state_in_list(&bo, OTHER_ARTICLE), EntryState::Published);
    assert_eq!(state_in_list(&bo, ARTICLE), EntryState::Published);
}

#[test]
fn a_site_without_a_server_lists_nothing_as_waiting() {
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    git(&ann.site(), &["remote", "remove", "origin"]);
    let out = ann.publish_paragraph(ARTICLE, 0, "Kept here only.");
    assert!(!out.pushed);
    assert!(
        queued_paths(&ann).is_empty(),
        "there is no server to wait for"
    );
    assert_eq!(state_in_list(&ann, ARTICLE), EntryState::Published);
}

/// An entry held back by a conflict goes out only through the conflict's resolution: a publish
/// set (or a plain publish) that includes it is refused as a whole, with words that say what
/// to do, and leaves the branch, the server and the conflict's record as they were.
#[test]
fn an_entry_with_an_open_conflict_is_refused_by_publish_set_and_publish() {
    use desk::api::types::{ConflictResolution, PublishRequest};
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    assert!(ann.publish_paragraph(ARTICLE, 0, "Ann's opening.").pushed);
    assert!(!bo.publish_paragraph(ARTICLE, 0, "Bo's opening.").pushed);
    let report = bo.desk.sync().unwrap();
    assert_eq!(report.conflicts.len(), 1);
    let conflict_id = report.conflicts[0].id;

    // Bo keeps typing in the held-back entry's draft and edits another entry too.
    let held = bo.edit_paragraph(ARTICLE, 1, "Bo's second paragraph.");
    let other = bo.edit_paragraph(OTHER_ARTICLE, 0, "Bo's other news.");
    let head = git(&bo.site(), &["rev-parse", "main"]);
    let server = git(&origin.path(), &["rev-parse", "main"]);

    let refused = bo
        .desk
        .publish_set(&PublishRequest {
            entries: vec![other.clone(), held.clone()],
            message: None,
            review: false,
        })
        .unwrap_err();
    let words = refused.to_string();
    assert!(words.contains(ARTICLE), "{words}");
    assert!(words.contains("conflict"), "{words}");
    assert!(words.contains("choose"), "says what to do: {words}");
    let plain = bo.desk.publish(&held).unwrap_err().to_string();
    assert!(plain.contains("conflict"), "{plain}");

    assert_eq!(
        git(&bo.site(), &["rev-parse", "main"]),
        head,
        "nothing committed"
    );
    assert_eq!(git(&origin.path(), &["rev-parse", "main"]), server);
    let open = bo.desk.conflicts().unwrap();
    assert_eq!(open.len(), 1, "the conflict's record is still open");
    assert_eq!(open[0].summary.id, conflict_id);
    assert_eq!(
        state_in_list(&bo, OTHER_ARTICLE),
        EntryState::Modified,
        "the other entry's draft is untouched"
    );

    // Without the held-back entry the set goes out; the conflict is resolved its own way.
    let out = bo
        .desk
        .publish_set(&PublishRequest {
            entries: vec![other],
            message: None,
            review: false,
        })
        .unwrap();
    assert!(out.pushed, "{:?}", out.push_error);
    bo.desk
        .resolve_conflict(conflict_id, &ConflictResolution::KeepMine)
        .unwrap();
    assert!(bo.desk.conflicts().unwrap().is_empty());
    assert!(git(&origin.path(), &["show", &format!("main:{ARTICLE}")]).contains("Bo's opening."));
}

/// Resolving a conflict adds the resolution to the history and never writes over a revision:
/// the text typed after the publish and before the conflict (an autosave point under a minute
/// old) stays in the history beside the resolved version.
#[test]
fn resolving_a_conflict_keeps_the_text_typed_after_the_publish_in_the_history() {
    use desk::api::types::{ConflictResolution, DiffOp};
    const TYPED: &str = "Bo typed this after publishing, before the sync.";
    let origin = Origin::demo();
    let ann = Editor::clone(&url(&origin), "Ann");
    let bo = Editor::clone(&url(&origin), "Bo");
    assert!(ann.publish_paragraph(ARTICLE, 0, "Ann's opening.").pushed);
    assert!(!bo.publish_paragraph(ARTICLE, 0, "Bo's opening.").pushed);
    // Typed right after the publish: an autosave point that takes saves for a minute.
    let key = bo.edit_paragraph(ARTICLE, 1, TYPED);
    let report = bo.desk.sync().unwrap();
    assert_eq!(report.conflicts.len(), 1);
    let conflict = &bo.desk.conflicts().unwrap()[0];
    let before = bo.desk.list_revisions(&key).unwrap().len();

    let combined = conflict
        .theirs
        .as_deref()
        .unwrap()
        .replace("Ann's opening.", "Ann's and Bo's opening.");
    let out = bo
        .desk
        .resolve_conflict(
            conflict.summary.id,
            &ConflictResolution::Edited {
                text: combined.clone(),
            },
        )
        .unwrap();
    assert!(out.pushed, "{:?}", out.push_error);

    let revisions = bo.desk.list_revisions(&key).unwrap();
    assert!(
        revisions.len() > before,
        "the resolution added a revision ({before} -> {})",
        revisions.len()
    );
    // The newest revision is the resolution, as published; the typed text is in an older one.
    let newest = bo.desk.revision_diff(&key, revisions[0].id).unwrap();
    assert!(
        newest.hunks.is_empty(),
        "the newest revision is the resolved text"
    );
    let holds_typed = revisions.iter().any(|r| {
        bo.desk
            .revision_diff(&key, r.id)
            .unwrap()
            .hunks
            .iter()
            .flat_map(|h| &h.lines)
            .any(|l| l.op == DiffOp::Delete && l.text.contains(TYPED))
    });
    assert!(
        holds_typed,
        "the text typed after the publish is still in the history"
    );
    let opened = bo.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let body = serde_json::to_string(&opened.body).unwrap();
    assert!(body.contains("Ann's and Bo's opening.") && !body.contains(TYPED));
}
