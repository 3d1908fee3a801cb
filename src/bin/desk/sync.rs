//! `desk sync --site DIR`: fetch, rebase (or merge) local publishes, push; prints what was
//! fetched, rebased, pushed, each conflict and each draft whose file changed upstream. Exit
//! code 1 when conflicts wait for the editor.

use std::path::Path;
use std::process::ExitCode;

use desk::api::Desk;

pub fn run(desk: &Desk, site: &Path, confirm_deletions: bool) -> desk::Result<ExitCode> {
    desk.open_site(site)?;
    let report = if confirm_deletions {
        desk.sync_confirming_deletions()?
    } else {
        desk.sync()?
    };
    println!("fetched: {} commits", report.fetched);
    println!("rebased: {} local commits", report.rebased);
    if report.already_there > 0 {
        println!(
            "already on the server: {} local commits",
            report.already_there
        );
    }
    println!("pushed: {}", if report.pushed { "yes" } else { "no" });
    for path in &report.changed {
        println!("changed upstream\t{path}");
    }
    for path in &report.stale_drafts {
        println!("draft based on an older version\t{path}");
    }
    let open = desk.conflicts()?;
    for c in &open {
        let what = if c.summary.fields.is_empty() {
            "body".to_owned()
        } else {
            format!("fields {}", c.summary.fields.join(", "))
        };
        println!(
            "conflict {}\t{}\t{what}\t{}",
            c.summary.id, c.summary.path, c.summary.title
        );
    }
    println!("waiting to sync: {}", report.waiting);
    Ok(if open.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
