//! Talking to the site's server: the callbacks every fetch, push and clone uses (credentials
//! from the store or the ssh-agent and keys, SSH host keys checked against known_hosts,
//! transfer progress with cancel), and turning what went wrong into an error a person can act
//! on. A secret is handed to libgit2 and nowhere else: not logged, not put in a message.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use git2::{CertificateCheckStatus, Cred, CredentialType, ErrorClass, ErrorCode, RemoteCallbacks};

use super::PublishError;
use super::credentials::{CredentialStore, redact_url, server_key};
use super::ssh::{self, HostKey, HostKeyCheck};

/// What a connection may use to prove who the user is and who the server is.
pub struct Access<'a> {
    pub credentials: &'a dyn CredentialStore,
    /// known_hosts files to read (missing ones are skipped): the user's and the app's.
    pub known_hosts: Vec<PathBuf>,
    /// A folder of SSH keys (`id_ed25519`, `id_ecdsa`, `id_rsa`) to try after the ssh-agent.
    pub ssh_keys: Option<PathBuf>,
    /// Set from another thread to stop a transfer.
    pub cancel: Option<&'a AtomicBool>,
    /// wt-states: told how a fetch or a push moves data, for the window's progress bar.
    pub moving: Option<&'a dyn Fn(Moving)>,
}

/// wt-states: how far a fetch (receiving) or a push (sending) has come, in objects and bytes;
/// `Finished` ends either (whether it worked or not), so a progress bar knows to go away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moving {
    Receiving {
        objects: u32,
        total: u32,
        bytes: u64,
    },
    Sending {
        objects: u32,
        total: u32,
        bytes: u64,
    },
    Finished,
}

impl Access<'static> {
    /// For a remote that is a local folder: no credentials, no host keys.
    pub fn local() -> Self {
        Access {
            credentials: &super::credentials::NoCredentials,
            known_hosts: Vec::new(),
            ssh_keys: None,
            cancel: None,
            moving: None,
        }
    }
}

/// Objects and bytes received so far, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Transfer {
    pub received_objects: u32,
    pub indexed_objects: u32,
    pub total_objects: u32,
    pub received_bytes: u64,
}

/// What the callbacks saw, read after libgit2 returns.
#[derive(Default)]
pub(crate) struct Seen {
    userpass_tries: u32,
    ssh_tries: usize,
    problem: Option<Problem>,
}

enum Problem {
    NeedsCredentials { server: String },
    AuthFailed { server: String },
    SshAuthFailed { host: String },
    UnknownHost(HostKey),
    ChangedHost(HostKey),
    Keychain(String),
    Cancelled,
}

const KEY_FILES: &[&str] = &["id_ed25519", "id_ecdsa", "id_rsa"];

/// The callbacks for one operation on `url`.
pub(crate) fn callbacks<'a>(
    access: &'a Access<'a>,
    url: &str,
    seen: &'a RefCell<Seen>,
    mut progress: Option<Box<dyn FnMut(Transfer) + 'a>>,
) -> RemoteCallbacks<'a> {
    let mut cb = RemoteCallbacks::new();
    let ssh_target = ssh::ssh_host(url);
    let server = server_key(url);
    cb.credentials(move |url, username, allowed| {
        let mut seen = seen.borrow_mut();
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            let server = server.clone().unwrap_or_else(|| redact_url(url));
            seen.userpass_tries += 1;
            if seen.userpass_tries > 1 {
                seen.problem = Some(Problem::AuthFailed { server });
                return Err(git2::Error::from_str("the server refused the credentials"));
            }
            return match access.credentials.get(&server) {
                Ok(Some(secret)) => Cred::userpass_plaintext(&secret.username, &secret.password),
                Ok(None) => {
                    seen.problem = Some(Problem::NeedsCredentials { server });
                    Err(git2::Error::from_str(
                        "no credentials stored for this server",
                    ))
                }
                Err(e) => {
                    seen.problem = Some(Problem::Keychain(e.reason));
                    Err(git2::Error::from_str("the keychain could not be read"))
                }
            };
        }
        let user = username
            .map(str::to_owned)
            .or_else(|| ssh::ssh_user(url))
            .unwrap_or_else(|| "git".into());
        if allowed.contains(CredentialType::USERNAME) {
            return Cred::username(&user);
        }
        if allowed.contains(CredentialType::SSH_KEY) {
            let attempt = seen.ssh_tries;
            seen.ssh_tries += 1;
            let agent = agent_available();
            if agent && attempt == 0 {
                return Cred::ssh_key_from_agent(&user);
            }
            let files: Vec<PathBuf> = access
                .ssh_keys
                .iter()
                .flat_map(|dir| KEY_FILES.iter().map(move |f| dir.join(f)))
                .filter(|p| p.is_file())
                .collect();
            let index = attempt - usize::from(agent);
            if let Some(key) = files.get(index) {
                return Cred::ssh_key(&user, None, key, None);
            }
            let host = ssh_target
                .as_ref()
                .map(|(h, _)| h.clone())
                .unwrap_or_default();
            seen.problem = Some(Problem::SshAuthFailed { host });
            return Err(git2::Error::from_str("no SSH key was accepted"));
        }
        Err(git2::Error::from_str(
            "the server asks for a kind of login Barents Desk does not support",
        ))
    });
    let ssh_target = ssh::ssh_host(url);
    cb.certificate_check(move |cert, hostname| {
        let Some(hostkey) = cert.as_hostkey() else {
            // HTTPS: the TLS library has checked the certificate chain; keep its verdict.
            return Ok(CertificateCheckStatus::CertificatePassthrough);
        };
        let Some(blob) = hostkey.hostkey() else {
            return Err(git2::Error::from_str("the SSH server sent no host key"));
        };
        let port = ssh_target.as_ref().map_or(22, |(_, p)| *p);
        let key = HostKey::new(hostname, port, blob);
        let files: Vec<&std::path::Path> =
            access.known_hosts.iter().map(PathBuf::as_path).collect();
        match ssh::check(&ssh::read_known_hosts(&files), hostname, port, blob) {
            HostKeyCheck::Known => Ok(CertificateCheckStatus::CertificateOk),
            HostKeyCheck::Unknown => {
                seen.borrow_mut().problem = Some(Problem::UnknownHost(key));
                Err(git2::Error::from_str("unknown SSH host"))
            }
            HostKeyCheck::Changed => {
                seen.borrow_mut().problem = Some(Problem::ChangedHost(key));
                Err(git2::Error::from_str("SSH host key changed"))
            }
        }
    });
    let moving = access.moving;
    cb.transfer_progress(move |p| {
        if let Some(report) = progress.as_mut() {
            report(Transfer {
                received_objects: p.received_objects() as u32,
                indexed_objects: p.indexed_objects() as u32,
                total_objects: p.total_objects() as u32,
                received_bytes: p.received_bytes() as u64,
            });
        }
        if let Some(tell) = moving {
            tell(Moving::Receiving {
                objects: p.received_objects() as u32,
                total: p.total_objects() as u32,
                bytes: p.received_bytes() as u64,
            });
        }
        let cancelled = access.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
        if cancelled {
            seen.borrow_mut().problem = Some(Problem::Cancelled);
        }
        !cancelled
    });
    cb.push_transfer_progress(move |current, total, bytes| {
        if let Some(tell) = moving {
            tell(Moving::Sending {
                objects: u32::try_from(current).unwrap_or(u32::MAX),
                total: u32::try_from(total).unwrap_or(u32::MAX),
                bytes: bytes as u64,
            });
        }
    });
    cb.sideband_progress(move |_| !access.cancel.is_some_and(|c| c.load(Ordering::Relaxed)));
    cb
}

fn agent_available() -> bool {
    cfg!(windows) || std::env::var_os("SSH_AUTH_SOCK").is_some()
}

/// The error for a failed operation: what the callbacks saw first, else libgit2's words.
pub(crate) fn explain(seen: Seen, e: git2::Error, url: &str) -> PublishError {
    let cancelled = e.code() == ErrorCode::User && seen.problem.is_none()
        || matches!(seen.problem, Some(Problem::Cancelled));
    if cancelled {
        return PublishError::Cancelled;
    }
    match seen.problem {
        Some(Problem::NeedsCredentials { server }) => PublishError::AuthRequired { server },
        Some(Problem::AuthFailed { server }) => PublishError::AuthFailed { server },
        Some(Problem::SshAuthFailed { host }) => PublishError::SshAuthFailed { host },
        Some(Problem::UnknownHost(key)) => PublishError::UnknownHost(key),
        Some(Problem::ChangedHost(key)) => PublishError::HostKeyChanged(key),
        Some(Problem::Keychain(reason)) => {
            PublishError::Keychain(super::credentials::KeychainError { reason })
        }
        Some(Problem::Cancelled) => PublishError::Cancelled,
        None => {
            // libgit2 may quote the URL; a URL may carry a user name and password.
            let reason = e
                .message()
                .trim_end_matches('.')
                .replace(url, &redact_url(url));
            match (e.class(), e.code()) {
                (_, ErrorCode::Auth) | (ErrorClass::Http, _) if reason.contains("401") => {
                    PublishError::AuthFailed {
                        server: server_key(url).unwrap_or_else(|| redact_url(url)),
                    }
                }
                _ => PublishError::Network { reason },
            }
        }
    }
}
