//! The calendar's side of the facade: the site's published events in start order (with each
//! occurrence's time in words), one event as `.ics`, the site's iCalendar feed, and the feed
//! a publish of an event commits beside the entry, in the same commit.
//!
//! Events are read from the published tree (git `HEAD`), like the entry list; a publish
//! computes the feed from `HEAD` with the entry's new bytes laid over it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::types::{
    EntryKey, EntryState, EventFeed, EventList, EventListing, EventRange, IcsFile, SkippedEvent,
};
use super::{Desk, OpenSite};
use crate::content::EntryFile;
use crate::events::{self, Event, EventFields, EventsError, SiteFacts, When, ics};
use crate::publish::{RepoPath, SiteRepo};
use crate::site::validate::Problem;
use crate::site::{Collection, EntryPath, I18n, SiteSchema};
use crate::{Error, Result};

/// A published event with what the feed needs.
struct SiteEvent {
    path: String,
    collection: String,
    event: Event,
    uid: String,
    url: Option<String>,
}

struct Loaded {
    events: Vec<SiteEvent>,
    skipped: Vec<SkippedEvent>,
    facts: SiteFacts,
}

impl Desk {
    /// The open site's events whose days touch `range`, one line per occurrence, in start
    /// order: published ones, and drafts (new, or published with unpublished edits, shown as
    /// the draft). Events that cannot be read or placed yet are listed apart, with the reason.
    pub fn events(&self, range: &EventRange) -> Result<EventList> {
        let from = parse_range_day("From", range.from.as_deref())?;
        let to = parse_range_day("To", range.to.as_deref())?;
        let viewer = match range.viewer_zone.as_deref() {
            Some(zone) => Some(events::parse_zone(zone)?),
            None => system_zone(),
        };
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        let loaded = load(&site.schema, &repo, None)?;
        // An event with unpublished edits is shown once: as its draft.
        let (drafts, draft_skipped) = self.draft_events(&site)?;
        let drafted: HashSet<String> = drafts.iter().filter_map(|d| d.0.path.clone()).collect();
        // wt-states: published here and not on the server yet is "waiting to sync".
        let unpushed = repo.unpushed_paths()?;
        let mut items: Vec<(EntryKey, String, EntryState, &Event)> = loaded
            .events
            .iter()
            .filter(|item| !drafted.contains(&item.path))
            .map(|item| {
                (
                    EntryKey {
                        draft_id: None,
                        path: Some(item.path.clone()),
                    },
                    item.collection.clone(),
                    if unpushed.contains(&item.path) {
                        EntryState::Queued
                    } else {
                        EntryState::Published
                    },
                    &item.event,
                )
            })
            .collect();
        items.extend(drafts.iter().map(|(key, collection, state, event)| {
            (key.clone(), collection.clone(), *state, event)
        }));
        let mut rows: Vec<(DateTime<Utc>, EventListing)> = Vec::new();
        for (key, collection, state, event) in items {
            for when in event.occurrences(from, to) {
                let start = when.start_instant(event.zone);
                rows.push((
                    start.with_timezone(&Utc),
                    EventListing {
                        key: key.clone(),
                        collection: collection.clone(),
                        title: event.title.clone(),
                        state,
                        start: rfc3339(&start),
                        end: match when {
                            When::Timed { end, .. } => end.as_ref().map(rfc3339),
                            When::AllDay { .. } => None,
                        },
                        timezone: event.zone.name().to_owned(),
                        all_day: matches!(when, When::AllDay { .. }),
                        first_day: when.first_day().to_string(),
                        last_day: when.last_day().to_string(),
                        when_text: events::describe_when(&when, event.zone, viewer),
                        place: event.place.text(),
                        online_link: event.online_link.clone(),
                        recurring: event.recurrence.is_some(),
                    },
                ));
            }
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.title.cmp(&b.1.title)));
        let mut skipped = loaded.skipped;
        skipped.extend(draft_skipped);
        Ok(EventList {
            events: rows.into_iter().map(|(_, row)| row).collect(),
            skipped,
        })
    }

    /// One published event as an `.ics` file (to save, mail, or open in a calendar).
    pub fn event_ics(&self, key: &EntryKey) -> Result<IcsFile> {
        let site = self.site()?;
        let path = key.path.as_deref().ok_or_else(|| {
            Error::Validation(
                "This event has not been published yet. Publish it first, then export it.".into(),
            )
        })?;
        let path = EntryPath::new(path)?;
        let is_event = site
            .schema
            .collection_of(&path)
            .is_some_and(events::is_event_collection);
        if !is_event {
            return Err(EventsError::NotAnEvent {
                path: path.to_string(),
            }
            .into());
        }
        let repo = SiteRepo::open(&site.root)?;
        let (bytes, _) = repo.file_at_head(&path)?.ok_or_else(|| Error::NotFound {
            what: path.to_string(),
        })?;
        let file = EntryFile::parse(path.as_str(), &String::from_utf8_lossy(&bytes))?;
        let fields = file
            .front()
            .map(EventFields::from_front)
            .unwrap_or_default();
        let event = Event::from_fields(path.as_str(), &fields)?;
        let facts = site_facts(&repo);
        let (slug, url) = hugo_keys(&file);
        let feed_event = ics::FeedEvent {
            event: &event,
            uid: events::event_uid(path.as_str(), facts.host.as_deref()),
            url: page_url(&site.schema, &facts, &path, slug.as_deref(), url.as_deref()),
        };
        Ok(IcsFile {
            file_name: format!("{}.ics", path.slug()),
            text: ics::calendar(
                calendar_name(&site, &facts).as_deref(),
                &[feed_event],
                now(),
                None,
            ),
        })
    }

    /// The site's feed regenerated from every published event, as it would be committed.
    /// Events whose lines did not change keep their stamp, so an unchanged site gives the
    /// same bytes as the committed feed.
    pub fn regenerate_feed(&self) -> Result<EventFeed> {
        let site = self.site()?;
        let repo = SiteRepo::open(&site.root)?;
        feed(&site, &repo, None)
    }

    /// Checks an event's fields as the form holds them; `is_new` for an event never
    /// published (only then is a date in the past worth a warning).
    pub fn validate_event(&self, fields: &EventFields, is_new: bool) -> Vec<Problem> {
        let context = if is_new {
            events::Context::new_event()
        } else {
            events::Context::existing()
        };
        events::validate(fields, &context)
    }

    /// For a publish: when `path` is an event, the feed regenerated with these new bytes of
    /// it, to be committed in the same commit as the entry.
    pub(super) fn feed_for_publish(
        &self,
        site: &OpenSite,
        repo: &SiteRepo,
        collection: &Collection,
        path: &EntryPath,
        bytes: &[u8],
    ) -> Result<Option<(RepoPath, Vec<u8>)>> {
        if !events::is_event_collection(collection) {
            return Ok(None);
        }
        let feed = feed(site, repo, Some((path, bytes)))?;
        for skipped in &feed.skipped {
            tracing::warn!(
                "left out of the feed: {}: {}",
                skipped.path,
                skipped.message
            );
        }
        Ok(Some((RepoPath::new(&feed.path)?, feed.text.into_bytes())))
    }
}

fn feed(
    site: &OpenSite,
    repo: &SiteRepo,
    overlay: Option<(&EntryPath, &[u8])>,
) -> Result<EventFeed> {
    let path = RepoPath::new(&site.schema.events.feed)?;
    let loaded = load(&site.schema, repo, overlay)?;
    let previous = repo
        .read_at_head(&path)?
        .map(|(bytes, _)| String::from_utf8_lossy(&bytes).into_owned());
    let feed_events: Vec<ics::FeedEvent<'_>> = loaded
        .events
        .iter()
        .map(|e| ics::FeedEvent {
            event: &e.event,
            uid: e.uid.clone(),
            url: e.url.clone(),
        })
        .collect();
    let text = ics::calendar(
        calendar_name(site, &loaded.facts).as_deref(),
        &feed_events,
        now(),
        previous.as_deref(),
    );
    Ok(EventFeed {
        path: path.to_string(),
        text,
        events: u32::try_from(feed_events.len()).unwrap_or(u32::MAX),
        skipped: loaded.skipped,
    })
}

/// Every event of every event collection in the published tree, with `overlay` (a file
/// about to be committed) in place of its published bytes.
fn load(
    schema: &SiteSchema,
    repo: &SiteRepo,
    overlay: Option<(&EntryPath, &[u8])>,
) -> Result<Loaded> {
    let facts = site_facts(repo);
    let mut out = Loaded {
        events: Vec::new(),
        skipped: Vec::new(),
        facts,
    };
    let mut overlay_seen = false;
    for collection in schema
        .collections
        .iter()
        .filter(|c| events::is_event_collection(c))
    {
        for (_, folder) in schema.folders_of(collection) {
            let mut files: Vec<(String, Option<git2::Oid>)> = repo
                .files_under(&folder)?
                .into_iter()
                .map(|f| (f.path, Some(f.blob)))
                .collect();
            if let Some((path, _)) = overlay
                && path.as_str().starts_with(&format!("{folder}/"))
                && !files.iter().any(|(p, _)| p == path.as_str())
            {
                files.push((path.to_string(), None));
            }
            for (file_path, blob) in files {
                if !is_entry(&folder, &file_path) {
                    continue;
                }
                let bytes = match (overlay, blob) {
                    (Some((path, bytes)), _) if path.as_str() == file_path => {
                        overlay_seen = true;
                        bytes.to_vec()
                    }
                    (_, Some(blob)) => repo.blob(blob)?,
                    (_, None) => continue,
                };
                match read_event(schema, &out.facts, &file_path, &bytes) {
                    Ok(item) => out.events.push(SiteEvent {
                        collection: collection.id.clone(),
                        ..item
                    }),
                    Err(message) => out.skipped.push(SkippedEvent {
                        path: file_path,
                        message,
                    }),
                }
            }
        }
    }
    if overlay.is_some() && !overlay_seen {
        tracing::warn!("the published event is outside its collection's folders");
    }
    Ok(out)
}

fn read_event(
    schema: &SiteSchema,
    facts: &SiteFacts,
    path: &str,
    bytes: &[u8],
) -> std::result::Result<SiteEvent, String> {
    let entry_path = EntryPath::new(path).map_err(|e| e.to_string())?;
    let file =
        EntryFile::parse(path, &String::from_utf8_lossy(bytes)).map_err(|e| e.to_string())?;
    let fields = file
        .front()
        .map(EventFields::from_front)
        .unwrap_or_default();
    let event = Event::from_fields(path, &fields).map_err(|e| e.to_string())?;
    let (slug, url) = hugo_keys(&file);
    Ok(SiteEvent {
        path: path.to_owned(),
        collection: String::new(),
        uid: events::event_uid(path, facts.host.as_deref()),
        url: page_url(schema, facts, &entry_path, slug.as_deref(), url.as_deref()),
        event,
    })
}

/// An entry's Markdown file in a collection folder (flat `a.md`, or a bundle's `a/index.md`),
/// not a section's `_index.md`.
fn is_entry(folder: &str, path: &str) -> bool {
    let Some(rest) = path.strip_prefix(&format!("{folder}/")) else {
        return false;
    };
    let file = rest.rsplit('/').next().unwrap_or(rest);
    let depth = rest.split('/').count();
    !file.starts_with("_index.")
        && (depth == 1 || (depth == 2 && file.starts_with("index.") && file.ends_with(".md")))
}

/// The front matter keys Hugo uses for a page's address.
fn hugo_keys(file: &EntryFile) -> (Option<String>, Option<String>) {
    let get = |key: &str| file.front().and_then(|f| f.get(key));
    (get("slug"), get("url"))
}

/// The page address of an entry as Hugo builds it, with the language in the path for a
/// language other than the site's default.
fn page_url(
    schema: &SiteSchema,
    facts: &SiteFacts,
    path: &EntryPath,
    slug: Option<&str>,
    url: Option<&str>,
) -> Option<String> {
    let language = schema.language_of(path);
    let default = schema.languages.first();
    let mut hugo_path = path.as_str().to_owned();
    if let (Some(lang), Some(i18n)) = (&language, schema.i18n) {
        let prefix = if Some(lang) == default {
            String::new()
        } else {
            format!("{lang}/")
        };
        hugo_path = match i18n {
            I18n::Dir => hugo_path.replacen(&format!("/{lang}/"), &format!("/{prefix}"), 1),
            I18n::Suffix => {
                let stripped = hugo_path.replacen(&format!(".{lang}.md"), ".md", 1);
                stripped.replacen("content/", &format!("content/{prefix}"), 1)
            }
        };
    }
    events::page_url(facts.base_url.as_deref(), &hugo_path, slug, url)
}

fn site_facts(repo: &SiteRepo) -> SiteFacts {
    events::read_site_facts(&|name| {
        RepoPath::new(name)
            .ok()
            .and_then(|p| repo.read_at_head(&p).ok().flatten())
            .map(|(bytes, _)| bytes)
    })
}

fn calendar_name(site: &OpenSite, facts: &SiteFacts) -> Option<String> {
    site.schema
        .name
        .clone()
        .or_else(|| facts.title.clone())
        .map(|name| format!("{name}: events"))
}

fn parse_range_day(what: &str, value: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                Error::from(EventsError::BadDate {
                    what: what.to_owned(),
                    value: v.to_owned(),
                })
            })
        })
        .transpose()
}

/// The computer's IANA zone, when it has a name the zone database knows.
fn system_zone() -> Option<Tz> {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| events::parse_zone(&name).ok())
}

fn rfc3339(at: &DateTime<Tz>) -> String {
    at.fixed_offset().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Now, to the second (iCalendar stamps have no fractions).
fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
}

// Helper wt-mediacal: quick entry and export.
impl Desk {
    /// Reads a pasted table of events (title, date, time, venue per line) for review; times
    /// are read in `zone` (the form's zone; the computer's when absent). Creates nothing.
    pub fn parse_event_table(
        &self,
        text: &str,
        zone: Option<&str>,
    ) -> Result<events::batch::BatchTable> {
        let zone = match zone.map(str::trim).filter(|z| !z.is_empty()) {
            Some(zone) => events::parse_zone(zone)?,
            None => system_zone().unwrap_or(chrono_tz::Europe::Oslo),
        };
        let today = Utc::now().with_timezone(&zone).date_naive();
        Ok(events::batch::parse_table(text, zone, today))
    }

    /// Writes one published event as an `.ics` file into `folder` (the user's Downloads
    /// folder, as the shell chooses), under a name not yet taken there; returns the file.
    pub fn export_event_ics_to(
        &self,
        key: &EntryKey,
        folder: &std::path::Path,
    ) -> Result<std::path::PathBuf> {
        let ics = self.event_ics(key)?;
        std::fs::create_dir_all(folder)
            .map_err(|e| Error::io("create the folder", folder.to_path_buf(), e))?;
        let stem = ics
            .file_name
            .strip_suffix(".ics")
            .unwrap_or(&ics.file_name)
            .to_owned();
        for n in 1..1000 {
            let name = if n == 1 {
                format!("{stem}.ics")
            } else {
                format!("{stem}-{n}.ics")
            };
            let file = folder.join(name);
            if file.exists() {
                continue;
            }
            crate::fs_atomic::write_atomic(&file, ics.text.as_bytes())
                .map_err(|e| Error::io("write", file.clone(), e))?;
            return Ok(file);
        }
        Err(Error::Validation(format!(
            "{} already holds too many files called {stem}; empty it or export elsewhere.",
            folder.display()
        )))
    }
}

// Helper wt-mediacal: drafts in the calendar, duplicate, move, batch create.
impl Desk {
    /// The unpublished event drafts as the calendar shows them, and those that cannot be
    /// placed yet (no start, no zone...) with the reason. Returns the drafts' paths too, so
    /// the published version of an event with a draft is shown once, as its draft.
    fn draft_events(&self, site: &OpenSite) -> Result<(Vec<DraftEvent>, Vec<SkippedEvent>)> {
        let drafts = self.store()?.unpublished_drafts(site.id)?;
        let mut events = Vec::new();
        let mut skipped = Vec::new();
        for draft in drafts {
            let Ok(collection) = site.schema.collection(&draft.collection) else {
                continue;
            };
            if !events::is_event_collection(collection) {
                continue;
            }
            let key = EntryKey {
                draft_id: Some(draft.id),
                path: draft.path.clone(),
            };
            let doc = self.open_entry(&key)?;
            let fields = event_fields(&doc.title, &doc.fields);
            let label = draft
                .path
                .clone()
                .unwrap_or_else(|| format!("Draft “{}”", doc.title));
            match Event::from_fields(&label, &fields) {
                Ok(event) => events.push((key, draft.collection.clone(), doc.state, event)),
                Err(e) => skipped.push(SkippedEvent {
                    path: label,
                    message: e.to_string(),
                }),
            }
        }
        Ok((events, skipped))
    }

    /// A new draft event copied from `key` (published or draft): every field, and the text
    /// when `keep_text` ("duplicate"), or an empty text ("new event like this one"). With
    /// `day`, all its dates move so that it starts that day, at the same wall-clock time.
    pub fn duplicate_event(
        &self,
        key: &EntryKey,
        day: Option<&str>,
        keep_text: bool,
    ) -> Result<crate::api::types::EntryDoc> {
        let site = self.site()?;
        let source = self.open_entry(key)?;
        let collection = site.schema.collection(&source.collection)?.clone();
        if !events::is_event_collection(&collection) {
            return Err(EventsError::NotAnEvent {
                path: key.path.clone().unwrap_or_else(|| source.title.clone()),
            }
            .into());
        }
        let mut edits: crate::content::FieldEdits = source
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect();
        if let Some(day) = parse_range_day("The day", day)? {
            let moved = events::move_to_day(&event_fields(&source.title, &source.fields), day)?;
            for (k, v) in moved {
                edits.insert(k.to_owned(), Some(crate::content::FieldValue::Text(v)));
            }
        }
        let body = if keep_text {
            source.body.clone()
        } else {
            crate::markdown::DocNode::empty_doc()
        };
        self.create_draft(
            &site,
            &crate::store::DraftWrite {
                collection: &collection.id,
                path: None,
                title: &source.title,
                doc: &body,
                fields: &edits,
                base_blob: None,
            },
        )
    }

    /// Moves a draft event to another day (the calendar's drag): its dates move together, its
    /// times keep their wall-clock reading in its zone. Published events move through their
    /// draft: open one first.
    pub fn move_event_draft(
        &self,
        key: &EntryKey,
        day: &str,
    ) -> Result<crate::api::types::SaveAck> {
        let site = self.site()?;
        let draft = self
            .find_draft(&site, key)?
            .filter(|d| d.state == crate::store::DraftState::Draft)
            .ok_or_else(|| {
                Error::Validation(
                    "Only a draft can be moved in the calendar. Open the event and change its start, or move its draft.".into(),
                )
            })?;
        let collection = site.schema.collection(&draft.collection)?.clone();
        if !events::is_event_collection(&collection) {
            return Err(EventsError::NotAnEvent {
                path: draft.path.clone().unwrap_or_else(|| draft.title.clone()),
            }
            .into());
        }
        let day = parse_range_day("The day", Some(day))?.ok_or_else(|| EventsError::BadDate {
            what: "The day".into(),
            value: day.to_owned(),
        })?;
        let key = EntryKey {
            draft_id: Some(draft.id),
            path: draft.path.clone(),
        };
        let doc = self.open_entry(&key)?;
        let fields = event_fields(&doc.title, &doc.fields);
        if fields
            .recurrence
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty())
        {
            return Err(Error::Validation(
                "A repeating event cannot be dragged to another day: open it and change its start."
                    .into(),
            ));
        }
        let mut edits = draft.fields.clone();
        for (k, v) in events::move_to_day(&fields, day)? {
            edits.insert(k.to_owned(), Some(crate::content::FieldValue::Text(v)));
        }
        self.save_draft(&crate::api::types::DraftInput {
            key,
            collection: draft.collection.clone(),
            title: draft.title.clone(),
            fields: edits,
            body: draft.doc.clone(),
        })
    }

    /// Creates one draft per row of a pasted table (see [`Desk::parse_event_table`]) in an
    /// events collection, for review; returns their keys in the rows' order.
    pub fn create_event_drafts(
        &self,
        collection: &str,
        rows: &[events::batch::BatchRow],
    ) -> Result<Vec<EntryKey>> {
        let site = self.site()?;
        let collection = site.schema.collection(collection)?.clone();
        if !events::is_event_collection(&collection) {
            return Err(Error::Validation(format!(
                "{} is not a collection of events; choose the events collection.",
                collection.label
            )));
        }
        let empty = crate::markdown::DocNode::empty_doc();
        let mut keys = Vec::with_capacity(rows.len());
        for row in rows {
            use crate::content::FieldValue::{Bool, Text};
            let mut edits = super::fields::defaults(&collection);
            let mut set = |k: &str, v: crate::content::FieldValue| {
                edits.insert(k.to_owned(), Some(v));
            };
            set(events::keys::START, Text(row.start.clone()));
            if let Some(end) = &row.end {
                set(events::keys::END, Text(end.clone()));
            }
            set(events::keys::TIMEZONE, Text(row.timezone.clone()));
            set(events::keys::ALL_DAY, Bool(row.all_day));
            if let Some(venue) = &row.venue {
                set(events::keys::VENUE, Text(venue.clone()));
            }
            let doc = self.create_draft(
                &site,
                &crate::store::DraftWrite {
                    collection: &collection.id,
                    path: None,
                    title: row.title.trim(),
                    doc: &empty,
                    fields: &edits,
                    base_blob: None,
                },
            )?;
            keys.push(doc.key);
        }
        Ok(keys)
    }
}

/// A draft event for the calendar: its key, collection, state and the event read from it.
type DraftEvent = (EntryKey, String, EntryState, Event);

/// An event's fields from the form's values (as the draft holds them).
fn event_fields(
    title: &str,
    values: &std::collections::BTreeMap<String, crate::content::FieldValue>,
) -> EventFields {
    let mut fields =
        EventFields::from_lookup(|key| values.get(key).map(crate::content::FieldValue::as_text));
    fields.title = Some(title.to_owned()).filter(|t| !t.trim().is_empty());
    fields
}

impl Desk {
    /// The events feed regenerated from the published tree (after a sync that met a conflict in
    /// it): `None` when the site has no feed or it is already current.
    pub(super) fn feed_refresh(
        &self,
        site: &OpenSite,
        repo: &SiteRepo,
    ) -> Result<Option<(RepoPath, Vec<u8>)>> {
        let feed = feed(site, repo, None)?;
        let path = RepoPath::new(&feed.path)?;
        let current = repo.read_at_head(&path)?.map(|(b, _)| b);
        if current.as_deref() == Some(feed.text.as_bytes()) {
            return Ok(None);
        }
        Ok(Some((path, feed.text.into_bytes())))
    }
}
