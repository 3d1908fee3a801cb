//! Revisions, editorial states, the trash and search through the same API the app calls, on
//! the demo site (a real git repository with a bare origin) and a real SQLite store.

mod common;

use common::{World, path_key};
use desk::api::types::{
    DiffOp, DraftInput, EditorialState, EntryFilter, EntryKey, RevisionKind, SearchFilters,
    SearchSource,
};
use desk::markdown::DocNode;

const ARTICLE: &str = "content/articles/winter-crossing-kirkenes.md";

fn paragraph(text: &str) -> DocNode {
    DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])])
}

fn save(world: &World, key: &EntryKey, body: &DocNode) -> EntryKey {
    let entry = world.desk.open_entry(key).unwrap();
    world
        .desk
        .save_draft(&DraftInput {
            key: entry.key.clone(),
            collection: entry.collection.clone(),
            title: entry.title.clone(),
            fields: Default::default(),
            body: body.clone(),
        })
        .unwrap()
        .key
}

#[test]
fn revisions_list_with_a_diff_and_restore_as_a_new_revision() {
    let world = World::new();
    world.identify();
    let opened = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let mut body = opened.body.clone();
    body.content
        .as_mut()
        .unwrap()
        .push(paragraph("First addition."));
    let key = save(&world, &path_key(ARTICLE), &body);
    let revisions = world.desk.list_revisions(&key).unwrap();
    assert_eq!(
        revisions.len(),
        2,
        "the autosave, and the published file it started from"
    );
    assert_eq!(revisions[1].kind, RevisionKind::Publish);
    assert_eq!(
        (revisions[0].added, revisions[0].removed),
        (0, 0),
        "the newest point is the current text"
    );

    // A restore of a revision whose text differs: make one by restoring after a change.
    let first = revisions[0].id;
    let mut changed = body.clone();
    changed.content.as_mut().unwrap().pop();
    changed
        .content
        .as_mut()
        .unwrap()
        .push(paragraph("Second version."));
    save(&world, &key, &changed);
    // Within the minute the point is filled in place: restore works on what the list shows.
    let listed = world.desk.list_revisions(&key).unwrap();
    assert_eq!(listed[0].id, first);
    world
        .desk
        .set_editorial_state(&key, EditorialState::InReview)
        .unwrap();
    let restored = world.desk.restore_revision(&key, first).unwrap();
    assert_eq!(
        restored.body, changed,
        "the newest point holds the last save"
    );

    // Diff: published text vs the draft, after publishing a revision exists to compare.
    let outcome = world.desk.publish(&key).unwrap();
    assert!(outcome.pushed, "{:?}", outcome.push_error);
    let mut third = changed.clone();
    third
        .content
        .as_mut()
        .unwrap()
        .push(paragraph("Third, after publishing."));
    save(&world, &key, &third);
    let revisions = world.desk.list_revisions(&key).unwrap();
    let publish = revisions
        .iter()
        .find(|r| r.kind == RevisionKind::Publish)
        .unwrap();
    assert_eq!(publish.author.as_deref(), Some("Åsa Nilsson"));
    assert_eq!((publish.added, publish.removed), (2, 0), "{publish:?}");
    let diff = world.desk.revision_diff(&key, publish.id).unwrap();
    let inserted: Vec<&str> = diff
        .hunks
        .iter()
        .flat_map(|h| &h.lines)
        .filter(|l| l.op == DiffOp::Insert)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(inserted, ["", "Third, after publishing."]);
    let restored = world.desk.restore_revision(&key, publish.id).unwrap();
    assert_eq!(restored.body, changed);
    let after = world.desk.list_revisions(&key).unwrap();
    assert_eq!(after[0].kind, RevisionKind::Restore);
    assert!(
        after.iter().any(|r| world
            .desk
            .revision_diff(&key, r.id)
            .unwrap()
            .hunks
            .iter()
            .any(|h| h.lines.iter().any(|l| l.text == "Third, after publishing."))),
        "the text the restore replaced is still a revision"
    );
}

#[test]
fn editorial_states_are_listed_filtered_and_set_by_publishing() {
    let world = World::new();
    world.identify();
    let body = world.desk.open_entry(&path_key(ARTICLE)).unwrap().body;
    let key = save(&world, &path_key(ARTICLE), &body);
    let set = world
        .desk
        .set_editorial_state(&key, EditorialState::Ready)
        .unwrap();
    assert_eq!(
        (set.state, set.by.as_deref()),
        (EditorialState::Ready, Some("Åsa Nilsson"))
    );
    assert!(set.at.is_some());
    let ready = world
        .desk
        .list_entries_where(&EntryFilter {
            editorial: Some(EditorialState::Ready),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0].key.path.as_deref(), Some(ARTICLE));
    assert!(
        world
            .desk
            .set_editorial_state(&key, EditorialState::Published)
            .is_err()
    );
    // An entry with no draft has no editorial flow to move along.
    let other = "content/articles/sami-film-week-inari.md";
    let err = world
        .desk
        .set_editorial_state(&path_key(other), EditorialState::InReview)
        .unwrap_err();
    assert!(err.to_string().contains("edit it first"), "{err}");
    let all = world.desk.list_entries().unwrap();
    let published = all
        .iter()
        .find(|e| e.key.path.as_deref() == Some(other))
        .unwrap();
    assert_eq!(published.editorial.state, EditorialState::Published);
}

#[test]
fn a_discarded_draft_waits_in_the_trash_and_comes_back() {
    let world = World::new();
    let entry = world
        .desk
        .new_entry("articles", "Thrown away by mistake")
        .unwrap();
    let mut body = entry.body.clone();
    body.content = Some(vec![paragraph("Words worth keeping.")]);
    let key = save(&world, &entry.key, &body);
    let item = world.desk.trash_draft(&key).unwrap();
    assert!(item.purge_at - item.trashed_at >= 30 * 24 * 3600 * 1000);
    assert!(
        !world
            .desk
            .list_entries()
            .unwrap()
            .iter()
            .any(|e| e.key.draft_id == key.draft_id)
    );
    assert_eq!(world.desk.list_trash().unwrap().len(), 1);
    let back = world.desk.restore_from_trash(item.draft_id).unwrap();
    assert_eq!(back.body, body);
    assert!(world.desk.list_trash().unwrap().is_empty());
    assert!(
        world
            .desk
            .list_entries()
            .unwrap()
            .iter()
            .any(|e| e.key.draft_id == key.draft_id)
    );
}

#[test]
fn search_finds_published_entries_and_drafts_forgiving_diacritics() {
    let world = World::new();
    let report = world.desk.index_site().unwrap();
    assert!(
        report.entries >= 7 && report.parsed == report.entries,
        "{report:?}"
    );
    let again = world.desk.index_site().unwrap();
    assert_eq!(
        (again.parsed, again.unchanged),
        (0, report.entries),
        "incremental by blob"
    );

    let find = |q: &str, f: &SearchFilters| world.desk.search(q, f).unwrap();
    let any = SearchFilters::default();
    // Prefixes as one types; Latin diacritics; Cyrillic with ё written as е.
    let hits = find("lule", &any);
    assert!(hits.iter().any(|h| h.title.contains("Luleå")), "{hits:?}");
    let hits = find("молодеж", &any);
    assert_eq!(hits[0].language.as_deref(), Some("ru"), "{hits:?}");
    assert!(
        hits[0]
            .title_parts
            .iter()
            .any(|p| p.hit && p.text == "Молодёжь"),
        "{:?}",
        hits[0].title_parts
    );
    let hits = find("sami film", &any);
    assert_eq!(
        hits[0].key.path.as_deref(),
        Some("content/articles/sami-film-week-inari.md")
    );
    assert!(
        hits[0].snippet.iter().any(|p| p.hit),
        "a snippet marks its hits"
    );
    // Filters.
    let only_events = SearchFilters {
        collection: Some("events".into()),
        ..Default::default()
    };
    assert!(
        find("barents", &only_events)
            .iter()
            .all(|h| h.collection == "events")
    );
    let ru = SearchFilters {
        language: Some("ru".into()),
        ..Default::default()
    };
    assert!(
        find("лулео", &ru)
            .iter()
            .all(|h| h.language.as_deref() == Some("ru"))
    );
    let tagged = SearchFilters {
        tag: Some("youth".into()),
        ..Default::default()
    };
    assert!(!find("forum", &tagged).is_empty());
    let future = SearchFilters {
        from: Some("2099-01-01".into()),
        ..Default::default()
    };
    assert!(find("barents", &future).is_empty());
    // Query syntax is text, never FTS5 operators.
    world.desk.search("\"NEAR( OR *", &any).unwrap();

    // A draft is searchable at once, by its newest text, and leaves with the trash.
    let entry = world
        .desk
        .new_entry("articles", "Đuoddara ja ŋuolla")
        .unwrap();
    let mut body = entry.body.clone();
    body.content = Some(vec![paragraph("Goahtesiida Čáhcegieddi")]);
    let key = save(&world, &entry.key, &body);
    let hits = find("duoddara", &any);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].source, SearchSource::Draft);
    assert_eq!(find("nuoll", &any).len(), 1, "ŋ is found as n");
    assert_eq!(find("cahceg", &any).len(), 1);
    world.desk.trash_draft(&key).unwrap();
    assert!(find("duoddara", &any).is_empty());
}

#[test]
fn after_a_publish_only_the_changed_file_is_parsed_again() {
    let world = World::new();
    world.identify();
    world.desk.index_site().unwrap();
    let mut body = world.desk.open_entry(&path_key(ARTICLE)).unwrap().body;
    body.content
        .as_mut()
        .unwrap()
        .push(paragraph("Ishavsveien"));
    let key = save(&world, &path_key(ARTICLE), &body);
    world.desk.publish(&key).unwrap();
    let report = world.desk.index_site().unwrap();
    assert_eq!(report.parsed, 1, "{report:?}");
    let hits = world
        .desk
        .search(
            "ishavsv",
            &SearchFilters {
                source: Some(SearchSource::Published),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].key.path.as_deref(), Some(ARTICLE));
}

#[test]
fn a_damaged_store_is_reported_at_startup_and_drafts_come_back() {
    let mut world = World::new();
    let entry = world.desk.new_entry("articles", "Survivor").unwrap();
    let mut body = entry.body.clone();
    body.content = Some(vec![paragraph("Still here after the damage.")]);
    save(&world, &entry.key, &body);
    world.desk.index_site().unwrap();
    drop(world.desk);
    world.desk = desk::api::Desk::open(&world.data.join("..").join("spare")).unwrap();
    // Break a b-tree page of the site index (the page holding one indexed article's text).
    let file = desk::paths::store_file(&world.data);
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes
        .windows(24)
        .position(|w| w == "in the north of Norway, ".as_bytes())
        .expect("the indexed text is in the file");
    let victim = at / 4096;
    for b in &mut bytes[victim * 4096..victim * 4096 + 8] {
        *b = 0xFF;
    }
    std::fs::write(&file, &bytes).unwrap();
    world.desk = desk::api::Desk::open(&world.data).unwrap();
    let startup = world.desk.startup().unwrap();
    let notice = startup.store_notice.expect("the user is told");
    assert!(
        notice.contains("damaged") && notice.contains("moved to"),
        "{notice}"
    );
    let titles: Vec<String> = world
        .desk
        .list_entries()
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect();
    assert!(
        titles.contains(&"Survivor".to_owned()),
        "{notice}\n{titles:?}"
    );
    // The index is rebuilt from the repository.
    let report = world.desk.index_site().unwrap();
    assert_eq!(report.parsed, report.entries);
    assert!(
        !world
            .desk
            .search("culture conference", &SearchFilters::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_commit_made_outside_the_app_re_indexes_only_its_files() {
    let world = World::new();
    let first = world.desk.index_site().unwrap();
    assert!(first.parsed >= 6, "{first:?}");
    // Nothing changed: nothing is read again.
    let again = world.desk.index_site().unwrap();
    assert_eq!(
        (again.parsed, again.removed, again.entries),
        (0, 0, first.entries)
    );
    // Another tool renames one article and deletes another, in one commit.
    let site = world.site();
    let articles: Vec<String> = common::git(&site, &["ls-files", "content/articles"])
        .lines()
        .filter(|p| p.ends_with(".md") && !p.ends_with("_index.md"))
        .map(str::to_owned)
        .collect();
    assert!(articles.len() >= 2, "{articles:?}");
    let renamed = "content/articles/renamed-by-another-tool.md";
    common::git(&site, &["mv", &articles[0], renamed]);
    common::git(&site, &["rm", "-q", &articles[1]]);
    common::git(
        &site,
        &[
            "-c",
            "user.name=Other",
            "-c",
            "user.email=other@barents.example",
            "commit",
            "-qm",
            "Reorganise",
        ],
    );
    let report = world.desk.index_site().unwrap();
    assert_eq!(
        report.parsed, 1,
        "only the renamed file is read: {report:?}"
    );
    assert_eq!(report.removed, 2, "{report:?}");
    assert_eq!(report.entries, first.entries - 1);
    let paths: Vec<Option<String>> = world
        .desk
        .search(
            "barents",
            &SearchFilters {
                source: Some(SearchSource::Published),
                limit: Some(500),
                ..Default::default()
            },
        )
        .unwrap()
        .into_iter()
        .map(|h| h.key.path)
        .collect();
    assert!(!paths.contains(&Some(articles[0].clone())), "{paths:?}");
    assert!(!paths.contains(&Some(articles[1].clone())), "{paths:?}");
}

#[test]
fn the_first_edit_of_a_published_entry_keeps_the_published_text_to_go_back_to() {
    let world = World::new();
    let published = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let key = save(
        &world,
        &path_key(ARTICLE),
        &DocNode::new("doc").with_content(vec![paragraph("Everything rewritten.")]),
    );
    let revisions = world.desk.list_revisions(&key).unwrap();
    let base = revisions
        .iter()
        .find(|r| r.kind == RevisionKind::Publish)
        .expect("the published text is a revision");
    assert_eq!(
        revisions
            .iter()
            .filter(|r| r.kind == RevisionKind::Publish)
            .count(),
        1
    );
    let restored = world.desk.restore_revision(&key, base.id).unwrap();
    assert_eq!(
        restored.body, published.body,
        "restoring gives the file's text back"
    );
    // A second save of the same draft adds no second copy of the file.
    save(&world, &key, &published.body);
    let again = world.desk.list_revisions(&key).unwrap();
    assert_eq!(
        again
            .iter()
            .filter(|r| r.kind == RevisionKind::Publish)
            .count(),
        1
    );
}
