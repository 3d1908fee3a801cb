//! The event as the calendar and the feed use it: checked, with its times resolved in its
//! zone, and its repeats expanded into occurrences.

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta};
use chrono_tz::Tz;

use super::EventsError;
use super::fields::EventFields;
use super::time::{describe, resolve_local};
use super::validate::{Context, Time, check};

/// How often a repeating event repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Weekly,
    /// On the same day of the month; months without that day are skipped (as RFC 5545 does).
    Monthly,
}

/// A simple repeat: every week or month, the last one on or before `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub repeat: Repeat,
    /// The last day (in the event's zone) an occurrence may start on.
    pub until: NaiveDate,
}

/// When one occurrence happens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// From an instant (in the event's zone) to an optional end.
    Timed {
        start: DateTime<Tz>,
        end: Option<DateTime<Tz>>,
    },
    /// Whole days in the event's zone; `last` is included.
    AllDay { first: NaiveDate, last: NaiveDate },
}

impl When {
    pub fn first_day(&self) -> NaiveDate {
        match self {
            When::Timed { start, .. } => start.date_naive(),
            When::AllDay { first, .. } => *first,
        }
    }

    pub fn last_day(&self) -> NaiveDate {
        match self {
            When::Timed { start, end } => end.unwrap_or(*start).date_naive(),
            When::AllDay { last, .. } => *last,
        }
    }

    /// The first instant, for ordering (an all-day event starts at midnight in its zone).
    pub fn start_instant(&self, zone: Tz) -> DateTime<Tz> {
        match self {
            When::Timed { start, .. } => *start,
            When::AllDay { first, .. } => {
                resolve_local(first.and_time(chrono::NaiveTime::MIN), zone).instant()
            }
        }
    }

    /// The end instant, if any (an all-day event ends at midnight after its last day).
    pub fn end_instant(&self, zone: Tz) -> Option<DateTime<Tz>> {
        match self {
            When::Timed { end, .. } => *end,
            When::AllDay { last, .. } => last
                .succ_opt()
                .map(|d| resolve_local(d.and_time(chrono::NaiveTime::MIN), zone).instant()),
        }
    }
}

/// An occurrence of an event: the event's only one, or one of its repeats.
pub type Occurrence = When;

/// Venue, city, country.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub venue: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
}

impl Place {
    /// "Tromsø Kulturhus, Tromsø, Norway", or `None` when nothing is set.
    pub fn text(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.venue, &self.city, &self.country]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// A checked event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The entry's site-relative path.
    pub path: String,
    pub title: String,
    pub zone: Tz,
    /// The first (or only) occurrence.
    pub when: When,
    pub place: Place,
    pub online: bool,
    pub online_link: Option<String>,
    pub organiser: Option<String>,
    pub registration_link: Option<String>,
    pub registration_deadline: Option<NaiveDate>,
    pub recurrence: Option<Recurrence>,
    pub summary: Option<String>,
}

/// More occurrences than this are not listed (a weekly event for ten years is 520).
const MAX_OCCURRENCES: usize = 1000;

impl Event {
    /// Reads an event from its fields; any error (not a warning) refuses it, with every
    /// problem at its field.
    pub fn from_fields(path: &str, fields: &EventFields) -> Result<Event, EventsError> {
        let checked = check(fields, &Context::existing());
        let invalid = |problems| EventsError::Invalid {
            path: path.to_owned(),
            problems,
        };
        let errors = checked.errors();
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        let (Some(zone), Some(start)) = (checked.zone, checked.start) else {
            return Err(invalid(Vec::new()));
        };
        let when = match (checked.all_day, start, checked.end) {
            (true, start, end) => When::AllDay {
                first: start.day(),
                last: end.map_or(start.day(), |e| e.day()),
            },
            (false, Time::At(start), Some(Time::At(end))) => When::Timed {
                start,
                end: Some(end),
            },
            (false, Time::At(start), _) => When::Timed { start, end: None },
            (false, Time::Day(day), _) => When::AllDay {
                first: day,
                last: day,
            },
        };
        let text = |v: &Option<String>| EventFields::text(v).map(str::to_owned);
        Ok(Event {
            path: path.to_owned(),
            title: text(&fields.title).unwrap_or_default(),
            zone,
            when,
            place: Place {
                venue: text(&fields.venue),
                city: text(&fields.city),
                country: text(&fields.country),
            },
            online: checked.online,
            online_link: text(&fields.online_link),
            organiser: text(&fields.organiser),
            registration_link: text(&fields.registration_link),
            registration_deadline: checked.deadline.map(|d| d.day()),
            recurrence: checked.recurrence,
            summary: text(&fields.summary),
        })
    }

    pub fn all_day(&self) -> bool {
        matches!(self.when, When::AllDay { .. })
    }

    /// The occurrences that touch the days `from..=to` (in the event's zone), in order.
    /// Repeats keep the wall-clock time across daylight-saving changes (a weekly 10:00 in
    /// Oslo stays 10:00) and keep the event's length.
    pub fn occurrences(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<Occurrence> {
        let touches = |w: &When| {
            from.is_none_or(|f| w.last_day() >= f) && to.is_none_or(|t| w.first_day() <= t)
        };
        let Some(recurrence) = self.recurrence else {
            return [self.when].into_iter().filter(touches).collect();
        };
        let mut out = Vec::new();
        for n in 0..MAX_OCCURRENCES * 2 {
            let Some(next) = self.nth(recurrence.repeat, n) else {
                // A month without this day (the 31st in April): skipped.
                continue;
            };
            if next.first_day() > recurrence.until || to.is_some_and(|t| next.first_day() > t) {
                break;
            }
            if touches(&next) {
                out.push(next);
                if out.len() >= MAX_OCCURRENCES {
                    break;
                }
            }
        }
        out
    }

    /// The `n`th repeat (0 is the event itself), or `None` when that month lacks the day.
    fn nth(&self, repeat: Repeat, n: usize) -> Option<When> {
        let n32 = u32::try_from(n).ok()?;
        let shift = |day: NaiveDate| match repeat {
            Repeat::Weekly => day.checked_add_signed(TimeDelta::weeks(i64::from(n32))),
            Repeat::Monthly => {
                let moved = day.checked_add_months(Months::new(n32))?;
                // chrono clamps the 31st to the month's last day; RFC 5545 skips the month.
                (moved.day() == day.day()).then_some(moved)
            }
        };
        match self.when {
            When::AllDay { first, last } => {
                let new_first = shift(first)?;
                Some(When::AllDay {
                    first: new_first,
                    last: new_first + (last - first),
                })
            }
            When::Timed { start, end } => {
                let day = shift(start.date_naive())?;
                let new_start =
                    resolve_local(day.and_time(start.naive_local().time()), self.zone).instant();
                Some(When::Timed {
                    start: new_start,
                    end: end.map(|e| new_start + (e - start)),
                })
            }
        }
    }

    /// When the first occurrence happens, in words (see [`describe`]).
    pub fn describe(&self, viewer: Option<Tz>) -> String {
        describe_when(&self.when, self.zone, viewer)
    }
}

/// An occurrence in words, in its zone and the viewer's.
pub(crate) fn describe_when(when: &When, zone: Tz, viewer: Option<Tz>) -> String {
    match when {
        When::Timed { start, end } => describe(start, end.as_ref(), false, viewer),
        When::AllDay { .. } => {
            let start = when.start_instant(zone);
            let end = when
                .end_instant(zone)
                .map(|e| e - TimeDelta::seconds(1))
                .filter(|e| e.date_naive() > start.date_naive());
            describe(&start, end.as_ref(), true, viewer)
        }
    }
}
