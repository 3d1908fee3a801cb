//! `desk events` and `desk ics` as a user scripts them, on the demo site.

use std::process::Command;

fn desk(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env_remove("BARENTS_DESK_DATA_DIR")
        .output()
        .expect("desk runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn events_are_listed_in_start_order_and_the_feed_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    let data = tmp.path().join("data");
    let (code, _, err) = desk(&["demo", demo.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let site = demo.join("site");
    let (site, data) = (site.to_str().unwrap(), data.to_str().unwrap());

    let (code, out, err) = desk(&[
        "--data-dir",
        data,
        "events",
        "--site",
        site,
        "--zone",
        "Europe/Moscow",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0][0], "2026-12-03T10:00:00+01:00");
    assert_eq!(lines[0][1], "Europe/Oslo");
    assert_eq!(
        lines[1][3],
        "10 February 2027, 12:00–17:00 Helsinki time — 13:00–18:00 in Moscow"
    );
    assert_eq!(
        lines[1][5],
        "content/events/youth-exchange-info-day-rovaniemi.md"
    );

    let (code, out, _) = desk(&[
        "--data-dir",
        data,
        "events",
        "--site",
        site,
        "--from",
        "2027-01-01",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 1, "{out}");

    let (code, _, err) = desk(&[
        "--data-dir",
        data,
        "events",
        "--site",
        site,
        "--to",
        "31.12.2026",
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim(),
        "desk: To “31.12.2026” is not a date. Write it as year-month-day, for example 2026-12-03."
    );

    let feed = tmp.path().join("events.ics");
    let (code, _, err) = desk(&[
        "--data-dir",
        data,
        "ics",
        "--site",
        site,
        "--out",
        feed.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("wrote 2 events"), "{err}");
    let text = std::fs::read_to_string(&feed).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);

    let (code, out, err) = desk(&[
        "--data-dir",
        data,
        "ics",
        "--site",
        site,
        "--entry",
        "content/events/barents-culture-conference-tromso.md",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.matches("BEGIN:VEVENT").count(), 1);
    assert!(
        out.contains("UID:events/barents-culture-conference-tromso@demo.barents-desk.invalid\r\n")
    );
}
