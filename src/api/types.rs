//! The values that cross the boundary between the core and its clients (the desktop shell over
//! IPC, the CLI). Rust is the source of truth: `ui/src/lib/bindings.ts` is generated from these
//! types (`cargo xtask bindings`) and a test fails when the checked-in file is stale.
//!
//! Timestamps are milliseconds since the Unix epoch; paths are site-relative with `/`
//! separators on every platform.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::content::{FieldEdits, FieldValue};

use crate::markdown::DocNode;

/// The site that is open, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SiteInfo {
    /// Human name of the site (from the schema, else the folder name).
    pub name: String,
    /// Absolute path of the site's git work tree, as the OS spells it.
    pub root: String,
    /// The branch that publishing commits to.
    pub branch: String,
    /// True when this is the embedded demo site in the app's data directory.
    pub is_demo: bool,
    pub collections: Vec<CollectionInfo>,
}

/// One kind of entry the site has (articles, interviews, events...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CollectionInfo {
    /// Stable identifier used in IPC, e.g. `articles`.
    pub id: String,
    /// Plural label for the sidebar, e.g. "Articles".
    pub label: String,
    /// Singular label for buttons, e.g. "article".
    pub singular: String,
    /// The built-in entry type it follows, if any (the form and toolbar adapt to it).
    pub preset: Option<crate::site::Preset>,
    /// The front matter fields its form shows, in order (the title among them).
    pub fields: Vec<FieldInfo>,
}

/// One field of a collection's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldInfo {
    /// The front matter key.
    pub name: String,
    /// What the form calls it.
    pub label: String,
    pub kind: crate::site::FieldKind,
    pub required: bool,
    /// What a new entry starts with (`today` already resolved in new drafts' fields).
    pub default: Option<String>,
    /// For `select`: the allowed values.
    pub options: Vec<String>,
    /// For `reference`: the collection the entry must be in.
    pub collection: Option<String>,
    /// For dates: the field this one must not be before.
    pub after: Option<String>,
    /// For dates: the field this one must not be after.
    pub before: Option<String>,
    /// For `image`: the field holding its alt text.
    pub alt: Option<String>,
    /// For `datetime`: the field holding its IANA time zone.
    pub zone: Option<String>,
    /// For `image`: the fields holding its caption, credit and focal point (wt-images).
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub focal: Option<String>,
}

/// Where an entry stands between the editor and the published site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EntryState {
    /// The file in the repository is current; no unpublished edits.
    Published,
    /// Exists only as a draft: never published.
    New,
    /// Published, with edits saved in the store that are not yet published.
    Modified,
    /// Published on this computer (committed) but not on the site's server yet: git is the
    /// outbox, and the next sync sends it (wt-states).
    Queued,
}

/// Identifies an entry: by its draft (new entries have no file yet) or by its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryKey {
    /// The draft that holds unpublished edits, if there is one.
    #[ts(type = "number | null")]
    pub draft_id: Option<i64>,
    /// The entry's file, site-relative, once it has one.
    pub path: Option<String>,
}

/// A line of the entry list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntrySummary {
    pub key: EntryKey,
    pub collection: String,
    /// The entry's language on a multilingual site (`en`, `ru`), else `None`.
    pub language: Option<String>,
    pub title: String,
    /// The entry's date field as written (articles: publication date; events: start).
    pub date: Option<String>,
    pub state: EntryState,
    /// When the draft was last saved, if there is a draft.
    #[ts(type = "number | null")]
    pub saved_at: Option<i64>,
    /// On a multilingual site: the entry in each of the site's languages (its own included).
    pub translations: Vec<TranslationInfo>,
    /// Where its draft stands in the editorial flow (`published` without a draft).
    pub editorial: EditorialInfo,
}

/// One language version of an entry, as the entry list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TranslationInfo {
    pub language: String,
    /// Its file (or the file its draft will publish to); `None` when missing.
    pub path: Option<String>,
    pub state: TranslationState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TranslationState {
    /// There is none yet.
    Missing,
    /// Started, not published.
    Draft,
    /// Published, and not older than the original.
    Current,
    /// Published before the original's last change: it needs updating.
    Outdated,
}

/// An entry opened for editing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryDoc {
    pub key: EntryKey,
    pub collection: String,
    pub language: Option<String>,
    pub title: String,
    /// The front matter fields of its collection that have a value (the title is `title`).
    pub fields: std::collections::BTreeMap<String, FieldValue>,
    /// The body as a ProseMirror document (node and mark names of the UI's Tiptap schema).
    pub body: DocNode,
    pub state: EntryState,
    #[ts(type = "number | null")]
    pub saved_at: Option<i64>,
}

/// An autosave from the editor: the whole editable state of one entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftInput {
    pub key: EntryKey,
    pub collection: String,
    pub title: String,
    /// The form's fields: a value, or `null` to remove the key; a key left out is unchanged.
    #[serde(default)]
    #[ts(type = "Record<string, FieldValue | null>")]
    pub fields: FieldEdits,
    pub body: DocNode,
}

/// The core's acknowledgement that a draft is durably stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveAck {
    pub key: EntryKey,
    #[ts(type = "number")]
    pub saved_at: i64,
}

/// The name and e-mail that publish commits carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub name: String,
    pub email: String,
}

/// What a publish did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublishOutcome {
    /// The entry as it is now keyed (a new entry gains its path here).
    pub key: EntryKey,
    /// The commit made, as a hex id.
    pub commit: String,
    /// True when the commit reached the site's server.
    pub pushed: bool,
    /// Why the push did not happen, in words, when `pushed` is false.
    pub push_error: Option<String>,
    /// Commits on this computer that the server does not have yet.
    pub waiting: u32,
}

/// How the local repository stands against its server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub waiting: u32,
    /// The last push error, in words, if the last attempt failed.
    pub last_error: Option<String>,
}

/// Everything the window needs at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Startup {
    pub site: SiteInfo,
    pub identity: Option<Identity>,
    pub sync: SyncStatus,
    /// Set when the store was found damaged at start and rebuilt: what happened, to show.
    pub store_notice: Option<String>,
}

/// An error as a client shows it: a stable code for the program, a sentence for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    /// Stable, machine-readable code, e.g. `not_a_repository`, `identity_missing`.
    pub code: String,
    /// What happened, to which file, and what to do, in plain words.
    pub message: String,
    /// For a refused publish: each problem with the field it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problems: Option<Vec<crate::site::validate::Problem>>,
    /// For `unknown_host` and `host_key_changed`: the server's key, to show (and, when
    /// unknown, to ask whether to trust it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub host_key: Option<Box<HostKeyInfo>>,
}

/// Which events to list: days in each event's own zone (`YYYY-MM-DD`, both included), and the
/// zone the editor reads times in (IANA name; the computer's zone when absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventRange {
    pub from: Option<String>,
    pub to: Option<String>,
    pub viewer_zone: Option<String>,
}

/// One occurrence of a published event, as the calendar and agenda show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventListing {
    pub key: EntryKey,
    pub collection: String,
    pub title: String,
    /// `Modified` when the event has unpublished edits.
    pub state: EntryState,
    /// RFC 3339 with the offset in force on that day (an all-day event: midnight).
    pub start: String,
    pub end: Option<String>,
    /// The event's IANA zone.
    pub timezone: String,
    pub all_day: bool,
    /// The first and last day in the event's zone (`YYYY-MM-DD`): the calendar's cells.
    pub first_day: String,
    pub last_day: String,
    /// "10 February 2027, 12:00–17:00 Helsinki time — 10:00–15:00 in Oslo".
    pub when_text: String,
    /// "Venue, City, Country".
    pub place: Option<String>,
    pub online_link: Option<String>,
    /// True for an occurrence of a repeating event.
    pub recurring: bool,
}

/// A published event that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedEvent {
    pub path: String,
    pub message: String,
}

/// The site's events in start order, and the ones left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventList {
    pub events: Vec<EventListing>,
    pub skipped: Vec<SkippedEvent>,
}

/// The site's iCalendar feed as it would be committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventFeed {
    /// Site-relative path of the feed, e.g. `static/events.ics`.
    pub path: String,
    /// The feed (UTF-8, CRLF line endings).
    pub text: String,
    /// Events in the feed.
    pub events: u32,
    /// Published events left out because they could not be read.
    pub skipped: Vec<SkippedEvent>,
}

/// One event as an `.ics` file to save or open in a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IcsFile {
    /// A file name to offer, e.g. `barents-culture-conference-tromso.ics`.
    pub file_name: String,
    pub text: String,
}

/// An image format the import writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImageFormat {
    Jpeg,
    Webp,
}

/// One file the import wrote (or found already stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImageVariant {
    /// Site-relative path, e.g. `static/images/3f0c…-960.webp`.
    pub path: String,
    /// The reference to write in Markdown or front matter.
    pub src: String,
    pub width: u32,
    pub height: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub format: ImageFormat,
}

/// An imported image: what the editor inserts (`src`, size) and every variant for a srcset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedImage {
    /// The name of the file the user chose.
    pub source: String,
    /// The content hash that names the variants (the same photo gives the same hash).
    pub hash: String,
    /// Size of the largest variant, upright.
    pub width: u32,
    pub height: u32,
    /// Markdown-ready reference to the largest JPEG: `![alt](src)`.
    pub src: String,
    /// Smallest first.
    pub variants: Vec<ImageVariant>,
    /// True when the same photo was already stored and nothing new was written.
    pub reused: bool,
    /// Things to tell the user (an animation's first frame kept, colours converted).
    pub notes: Vec<String>,
}

/// A file of an import batch that was refused, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportFailure {
    /// The file as the user gave it.
    pub file: String,
    pub error: ErrorReport,
}

/// What an import batch did: every image that was imported, every file refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub images: Vec<ImportedImage>,
    pub failed: Vec<ImportFailure>,
    /// True when the user cancelled before every file was processed.
    pub cancelled: bool,
    /// The site writes images as its `figure` shortcode (`[images] markdown = "figure"`),
    /// so the editor inserts figure images (wt-images).
    pub figure: bool,
}

/// Progress of an import batch, sent after each file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
    /// The file just finished.
    pub file: String,
}

/// A place where an entry refers to an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImageReference {
    /// The entry's site-relative path.
    pub entry: String,
    /// The front matter field (`cover`), or `None` for the body.
    pub field: Option<String>,
    pub src: String,
    pub alt: Option<String>,
    /// The site-relative file it points to; `None` for an external address.
    pub file: Option<String>,
}

/// An image file of the site, for the media library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MediaFile {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Entries that use it (or another size of the same import); empty when unused.
    pub used_by: Vec<String>,
}

/// The media check of the open site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MediaCheck {
    pub images: Vec<MediaFile>,
    pub without_alt: Vec<ImageReference>,
    pub missing: Vec<ImageReference>,
    /// Site-relative paths of images no entry refers to.
    pub unused: Vec<String>,
}

// ---- Revisions, editorial states, the trash and search (issue 4) ----

/// Where a draft stands in the editorial flow. `published` is set by publishing only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EditorialState {
    Draft,
    InReview,
    Ready,
    Published,
}

/// An entry's editorial state, who set it and when (`by`/`at` unknown for entries that only
/// exist as published files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EditorialInfo {
    pub state: EditorialState,
    pub by: Option<String>,
    #[ts(type = "number | null")]
    pub at: Option<i64>,
}

/// Which entries `list_entries` returns; every filter given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EntryFilter {
    pub editorial: Option<EditorialState>,
    pub collection: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RevisionKind {
    /// An autosave point (saves of one minute; older ones thinned to hourly, then daily).
    Autosave,
    /// What a publish committed.
    Publish,
    /// A restore of an earlier revision (or from the trash).
    Restore,
}

/// One revision of a draft, with how far it is from the current text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevisionInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: RevisionKind,
    pub title: String,
    #[ts(type = "number")]
    pub created_at: i64,
    /// The last save the revision holds.
    #[ts(type = "number")]
    pub updated_at: i64,
    pub author: Option<String>,
    pub commit: Option<String>,
    /// Lines the current text has that the revision does not, and the reverse.
    pub added: u32,
    pub removed: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DiffOp {
    Equal,
    /// In the current text only.
    Insert,
    /// In the revision only.
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffLine {
    pub op: DiffOp,
    /// The line without its line break.
    pub text: String,
}

/// A run of changed lines with up to three lines of context; line numbers start at 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffHunk {
    pub old_start: u32,
    pub new_start: u32,
    pub lines: Vec<DiffLine>,
}

/// A revision against the current text, as Markdown lines (front matter fields first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevisionDiff {
    pub revision: RevisionInfo,
    pub hunks: Vec<DiffHunk>,
}

/// A discarded draft in the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrashItem {
    #[ts(type = "number")]
    pub draft_id: i64,
    pub collection: String,
    /// The entry's file, if the draft was of a published entry.
    pub path: Option<String>,
    pub title: String,
    #[ts(type = "number")]
    pub trashed_at: i64,
    /// When it will be deleted for good.
    #[ts(type = "number")]
    pub purge_at: i64,
}

/// Where a search hit's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SearchSource {
    Published,
    Draft,
}

/// Filters of a search; every filter given must match. Dates are compared as written
/// (`YYYY-MM-DD` prefixes), inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchFilters {
    pub collection: Option<String>,
    pub language: Option<String>,
    pub source: Option<SearchSource>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub tag: Option<String>,
    pub limit: Option<u32>,
}

/// A piece of a snippet or title; `hit` pieces matched the query (the UI marks them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub key: EntryKey,
    pub source: SearchSource,
    pub collection: String,
    pub language: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub title_parts: Vec<TextPart>,
    pub snippet: Vec<TextPart>,
    /// FTS5's bm25 rank: lower is better.
    pub rank: f64,
}

/// What an index run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IndexReport {
    /// Published entries in the index after the run.
    pub entries: u32,
    /// Entries parsed in this run (new or changed blobs).
    pub parsed: u32,
    /// Entries whose blob was unchanged.
    pub unchanged: u32,
    /// Entries gone from the repository, removed from the index.
    pub removed: u32,
    /// Drafts (re)indexed.
    pub drafts: u32,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

// ---- Sync, conflicts, credentials, clone (issue 6) ----

/// What a sync did: fetched, put local publishes on top, pushed, and what needs the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Commits that arrived from the server.
    pub fetched: u32,
    /// Local publishes put on top of the server's changes.
    pub rebased: u32,
    /// Local publishes the server already had (nothing to send twice).
    pub already_there: u32,
    /// True when local commits reached the server in this sync.
    pub pushed: bool,
    /// Files the server's changes touched.
    pub changed: Vec<String>,
    /// Entries of the search index brought up to date (only the changed ones are read).
    pub reindexed: u32,
    /// New conflicts found in this sync (all open ones: [`crate::api::Desk::conflicts`]).
    pub conflicts: Vec<ConflictSummary>,
    /// Entries with unpublished drafts whose published file changed on the server since the
    /// draft was started (site-relative paths).
    pub stale_drafts: Vec<String>,
    /// Commits still waiting to be sent.
    pub waiting: u32,
}

/// A conflict in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub path: String,
    pub title: String,
    /// Front matter fields both sides changed.
    pub fields: Vec<String>,
    /// True when both sides changed the same part of the body.
    pub body: bool,
}

/// A conflict as the side-by-side view shows it: the file's text in each version
/// (`None`: the file does not exist in that version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryConflict {
    pub summary: ConflictSummary,
    pub base: Option<String>,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

/// How the editor resolves a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ConflictResolution {
    /// Publish this computer's version over the server's.
    KeepMine,
    /// Keep the server's version; this computer's stays in the conflict's record.
    KeepTheirs,
    /// Publish this text (the editor's combination of both).
    Edited { text: String },
}

/// The outbox: what waits, and when it is tried again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxStatus {
    pub waiting: u32,
    /// Failed attempts in a row.
    pub failures: u32,
    /// When the next attempt is due (ms since the epoch); 0 = now.
    #[ts(type = "number")]
    pub next_attempt: i64,
    pub last_error: Option<String>,
    /// Open conflicts of the site.
    pub conflicts: u32,
}

/// A user name and password or access token for an HTTPS server, to keep in the keychain.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerLogin {
    /// The site's URL (or any URL on the same server).
    pub url: String,
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for ServerLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerLogin")
            .field("url", &self.url)
            .field("username", &self.username)
            .field("password", &"<hidden>")
            .finish()
    }
}

/// An SSH server's key, for the question "trust this server?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HostKeyInfo {
    pub host: String,
    pub port: u16,
    pub key_type: String,
    /// `SHA256:...`, as `ssh-keygen -lf` prints it.
    pub fingerprint: String,
    /// The public key (base64).
    pub key: String,
}

/// Clone progress: objects and bytes received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloneProgress {
    pub received_objects: u32,
    pub indexed_objects: u32,
    pub total_objects: u32,
    #[ts(type = "number")]
    pub received_bytes: u64,
}

/// Publish a chosen set of entries as one commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublishRequest {
    pub entries: Vec<EntryKey>,
    /// The commit message; default "Publish article: <title>" (one entry) or a list.
    pub message: Option<String>,
    /// Push to a review branch `desk/<slug>` instead of the site's branch.
    #[serde(default)]
    pub review: bool,
}

/// What publishing a set of entries did (one commit for all of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetOutcome {
    /// The entries as they are now keyed, in the order asked.
    pub keys: Vec<EntryKey>,
    pub commit: String,
    /// The branch the commit went to: the site's branch, or `desk/<slug>` for review.
    pub branch: String,
    pub pushed: bool,
    pub push_error: Option<String>,
    /// Commits on this computer that the server does not have yet (the site's branch).
    pub waiting: u32,
}
