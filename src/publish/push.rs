//! Pushing one branch to `origin`. libgit2 reports success for a push the server rejected;
//! only the `push_update_reference` callback tells, so it is always checked.

use std::cell::RefCell;

use git2::{ErrorClass, ErrorCode, PushOptions, Remote, Repository};

use super::PublishError;
use super::remote::{Access, Seen, callbacks, explain};

/// `origin`, after checking that a local origin folder is there.
pub(super) fn origin(repo: &Repository) -> Result<Remote<'_>, PublishError> {
    let remote = repo.find_remote("origin").map_err(|e| match e.code() {
        ErrorCode::NotFound => PublishError::NoRemote,
        _ => PublishError::from(e),
    })?;
    if let Ok(url) = remote.url()
        && let Some(folder) = local_path(url)
        && !folder.exists()
    {
        // libgit2 says "unsupported URL protocol" for a local path that is not there.
        return Err(PublishError::PushFailed {
            reason: format!(
                "the folder that holds the site's server copy ({url}) is not there; it may have been moved, or be on a drive that is not connected"
            ),
        });
    }
    Ok(remote)
}

/// Pushes local branch `branch` to `remote_branch` on origin; never forced (no `+`).
pub(super) fn push_branch(
    repo: &Repository,
    branch: &str,
    remote_branch: &str,
    access: &Access<'_>,
) -> Result<(), PublishError> {
    let mut remote = origin(repo)?;
    let url = remote.url().unwrap_or_default().to_owned();
    let refspec = format!("refs/heads/{branch}:refs/heads/{remote_branch}");
    let rejected: RefCell<Option<String>> = RefCell::new(None);
    let seen = RefCell::new(Seen::default());
    let mut callbacks = callbacks(access, &url, &seen, None);
    callbacks.push_update_reference(|refname, status| {
        if let Some(message) = status {
            *rejected.borrow_mut() = Some(format!("{refname}: {message}"));
        }
        Ok(())
    });
    let mut options = PushOptions::new();
    options.remote_callbacks(callbacks);
    let result = remote.push(&[refspec.as_str()], Some(&mut options));
    drop(options);
    if let Some(tell) = access.moving {
        tell(super::Moving::Finished);
    }
    if let Err(e) = result {
        return Err(classify(e, seen.into_inner(), &url));
    }
    if let Some(reason) = rejected.into_inner() {
        return Err(PublishError::PushRejected { reason });
    }
    // The server has our branch now: record that, so "waiting to sync" counts from here.
    let head = repo.refname_to_id(&format!("refs/heads/{branch}"))?;
    repo.reference(
        &format!("refs/remotes/origin/{remote_branch}"),
        head,
        true,
        "push: the server accepted the branch",
    )?;
    Ok(())
}

/// The folder a remote URL names, when it is a local path (`/srv/site.git`, `C:\\sites\\a.git`,
/// `file:///srv/site.git`) rather than a network address (`https://…`, `git@host:site.git`).
fn local_path(url: &str) -> Option<std::path::PathBuf> {
    if let Some(path) = url.strip_prefix("file://") {
        return Some(path.into());
    }
    if url.contains("://") {
        return None;
    }
    let windows_drive =
        url.len() > 2 && url.as_bytes()[1] == b':' && url.as_bytes()[0].is_ascii_alphabetic();
    let scp_like = !windows_drive
        && url
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'));
    (!scp_like).then(|| url.into())
}

fn classify(e: git2::Error, seen: Seen, url: &str) -> PublishError {
    let reason = e.message().trim_end_matches('.').to_owned();
    match (e.class(), e.code()) {
        (_, ErrorCode::NotFastForward) => PublishError::PushRejected {
            reason: "someone else published first (the server has changes this computer does not have yet)".into(),
        },
        (ErrorClass::Reference, _) if reason.contains("fast") => {
            PublishError::PushRejected { reason }
        }
        _ => match explain(seen, e, url) {
            PublishError::Network { reason } => PublishError::PushFailed { reason },
            other => other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn tells_local_paths_from_network_remotes() {
        assert!(local_path("/srv/site.git").is_some());
        assert!(local_path("C:\\sites\\site.git").is_some());
        assert!(local_path("../origin.git").is_some());
        assert_eq!(local_path("file:///srv/a.git"), Some("/srv/a.git".into()));
        assert!(local_path("https://git.example/site.git").is_none());
        assert!(local_path("ssh://git@host/site.git").is_none());
        assert!(local_path("git@host:site.git").is_none());
    }
}
