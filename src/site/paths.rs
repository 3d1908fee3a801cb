//! Safe entry paths. Every path that reaches the core from outside (IPC, CLI, a schema) is a
//! site-relative, `/`-separated path checked here, so that no input can name a file outside
//! the site, inside `.git`, or one that a Windows checkout of the same repository could not
//! hold. Resolution to an OS path happens only through [`EntryPath::to_fs_path`].

use std::path::{Path, PathBuf};

use super::SiteError;

/// Longest file or folder name we write, in bytes (well under every OS's limit, leaving room
/// for the temp-file suffix used by atomic writes).
const MAX_NAME_BYTES: usize = 100;

/// A validated, site-relative path to an entry's Markdown file, e.g. `content/articles/a.md`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryPath(String);

impl EntryPath {
    pub fn new(path: &str) -> Result<Self, SiteError> {
        let unsafe_path = |reason: &str| SiteError::UnsafePath {
            path: path.chars().take(200).collect(),
            reason: reason.to_owned(),
        };
        if !path.ends_with(".md") {
            return Err(unsafe_path("an entry is a Markdown file ending in .md"));
        }
        check_folder(path).map_err(|r| unsafe_path(&r))?;
        Ok(EntryPath(path.to_owned()))
    }

    /// Joins a collection folder and a file name made by the core (a slug).
    pub fn join(folder: &str, file: &str) -> Result<Self, SiteError> {
        Self::new(&format!("{folder}/{file}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file name's stem: `content/articles/a.md` -> `a`; for `a/index.md` -> `a`.
    pub fn slug(&self) -> &str {
        let mut parts = self.0.rsplit('/');
        let file = parts.next().unwrap_or_default();
        let stem = file.strip_suffix(".md").unwrap_or(file);
        if stem == "index" || stem.starts_with("index.") {
            parts.next().unwrap_or(stem)
        } else {
            stem
        }
    }

    /// The OS path of this entry under a site root.
    pub fn to_fs_path(&self, root: &Path) -> PathBuf {
        self.0
            .split('/')
            .fold(root.to_path_buf(), |acc, part| acc.join(part))
    }
}

impl std::fmt::Display for EntryPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks a relative `/`-separated folder or file path; the error is a reason in words.
pub(crate) fn check_folder(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("it is empty".into());
    }
    if path.len() > 255 {
        return Err("it is longer than 255 bytes".into());
    }
    for part in path.split('/') {
        file_stem_error(part).map_or(Ok(()), Err)?;
    }
    Ok(())
}

/// Why a single file or folder name is unsafe, or `None` when it is fine.
pub fn file_stem_error(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("it has an empty part (an absolute path or a doubled /)".into());
    }
    if name == "." || name == ".." {
        return Some("it climbs out of its folder with . or ..".into());
    }
    if name.len() > MAX_NAME_BYTES {
        return Some(format!("a name is longer than {MAX_NAME_BYTES} bytes"));
    }
    if let Some(c) = name.chars().find(|&c| is_forbidden_char(c)) {
        return Some(format!(
            "it contains the character U+{:04X}, which is not allowed in file names",
            c as u32
        ));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("a name ends with a dot or a space (Windows cannot hold it)".into());
    }
    let lower = name.to_lowercase();
    if lower == ".git" || lower == "git~1" {
        return Some("it points into git's own folder".into());
    }
    let base = lower.split('.').next().unwrap_or_default();
    let reserved = matches!(base, "con" | "prn" | "aux" | "nul")
        || ((base.starts_with("com") || base.starts_with("lpt"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        return Some(format!("\"{name}\" is a reserved device name on Windows"));
    }
    None
}

fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        // zero-width and byte-order marks: invisible names that imitate others
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
        // bidirectional overrides and isolates: names that display differently than they are
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_entry_paths() {
        for ok in [
            "content/articles/a.md",
            "content/events/2026-kirkenes/index.md",
            "content/ru/articles/molodezh.md",
        ] {
            EntryPath::new(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
    }

    #[test]
    fn refuses_path_tricks() {
        let long = format!("content/{}.md", "a".repeat(101));
        let tricks = [
            "../outside.md",
            "content/../../etc/passwd.md",
            "/etc/passwd.md",
            "C:\\Windows\\x.md",
            "content\\articles\\x.md",
            "content/.git/config.md",
            "content/.GIT/x.md",
            "content/git~1/x.md",
            "content/a:b.md",
            "content/con.md",
            "content/aux.md",
            "content/com1/x.md",
            "content/lpt9.md",
            "content/trailing./x.md",
            "content/trailing /x.md",
            "content/\u{202E}dm.exe.md",
            "content/.g\u{200B}it/x.md",
            "content/nul\0.md",
            "content//x.md",
            "content/x.txt",
            long.as_str(),
        ];
        for bad in tricks {
            let err = EntryPath::new(bad).expect_err(bad);
            assert!(err.to_string().contains("is not allowed"), "{bad}: {err}");
        }
    }

    #[test]
    fn slug_of_flat_and_bundle_entries() {
        assert_eq!(
            EntryPath::new("content/articles/a-b.md").unwrap().slug(),
            "a-b"
        );
        assert_eq!(
            EntryPath::new("content/articles/a-b/index.md")
                .unwrap()
                .slug(),
            "a-b"
        );
    }
}
