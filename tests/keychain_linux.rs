//! The production credential store on Linux — the Secret Service, through the `keyring`
//! crate — end to end: GNOME Keyring runs in a private D-Bus session (its own HOME), `desk
//! login` stores a token, `desk clone` and `desk sync` use it against a smart-HTTP server with
//! basic auth, a wrong token is refused with a clear message, and the token is in no file the
//! app wrote and in no output.
#![cfg(target_os = "linux")]

mod sync_support;

use std::path::Path;
use std::process::Command;

use sync_support::http::GitHttp;
use sync_support::{Origin, git};

const TOKEN: &str = "glpat-Kárášjohka-7f3a9c";

/// Runs `script` (sh) inside a new D-Bus session with an unlocked GNOME Keyring.
fn in_keyring_session(home: &Path, script: &str) -> (bool, String, String) {
    for tool in ["dbus-run-session", "gnome-keyring-daemon"] {
        assert!(
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .unwrap()
                .status
                .success(),
            "{tool} is missing: run `cargo xtask setup` (Debian packages dbus-daemon, gnome-keyring)"
        );
    }
    let full = format!(
        "printf 'keyring-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || exit 90\n{script}"
    );
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &full])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .env("XDG_RUNTIME_DIR", home)
        .env("DESK", env!("CARGO_BIN_EXE_desk"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p)
                && bytes.windows(needle.len()).any(|w| w == needle)
            {
                hits.push(p.display().to_string());
            }
        }
    }
    hits
}

#[test]
fn a_token_in_the_secret_service_clones_and_syncs_and_is_never_written_to_a_file() {
    let origin = Origin::demo();
    let server = GitHttp::start(&origin.dir.path().join("demo"), Some(("ann", TOKEN)));
    let url = server.url("origin.git");
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let data = tmp.path().join("data");
    let site = tmp.path().join("site");

    let (ok, out, err) = in_keyring_session(
        &home,
        &format!(
            "printf '%s\\n' '{TOKEN}' | \"$DESK\" --data-dir '{d}' login --url '{url}' --user ann || exit 1\n\
             \"$DESK\" --data-dir '{d}' clone '{url}' '{s}' || exit 2\n\
             \"$DESK\" --data-dir '{d}' sync --site '{s}' || exit 3\n",
            d = data.display(),
            s = site.display(),
        ),
    );
    assert!(ok, "stdout: {out}\nstderr: {err}");
    assert!(out.contains("saved in the keychain"), "{out}");
    assert!(
        out.contains("cloned") && out.contains("pushed: no"),
        "{out}"
    );
    assert_eq!(
        git(&site, &["rev-parse", "HEAD"]),
        git(&origin.path(), &["rev-parse", "main"])
    );
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN));
    let leaked = [
        files_containing(&data, TOKEN.as_bytes()),
        files_containing(&site, TOKEN.as_bytes()),
    ]
    .concat();
    assert!(leaked.is_empty(), "the token is in {leaked:?}");
    // The keyring holds it — encrypted, in its own store.
    assert!(home.join("share/keyrings").is_dir());
    assert!(
        files_containing(&home, TOKEN.as_bytes()).is_empty(),
        "stored encrypted"
    );

    // A wrong token: refused, said so, and asked again.
    let (ok, out, err) = in_keyring_session(
        &home,
        &format!(
            "printf 'wrong-token\\n' | \"$DESK\" --data-dir '{d}' login --url '{url}' --user ann || exit 1\n\
             \"$DESK\" --data-dir '{d}' sync --site '{s}'\n",
            d = data.display(),
            s = site.display(),
        ),
    );
    assert!(!ok, "{out}");
    assert!(err.contains("refused the user name and password"), "{err}");
    assert!(!err.contains("wrong-token") && !out.contains("wrong-token"));
    assert!(server.refused_auth() >= 1);
}
