//! The window's start (wt-start): indexing reports its progress up to the total, the compact
//! entry list gives back exactly the summaries, and a site never indexed is indexed (with
//! progress) before it is listed. Real git repositories and SQLite files.

mod common;

use std::sync::Mutex;

use common::{World, git, path_key};
use desk::api::start_types::{EntryList, IndexProgress};
use desk::api::types::{DraftInput, EditorialState, EntryState, TranslationState};

/// Adds `n` articles (every third with a Russian translation) to the demo site, committed.
fn add_articles(world: &World, n: usize) -> usize {
    let folder = world.site().join("content/articles");
    let mut files = 0;
    for i in 0..n {
        std::fs::write(
            folder.join(format!("bulk-{i}.md")),
            format!("---\ntitle: Bulk article {i} from Kárášjohka\ndate: 2026-01-{:02}\n---\n\nText {i}.\n", 1 + i % 28),
        )
        .unwrap();
        files += 1;
        if i % 3 == 0 {
            std::fs::write(
                folder.join(format!("bulk-{i}.ru.md")),
                format!("---\ntitle: Статья {i}\ndate: 2026-01-01\n---\n\nТекст.\n"),
            )
            .unwrap();
            files += 1;
        }
    }
    git(&world.site(), &["add", "."]);
    git(
        &world.site(),
        &[
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-qm",
            "Bulk",
        ],
    );
    files
}

#[test]
fn indexing_reports_counts_that_grow_to_the_total() {
    let world = World::new();
    let added = add_articles(&world, 1_100);
    let seen = Mutex::new(Vec::<IndexProgress>::new());
    let report = world
        .desk
        .index_site_with(&|p| seen.lock().unwrap().push(p))
        .unwrap();
    let seen = seen.into_inner().unwrap();
    let total = report.parsed;
    assert!(total as usize >= added, "{report:?}");
    assert_eq!(seen.first(), Some(&IndexProgress { done: 0, total }));
    assert_eq!(seen.last(), Some(&IndexProgress { done: total, total }));
    assert!(
        seen.len() >= 4,
        "batches of 500 report in between: {seen:?}"
    );
    assert!(seen.iter().all(|p| p.total == total && p.done <= total));
    assert!(
        seen.windows(2).all(|w| w[0].done < w[1].done),
        "counts only grow: {seen:?}"
    );
    // Nothing left to read: nothing to report.
    let again = Mutex::new(Vec::new());
    world
        .desk
        .index_site_with(&|p| again.lock().unwrap().push(p))
        .unwrap();
    assert!(again.into_inner().unwrap().is_empty());
}

#[test]
fn a_site_never_indexed_is_indexed_with_progress_before_it_is_listed() {
    let world = World::new();
    add_articles(&world, 30);
    let seen = Mutex::new(Vec::<IndexProgress>::new());
    let list = world
        .desk
        .entry_list_with(&|p| seen.lock().unwrap().push(p))
        .unwrap();
    let seen = seen.into_inner().unwrap();
    let last = seen
        .last()
        .copied()
        .expect("the first listing indexed the site");
    assert_eq!(last.done, last.total);
    assert!(list.rows.len() > 40);
    // Listed from the index now: a second listing has nothing to index.
    let later = Mutex::new(Vec::new());
    let again = world
        .desk
        .entry_list_with(&|p| later.lock().unwrap().push(p))
        .unwrap();
    assert!(later.into_inner().unwrap().is_empty());
    assert_eq!(again, list);
}

#[test]
fn the_compact_list_gives_back_every_summary() {
    let world = World::new();
    add_articles(&world, 12);
    let desk = &world.desk;
    // Every kind of row: a new draft with no file, a changed published entry, a new
    // translation draft, an entry in review, a missing translation.
    let new = desk.new_entry("articles", "Nytt utkast").unwrap();
    desk.save_draft(&DraftInput {
        key: new.key.clone(),
        collection: "articles".into(),
        title: "Nytt utkast på Sámi: Čáhcegieddi".into(),
        fields: Default::default(),
        body: new.body.clone(),
    })
    .unwrap();
    let kirkenes = desk
        .open_entry(&path_key("content/articles/winter-crossing-kirkenes.md"))
        .unwrap();
    let ack = desk
        .save_draft(&DraftInput {
            key: kirkenes.key.clone(),
            collection: kirkenes.collection.clone(),
            title: "Winter crossing (edited)".into(),
            fields: Default::default(),
            body: kirkenes.body.clone(),
        })
        .unwrap();
    desk.set_editorial_state(&ack.key, EditorialState::InReview)
        .unwrap();
    desk.add_translation(&path_key("content/articles/bulk-1.md"), "ru")
        .unwrap();

    let summaries = desk.list_entries().unwrap();
    let list = desk.entry_list().unwrap();
    assert_eq!(list.expand(), summaries);
    // Through JSON, as the window receives it.
    let json = serde_json::to_string(&list).unwrap();
    let back: EntryList = serde_json::from_str(&json).unwrap();
    assert_eq!(back.expand(), summaries);
    let full = serde_json::to_string(&summaries).unwrap();
    assert!(
        json.len() * 2 < full.len(),
        "compact {} bytes, summaries {} bytes",
        json.len(),
        full.len()
    );
    // The list has every kind the test made, so each was compacted and expanded.
    let states: Vec<_> = summaries.iter().map(|e| e.state).collect();
    for s in [EntryState::New, EntryState::Modified, EntryState::Published] {
        assert!(states.contains(&s), "{s:?}");
    }
    let kinds: Vec<_> = summaries
        .iter()
        .flat_map(|e| e.translations.iter().map(|t| t.state))
        .collect();
    for s in [
        TranslationState::Missing,
        TranslationState::Draft,
        TranslationState::Current,
    ] {
        assert!(kinds.contains(&s), "{s:?}");
    }
    assert!(
        summaries
            .iter()
            .any(|e| e.editorial.state == EditorialState::InReview)
    );
    // No row needed its translations whole on this site.
    assert!(list.rows.iter().all(|r| r.translations_full.is_none()));
}

#[test]
fn translations_the_letters_cannot_say_travel_whole() {
    let world = World::new();
    let mut summaries = world.desk.list_entries().unwrap();
    // A translation whose path is not the path of any row of its group.
    let row = summaries
        .iter_mut()
        .find(|e| e.translations.len() == 2)
        .unwrap();
    row.translations[1].path = Some("content/articles/elsewhere.ru.md".into());
    row.translations[1].state = TranslationState::Current;
    let list = EntryList::new(&summaries, &["en".into(), "ru".into()]);
    assert_eq!(list.expand(), summaries);
    assert_eq!(
        list.rows
            .iter()
            .filter(|r| r.translations_full.is_some())
            .count(),
        1
    );
}
