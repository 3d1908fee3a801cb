//! Event times across daylight-saving changes, in the zones of the Barents Region: Norway and
//! Sweden (CET/CEST), Finland (EET/EEST) and north-west Russia (Moscow time, no DST since
//! 2014). The EU changes the clocks at 01:00 UTC on the last Sunday of March and of October:
//! 29 March and 25 October 2026, 28 March and 31 October 2027.

use chrono::NaiveDate;
use chrono_tz::Tz;
use desk::content::FrontMatter;
use desk::events::{
    Event, EventFields, Resolved, When, describe, front_matter_time, parse_local, parse_zone,
    resolve_local, write_times,
};
use desk::site::FrontMatterFormat;

fn at(local: &str, zone: &str) -> String {
    front_matter_time(
        parse_local(local).unwrap(),
        parse_zone(zone).unwrap(),
        "Start",
    )
    .unwrap_or_else(|e| panic!("{local} {zone}: {e}"))
}

#[test]
fn offsets_change_on_the_last_sundays_of_march_and_october() {
    let cases = [
        // Oslo and Stockholm: CET +01:00 in winter, CEST +02:00 in summer.
        (
            "2026-03-28T10:00",
            "Europe/Oslo",
            "2026-03-28T10:00:00+01:00",
        ),
        (
            "2026-03-29T01:59",
            "Europe/Oslo",
            "2026-03-29T01:59:00+01:00",
        ),
        (
            "2026-03-29T03:00",
            "Europe/Oslo",
            "2026-03-29T03:00:00+02:00",
        ),
        (
            "2026-03-29T10:00",
            "Europe/Oslo",
            "2026-03-29T10:00:00+02:00",
        ),
        (
            "2026-10-24T10:00",
            "Europe/Oslo",
            "2026-10-24T10:00:00+02:00",
        ),
        (
            "2026-10-25T10:00",
            "Europe/Oslo",
            "2026-10-25T10:00:00+01:00",
        ),
        (
            "2027-03-27T18:00",
            "Europe/Stockholm",
            "2027-03-27T18:00:00+01:00",
        ),
        (
            "2027-03-28T18:00",
            "Europe/Stockholm",
            "2027-03-28T18:00:00+02:00",
        ),
        (
            "2027-10-30T18:00",
            "Europe/Stockholm",
            "2027-10-30T18:00:00+02:00",
        ),
        (
            "2027-10-31T18:00",
            "Europe/Stockholm",
            "2027-10-31T18:00:00+01:00",
        ),
        // Helsinki: EET +02:00 / EEST +03:00; the clocks change at 03:00 and 04:00 local.
        (
            "2026-03-29T02:30",
            "Europe/Helsinki",
            "2026-03-29T02:30:00+02:00",
        ),
        (
            "2026-03-29T04:30",
            "Europe/Helsinki",
            "2026-03-29T04:30:00+03:00",
        ),
        (
            "2026-10-25T02:30",
            "Europe/Helsinki",
            "2026-10-25T02:30:00+03:00",
        ),
        (
            "2026-10-25T04:30",
            "Europe/Helsinki",
            "2026-10-25T04:30:00+02:00",
        ),
        (
            "2027-10-31T12:00",
            "Europe/Helsinki",
            "2027-10-31T12:00:00+02:00",
        ),
        // Moscow: +03:00 all year since 26 October 2014 (+04:00 before).
        (
            "2026-03-28T10:00",
            "Europe/Moscow",
            "2026-03-28T10:00:00+03:00",
        ),
        (
            "2026-03-29T10:00",
            "Europe/Moscow",
            "2026-03-29T10:00:00+03:00",
        ),
        (
            "2026-10-25T10:00",
            "Europe/Moscow",
            "2026-10-25T10:00:00+03:00",
        ),
        (
            "2027-10-31T10:00",
            "Europe/Moscow",
            "2027-10-31T10:00:00+03:00",
        ),
        (
            "2014-10-25T10:00",
            "Europe/Moscow",
            "2014-10-25T10:00:00+04:00",
        ),
        (
            "2014-10-27T10:00",
            "Europe/Moscow",
            "2014-10-27T10:00:00+03:00",
        ),
    ];
    for (local, zone, expected) in cases {
        assert_eq!(at(local, zone), expected, "{local} in {zone}");
    }
}

#[test]
fn skipped_and_doubled_hours_are_named_not_shifted() {
    let gap = front_matter_time(
        parse_local("2026-03-29T03:30").unwrap(),
        Tz::Europe__Helsinki,
        "Start",
    )
    .unwrap_err();
    assert_eq!(
        gap.to_string(),
        "Start 03:30 on 29 March 2026 does not exist in Europe/Helsinki: the clocks go forward from 03:00 to 04:00 that night. Choose another time."
    );
    assert_eq!(gap.code(), "no_such_time");
    let oslo_gap = front_matter_time(
        parse_local("2027-03-28T02:15").unwrap(),
        Tz::Europe__Oslo,
        "End",
    )
    .unwrap_err();
    assert!(
        oslo_gap
            .to_string()
            .starts_with("End 02:15 on 28 March 2027 does not exist in Europe/Oslo"),
        "{oslo_gap}"
    );
    // 02:30 on 25 October happens twice in Oslo; it is written as the first (summer) one.
    match resolve_local(parse_local("2026-10-25T02:30").unwrap(), Tz::Europe__Oslo) {
        Resolved::Twice { first, second } => {
            assert_eq!(first.to_rfc3339(), "2026-10-25T02:30:00+02:00");
            assert_eq!(second.to_rfc3339(), "2026-10-25T02:30:00+01:00");
            assert_eq!((second - first).num_minutes(), 60);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        at("2026-10-25T02:30", "Europe/Oslo"),
        "2026-10-25T02:30:00+02:00"
    );
    // Moscow has no such hours any more.
    assert!(matches!(
        resolve_local(parse_local("2026-03-29T02:30").unwrap(), Tz::Europe__Moscow),
        Resolved::One(_)
    ));
}

#[test]
fn writing_times_back_changes_only_those_lines() {
    let yaml = "title: Seminar\nstart: 2026-03-20T10:00:00+01:00\nend: 2026-03-20T12:00:00+01:00\ntimezone: Europe/Oslo\nvenue: Kirkenes\n";
    let mut front = FrontMatter::parse(FrontMatterFormat::Yaml, yaml, "t.md").unwrap();
    // Moved a week on, across the change to summer time, and to Helsinki.
    write_times(
        &mut front,
        parse_local("2026-03-30T10:00").unwrap(),
        Some(parse_local("2026-03-30T12:00").unwrap()),
        "Europe/Helsinki",
    )
    .unwrap();
    let lines: Vec<&str> = front.raw().lines().collect();
    assert_eq!(lines[0], "title: Seminar");
    assert!(lines[1].starts_with("start:") && lines[1].contains("2026-03-30T10:00:00+03:00"));
    assert!(lines[2].starts_with("end:") && lines[2].contains("2026-03-30T12:00:00+03:00"));
    assert_eq!(lines[3], "timezone: Europe/Helsinki");
    assert_eq!(lines[4], "venue: Kirkenes");
    assert_eq!(lines.len(), 5);
    let fields = EventFields::from_front(&front);
    let event = Event::from_fields("content/events/s.md", &fields).unwrap();
    assert_eq!(event.zone, Tz::Europe__Helsinki);

    // TOML front matter, and a refusal that writes nothing.
    let toml =
        "title = \"Seminar\"\nstart = \"2026-03-20T10:00:00+01:00\"\ntimezone = \"Europe/Oslo\"\n";
    let mut front = FrontMatter::parse(FrontMatterFormat::Toml, toml, "t.md").unwrap();
    let before = front.raw().to_owned();
    let err = write_times(
        &mut front,
        parse_local("2026-10-25T09:00").unwrap(),
        Some(parse_local("2026-03-29T02:30").unwrap()),
        "Europe/Oslo",
    )
    .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(
        front.raw(),
        before,
        "a refused write leaves the front matter as it was"
    );
    write_times(
        &mut front,
        parse_local("2026-10-25T09:00").unwrap(),
        None,
        "Europe/Oslo",
    )
    .unwrap();
    assert_eq!(
        front.raw(),
        "title = \"Seminar\"\nstart = \"2026-10-25T09:00:00+01:00\"\ntimezone = \"Europe/Oslo\"\n"
    );
    let err = write_times(
        &mut front,
        parse_local("2026-10-25T09:00").unwrap(),
        None,
        "Europe/Olso",
    )
    .unwrap_err();
    assert_eq!(err.code(), "unknown_zone");
}

#[test]
fn times_in_words_in_the_event_zone_and_the_editors() {
    let moscow = |s: &str| resolve_local(parse_local(s).unwrap(), Tz::Europe__Moscow).instant();
    // The day before the change Helsinki is an hour behind Moscow; the day after, level.
    assert_eq!(
        describe(
            &moscow("2026-03-28T10:00"),
            None,
            false,
            Some(Tz::Europe__Helsinki)
        ),
        "28 March 2026, 10:00 Moscow time — 09:00 in Helsinki"
    );
    assert_eq!(
        describe(
            &moscow("2026-03-29T10:00"),
            None,
            false,
            Some(Tz::Europe__Helsinki)
        ),
        "29 March 2026, 10:00 Moscow time"
    );
    assert_eq!(
        describe(
            &moscow("2026-03-29T10:00"),
            Some(&moscow("2026-03-29T12:30")),
            false,
            Some(Tz::Europe__Oslo)
        ),
        "29 March 2026, 10:00–12:30 Moscow time — 09:00–11:30 in Oslo"
    );
    // Across midnight the other zone's date is said.
    assert_eq!(
        describe(
            &moscow("2026-12-04T01:00"),
            None,
            false,
            Some(Tz::Europe__Oslo)
        ),
        "4 December 2026, 01:00 Moscow time — 3 December 2026, 23:00 in Oslo"
    );
    // The same zone, or no editor zone: only the event's own time.
    assert_eq!(
        describe(
            &moscow("2026-12-04T01:00"),
            None,
            false,
            Some(Tz::Europe__Moscow)
        ),
        "4 December 2026, 01:00 Moscow time"
    );
    assert_eq!(
        describe(&moscow("2026-12-04T01:00"), None, false, None),
        "4 December 2026, 01:00 Moscow time"
    );
}

fn fields(pairs: &[(&str, &str)]) -> EventFields {
    let yaml: String = pairs
        .iter()
        .map(|(k, v)| format!("{k}: \"{v}\"\n"))
        .collect();
    EventFields::from_front(&FrontMatter::parse(FrontMatterFormat::Yaml, &yaml, "t.md").unwrap())
}

#[test]
fn weekly_repeats_keep_the_wall_clock_time_across_the_change() {
    let event = Event::from_fields(
        "content/events/language-cafe.md",
        &fields(&[
            ("title", "Language café"),
            ("start", "2026-03-19T10:00:00+01:00"),
            ("end", "2026-03-19T11:30:00+01:00"),
            ("timezone", "Europe/Oslo"),
            ("city", "Kirkenes"),
            ("recurrence", "weekly"),
            ("recurrence_until", "2026-04-09"),
        ]),
    )
    .unwrap();
    let starts: Vec<(String, String)> = event
        .occurrences(None, None)
        .into_iter()
        .map(|w| match w {
            When::Timed { start, end } => (start.to_rfc3339(), end.unwrap().to_rfc3339()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        starts,
        [
            ("2026-03-19T10:00:00+01:00", "2026-03-19T11:30:00+01:00"),
            ("2026-03-26T10:00:00+01:00", "2026-03-26T11:30:00+01:00"),
            ("2026-04-02T10:00:00+02:00", "2026-04-02T11:30:00+02:00"),
            ("2026-04-09T10:00:00+02:00", "2026-04-09T11:30:00+02:00"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let in_april = event.occurrences(NaiveDate::from_ymd_opt(2026, 4, 1), None);
    assert_eq!(in_april.len(), 2);
}

#[test]
fn monthly_repeats_skip_months_without_the_day_and_all_day_events_span_days() {
    let event = Event::from_fields(
        "content/events/board.md",
        &fields(&[
            ("title", "Board meeting"),
            ("start", "2026-08-31T09:00:00+03:00"),
            ("timezone", "Europe/Moscow"),
            ("online", "true"),
            ("online_link", "https://meet.example/board"),
            ("recurrence", "monthly"),
            ("recurrence_until", "2027-01-31"),
        ]),
    )
    .unwrap();
    let days: Vec<String> = event
        .occurrences(None, None)
        .iter()
        .map(|w| w.first_day().to_string())
        .collect();
    assert_eq!(
        days,
        ["2026-08-31", "2026-10-31", "2026-12-31", "2027-01-31"]
    );

    let fair = Event::from_fields(
        "content/events/fair.md",
        &fields(&[
            ("title", "Winter fair"),
            ("start", "2026-10-24"),
            ("end", "2026-10-26"),
            ("timezone", "Europe/Oslo"),
            ("city", "Luleå"),
        ]),
    )
    .unwrap();
    assert!(fair.all_day());
    assert_eq!(
        fair.when,
        When::AllDay {
            first: NaiveDate::from_ymd_opt(2026, 10, 24).unwrap(),
            last: NaiveDate::from_ymd_opt(2026, 10, 26).unwrap(),
        }
    );
    // Midnight to midnight across the change: 73 hours, not 72.
    let length = fair.when.end_instant(fair.zone).unwrap() - fair.when.start_instant(fair.zone);
    assert_eq!(length.num_hours(), 73);
    assert_eq!(
        fair.describe(Some(Tz::Europe__Helsinki)),
        "24 October 2026 – 26 October 2026 (all day)"
    );
}
