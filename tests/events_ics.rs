//! The iCalendar feed and single-event export, read back by an independent parser: Python's
//! `icalendar` package (with dateutil for repeats), run by the test. `cargo xtask setup`
//! installs it; without it these tests fail and say so, they never skip.

mod common;

use std::path::Path;
use std::process::Command;

use common::{World, git, path_key};
use desk::api::types::EventRange;
use desk::content::{EntryFile, FrontMatter};
use desk::site::FrontMatterFormat;
use serde_json::Value;

const HOST: &str = "demo.barents-desk.invalid";

/// A long Cyrillic title: many times 75 octets, so it folds inside two-byte characters.
const MURMANSK_TITLE: &str = "Международный семинар «Баренцев регион: молодёжь, культура и сотрудничество через границы» в Мурманске, второй день";
const MURMANSK_SUMMARY: &str = "Семинар; часть 1, часть 2 — обсуждение.\nВторая строка: C:\\Программы\\баренц, и всё.\r\nТретья строка";
const SAMI_TITLE: &str = "Sámegiela vahkku: Giellagáldu, Sámediggi ja Guovdageainnu suohkan čohkkejit oahpaheddjiid, studeanttaid ja giellabargiid";

/// Writes an event file with front matter written by the YAML library, and commits it with
/// the git CLI, as another editor's published work would arrive.
fn commit_event(world: &World, slug: &str, pairs: &[(&str, &str)]) -> String {
    let mut front = FrontMatter::parse(FrontMatterFormat::Yaml, "", "t.md").unwrap();
    for (key, value) in pairs {
        front.set_str(key, value).unwrap();
    }
    let text = EntryFile::new(front, "Programme to follow.\n").to_text();
    let rel = format!("content/events/{slug}.md");
    std::fs::write(world.site().join(&rel), text).unwrap();
    git(&world.site(), &["add", &rel]);
    git(
        &world.site(),
        &[
            "-c",
            "user.name=Intern",
            "-c",
            "user.email=intern@barents.example",
            "commit",
            "-q",
            "-m",
            &format!("Add {slug}"),
        ],
    );
    rel
}

fn add_events(world: &World) {
    commit_event(
        world,
        "murmansk-seminar",
        &[
            ("title", MURMANSK_TITLE),
            ("start", "2027-03-26T10:00:00+03:00"),
            ("end", "2027-03-26T17:30:00+03:00"),
            ("timezone", "Europe/Moscow"),
            ("venue", "Дом культуры, зал 2"),
            ("city", "Мурманск"),
            ("country", "Russia"),
            ("summary", MURMANSK_SUMMARY),
        ],
    );
    commit_event(
        world,
        "sami-language-week",
        &[
            ("title", SAMI_TITLE),
            ("start", "2027-02-04"),
            ("end", "2027-02-06"),
            ("all_day", "true"),
            ("timezone", "Europe/Oslo"),
            ("venue", "Sámi allaskuvla"),
            ("city", "Guovdageaidnu"),
            ("country", "Norway"),
        ],
    );
    // Weekly across the change to summer time on 28 March 2027.
    commit_event(
        world,
        "language-cafe-kirkenes",
        &[
            ("title", "Language café"),
            ("start", "2027-03-11T18:00:00+01:00"),
            ("end", "2027-03-11T19:30:00+01:00"),
            ("timezone", "Europe/Oslo"),
            ("venue", "Kirkenes library"),
            ("city", "Kirkenes"),
            ("recurrence", "weekly"),
            ("recurrence_until", "2027-04-08"),
        ],
    );
    commit_event(
        world,
        "helsinki-webinar",
        &[
            ("title", "Webinar: funding calls"),
            ("start", "2027-10-31T10:00:00+02:00"),
            ("end", "2027-10-31T11:00:00+02:00"),
            ("timezone", "Europe/Helsinki"),
            ("online", "true"),
            ("online_link", "https://meet.example/funding?room=1;a,b"),
            ("organiser", "Barents Regional Youth Council"),
            ("registration_link", "https://barents.example/register"),
            ("registration_deadline", "2027-10-25"),
        ],
    );
    commit_event(
        world,
        "broken-event",
        &[
            ("title", "Ends before it starts"),
            ("start", "2027-05-10T10:00:00+02:00"),
            ("end", "2027-05-10T09:00:00+02:00"),
            ("timezone", "Europe/Oslo"),
            ("city", "Tromsø"),
        ],
    );
}

/// Runs the independent parser over `text` and returns what it understood.
fn parse_with_python(text: &str, dir: &Path) -> Value {
    let file = dir.join("calendar.ics");
    std::fs::write(&file, text).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events/parse_ics.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 could not be run ({e}). Run `cargo xtask setup`, which installs Python's icalendar package.")
        });
    assert!(
        out.status.success(),
        "Python's icalendar could not read the calendar (if the module is missing, run `cargo xtask setup`):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn event<'a>(parsed: &'a Value, uid: &str) -> &'a Value {
    parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == uid)
        .unwrap_or_else(|| panic!("no event {uid} in {parsed}"))
}

fn uid(slug: &str) -> String {
    format!("events/{slug}@{HOST}")
}

/// RFC 5545's line rules, checked on the raw bytes.
fn assert_lines_are_valid(text: &str) {
    assert!(text.ends_with("\r\n"), "the last line ends in CRLF");
    assert!(
        !text.replace("\r\n", "").contains(['\n', '\r']),
        "every line break is CRLF"
    );
    for line in text.split("\r\n") {
        assert!(
            line.len() <= 75,
            "a line of {} octets: {line:?}",
            line.len()
        );
    }
}

#[test]
fn the_feed_reads_back_in_an_independent_parser() {
    let world = World::new();
    add_events(&world);
    let feed = world.desk.regenerate_feed().unwrap();
    assert_eq!(feed.path, "static/events.ics");
    assert_eq!(feed.events, 6, "two demo events and four new ones");
    assert_eq!(feed.skipped.len(), 1);
    assert_eq!(feed.skipped[0].path, "content/events/broken-event.md");
    assert!(
        feed.skipped[0]
            .message
            .contains("The end (10 May 2027, 09:00) is before the start"),
        "{}",
        feed.skipped[0].message
    );
    assert_lines_are_valid(&feed.text);

    let dir = tempfile::tempdir().unwrap();
    let parsed = parse_with_python(&feed.text, dir.path());
    assert_eq!(parsed["name"], "Barents Demo Site: events");
    let uids: Vec<&str> = parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    assert_eq!(
        uids,
        [
            uid("barents-culture-conference-tromso"),
            uid("sami-language-week"),
            uid("youth-exchange-info-day-rovaniemi"),
            uid("language-cafe-kirkenes"),
            uid("murmansk-seminar"),
            uid("helsinki-webinar"),
        ],
        "in start order, with UIDs from the path and the site's host"
    );

    // Times: the file's own VTIMEZONE, the system's zoneinfo and our offsets all agree.
    let murmansk = event(&parsed, &uid("murmansk-seminar"));
    assert_eq!(murmansk["tzid"], "Europe/Moscow");
    for key in ["start_own", "start_zoneinfo"] {
        assert_eq!(murmansk[key], "2027-03-26T10:00:00+03:00", "{key}");
    }
    for key in ["end_own", "end_zoneinfo"] {
        assert_eq!(murmansk[key], "2027-03-26T17:30:00+03:00", "{key}");
    }
    let webinar = event(&parsed, &uid("helsinki-webinar"));
    assert_eq!(webinar["start_own"], "2027-10-31T10:00:00+02:00");
    assert_eq!(webinar["start_zoneinfo"], "2027-10-31T10:00:00+02:00");
    let conference = event(&parsed, &uid("barents-culture-conference-tromso"));
    assert_eq!(conference["start_own"], "2026-12-03T10:00:00+01:00");
    assert_eq!(conference["end_own"], "2026-12-04T15:00:00+01:00");

    // All day: dates, the end exclusive.
    let week = event(&parsed, &uid("sami-language-week"));
    assert_eq!(week["all_day"], true);
    assert_eq!(week["start_zoneinfo"], "2027-02-04");
    assert_eq!(week["end_zoneinfo"], "2027-02-07");

    // Escaping and folding round trip: commas, semicolons, backslashes, newlines, and
    // Cyrillic and Sámi text folded inside 75 octets.
    assert_eq!(murmansk["summary"], MURMANSK_TITLE);
    assert_eq!(
        murmansk["description"],
        MURMANSK_SUMMARY.replace("\r\n", "\n")
    );
    assert_eq!(
        murmansk["location"],
        "Дом культуры, зал 2, Мурманск, Russia"
    );
    assert_eq!(week["summary"], SAMI_TITLE);
    assert!(
        feed.text
            .split("\r\n")
            .any(|l| l.starts_with(' ') && l[1..].starts_with(|c: char| ('а'..='я').contains(&c))),
        "some continuation line starts inside the Cyrillic title"
    );
    assert_eq!(
        webinar["description"],
        "Online: https://meet.example/funding?room=1;a,b\nOrganiser: Barents Regional Youth Council\nRegistration: https://barents.example/register (by 25 October 2027)"
    );
    assert_eq!(
        webinar["location"],
        "https://meet.example/funding?room=1;a,b"
    );
    assert_eq!(
        conference["url"],
        format!("https://{HOST}/events/barents-culture-conference-tromso/")
    );

    // The weekly café: dateutil's expansion with the file's VTIMEZONE gives the same
    // occurrences as the app's calendar, 18:00 local before and after the change.
    let cafe = event(&parsed, &uid("language-cafe-kirkenes"));
    assert_eq!(cafe["rrule"], "FREQ=WEEKLY;UNTIL=20270408T215959Z");
    let python: Vec<&str> = cafe["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        python,
        [
            "2027-03-11T18:00:00+01:00",
            "2027-03-18T18:00:00+01:00",
            "2027-03-25T18:00:00+01:00",
            "2027-04-01T18:00:00+02:00",
            "2027-04-08T18:00:00+02:00",
        ]
    );
    let listed = world
        .desk
        .events(&EventRange {
            from: Some("2027-03-01".into()),
            to: Some("2027-04-30".into()),
            viewer_zone: Some("Europe/Helsinki".into()),
        })
        .unwrap();
    let ours: Vec<&str> = listed
        .events
        .iter()
        .filter(|e| e.title == "Language café")
        .map(|e| e.start.as_str())
        .collect();
    assert_eq!(ours, python);
    assert!(
        listed.events.iter().all(|e| {
            e.first_day.as_str() >= "2027-03-01" && e.first_day.as_str() <= "2027-04-30"
        })
    );
    let murmansk_row = listed
        .events
        .iter()
        .find(|e| e.key.path.as_deref() == Some("content/events/murmansk-seminar.md"))
        .unwrap();
    assert_eq!(
        murmansk_row.when_text,
        "26 March 2027, 10:00–17:30 Moscow time — 09:00–16:30 in Helsinki"
    );

    // Regenerating gives the same UIDs and the same lines (stamps aside).
    let again = world.desk.regenerate_feed().unwrap();
    let unstamped = |t: &str| -> Vec<String> {
        t.split("\r\n")
            .filter(|l| !l.starts_with("DTSTAMP:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(unstamped(&again.text), unstamped(&feed.text));
}

#[test]
fn a_single_event_exports_as_its_own_calendar() {
    let world = World::new();
    add_events(&world);
    let file = world
        .desk
        .event_ics(&path_key("content/events/murmansk-seminar.md"))
        .unwrap();
    assert_eq!(file.file_name, "murmansk-seminar.ics");
    assert_lines_are_valid(&file.text);
    assert_eq!(file.text.matches("BEGIN:VTIMEZONE").count(), 1);
    let dir = tempfile::tempdir().unwrap();
    let parsed = parse_with_python(&file.text, dir.path());
    let events = parsed["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["uid"], uid("murmansk-seminar"));
    assert_eq!(events[0]["start_own"], "2027-03-26T10:00:00+03:00");

    let err = world
        .desk
        .event_ics(&path_key("content/articles/youth-forum-lulea.md"))
        .unwrap_err();
    assert_eq!(err.code(), "not_an_event");
    let err = world
        .desk
        .event_ics(&path_key("content/events/broken-event.md"))
        .unwrap_err();
    assert_eq!(err.code(), "event_invalid");
    assert_eq!(err.report().problems.unwrap()[0].field, "end");
}

#[test]
fn listing_dates_are_checked() {
    let world = World::new();
    let err = world
        .desk
        .events(&EventRange {
            from: Some("2027-13-01".into()),
            to: None,
            viewer_zone: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "bad_date");
    assert_eq!(
        err.to_string(),
        "From “2027-13-01” is not a date. Write it as year-month-day, for example 2026-12-03."
    );
    let err = world
        .desk
        .events(&EventRange {
            viewer_zone: Some("Europe/Helsinky".into()),
            ..EventRange::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), "unknown_zone");
}
