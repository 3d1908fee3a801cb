//! The store against real SQLite files in temporary folders.

use super::*;
use crate::content::FieldEdits;
use crate::markdown::DocNode;

static NO_FIELDS: FieldEdits = FieldEdits::new();

fn doc(text: &str) -> DocNode {
    DocNode::new("doc").with_content(vec![
        DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])]),
    ])
}

fn write<'a>(title: &'a str, doc: &'a DocNode, path: Option<&'a str>) -> DraftWrite<'a> {
    DraftWrite {
        collection: "articles",
        path,
        title,
        doc,
        fields: &NO_FIELDS,
        base_blob: None,
    }
}

#[test]
fn a_new_store_is_migrated_to_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    let mode: String = store
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = store
        .conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous must be FULL");
    let fk: i64 = store
        .conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_twice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.sqlite3");
    let id = {
        let mut store = Store::open(&file).unwrap();
        let site = store.site_id("/sites/a").unwrap();
        store
            .create_draft(site, &write("Kept", &doc("body"), None))
            .unwrap()
    };
    let store = Store::open(&file).unwrap();
    let site = 1;
    assert_eq!(store.draft(site, id).unwrap().unwrap().title, "Kept");
}

#[test]
fn a_store_from_a_newer_app_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.sqlite3");
    drop(Store::open(&file).unwrap());
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&file)
        .err()
        .expect("newer schema must be refused");
    assert_eq!(err.code(), "newer_schema");
    assert!(err.to_string().contains("Update Barents Desk"), "{err}");
}

#[test]
fn autosaves_upsert_by_path_and_publishing_records_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let site = store.site_id("/sites/a").unwrap();
    let first = doc("one");
    let (id, _) = store
        .save_draft(
            site,
            None,
            &write("T", &first, Some("content/articles/a.md")),
        )
        .unwrap();
    let second = doc("two");
    let (again, _) = store
        .save_draft(
            site,
            None,
            &write("T2", &second, Some("content/articles/a.md")),
        )
        .unwrap();
    assert_eq!(
        id, again,
        "a second autosave of the same file updates the same draft"
    );
    let row = store
        .draft_by_path(site, "content/articles/a.md")
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.title.as_str(), &row.doc, row.state),
        ("T2", &second, DraftState::Draft)
    );
    // one autosave point per minute (filled in place), not one per keystroke
    assert_eq!(store.revision_counts(id).unwrap(), (1, 0));

    store
        .mark_published(
            id,
            &Published {
                path: "content/articles/a.md",
                title: "T2",
                doc: &second,
                fields: &FieldEdits::new(),
                blob: "blob",
                commit: "commit",
                author: "Tester",
            },
        )
        .unwrap();
    assert_eq!(
        store.draft(site, id).unwrap().unwrap().state,
        DraftState::Published
    );
    assert_eq!(store.revision_counts(id).unwrap(), (1, 1));
    assert!(store.unpublished_drafts(site).unwrap().is_empty());
}

#[test]
fn an_autosave_racing_a_publish_keeps_the_draft_unpublished() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let site = store.site_id("/sites/a").unwrap();
    let published = doc("as published");
    let id = store
        .create_draft(site, &write("T", &published, None))
        .unwrap();
    let newer = doc("typed while the commit was being made");
    store
        .save_draft(site, Some(id), &write("T", &newer, None))
        .unwrap();
    store
        .mark_published(
            id,
            &Published {
                path: "content/articles/t.md",
                title: "T",
                doc: &published,
                fields: &FieldEdits::new(),
                blob: "b",
                commit: "c",
                author: "Tester",
            },
        )
        .unwrap();
    let row = store.draft(site, id).unwrap().unwrap();
    assert_eq!(row.state, DraftState::Draft);
    assert_eq!(row.doc, newer);
}
