//! SSH host keys checked against known_hosts files (the user's `~/.ssh/known_hosts` and the
//! app's own, where hosts the user accepted are added). A known key passes; an unknown host
//! is a question for the user ([`HostKeyCheck::Unknown`]); a host whose key differs from the
//! one on file is refused ([`HostKeyCheck::Changed`]), as OpenSSH does. Reads hashed entries
//! (`|1|salt|hash`), `[host]:port` entries, `*`/`?` patterns, negations and `@revoked`.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Digest;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKeyCheck {
    Known,
    Unknown,
    /// The host is on file with another key of the same type, or this key is revoked.
    Changed,
}

/// A server's host key as the user is asked about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostKey {
    pub host: String,
    pub port: u16,
    /// `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`...
    pub key_type: String,
    /// OpenSSH's form: `SHA256:` and the unpadded base64 of the key's SHA-256.
    pub fingerprint: String,
    /// The public key, base64, as known_hosts holds it.
    pub key: String,
}

impl HostKey {
    pub fn new(host: &str, port: u16, blob: &[u8]) -> Self {
        HostKey {
            host: host.to_owned(),
            port,
            key_type: key_type(blob).unwrap_or_else(|| "unknown".into()),
            fingerprint: format!(
                "SHA256:{}",
                STANDARD_NO_PAD.encode(sha2::Sha256::digest(blob))
            ),
            key: STANDARD.encode(blob),
        }
    }

    /// The known_hosts line that trusts this key.
    pub fn known_hosts_line(&self) -> String {
        format!(
            "{} {} {}",
            host_pattern(&self.host, self.port),
            self.key_type,
            self.key
        )
    }
}

/// The type named inside an SSH public key blob (a length-prefixed string).
fn key_type(blob: &[u8]) -> Option<String> {
    let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    let name = blob.get(4..4 + len)?;
    String::from_utf8(name.to_vec()).ok()
}

/// How known_hosts names a host: `host`, or `[host]:port` off port 22.
fn host_pattern(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_owned()
    } else {
        format!("[{host}]:{port}")
    }
}

/// Checks a server's key against the text of one or more known_hosts files.
pub fn check(known_hosts: &[String], host: &str, port: u16, blob: &[u8]) -> HostKeyCheck {
    let name = host_pattern(&host.to_ascii_lowercase(), port);
    let wanted_type = key_type(blob);
    let mut result = HostKeyCheck::Unknown;
    for text in known_hosts {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let mut first = parts.next().unwrap_or_default();
            let marker = first.strip_prefix('@').map(str::to_owned);
            if marker.is_some() {
                first = parts.next().unwrap_or_default();
            }
            let (Some(kind), Some(key)) = (parts.next(), parts.next()) else {
                continue;
            };
            if !hosts_match(first, &name) {
                continue;
            }
            let Ok(key) = STANDARD.decode(key) else {
                continue;
            };
            match marker.as_deref() {
                Some("revoked") if key == blob => return HostKeyCheck::Changed,
                Some(_) => continue,
                None if key == blob => result = HostKeyCheck::Known,
                None if Some(kind) == wanted_type.as_deref() && result != HostKeyCheck::Known => {
                    result = HostKeyCheck::Changed;
                }
                None => {}
            }
        }
    }
    result
}

/// Whether a known_hosts host field (comma-separated patterns, or one hashed name) names
/// `name`.
fn hosts_match(field: &str, name: &str) -> bool {
    if let Some(hashed) = field.strip_prefix("|1|") {
        return hashed_match(hashed, name);
    }
    let mut matched = false;
    for pattern in field.split(',') {
        if let Some(negated) = pattern.strip_prefix('!') {
            if glob(&negated.to_ascii_lowercase(), name) {
                return false;
            }
        } else if glob(&pattern.to_ascii_lowercase(), name) {
            matched = true;
        }
    }
    matched
}

fn hashed_match(hashed: &str, name: &str) -> bool {
    let Some((salt, hash)) = hashed.split_once('|') else {
        return false;
    };
    let (Ok(salt), Ok(hash)) = (STANDARD.decode(salt), STANDARD.decode(hash)) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(&salt) else {
        return false;
    };
    mac.update(name.as_bytes());
    mac.verify_slice(&hash).is_ok()
}

fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

/// Reads the known_hosts files that exist among `files`.
pub fn read_known_hosts(files: &[&Path]) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect()
}

/// Adds a host key the user accepted to the app's known_hosts file.
pub fn trust(file: &Path, key: &HostKey) -> std::io::Result<()> {
    let mut text = std::fs::read_to_string(file).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&key.known_hosts_line());
    text.push('\n');
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::fs_atomic::write_atomic(file, text.as_bytes())
}

/// Host and port of an SSH remote URL (`ssh://user@host:port/path` or `user@host:path`).
pub fn ssh_host(url: &str) -> Option<(String, u16)> {
    if let Some(rest) = url.strip_prefix("ssh://") {
        let authority = rest.split('/').next()?;
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        if let Some(inner) = host_port.strip_prefix('[') {
            let (host, after) = inner.split_once(']')?;
            let port = after
                .strip_prefix(':')
                .map_or(Some(22), |p| p.parse().ok())?;
            return Some((host.to_owned(), port));
        }
        return match host_port.rsplit_once(':') {
            Some((host, port)) => Some((host.to_owned(), port.parse().ok()?)),
            None => Some((host_port.to_owned(), 22)),
        };
    }
    if url.contains("://") {
        return None;
    }
    let (authority, _) = url.split_once(':')?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    (!host.is_empty() && !host.contains('/')).then(|| (host.to_owned(), 22))
}

/// The user name of an SSH remote URL, if it names one.
pub fn ssh_user(url: &str) -> Option<String> {
    let rest = url.strip_prefix("ssh://").unwrap_or(url);
    let authority = rest.split(['/', ':']).next()?;
    authority.rsplit_once('@').map(|(user, _)| user.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(kind: &str, body: &[u8]) -> Vec<u8> {
        let mut b = (kind.len() as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind.as_bytes());
        b.extend_from_slice(body);
        b
    }

    #[test]
    fn known_unknown_changed_and_revoked() {
        let key = blob("ssh-ed25519", b"key-one");
        let other = blob("ssh-ed25519", b"key-two");
        let line = HostKey::new("git.example.org", 2222, &key).known_hosts_line();
        assert!(line.starts_with("[git.example.org]:2222 ssh-ed25519 "));
        let files = vec![line.clone()];
        assert_eq!(
            check(&files, "git.example.org", 2222, &key),
            HostKeyCheck::Known
        );
        assert_eq!(
            check(&files, "Git.Example.org", 2222, &key),
            HostKeyCheck::Known
        );
        assert_eq!(
            check(&files, "git.example.org", 22, &key),
            HostKeyCheck::Unknown
        );
        assert_eq!(
            check(&files, "git.example.org", 2222, &other),
            HostKeyCheck::Changed
        );
        let rsa = blob("ssh-rsa", b"rsa");
        assert_eq!(
            check(&files, "git.example.org", 2222, &rsa),
            HostKeyCheck::Unknown
        );
        let revoked = vec![line.clone(), format!("@revoked {line}")];
        assert_eq!(
            check(&revoked, "git.example.org", 2222, &key),
            HostKeyCheck::Changed
        );
    }

    #[test]
    fn hashed_and_patterned_hosts() {
        // `ssh-keygen -H` form of "github.com", computed with OpenSSH's algorithm.
        let salt = b"0123456789abcdefghij";
        let mut mac = Hmac::<sha1::Sha1>::new_from_slice(salt).unwrap();
        mac.update(b"github.com");
        let hash = mac.finalize().into_bytes();
        let key = blob("ssh-ed25519", b"gh");
        let line = format!(
            "|1|{}|{} ssh-ed25519 {}",
            STANDARD.encode(salt),
            STANDARD.encode(hash),
            STANDARD.encode(&key)
        );
        assert_eq!(
            check(std::slice::from_ref(&line), "github.com", 22, &key),
            HostKeyCheck::Known
        );
        assert_eq!(
            check(&[line], "gitlab.com", 22, &key),
            HostKeyCheck::Unknown
        );
        let pat = format!(
            "*.example.org,!evil.example.org ssh-ed25519 {}",
            STANDARD.encode(&key)
        );
        assert_eq!(
            check(std::slice::from_ref(&pat), "a.example.org", 22, &key),
            HostKeyCheck::Known
        );
        assert_eq!(
            check(&[pat], "evil.example.org", 22, &key),
            HostKeyCheck::Unknown
        );
    }

    #[test]
    fn hosts_of_ssh_urls() {
        assert_eq!(
            ssh_host("git@host.org:site.git"),
            Some(("host.org".into(), 22))
        );
        assert_eq!(
            ssh_host("ssh://git@127.0.0.1:2222/srv/site.git"),
            Some(("127.0.0.1".into(), 2222))
        );
        assert_eq!(ssh_host("ssh://[::1]:2222/x"), Some(("::1".into(), 2222)));
        assert_eq!(ssh_host("https://host/x"), None);
        assert_eq!(ssh_user("ssh://ann@h:22/x").as_deref(), Some("ann"));
        assert_eq!(ssh_user("git@h:x").as_deref(), Some("git"));
    }
}
