//! One place that says what is wrong with an entry: the schema's field checks, an event's own
//! checks (for an events collection), and its images (alt text on every image in the body,
//! and files that exist). Publishing refuses on its errors; the form's live validation shows
//! the same list. It also names the image files the entry uses, which a publish commits in
//! the same commit as the text. Reads the work tree and `HEAD`; never writes.

use std::collections::BTreeSet;

use super::OpenSite;
use crate::content::EntryFile;
use crate::events::{self, EventFields};
use crate::media::check::{body_images, import_group, is_image_name, resolve};
use crate::publish::{RepoPath, SiteRepo};
use crate::site::validate::{Problem, Severity, validate};
use crate::site::{Collection, EntryPath, FieldKind};
use crate::{Error, Result};

/// The field name that problems about the body carry.
pub const BODY_FIELD: &str = "body";

/// What the checks found, and the image files to commit with the entry.
pub struct EntryCheck {
    pub problems: Vec<Problem>,
    /// Image files the entry refers to (and the other sizes of the same import) whose bytes
    /// in the work tree are not yet those at `HEAD`, site-relative, with those bytes.
    pub images: Vec<(RepoPath, Vec<u8>)>,
}

impl EntryCheck {
    pub fn errors(&self) -> Vec<Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .cloned()
            .collect()
    }
}

/// Checks an entry file as it would be committed at `path`. `is_new` is true for an entry
/// never published (only then is an event in the past worth a warning).
pub(super) fn check_entry(
    site: &OpenSite,
    repo: &SiteRepo,
    collection: &Collection,
    path: &EntryPath,
    file: &EntryFile,
    is_new: bool,
) -> Result<EntryCheck> {
    let mut problems = Vec::new();
    if let Some(front) = file.front() {
        let exists = |reference: &str| entry_exists(repo, reference);
        problems = validate(collection, front, &exists);
        if events::is_event_collection(collection) {
            let context = if is_new {
                events::Context::new_event()
            } else {
                events::Context::existing()
            };
            let own = events::validate(&EventFields::from_front(front), &context);
            problems = merge_event_problems(problems, own);
        }
    }
    let images = entry_images(site, repo, collection, path, file, &mut problems)?;
    Ok(EntryCheck { problems, images })
}

/// The keys whose checks belong to the event's rules (zones, wall-clock times, all-day
/// dates, repeats, links): there the schema's generic checks are left out, so the form never
/// shows the same mistake twice in other words, and an all-day event's date start is not
/// called "not a date and time". Other keys (venue, organiser, a site's own fields) keep the
/// schema's checks.
const EVENT_KEYS: [&str; 11] = [
    events::keys::TITLE,
    events::keys::START,
    events::keys::END,
    events::keys::TIMEZONE,
    events::keys::ALL_DAY,
    events::keys::ONLINE,
    events::keys::ONLINE_LINK,
    events::keys::REGISTRATION_LINK,
    events::keys::REGISTRATION_DEADLINE,
    events::keys::RECURRENCE,
    events::keys::RECURRENCE_UNTIL,
];

fn merge_event_problems(site: Vec<Problem>, event: Vec<Problem>) -> Vec<Problem> {
    let mut out: Vec<Problem> = site
        .into_iter()
        .filter(|p| !EVENT_KEYS.contains(&p.field.as_str()))
        .collect();
    out.extend(event);
    out
}

/// The image files the entry uses, and problems with its images: an image in the body
/// without alt text, a reference to a file that is not in the site. (An image field without
/// its alt field is the schema's check.)
fn entry_images(
    site: &OpenSite,
    repo: &SiteRepo,
    collection: &Collection,
    path: &EntryPath,
    file: &EntryFile,
    problems: &mut Vec<Problem>,
) -> Result<Vec<(RepoPath, Vec<u8>)>> {
    let media = &site.schema.media;
    let url_base = media.url_base();
    let mut references: Vec<(String, String)> = Vec::new();
    for (src, alt) in body_images(file.body()) {
        if alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            problems.push(Problem {
                field: BODY_FIELD.into(),
                severity: Severity::Error,
                message: format!(
                    "The image “{}” in the text has no description (alt text). Describe the picture for people who cannot see it.",
                    short(&src)
                ),
            });
        }
        references.push((BODY_FIELD.into(), src));
    }
    if let Some(front) = file.front() {
        for field in collection
            .all_fields()
            .iter()
            .filter(|f| f.kind == FieldKind::Image)
        {
            if let Some(src) = front.get(&field.name).filter(|s| !s.trim().is_empty()) {
                references.push((field.name.clone(), src));
            }
        }
    }
    let mut files: BTreeSet<String> = BTreeSet::new();
    for (field, src) in references {
        let Some(target) = resolve(path.as_str(), &src, &media.folder, &url_base) else {
            if is_local(&src) {
                problems.push(missing(&field, &src));
            }
            continue;
        };
        let Ok(repo_path) = RepoPath::new(&target) else {
            problems.push(missing(&field, &src));
            continue;
        };
        let present = is_plain_file(&to_fs(site, &repo_path));
        if !present {
            if repo.read_at_head(&repo_path)?.is_none() {
                problems.push(missing(&field, &src));
            }
            continue;
        }
        if !is_image_name(&target) {
            continue;
        }
        files.insert(target.clone());
        // A reference to one size of an import publishes all its sizes (the srcset).
        if let Some(group) = import_group(&target) {
            let folder = target.rsplit_once('/').map_or("", |(f, _)| f);
            for sibling in siblings(site, folder)? {
                if import_group(&sibling).as_deref() == Some(group.as_str()) {
                    files.insert(sibling);
                }
            }
        }
    }
    let mut out = Vec::new();
    for target in files {
        let repo_path = RepoPath::new(&target)?;
        let fs_path = to_fs(site, &repo_path);
        let bytes =
            std::fs::read(&fs_path).map_err(|e| Error::io("read the image", fs_path.clone(), e))?;
        let unchanged = repo
            .read_at_head(&repo_path)?
            .is_some_and(|(head, _)| head == bytes);
        if !unchanged {
            out.push((repo_path, bytes));
        }
    }
    Ok(out)
}

fn missing(field: &str, src: &str) -> Problem {
    let place = if field == BODY_FIELD {
        "in the text".to_owned()
    } else {
        format!("in {field}")
    };
    Problem {
        field: field.to_owned(),
        severity: Severity::Error,
        message: format!(
            "The image “{}” {place} is not in the site. Insert the picture again, or remove it.",
            short(src)
        ),
    }
}

/// A reference to a file of the site, as opposed to a web address.
fn is_local(src: &str) -> bool {
    let lower = src.trim().to_ascii_lowercase();
    !(lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("//")
        || lower.starts_with("data:")
        || lower.starts_with("mailto:"))
}

/// A regular file, not a link (a link could make a publish commit a file from outside the
/// site).
fn is_plain_file(path: &std::path::Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

fn to_fs(site: &OpenSite, path: &RepoPath) -> std::path::PathBuf {
    path.as_str()
        .split('/')
        .fold(site.root.clone(), |p, part| p.join(part))
}

/// Site-relative paths of the image files directly in `folder`.
fn siblings(site: &OpenSite, folder: &str) -> Result<Vec<String>> {
    let dir = folder
        .split('/')
        .filter(|p| !p.is_empty())
        .fold(site.root.clone(), |p, part| p.join(part));
    let read = match std::fs::read_dir(&dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("read the folder", dir, e)),
    };
    let mut out = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| Error::io("read the folder", dir.clone(), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let plain = entry.file_type().is_ok_and(|t| t.is_file());
        if plain && is_image_name(&name) {
            out.push(if folder.is_empty() {
                name
            } else {
                format!("{folder}/{name}")
            });
        }
    }
    Ok(out)
}

/// At most 80 characters of a reference, for a message.
fn short(src: &str) -> String {
    let src = src.trim();
    if src.chars().count() > 80 {
        format!("{}…", src.chars().take(79).collect::<String>())
    } else {
        src.to_owned()
    }
}

/// Whether a reference names an entry of the site: a site-relative path in the published tree.
pub(super) fn entry_exists(repo: &SiteRepo, reference: &str) -> bool {
    EntryPath::new(reference)
        .ok()
        .and_then(|p| repo.file_at_head(&p).ok().flatten())
        .is_some()
}
