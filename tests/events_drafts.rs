//! Quick entry of events through the core, with a real store and a real repository: a pasted
//! table becomes drafts that publish; the calendar lists drafts beside published events (an
//! event with edits once, as its draft); a drag moves a draft's dates together, keeping the
//! wall clock across the spring change; duplicate and "new event like this one" copy fields.

mod common;

use common::{World, git, path_key};
use desk::api::types::{DraftInput, EntryKey, EntryState, EventRange, FieldValue};

const YOUTH: &str = "content/events/youth-exchange-info-day-rovaniemi.md";

fn range(from: &str, to: &str) -> EventRange {
    EventRange {
        from: Some(from.into()),
        to: Some(to.into()),
        viewer_zone: Some("Europe/Oslo".into()),
    }
}

fn text(doc: &desk::api::types::EntryDoc, key: &str) -> Option<String> {
    doc.fields.get(key).map(FieldValue::as_text)
}

#[test]
fn a_pasted_table_becomes_drafts_on_the_calendar_that_publish() {
    let world = World::new();
    world.identify();
    let table = world
        .desk
        .parse_event_table(
            "Youth café\t2027-03-27\t18:00–20:00\tKulturhuset, Luleå\n\
             Open day\t2027-04-03\t\tArktikum\n\
             Broken\t2027-04-31\t10:00\tNowhere\n",
            Some("Europe/Stockholm"),
        )
        .unwrap();
    assert_eq!(table.errors.len(), 1);
    let keys = world
        .desk
        .create_event_drafts("events", &table.rows)
        .unwrap();
    assert_eq!(keys.len(), 2);
    assert!(
        keys.iter()
            .all(|k| k.draft_id.is_some() && k.path.is_none())
    );

    let cafe = world.desk.open_entry(&keys[0]).unwrap();
    assert_eq!(cafe.title, "Youth café");
    assert_eq!(
        text(&cafe, "start").as_deref(),
        Some("2027-03-27T18:00:00+01:00")
    );
    assert_eq!(
        text(&cafe, "end").as_deref(),
        Some("2027-03-27T20:00:00+01:00")
    );
    assert_eq!(text(&cafe, "timezone").as_deref(), Some("Europe/Stockholm"));
    assert_eq!(text(&cafe, "venue").as_deref(), Some("Kulturhuset, Luleå"));

    let listed = world
        .desk
        .events(&range("2027-03-01", "2027-04-30"))
        .unwrap();
    let drafts: Vec<_> = listed
        .events
        .iter()
        .filter(|e| e.state == EntryState::New)
        .map(|e| (e.title.as_str(), e.first_day.as_str(), e.all_day))
        .collect();
    assert_eq!(
        drafts,
        [
            ("Youth café", "2027-03-27", false),
            ("Open day", "2027-04-03", true)
        ]
    );
    let listed_cafe = listed
        .events
        .iter()
        .find(|e| e.title == "Youth café")
        .unwrap();
    assert_eq!(listed_cafe.key, keys[0]);
    assert!(
        listed_cafe.when_text.contains("18:00–20:00"),
        "{}",
        listed_cafe.when_text
    );

    // The drafts are complete events: both publish (one commit each, with the feed).
    for key in &keys {
        let outcome = world.desk.publish(key).unwrap();
        assert!(outcome.pushed, "{:?}", outcome.push_error);
    }
    let feed = git(&world.site(), &["show", "HEAD:static/events.ics"]);
    assert!(feed.contains("SUMMARY:Open day"), "{feed}");
    assert!(feed.contains("DTSTART;VALUE=DATE:20270403"), "{feed}");

    // Not an events collection.
    let err = world
        .desk
        .create_event_drafts("articles", &table.rows)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a collection of events"), "{err}");
}

#[test]
fn a_published_event_with_edits_is_listed_once_as_its_draft_and_moves_by_drag() {
    let world = World::new();
    let opened = world.desk.open_entry(&path_key(YOUTH)).unwrap();
    let ack = world
        .desk
        .save_draft(&DraftInput {
            key: opened.key.clone(),
            collection: opened.collection.clone(),
            title: "Youth exchange info day (new room)".into(),
            fields: [("venue".to_owned(), Some(FieldValue::Text("Pilke".into())))]
                .into_iter()
                .collect(),
            body: opened.body.clone(),
        })
        .unwrap();
    let listed = world
        .desk
        .events(&range("2027-02-01", "2027-02-28"))
        .unwrap();
    let rows: Vec<_> = listed
        .events
        .iter()
        .filter(|e| e.key.path.as_deref() == Some(YOUTH))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].state, EntryState::Modified);
    assert_eq!(rows[0].title, "Youth exchange info day (new room)");
    assert_eq!(rows[0].place.as_deref(), Some("Pilke, Rovaniemi, Finland"));

    // Dragged from 10 February to 31 March: after Finland's change to summer time.
    let key = EntryKey {
        draft_id: ack.key.draft_id,
        path: Some(YOUTH.into()),
    };
    world.desk.move_event_draft(&key, "2027-03-31").unwrap();
    let moved = world.desk.open_entry(&key).unwrap();
    assert_eq!(
        text(&moved, "start").as_deref(),
        Some("2027-03-31T12:00:00+03:00")
    );
    assert_eq!(
        text(&moved, "end").as_deref(),
        Some("2027-03-31T17:00:00+03:00")
    );
    assert_eq!(
        text(&moved, "venue").as_deref(),
        Some("Pilke"),
        "earlier edits kept"
    );
    assert_eq!(moved.title, "Youth exchange info day (new room)");
    let listed = world
        .desk
        .events(&range("2027-03-01", "2027-04-30"))
        .unwrap();
    assert!(
        listed
            .events
            .iter()
            .any(|e| e.key.path.as_deref() == Some(YOUTH) && e.first_day == "2027-03-31")
    );
    // The published file is untouched until a publish.
    assert!(
        std::fs::read_to_string(world.site().join(YOUTH))
            .unwrap()
            .contains("start: 2027-02-10T12:00:00+02:00")
    );

    // A published event without a draft cannot be dragged; a bad day is refused.
    let conference = path_key("content/events/barents-culture-conference-tromso.md");
    let err = world
        .desk
        .move_event_draft(&conference, "2027-01-01")
        .unwrap_err()
        .to_string();
    assert!(err.contains("Only a draft can be moved"), "{err}");
    let err = world
        .desk
        .move_event_draft(&key, "31.03.2027")
        .unwrap_err()
        .to_string();
    assert!(err.contains("“31.03.2027” is not a date"), "{err}");
}

#[test]
fn duplicate_and_new_event_like_this_one_copy_fields_into_new_drafts() {
    let world = World::new();
    let copy = world
        .desk
        .duplicate_event(&path_key(YOUTH), None, true)
        .unwrap();
    assert_eq!(copy.key.path, None);
    assert_eq!(copy.state, EntryState::New);
    assert_eq!(copy.title, "Youth exchange info day");
    assert_eq!(
        text(&copy, "start").as_deref(),
        Some("2027-02-10T12:00:00+02:00")
    );
    assert_eq!(text(&copy, "venue").as_deref(), Some("Arktikum"));
    assert!(!copy.body.children().is_empty(), "the text is copied");

    let like = world
        .desk
        .duplicate_event(&path_key(YOUTH), Some("2027-02-17"), false)
        .unwrap();
    assert_eq!(
        text(&like, "start").as_deref(),
        Some("2027-02-17T12:00:00+02:00")
    );
    assert_eq!(
        text(&like, "end").as_deref(),
        Some("2027-02-17T17:00:00+02:00")
    );
    assert_eq!(text(&like, "city").as_deref(), Some("Rovaniemi"));
    assert!(
        like.body
            .children()
            .iter()
            .all(|n| n.content.as_ref().is_none_or(Vec::is_empty)),
        "an empty text: {:?}",
        like.body
    );
    let listed = world
        .desk
        .events(&range("2027-02-01", "2027-02-28"))
        .unwrap();
    let days: Vec<_> = listed
        .events
        .iter()
        .filter(|e| e.title == "Youth exchange info day")
        .map(|e| (e.first_day.as_str(), e.state))
        .collect();
    assert_eq!(
        days,
        [
            ("2027-02-10", EntryState::Published),
            ("2027-02-10", EntryState::New),
            ("2027-02-17", EntryState::New)
        ]
    );
    let err = world
        .desk
        .duplicate_event(
            &path_key("content/articles/youth-forum-lulea.md"),
            None,
            true,
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_an_event");
}
