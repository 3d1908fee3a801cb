//! The site's calendar settings: the optional `[events]` table of `.desk/site.toml`. Owns the
//! path the iCalendar feed is committed to (default `static/events.ics`) and the check of a
//! hand-written value. Never touches a file.

use serde::{Deserialize, Serialize};

use super::site::DEFAULT_FEED_PATH;

/// `[events]` in `.desk/site.toml`. Every key is optional; an absent table means the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct EventSettings {
    /// Site-relative path of the iCalendar feed that every event publish regenerates, e.g.
    /// `static/events.ics` (Hugo serves it as `/events.ics`).
    pub feed: String,
}

impl Default for EventSettings {
    fn default() -> Self {
        EventSettings {
            feed: DEFAULT_FEED_PATH.to_owned(),
        }
    }
}

impl EventSettings {
    /// Whether these are the defaults (the schema writer leaves the table out then).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// What is wrong with a hand-written table, in words, or `None`.
    pub fn problem(&self) -> Option<String> {
        let feed = self.feed.trim();
        if feed != self.feed {
            return Some(format!(
                "events.feed \"{}\" starts or ends with a space; remove it",
                self.feed
            ));
        }
        if let Err(reason) = crate::site::check_path(feed) {
            return Some(format!("events.feed \"{feed}\" {reason}"));
        }
        if !feed.to_ascii_lowercase().ends_with(".ics") {
            return Some(format!(
                "events.feed \"{feed}\" does not end in .ics; calendar apps expect that name, for example static/events.ics"
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_paths_are_checked() {
        let with = |feed: &str| EventSettings { feed: feed.into() }.problem();
        assert_eq!(with("static/calendar/barents.ics"), None);
        assert!(with("../outside.ics").unwrap().contains("events.feed"));
        assert!(with("static/events.txt").unwrap().contains(".ics"));
        assert!(with(" static/events.ics").unwrap().contains("space"));
        assert!(with(".git/events.ics").is_some());
    }
}
