//! Events: the site's calendar. Owns reading an event from an entry's front matter (start and
//! end as RFC 3339 with the offset in force that day, the IANA zone beside them), time zone
//! arithmetic across daylight-saving changes, the checks an intern's event must pass, the
//! words that tell an editor when an event happens, and the iCalendar (RFC 5545) feed.
//!
//! It reads front matter by key through [`crate::content::FrontMatter`] and never changes the
//! site schema's types; its checks are plain functions over [`EventFields`], so the schema's
//! validation can call them. It never touches git or the store: the API layer hands it the
//! published files and commits what it returns.

pub mod batch;
mod fields;
pub mod ics;
mod model;
mod settings;
mod shift;
mod site;
mod time;
mod validate;

pub use fields::{EventFields, keys, write_times};
pub(crate) use model::describe_when;
pub use model::{Event, Occurrence, Place, Recurrence, Repeat, When};
pub use settings::EventSettings;
pub use shift::move_to_day;
pub use site::{
    DEFAULT_FEED_PATH, SiteFacts, event_uid, is_event_collection, page_url, read_site_facts,
};
pub use time::{
    Resolved, describe, front_matter_time, parse_local, parse_zone, resolve_local, zone_city,
};
pub use validate::{Context, validate};

use crate::site::validate::Problem;

#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("The event {path} cannot be used yet: {}", .problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
    #[error(
        "{path} is not an event: it is not in an events collection of this site. Choose an entry from the calendar."
    )]
    NotAnEvent { path: String },
    #[error("{0}")]
    NoSuchTime(String),
    #[error(
        "“{zone}” is not a known time zone.{} Use a name like Europe/Oslo, Europe/Helsinki or Europe/Moscow.",
        .suggestion.as_ref().map(|s| format!(" Did you mean {s}?")).unwrap_or_default()
    )]
    UnknownZone {
        zone: String,
        suggestion: Option<String>,
    },
    #[error("{what} “{value}” is not a date. Write it as year-month-day, for example 2026-12-03.")]
    BadDate { what: String, value: String },
}

impl EventsError {
    pub fn code(&self) -> &'static str {
        match self {
            EventsError::Invalid { .. } => "event_invalid",
            EventsError::NotAnEvent { .. } => "not_an_event",
            EventsError::NoSuchTime(_) => "no_such_time",
            EventsError::UnknownZone { .. } => "unknown_zone",
            EventsError::BadDate { .. } => "bad_date",
        }
    }

    /// The problems at the field, for a client that shows them beside the form.
    pub fn problems(&self) -> Option<&[Problem]> {
        match self {
            EventsError::Invalid { problems, .. } => Some(problems),
            _ => None,
        }
    }
}
