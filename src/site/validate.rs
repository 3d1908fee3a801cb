//! Checking an entry's front matter against its collection's fields, with messages a
//! non-programmer understands that point at the field: what is wrong and what to do.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Collection, Field, FieldKind};
use crate::content::FrontMatter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Publishing is refused until it is fixed.
    Error,
    /// Worth a look; publishing goes ahead.
    Warning,
}

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The front matter key the problem is about (the form scrolls to it).
    pub field: String,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    fn error(field: &Field, message: String) -> Self {
        Problem {
            field: field.name.clone(),
            severity: Severity::Error,
            message,
        }
    }
}

/// Checks an entry. `entry_exists` answers whether a referenced entry path exists.
pub fn validate(
    collection: &Collection,
    front: &FrontMatter,
    entry_exists: &dyn Fn(&str) -> bool,
) -> Vec<Problem> {
    let fields = collection.all_fields();
    let mut problems = Vec::new();
    for field in &fields {
        let label = field.display_name();
        let value = front.get(&field.name).filter(|v| !v.trim().is_empty());
        let list = front.get_list(&field.name);
        let present = value.is_some() || list.as_ref().is_some_and(|l| !l.is_empty());
        if !present {
            if field.required {
                problems.push(Problem::error(
                    field,
                    format!(
                        "{label} is missing. Every {} needs one.",
                        collection.singular
                    ),
                ));
            }
            continue;
        }
        if field.kind == FieldKind::List {
            if list.is_none() {
                problems.push(Problem::error(
                    field,
                    format!("{label} should be a list, like [culture, youth]."),
                ));
            }
            continue;
        }
        let Some(value) = value else {
            problems.push(Problem::error(
                field,
                format!("{label} should be a single value, not a list."),
            ));
            continue;
        };
        if let Some(message) = check_value(field, &label, &value, front, entry_exists) {
            problems.push(Problem::error(field, message));
        }
    }
    problems.extend(check_order(&fields, front));
    problems
}

fn check_value(
    field: &Field,
    label: &str,
    value: &str,
    front: &FrontMatter,
    entry_exists: &dyn Fn(&str) -> bool,
) -> Option<String> {
    match field.kind {
        FieldKind::String | FieldKind::Text | FieldKind::List => None,
        FieldKind::Date => parse_date(value).is_none().then(|| {
            format!("{label} “{value}” is not a date. Write it as year-month-day, for example 2026-12-03.")
        }),
        FieldKind::Datetime => check_datetime(field, label, value, front),
        FieldKind::Timezone => chrono_tz::Tz::from_str(value).is_err().then(|| {
            format!(
                "{label} “{value}” is not a known time zone. Use a name like Europe/Oslo, Europe/Helsinki or Europe/Moscow."
            )
        }),
        FieldKind::Bool => (!matches!(value, "true" | "false"))
            .then(|| format!("{label} should be true or false, not “{value}”.")),
        FieldKind::Number => value
            .parse::<f64>()
            .is_err()
            .then(|| format!("{label} should be a number, not “{value}”.")),
        FieldKind::Url => {
            let lower = value.trim().to_ascii_lowercase();
            (!(lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))).then(|| {
                format!("{label} “{value}” is not a web address. It should start with https://.")
            })
        }
        FieldKind::Select => (!field.options.iter().any(|o| o == value)).then(|| {
            format!("{label} “{value}” is not one of the choices: {}.", field.options.join(", "))
        }),
        FieldKind::Reference => (!entry_exists(value)).then(|| {
            format!("{label} points to “{value}”, which does not exist. Choose an existing entry.")
        }),
        FieldKind::Image => {
            let no_alt = field.alt.as_deref().is_some_and(|alt| {
                front.get(alt).is_none_or(|a| a.trim().is_empty())
            });
            if no_alt {
                return Some(format!("{label} has no description (alt text). Describe the picture for people who cannot see it."));
            }
            let focal = front.get(field.focal.as_deref()?)?;
            (!focal.trim().is_empty() && super::focal::parse(&focal).is_none()).then(|| {
                format!("{label} has a focal point “{focal}” that is not two percentages like “40% 30%”. Click the picture where it should stay in view when a theme crops it.")
            })
        }
    }
}

fn check_datetime(field: &Field, label: &str, value: &str, front: &FrontMatter) -> Option<String> {
    let zone_name = field.zone.as_deref().and_then(|z| front.get(z));
    let zone = zone_name
        .as_deref()
        .and_then(|z| chrono_tz::Tz::from_str(z).ok());
    match DateTime::parse_from_rfc3339(value) {
        Ok(at) => {
            let tz = zone?;
            let expected = tz
                .from_utc_datetime(&at.naive_utc())
                .fixed_offset()
                .offset()
                .local_minus_utc();
            let given = at.offset().local_minus_utc();
            (expected != given).then(|| {
                format!(
                    "{label} says {}, but {} is {} on that day. Fix the time or the time zone.",
                    show_offset(given),
                    zone_name.unwrap_or_default(),
                    show_offset(expected)
                )
            })
        }
        Err(_) if parse_local(value).is_some() => zone.is_none().then(|| {
            format!("{label} has no time zone. Choose the time zone the event takes place in.")
        }),
        Err(_) => Some(format!(
            "{label} “{value}” is not a date and time. Write it like 2026-12-03T10:00, with the time zone in its own field."
        )),
    }
}

/// `end` not before `start`, a deadline not after the start.
fn check_order(fields: &[Field], front: &FrontMatter) -> Vec<Problem> {
    let mut problems = Vec::new();
    let moment = |name: &str| -> Option<(Moment, String)> {
        let value = front.get(name)?;
        let field = fields.iter().find(|f| f.name == name);
        let zone = field
            .and_then(|f| f.zone.as_deref())
            .and_then(|z| front.get(z))
            .and_then(|z| chrono_tz::Tz::from_str(&z).ok());
        Some((Moment::parse(&value, zone)?, value))
    };
    for field in fields {
        let label = field.display_name();
        let Some((this, this_text)) = moment(&field.name) else {
            continue;
        };
        let other_label = |name: &str| {
            fields
                .iter()
                .find(|f| f.name == name)
                .map_or_else(|| name.to_owned(), Field::display_name)
        };
        if let Some(after) = &field.after
            && let Some((other, other_text)) = moment(after)
            && this.before(&other)
        {
            problems.push(Problem::error(
                field,
                format!(
                    "{label} ({this_text}) is before {} ({other_text}). Set it after the {}.",
                    other_label(after),
                    other_label(after).to_lowercase()
                ),
            ));
        }
        if let Some(before) = &field.before
            && let Some((other, other_text)) = moment(before)
            && other.before(&this)
        {
            problems.push(Problem::error(
                field,
                format!(
                    "{label} ({this_text}) is after {} ({other_text}). Set it on or before the {}.",
                    other_label(before),
                    other_label(before).to_lowercase()
                ),
            ));
        }
    }
    problems
}

/// A date, or an instant, for ordering checks.
enum Moment {
    Day(NaiveDate),
    At(DateTime<FixedOffset>),
}

impl Moment {
    fn parse(value: &str, zone: Option<chrono_tz::Tz>) -> Option<Moment> {
        if let Ok(at) = DateTime::parse_from_rfc3339(value) {
            return Some(Moment::At(at));
        }
        if let Some(local) = parse_local(value) {
            let at = zone?.from_local_datetime(&local).earliest()?;
            return Some(Moment::At(at.fixed_offset()));
        }
        parse_date(value).map(Moment::Day)
    }

    fn day(&self) -> NaiveDate {
        match self {
            Moment::Day(d) => *d,
            Moment::At(at) => at.date_naive(),
        }
    }

    /// Strictly earlier; a date compared with a time compares days.
    fn before(&self, other: &Moment) -> bool {
        match (self, other) {
            (Moment::At(a), Moment::At(b)) => a < b,
            _ => self.day() < other.day(),
        }
    }
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d")
        .ok()
        .filter(|_| {
            value.len() == 10
                || DateTime::parse_from_rfc3339(value).is_ok()
                || parse_local(value).is_some()
        })
}

fn parse_local(value: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
}

fn show_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{FrontMatterFormat, SiteSchema};

    fn check(collection: &str, yaml: &str) -> Vec<(String, String)> {
        let schema = SiteSchema::defaults();
        let c = schema.collection(collection).unwrap();
        let front = FrontMatter::parse(FrontMatterFormat::Yaml, yaml, "t.md").unwrap();
        validate(c, &front, &|p| p == "content/articles/exists.md")
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect()
    }

    #[test]
    fn a_complete_article_has_no_problems() {
        assert_eq!(
            check(
                "articles",
                "title: T\ndate: 2026-10-14\ntags: [a, b]\ncover: /a.jpg\ncover_alt: Harbour\ndraft: false\n"
            ),
            []
        );
    }

    #[test]
    fn every_message_points_at_its_field_and_says_what_to_do() {
        let problems = check(
            "articles",
            "date: 14.10.2026\ntags: culture\ncover: /a.jpg\ndraft: maybe\n",
        );
        let by_field = |f: &str| {
            problems
                .iter()
                .find(|(field, _)| field == f)
                .map(|(_, m)| m.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            by_field("title"),
            "Title is missing. Every article needs one."
        );
        assert!(
            by_field("date").contains("is not a date") && by_field("date").contains("2026-12-03")
        );
        assert!(by_field("tags").contains("should be a list"));
        assert!(by_field("cover").contains("no description (alt text)"));
        assert!(by_field("draft").contains("true or false"));
    }

    #[test]
    fn events_check_zone_order_and_offsets() {
        let ok = "title: T\nstart: 2026-12-03T10:00:00+01:00\nend: 2026-12-03T12:00:00+01:00\ntimezone: Europe/Oslo\n";
        assert_eq!(check("events", ok), []);
        let problems = check(
            "events",
            "title: T\nstart: 2026-12-03T10:00:00+01:00\nend: 2026-12-03T09:00:00+01:00\ntimezone: Europe/Oslo\nregistration_deadline: 2026-12-05\nonline_link: zoom.example\n",
        );
        let text: Vec<String> = problems.iter().map(|(f, m)| format!("{f}: {m}")).collect();
        assert!(
            text.iter()
                .any(|m| m.starts_with("end: End (2026-12-03T09:00:00+01:00) is before Start")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|m| m.starts_with(
                "registration_deadline: Registration deadline (2026-12-05) is after Start"
            )),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|m| m.starts_with("online_link:") && m.contains("https://")),
            "{text:?}"
        );
        let zone = check(
            "events",
            "title: T\nstart: 2026-12-03T10:00:00+01:00\ntimezone: Europe/Osloo\n",
        );
        assert!(
            zone.iter()
                .any(|(f, m)| f == "timezone" && m.contains("not a known time zone")),
            "{zone:?}"
        );
        // Helsinki is UTC+02:00 in December, not +01:00
        let offset = check(
            "events",
            "title: T\nstart: 2026-12-03T10:00:00+01:00\ntimezone: Europe/Helsinki\n",
        );
        assert!(
            offset
                .iter()
                .any(|(f, m)| f == "start" && m.contains("UTC+02:00")),
            "{offset:?}"
        );
        // local time with a zone is fine, and ordered through the zone
        let local = check(
            "events",
            "title: T\nstart: 2026-03-29T01:30\nend: 2026-03-29T03:30\ntimezone: Europe/Oslo\n",
        );
        assert_eq!(local, []);
    }

    #[test]
    fn references_must_exist() {
        let mut schema = SiteSchema::defaults();
        let mut related = Field::new("related", FieldKind::Reference);
        related.collection = Some("articles".into());
        schema.collections[0].fields.push(related);
        let front = FrontMatter::parse(
            FrontMatterFormat::Yaml,
            "title: T\ndate: 2026-01-01\nrelated: content/articles/gone.md\n",
            "t.md",
        )
        .unwrap();
        let problems = validate(&schema.collections[0], &front, &|p| {
            p == "content/articles/exists.md"
        });
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .contains("“content/articles/gone.md”, which does not exist")
        );
    }
}
