// This file is generated from the Rust types in src/api/types.rs by `cargo xtask bindings`. Do not edit.
export type BatchLineError = { line: number, 
/**
 * The line as pasted.
 */
text: string, 
/**
 * What is wrong and what to write instead.
 */
message: string, };
export type BatchRow = { 
/**
 * The line's number in the pasted text, from 1.
 */
line: number, title: string, 
/**
 * `YYYY-MM-DD`, in the event's zone.
 */
date: string, 
/**
 * RFC 3339 with the offset in force that day, or the date for an all-day event.
 */
start: string, end: string | null, allDay: boolean, 
/**
 * IANA zone the times were read in.
 */
timezone: string, venue: string | null, 
/**
 * Things worth a look that do not stop the row (a date in the past).
 */
warnings: Array<string>, };
export type BatchTable = { rows: Array<BatchRow>, errors: Array<BatchLineError>, };
export type CloneProgress = { receivedObjects: number, indexedObjects: number, totalObjects: number, receivedBytes: number, };
export type CollectionInfo = { 
/**
 * Stable identifier used in IPC, e.g. `articles`.
 */
id: string, 
/**
 * Plural label for the sidebar, e.g. "Articles".
 */
label: string, 
/**
 * Singular label for buttons, e.g. "article".
 */
singular: string, 
/**
 * The built-in entry type it follows, if any (the form and toolbar adapt to it).
 */
preset: Preset | null, 
/**
 * The front matter fields its form shows, in order (the title among them).
 */
fields: Array<FieldInfo>, };
export type ConflictResolution = { "kind": "keepMine" } | { "kind": "keepTheirs" } | { "kind": "edited", text: string, };
export type ConflictSummary = { id: number, path: string, title: string, 
/**
 * Front matter fields both sides changed.
 */
fields: Array<string>, 
/**
 * True when both sides changed the same part of the body.
 */
body: boolean, };
export type DiffHunk = { oldStart: number, newStart: number, lines: Array<DiffLine>, };
export type DiffLine = { op: DiffOp, 
/**
 * The line without its line break.
 */
text: string, };
export type DiffOp = "equal" | "insert" | "delete";
export type DocMark = { type: string, attrs?: { [key in string]?: JsonValue }, };
export type DocNode = { type: string, attrs?: { [key in string]?: JsonValue }, content?: Array<DocNode>, text?: string, marks?: Array<DocMark>, };
export type DraftInput = { key: EntryKey, collection: string, title: string, 
/**
 * The form's fields: a value, or `null` to remove the key; a key left out is unchanged.
 */
fields: Record<string, FieldValue | null>, body: DocNode, };
export type EditorialInfo = { state: EditorialState, by: string | null, at: number | null, };
export type EditorialState = "draft" | "inReview" | "ready" | "published";
export type EntryConflict = { summary: ConflictSummary, base: string | null, mine: string | null, theirs: string | null, };
export type EntryDoc = { key: EntryKey, collection: string, language: string | null, title: string, 
/**
 * The front matter fields of its collection that have a value (the title is `title`).
 */
fields: { [key in string]: FieldValue }, 
/**
 * The body as a ProseMirror document (node and mark names of the UI's Tiptap schema).
 */
body: DocNode, state: EntryState, savedAt: number | null, };
export type EntryFilter = { editorial: EditorialState | null, collection: string | null, language: string | null, };
export type EntryKey = { 
/**
 * The draft that holds unpublished edits, if there is one.
 */
draftId: number | null, 
/**
 * The entry's file, site-relative, once it has one.
 */
path: string | null, };
export type EntryList = { 
/**
 * Collection ids; a row's `c` is a position in this list.
 */
collections: Array<string>, 
/**
 * The site's languages in its order (then any other language a row has); a row's `l`, and
 * the letters of its `x`, are positions in this list.
 */
languages: Array<string>, rows: Array<EntryRow>, };
export type EntryRow = { 
/**
 * `key.path`.
 */
p?: string, 
/**
 * `key.draftId`.
 */
d?: number, 
/**
 * Position of the collection in [`EntryList::collections`].
 */
c: number, 
/**
 * Position of the language in [`EntryList::languages`].
 */
l?: number, t: string, a?: string, 
/**
 * The state's letter: `p` published, `n` new, `m` modified, `q` waiting to sync.
 */
s: string, v?: number, 
/**
 * The translation group: rows with the same number are language versions of one entry.
 */
g?: number, 
/**
 * One letter per language of [`EntryList::languages`], in order: `m` missing, `d` draft,
 * `c` current, `o` outdated. Absent: no translations (or they travel whole in `tf`).
 */
x?: string, 
/**
 * The translations whole, when the letters and the group cannot say them.
 */
tf?: Array<TranslationInfo>, 
/**
 * The editorial state, when it is not that of a published entry without a draft.
 */
e?: EditorialInfo, };
export type EntryState = "published" | "new" | "modified" | "queued";
export type EntrySummary = { key: EntryKey, collection: string, 
/**
 * The entry's language on a multilingual site (`en`, `ru`), else `None`.
 */
language: string | null, title: string, 
/**
 * The entry's date field as written (articles: publication date; events: start).
 */
date: string | null, state: EntryState, 
/**
 * When the draft was last saved, if there is a draft.
 */
savedAt: number | null, 
/**
 * On a multilingual site: the entry in each of the site's languages (its own included).
 */
translations: Array<TranslationInfo>, 
/**
 * Where its draft stands in the editorial flow (`published` without a draft).
 */
editorial: EditorialInfo, };
export type ErrorReport = { 
/**
 * Stable, machine-readable code, e.g. `not_a_repository`, `identity_missing`.
 */
code: string, 
/**
 * What happened, to which file, and what to do, in plain words.
 */
message: string, 
/**
 * For a refused publish: each problem with the field it is about.
 */
problems?: Array<Problem>, 
/**
 * For `unknown_host` and `host_key_changed`: the server's key, to show (and, when
 * unknown, to ask whether to trust it).
 */
hostKey?: HostKeyInfo, };
export type EventFeed = { 
/**
 * Site-relative path of the feed, e.g. `static/events.ics`.
 */
path: string, 
/**
 * The feed (UTF-8, CRLF line endings).
 */
text: string, 
/**
 * Events in the feed.
 */
events: number, 
/**
 * Published events left out because they could not be read.
 */
skipped: Array<SkippedEvent>, };
export type EventFields = { title: string | null, 
/**
 * RFC 3339 with offset (`2026-12-03T10:00:00+01:00`), a wall-clock time
 * (`2026-12-03T10:00`, read in `timezone`), or a date for an all-day event.
 */
start: string | null, end: string | null, 
/**
 * IANA zone name, `Europe/Oslo`.
 */
timezone: string | null, allDay: string | null, venue: string | null, city: string | null, country: string | null, online: string | null, onlineLink: string | null, organiser: string | null, registrationLink: string | null, registrationDeadline: string | null, recurrence: string | null, recurrenceUntil: string | null, summary: string | null, };
export type EventList = { events: Array<EventListing>, skipped: Array<SkippedEvent>, };
export type EventListing = { key: EntryKey, collection: string, title: string, 
/**
 * `Modified` when the event has unpublished edits.
 */
state: EntryState, 
/**
 * RFC 3339 with the offset in force on that day (an all-day event: midnight).
 */
start: string, end: string | null, 
/**
 * The event's IANA zone.
 */
timezone: string, allDay: boolean, 
/**
 * The first and last day in the event's zone (`YYYY-MM-DD`): the calendar's cells.
 */
firstDay: string, lastDay: string, 
/**
 * "10 February 2027, 12:00–17:00 Helsinki time — 10:00–15:00 in Oslo".
 */
whenText: string, 
/**
 * "Venue, City, Country".
 */
place: string | null, onlineLink: string | null, 
/**
 * True for an occurrence of a repeating event.
 */
recurring: boolean, };
export type EventRange = { from: string | null, to: string | null, viewerZone: string | null, };
export type FieldInfo = { 
/**
 * The front matter key.
 */
name: string, 
/**
 * What the form calls it.
 */
label: string, kind: FieldKind, required: boolean, 
/**
 * What a new entry starts with (`today` already resolved in new drafts' fields).
 */
default: string | null, 
/**
 * For `select`: the allowed values.
 */
options: Array<string>, 
/**
 * For `reference`: the collection the entry must be in.
 */
collection: string | null, 
/**
 * For dates: the field this one must not be before.
 */
after: string | null, 
/**
 * For dates: the field this one must not be after.
 */
before: string | null, 
/**
 * For `image`: the field holding its alt text.
 */
alt: string | null, 
/**
 * For `datetime`: the field holding its IANA time zone.
 */
zone: string | null, 
/**
 * For `image`: the fields holding its caption, credit and focal point (wt-images).
 */
caption: string | null, credit: string | null, focal: string | null, };
export type FieldKind = "string" | "text" | "date" | "datetime" | "timezone" | "bool" | "list" | "image" | "url" | "select" | "reference" | "number";
export type FieldValue = boolean | number | Array<string> | string;
export type HostKeyInfo = { host: string, port: number, keyType: string, 
/**
 * `SHA256:...`, as `ssh-keygen -lf` prints it.
 */
fingerprint: string, 
/**
 * The public key (base64).
 */
key: string, };
export type IcsFile = { 
/**
 * A file name to offer, e.g. `barents-culture-conference-tromso.ics`.
 */
fileName: string, text: string, };
export type Identity = { name: string, email: string, };
export type ImageFormat = "jpeg" | "webp";
export type ImageReference = { 
/**
 * The entry's site-relative path.
 */
entry: string, 
/**
 * The front matter field (`cover`), or `None` for the body.
 */
field: string | null, src: string, alt: string | null, 
/**
 * The site-relative file it points to; `None` for an external address.
 */
file: string | null, };
export type ImageVariant = { 
/**
 * Site-relative path, e.g. `static/images/3f0c…-960.webp`.
 */
path: string, 
/**
 * The reference to write in Markdown or front matter.
 */
src: string, width: number, height: number, bytes: number, format: ImageFormat, };
export type ImportFailure = { 
/**
 * The file as the user gave it.
 */
file: string, error: ErrorReport, };
export type ImportProgress = { done: number, total: number, 
/**
 * The file just finished.
 */
file: string, };
export type ImportReport = { images: Array<ImportedImage>, failed: Array<ImportFailure>, 
/**
 * True when the user cancelled before every file was processed.
 */
cancelled: boolean, 
/**
 * The site writes images as its `figure` shortcode (`[images] markdown = "figure"`),
 * so the editor inserts figure images (wt-images).
 */
figure: boolean, };
export type ImportedImage = { 
/**
 * The name of the file the user chose.
 */
source: string, 
/**
 * The content hash that names the variants (the same photo gives the same hash).
 */
hash: string, 
/**
 * Size of the largest variant, upright.
 */
width: number, height: number, 
/**
 * Markdown-ready reference to the largest JPEG: `![alt](src)`.
 */
src: string, 
/**
 * Smallest first.
 */
variants: Array<ImageVariant>, 
/**
 * True when the same photo was already stored and nothing new was written.
 */
reused: boolean, 
/**
 * Things to tell the user (an animation's first frame kept, colours converted).
 */
notes: Array<string>, };
export type IndexProgress = { done: number, total: number, };
export type IndexReport = { 
/**
 * Published entries in the index after the run.
 */
entries: number, 
/**
 * Entries parsed in this run (new or changed blobs).
 */
parsed: number, 
/**
 * Entries whose blob was unchanged.
 */
unchanged: number, 
/**
 * Entries gone from the repository, removed from the index.
 */
removed: number, 
/**
 * Drafts (re)indexed.
 */
drafts: number, elapsedMs: number, };
export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;
export type MediaCheck = { images: Array<MediaFile>, withoutAlt: Array<ImageReference>, missing: Array<ImageReference>, 
/**
 * Site-relative paths of images no entry refers to.
 */
unused: Array<string>, };
export type MediaFile = { path: string, bytes: number, 
/**
 * Entries that use it (or another size of the same import); empty when unused.
 */
usedBy: Array<string>, };
export type MediaItem = { 
/**
 * The file the thumbnail and the dimensions are of (an import's largest JPEG).
 */
path: string, 
/**
 * The file name shown and searched (`bridge.jpg`, or `3f0c…-1920.jpg`).
 */
name: string, 
/**
 * Every file of the picture, smallest first.
 */
files: Array<MediaFile>, 
/**
 * All its files together.
 */
bytes: number, 
/**
 * Size of `path` in pixels, upright, when its header could be read.
 */
width: number | null, height: number | null, 
/**
 * Entries that use it; empty when unused.
 */
usedBy: Array<string>, 
/**
 * Alt texts and captions it is given where it is used (for search and display).
 */
alts: Array<string>, captions: Array<string>, 
/**
 * True when at least one use has no alt text.
 */
missingAlt: boolean, };
export type MediaLibrary = { 
/**
 * Newest names first is not knowable from files: sorted by path.
 */
items: Array<MediaItem>, 
/**
 * References to files that are not in the site.
 */
missing: Array<ImageReference>, };
export type MediaThumb = { path: string, 
/**
 * `data:image/jpeg;base64,…` (the CSP allows `data:` images only).
 */
dataUrl: string, width: number, height: number, };
export type Opening = { 
/**
 * The site that was opened (the last one used, or the demo with `--demo`); `None` on a
 * first start, or when the last site could not be reopened.
 */
startup: Startup | null, 
/**
 * Why the last site could not be reopened (moved, deleted, damaged), to show on the
 * Welcome screen.
 */
notice: string | null, 
/**
 * Set when the store was found damaged at start and rebuilt (as in [`Startup`]).
 */
storeNotice: string | null, };
export type OutboxStatus = { waiting: number, 
/**
 * Failed attempts in a row.
 */
failures: number, 
/**
 * When the next attempt is due (ms since the epoch); 0 = now.
 */
nextAttempt: number, lastError: string | null, 
/**
 * Open conflicts of the site.
 */
conflicts: number, };
export type PaneWidths = { sidebar: number | null, preview: number | null, };
export type Preset = "article" | "interview" | "event";
export type Problem = { 
/**
 * The front matter key the problem is about (the form scrolls to it).
 */
field: string, severity: Severity, message: string, };
export type PublishOutcome = { 
/**
 * The entry as it is now keyed (a new entry gains its path here).
 */
key: EntryKey, 
/**
 * The commit made, as a hex id.
 */
commit: string, 
/**
 * True when the commit reached the site's server.
 */
pushed: boolean, 
/**
 * Why the push did not happen, in words, when `pushed` is false.
 */
pushError: string | null, 
/**
 * Commits on this computer that the server does not have yet.
 */
waiting: number, };
export type PublishRequest = { entries: Array<EntryKey>, 
/**
 * The commit message; default "Publish article: <title>" (one entry) or a list.
 */
message: string | null, 
/**
 * Push to a review branch `desk/<slug>` instead of the site's branch.
 */
review: boolean, };
export type RecentSite = { 
/**
 * The site's folder (its git work tree).
 */
path: string, 
/**
 * The site's name from its schema, else the folder's name (as when it was last opened).
 */
name: string, 
/**
 * The folder is gone or is no longer a git work tree (moved or deleted).
 */
missing: boolean, 
/**
 * It is the site open now.
 */
current: boolean, };
export type RevisionDiff = { revision: RevisionInfo, hunks: Array<DiffHunk>, };
export type RevisionInfo = { id: number, kind: RevisionKind, title: string, createdAt: number, 
/**
 * The last save the revision holds.
 */
updatedAt: number, author: string | null, commit: string | null, 
/**
 * Lines the current text has that the revision does not, and the reverse.
 */
added: number, removed: number, };
export type RevisionKind = "autosave" | "publish" | "restore";
export type SaveAck = { key: EntryKey, savedAt: number, };
export type SearchFilters = { collection: string | null, language: string | null, source: SearchSource | null, from: string | null, to: string | null, tag: string | null, limit: number | null, };
export type SearchHit = { key: EntryKey, source: SearchSource, collection: string, language: string | null, title: string, date: string | null, titleParts: Array<TextPart>, snippet: Array<TextPart>, 
/**
 * FTS5's bm25 rank: lower is better.
 */
rank: number, };
export type SearchSource = "published" | "draft";
export type ServerLogin = { 
/**
 * The site's URL (or any URL on the same server).
 */
url: string, username: string, password: string, };
export type SetOutcome = { 
/**
 * The entries as they are now keyed, in the order asked.
 */
keys: Array<EntryKey>, commit: string, 
/**
 * The branch the commit went to: the site's branch, or `desk/<slug>` for review.
 */
branch: string, pushed: boolean, pushError: string | null, 
/**
 * Commits on this computer that the server does not have yet (the site's branch).
 */
waiting: number, };
export type Severity = "error" | "warning";
export type SiteInfo = { 
/**
 * Human name of the site (from the schema, else the folder name).
 */
name: string, 
/**
 * Absolute path of the site's git work tree, as the OS spells it.
 */
root: string, 
/**
 * The branch that publishing commits to.
 */
branch: string, 
/**
 * True when this is the embedded demo site in the app's data directory.
 */
isDemo: boolean, collections: Array<CollectionInfo>, };
export type SkippedEvent = { path: string, message: string, };
export type Startup = { site: SiteInfo, identity: Identity | null, sync: SyncStatus, 
/**
 * Set when the store was found damaged at start and rebuilt: what happened, to show.
 */
storeNotice: string | null, };
export type SyncDirection = "receiving" | "sending";
export type SyncProgress = { direction: SyncDirection, 
/**
 * Objects received or sent so far.
 */
objects: number, 
/**
 * All objects of the transfer (0 while not known yet).
 */
total: number, bytes: number, 
/**
 * The transfer ended (worked or failed): the bar goes away.
 */
done: boolean, };
export type SyncReport = { 
/**
 * Commits that arrived from the server.
 */
fetched: number, 
/**
 * Local publishes put on top of the server's changes.
 */
rebased: number, 
/**
 * Local publishes the server already had (nothing to send twice).
 */
alreadyThere: number, 
/**
 * True when local commits reached the server in this sync.
 */
pushed: boolean, 
/**
 * Files the server's changes touched.
 */
changed: Array<string>, 
/**
 * Entries of the search index brought up to date (only the changed ones are read).
 */
reindexed: number, 
/**
 * New conflicts found in this sync (all open ones: [`crate::api::Desk::conflicts`]).
 */
conflicts: Array<ConflictSummary>, 
/**
 * Entries with unpublished drafts whose published file changed on the server since the
 * draft was started (site-relative paths).
 */
staleDrafts: Array<string>, 
/**
 * Commits still waiting to be sent.
 */
waiting: number, };
export type SyncStatus = { waiting: number, 
/**
 * The last push error, in words, if the last attempt failed.
 */
lastError: string | null, };
export type TextPart = { text: string, hit: boolean, };
export type TranslationInfo = { language: string, 
/**
 * Its file (or the file its draft will publish to); `None` when missing.
 */
path: string | null, state: TranslationState, };
export type TranslationState = "missing" | "draft" | "current" | "outdated";
export type TrashItem = { draftId: number, collection: string, 
/**
 * The entry's file, if the draft was of a published entry.
 */
path: string | null, title: string, trashedAt: number, 
/**
 * When it will be deleted for good.
 */
purgeAt: number, };
export type WindowGeometry = { width: number, height: number, x: number, y: number, 
/**
 * Maximised: the size and position above are the ones to return to.
 */
maximized: boolean, };
export type WindowLayout = { window: WindowGeometry | null, panes: PaneWidths, };
