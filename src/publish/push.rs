//! Pushing one branch to `origin`. libgit2 reports success for a push the server rejected;
//! only the `push_update_reference` callback tells, so it is always checked.

use std::cell::RefCell;

use git2::{ErrorClass, ErrorCode, PushOptions, RemoteCallbacks, Repository};

use super::PublishError;

pub(super) fn push_branch(repo: &Repository, branch: &str) -> Result<(), PublishError> {
    let mut remote = repo.find_remote("origin").map_err(|e| match e.code() {
        ErrorCode::NotFound => PublishError::NoRemote,
        _ => PublishError::from(e),
    })?;
    let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
    let rejected: RefCell<Option<String>> = RefCell::new(None);
    let mut callbacks = RemoteCallbacks::new();
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
    if let Err(e) = result {
        return Err(classify(e));
    }
    if let Some(reason) = rejected.into_inner() {
        return Err(PublishError::PushRejected { reason });
    }
    // The server has our branch now: record that, so "waiting to sync" counts from here.
    let head = repo.refname_to_id(&format!("refs/heads/{branch}"))?;
    repo.reference(
        &format!("refs/remotes/origin/{branch}"),
        head,
        true,
        "push: the server accepted the branch",
    )?;
    Ok(())
}

fn classify(e: git2::Error) -> PublishError {
    let reason = e.message().trim_end_matches('.').to_owned();
    match (e.class(), e.code()) {
        (_, ErrorCode::NotFastForward) => PublishError::PushRejected {
            reason: "someone else published first (the server has changes this computer does not have yet)".into(),
        },
        (ErrorClass::Reference, _) if reason.contains("fast") => PublishError::PushRejected { reason },
        _ => PublishError::PushFailed { reason },
    }
}
