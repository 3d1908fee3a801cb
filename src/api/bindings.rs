//! TypeScript declarations of the IPC types, generated with ts-rs into one file that the UI
//! imports (`ui/src/lib/bindings.ts`). `tests/ipc_bindings.rs` fails when the checked-in file
//! is stale; `cargo xtask bindings` rewrites it.

use ts_rs::{Config, TS};

use super::library_types::{MediaItem, MediaLibrary, MediaThumb};
use super::types::*;
use crate::events::EventFields;
use crate::events::batch::{BatchLineError, BatchRow, BatchTable};
use crate::markdown::{DocMark, DocNode};
use crate::site::validate::{Problem, Severity};

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_FILE: &str = "ui/src/lib/bindings.ts";

/// The whole generated file.
pub fn typescript() -> String {
    // i64 timestamps and ids fit a JS number for the next 285,000 years.
    let cfg = Config::new().with_large_int("number");
    let mut decls = vec![
        CollectionInfo::decl(&cfg),
        // wt-editor: the window's remembered layout.
        crate::layout::PaneWidths::decl(&cfg),
        crate::layout::WindowGeometry::decl(&cfg),
        crate::layout::WindowLayout::decl(&cfg),
        DocMark::decl(&cfg),
        DocNode::decl(&cfg),
        DraftInput::decl(&cfg),
        EntryDoc::decl(&cfg),
        EntryKey::decl(&cfg),
        EntryState::decl(&cfg),
        EntrySummary::decl(&cfg),
        ErrorReport::decl(&cfg),
        EventFeed::decl(&cfg),
        EventFields::decl(&cfg),
        EventList::decl(&cfg),
        EventListing::decl(&cfg),
        EventRange::decl(&cfg),
        FieldInfo::decl(&cfg),
        crate::site::FieldKind::decl(&cfg),
        FieldValue::decl(&cfg),
        crate::site::Preset::decl(&cfg),
        IcsFile::decl(&cfg),
        Identity::decl(&cfg),
        ImageFormat::decl(&cfg),
        ImageReference::decl(&cfg),
        ImageVariant::decl(&cfg),
        ImportFailure::decl(&cfg),
        ImportProgress::decl(&cfg),
        ImportReport::decl(&cfg),
        ImportedImage::decl(&cfg),
        MediaCheck::decl(&cfg),
        MediaFile::decl(&cfg),
        "type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;".to_owned(),
        Problem::decl(&cfg),
        PublishOutcome::decl(&cfg),
        SaveAck::decl(&cfg),
        Severity::decl(&cfg),
        SiteInfo::decl(&cfg),
        SkippedEvent::decl(&cfg),
        Startup::decl(&cfg),
        SyncStatus::decl(&cfg),
        TranslationInfo::decl(&cfg),
        TranslationState::decl(&cfg),
        // issue 4: revisions, editorial states, trash, search
        DiffHunk::decl(&cfg),
        DiffLine::decl(&cfg),
        DiffOp::decl(&cfg),
        EditorialInfo::decl(&cfg),
        EditorialState::decl(&cfg),
        EntryFilter::decl(&cfg),
        IndexReport::decl(&cfg),
        RevisionDiff::decl(&cfg),
        RevisionInfo::decl(&cfg),
        RevisionKind::decl(&cfg),
        SearchFilters::decl(&cfg),
        SearchHit::decl(&cfg),
        SearchSource::decl(&cfg),
        TextPart::decl(&cfg),
        TrashItem::decl(&cfg),
        // Helper wt-mediacal: media library and batch events.
        MediaItem::decl(&cfg),
        MediaLibrary::decl(&cfg),
        MediaThumb::decl(&cfg),
        BatchLineError::decl(&cfg),
        BatchRow::decl(&cfg),
        BatchTable::decl(&cfg),
        // sync (issue 6)
        CloneProgress::decl(&cfg),
        ConflictResolution::decl(&cfg),
        ConflictSummary::decl(&cfg),
        EntryConflict::decl(&cfg),
        HostKeyInfo::decl(&cfg),
        OutboxStatus::decl(&cfg),
        PublishRequest::decl(&cfg),
        ServerLogin::decl(&cfg),
        SetOutcome::decl(&cfg),
        SyncReport::decl(&cfg),
        // wt-welcome: the Welcome screen.
        super::welcome_types::Opening::decl(&cfg),
        super::welcome_types::RecentSite::decl(&cfg),
        // wt-states: sync progress.
        super::sync_progress::SyncDirection::decl(&cfg),
        super::sync_progress::SyncProgress::decl(&cfg),
        // wt-start: the compact entry list, the progress of indexing.
        super::start_types::EntryList::decl(&cfg),
        super::start_types::EntryRow::decl(&cfg),
        super::start_types::IndexProgress::decl(&cfg),
    ];
    decls.sort();
    let mut out = String::from(
        "// This file is generated from the Rust types in src/api/types.rs by `cargo xtask bindings`. Do not edit.\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
