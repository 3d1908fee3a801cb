// The app's IPC commands, named once: build.rs generates an `allow-<name>` permission for each
// (so a command not granted in capabilities/ is refused), and a test checks the capabilities
// grant exactly these. Shared by `include!` between build.rs and the app.
pub const COMMANDS: &[&str] = &[
    "startup",
    "open_site",
    "list_entries",
    "open_entry",
    "new_entry",
    "save_draft",
    "validate_draft",
    "preview",
    "add_translation",
    "set_identity",
    "publish",
    "sync_now",
    "confirm_close",
    // Helper wt-mediacal: images, media library, calendar.
    "import_dropped_images",
    "import_image_bytes",
    "cancel_import",
    "media_library",
    "media_thumbnail",
    "list_events",
    "event_ics",
    "export_event_ics",
    "parse_event_table",
    "duplicate_event",
    "move_event_draft",
    "create_event_drafts",
];
