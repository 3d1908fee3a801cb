//! After a sync, the search index follows only the entries the server's changes touched, and
//! a draft whose published file changed on the server is flagged — with a real bare origin
//! and two editors, each with a real SQLite store.

mod sync_support;

use desk::api::types::{SearchFilters, SearchSource};
use sync_support::{ARTICLE, Editor, OTHER_ARTICLE, Origin};

#[test]
fn a_sync_reindexes_the_changed_entries_only_and_flags_drafts_on_changed_files() {
    let origin = Origin::demo();
    let url = origin.path().to_string_lossy().into_owned();
    let ann = Editor::clone(&url, "Ann");
    let bo = Editor::clone(&url, "Bo");
    let first = bo.desk.index_site().unwrap();
    assert!(first.parsed >= 6, "every entry parsed once: {first:?}");
    // Bo has an unpublished draft of the article Ann is about to change, and of another one.
    bo.edit_paragraph(ARTICLE, 1, "Bo's unpublished thought.");
    bo.edit_paragraph(OTHER_ARTICLE, 1, "Bo's other draft.");

    assert!(
        ann.publish_paragraph(ARTICLE, 0, "Kirkenesnorth reindexing word.")
            .pushed
    );
    let published = |d: &desk::api::Desk| {
        d.search(
            "Kirkenesnorth",
            &SearchFilters {
                source: Some(SearchSource::Published),
                ..SearchFilters::default()
            },
        )
        .unwrap()
    };
    assert!(published(&bo.desk).is_empty(), "not on Bo's side yet");

    let report = bo.desk.sync().unwrap();
    assert_eq!(report.fetched, 1);
    assert_eq!(report.changed, vec![ARTICLE.to_string()]);
    assert_eq!(report.reindexed, 1, "only the changed entry is read");
    assert_eq!(
        report.stale_drafts,
        vec![ARTICLE.to_string()],
        "the draft on the changed file is flagged, the other one is not"
    );
    let hits = published(&bo.desk);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].key.path.as_deref(), Some(ARTICLE));
    // The index was already whole: a full pass finds nothing left to parse.
    let after = bo.desk.index_site().unwrap();
    assert_eq!((after.parsed, after.removed), (0, 0), "{after:?}");

    // A sync that brings nothing re-indexes nothing.
    let again = bo.desk.sync().unwrap();
    assert_eq!((again.fetched, again.reindexed), (0, 0));
}
