//! The crate's error type: one enum per module, rolled up here, each turned into an
//! [`ErrorReport`] (stable code + a sentence that says what happened and what to do) for the
//! clients. Messages never carry credentials.

use std::path::PathBuf;

use crate::api::types::ErrorReport;
use crate::{
    content::ContentError, events::EventsError, publish::PublishError, site::SiteError,
    store::StoreError,
};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Site(#[from] SiteError),
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error(transparent)]
    Media(#[from] crate::media::MediaError),
    #[error(transparent)]
    Events(#[from] EventsError),
    // wt-welcome: addresses and failed clones, in the Welcome screen's words.
    #[error(transparent)]
    Welcome(#[from] crate::api::welcome::WelcomeError),
    #[error(
        "Publishing needs your name and e-mail for the site's history. Enter them, then publish again."
    )]
    IdentityMissing,
    #[error("{0}")]
    Validation(String),
    #[error("{} cannot be published yet. {}", .what, .problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid {
        /// "This article", "This event"...
        what: String,
        problems: Vec<crate::site::validate::Problem>,
    },
    #[error("{what} was not found. It may have been deleted; reload the entry list.")]
    NotFound { what: String },
    #[error("No site is open. Open a site folder or the demo site first.")]
    NoSite,
    #[error(
        "Could not {action} {path}: {source}. Check that the folder exists and that you may write to it."
    )]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A stable, machine-readable code; clients branch on it, people read the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Site(e) => e.code(),
            Error::Content(_) => "content",
            Error::Store(e) => e.code(),
            Error::Publish(e) => e.code(),
            Error::Media(e) => e.code(),
            Error::Events(e) => e.code(),
            Error::Welcome(e) => e.code(),
            Error::IdentityMissing => "identity_missing",
            Error::Validation(_) => "validation",
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::NoSite => "no_site",
            Error::Io { .. } => "io",
        }
    }

    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.to_string(),
            problems: match self {
                Error::Invalid { problems, .. } => Some(problems.clone()),
                Error::Events(e) => e.problems().map(<[_]>::to_vec),
                _ => None,
            },
            host_key: match self {
                Error::Publish(
                    PublishError::UnknownHost(key) | PublishError::HostKeyChanged(key),
                ) => Some(Box::new(crate::api::types::HostKeyInfo {
                    host: key.host.clone(),
                    port: key.port,
                    key_type: key.key_type.clone(),
                    fingerprint: key.fingerprint.clone(),
                    key: key.key.clone(),
                })),
                _ => None,
            },
        }
    }

    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
