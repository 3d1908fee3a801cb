//! `desk events --site DIR [--from DATE] [--to DATE] [--zone ZONE]` and
//! `desk ics --site DIR [--out FILE] [--entry PATH]`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use desk::api::Desk;
use desk::api::types::{EntryKey, EventRange, SkippedEvent};

/// One line per occurrence, in start order: start (RFC 3339, the event's local time and
/// offset), zone, title, when in words (with the viewer's zone), place, file. Exit code 1
/// when a published event could not be read (it is named on stderr).
pub fn list(
    desk: &Desk,
    from: Option<String>,
    to: Option<String>,
    zone: Option<String>,
) -> desk::Result<ExitCode> {
    let list = desk.events(&EventRange {
        from,
        to,
        viewer_zone: zone,
    })?;
    for e in &list.events {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            e.start,
            e.timezone,
            e.title,
            e.when_text,
            e.place
                .as_deref()
                .or(e.online_link.as_deref())
                .unwrap_or("-"),
            e.key.path.as_deref().unwrap_or_default()
        );
    }
    Ok(report_skipped(&list.skipped))
}

/// Writes the feed (or, with `entry`, that one event) to `out`, or to stdout.
pub fn ics(desk: &Desk, out: Option<PathBuf>, entry: Option<String>) -> desk::Result<ExitCode> {
    let (text, what, skipped) = match entry {
        Some(path) => {
            let file = desk.event_ics(&EntryKey {
                draft_id: None,
                path: Some(path),
            })?;
            (file.text, "1 event".to_owned(), Vec::new())
        }
        None => {
            let feed = desk.regenerate_feed()?;
            let what = format!("{} events (the site's feed is {})", feed.events, feed.path);
            (feed.text, what, feed.skipped)
        }
    };
    match out {
        Some(file) => {
            write(&file, text.as_bytes())?;
            eprintln!("wrote {what} to {}", file.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .map_err(|e| {
                    desk::Error::Validation(format!("Could not write the calendar: {e}."))
                })?;
        }
    }
    Ok(report_skipped(&skipped))
}

fn write(file: &Path, bytes: &[u8]) -> desk::Result<()> {
    desk::fs_atomic::write_atomic(file, bytes).map_err(|e| {
        desk::Error::Validation(format!(
            "Could not write {}: {e}. Check that the folder exists and that you may write to it.",
            file.display()
        ))
    })
}

fn report_skipped(skipped: &[SkippedEvent]) -> ExitCode {
    for s in skipped {
        eprintln!("desk: left out {}: {}", s.path, s.message);
    }
    if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
