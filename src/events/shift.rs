//! Moving an event to another day, as a drag in the calendar or "new event like this one"
//! does: every date of the event (start, end, registration deadline, repeat-until) moves by
//! the same number of days, and times keep their wall-clock reading in the event's zone — a
//! 10:00 event in Oslo moved across the spring change is still at 10:00, now at +02:00. A
//! time the clocks skip on the new day is refused with the reason.

use chrono::{DateTime, NaiveDate, TimeDelta};

use super::EventsError;
use super::fields::{EventFields, keys};
use super::time::{front_matter_time, parse_day, parse_local, parse_zone};

/// The new values of the event's date fields (key, value) when its first day becomes `to`.
/// Fields that are absent stay absent; the zone and everything else are unchanged.
pub fn move_to_day(
    fields: &EventFields,
    to: NaiveDate,
) -> Result<Vec<(&'static str, String)>, EventsError> {
    let text = EventFields::text;
    let zone_name = text(&fields.timezone).ok_or_else(|| {
        EventsError::NoSuchTime(
            "This event has no time zone yet. Choose one before moving it.".into(),
        )
    })?;
    let zone = parse_zone(zone_name)?;
    let start = text(&fields.start).ok_or_else(|| {
        EventsError::NoSuchTime("This event has no start yet. Enter one before moving it.".into())
    })?;
    let first = day_of(start, zone).ok_or_else(|| EventsError::BadDate {
        what: "Start".into(),
        value: start.to_owned(),
    })?;
    let delta = to - first;
    let mut out = Vec::new();
    for (key, label, value) in [
        (keys::START, "Start", text(&fields.start)),
        (keys::END, "End", text(&fields.end)),
        (
            keys::REGISTRATION_DEADLINE,
            "Registration deadline",
            text(&fields.registration_deadline),
        ),
        (
            keys::RECURRENCE_UNTIL,
            "Repeat until",
            text(&fields.recurrence_until),
        ),
    ] {
        let Some(value) = value else { continue };
        out.push((key, shifted(value, delta, zone, label)?));
    }
    Ok(out)
}

/// The day a value falls on in the zone.
fn day_of(value: &str, zone: chrono_tz::Tz) -> Option<NaiveDate> {
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        return Some(at.with_timezone(&zone).date_naive());
    }
    parse_local(value)
        .map(|l| l.date())
        .or_else(|| parse_day(value))
}

fn shifted(
    value: &str,
    delta: TimeDelta,
    zone: chrono_tz::Tz,
    label: &str,
) -> Result<String, EventsError> {
    let bad = || EventsError::BadDate {
        what: label.to_owned(),
        value: value.to_owned(),
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        let local = at.with_timezone(&zone).naive_local();
        return front_matter_time(local + delta, zone, label);
    }
    if let Some(local) = parse_local(value) {
        return front_matter_time(local + delta, zone, label);
    }
    let day = parse_day(value).ok_or_else(bad)?;
    Ok((day + delta).format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> EventFields {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| (*v).to_owned())
        };
        EventFields {
            start: get("start"),
            end: get("end"),
            timezone: get("timezone"),
            registration_deadline: get("registration_deadline"),
            recurrence_until: get("recurrence_until"),
            ..EventFields::default()
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_move_across_the_spring_change_keeps_the_wall_clock_and_every_date_moves_together() {
        let f = fields(&[
            ("start", "2027-03-24T10:00:00+01:00"),
            ("end", "2027-03-25T16:30:00+01:00"),
            ("timezone", "Europe/Oslo"),
            ("registration_deadline", "2027-03-20"),
            ("recurrence_until", "2027-06-01"),
        ]);
        let moved = move_to_day(&f, day("2027-03-31")).unwrap();
        assert_eq!(
            moved,
            [
                ("start", "2027-03-31T10:00:00+02:00".to_owned()),
                ("end", "2027-04-01T16:30:00+02:00".to_owned()),
                ("registration_deadline", "2027-03-27".to_owned()),
                ("recurrence_until", "2027-06-08".to_owned()),
            ]
        );
    }

    #[test]
    fn all_day_events_move_by_dates_and_a_skipped_time_is_refused() {
        let f = fields(&[
            ("start", "2027-02-10"),
            ("end", "2027-02-12"),
            ("timezone", "Europe/Helsinki"),
        ]);
        assert_eq!(
            move_to_day(&f, day("2027-02-01")).unwrap(),
            [
                ("start", "2027-02-01".to_owned()),
                ("end", "2027-02-03".to_owned())
            ]
        );
        let night = fields(&[
            ("start", "2027-03-21T03:30:00+02:00"),
            ("timezone", "Europe/Helsinki"),
        ]);
        // Helsinki skips 03:00–04:00 on 28 March 2027.
        let err = move_to_day(&night, day("2027-03-28"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("03:30") && err.contains("does not exist"),
            "{err}"
        );
        let no_zone = fields(&[("start", "2027-02-10")]);
        assert!(move_to_day(&no_zone, day("2027-02-11")).is_err());
    }
}
