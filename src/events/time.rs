//! Local time in an IANA zone: reading the values of `start`/`end`, turning a wall-clock time
//! into the instant (and offset) it means on that date, and saying when an event happens in
//! words. Wall-clock times that do not exist (the spring-forward gap) or exist twice (the
//! autumn fall-back) are named, never silently shifted: the zone rules come from the IANA
//! database compiled into `chrono-tz`, so every OS computes the same offsets.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{GapInfo, Tz};

use super::EventsError;

/// Reads an IANA zone name (`Europe/Oslo`); an unknown name gets a suggestion when a known
/// zone differs only in case, spaces, or by the missing region (`oslo` -> `Europe/Oslo`).
pub fn parse_zone(name: &str) -> Result<Tz, EventsError> {
    let name = name.trim();
    if let Ok(tz) = Tz::from_str(name) {
        return Ok(tz);
    }
    let wanted = name.replace(' ', "_").to_lowercase();
    let suggestion = chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| {
            let known = tz.name().to_lowercase();
            known == wanted || known.rsplit('/').next() == Some(wanted.as_str())
        })
        .map(|tz| tz.name().to_owned());
    Err(EventsError::UnknownZone {
        zone: name.to_owned(),
        suggestion,
    })
}

/// A wall-clock time without offset: `2026-12-03T10:00`, with seconds or a space.
pub fn parse_local(value: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(value.trim(), f).ok())
}

/// A calendar date, `2026-12-03`.
pub(crate) fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// What a wall-clock time means in a zone on its date.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// The usual case: one instant.
    One(DateTime<Tz>),
    /// The clocks go back and this time happens twice; `first` is the earlier (summer) one.
    Twice {
        first: DateTime<Tz>,
        second: DateTime<Tz>,
    },
    /// The clocks go forward over this time: it never happens. `after` is the first instant
    /// after the gap; `from`/`to` are the wall-clock times the clocks jump between.
    Gap {
        after: DateTime<Tz>,
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
}

/// Resolves a wall-clock time in a zone.
pub fn resolve_local(local: NaiveDateTime, zone: Tz) -> Resolved {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => Resolved::One(at),
        chrono::LocalResult::Ambiguous(a, b) => {
            let (first, second) = if a <= b { (a, b) } else { (b, a) };
            Resolved::Twice { first, second }
        }
        chrono::LocalResult::None => {
            let gap = GapInfo::new(&local, &zone);
            // RFC 5545 reads a time in the gap with the offset in force before it; so do we,
            // for the occurrences of a repeating event that land there.
            let before = gap
                .as_ref()
                .and_then(|g| g.begin.as_ref().map(|(_, offset)| offset.fix()))
                .unwrap_or_else(|| {
                    zone.offset_from_utc_datetime(&(local - chrono::TimeDelta::days(1)))
                        .fix()
                });
            let after = zone.from_utc_datetime(
                &(local - chrono::TimeDelta::seconds(i64::from(before.local_minus_utc()))),
            );
            Resolved::Gap {
                after,
                from: gap
                    .as_ref()
                    .and_then(|g| g.begin.as_ref().map(|(at, _)| *at))
                    .unwrap_or(local),
                to: gap
                    .as_ref()
                    .and_then(|g| g.end.map(|at| at.naive_local()))
                    .unwrap_or_else(|| after.naive_local()),
            }
        }
    }
}

impl Resolved {
    /// The instant used for listing and the feed: the only one, the first of two, or the
    /// instant after a gap (RFC 5545's reading).
    pub fn instant(&self) -> DateTime<Tz> {
        match self {
            Resolved::One(at) => *at,
            Resolved::Twice { first, .. } => *first,
            Resolved::Gap { after, .. } => *after,
        }
    }
}

/// The front matter value for a wall-clock time in a zone: RFC 3339 with the offset in force
/// at that moment (`2026-03-29T10:00:00+02:00` in Oslo, `+01:00` the day before), so Hugo
/// sorts and shows it right. A time that happens twice is written as its first instant; a
/// time that does not exist is refused with the reason.
pub fn front_matter_time(
    local: NaiveDateTime,
    zone: Tz,
    what: &str,
) -> Result<String, EventsError> {
    match resolve_local(local, zone) {
        Resolved::One(at) | Resolved::Twice { first: at, .. } => Ok(rfc3339(&at)),
        gap @ Resolved::Gap { .. } => Err(EventsError::NoSuchTime(gap_message(
            what, local, zone, &gap,
        ))),
    }
}

/// `2026-12-03T10:00:00+01:00`.
pub(crate) fn rfc3339<Z: TimeZone>(at: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    at.fixed_offset().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// "Start 02:30 on 29 March 2026 does not exist in Europe/Oslo: ..."
pub(crate) fn gap_message(what: &str, local: NaiveDateTime, zone: Tz, gap: &Resolved) -> String {
    let (from, to) = match gap {
        Resolved::Gap { from, to, .. } => (*from, *to),
        _ => (local, local),
    };
    format!(
        "{what} {} on {} does not exist in {}: the clocks go forward from {} to {} that night. Choose another time.",
        local.format("%H:%M"),
        day_text(local.date()),
        zone.name(),
        from.format("%H:%M"),
        to.format("%H:%M"),
    )
}

/// "Start 02:30 on 25 October 2026 happens twice in Europe/Oslo ..."
pub(crate) fn twice_message(
    what: &str,
    local: NaiveDateTime,
    zone: Tz,
    first: &DateTime<Tz>,
    second: &DateTime<Tz>,
) -> String {
    format!(
        "{what} {} on {} happens twice in {}, because the clocks go back that night. It is read as the first one, {}; to mean the second, write {}.",
        local.format("%H:%M"),
        day_text(local.date()),
        zone.name(),
        rfc3339(first),
        rfc3339(second),
    )
}

/// `UTC+02:00`.
pub(crate) fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `3 December 2026`.
pub(crate) fn day_text(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// The place part of a zone name, as people say it: `Europe/Moscow` -> `Moscow`,
/// `America/New_York` -> `New York`.
pub fn zone_city(zone: Tz) -> String {
    zone.name()
        .rsplit('/')
        .next()
        .unwrap_or(zone.name())
        .replace('_', " ")
}

/// When an event happens, in its own zone and — when the clock there reads differently — in
/// the editor's: "10 February 2027, 12:00–17:00 Helsinki time — 10:00–15:00 in Oslo".
/// All-day events are dates in the event's zone and are not converted.
pub fn describe(
    start: &DateTime<Tz>,
    end: Option<&DateTime<Tz>>,
    all_day: bool,
    viewer: Option<Tz>,
) -> String {
    if all_day {
        let first = start.date_naive();
        let last = end.map_or(first, DateTime::date_naive);
        return if last > first {
            format!("{} – {} (all day)", day_text(first), day_text(last))
        } else {
            format!("{} (all day)", day_text(first))
        };
    }
    let zone = start.timezone();
    let mut text = format!("{} {} time", span_text(start, end, None), zone_city(zone));
    if let Some(viewer) = viewer.filter(|v| *v != zone) {
        let there = start.with_timezone(&viewer);
        if there.naive_local() != start.naive_local() {
            let there_end = end.map(|e| e.with_timezone(&viewer));
            text.push_str(&format!(
                " — {} in {}",
                span_text(&there, there_end.as_ref(), Some(start.date_naive())),
                zone_city(viewer)
            ));
        }
    }
    text
}

/// "3 December 2026, 10:00–15:00"; the first date is left out when it is `same_day`.
fn span_text(
    start: &DateTime<Tz>,
    end: Option<&DateTime<Tz>>,
    same_day: Option<NaiveDate>,
) -> String {
    let day = start.date_naive();
    let mut text = match same_day {
        Some(d) if d == day => start.format("%H:%M").to_string(),
        _ => format!("{}, {}", day_text(day), start.format("%H:%M")),
    };
    match end {
        Some(end) if end.date_naive() == day => {
            text.push_str(&format!("–{}", end.format("%H:%M")));
        }
        Some(end) => text.push_str(&format!(
            " – {}, {}",
            day_text(end.date_naive()),
            end.format("%H:%M")
        )),
        None => {}
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        parse_local(s).unwrap()
    }

    #[test]
    fn zone_suggestions() {
        assert_eq!(parse_zone(" Europe/Oslo ").unwrap(), Tz::Europe__Oslo);
        let err = parse_zone("europe/helsinki").unwrap_err().to_string();
        assert!(err.contains("Did you mean Europe/Helsinki?"), "{err}");
        let err = parse_zone("Moscow").unwrap_err().to_string();
        assert!(err.contains("Did you mean Europe/Moscow?"), "{err}");
        let err = parse_zone("Barentsburg/Nowhere").unwrap_err().to_string();
        assert!(!err.contains("Did you mean"), "{err}");
    }

    #[test]
    fn gap_and_fold_are_named() {
        let gap = resolve_local(local("2026-03-29T02:30"), Tz::Europe__Oslo);
        match &gap {
            Resolved::Gap { after, from, to } => {
                assert_eq!(rfc3339(after), "2026-03-29T03:30:00+02:00");
                assert_eq!(from.format("%H:%M").to_string(), "02:00");
                assert_eq!(to.format("%H:%M").to_string(), "03:00");
            }
            other => panic!("{other:?}"),
        }
        let err = front_matter_time(local("2026-03-29T02:30"), Tz::Europe__Oslo, "Start")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "Start 02:30 on 29 March 2026 does not exist in Europe/Oslo: the clocks go forward from 02:00 to 03:00 that night. Choose another time."
        );
        match resolve_local(local("2026-10-25T02:30"), Tz::Europe__Oslo) {
            Resolved::Twice { first, second } => {
                assert_eq!(rfc3339(&first), "2026-10-25T02:30:00+02:00");
                assert_eq!(rfc3339(&second), "2026-10-25T02:30:00+01:00");
            }
            other => panic!("{other:?}"),
        }
    }
}
