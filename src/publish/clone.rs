//! Cloning a site from an HTTPS or SSH URL (or a local path) into a new folder, with progress
//! (objects, bytes) and cancel. A cancelled or failed clone removes the folder it created, so
//! a retry starts clean; a folder that exists and holds anything is refused.

use std::cell::RefCell;
use std::path::Path;

use git2::FetchOptions;
use git2::build::RepoBuilder;

use super::remote::{Access, Seen, Transfer, callbacks, explain};
use super::{PublishError, SiteRepo};

/// Clones `url` into `dest` (which must not exist, or be an empty folder).
pub fn clone(
    url: &str,
    dest: &Path,
    access: &Access<'_>,
    progress: Option<Box<dyn FnMut(Transfer) + '_>>,
) -> Result<SiteRepo, PublishError> {
    let existed = dest.exists();
    if existed
        && std::fs::read_dir(dest)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(PublishError::DestinationNotEmpty {
            path: dest.to_path_buf(),
        });
    }
    let seen = RefCell::new(Seen::default());
    let mut fetch = FetchOptions::new();
    fetch.remote_callbacks(callbacks(access, url, &seen, progress));
    let result = RepoBuilder::new().fetch_options(fetch).clone(url, dest);
    match result {
        Ok(repo) => {
            drop(repo);
            SiteRepo::open(dest)
        }
        Err(e) => {
            let error = explain(seen.into_inner(), e, url);
            // Leave nothing half-cloned behind (only what this clone created).
            if existed {
                if let Ok(entries) = std::fs::read_dir(dest) {
                    for entry in entries.flatten() {
                        let p = entry.path();
                        let _ = if p.is_dir() {
                            std::fs::remove_dir_all(&p)
                        } else {
                            std::fs::remove_file(&p)
                        };
                    }
                }
            } else {
                let _ = std::fs::remove_dir_all(dest);
            }
            Err(error)
        }
    }
}

/// Connects to `url` for fetching and lists nothing: proves the host key and the login.
pub fn probe(url: &str, access: &Access<'_>) -> Result<(), PublishError> {
    let seen = RefCell::new(Seen::default());
    let mut remote = git2::Remote::create_detached(url)?;
    let result = remote
        .connect_auth(
            git2::Direction::Fetch,
            Some(callbacks(access, url, &seen, None)),
            None,
        )
        .map(drop);
    result.map_err(|e| explain(seen.into_inner(), e, url))
}
