//! Issue 7, proof scenario 3, through the real app: the site's origin is a real git server on
//! loopback (`git http-backend` behind a small HTTP front). The server is stopped (connection
//! refused), a new interview is written with the keyboard and published: the window says it is
//! queued and offline, and git shows the commit here and not on the server. "Sync now" while
//! the server is away says so and keeps it; the app is restarted while queued (the outbox is
//! git: the commit and the "waiting" stay). The server comes back on the same port, the user
//! presses "Sync now", the window says all is published — and git on the bare origin shows the
//! interview's Markdown with the typed text, in one commit. A second test leaves it to the
//! outbox loop: the change goes out by itself and the window follows.

use std::net::TcpStream;
use std::path::Path;
use std::process::Command;

use desk_e2e::git_http::GitHttp;
use desk_e2e::make_origin;
use desk_e2e::{
    Driver, artifacts, click, eval, find, git, open_site_folder, screenshot, testid, wait_saved,
    wait_until,
};
use fantoccini::Client;
use fantoccini::key::Key;

const SITE_NAME: &str = "Barents Offline Test Site";
const TITLE: &str = "Niillas Somby: a radio for the tundra";
const INTERVIEWEE: &str = "Niillas Somby";
const QUESTION: &str = "Why radio, and why now?";
const ANSWER: &str =
    "Typed while the server was down: the tundra has no signal, but it has a radio.";

/// Does the bare origin have `path` on main? (`git cat-file -e`, status only.)
fn origin_has(origin: &Path, path: &str) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(origin)
        .args(["cat-file", "-e", &format!("main:{path}")])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("git runs")
        .success()
}

async fn text_of(client: &Client, id: &str) -> String {
    eval(
        client,
        &format!("document.querySelector('[data-testid=\"{id}\"]')?.innerText ?? ''"),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .trim()
    .to_owned()
}

async fn wait_for_site(client: &Client) {
    wait_until(
        client,
        "the test site open with its entries",
        &format!(
            "document.querySelector('[data-testid=\"site-name\"]')?.innerText === {SITE_NAME:?} && document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6"
        ),
    )
    .await;
}

async fn wait_waiting(client: &Client, n: u32) {
    wait_until(
        client,
        &format!("{n} change(s) waiting in the publish bar"),
        &format!(
            "document.querySelector('[data-testid=\"sync-state\"]')?.dataset.waiting === '{n}'"
        ),
    )
    .await;
}

/// wt-states: the list row of `path` says `label` (its state `state`); waits for it, since the
/// list is read again after a publish or a sync.
async fn wait_row_state(client: &Client, path: &str, state: &str, label: &str) {
    wait_until(
        client,
        &format!("the row of {path} to say {label:?}"),
        &format!(
            "(() => {{ const r = document.querySelector('[data-testid=\"entry-row\"][data-path=\"{path}\"]'); return !!r && r.dataset.state === '{state}' && r.querySelector('.state')?.innerText.trim() === {label:?}; }})()"
        ),
    )
    .await;
}

/// Types into whatever has the focus.
async fn type_keys(client: &Client, text: &str) {
    client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(text)
        .await
        .expect("type");
}

/// A site whose origin is a bare repository served over HTTP on loopback, cloned with git.
struct Served {
    origin: std::path::PathBuf,
    site: std::path::PathBuf,
    served: std::path::PathBuf,
    server: GitHttp,
    port: u16,
    /// origin's main before the test publishes anything.
    base: String,
}

impl Served {
    fn new(out: &Path) -> Served {
        let served = out.join("served");
        let origin = served.join("site.git");
        make_origin(&origin, &out.join("seed"), SITE_NAME);
        let base = git(&origin, &["rev-parse", "main"]).trim().to_owned();
        // The site, cloned over HTTP from the loopback server: that URL is its origin.
        let server = GitHttp::start(&served, None);
        let port = server.port();
        let url = server.url("site.git");
        let site = out.join("site");
        let status = Command::new("git")
            .args(["clone", "-q", &url])
            .arg(&site)
            .status()
            .expect("git clone");
        assert!(status.success(), "clone {url}");
        assert_eq!(git(&site, &["remote", "get-url", "origin"]).trim(), url);
        Served {
            origin,
            site,
            served,
            server,
            port,
            base,
        }
    }

    /// Stops the server: its port refuses connections.
    fn take_down(&mut self) {
        self.server.stop();
        assert!(
            TcpStream::connect(("127.0.0.1", self.port)).is_err(),
            "port {} still accepts connections after the server stopped",
            self.port
        );
    }

    /// A new server for the same repositories on the same port.
    fn bring_back(&mut self) {
        self.server = GitHttp::start_on(&self.served, None, self.port);
    }

    /// The files this computer's commits changed since `base`, checking there is one commit.
    fn one_local_commit(&self) -> String {
        assert_eq!(
            git(
                &self.site,
                &["rev-list", "--count", &format!("{}..main", self.base)]
            )
            .trim(),
            "1",
            "one local commit"
        );
        let changed = git(&self.site, &["diff", "--name-only", &self.base, "main"]);
        let files: Vec<&str> = changed.lines().collect();
        assert_eq!(files.len(), 1, "the commit touches one file: {changed}");
        let path = files[0].to_owned();
        assert!(
            path.starts_with("content/interviews/") && path.ends_with(".md"),
            "{path}"
        );
        path
    }

    /// The witness once synced: origin's main is this computer's one commit, touching only
    /// `path`, whose text holds everything typed.
    fn assert_origin_has(&self, path: &str, typed: &[&str]) {
        let published = git(&self.origin, &["show", &format!("main:{path}")]);
        for t in typed {
            assert!(
                published.contains(t),
                "{t:?} is not in origin's {path}:\n{published}"
            );
        }
        assert_eq!(
            git(
                &self.origin,
                &["rev-list", "--count", &format!("{}..main", self.base)]
            )
            .trim(),
            "1",
            "one commit reached the server"
        );
        assert_eq!(
            git(&self.origin, &["rev-parse", "main"]),
            git(&self.site, &["rev-parse", "main"]),
            "the server has this computer's commit, not a copy"
        );
        assert_eq!(
            git(&self.origin, &["show", "--name-only", "--format=", "main"]).trim(),
            path,
            "the commit touches only the interview"
        );
        let log = git(
            &self.origin,
            &["log", "-1", "--format=%an <%ae>|%s", "main"],
        );
        assert!(
            log.starts_with("Elle Márjá Eira <elle@barents.example>|Publish interview: "),
            "{log}"
        );
    }
}

/// The app opens its demo first; the test site is opened as a user does, by its folder.
async fn open_site(client: &Client, site: &Path) {
    open_site_folder(client, site).await;
    wait_for_site(client).await;
    wait_waiting(client, 0).await;
    assert_eq!(text_of(client, "sync-state").await, "All published");
}

/// A new interview, written with the keyboard: title, interviewee, a question and an answer.
async fn write_interview(client: &Client, title: &str, question: &str, answer: &str) {
    click(client, "new-entry-interviews").await;
    wait_until(
        client,
        "an empty interview form",
        "document.querySelector('[data-testid=\"title-input\"]')?.value === '' && !!document.querySelector('[data-testid=\"field-interviewee\"]')",
    )
    .await;
    let field = find(client, &testid("title-input")).await;
    field.click().await.expect("focus the title");
    field.send_keys(title).await.expect("type the title");
    find(client, &testid("field-interviewee"))
        .await
        .send_keys(INTERVIEWEE)
        .await
        .expect("type the interviewee");
    eval(
        client,
        "(() => { document.querySelector('.ProseMirror').scrollIntoView({ block: 'center' }); return true; })()",
    )
    .await;
    find(client, ".ProseMirror")
        .await
        .click()
        .await
        .expect("focus the text");
    type_keys(
        client,
        &format!("{question}{}{answer}", char::from(Key::Enter)),
    )
    .await;
    wait_saved(client).await;
}

/// Publish: the name is asked once, then the change is committed here and waits.
async fn publish_queued(client: &Client) {
    click(client, "publish-button").await;
    wait_until(
        client,
        "the identity dialog",
        "document.querySelector('[data-testid=\"identity-dialog\"]')?.open",
    )
    .await;
    find(client, &testid("identity-name"))
        .await
        .send_keys("Elle Márjá Eira")
        .await
        .expect("name");
    find(client, &testid("identity-email"))
        .await
        .send_keys("elle@barents.example")
        .await
        .expect("e-mail");
    click(client, "identity-save").await;
    wait_until(
        client,
        "the publish to be queued",
        "document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState === 'queued'",
    )
    .await;
    wait_waiting(client, 1).await;
    let publish_text = text_of(client, "publish-state").await;
    assert_eq!(
        publish_text, "Queued: it will be sent at the next sync.",
        "the publish bar's message"
    );
    assert_offline(client, "after the publish").await;
}

/// The sync line says offline with one change waiting, and its tooltip gives the server's reason.
async fn assert_offline(client: &Client, when: &str) {
    let sync_text = text_of(client, "sync-state").await;
    assert_eq!(
        sync_text, "Offline · 1 change waiting to sync",
        "{when}, the sync line"
    );
    let hint = eval(
        client,
        "document.querySelector('[data-testid=\"sync-state\"]').title",
    )
    .await;
    assert!(
        hint.as_str()
            .unwrap_or_default()
            .contains("Connection refused"),
        "{when}, the sync line's tooltip: {hint}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_interview_published_offline_waits_in_git_and_reaches_the_origin_when_it_is_back() {
    let out = artifacts("offline_interview");
    let mut served = Served::new(&out);
    let driver = Driver::start(&out.join("data"), &out);
    let client = driver.launch().await;
    open_site(&client, &served.site).await;

    served.take_down();
    write_interview(&client, TITLE, QUESTION, ANSWER).await;
    publish_queued(&client).await;
    screenshot(&client, &out, "1-queued").await;

    // git: one new commit here, touching only the interview; the server does not have it.
    let path = served.one_local_commit();
    let local = git(&served.site, &["show", &format!("main:{path}")]);
    assert!(local.contains(ANSWER), "{local}");
    assert_eq!(
        git(&served.origin, &["rev-parse", "main"]).trim(),
        served.base
    );
    assert!(
        !origin_has(&served.origin, &path),
        "the server has {path} already"
    );
    // wt-states: the list and the entry's header say it waits, not that it is published.
    wait_row_state(&client, &path, "queued", "Waiting to sync").await;
    assert_eq!(
        eval(
            &client,
            "document.querySelector('[data-testid=\"entry-state\"]')?.dataset.state ?? null"
        )
        .await,
        "queued",
        "the entry's header"
    );

    // "Sync now" while the server is still away: it says so, keeps the change, and can be
    // pressed again.
    click(&client, "sync-now").await;
    wait_until(
        &client,
        "the sync attempt to end",
        "document.querySelector('[data-testid=\"sync-now\"]')?.innerText.trim() === 'Sync now' && !document.querySelector('[data-testid=\"sync-now\"]').disabled",
    )
    .await;
    wait_waiting(&client, 1).await;
    assert_offline(&client, "after a sync while the server is away").await;
    assert_eq!(
        eval(
            &client,
            "!!document.querySelector('[data-testid=\"error-banner\"]')"
        )
        .await,
        false,
        "being offline is a state shown in the bar, not an error to dismiss"
    );
    assert_eq!(
        served.one_local_commit(),
        path,
        "the failed sync kept the commit"
    );

    // Restart while queued: the outbox is git, so the change still waits.
    client.close().await.expect("end the first session");
    // As installed (no --demo): the last site, the served one, is reopened.
    let client = driver.launch_as_installed().await;
    wait_for_site(&client).await;
    wait_waiting(&client, 1).await;
    assert_offline(&client, "after a restart").await;
    wait_row_state(&client, &path, "queued", "Waiting to sync").await;
    assert_eq!(
        served.one_local_commit(),
        path,
        "the commit is still here after the restart"
    );
    screenshot(&client, &out, "2-queued-after-restart").await;

    // The server is back on the same port; the user asks for a sync. (The outbox also retries
    // by itself, every few seconds with backoff: `the_outbox_sends_by_itself…` below.)
    served.bring_back();
    click(&client, "sync-now").await;
    wait_waiting(&client, 0).await;
    wait_until(
        &client,
        "\"All published\" in the publish bar",
        "document.querySelector('[data-testid=\"sync-state\"]')?.innerText.trim() === 'All published'",
    )
    .await;
    wait_row_state(&client, &path, "published", "Published").await;
    screenshot(&client, &out, "3-synced").await;
    client.close().await.expect("end the second session");
    drop(driver);

    // The witness: git on the bare origin has the interview, in exactly one new commit.
    served.assert_origin_has(&path, &[TITLE, INTERVIEWEE, QUESTION, ANSWER]);
}

/// The outbox loop retries on its own: with the server back and nobody pressing anything, the
/// queued publish goes out and the window follows it (from "Queued" to "Published", from
/// "Offline" to "All published") without a restart.
#[tokio::test(flavor = "multi_thread")]
async fn the_outbox_sends_by_itself_when_the_server_is_back_and_the_window_follows() {
    let out = artifacts("offline_outbox");
    let mut served = Served::new(&out);
    let driver = Driver::start(&out.join("data"), &out);
    let client = driver.launch().await;
    open_site(&client, &served.site).await;

    served.take_down();
    let (title, question, answer) = (
        "Kirsti Paltto: writing in three alphabets",
        "Which alphabet first?",
        "Written offline and sent by the outbox, with nobody pressing Sync.",
    );
    write_interview(&client, title, question, answer).await;
    publish_queued(&client).await;
    let path = served.one_local_commit();
    assert!(!origin_has(&served.origin, &path));
    wait_row_state(&client, &path, "queued", "Waiting to sync").await;

    served.bring_back();
    let started = std::time::Instant::now();
    // The loop looks every 5 s; after one failure its backoff waits 5 s more.
    let mut synced = false;
    while started.elapsed() < std::time::Duration::from_secs(60) {
        let state = eval(
            &client,
            "[document.querySelector('[data-testid=\"sync-state\"]')?.innerText.trim(), document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState]",
        )
        .await;
        if state == serde_json::json!(["All published", "published"]) {
            synced = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(
        synced,
        "the window still says {:?} / {:?} a minute after the server came back",
        text_of(&client, "sync-state").await,
        text_of(&client, "publish-state").await
    );
    eprintln!(
        "the outbox sent it {:?} after the server came back",
        started.elapsed()
    );
    assert_eq!(
        text_of(&client, "publish-state").await,
        "Published: sent to the site’s server."
    );
    wait_row_state(&client, &path, "published", "Published").await;
    screenshot(&client, &out, "1-sent-by-the-outbox").await;
    client.close().await.expect("end the session");
    drop(driver);
    served.assert_origin_has(&path, &[title, INTERVIEWEE, question, answer]);
}
