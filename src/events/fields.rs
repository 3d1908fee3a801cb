//! An event's fields as written in front matter (text, by key), and writing its times back.
//! Reading goes through [`FrontMatter::get`], so unknown keys and the file's layout are never
//! touched; writing goes through [`FrontMatter::set_str`], which changes only those lines.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time::{front_matter_time, parse_zone};
use crate::content::FrontMatter;

/// The front matter keys of an event (the schema's event preset uses the same names).
pub mod keys {
    pub const TITLE: &str = "title";
    pub const START: &str = "start";
    pub const END: &str = "end";
    pub const TIMEZONE: &str = "timezone";
    pub const ALL_DAY: &str = "all_day";
    pub const VENUE: &str = "venue";
    pub const CITY: &str = "city";
    pub const COUNTRY: &str = "country";
    /// `true` for an event held online only (then `online_link` is required).
    pub const ONLINE: &str = "online";
    pub const ONLINE_LINK: &str = "online_link";
    pub const ORGANISER: &str = "organiser";
    pub const REGISTRATION_LINK: &str = "registration_link";
    pub const REGISTRATION_DEADLINE: &str = "registration_deadline";
    /// `weekly` or `monthly`.
    pub const RECURRENCE: &str = "recurrence";
    /// The last day a repeating event may happen, `2027-03-01`.
    pub const RECURRENCE_UNTIL: &str = "recurrence_until";
    pub const SUMMARY: &str = "summary";
}

/// An event's fields as text, exactly as the form or the file holds them; empty means absent.
/// Checks ([`super::validate`]) and the model ([`super::Event`]) read this, never the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventFields {
    pub title: Option<String>,
    /// RFC 3339 with offset (`2026-12-03T10:00:00+01:00`), a wall-clock time
    /// (`2026-12-03T10:00`, read in `timezone`), or a date for an all-day event.
    pub start: Option<String>,
    pub end: Option<String>,
    /// IANA zone name, `Europe/Oslo`.
    pub timezone: Option<String>,
    pub all_day: Option<String>,
    pub venue: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub online: Option<String>,
    pub online_link: Option<String>,
    pub organiser: Option<String>,
    pub registration_link: Option<String>,
    pub registration_deadline: Option<String>,
    pub recurrence: Option<String>,
    pub recurrence_until: Option<String>,
    pub summary: Option<String>,
}

impl EventFields {
    /// Reads the event keys of an entry's front matter.
    pub fn from_front(front: &FrontMatter) -> Self {
        Self::from_lookup(|key| front.get(key))
    }

    /// Reads the event keys through `get` (front matter, or a form's values); blank values
    /// count as absent.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        EventFields {
            title: get(keys::TITLE),
            start: get(keys::START),
            end: get(keys::END),
            timezone: get(keys::TIMEZONE),
            all_day: get(keys::ALL_DAY),
            venue: get(keys::VENUE),
            city: get(keys::CITY),
            country: get(keys::COUNTRY),
            online: get(keys::ONLINE),
            online_link: get(keys::ONLINE_LINK),
            organiser: get(keys::ORGANISER),
            registration_link: get(keys::REGISTRATION_LINK),
            registration_deadline: get(keys::REGISTRATION_DEADLINE),
            recurrence: get(keys::RECURRENCE),
            recurrence_until: get(keys::RECURRENCE_UNTIL),
            summary: get(keys::SUMMARY),
        }
    }

    /// A field's text, trimmed; `None` when absent or blank.
    pub(crate) fn text(value: &Option<String>) -> Option<&str> {
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
}

/// Writes an event's wall-clock start (and end) in `zone` into front matter: `start`/`end` as
/// RFC 3339 with the offset in force on each date, `timezone` as the zone name. Only those
/// lines change. A time the clocks skip is refused with the reason, and nothing is written.
pub fn write_times(
    front: &mut FrontMatter,
    start: NaiveDateTime,
    end: Option<NaiveDateTime>,
    zone: &str,
) -> crate::Result<()> {
    let tz = parse_zone(zone)?;
    let start_text = front_matter_time(start, tz, "Start")?;
    let end_text = end
        .map(|end| front_matter_time(end, tz, "End"))
        .transpose()?;
    // All three or none: edit a copy, keep it only when every field was written.
    let mut next = front.clone();
    next.set_str(keys::START, &start_text)?;
    if let Some(end_text) = end_text {
        next.set_str(keys::END, &end_text)?;
    }
    next.set_str(keys::TIMEZONE, tz.name())?;
    *front = next;
    Ok(())
}
