//! The Welcome screen's part of the core: what the window opens on (the last site used, or
//! nothing, so the window can ask), the recent sites (kept in the store's settings, newest
//! first, at most [`RECENT_AT_MOST`]), and the checks and wording around cloning a new site:
//! whether an address can be cloned at all, where the clone goes by default, and what a failed
//! clone means to someone who only pasted an address. Never asks anything itself.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::welcome_types::{Opening, RecentSite};
use super::{Desk, same_path};
use crate::publish::PublishError;
use crate::publish::credentials::redact_url;
use crate::store::Store;
use crate::{Error, Result, demo, paths};

/// How many sites the Welcome screen lists.
pub const RECENT_AT_MOST: usize = 8;

/// The settings key of the list (JSON: `[{"path": …, "name": …}, …]`, newest first).
const RECENT_KEY: &str = "recent_sites";

/// The folder under the user's documents (else home) where clones go by default.
const SITES_FOLDER: &str = "Barents Desk";

#[derive(Debug, thiserror::Error)]
pub enum WelcomeError {
    /// The address cannot be cloned from; the text says why and what an address looks like.
    #[error("{0}")]
    BadUrl(String),
    #[error(
        "Could not reach {host}: {reason}. Check the address and that this computer is online, then try again."
    )]
    Unreachable { host: String, reason: String },
    #[error(
        "There is no site repository at {address} ({reason}). Check the address: copy it from the site's page on its git host."
    )]
    NoRepository { address: String, reason: String },
}

impl WelcomeError {
    pub fn code(&self) -> &'static str {
        match self {
            WelcomeError::BadUrl(_) => "bad_url",
            WelcomeError::Unreachable { .. } => "unreachable",
            WelcomeError::NoRepository { .. } => "no_repository",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    path: String,
    name: String,
}

impl Desk {
    /// What the window opens on when started normally: the last site used if it can still be
    /// opened; else nothing, with the reason when there was a last site. Unlike
    /// [`Desk::startup`] this never falls back to the demo: the window shows its Welcome
    /// screen instead.
    pub fn reopen_last(&self) -> Result<Opening> {
        let (last, store_notice) = {
            let store = self.store()?;
            (
                store.last_site()?.filter(|s| !s.trim().is_empty()),
                store.recovery().map(|r| r.message()),
            )
        };
        let Some(last) = last else {
            return Ok(Opening {
                startup: None,
                notice: None,
                store_notice,
            });
        };
        let demo_root = demo::DemoSite::in_dir(&paths::demo_dir(&self.data_dir)).site;
        let opened = if same_path(Path::new(&last), &demo_root) {
            self.open_demo()
        } else {
            self.open_site(Path::new(&last))
        };
        Ok(match opened {
            Ok(startup) => Opening {
                startup: Some(startup),
                notice: None,
                store_notice,
            },
            Err(e) => {
                tracing::warn!("could not reopen the last site {last}: {e}");
                let shown = tidy(Path::new(&last));
                let notice = if is_work_tree(&shown) {
                    format!("The last site could not be opened again. {e}")
                } else {
                    format!(
                        "The last site could not be opened again: {} is no longer there (moved or deleted). Open it where it is now, or choose another site.",
                        shown.display()
                    )
                };
                Opening {
                    startup: None,
                    notice: Some(notice),
                    store_notice,
                }
            }
        })
    }

    /// The sites opened before, newest first, each marked when its folder is gone.
    pub fn recent_sites(&self) -> Result<Vec<RecentSite>> {
        let list = read(&*self.store()?)?;
        let current = self.site.read().map_err(|_| super::poisoned())?.clone();
        Ok(list
            .into_iter()
            .map(|s| {
                let path = Path::new(&s.path);
                RecentSite {
                    missing: !is_work_tree(path),
                    current: current.as_ref().is_some_and(|c| same_path(&c.root, path)),
                    path: s.path,
                    name: s.name,
                }
            })
            .collect())
    }

    /// Removes a site from the recent list (the folder itself is not touched); returns the
    /// list left. When it was the last site used, the next start shows the Welcome screen.
    pub fn forget_recent_site(&self, path: &str) -> Result<Vec<RecentSite>> {
        {
            let mut store = self.store()?;
            let mut list = read(&store)?;
            let target = Path::new(path.trim());
            list.retain(|s| !same_site(Path::new(&s.path), target));
            write(&mut store, &list)?;
            if store
                .last_site()?
                .is_some_and(|last| same_site(Path::new(&last), target))
            {
                store.set_last_site("")?;
            }
        }
        self.recent_sites()
    }

    /// A new, empty folder to clone `url` into: `<Documents>/Barents Desk/<repository name>`
    /// (the home folder when there is no Documents folder), numbered when taken.
    pub fn suggest_clone_folder(&self, url: &str) -> Result<String> {
        let base = sites_folder().ok_or_else(|| {
            Error::Validation(
                "This computer has no home folder to suggest; type the folder to clone into."
                    .into(),
            )
        })?;
        Ok(suggest_folder_in(&base, url).to_string_lossy().into_owned())
    }
}

/// A folder path as a person types it: trimmed, and `~` at the start meaning the home folder
/// (`~/sites/barents`), as in every terminal and file dialog they know.
pub fn typed_path(text: &str) -> PathBuf {
    let text = text.trim();
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    if text == "~" {
        return home().unwrap_or_else(|| PathBuf::from(text));
    }
    let rest = text
        .strip_prefix("~/")
        .or_else(|| text.strip_prefix("~\\").filter(|_| cfg!(windows)));
    match (rest, home()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(text),
    }
}

/// Where clones go by default: `<Documents>/Barents Desk`, else `<home>/Barents Desk`.
pub fn sites_folder() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    let base = dirs
        .document_dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dirs.home_dir().to_path_buf());
    Some(base.join(SITES_FOLDER))
}

/// `base/<name>` for the repository `url` names (`https://host/org/site.git` -> `site`),
/// `base/<name>-2`, `-3`… when that folder exists and is not empty.
pub fn suggest_folder_in(base: &Path, url: &str) -> PathBuf {
    let name = repository_name(url);
    let free = |p: &Path| {
        !p.exists()
            || std::fs::read_dir(p)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false)
    };
    let first = base.join(&name);
    if free(&first) {
        return first;
    }
    (2..1000)
        .map(|n| base.join(format!("{name}-{n}")))
        .find(|p| free(p))
        .unwrap_or(first)
}

/// The last part of an address's path without `.git`, made safe as a folder name on every
/// system; `site` when nothing is left.
fn repository_name(url: &str) -> String {
    let url = url.trim().trim_end_matches(['/', '\\']);
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.split(['?', '#']).next().unwrap_or(rest),
        // `git@host:org/site.git`
        None => url.rsplit_once(':').map_or(url, |(_, p)| p),
    };
    let last = path.rsplit(['/', '\\']).next().unwrap_or("");
    let last = last.strip_suffix(".git").unwrap_or(last);
    let clean: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let clean = clean.trim_matches(['-', '.']).to_owned();
    if clean.is_empty() {
        "site".into()
    } else {
        clean.chars().take(80).collect()
    }
}

/// Puts the site at `root` at the top of the recent list (called by every open but the demo's,
/// which has its own button on the Welcome screen).
pub(crate) fn remember_site(store: &mut Store, root: &Path, name: &str) -> Result<()> {
    let root = tidy(root);
    let mut list = read(store)?;
    list.retain(|s| !same_site(Path::new(&s.path), &root));
    list.insert(
        0,
        Stored {
            path: root.to_string_lossy().into_owned(),
            name: name.to_owned(),
        },
    );
    list.truncate(RECENT_AT_MOST);
    write(store, &list)
}

fn read(store: &Store) -> Result<Vec<Stored>> {
    Ok(match store.setting(RECENT_KEY)? {
        // A damaged value is an empty list, never an error: it is only a convenience.
        Some(json) => serde_json::from_str(&json).unwrap_or_else(|e| {
            tracing::warn!("the recent sites could not be read ({e}); starting a new list");
            Vec::new()
        }),
        None => Vec::new(),
    })
}

fn write(store: &mut Store, list: &[Stored]) -> Result<()> {
    let json = serde_json::to_string(list)
        .map_err(|e| Error::Validation(format!("The recent sites could not be kept: {e}.")))?;
    Ok(store.set_setting(RECENT_KEY, &json)?)
}

/// The same folder, however it was written (`a/site/`, `a/./site`, a link to it).
fn same_site(a: &Path, b: &Path) -> bool {
    same_path(a, b) || tidy(a) == tidy(b)
}

/// `root` without a trailing separator or `.` parts (git2 gives work trees with a final `/`).
fn tidy(root: &Path) -> PathBuf {
    root.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

fn is_work_tree(path: &Path) -> bool {
    path.is_dir() && path.join(".git").exists()
}

/// Refuses, before any network, an address that cannot be cloned from, saying what would work.
pub(crate) fn check_clone_url(url: &str) -> std::result::Result<(), WelcomeError> {
    let url = url.trim();
    let example =
        "like https://github.com/organisation/site.git or git@github.com:organisation/site.git";
    if url.is_empty() {
        return Err(WelcomeError::BadUrl(format!(
            "Paste the address of the site's repository, {example}."
        )));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(WelcomeError::BadUrl(format!(
            "“{}” has spaces or line breaks in it, so it is not an address. Paste the address of the site's repository, {example}.",
            redact_url(url)
        )));
    }
    if let Some((scheme, rest)) = url.split_once("://") {
        let scheme = scheme.to_ascii_lowercase();
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        return match scheme.as_str() {
            "file" if rest.len() > 1 => Ok(()),
            "https" | "http" | "ssh" | "git" if !host.is_empty() => {
                if rest[rest.find('/').unwrap_or(rest.len())..]
                    .trim_matches('/')
                    .is_empty()
                {
                    Err(WelcomeError::BadUrl(format!(
                        "“{}” names a server but no repository on it. Paste the whole address, {example}.",
                        redact_url(url)
                    )))
                } else {
                    Ok(())
                }
            }
            "https" | "http" | "ssh" | "git" | "file" => Err(WelcomeError::BadUrl(format!(
                "“{}” is missing the server's name. Paste the whole address, {example}.",
                redact_url(url)
            ))),
            _ => Err(WelcomeError::BadUrl(format!(
                "Barents Desk clones over https:// and SSH, and from folders on this computer; “{scheme}://” addresses are not supported. Paste an address {example}."
            ))),
        };
    }
    if Path::new(url).is_absolute() {
        return Ok(());
    }
    // scp-like SSH: `user@host:path` (a drive letter such as `C:` was handled just above).
    if let Some((host, path)) = url.split_once(':')
        && !host.contains('/')
        && host.len() > 1
        && !path.trim_matches('/').is_empty()
    {
        return Ok(());
    }
    let hint = if url.contains('.') && url.contains('/') {
        " It needs https:// in front (or an SSH address)."
    } else {
        ""
    };
    Err(WelcomeError::BadUrl(format!(
        "“{}” is not a complete address.{hint} Paste the address of the site's repository, {example}, or the full path of a folder on this computer.",
        redact_url(url)
    )))
}

/// A failed clone in the words of someone who pasted an address: the server was not reached,
/// or holds no repository there. Other errors (login, host key, folder) already say so.
pub(crate) fn explain_clone_error(e: Error, url: &str) -> Error {
    let Error::Publish(PublishError::Network { reason }) = &e else {
        return e;
    };
    let shown = redact_url(url.trim());
    let local = shown.starts_with("file://") || Path::new(&shown).is_absolute();
    let lower = reason.to_ascii_lowercase();
    let not_there = lower.contains("404")
        || lower.contains("not found")
        || lower.contains("could not find repository")
        || lower.contains("not a git repository")
        || lower.contains("does not appear to be a git repository")
        || (local && !lower.contains("permission"));
    if not_there {
        return WelcomeError::NoRepository {
            address: shown,
            reason: reason.clone(),
        }
        .into();
    }
    let host = match shown.split_once("://") {
        Some((_, rest)) => rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or(rest)
            .to_owned(),
        None => shown
            .split_once(':')
            .map_or(shown.as_str(), |(h, _)| h)
            .rsplit('@')
            .next()
            .unwrap_or_default()
            .to_owned(),
    };
    WelcomeError::Unreachable {
        host,
        reason: reason.clone(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_tilde_is_the_home_folder() {
        let home = directories::BaseDirs::new()
            .unwrap()
            .home_dir()
            .to_path_buf();
        assert_eq!(typed_path("  ~/sites/barents "), home.join("sites/barents"));
        assert_eq!(typed_path("~"), home);
        assert_eq!(typed_path("~ann/site"), PathBuf::from("~ann/site"));
        assert_eq!(typed_path("/srv/site"), PathBuf::from("/srv/site"));
    }

    #[test]
    fn repository_names_come_from_the_address() {
        assert_eq!(
            repository_name("https://github.com/barents/site.git"),
            "site"
        );
        assert_eq!(
            repository_name("git@github.com:barents/barents-news.git/"),
            "barents-news"
        );
        assert_eq!(
            repository_name("ssh://git@host:22/org/Sámi nytt"),
            "Sámi-nytt"
        );
        assert_eq!(repository_name("file:///srv/git/web.git"), "web");
        assert_eq!(repository_name("https://host/"), "host");
        assert_eq!(repository_name("https://host/..git"), "site");
        assert_eq!(repository_name(r"C:\repos\site"), "site");
    }

    #[test]
    fn addresses_that_cannot_be_cloned_are_refused_with_what_would_work() {
        for good in [
            "https://github.com/barents/site.git",
            "http://127.0.0.1:8080/site.git",
            "ssh://git@host:2222/org/site.git",
            "git@github.com:barents/site.git",
            "file:///srv/git/site.git",
        ] {
            assert!(check_clone_url(good).is_ok(), "{good}");
        }
        #[cfg(unix)]
        assert!(check_clone_url("/srv/git/site.git").is_ok());
        #[cfg(windows)]
        assert!(check_clone_url(r"C:\git\site.git").is_ok());
        for (bad, says) in [
            ("", "Paste the address"),
            ("   ", "Paste the address"),
            ("github.com/barents/site", "needs https://"),
            ("site", "not a complete address"),
            ("https://", "missing the server"),
            ("https://github.com", "no repository on it"),
            (
                "ftp://host/site.git",
                "“ftp://” addresses are not supported",
            ),
            ("https://host/a b.git", "spaces"),
        ] {
            let e = check_clone_url(bad).expect_err(bad);
            assert_eq!(e.code(), "bad_url");
            assert!(e.to_string().contains(says), "{bad}: {e}");
        }
        // A password in the address is never repeated back.
        let e = check_clone_url("https://ann:secret@host").unwrap_err();
        assert!(!e.to_string().contains("secret"), "{e}");
    }
}
