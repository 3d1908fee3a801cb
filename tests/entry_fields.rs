//! The entry form's typed fields through the core, against the demo site's real repository:
//! a new event published from its form, a published article whose fields are edited and
//! removed (only those lines change), live validation at the field, and interview questions
//! that survive a round trip.

mod common;

use common::{World, git, path_key};
use desk::api::types::{DraftInput, EntryDoc, FieldValue};
use desk::markdown::DocNode;
use desk::site::validate::Severity;

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";
const INTERVIEW: &str = "content/interviews/asa-kuoljok-health-at-a-distance.md";

fn text(value: &str) -> Option<FieldValue> {
    Some(FieldValue::Text(value.into()))
}

fn input(doc: &EntryDoc, title: &str, fields: &[(&str, Option<FieldValue>)]) -> DraftInput {
    DraftInput {
        key: doc.key.clone(),
        collection: doc.collection.clone(),
        title: title.into(),
        fields: fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        body: doc.body.clone(),
    }
}

fn committed(world: &World, path: &str) -> String {
    git(&world.origin(), &["show", &format!("main:{path}")])
}

#[test]
fn collections_describe_their_form() {
    let world = World::new();
    let site = world.desk.site_info().unwrap();
    let events = site.collections.iter().find(|c| c.id == "events").unwrap();
    let start = events.fields.iter().find(|f| f.name == "start").unwrap();
    assert!(start.required);
    assert_eq!(start.zone.as_deref(), Some("timezone"));
    let end = events.fields.iter().find(|f| f.name == "end").unwrap();
    assert_eq!(end.after.as_deref(), Some("start"));
    let articles = site
        .collections
        .iter()
        .find(|c| c.id == "articles")
        .unwrap();
    assert!(articles.fields.iter().any(|f| f.name == "tags"));
}

#[test]
fn a_new_event_is_published_from_its_form_fields() {
    let world = World::new();
    world.identify();
    let created = world.desk.new_entry("events", "").unwrap();
    let fields = [
        ("start", text("2027-03-28T10:00:00+03:00")),
        ("end", text("2027-03-28T16:00:00+03:00")),
        ("timezone", text("Europe/Moscow")),
        ("venue", text("Arctic Museum")),
        ("city", text("Murmansk")),
        ("country", text("Russia")),
        ("summary", text("Встреча: библиотеки Баренцева региона")),
    ];
    let draft = input(&created, "Barents libraries meet in Murmansk", &fields);
    let saved = world.desk.save_draft(&draft).unwrap();

    // After a restart the form comes back with the same values.
    let reopened = world.desk.open_entry(&saved.key).unwrap();
    assert_eq!(
        reopened.fields.get("city"),
        Some(&FieldValue::Text("Murmansk".into()))
    );
    let problems = world.desk.validate_draft(&draft).unwrap();
    assert!(
        problems.iter().all(|p| p.severity != Severity::Error),
        "{problems:?}"
    );

    let outcome = world.desk.publish(&saved.key).unwrap();
    assert!(outcome.pushed, "{outcome:?}");
    let path = outcome.key.path.unwrap();
    let file = committed(&world, &path);
    for needle in [
        "start: 2027-03-28T10:00:00+03:00",
        "timezone: Europe/Moscow",
        "city: Murmansk",
        "summary: 'Встреча: библиотеки Баренцева региона'",
    ] {
        assert!(file.contains(needle), "{needle} not in\n{file}");
    }
    // The published file reads back with the same fields.
    let published = world.desk.open_entry(&path_key(&path)).unwrap();
    assert_eq!(
        published.fields.get("start"),
        Some(&FieldValue::Text("2027-03-28T10:00:00+03:00".into()))
    );
}

#[test]
fn editing_and_removing_fields_changes_only_their_lines() {
    let world = World::new();
    world.identify();
    let opened = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert_eq!(
        opened.fields.get("tags"),
        Some(&FieldValue::List(vec![
            "youth".into(),
            "cooperation".into()
        ]))
    );
    let before = committed(&world, ARTICLE);
    // The form sends every field; unchanged ones must not touch their lines.
    let mut all: Vec<(&str, Option<FieldValue>)> = opened
        .fields
        .iter()
        .map(|(k, v)| (k.as_str(), Some(v.clone())))
        .collect();
    for (key, value) in all.iter_mut() {
        match *key {
            "lead" => *value = text("Sixty young people met in Luleå."),
            "tags" => {
                *value = Some(FieldValue::List(vec![
                    "youth".into(),
                    "cooperation".into(),
                    "Luleå".into(),
                ]))
            }
            "author" => *value = None,
            _ => {}
        }
    }
    let draft = input(&opened, &opened.title, &all);
    let saved = world.desk.save_draft(&draft).unwrap();
    world.desk.publish(&saved.key).unwrap();
    let after = committed(&world, ARTICLE);

    let diff = git(
        &world.origin(),
        &["diff", "--unified=0", "main~1", "main", "--", ARTICLE],
    );
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| (l.starts_with('+') || l.starts_with('-')) && !l.starts_with("+++"))
        .filter(|l| !l.starts_with("---"))
        .collect();
    assert!(changed.iter().any(|l| l.starts_with("+lead:")), "{diff}");
    assert!(
        changed.iter().all(|l| {
            l.starts_with("-lead:")
                || l.starts_with("+lead:")
                || l.starts_with("-tags:")
                || l.starts_with("+tags:")
                || l.starts_with("+- ")
                || l.starts_with("-author:")
        }),
        "unexpected lines changed:\n{diff}"
    );
    assert!(!after.contains("author:"), "{after}");
    assert!(after.contains("- Luleå"), "{after}");
    assert_eq!(
        before.split("\n---\n").nth(1),
        after.split("\n---\n").nth(1),
        "the body is untouched"
    );
}

#[test]
fn validation_points_at_the_field() {
    let world = World::new();
    let created = world.desk.new_entry("events", "Backwards").unwrap();
    let draft = input(
        &created,
        "Backwards",
        &[
            ("start", text("2027-05-02T10:00:00+02:00")),
            ("end", text("2027-05-01T10:00:00+02:00")),
            ("timezone", text("Europe/Narnia")),
        ],
    );
    let problems = world.desk.validate_draft(&draft).unwrap();
    let at = |field: &str| {
        problems
            .iter()
            .filter(|p| p.field == field && p.severity == Severity::Error)
            .count()
    };
    assert!(at("end") >= 1, "{problems:?}");
    assert!(at("timezone") >= 1, "{problems:?}");
    let untitled = input(&created, "  ", &[]);
    let problems = world.desk.validate_draft(&untitled).unwrap();
    assert!(problems.iter().any(|p| p.field == "title"), "{problems:?}");
}

#[test]
fn interview_questions_are_blocks_and_round_trip() {
    let world = World::new();
    world.identify();
    let opened = world.desk.open_entry(&path_key(INTERVIEW)).unwrap();
    let questions: Vec<&DocNode> = opened
        .body
        .children()
        .iter()
        .filter(|n| n.node_type == "question")
        .collect();
    assert_eq!(questions.len(), 4, "{:#?}", opened.body);
    // A new question typed in the editor is written as a bold paragraph.
    let mut body = opened.body.clone();
    body.content.as_mut().unwrap().push(
        DocNode::new("question")
            .with_content(vec![DocNode::text("Any advice for newcomers?", vec![])]),
    );
    let draft = DraftInput {
        body,
        ..input(&opened, &opened.title, &[])
    };
    let saved = world.desk.save_draft(&draft).unwrap();
    world.desk.publish(&saved.key).unwrap();
    let diff = git(
        &world.origin(),
        &["diff", "--unified=0", "main~1", "main", "--", INTERVIEW],
    );
    let added: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    assert_eq!(added, ["+", "+**Any advice for newcomers?**"], "{diff}");
    let again = world.desk.open_entry(&path_key(INTERVIEW)).unwrap();
    assert_eq!(again.body.children().last().unwrap().node_type, "question");
    // In an article, a bold paragraph stays a bold paragraph.
    let article = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert!(
        article
            .body
            .children()
            .iter()
            .all(|n| n.node_type != "question")
    );
}
