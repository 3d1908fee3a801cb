//! `desk autosave-stream --site DIR --count N` (hidden; for the crash tests): autosaves a
//! stream of edits of one new draft through the same core call the app uses and prints
//! `saved <draft id> <n>` after each acknowledged save, flushed, so that a test that kills
//! the process knows exactly which saves were acknowledged.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use desk::api::Desk;
use desk::api::types::{DraftInput, EntryKey, FieldEdits};
use desk::markdown::DocNode;

/// The text of save `n`: a paragraph naming `n`, grown with `n` so that pages split and WAL
/// frames vary.
pub fn text(n: u64) -> String {
    format!("edit {n} {}", "tekst ".repeat((n % 97) as usize * 20))
}

pub fn run(desk: &Desk, site: &Path, count: u64) -> desk::Result<ExitCode> {
    desk.open_site(site)?;
    let collection = desk
        .site_info()?
        .collections
        .first()
        .map(|c| c.id.clone())
        .unwrap_or_default();
    let entry = desk.new_entry(&collection, "Crash test")?;
    let mut key: EntryKey = entry.key;
    let stdout = std::io::stdout();
    for n in 1..=count {
        let body = DocNode::new("doc").with_content(vec![
            DocNode::new("paragraph").with_content(vec![DocNode::text(text(n), vec![])]),
        ]);
        let ack = desk.save_draft(&DraftInput {
            key: key.clone(),
            collection: collection.clone(),
            title: "Crash test".into(),
            fields: FieldEdits::new(),
            body,
        })?;
        key = ack.key;
        let mut out = stdout.lock();
        writeln!(out, "saved {} {n}", key.draft_id.unwrap_or_default())
            .and_then(|_| out.flush())
            .map_err(|e| desk::Error::Validation(format!("stdout closed: {e}")))?;
    }
    Ok(ExitCode::SUCCESS)
}
