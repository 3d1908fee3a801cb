//! Translating side by side, as the window does it: "add translation" opens a linked draft,
//! the original is read for the pane beside it (open + preview) without creating a draft or
//! changing its state, and the entry list follows the translation through its states — a
//! draft, up to date once published, older than the original after the original changes, and
//! up to date again once the translation is brought up to date and published.

mod common;

use common::{World, git, path_key};
use desk::api::types::{DraftInput, EntryState, EntrySummary, TranslationState};
use desk::markdown::DocNode;

const ORIGINAL: &str = "content/articles/sami-film-week-inari.md";
const RUSSIAN: &str = "content/articles/sami-film-week-inari.ru.md";

fn row<'a>(entries: &'a [EntrySummary], path: &str) -> &'a EntrySummary {
    entries
        .iter()
        .find(|e| e.key.path.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("{path} is not listed"))
}

fn ru_state(world: &World, path: &str) -> TranslationState {
    let entries = world.desk.list_entries().unwrap();
    row(&entries, path)
        .translations
        .iter()
        .find(|t| t.language == "ru")
        .map(|t| t.state)
        .expect("a ru version in the list")
}

fn with_paragraph(body: &DocNode, text: &str) -> DocNode {
    let mut body = body.clone();
    body.content
        .get_or_insert_with(Vec::new)
        .push(DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])]));
    body
}

#[test]
fn the_original_is_read_beside_its_translation_and_the_list_follows_the_translation() {
    let world = World::new();
    world.identify();
    let head_before = git(&world.site(), &["rev-parse", "HEAD"]);

    let draft = world
        .desk
        .add_translation(&path_key(ORIGINAL), "ru")
        .unwrap();
    assert_eq!(draft.key.path.as_deref(), Some(RUSSIAN));
    assert_eq!(ru_state(&world, ORIGINAL), TranslationState::Draft);
    assert_eq!(ru_state(&world, RUSSIAN), TranslationState::Draft);

    // The pane beside it: the original opened and rendered, as the window does.
    let source = world.desk.open_entry(&path_key(ORIGINAL)).unwrap();
    let html = world
        .desk
        .preview(&DraftInput {
            key: source.key.clone(),
            collection: source.collection.clone(),
            title: source.title.clone(),
            fields: source
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), Some(v.clone())))
                .collect(),
            body: source.body.clone(),
        })
        .unwrap();
    assert!(
        html.contains(&source.title),
        "the pane shows the original's title: {html}"
    );
    let entries = world.desk.list_entries().unwrap();
    let original = row(&entries, ORIGINAL);
    assert_eq!(
        original.state,
        EntryState::Published,
        "reading the original for the pane leaves it untouched"
    );
    assert_eq!(
        original.key.draft_id, None,
        "no draft of the original was made"
    );
    assert_eq!(
        git(&world.site(), &["rev-parse", "HEAD"]),
        head_before,
        "nothing was committed"
    );

    // The translation published: up to date.
    let saved = world
        .desk
        .save_draft(&DraftInput {
            key: draft.key.clone(),
            collection: draft.collection.clone(),
            title: "Неделя саамского кино в Инари".into(),
            fields: Default::default(),
            body: draft.body.clone(),
        })
        .unwrap();
    world.desk.publish(&saved.key).unwrap();
    assert_eq!(ru_state(&world, ORIGINAL), TranslationState::Current);

    // The original changes: the translation is now older than it, on both rows.
    let saved = world
        .desk
        .save_draft(&DraftInput {
            key: source.key.clone(),
            collection: source.collection.clone(),
            title: source.title.clone(),
            fields: Default::default(),
            body: with_paragraph(&source.body, "The festival adds a second screen in 2027."),
        })
        .unwrap();
    world.desk.publish(&saved.key).unwrap();
    assert_eq!(ru_state(&world, ORIGINAL), TranslationState::Outdated);
    assert_eq!(ru_state(&world, RUSSIAN), TranslationState::Outdated);

    // The translator brings it up to date: current again.
    let russian = world.desk.open_entry(&path_key(RUSSIAN)).unwrap();
    let saved = world
        .desk
        .save_draft(&DraftInput {
            key: russian.key.clone(),
            collection: russian.collection.clone(),
            title: russian.title.clone(),
            fields: Default::default(),
            body: with_paragraph(
                &russian.body,
                "В 2027 году у фестиваля появится второй экран.",
            ),
        })
        .unwrap();
    world.desk.publish(&saved.key).unwrap();
    assert_eq!(ru_state(&world, ORIGINAL), TranslationState::Current);
    assert_eq!(ru_state(&world, RUSSIAN), TranslationState::Current);
    let file = git(&world.origin(), &["show", &format!("main:{RUSSIAN}")]);
    assert!(file.contains("второй экран"), "{file}");
}
