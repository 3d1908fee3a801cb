//! Credentials for HTTPS remotes: a user name and a password or token per server
//! (`scheme://host[:port]`). The production store is the OS keychain (the `keyring` crate:
//! Secret Service on Linux, Keychain on macOS, Credential Manager on Windows). Secrets are
//! never written to files, and never appear in logs or error messages: [`Secret`]'s `Debug`
//! hides the password. SSH needs no store: it uses the user's ssh-agent and keys.

use std::collections::HashMap;
use std::sync::Mutex;

/// What the app's keychain entries are filed under.
const SERVICE: &str = "barents-desk";

#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secret")
            .field("username", &self.username)
            .field("password", &"<hidden>")
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "The system keychain could not be used ({reason}). On Linux, Barents Desk keeps passwords in the Secret Service (GNOME Keyring or KWallet): make sure it is running and unlocked."
)]
pub struct KeychainError {
    pub reason: String,
}

/// Where credentials are kept. Implementations must never write a secret to a plain file.
pub trait CredentialStore: Send + Sync {
    fn get(&self, server: &str) -> Result<Option<Secret>, KeychainError>;
    fn set(&self, server: &str, secret: &Secret) -> Result<(), KeychainError>;
    fn delete(&self, server: &str) -> Result<(), KeychainError>;
}

/// The OS keychain.
pub struct Keychain;

impl Keychain {
    fn entry(server: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(SERVICE, server).map_err(keychain_error)
    }
}

fn keychain_error(e: keyring::Error) -> KeychainError {
    // keyring's messages name the entry and the platform failure, never the secret.
    KeychainError {
        reason: e.to_string(),
    }
}

impl CredentialStore for Keychain {
    fn get(&self, server: &str) -> Result<Option<Secret>, KeychainError> {
        match Self::entry(server)?.get_password() {
            Ok(stored) => Ok(stored.split_once('\n').map(|(user, pass)| Secret {
                username: user.to_owned(),
                password: pass.to_owned(),
            })),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, server: &str, secret: &Secret) -> Result<(), KeychainError> {
        Self::entry(server)?
            .set_password(&format!("{}\n{}", secret.username, secret.password))
            .map_err(keychain_error)
    }

    fn delete(&self, server: &str) -> Result<(), KeychainError> {
        match Self::entry(server)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// No credentials at all: for local remotes (a folder path), which ask for none.
pub struct NoCredentials;

impl CredentialStore for NoCredentials {
    fn get(&self, _: &str) -> Result<Option<Secret>, KeychainError> {
        Ok(None)
    }

    fn set(&self, _: &str, _: &Secret) -> Result<(), KeychainError> {
        Err(KeychainError {
            reason: "this connection keeps no credentials".into(),
        })
    }

    fn delete(&self, _: &str) -> Result<(), KeychainError> {
        Ok(())
    }
}

/// Credentials held in memory for this run only: for a computer without a keychain service
/// (they are asked again after a restart), and for tests of the credential flow.
#[derive(Default)]
pub struct SessionStore {
    secrets: Mutex<HashMap<String, Secret>>,
}

impl CredentialStore for SessionStore {
    fn get(&self, server: &str) -> Result<Option<Secret>, KeychainError> {
        Ok(self.lock()?.get(server).cloned())
    }

    fn set(&self, server: &str, secret: &Secret) -> Result<(), KeychainError> {
        self.lock()?.insert(server.to_owned(), secret.clone());
        Ok(())
    }

    fn delete(&self, server: &str) -> Result<(), KeychainError> {
        self.lock()?.remove(server);
        Ok(())
    }
}

impl SessionStore {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, Secret>>, KeychainError> {
        self.secrets.lock().map_err(|_| KeychainError {
            reason: "the in-memory credential store was poisoned".into(),
        })
    }
}

/// The key a server's credentials are filed under: `scheme://host[:port]`, lower case, without
/// any user name or path. `None` for a URL that is not HTTP(S).
pub fn server_key(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    (!host.is_empty()).then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// A URL for showing: any `user:password@` part removed.
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if let Some((_, host)) = authority.rsplit_once('@') {
            return format!("{scheme}://{host}{path}");
        }
    }
    url.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_keys_drop_users_and_paths() {
        assert_eq!(
            server_key("https://Ann:pw@Git.Example.org:8443/site.git").as_deref(),
            Some("https://git.example.org:8443")
        );
        assert_eq!(server_key("git@host:site.git"), None);
        assert_eq!(server_key("ssh://git@host/site.git"), None);
    }

    #[test]
    fn urls_are_shown_without_passwords() {
        assert_eq!(
            redact_url("https://ann:secret@host/a.git"),
            "https://host/a.git"
        );
        assert_eq!(redact_url("git@host:a.git"), "git@host:a.git");
    }

    #[test]
    fn debug_never_shows_the_password() {
        let s = Secret {
            username: "ann".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
