//! Translations on the bilingual demo site (English and Russian, Hugo's `slug.ru.md` layout):
//! the entry list shows every language version with its state, "add translation" starts a
//! linked draft copied from the original, and a translation published before the original's
//! last change is shown as older than it.

mod common;

use common::{World, git, path_key};
use desk::api::types::{DraftInput, EntryState, EntrySummary, TranslationState};
use desk::markdown::DocNode;

const ORIGINAL: &str = "content/articles/youth-forum-lulea.md";
const RUSSIAN: &str = "content/articles/youth-forum-lulea.ru.md";
const UNTRANSLATED: &str = "content/articles/sami-film-week-inari.md";

fn row<'a>(entries: &'a [EntrySummary], path: &str) -> &'a EntrySummary {
    entries
        .iter()
        .find(|e| e.key.path.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("{path} is not listed"))
}

fn state_of(entry: &EntrySummary, language: &str) -> TranslationState {
    entry
        .translations
        .iter()
        .find(|t| t.language == language)
        .map(|t| t.state)
        .unwrap_or_else(|| panic!("no {language} in {:?}", entry.translations))
}

#[test]
fn the_list_shows_each_language_version() {
    let world = World::new();
    let entries = world.desk.list_entries().unwrap();
    let original = row(&entries, ORIGINAL);
    assert_eq!(original.language.as_deref(), Some("en"));
    assert_eq!(state_of(original, "ru"), TranslationState::Current);
    let russian = row(&entries, RUSSIAN);
    assert_eq!(russian.language.as_deref(), Some("ru"));
    assert_eq!(russian.title, "Молодёжь определяет повестку в Лулео");
    assert_eq!(state_of(russian, "en"), TranslationState::Current);
    let other = row(&entries, UNTRANSLATED);
    assert_eq!(state_of(other, "ru"), TranslationState::Missing);
}

#[test]
fn adding_a_translation_starts_a_linked_copy_that_publishes_beside_the_original() {
    let world = World::new();
    world.identify();
    let doc = world
        .desk
        .add_translation(&path_key(UNTRANSLATED), "ru")
        .unwrap();
    let target = "content/articles/sami-film-week-inari.ru.md";
    assert_eq!(doc.key.path.as_deref(), Some(target));
    assert_eq!(doc.language.as_deref(), Some("ru"));
    assert_eq!(doc.state, EntryState::New);
    let original = world.desk.open_entry(&path_key(UNTRANSLATED)).unwrap();
    assert_eq!(doc.body, original.body, "the translator works over a copy");
    assert_eq!(doc.fields, original.fields);

    let entries = world.desk.list_entries().unwrap();
    assert_eq!(
        state_of(row(&entries, UNTRANSLATED), "ru"),
        TranslationState::Draft
    );
    // Asking again opens the same draft rather than a second copy.
    let again = world
        .desk
        .add_translation(&path_key(UNTRANSLATED), "ru")
        .unwrap();
    assert_eq!(again.key.draft_id, doc.key.draft_id);

    let title = "Неделя саамского кино в Инари";
    let saved = world
        .desk
        .save_draft(&DraftInput {
            key: doc.key.clone(),
            collection: doc.collection.clone(),
            title: title.into(),
            fields: Default::default(),
            body: doc.body.clone(),
        })
        .unwrap();
    let outcome = world.desk.publish(&saved.key).unwrap();
    assert_eq!(outcome.key.path.as_deref(), Some(target));
    let file = git(&world.origin(), &["show", &format!("main:{target}")]);
    assert!(file.contains(&format!("title: {title}")), "{file}");
    let entries = world.desk.list_entries().unwrap();
    assert_eq!(
        state_of(row(&entries, UNTRANSLATED), "ru"),
        TranslationState::Current
    );
    // The original cannot be "translated" into its own language.
    assert!(
        world
            .desk
            .add_translation(&path_key(UNTRANSLATED), "en")
            .is_err()
    );
    assert!(
        world
            .desk
            .add_translation(&path_key(UNTRANSLATED), "fi")
            .is_err()
    );
}

#[test]
fn a_translation_older_than_its_original_is_flagged() {
    let world = World::new();
    world.identify();
    // Listed once before: the dating of translations kept from this listing must not outlive
    // the publish that moves the branch.
    let before = world.desk.list_entries().unwrap();
    assert_eq!(
        state_of(row(&before, RUSSIAN), "ru"),
        TranslationState::Current
    );
    let opened = world.desk.open_entry(&path_key(ORIGINAL)).unwrap();
    let mut body = opened.body.clone();
    body.content.as_mut().unwrap().push(
        DocNode::new("paragraph").with_content(vec![DocNode::text("A late addition.", vec![])]),
    );
    let saved = world
        .desk
        .save_draft(&DraftInput {
            key: opened.key.clone(),
            collection: opened.collection.clone(),
            title: opened.title.clone(),
            fields: Default::default(),
            body,
        })
        .unwrap();
    world.desk.publish(&saved.key).unwrap();
    let entries = world.desk.list_entries().unwrap();
    assert_eq!(
        state_of(row(&entries, RUSSIAN), "ru"),
        TranslationState::Outdated
    );
    assert_eq!(
        state_of(row(&entries, ORIGINAL), "ru"),
        TranslationState::Outdated
    );
    assert_eq!(
        state_of(row(&entries, ORIGINAL), "en"),
        TranslationState::Current
    );
}

#[test]
fn the_list_is_the_same_read_from_the_index_as_from_the_files() {
    let world = World::new();
    let from_files = world.desk.list_entries().unwrap();
    world.desk.index_site().unwrap();
    let from_index = world.desk.list_entries().unwrap();
    assert_eq!(from_index, from_files);

    // Another editor retitles the Russian version; the index has not seen that blob yet.
    let file = world.site().join(RUSSIAN);
    let text = std::fs::read_to_string(&file).unwrap();
    let retitled = text.replacen(
        "title: Молодёжь определяет повестку в Лулео",
        "title: Молодёжь Лулео",
        1,
    );
    assert_ne!(retitled, text, "the fixture's title line is as expected");
    std::fs::write(&file, retitled).unwrap();
    git(&world.site(), &["commit", "-qam", "Shorter title"]);
    let entries = world.desk.list_entries().unwrap();
    assert_eq!(row(&entries, RUSSIAN).title, "Молодёжь Лулео");
}
