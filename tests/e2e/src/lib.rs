//! The harness for end-to-end tests: the real, built Barents Desk app, started by
//! tauri-driver (which runs WebKitWebDriver), driven over WebDriver with fantoccini.
//!
//! `cargo xtask e2e` builds the app, installs tauri-driver and runs these tests under Xvfb,
//! passing `DESK_E2E_APP`, `DESK_E2E_DRIVER` and `DESK_E2E_ARTIFACTS`. Run directly without
//! them and the tests fail with that instruction: they never skip.

use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// A git smart-HTTP server on loopback (`git http-backend` behind a small HTTP front), shared by
/// path with the core's sync tests: a real origin a scenario can stop (connection refused) and
/// start again on the same port.
#[path = "../../sync_support/http.rs"]
pub mod git_http;

/// axe-core run in the web view (wt-conflicts: for scenario views such as a sync conflict).
pub mod axe;

pub const WAIT: Duration = Duration::from_secs(20);

fn required_env(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => panic!(
            "{name} is not set. The end-to-end tests drive the built app; run them with `cargo xtask e2e` (or `cargo xtask test`), which builds the app, installs tauri-driver and starts Xvfb."
        ),
    }
}

/// A folder for one test's screenshots, logs and data, emptied at the start.
pub fn artifacts(test: &str) -> PathBuf {
    let dir = required_env("DESK_E2E_ARTIFACTS").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the artifacts folder");
    dir
}

/// tauri-driver on a private port pair, with the app's data folder set for every app it starts.
pub struct Driver {
    child: Child,
    port: u16,
    app: PathBuf,
}

impl Driver {
    pub fn start(data_dir: &Path, log_dir: &Path) -> Driver {
        Self::start_with_env(data_dir, log_dir, &[])
    }

    /// [`Driver::start`], with extra environment for every app it starts (a GTK theme...).
    pub fn start_with_env(data_dir: &Path, log_dir: &Path, env: &[(&str, &str)]) -> Driver {
        let app = required_env("DESK_E2E_APP");
        assert!(
            app.is_file(),
            "DESK_E2E_APP={} is not a built app",
            app.display()
        );
        let driver = required_env("DESK_E2E_DRIVER");
        if std::env::var_os("DISPLAY").is_none() && cfg!(target_os = "linux") {
            panic!(
                "no DISPLAY: the end-to-end tests need an X server; run them with `cargo xtask e2e` (it uses xvfb-run)"
            );
        }
        let port = free_port_pair();
        let log = |name: &str| std::fs::File::create(log_dir.join(name)).expect("log file");
        let child = Command::new(&driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &(port + 1).to_string(),
            ])
            .env("BARENTS_DESK_DATA_DIR", data_dir)
            .env("DESK_LOG", "info")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(log("tauri-driver.out.log"))
            .stderr(log("tauri-driver.err.log"))
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", driver.display()));
        let started = Instant::now();
        while TcpStream::connect(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)).is_err() {
            assert!(
                started.elapsed() < WAIT,
                "tauri-driver did not listen on port {port} within {WAIT:?}; see {}",
                log_dir.display()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port, app }
    }

    /// Starts the app on the demo site (`--demo`) in a new WebDriver session and waits until
    /// its page has loaded.
    pub async fn launch(&self) -> Client {
        self.launch_with(&["--demo"]).await
    }

    /// Starts the app as an installed app starts, without `--demo`: the last site used, else
    /// the Welcome screen.
    pub async fn launch_as_installed(&self) -> Client {
        self.launch_with(&[]).await
    }

    /// Starts the app with these command-line arguments.
    pub async fn launch_with(&self, args: &[&str]) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": self.app, "args": args }),
        );
        // Right after a session ends, WebKitWebDriver may still be tearing the old app down and
        // drop the next request; a new session is retried a few times, saying so.
        let mut attempt = 1;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await
            {
                Ok(client) => break client,
                Err(e) if attempt < 3 => {
                    eprintln!("new WebDriver session failed (attempt {attempt}): {e}; retrying");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("no WebDriver session with the app after {attempt} attempts: {e}"),
            }
        };
        let url = client
            .current_url()
            .await
            .expect("the page URL")
            .to_string();
        assert!(
            !url.starts_with("http://localhost"),
            "the app loaded {url}: this is a dev build that expects a dev server; build with the embedded UI"
        );
        client
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver and the app; SIGKILL would leave them.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port_pair() -> u16 {
    for _ in 0..50 {
        let a = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        let port = a.local_addr().expect("addr").port();
        if port < u16::MAX && TcpListener::bind((Ipv4Addr::LOCALHOST, port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no free pair of ports on 127.0.0.1");
}

/// `[data-testid="id"]`
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Waits for an element to be present.
pub async fn find(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element matches {css} within {WAIT:?}: {e}"))
}

/// Waits until a JavaScript expression is truthy; `what` says what was awaited.
/// Clicks the element with `data-testid` `id`.
pub async fn click(client: &Client, id: &str) {
    find(client, &testid(id))
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {id}: {e}"));
}

/// Opens the site folder `path` as a person does (wt-welcome): "Switch site…" in the
/// sidebar, the folder typed on the Welcome screen, Enter. Returns without waiting for the
/// site: the caller waits for what it expects (its entries, or an error on the screen).
pub async fn open_site_folder(client: &Client, path: &Path) {
    // The window's start must have finished: its answer would otherwise replace the Welcome
    // screen opened before it (the start-up race noted in the closing note).
    wait_until(
        client,
        "the first site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length > 0",
    )
    .await;
    click(client, "switch-site").await;
    wait_until(
        client,
        "the Welcome screen",
        "document.querySelector('[data-testid=\"welcome\"]')?.open",
    )
    .await;
    let input = find(client, &testid("site-path-input")).await;
    input.click().await.expect("focus the folder path");
    input
        .send_keys(&format!(
            "{}{}",
            path.display(),
            char::from(fantoccini::key::Key::Enter)
        ))
        .await
        .expect("type the folder");
}

/// Waits until the publish bar says the last autosave reached the store.
pub async fn wait_saved(client: &Client) {
    wait_until(
        client,
        "the autosave to finish",
        "document.querySelector('[data-testid=\"save-state\"]')?.dataset.saveState === 'saved'",
    )
    .await;
}

pub async fn wait_until(client: &Client, what: &str, expression: &str) {
    let started = Instant::now();
    let script = format!("return !!({expression});");
    loop {
        if let Ok(v) = client.execute(&script, vec![]).await
            && v.as_bool() == Some(true)
        {
            return;
        }
        if started.elapsed() > WAIT {
            let body = client
                .execute("return document.body.innerText.slice(0, 2000);", vec![])
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            panic!(
                "timed out after {WAIT:?} waiting for {what} ({expression}). The window shows:\n{body}"
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The value of a JavaScript expression.
pub async fn eval(client: &Client, expression: &str) -> serde_json::Value {
    client
        .execute(&format!("return ({expression});"), vec![])
        .await
        .unwrap_or_else(|e| panic!("evaluating {expression}: {e}"))
}

/// Saves a PNG of what the window shows now (after the next paint).
pub async fn screenshot(client: &Client, dir: &Path, name: &str) -> PathBuf {
    let _ = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await;
    // Without compositing (the app's choice on a machine without a GPU, src-tauri's
    // rendering.rs), WebKitWebDriver's screenshot waits for the window's next paint, which a
    // still page never makes: a speck the eye cannot see changes a few times while it waits.
    let _ = client
        .execute(
            "const s = document.createElement('div'); s.setAttribute('aria-hidden', 'true'); Object.assign(s.style, { position: 'fixed', left: '0', top: '0', width: '1px', height: '1px', pointerEvents: 'none' }); document.body.appendChild(s); [50, 150, 400, 1000].forEach((ms, i) => setTimeout(() => { s.style.background = i % 2 ? 'rgba(0,0,0,0.01)' : 'rgba(0,0,0,0.02)'; }, ms)); setTimeout(() => s.remove(), 1200); return true;",
            vec![],
        )
        .await;
    // WebKitWebDriver never gives up on a screenshot by itself: a minute, then a clear failure.
    let png = tokio::time::timeout(Duration::from_secs(60), client.screenshot())
        .await
        .unwrap_or_else(|_| panic!("no screenshot {name} within 60 s: the window never painted"))
        .expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write the screenshot");
    path
}

/// Runs git and returns stdout; panics with stderr on failure. The independent witness.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Clicks the row of the entry at `path` and waits until it is the open entry in the editor.
pub async fn open_row(client: &Client, path: &str) {
    find(
        client,
        &format!("{}[data-path=\"{path}\"]", testid("entry-row")),
    )
    .await
    .click()
    .await
    .expect("click the entry");
    wait_until(
        client,
        &format!("{path} open in the editor"),
        &format!(
            "document.querySelector('[data-testid=\"entry-row\"][aria-current=\"true\"]')?.dataset.path === '{path}' && document.querySelector('.ProseMirror') !== null"
        ),
    )
    .await;
}

/// Copies a folder tree (the demo site's files, for a test's own site).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A bare origin at `origin` made with the git CLI from the demo site's files (committed in
/// `seed`), the site renamed `site_name` so the window shows which site is open.
pub fn make_origin(origin: &Path, seed: &Path, site_name: &str) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo-site");
    copy_dir(&demo, seed);
    let schema = seed.join(".desk/site.toml");
    let text = std::fs::read_to_string(&schema).expect("the demo's schema");
    assert!(text.contains("name = \"Barents Demo Site\""), "{text}");
    std::fs::write(&schema, text.replace("Barents Demo Site", site_name)).expect("rename the site");
    git(seed, &["init", "-q", "-b", "main"]);
    git(seed, &["add", "-A"]);
    git(
        seed,
        &[
            "-c",
            "user.name=Site Admin",
            "-c",
            "user.email=admin@barents.example",
            "commit",
            "-q",
            "-m",
            "The site",
        ],
    );
    let status = Command::new("git")
        .args(["clone", "-q", "--bare"])
        .arg(seed)
        .arg(origin)
        .status()
        .expect("git clone --bare");
    assert!(status.success());
}
