//! Revisions (thinning, restore), editorial states and the trash, against real SQLite files.

use super::*;
use crate::content::FieldEdits;
use crate::markdown::DocNode;

static NO_FIELDS: FieldEdits = FieldEdits::new();
const MIN: i64 = 60 * 1000;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

fn doc(text: &str) -> DocNode {
    DocNode::new("doc").with_content(vec![
        DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])]),
    ])
}

fn write<'a>(doc: &'a DocNode, path: Option<&'a str>) -> DraftWrite<'a> {
    DraftWrite {
        collection: "articles",
        path,
        title: "T",
        doc,
        fields: &NO_FIELDS,
        base_blob: None,
    }
}

fn text_of(row: &RevisionRow) -> String {
    let para = &row.doc.content.as_ref().unwrap()[0];
    para.content.as_ref().unwrap()[0]
        .text
        .clone()
        .unwrap_or_default()
}

#[test]
fn the_newest_revision_always_holds_the_last_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let site = store.site_id("/s").unwrap();
    let t0 = 1_700_000_000_000;
    let (id, _) = store
        .save_draft_at(site, None, &write(&doc("a"), None), t0)
        .unwrap();
    for (i, dt) in [1_000, 20_000, 59_000].iter().enumerate() {
        store
            .save_draft_at(
                site,
                Some(id),
                &write(&doc(&format!("a{i}")), None),
                t0 + dt,
            )
            .unwrap();
    }
    let revs = store.revisions(site, id).unwrap();
    assert_eq!(revs.len(), 1, "saves within a minute fill one point");
    assert_eq!(text_of(&revs[0]), "a2");
    assert_eq!((revs[0].created_at, revs[0].updated_at), (t0, t0 + 59_000));
    store
        .save_draft_at(site, Some(id), &write(&doc("b"), None), t0 + 61_000)
        .unwrap();
    let revs = store.revisions(site, id).unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(
        (text_of(&revs[0]).as_str(), text_of(&revs[1]).as_str()),
        ("b", "a2")
    );
}

#[test]
fn thinning_keeps_minutes_for_an_hour_hours_for_a_day_days_for_a_month() {
    let now = 100 * DAY;
    // one point a minute for 40 days, newest first
    let points: Vec<(i64, i64)> = (0..40 * 24 * 60).map(|i| (i, now - i * MIN)).collect();
    let kept = keep_ids(&points, now);
    // 60 minutes, then one per clock hour and one per calendar day (UTC): the hour and day
    // buckets that straddle a boundary add at most one each.
    assert!(
        (60 + 23 + 29..=60 + 24 + 30).contains(&kept.len()),
        "{kept:?}"
    );
    assert!(kept.contains(&0), "the newest point is kept");
    assert!(
        points
            .iter()
            .filter(|p| kept.contains(&p.0))
            .all(|p| now - p.1 < 30 * DAY)
    );
}

fn keep_ids(points: &[(i64, i64)], now: i64) -> Vec<i64> {
    revisions::keep(points, now)
}

#[test]
fn a_month_of_autosaves_stays_bounded_and_publishes_are_never_thinned() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.sqlite3");
    let mut store = Store::open(&file).unwrap();
    // This test is about size, not durability: without an fsync per save it runs in seconds.
    store
        .conn
        .pragma_update(None, "synchronous", "OFF")
        .unwrap();
    let site = store.site_id("/s").unwrap();
    let body = "Lorem ipsum dolor sit amet. ".repeat(400); // ~11 KB of text
    let t0 = 1_700_000_000_000;
    let (id, _) = store
        .save_draft_at(site, None, &write(&doc(&body), Some("content/a.md")), t0)
        .unwrap();
    // 10,000 saves, one every 4.5 minutes: five weeks of work.
    let step = 270_000;
    for i in 1..10_000i64 {
        let d = doc(&format!("{body}{i}"));
        store
            .save_draft_at(
                site,
                Some(id),
                &write(&d, Some("content/a.md")),
                t0 + i * step,
            )
            .unwrap();
        if i % 2_000 == 0 {
            store
                .mark_published(
                    id,
                    &Published {
                        path: "content/a.md",
                        title: "T",
                        doc: &d,
                        fields: &NO_FIELDS,
                        blob: "b",
                        commit: "c",
                        author: "Tester",
                    },
                )
                .unwrap();
        }
    }
    let (autosaves, publishes) = store.revision_counts(id).unwrap();
    assert_eq!(publishes, 4, "every publish is kept");
    assert!(
        autosaves <= 60 + 24 + 30,
        "autosave points are thinned: {autosaves}"
    );
    drop(store);
    let size = std::fs::metadata(&file).unwrap().len()
        + std::fs::metadata(dir.path().join("s.sqlite3-wal")).map_or(0, |m| m.len());
    // ~120 revisions of ~11 KB plus free pages SQLite reuses: stated bound 8 MiB.
    assert!(size < 8 << 20, "store is {size} bytes");
    let t = std::time::Instant::now();
    let store = Store::open(&file).unwrap();
    assert!(store.draft(site, id).unwrap().is_some());
    assert!(
        t.elapsed() < std::time::Duration::from_secs(2),
        "reopen took {:?}",
        t.elapsed()
    );
}

#[test]
fn restoring_a_revision_adds_one_and_keeps_the_replaced_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let site = store.site_id("/s").unwrap();
    let t0 = now_ms() - 2 * HOUR;
    let (id, _) = store
        .save_draft_at(site, None, &write(&doc("first"), None), t0)
        .unwrap();
    store
        .save_draft_at(site, Some(id), &write(&doc("second"), None), t0 + HOUR)
        .unwrap();
    let first = store.revisions(site, id).unwrap().pop().unwrap();
    assert_eq!(text_of(&first), "first");
    store
        .restore_revision(site, id, first.id, Some("Ann"))
        .unwrap();
    let draft = store.draft(site, id).unwrap().unwrap();
    assert_eq!(draft.doc, doc("first"));
    let revs = store.revisions(site, id).unwrap();
    let texts: Vec<String> = revs.iter().map(text_of).collect();
    assert_eq!(texts, ["first", "second", "first"]);
    assert_eq!(revs[0].kind, RevisionKind::Restore);
    assert_eq!(revs[0].author.as_deref(), Some("Ann"));
    let err = store.restore_revision(site, id, 9999, None).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn editorial_states_record_who_and_when_and_follow_edits_and_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let site = store.site_id("/s").unwrap();
    let (id, _) = store
        .save_draft(site, None, &write(&doc("x"), None))
        .unwrap();
    assert_eq!(
        store.draft(site, id).unwrap().unwrap().editorial.state,
        "draft"
    );
    let set = store
        .set_editorial(site, id, "in_review", Some("Ann"))
        .unwrap();
    assert_eq!(
        (set.state.as_str(), set.by.as_deref()),
        ("in_review", Some("Ann"))
    );
    store
        .save_draft(site, Some(id), &write(&doc("y"), None))
        .unwrap();
    let row = store.draft(site, id).unwrap().unwrap();
    assert_eq!(
        row.editorial.state, "in_review",
        "an edit in review stays in review"
    );
    assert!(store.set_editorial(site, id, "published", None).is_err());
    store
        .mark_published(
            id,
            &Published {
                path: "content/y.md",
                title: "T",
                doc: &doc("y"),
                fields: &NO_FIELDS,
                blob: "b",
                commit: "c",
                author: "Bo",
            },
        )
        .unwrap();
    let row = store.draft(site, id).unwrap().unwrap();
    assert_eq!(
        (row.editorial.state.as_str(), row.editorial.by.as_deref()),
        ("published", Some("Bo"))
    );
    store
        .save_draft(site, Some(id), &write(&doc("z"), None))
        .unwrap();
    assert_eq!(
        store.draft(site, id).unwrap().unwrap().editorial.state,
        "draft"
    );
}

#[test]
fn the_trash_keeps_a_draft_for_thirty_days_and_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let site = store.site_id("/s").unwrap();
    let path = Some("content/a.md");
    let (id, _) = store
        .save_draft(site, None, &write(&doc("kept"), path))
        .unwrap();
    let item = store.trash_draft(site, id).unwrap();
    assert_eq!(item.path.as_deref(), path);
    assert!(store.unpublished_drafts(site).unwrap().is_empty());
    assert!(store.draft(site, id).unwrap().is_none());
    assert_eq!(
        store
            .save_draft(site, Some(id), &write(&doc("late"), path))
            .unwrap_err()
            .code(),
        "draft_gone",
        "an autosave into a trashed draft is refused, never silently dropped"
    );
    // The entry gets a new draft meanwhile; restoring puts the trashed text over it as a
    // restore revision and keeps the newer text as a revision.
    let (newer, _) = store
        .save_draft(site, None, &write(&doc("newer"), path))
        .unwrap();
    assert_ne!(newer, id);
    let holder = store.restore_from_trash(site, id, None).unwrap();
    assert_eq!(holder, newer);
    assert_eq!(store.draft(site, newer).unwrap().unwrap().doc, doc("kept"));
    let texts: Vec<String> = store
        .revisions(site, newer)
        .unwrap()
        .iter()
        .map(text_of)
        .collect();
    assert!(
        texts.contains(&"newer".to_owned()) && texts.contains(&"kept".to_owned()),
        "{texts:?}"
    );
    assert!(store.trash(site).unwrap().is_empty());

    // A plain restore gives the path back.
    let (other, _) = store
        .save_draft(site, None, &write(&doc("b"), Some("content/b.md")))
        .unwrap();
    store.trash_draft(site, other).unwrap();
    assert_eq!(store.restore_from_trash(site, other, None).unwrap(), other);
    assert_eq!(
        store
            .draft_by_path(site, "content/b.md")
            .unwrap()
            .unwrap()
            .id,
        other
    );

    // Purged after 30 days, not before.
    store.trash_draft(site, other).unwrap();
    let now = now_ms();
    store
        .set_trashed_at(other, now - KEEP_TRASH_MS + HOUR)
        .unwrap();
    assert_eq!(store.purge_trash(now).unwrap(), 0);
    store
        .set_trashed_at(other, now - KEEP_TRASH_MS - HOUR)
        .unwrap();
    assert_eq!(store.purge_trash(now).unwrap(), 1);
    assert!(store.trash(site).unwrap().is_empty());
    assert_eq!(
        store.revision_total(other).unwrap(),
        0,
        "its revisions went with it"
    );
}
