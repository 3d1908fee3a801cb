//! The checks an event must pass, each message at its field and saying what to do. Errors
//! stop a publish; warnings (a new event in the past, a time that happens twice) are worth a
//! look but do not. Plain functions over [`EventFields`], so the site schema's validation can
//! call them beside its own.

use chrono::{DateTime, NaiveDate, Offset, Utc};
use chrono_tz::Tz;

use super::fields::{EventFields, keys};
use super::model::{Recurrence, Repeat};
use super::time::{
    Resolved, day_text, gap_message, offset_text, parse_day, parse_local, parse_zone,
    resolve_local, twice_message,
};
use crate::site::validate::{Problem, Severity};

/// What the checks need besides the fields.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// "Now", for the check that a new event is not in the past.
    pub now: DateTime<Utc>,
    /// True for an event that has never been published: only then is a past date suspicious
    /// (last year's published events are past, and that is fine).
    pub is_new: bool,
}

impl Context {
    /// An event already on the site, checked now.
    pub fn existing() -> Self {
        Context {
            now: Utc::now(),
            is_new: false,
        }
    }

    /// A new event, checked now.
    pub fn new_event() -> Self {
        Context {
            now: Utc::now(),
            is_new: true,
        }
    }
}

/// Checks an event's fields; an empty list means it is fine.
pub fn validate(fields: &EventFields, context: &Context) -> Vec<Problem> {
    check(fields, context).problems
}

/// A moment read from a field: an instant in the event's zone, or a whole day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Time {
    At(DateTime<Tz>),
    Day(NaiveDate),
}

impl Time {
    pub(crate) fn day(&self) -> NaiveDate {
        match self {
            Time::At(at) => at.date_naive(),
            Time::Day(day) => *day,
        }
    }

    fn text(&self) -> String {
        match self {
            Time::At(at) => format!("{}, {}", day_text(at.date_naive()), at.format("%H:%M")),
            Time::Day(day) => day_text(*day),
        }
    }

    /// Strictly earlier; a day compared with an instant compares days.
    fn before(&self, other: &Time) -> bool {
        match (self, other) {
            (Time::At(a), Time::At(b)) => a < b,
            _ => self.day() < other.day(),
        }
    }
}

/// The fields read and checked in one pass: what could be understood, and what is wrong.
pub(crate) struct Checked {
    pub zone: Option<Tz>,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub all_day: bool,
    pub online: bool,
    pub deadline: Option<Time>,
    pub recurrence: Option<Recurrence>,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub(crate) fn errors(&self) -> Vec<Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .cloned()
            .collect()
    }
}

fn problem(field: &str, severity: Severity, message: String) -> Problem {
    Problem {
        field: field.to_owned(),
        severity,
        message,
    }
}

pub(crate) fn check(fields: &EventFields, context: &Context) -> Checked {
    let text = EventFields::text;
    let mut problems = Vec::new();
    let mut error = |field: &str, message: String| {
        problems.push(problem(field, Severity::Error, message));
    };

    if text(&fields.title).is_none() {
        error(
            keys::TITLE,
            "The title is missing. Every event needs a title.".into(),
        );
    }
    let zone = match text(&fields.timezone) {
        None => {
            error(
                keys::TIMEZONE,
                "The time zone is missing. Choose the time zone the event takes place in, for example Europe/Oslo.".into(),
            );
            None
        }
        Some(name) => match parse_zone(name) {
            Ok(zone) => Some(zone),
            Err(e) => {
                error(keys::TIMEZONE, format!("Time zone {e}"));
                None
            }
        },
    };
    let all_day = read_bool(
        fields.all_day.as_ref(),
        keys::ALL_DAY,
        "All day",
        &mut problems,
    );
    let online = read_bool(
        fields.online.as_ref(),
        keys::ONLINE,
        "Online",
        &mut problems,
    );

    let start = match text(&fields.start) {
        None => {
            problems.push(problem(
                keys::START,
                Severity::Error,
                "The start is missing. Enter the date and time the event begins.".into(),
            ));
            None
        }
        Some(value) => read_time(keys::START, "Start", value, zone, &mut problems),
    };
    let end =
        text(&fields.end).and_then(|value| read_time(keys::END, "End", value, zone, &mut problems));
    let all_day = all_day || matches!(start, Some(Time::Day(_)));

    if let (Some(start), Some(end)) = (&start, &end) {
        if !all_day && matches!((start, end), (Time::At(_), Time::Day(_))) {
            problems.push(problem(
                keys::END,
                Severity::Error,
                "The end is a date without a time, but the start has a time. Give the end a time too, or mark the event as all day.".into(),
            ));
        } else if (all_day && end.day() < start.day()) || (!all_day && end.before(start)) {
            problems.push(problem(
                keys::END,
                Severity::Error,
                format!(
                    "The end ({}) is before the start ({}). Set the end after the start.",
                    end.text(),
                    start.text()
                ),
            ));
        }
    }

    let deadline = text(&fields.registration_deadline).and_then(|value| {
        read_time(
            keys::REGISTRATION_DEADLINE,
            "Registration deadline",
            value,
            zone,
            &mut problems,
        )
    });
    if let (Some(deadline), Some(start)) = (&deadline, &start)
        && start.before(deadline)
    {
        problems.push(problem(
            keys::REGISTRATION_DEADLINE,
            Severity::Error,
            format!(
                "The registration deadline ({}) is after the start ({}). Set it on or before the day the event starts.",
                deadline.text(),
                start.text()
            ),
        ));
    }

    for (key, label) in [
        (keys::ONLINE_LINK, "Online link"),
        (keys::REGISTRATION_LINK, "Registration link"),
    ] {
        let value = match key {
            keys::ONLINE_LINK => text(&fields.online_link),
            _ => text(&fields.registration_link),
        };
        if let Some(value) = value {
            let lower = value.to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://"))
                || value.contains(char::is_whitespace)
            {
                problems.push(problem(
                    key,
                    Severity::Error,
                    format!(
                        "{label} “{value}” is not a web address. It should start with https://."
                    ),
                ));
            }
        }
    }
    let has_link = text(&fields.online_link).is_some();
    let has_place = text(&fields.venue).is_some() || text(&fields.city).is_some();
    if online && !has_link {
        problems.push(problem(
            keys::ONLINE_LINK,
            Severity::Error,
            "This is an online event, but it has no link. Add the link people use to join.".into(),
        ));
    } else if !online && !has_place && !has_link {
        problems.push(problem(
            keys::VENUE,
            Severity::Error,
            "Say where the event takes place: add a venue and city, or an online link if it is held online.".into(),
        ));
    }

    let recurrence = read_recurrence(fields, start.as_ref(), &mut problems);

    if context.is_new
        && let Some(start) = &start
    {
        let last = end.as_ref().unwrap_or(start);
        let past = match last {
            Time::At(at) => at.with_timezone(&Utc) < context.now,
            Time::Day(day) => {
                let today = zone.map_or(context.now.date_naive(), |z| {
                    context.now.with_timezone(&z).date_naive()
                });
                *day < today
            }
        };
        if past {
            problems.push(problem(
                keys::START,
                Severity::Warning,
                format!(
                    "This new event is in the past ({}). Check the date, especially the year: nobody can come to an event that is over.",
                    start.text()
                ),
            ));
        }
    }

    Checked {
        zone,
        start,
        end,
        all_day,
        online,
        deadline,
        recurrence,
        problems,
    }
}

fn read_bool(value: Option<&String>, key: &str, label: &str, problems: &mut Vec<Problem>) -> bool {
    match value.map(|v| v.trim()) {
        None | Some("") | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            problems.push(problem(
                key,
                Severity::Error,
                format!("{label} should be true or false, not “{other}”."),
            ));
            false
        }
    }
}

/// Reads `start`, `end` or the deadline: RFC 3339 with an offset that must agree with the
/// zone, a wall-clock time read in the zone, or a date.
fn read_time(
    key: &str,
    label: &str,
    value: &str,
    zone: Option<Tz>,
    problems: &mut Vec<Problem>,
) -> Option<Time> {
    let mut push = |severity, message| problems.push(problem(key, severity, message));
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        // Without a readable zone the instant is still known: order checks (end before
        // start) still work, read at the offset as written.
        let Some(zone) = zone else {
            return Some(Time::At(
                at.with_timezone(&written_offset_zone(at.offset().local_minus_utc())),
            ));
        };
        let there = at.with_timezone(&zone);
        let expected = there.offset().fix().local_minus_utc();
        let given = at.offset().local_minus_utc();
        if expected != given {
            push(
                Severity::Error,
                format!(
                    "{label} says {}, but {} is {} on {}. Fix the time or the time zone.",
                    offset_text(given),
                    zone.name(),
                    offset_text(expected),
                    day_text(at.date_naive()),
                ),
            );
            return None;
        }
        return Some(Time::At(there));
    }
    if let Some(local) = parse_local(value) {
        let zone = zone?;
        return match resolve_local(local, zone) {
            Resolved::One(at) => {
                push(
                    Severity::Warning,
                    format!(
                        "{label} has no UTC offset, so the website may read it as UTC and list it at the wrong place. Write it as {} (the offset of {} on that day).",
                        super::time::rfc3339(&at),
                        zone.name()
                    ),
                );
                Some(Time::At(at))
            }
            Resolved::Twice { first, second } => {
                push(
                    Severity::Warning,
                    twice_message(label, local, zone, &first, &second),
                );
                Some(Time::At(first))
            }
            gap @ Resolved::Gap { .. } => {
                push(Severity::Error, gap_message(label, local, zone, &gap));
                None
            }
        };
    }
    if let Some(day) = parse_day(value) {
        return Some(Time::Day(day));
    }
    push(
        Severity::Error,
        format!(
            "{label} “{value}” is not a date and time. Write it like 2026-12-03T10:00 (or 2026-12-03 for a whole day)."
        ),
    );
    None
}

/// The `Etc/GMT±N` zone of a whole-hour offset (the sign is POSIX's, inverted), else UTC.
fn written_offset_zone(seconds: i32) -> Tz {
    let hours = seconds / 3600;
    let name = match hours {
        0 => "Etc/GMT".to_owned(),
        h if h > 0 => format!("Etc/GMT-{h}"),
        h => format!("Etc/GMT+{}", -h),
    };
    if seconds % 3600 != 0 {
        return Tz::UTC;
    }
    name.parse().unwrap_or(Tz::UTC)
}

fn read_recurrence(
    fields: &EventFields,
    start: Option<&Time>,
    problems: &mut Vec<Problem>,
) -> Option<Recurrence> {
    let text = EventFields::text;
    let until_text = text(&fields.recurrence_until);
    let Some(repeat) = text(&fields.recurrence) else {
        if until_text.is_some() {
            problems.push(problem(
                keys::RECURRENCE_UNTIL,
                Severity::Warning,
                "“Repeat until” is set, but the event does not repeat. Choose weekly or monthly, or clear it.".into(),
            ));
        }
        return None;
    };
    let repeat = match repeat.to_lowercase().as_str() {
        "weekly" => Repeat::Weekly,
        "monthly" => Repeat::Monthly,
        _ => {
            problems.push(problem(
                keys::RECURRENCE,
                Severity::Error,
                format!("Repeats “{repeat}” is not one of the choices: weekly, monthly."),
            ));
            return None;
        }
    };
    let Some(until_text) = until_text else {
        problems.push(problem(
            keys::RECURRENCE_UNTIL,
            Severity::Error,
            "A repeating event needs the last day it can happen. Enter “Repeat until”.".into(),
        ));
        return None;
    };
    let Some(until) = parse_day(until_text) else {
        problems.push(problem(
            keys::RECURRENCE_UNTIL,
            Severity::Error,
            format!(
                "Repeat until “{until_text}” is not a date. Write it as year-month-day, for example 2027-03-01."
            ),
        ));
        return None;
    };
    if let Some(start) = start
        && until < start.day()
    {
        problems.push(problem(
            keys::RECURRENCE_UNTIL,
            Severity::Error,
            format!(
                "Repeat until ({}) is before the start ({}). Set it after the first day of the event.",
                day_text(until),
                day_text(start.day())
            ),
        ));
        return None;
    }
    Some(Recurrence { repeat, until })
}
