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
    // issue 4: revisions, editorial states, trash, search
    "list_entries_where",
    "list_revisions",
    "revision_diff",
    "restore_revision",
    "set_editorial_state",
    "trash_draft",
    "list_trash",
    "restore_from_trash",
    "index_site",
    "search",
    // sync (issue 6)
    "sync",
    "outbox_status",
    "network_back",
    "conflicts",
    "resolve_conflict",
    "publish_set",
    "unpublish",
    "rename_entry",
    "set_login",
    "trust_host",
    "clone_site",
    "cancel_clone",
    // wt-editor
    "field_values",
];
