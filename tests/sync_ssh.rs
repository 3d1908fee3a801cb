//! Clone, publish and sync over SSH against Debian's OpenSSH server, started by the test on a
//! loopback port with its own configuration, throwaway host key and user key. Host keys are
//! checked against known_hosts: an unknown host is a question (`unknown_host`, with the
//! fingerprint `ssh-keygen -l` prints), a changed key is refused, a key the server does not
//! accept is a clear error.
#![cfg(unix)]

mod sync_support;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use desk::api::{Connections, Desk};
use desk::publish::credentials::SessionStore;
use sync_support::{ARTICLE, Origin, git};

struct Sshd {
    child: Child,
    port: u16,
    host_pub: PathBuf,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(file: &Path) {
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "desk-test", "-f"])
        .arg(file)
        .status()
        .expect("ssh-keygen runs (openssh-client)");
    assert!(ok.success());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_sshd(dir: &Path, user_pub: &Path) -> Sshd {
    let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("sshd is installed (Debian's openssh-server, in xtask's apt list)");
    let host_key = dir.join("host_ed25519");
    keygen(&host_key);
    std::fs::copy(user_pub, dir.join("authorized_keys")).unwrap();
    // sshd started as root wants its privilege separation directory.
    let _ = std::fs::create_dir_all("/run/sshd");
    let port = free_port();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\nLogLevel ERROR\n",
            host_key.display(),
            dir.join("sshd.pid").display(),
            dir.join("authorized_keys").display(),
        ),
    )
    .unwrap();
    let child = Command::new(sshd)
        .arg("-D")
        .arg("-e")
        .arg("-f")
        .arg(&config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("sshd.log")).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "sshd did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Sshd {
        child,
        port,
        host_pub: host_key.with_extension("pub"),
    }
}

fn user() -> String {
    String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_owned()
}

struct Setup {
    _tmp: tempfile::TempDir,
    origin: Origin,
    sshd: Sshd,
    ssh_dir: PathBuf,
    root: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let ssh_dir = root.join("dot-ssh");
    std::fs::create_dir_all(&ssh_dir).unwrap();
    keygen(&ssh_dir.join("id_ed25519"));
    let server_dir = root.join("server");
    std::fs::create_dir_all(&server_dir).unwrap();
    let sshd = start_sshd(&server_dir, &ssh_dir.join("id_ed25519.pub"));
    Setup {
        _tmp: tmp,
        origin: Origin::demo(),
        sshd,
        ssh_dir,
        root,
    }
}

impl Setup {
    fn url(&self) -> String {
        format!(
            "ssh://{}@127.0.0.1:{}{}",
            user(),
            self.sshd.port,
            self.origin.path().display()
        )
    }

    fn desk(&self, name: &str, ssh_dir: &Path) -> Desk {
        Desk::open_with(
            &self.root.join(name),
            Connections {
                credentials: Box::new(SessionStore::default()),
                ssh_dir: Some(ssh_dir.to_path_buf()),
            },
        )
        .unwrap()
    }

    fn fingerprint(&self) -> String {
        let out = Command::new("ssh-keygen")
            .arg("-lf")
            .arg(&self.sshd.host_pub)
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_owned()
    }
}

#[test]
fn an_unknown_host_asks_then_clone_publish_and_sync_work_over_ssh() {
    let s = setup();
    let desk = s.desk("data", &s.ssh_dir);
    let dest = s.root.join("site");
    let never = AtomicBool::new(false);

    let err = desk
        .clone_site(&s.url(), &dest, |_| {}, &never)
        .unwrap_err();
    assert_eq!(err.code(), "unknown_host", "{err}");
    let key = err.report().host_key.expect("the key to ask about");
    assert_eq!(
        key.fingerprint,
        s.fingerprint(),
        "the fingerprint ssh-keygen shows"
    );
    assert_eq!((key.host.as_str(), key.port), ("127.0.0.1", s.sshd.port));
    assert!(err.to_string().contains(&key.fingerprint));
    assert!(!dest.exists());

    desk.trust_host(&key).unwrap();
    let mut progress = None;
    desk.clone_site(&s.url(), &dest, |p| progress = Some(p), &never)
        .unwrap();
    assert!(progress.is_some_and(|p| p.total_objects > 0));
    desk.set_identity(&desk::api::types::Identity {
        name: "Ann".into(),
        email: "ann@barents.example".into(),
    })
    .unwrap();

    let opened = desk.open_entry(&sync_support::path_key(ARTICLE)).unwrap();
    let mut body = opened.body.clone();
    body.content
        .as_mut()
        .unwrap()
        .push(sync_support::paragraph("Sent over SSH."));
    let ack = desk
        .save_draft(&desk::api::types::DraftInput {
            key: opened.key,
            collection: opened.collection,
            title: opened.title,
            fields: Default::default(),
            body,
        })
        .unwrap();
    let out = desk.publish(&ack.key).unwrap();
    assert!(out.pushed, "{:?}", out.push_error);
    assert!(
        git(&s.origin.path(), &["show", &format!("main:{ARTICLE}")]).contains("Sent over SSH.")
    );
    let report = desk.sync().unwrap();
    assert_eq!((report.fetched, report.waiting), (0, 0));
}

#[test]
fn a_changed_host_key_is_refused() {
    let s = setup();
    // known_hosts holds another key for this host and port: a man in the middle, or a
    // reinstalled server.
    let other = s.root.join("other_key");
    keygen(&other);
    let other_pub = std::fs::read_to_string(other.with_extension("pub")).unwrap();
    let mut parts = other_pub.split_whitespace();
    let line = format!(
        "[127.0.0.1]:{} {} {}\n",
        s.sshd.port,
        parts.next().unwrap(),
        parts.next().unwrap()
    );
    std::fs::write(s.ssh_dir.join("known_hosts"), line).unwrap();
    let desk = s.desk("data", &s.ssh_dir);
    let err = desk
        .clone_site(
            &s.url(),
            &s.root.join("site"),
            |_| {},
            &AtomicBool::new(false),
        )
        .unwrap_err();
    assert_eq!(err.code(), "host_key_changed", "{err}");
    assert!(err.to_string().contains("will not connect"));
    assert_eq!(err.report().host_key.unwrap().fingerprint, s.fingerprint());
    // and trusting it anyway through the API is refused too
    let key = err.report().host_key.unwrap();
    assert_eq!(
        desk.trust_host(&key).unwrap_err().code(),
        "host_key_changed"
    );
}

#[test]
fn a_key_the_server_does_not_accept_gives_a_clear_error() {
    let s = setup();
    let stranger = s.root.join("stranger-ssh");
    std::fs::create_dir_all(&stranger).unwrap();
    keygen(&stranger.join("id_ed25519"));
    let desk = s.desk("data", &stranger);
    let key = desk
        .probe_server(&s.url())
        .unwrap_err()
        .report()
        .host_key
        .unwrap();
    desk.trust_host(&key).unwrap();
    let err = desk
        .clone_site(
            &s.url(),
            &s.root.join("site"),
            |_| {},
            &AtomicBool::new(false),
        )
        .unwrap_err();
    assert_eq!(err.code(), "ssh_auth_failed", "{err}");
    assert!(err.to_string().contains("ssh-add"));
}
