//! The iCalendar (RFC 5545) text of the site's events: the feed people subscribe to, and a
//! single event's `.ics`.
//!
//! Choices, and why:
//! - Times are written as wall-clock times with `TZID` and a `VTIMEZONE` for each zone used,
//!   not as UTC: a weekly event at 10:00 in Oslo must stay at 10:00 after the clocks change,
//!   and only a zone-aware `RRULE` says that. Each `VTIMEZONE` lists the zone's real
//!   transitions over the years the events span (computed from the IANA rules in
//!   `chrono-tz`), so a client that does not know the zone name still gets every offset right.
//! - UIDs come from the entry's path and the site's host (see [`super::event_uid`]), so they
//!   do not change when the feed is regenerated.
//! - `DTSTAMP` is the time an event's lines last changed: an event whose lines are the same
//!   as in the previous feed keeps its stamp, so regenerating an unchanged calendar gives the
//!   same bytes and a publish's diff shows only the events that changed.
//! - Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::model::{Event, Repeat, When};
use super::time::{day_text, resolve_local};

/// An event as the feed needs it: the event, its UID and its page.
#[derive(Debug, Clone)]
pub struct FeedEvent<'a> {
    pub event: &'a Event,
    pub uid: String,
    /// The event's page on the website.
    pub url: Option<String>,
}

/// A whole VCALENDAR. `now` stamps events that are new or changed; `previous` is the feed as
/// last published, whose stamps are kept for events whose lines did not change.
pub fn calendar(
    name: Option<&str>,
    events: &[FeedEvent<'_>],
    now: DateTime<Utc>,
    previous: Option<&str>,
) -> String {
    let stamps = previous.map(previous_stamps).unwrap_or_default();
    let now_stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut ordered: Vec<&FeedEvent<'_>> = events.iter().collect();
    ordered.sort_by(|a, b| {
        let key = |f: &FeedEvent<'_>| f.event.when.start_instant(f.event.zone).with_timezone(&Utc);
        key(a).cmp(&key(b)).then_with(|| a.uid.cmp(&b.uid))
    });

    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Barents Desk//Events//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
    ];
    if let Some(name) = name {
        lines.push(format!("X-WR-CALNAME:{}", escape_text(name)));
    }
    for (zone, (first, last)) in zone_years(&ordered) {
        lines.extend(vtimezone(zone, first, last));
    }
    for feed_event in ordered {
        let body = vevent_lines(feed_event);
        let stamp = match stamps.get(&escape_text(&feed_event.uid)) {
            Some((stamp, old)) if *old == body => stamp.clone(),
            _ => now_stamp.clone(),
        };
        lines.push("BEGIN:VEVENT".to_owned());
        let mut body = body.into_iter();
        // UID first, then DTSTAMP: the order most calendars write.
        lines.extend(body.next());
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.extend(body);
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());

    let mut out = String::new();
    for line in &lines {
        fold_into(line, &mut out);
    }
    out
}

/// The lines of one VEVENT, without `DTSTAMP` (UID first).
fn vevent_lines(feed_event: &FeedEvent<'_>) -> Vec<String> {
    let event = feed_event.event;
    let zone = event.zone.name();
    let mut lines = vec![format!("UID:{}", escape_text(&feed_event.uid))];
    match event.when {
        When::Timed { start, end } => {
            lines.push(format!(
                "DTSTART;TZID={zone}:{}",
                local_stamp(start.naive_local())
            ));
            if let Some(end) = end {
                lines.push(format!(
                    "DTEND;TZID={zone}:{}",
                    local_stamp(end.naive_local())
                ));
            }
        }
        When::AllDay { first, last } => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")));
            // DTEND of a date is exclusive: the day after the last.
            let after = last.succ_opt().unwrap_or(last);
            lines.push(format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
        }
    }
    if let Some(recurrence) = event.recurrence {
        let freq = match recurrence.repeat {
            Repeat::Weekly => "WEEKLY",
            Repeat::Monthly => "MONTHLY",
        };
        // UNTIL has DTSTART's type: a date for all-day events, else UTC (RFC 5545 3.3.10).
        let until = match event.when {
            When::AllDay { .. } => recurrence.until.format("%Y%m%d").to_string(),
            When::Timed { .. } => {
                let last_moment = recurrence
                    .until
                    .and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
                resolve_local(last_moment, event.zone)
                    .instant()
                    .with_timezone(&Utc)
                    .format("%Y%m%dT%H%M%SZ")
                    .to_string()
            }
        };
        lines.push(format!("RRULE:FREQ={freq};UNTIL={until}"));
    }
    lines.push(format!("SUMMARY:{}", escape_text(&event.title)));
    let description = description(event);
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
    }
    let location = event.place.text().or_else(|| event.online_link.clone());
    if let Some(location) = location {
        lines.push(format!("LOCATION:{}", escape_text(&location)));
    }
    if let Some(url) = &feed_event.url {
        lines.push(format!("URL:{}", uri(url)));
    }
    lines
}

/// The summary, then the practical details a subscriber needs.
fn description(event: &Event) -> String {
    let mut parts: Vec<String> = event.summary.iter().cloned().collect();
    let mut details = Vec::new();
    if let Some(link) = &event.online_link {
        details.push(format!("Online: {link}"));
    }
    if let Some(organiser) = &event.organiser {
        details.push(format!("Organiser: {organiser}"));
    }
    match (&event.registration_link, event.registration_deadline) {
        (Some(link), Some(day)) => {
            details.push(format!("Registration: {link} (by {})", day_text(day)));
        }
        (Some(link), None) => details.push(format!("Registration: {link}")),
        (None, Some(day)) => details.push(format!("Registration by {}", day_text(day))),
        (None, None) => {}
    }
    if !details.is_empty() {
        parts.push(details.join("\n"));
    }
    parts.join("\n\n")
}

fn local_stamp(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and newlines as `\n`.
/// Other control characters are not allowed in TEXT and are dropped.
pub fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value is not escaped, but may not break the line.
fn uri(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// Appends one content line, folded so no line is longer than 75 octets (continuations
/// start with a space, which counts), cut only between UTF-8 characters, ended by CRLF.
fn fold_into(line: &str, out: &mut String) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Each zone used, with the first and last year its events (and repeats) touch.
fn zone_years(events: &[&FeedEvent<'_>]) -> Vec<(Tz, (i32, i32))> {
    let mut years: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
    for feed_event in events {
        let event = feed_event.event;
        if matches!(event.when, When::AllDay { .. }) {
            // Dates only (repeats too): no time zone needed.
            continue;
        }
        let first = event.when.first_day().year();
        let last = event
            .recurrence
            .map_or(event.when.last_day(), |r| {
                r.until.max(event.when.last_day())
            })
            .year();
        let entry = years
            .entry(event.zone.name())
            .or_insert((event.zone, first, last));
        entry.1 = entry.1.min(first);
        entry.2 = entry.2.max(last);
    }
    years
        .into_values()
        .map(|(zone, first, last)| (zone, (first, last)))
        .collect()
}

/// The offset in force at a Unix time: total seconds east of UTC, whether it is summer time,
/// and the zone's abbreviation.
fn offset_at(zone: Tz, timestamp: i64) -> (i32, bool, String) {
    let Some(utc) = DateTime::from_timestamp(timestamp, 0) else {
        return (0, false, "UTC".into());
    };
    let offset = *utc.with_timezone(&zone).offset();
    let total = offset.fix().local_minus_utc();
    let name = offset
        .abbreviation()
        .map(str::to_owned)
        .unwrap_or_else(|| offset_value(total));
    (total, !offset.dst_offset().is_zero(), name)
}

/// A VTIMEZONE with the offset at the start of `first_year` and every transition until the
/// end of `last_year`.
fn vtimezone(zone: Tz, first_year: i32, last_year: i32) -> Vec<String> {
    let start = year_start(first_year);
    let end = year_start(last_year.saturating_add(1));
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    let mut observance = |at: i64, from: i32, to: &(i32, bool, String)| {
        let kind = if to.1 { "DAYLIGHT" } else { "STANDARD" };
        let local = DateTime::from_timestamp(at + i64::from(from), 0)
            .map(|d| local_stamp(d.naive_utc()))
            .unwrap_or_default();
        lines.extend([
            format!("BEGIN:{kind}"),
            format!("DTSTART:{local}"),
            format!("TZOFFSETFROM:{}", offset_value(from)),
            format!("TZOFFSETTO:{}", offset_value(to.0)),
            format!("TZNAME:{}", escape_text(&to.2)),
            format!("END:{kind}"),
        ]);
    };
    let mut state = offset_at(zone, start);
    observance(start, state.0, &state);
    const DAY: i64 = 86_400;
    let mut t = start;
    while t < end {
        let next = offset_at(zone, t + DAY);
        if next != state {
            // The first second with the new offset.
            let (mut old, mut new) = (t, t + DAY);
            while new - old > 1 {
                let mid = old + (new - old) / 2;
                if offset_at(zone, mid) == state {
                    old = mid;
                } else {
                    new = mid;
                }
            }
            observance(new, state.0, &next);
            state = next;
        }
        t += DAY;
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_time(NaiveTime::MIN)
        .and_utc()
        .timestamp()
}

/// `+0200`, `-0330`, with seconds when there are any (`+013908`).
fn offset_value(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The stamps and lines of each VEVENT of a previous feed, by UID (as escaped in the file).
fn previous_stamps(previous: &str) -> HashMap<String, (String, Vec<String>)> {
    let unfolded = previous.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = HashMap::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => {
                let Some(lines) = current.take() else {
                    continue;
                };
                let uid = lines.iter().find_map(|l| l.strip_prefix("UID:"));
                let stamp = lines.iter().find_map(|l| l.strip_prefix("DTSTAMP:"));
                if let (Some(uid), Some(stamp)) = (uid, stamp) {
                    let rest: Vec<String> = lines
                        .iter()
                        .filter(|l| !l.starts_with("DTSTAMP:"))
                        .cloned()
                        .collect();
                    out.insert(uid.to_owned(), (stamp.to_owned(), rest));
                }
            }
            _ => {
                if let Some(lines) = current.as_mut() {
                    lines.push(line.to_owned());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape_text("a,b;c\\d\r\ne\nf\u{7}"),
            "a\\,b\\;c\\\\d\\ne\\nf"
        );
    }

    #[test]
    fn folding_never_splits_a_character_and_keeps_75_octets() {
        let line = format!("DESCRIPTION:{}", "Мурманск — Čáhcesullo, Sámi ".repeat(12));
        let mut out = String::new();
        fold_into(&line, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        fold_into("UID:a", &mut short);
        assert_eq!(short, "UID:a\r\n");
    }

    #[test]
    fn offsets() {
        assert_eq!(offset_value(7200), "+0200");
        assert_eq!(offset_value(-12600), "-0330");
        assert_eq!(offset_value(5948), "+013908");
    }
}
