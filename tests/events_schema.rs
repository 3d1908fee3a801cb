//! The calendar as the site schema shapes it, through a real publish: the feed goes to the
//! path `.desk/site.toml` names; an event's own checks (a link for an online event, the end
//! after the start) stop the publish once per mistake, at the field; a repeating event from
//! the preset's `recurrence` fields is expanded in the listing and written as an RRULE.

mod common;

use common::{World, git, path_key};
use desk::Error;
use desk::api::types::{DraftInput, EventRange};
use desk::site::SiteSchema;

const YOUTH: &str = "content/events/youth-exchange-info-day-rovaniemi.md";

/// Rewrites a published file by hand and commits it (as another editor's push would), then
/// reopens the site so the app reads the new schema and files.
fn commit_by_hand(world: &World, path: &str, edit: impl FnOnce(String) -> String) {
    let root = world.site();
    let file = path.split('/').fold(root.clone(), |p, part| p.join(part));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, edit(text)).unwrap();
    git(&root, &["commit", "-qam", "edited by hand"]);
    world.desk.open_site(&root).unwrap();
}

fn retitle(
    world: &World,
    path: &str,
    title: &str,
) -> desk::Result<desk::api::types::PublishOutcome> {
    let doc = world.desk.open_entry(&path_key(path)).unwrap();
    let ack = world
        .desk
        .save_draft(&DraftInput {
            key: doc.key.clone(),
            collection: doc.collection.clone(),
            title: title.to_owned(),
            fields: Default::default(),
            body: doc.body.clone(),
        })
        .unwrap();
    world.desk.publish(&ack.key)
}

fn changed_files(world: &World, commit: &str) -> Vec<String> {
    git(&world.site(), &["show", "--name-only", "--format=", commit])
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_feed_is_committed_where_the_schema_says() {
    let world = World::new();
    world.identify();
    commit_by_hand(&world, ".desk/site.toml", |t| {
        format!("{t}\n[events]\nfeed = \"static/calendar/barents.ics\"\n")
    });
    let outcome = retitle(&world, YOUTH, "Youth exchange info day (Arktikum)").unwrap();
    assert_eq!(
        changed_files(&world, &outcome.commit),
        [YOUTH, "static/calendar/barents.ics"]
    );
    assert_eq!(
        git(&world.site(), &["ls-tree", "HEAD", "static/events.ics"]),
        "",
        "nothing at the default path"
    );
    let feed = world.desk.regenerate_feed().unwrap();
    assert_eq!(feed.path, "static/calendar/barents.ics");
    assert!(feed.text.contains("Youth exchange info day (Arktikum)"));

    // Without the key: the default path.
    let schema =
        SiteSchema::parse(&std::fs::read_to_string(world.site().join(".desk/site.toml")).unwrap())
            .unwrap();
    assert_eq!(schema.events.feed, "static/calendar/barents.ics");
    assert_eq!(SiteSchema::defaults().events.feed, "static/events.ics");
}

#[test]
fn a_feed_path_outside_the_site_is_refused_with_the_key_named() {
    let world = World::new();
    let root = world.site();
    let schema = root.join(".desk/site.toml");
    let text = std::fs::read_to_string(&schema).unwrap();
    std::fs::write(
        &schema,
        format!("{text}\n[events]\nfeed = \"../../elsewhere.ics\"\n"),
    )
    .unwrap();
    let err = world.desk.open_site(&root).unwrap_err().to_string();
    assert!(
        err.contains(".desk/site.toml") && err.contains("events.feed \"../../elsewhere.ics\""),
        "{err}"
    );
}

#[test]
fn an_events_own_checks_stop_the_publish_once_per_mistake() {
    let world = World::new();
    world.identify();
    commit_by_hand(&world, YOUTH, |t| {
        t.replace(
            "end: 2027-02-10T17:00:00+02:00",
            "end: 2027-02-10T11:00:00+02:00",
        )
        .replace("venue: Arktikum\ncity: Rovaniemi\n", "online: true\n")
    });
    let head = git(&world.site(), &["rev-parse", "HEAD"]);
    let err = retitle(&world, YOUTH, "Youth exchange info day, online").unwrap_err();
    let Error::Invalid { what, problems } = &err else {
        panic!("expected a refusal, got {err}");
    };
    assert_eq!(what, "This event");
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["end", "online_link"], "{problems:?}");
    assert_eq!(
        problems[0].message,
        "The end (10 February 2027, 11:00) is before the start (10 February 2027, 12:00). Set the end after the start."
    );
    assert_eq!(
        problems[1].message,
        "This is an online event, but it has no link. Add the link people use to join."
    );
    assert_eq!(git(&world.site(), &["rev-parse", "HEAD"]), head);

    // Fixed by hand: the same draft publishes.
    commit_by_hand(&world, YOUTH, |t| {
        t.replace(
            "end: 2027-02-10T11:00:00+02:00",
            "end: 2027-02-10T17:00:00+02:00",
        )
        .replace(
            "online: true\n",
            "online: true\nonline_link: https://meet.barents.example/youth\n",
        )
    });
    let outcome = world.desk.publish(&desk::api::types::EntryKey {
        draft_id: world
            .desk
            .open_entry(&path_key(YOUTH))
            .unwrap()
            .key
            .draft_id,
        path: Some(YOUTH.into()),
    });
    assert!(
        outcome.is_ok(),
        "{:?}",
        outcome.err().map(|e| e.to_string())
    );
}

#[test]
fn a_weekly_event_is_listed_every_week_and_written_as_an_rrule() {
    let world = World::new();
    world.identify();
    let preset = SiteSchema::defaults();
    let fields = preset.collection("events").unwrap().all_fields();
    let repeat = fields.iter().find(|f| f.name == "recurrence").unwrap();
    assert_eq!(repeat.options, ["weekly", "monthly"]);
    assert!(fields.iter().any(|f| f.name == "recurrence_until"));
    assert!(fields.iter().any(|f| f.name == "online"));

    commit_by_hand(&world, YOUTH, |t| {
        t.replace(
            "timezone: Europe/Helsinki\n",
            "timezone: Europe/Helsinki\nrecurrence: weekly\nrecurrence_until: 2027-04-07\n",
        )
    });
    let outcome = retitle(&world, YOUTH, "Youth exchange café").unwrap();
    let feed = git(
        &world.site(),
        &["show", &format!("{}:static/events.ics", outcome.commit)],
    );
    // Until the end of 7 April in Helsinki (summer time, UTC+3): 20:59:59Z.
    assert!(
        feed.contains("RRULE:FREQ=WEEKLY;UNTIL=20270407T205959Z\r\n"),
        "{feed}"
    );
    let listed = world
        .desk
        .events(&EventRange {
            from: Some("2027-02-01".into()),
            to: Some("2027-04-30".into()),
            viewer_zone: Some("Europe/Oslo".into()),
        })
        .unwrap();
    let cafe: Vec<_> = listed
        .events
        .iter()
        .filter(|e| e.title == "Youth exchange café")
        .collect();
    // 10 February to 7 April, weekly: nine Wednesdays.
    assert_eq!(cafe.len(), 9);
    assert!(cafe.iter().all(|e| e.recurring));
    assert_eq!(cafe[0].start, "2027-02-10T12:00:00+02:00");
    // After the change to summer time (28 March) the wall clock stays at 12:00.
    assert_eq!(cafe[8].start, "2027-04-07T12:00:00+03:00");
    assert!(cafe[8].when_text.contains("12:00"), "{}", cafe[8].when_text);
}

#[test]
fn a_pasted_table_is_read_in_the_chosen_zone_with_every_bad_line_named() {
    let world = World::new();
    let table = world
        .desk
        .parse_event_table(
            "Title\tDate\tTime\tVenue\n\
             Youth café\t2027-03-27\t18:00\tKulturhuset, Luleå\n\
             Youth café\t28.03.2027\t18:00–20:30\tKulturhuset, Luleå\n\
             Seminar\t2027-02-30\t10:00\tArktikum\n\
             Night walk\t2027-03-28\t02:15\tTromsø\n",
            Some("Europe/Stockholm"),
        )
        .unwrap();
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].start, "2027-03-27T18:00:00+01:00");
    assert_eq!(table.rows[1].start, "2027-03-28T18:00:00+02:00");
    assert_eq!(
        table.rows[1].end.as_deref(),
        Some("2027-03-28T20:30:00+02:00")
    );
    let errors: Vec<(u32, &str)> = table
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, 4);
    assert!(
        errors[0].1.contains("“2027-02-30” is not a date"),
        "{}",
        errors[0].1
    );
    assert_eq!(errors[1].0, 5);
    assert!(
        errors[1].1.contains("02:15") && errors[1].1.contains("Europe/Stockholm"),
        "{}",
        errors[1].1
    );
    let err = world
        .desk
        .parse_event_table("A\t2027-01-01\t10:00\tB", Some("Europe/Osl"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Europe/Osl") && err.contains("Europe/Oslo"),
        "{err}"
    );
}

#[test]
fn one_event_is_exported_as_an_ics_file_under_a_free_name() {
    let world = World::new();
    let dir = tempfile::tempdir().unwrap();
    let first = world
        .desk
        .export_event_ics_to(&path_key(YOUTH), dir.path())
        .unwrap();
    let second = world
        .desk
        .export_event_ics_to(&path_key(YOUTH), dir.path())
        .unwrap();
    assert_eq!(
        first.file_name().unwrap(),
        "youth-exchange-info-day-rovaniemi.ics"
    );
    assert_eq!(
        second.file_name().unwrap(),
        "youth-exchange-info-day-rovaniemi-2.ics"
    );
    let text = std::fs::read_to_string(&first).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert!(
        text.contains("DTSTART;TZID=Europe/Helsinki:20270210T120000\r\n"),
        "{text}"
    );
    // An article is not an event.
    let err = world
        .desk
        .export_event_ics_to(
            &path_key("content/articles/youth-forum-lulea.md"),
            dir.path(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_an_event");
}
