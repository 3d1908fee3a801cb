//! The UI's TypeScript bindings must match the Rust types that cross IPC.
//! Run with `UPDATE_BINDINGS=1` (or `cargo xtask bindings`) to rewrite them.

use std::path::Path;

use desk::api::bindings::{BINDINGS_FILE, typescript};

#[test]
fn checked_in_bindings_match_the_rust_types() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_FILE);
    let expected = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&file, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        actual == expected,
        "{BINDINGS_FILE} is stale: the IPC types in src/api/types.rs changed. Run `cargo xtask bindings` and commit the result.\n--- expected ---\n{expected}"
    );
}
