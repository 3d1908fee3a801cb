//! Checking a whole site: every entry of the published tree against the schema, names that
//! would collide on a case-insensitive file system, and (optionally) whether opening and
//! saving each entry would change its bytes. Works on a work tree alone, without the store.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::content::EntryFile;
use crate::markdown::{Flavor, doc_to_markdown_preserving_with, markdown_to_doc_with};
use crate::publish::SiteRepo;
use crate::site::validate::{Problem, Severity, validate};
use crate::site::{EntryPath, SiteSchema};
use crate::{Error, Result};

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: String,
    pub problem: Problem,
}

#[derive(Debug, Default)]
pub struct SiteReport {
    pub problems: Vec<FileProblem>,
    /// Entries checked.
    pub files: usize,
    /// With `roundtrip`: the entries whose bytes a no-op open-and-save would change.
    pub changed: Vec<String>,
}

impl SiteReport {
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.problem.severity == Severity::Error)
    }
}

/// Checks every entry of the site at `root` (its published tree).
pub fn check_site(root: &Path, roundtrip: bool) -> Result<SiteReport> {
    let repo = SiteRepo::open(root)?;
    let schema = SiteSchema::load(repo.root())?;
    let mut report = SiteReport::default();
    let mut all_paths = Vec::new();
    let mut entries = Vec::new();
    for collection in &schema.collections {
        for (_, folder) in schema.folders_of(collection) {
            for file in repo.files_under(&folder)? {
                let rest = &file.path[folder.len() + 1..];
                if rest.starts_with("_index.") || rest.contains("/_index.") {
                    continue;
                }
                all_paths.push(file.path.clone());
                entries.push((collection.clone(), file));
            }
        }
    }
    let exists = |reference: &str| {
        let reference = reference.trim_start_matches('/');
        all_paths.iter().any(|p| p == reference)
    };
    for (collection, file) in &entries {
        report.files += 1;
        let bytes = repo.blob(file.blob)?;
        let Ok(text) = String::from_utf8(bytes) else {
            report.problems.push(file_problem(
                &file.path,
                "file",
                "The file is not UTF-8 text. Save it as UTF-8.",
            ));
            continue;
        };
        let entry = match EntryFile::parse(&file.path, &text) {
            Ok(entry) => entry,
            Err(e) => {
                report
                    .problems
                    .push(file_problem(&file.path, "front matter", &e.to_string()));
                continue;
            }
        };
        if let Some(front) = entry.front() {
            for problem in validate(collection, front, &exists) {
                report.problems.push(FileProblem {
                    path: file.path.clone(),
                    problem,
                });
            }
        }
        if roundtrip && !round_trips(&entry, &text, Flavor::for_collection(collection))? {
            report.changed.push(file.path.clone());
        }
    }
    report.problems.extend(collisions(&all_paths));
    Ok(report)
}

/// Opening and saving an entry without changes gives back the same bytes.
fn round_trips(entry: &EntryFile, text: &str, flavor: Flavor) -> Result<bool> {
    let body = entry.body().replace("\r\n", "\n");
    let saved =
        doc_to_markdown_preserving_with(&markdown_to_doc_with(&body, flavor), &body, flavor)
            .map_err(Error::from)?;
    let mut again = entry.clone();
    again.set_body(&saved);
    Ok(again.to_text() == text)
}

/// Entries whose paths differ only in letter case or Unicode normalisation: one file on
/// Windows and macOS, two on Linux, so a checkout breaks.
pub fn collisions(paths: &[String]) -> Vec<FileProblem> {
    let mut seen: HashMap<String, &String> = HashMap::new();
    let mut problems = Vec::new();
    for path in paths {
        let key: String = path.nfc().collect::<String>().to_lowercase();
        if let Some(other) = seen.get(&key) {
            problems.push(file_problem(
                path,
                "path",
                &format!(
                    "“{path}” and “{other}” differ only in capital letters or accents written differently; Windows and macOS see them as one file. Rename one of them."
                ),
            ));
        } else {
            seen.insert(key, path);
        }
    }
    problems
}

/// Whether a new path would collide with an existing one (case and normalisation ignored).
pub fn collides(candidate: &EntryPath, existing: &[String]) -> bool {
    let key = |p: &str| p.nfc().collect::<String>().to_lowercase();
    let wanted = key(candidate.as_str());
    existing.iter().any(|p| key(p) == wanted)
}

fn file_problem(path: &str, field: &str, message: &str) -> FileProblem {
    FileProblem {
        path: path.to_owned(),
        problem: Problem {
            field: field.to_owned(),
            severity: Severity::Error,
            message: message.to_owned(),
        },
    }
}
