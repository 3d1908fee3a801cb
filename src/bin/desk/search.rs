//! `desk index --site DIR` (bring the site index up to date; counts and elapsed time) and
//! `desk search --site DIR [filters] QUERY` (ranked hits, one per line:
//! collection, path or draft, title, snippet with hits in [brackets]).

use std::path::Path;
use std::process::ExitCode;

use desk::api::Desk;
use desk::api::types::{SearchFilters, TextPart};

pub fn index(desk: &Desk, site: &Path) -> desk::Result<ExitCode> {
    desk.open_site(site)?;
    let r = desk.index_site()?;
    println!(
        "indexed {} entries: {} parsed, {} unchanged, {} removed; {} drafts; {} ms",
        r.entries, r.parsed, r.unchanged, r.removed, r.drafts, r.elapsed_ms
    );
    Ok(ExitCode::SUCCESS)
}

pub fn search(
    desk: &Desk,
    site: &Path,
    query: &str,
    filters: &SearchFilters,
) -> desk::Result<ExitCode> {
    desk.open_site(site)?;
    desk.index_site()?;
    let hits = desk.search(query, filters)?;
    for h in &hits {
        let place = h
            .key
            .path
            .clone()
            .or(h.key.draft_id.map(|id| format!("draft:{id}")))
            .unwrap_or_default();
        println!(
            "{}\t{place}\t{}\t{}",
            h.collection,
            h.title,
            marked(&h.snippet)
        );
    }
    if hits.is_empty() {
        eprintln!("no entries match \"{query}\"");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// A snippet on one line, hits in [brackets].
fn marked(parts: &[TextPart]) -> String {
    parts
        .iter()
        .map(|p| {
            let text = p.text.replace(['\t', '\n'], " ");
            if p.hit { format!("[{text}]") } else { text }
        })
        .collect()
}
