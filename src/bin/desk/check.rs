//! `desk check --site DIR [--roundtrip]` and `desk init-schema --site DIR [--write]`.

use std::path::Path;
use std::process::ExitCode;

use desk::api::check::check_site;
use desk::site::validate::Severity;
use desk::site::{SCHEMA_FILE, SiteSchema, infer};

/// One line per problem (file, field, message); exit code 1 when there are errors. With
/// `roundtrip`, also each file a no-op save would change, then `roundtrip: N files, M changed`.
pub fn check(site: &Path, roundtrip: bool) -> desk::Result<ExitCode> {
    let report = check_site(site, roundtrip)?;
    for p in &report.problems {
        let severity = match p.problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        println!(
            "{}\t{}\t{severity}: {}",
            p.path, p.problem.field, p.problem.message
        );
    }
    if roundtrip {
        for path in &report.changed {
            println!("{path}\twould change on save");
        }
        println!(
            "roundtrip: {} files, {} changed",
            report.files,
            report.changed.len()
        );
    } else {
        println!(
            "checked {} entries, {} problems",
            report.files,
            report.problems.len()
        );
    }
    Ok(if report.has_errors() || !report.changed.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints the schema inferred from the Hugo configuration and sections; writes it to
/// `.desk/site.toml` only with `write` (and never over an existing one).
pub fn init_schema(site: &Path, write: bool) -> desk::Result<ExitCode> {
    let target = site.join(SCHEMA_FILE);
    if target.exists() {
        eprintln!("{} already exists; it was left as it is.", target.display());
        return Ok(ExitCode::from(1));
    }
    let Some(schema) = infer::infer(site) else {
        eprintln!(
            "{} has no content folder (Hugo's content/ or its contentDir), so there is nothing to infer a schema from.",
            site.display()
        );
        return Ok(ExitCode::from(1));
    };
    let text = schema.to_toml()?;
    // What is written must read back as the same schema.
    SiteSchema::parse(&text)?;
    if write {
        let dir = target.parent().unwrap_or(site);
        std::fs::create_dir_all(dir).map_err(|e| {
            desk::Error::Validation(format!("Could not create {}: {e}", dir.display()))
        })?;
        desk::fs_atomic::write_atomic(&target, text.as_bytes()).map_err(|e| {
            desk::Error::Validation(format!("Could not write {}: {e}", target.display()))
        })?;
        println!("wrote {}", target.display());
    } else {
        print!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}
