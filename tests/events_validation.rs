//! Every message an event's checks can give, word for word, at its field: what is wrong and
//! what to do, in words an intern entering twenty events understands.

use chrono::{DateTime, Utc};
use desk::content::FrontMatter;
use desk::events::{Context, Event, EventFields, validate};
use desk::site::FrontMatterFormat;
use desk::site::validate::Severity::{self, Error as E, Warning as W};

/// "Now" for these tests: a fixed day, so the past-date warning does not drift.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

const OK: &[(&str, &str)] = &[
    ("title", "Barents youth forum"),
    ("start", "2026-12-03T10:00:00+01:00"),
    ("end", "2026-12-03T12:00:00+01:00"),
    ("timezone", "Europe/Oslo"),
    ("venue", "Scandic Kirkenes"),
    ("city", "Kirkenes"),
];

/// The OK event with some fields replaced (an empty value removes the field).
fn fields(changes: &[(&str, &str)]) -> EventFields {
    let mut pairs: Vec<(String, String)> = OK
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    for (k, v) in changes {
        pairs.retain(|(key, _)| key != k);
        pairs.push((k.to_string(), v.to_string()));
    }
    let yaml: String = pairs
        .iter()
        .map(|(k, v)| format!("{k}: \"{v}\"\n"))
        .collect();
    EventFields::from_front(&FrontMatter::parse(FrontMatterFormat::Yaml, &yaml, "t.md").unwrap())
}

fn problems(changes: &[(&str, &str)], is_new: bool) -> Vec<(String, Severity, String)> {
    validate(&fields(changes), &Context { now: now(), is_new })
        .into_iter()
        .map(|p| (p.field, p.severity, p.message))
        .collect()
}

fn one(field: &str, severity: Severity, message: &str) -> Vec<(String, Severity, String)> {
    vec![(field.to_owned(), severity, message.to_owned())]
}

#[test]
fn a_complete_event_has_no_problems() {
    assert_eq!(problems(&[], true), []);
    // Online only, with a link and no venue; a deadline on the day itself.
    assert_eq!(
        problems(
            &[
                ("venue", ""),
                ("city", ""),
                ("online", "true"),
                ("online_link", "https://meet.example/forum"),
                ("registration_deadline", "2026-12-03"),
                ("registration_link", "https://barents.example/register"),
            ],
            true
        ),
        []
    );
}

#[test]
fn missing_fields() {
    let empty = validate(
        &EventFields::default(),
        &Context {
            now: now(),
            is_new: true,
        },
    );
    let got: Vec<(&str, Severity, &str)> = empty
        .iter()
        .map(|p| (p.field.as_str(), p.severity, p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "title",
                E,
                "The title is missing. Every event needs a title."
            ),
            (
                "timezone",
                E,
                "The time zone is missing. Choose the time zone the event takes place in, for example Europe/Oslo."
            ),
            (
                "start",
                E,
                "The start is missing. Enter the date and time the event begins."
            ),
            (
                "venue",
                E,
                "Say where the event takes place: add a venue and city, or an online link if it is held online."
            ),
        ]
    );
}

#[test]
fn order_of_start_end_and_deadline() {
    assert_eq!(
        problems(&[("end", "2026-12-03T09:00:00+01:00")], false),
        one(
            "end",
            E,
            "The end (3 December 2026, 09:00) is before the start (3 December 2026, 10:00). Set the end after the start."
        )
    );
    // An end written with another zone's offset is refused, not silently converted.
    assert_eq!(
        problems(&[("end", "2026-12-03T10:30:00+02:00")], false),
        one(
            "end",
            E,
            "End says UTC+02:00, but Europe/Oslo is UTC+01:00 on 3 December 2026. Fix the time or the time zone."
        )
    );
    assert_eq!(
        problems(&[("registration_deadline", "2026-12-05")], false),
        one(
            "registration_deadline",
            E,
            "The registration deadline (5 December 2026) is after the start (3 December 2026, 10:00). Set it on or before the day the event starts."
        )
    );
    assert_eq!(
        problems(&[("registration_deadline", "soon")], false),
        one(
            "registration_deadline",
            E,
            "Registration deadline “soon” is not a date and time. Write it like 2026-12-03T10:00 (or 2026-12-03 for a whole day)."
        )
    );
    assert_eq!(
        problems(&[("end", "2026-12-03")], false),
        one(
            "end",
            E,
            "The end is a date without a time, but the start has a time. Give the end a time too, or mark the event as all day."
        )
    );
    assert_eq!(
        problems(&[("start", "2026-12-03"), ("end", "2026-12-01")], false),
        one(
            "end",
            E,
            "The end (1 December 2026) is before the start (3 December 2026). Set the end after the start."
        )
    );
    // All day, one day: fine.
    assert_eq!(
        problems(
            &[("start", "2026-12-03"), ("end", ""), ("all_day", "true")],
            false
        ),
        []
    );
}

#[test]
fn zones_and_offsets() {
    assert_eq!(
        problems(&[("timezone", "Europe/Osloo")], false),
        one(
            "timezone",
            E,
            "Time zone “Europe/Osloo” is not a known time zone. Use a name like Europe/Oslo, Europe/Helsinki or Europe/Moscow."
        )
    );
    assert_eq!(
        problems(&[("timezone", "oslo")], false),
        one(
            "timezone",
            E,
            "Time zone “oslo” is not a known time zone. Did you mean Europe/Oslo? Use a name like Europe/Oslo, Europe/Helsinki or Europe/Moscow."
        )
    );
    // The offset in `start` must be the zone's on that date: Helsinki is +02:00 in December.
    assert_eq!(
        problems(&[("timezone", "Europe/Helsinki"), ("end", "")], false),
        one(
            "start",
            E,
            "Start says UTC+01:00, but Europe/Helsinki is UTC+02:00 on 3 December 2026. Fix the time or the time zone."
        )
    );
    // ...and Oslo is +02:00 in July.
    assert_eq!(
        problems(
            &[("start", "2026-07-09T10:00:00+01:00"), ("end", "")],
            false
        ),
        one(
            "start",
            E,
            "Start says UTC+01:00, but Europe/Oslo is UTC+02:00 on 9 July 2026. Fix the time or the time zone."
        )
    );
    assert_eq!(
        problems(&[("start", "3.12.2026 10:00")], false),
        one(
            "start",
            E,
            "Start “3.12.2026 10:00” is not a date and time. Write it like 2026-12-03T10:00 (or 2026-12-03 for a whole day)."
        )
    );
    assert_eq!(
        problems(&[("start", "2026-12-03T10:00")], false),
        one(
            "start",
            W,
            "Start has no UTC offset, so the website may read it as UTC and list it at the wrong place. Write it as 2026-12-03T10:00:00+01:00 (the offset of Europe/Oslo on that day)."
        )
    );
    assert_eq!(
        problems(&[("start", "2026-03-29T02:30"), ("end", "")], false),
        one(
            "start",
            E,
            "Start 02:30 on 29 March 2026 does not exist in Europe/Oslo: the clocks go forward from 02:00 to 03:00 that night. Choose another time."
        )
    );
    assert_eq!(
        problems(&[("start", "2026-10-25T02:30"), ("end", "")], false),
        one(
            "start",
            W,
            "Start 02:30 on 25 October 2026 happens twice in Europe/Oslo, because the clocks go back that night. It is read as the first one, 2026-10-25T02:30:00+02:00; to mean the second, write 2026-10-25T02:30:00+01:00."
        )
    );
}

#[test]
fn a_new_event_in_the_past_is_a_warning_only_when_new() {
    let past = [
        ("start", "2025-12-03T10:00:00+01:00"),
        ("end", "2025-12-03T12:00:00+01:00"),
    ];
    assert_eq!(
        problems(&past, true),
        one(
            "start",
            W,
            "This new event is in the past (3 December 2025, 10:00). Check the date, especially the year: nobody can come to an event that is over."
        )
    );
    assert_eq!(problems(&past, false), [], "published events may be past");
    // Started this morning, ends tonight: not past yet.
    assert_eq!(
        problems(
            &[
                ("start", "2026-11-29T09:00:00+01:00"),
                ("end", "2026-11-29T20:00:00+01:00")
            ],
            true
        ),
        []
    );
}

#[test]
fn online_events_and_links() {
    assert_eq!(
        problems(&[("online", "true")], false),
        one(
            "online_link",
            E,
            "This is an online event, but it has no link. Add the link people use to join."
        )
    );
    assert_eq!(
        problems(&[("online_link", "zoom.example/abc")], false),
        one(
            "online_link",
            E,
            "Online link “zoom.example/abc” is not a web address. It should start with https://."
        )
    );
    assert_eq!(
        problems(&[("registration_link", "register at the door")], false),
        one(
            "registration_link",
            E,
            "Registration link “register at the door” is not a web address. It should start with https://."
        )
    );
    assert_eq!(
        problems(&[("online", "maybe")], false),
        one("online", E, "Online should be true or false, not “maybe”.")
    );
    assert_eq!(
        problems(&[("all_day", "yes")], false),
        one("all_day", E, "All day should be true or false, not “yes”.")
    );
}

#[test]
fn repeats() {
    assert_eq!(
        problems(&[("recurrence", "daily")], false),
        one(
            "recurrence",
            E,
            "Repeats “daily” is not one of the choices: weekly, monthly."
        )
    );
    assert_eq!(
        problems(&[("recurrence", "weekly")], false),
        one(
            "recurrence_until",
            E,
            "A repeating event needs the last day it can happen. Enter “Repeat until”."
        )
    );
    assert_eq!(
        problems(
            &[("recurrence", "weekly"), ("recurrence_until", "next year")],
            false
        ),
        one(
            "recurrence_until",
            E,
            "Repeat until “next year” is not a date. Write it as year-month-day, for example 2027-03-01."
        )
    );
    assert_eq!(
        problems(
            &[
                ("recurrence", "monthly"),
                ("recurrence_until", "2026-12-01")
            ],
            false
        ),
        one(
            "recurrence_until",
            E,
            "Repeat until (1 December 2026) is before the start (3 December 2026). Set it after the first day of the event."
        )
    );
    assert_eq!(
        problems(&[("recurrence_until", "2027-03-01")], false),
        one(
            "recurrence_until",
            W,
            "“Repeat until” is set, but the event does not repeat. Choose weekly or monthly, or clear it."
        )
    );
    assert_eq!(
        problems(
            &[("recurrence", "Weekly"), ("recurrence_until", "2027-03-01")],
            false
        ),
        []
    );
}

#[test]
fn an_event_with_errors_is_refused_with_its_problems_as_one_error() {
    let err = Event::from_fields(
        "content/events/forum.md",
        &fields(&[("end", "2026-12-03T09:00:00+01:00"), ("online", "true")]),
    )
    .unwrap_err();
    let err = desk::Error::from(err);
    let report = err.report();
    assert_eq!(report.code, "event_invalid");
    assert!(
        report
            .message
            .starts_with("The event content/events/forum.md cannot be used yet: The end"),
        "{}",
        report.message
    );
    let fields: Vec<String> = report
        .problems
        .unwrap()
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(fields, ["end", "online_link"]);
    // Warnings alone do not refuse an event.
    assert!(Event::from_fields("content/events/f.md", &fields_with_warning()).is_ok());
}

fn fields_with_warning() -> EventFields {
    fields(&[("start", "2026-12-03T10:00"), ("end", "")])
}
