//! What the calendar needs to know about the site: which collections hold events, the site's
//! address (from the Hugo configuration), an event's page address and its stable iCalendar
//! UID. Reads files through a closure, so it works on the published tree without knowing git.

use crate::site::{Collection, Preset};

/// Where the feed is committed when the schema does not name a path.
pub const DEFAULT_FEED_PATH: &str = "static/events.ics";

/// Whether a collection holds events (its preset is `event`, or it is called `events`).
pub fn is_event_collection(collection: &Collection) -> bool {
    collection.preset == Some(Preset::Event)
        || (collection.preset.is_none() && collection.id == "events")
}

/// The site's facts from its Hugo configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteFacts {
    /// `baseURL`, with a trailing `/`, e.g. `https://barents.example/`.
    pub base_url: Option<String>,
    /// The host of `baseURL`, which makes UIDs unique across sites.
    pub host: Option<String>,
    pub title: Option<String>,
}

/// Reads `baseURL` and `title` from the first Hugo configuration file that exists (the same
/// names and order Hugo tries). `read` returns a site-relative file's bytes, if it exists.
pub fn read_site_facts(read: &dyn Fn(&str) -> Option<Vec<u8>>) -> SiteFacts {
    for name in [
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
        "config.json",
    ] {
        let Some(bytes) = read(name) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let value: Option<serde_json::Value> = if name.ends_with(".toml") {
            toml::from_str::<toml::Table>(&text)
                .ok()
                .and_then(|t| serde_json::to_value(t).ok())
        } else if name.ends_with(".json") {
            serde_json::from_str(&text).ok()
        } else {
            yaml_serde::from_str(&text).ok()
        };
        let Some(serde_json::Value::Object(map)) = value else {
            continue;
        };
        // Hugo's keys are case-insensitive.
        let get = |key: &str| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .and_then(|(_, v)| v.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let base_url = get("baseURL").map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
        return SiteFacts {
            host: base_url.as_deref().and_then(host_of),
            base_url,
            title: get("title"),
        };
    }
    SiteFacts::default()
}

/// `https://user@Barents.Example:443/x/` -> `barents.example`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    let host = host.trim().to_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The entry's path inside the content folder, without `.md` or a bundle's `/index`:
/// `content/events/a.md` and `content/events/a/index.md` -> `events/a`.
fn content_path(path: &str) -> String {
    let rest = path.strip_prefix("content/").unwrap_or(path);
    let rest = rest.strip_suffix(".md").unwrap_or(rest);
    match rest.rsplit_once('/') {
        Some((folder, "index")) => folder.to_owned(),
        // A translation in a bundle: `a/index.ru` -> `a.ru`.
        Some((folder, file)) if file.starts_with("index.") => {
            format!("{folder}{}", &file["index".len()..])
        }
        _ => rest.to_owned(),
    }
}

/// A UID that stays the same for as long as the entry keeps its path, on every computer and
/// at every regeneration: `events/a@barents.example`. (RFC 5545 recommends a domain on the
/// right-hand side; a site without `baseURL` uses `barents-desk.invalid`.)
pub fn event_uid(path: &str, host: Option<&str>) -> String {
    format!(
        "{}@{}",
        content_path(path),
        host.unwrap_or("barents-desk.invalid")
    )
}

/// The address of an event's page as Hugo builds it by default: the base URL, then the
/// content path in lower case (or the front matter's `url`, or its `slug` in place of the
/// file name), with a trailing `/`.
pub fn page_url(
    base_url: Option<&str>,
    path: &str,
    slug: Option<&str>,
    url: Option<&str>,
) -> Option<String> {
    let base = base_url?.trim_end_matches('/');
    if let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) {
        return Some(format!("{base}/{}", url.trim_start_matches('/')));
    }
    let rest = content_path(path);
    let rest = match slug.map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => match rest.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{slug}"),
            None => slug.to_owned(),
        },
        None => rest,
    };
    Some(format!("{base}/{}/", rest.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_from_each_config_format() {
        let facts = read_site_facts(&|name| {
            (name == "hugo.toml").then(|| {
                b"baseURL = \"https://Barents.Example:8443/site\"\ntitle = \"B\"\n".to_vec()
            })
        });
        assert_eq!(facts.host.as_deref(), Some("barents.example"));
        assert_eq!(
            facts.base_url.as_deref(),
            Some("https://Barents.Example:8443/site/")
        );
        let yaml = read_site_facts(&|name| {
            (name == "config.yaml").then(|| b"baseurl: https://a.example/\n".to_vec())
        });
        assert_eq!(yaml.host.as_deref(), Some("a.example"));
        assert_eq!(read_site_facts(&|_| None), SiteFacts::default());
    }

    #[test]
    fn uids_and_urls_from_paths() {
        let host = Some("barents.example");
        assert_eq!(
            event_uid("content/events/a.md", host),
            "events/a@barents.example"
        );
        assert_eq!(
            event_uid("content/events/a/index.md", host),
            "events/a@barents.example"
        );
        assert_eq!(
            event_uid("content/events/a/index.ru.md", host),
            "events/a.ru@barents.example"
        );
        let base = Some("https://barents.example/");
        assert_eq!(
            page_url(base, "content/events/Tromso-Day.md", None, None).as_deref(),
            Some("https://barents.example/events/tromso-day/")
        );
        assert_eq!(
            page_url(base, "content/events/a.md", Some("b"), None).as_deref(),
            Some("https://barents.example/events/b/")
        );
        assert_eq!(
            page_url(base, "content/events/a.md", None, Some("/x/y/")).as_deref(),
            Some("https://barents.example/x/y/")
        );
        assert_eq!(page_url(None, "content/events/a.md", None, None), None);
    }
}
