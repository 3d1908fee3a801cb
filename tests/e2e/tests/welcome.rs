//! The Welcome screen through the real app, started as an installed app starts (no `--demo`):
//! a first start shows the Welcome screen instead of a site; a site is cloned from a bare
//! repository made here with the git CLI (`file://`), the progress runs to its end and the
//! site's entries are listed; the demo is opened, and the clone is found again under Recent
//! sites; after the clone's folder is moved away, the next start explains it, lists the site as
//! missing and removes it from the list. The git CLI is the witness of what was cloned.

use std::path::{Path, PathBuf};
use std::process::Command;

use desk_e2e::copy_dir;
use desk_e2e::{Driver, artifacts, click, eval, find, git, screenshot, testid, wait_until};
use fantoccini::Client;
use fantoccini::key::Key;

const SITE_NAME: &str = "Barents News (clone test)";

/// A copy of the demo site's files, committed with the git CLI, and a bare repository of it.
fn make_served_site(out: &Path) -> (PathBuf, PathBuf) {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo-site");
    let source = out.join("source");
    copy_dir(&assets, &source);
    let schema = source.join(".desk/site.toml");
    let text = std::fs::read_to_string(&schema).expect("the demo's schema");
    assert!(
        text.contains("name = \"Barents Demo Site\""),
        "the demo names itself"
    );
    std::fs::write(
        &schema,
        text.replace(
            "name = \"Barents Demo Site\"",
            &format!("name = \"{SITE_NAME}\""),
        ),
    )
    .unwrap();
    let run = |dir: &Path, args: &[&str]| {
        let out = Command::new("git")
            .current_dir(dir)
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(
        &source,
        &["-c", "init.defaultBranch=main", "init", "--quiet"],
    );
    run(&source, &["add", "--all"]);
    run(
        &source,
        &[
            "-c",
            "user.name=Welcome Test",
            "-c",
            "user.email=welcome@barents.example",
            "commit",
            "--quiet",
            "-m",
            "The site",
        ],
    );
    let bare = out.join("served.git");
    run(
        out,
        &[
            "clone",
            "--bare",
            "--quiet",
            source.to_str().unwrap(),
            bare.to_str().unwrap(),
        ],
    );
    (source, bare)
}

fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    if text.starts_with('/') {
        format!("file://{text}")
    } else {
        format!("file:///{text}")
    }
}

async fn wait_welcome(client: &Client, open: bool) {
    let expression = if open {
        "document.querySelector('[data-testid=\"welcome\"]')?.open === true"
    } else {
        "document.querySelector('[data-testid=\"welcome\"]')?.open === false"
    };
    let what = if open {
        "the Welcome screen"
    } else {
        "the Welcome screen to close"
    };
    wait_until(client, what, expression).await;
}

async fn wait_site(client: &Client, name: &str) {
    wait_until(
        client,
        &format!("the site {name} with its entries"),
        &format!(
            "document.querySelector('[data-testid=\"site-name\"]')?.innerText === {name:?} && document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6"
        ),
    )
    .await;
}

async fn type_into(client: &Client, id: &str, text: &str) {
    let input = find(client, &testid(id)).await;
    input
        .click()
        .await
        .unwrap_or_else(|e| panic!("focus {id}: {e}"));
    input
        .clear()
        .await
        .unwrap_or_else(|e| panic!("clear {id}: {e}"));
    input
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type into {id}: {e}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn first_start_clone_recent_sites_and_a_moved_site() {
    let out = artifacts("welcome");
    let data = out.join("data");
    let (_source, bare) = make_served_site(&out);
    let dest = out.join("clones/barents-news");
    let driver = Driver::start(&data, &out);

    // A first start, as installed: the Welcome screen, not a site, and nothing to go back to.
    let client = driver.launch_as_installed().await;
    wait_welcome(&client, true).await;
    assert_eq!(
        eval(
            &client,
            "document.querySelector('[data-testid=\"welcome-close\"]') === null"
        )
        .await,
        true,
        "a first start has no site to go back to"
    );
    assert_eq!(
        eval(
            &client,
            "document.querySelectorAll('[data-testid=\"entry-row\"]').length"
        )
        .await,
        0,
        "no site was opened silently"
    );
    assert_eq!(
        eval(&client, "document.activeElement?.dataset.testid").await,
        "site-path-input",
        "the focus is in the screen"
    );
    screenshot(&client, &out, "1-first-start").await;

    // Clone: the address suggests a folder, which can be changed.
    type_into(&client, "clone-url", &file_url(&bare)).await;
    wait_until(
        &client,
        "a folder suggested from the address",
        "document.querySelector('[data-testid=\"clone-dest\"]')?.value.includes('served')",
    )
    .await;
    type_into(&client, "clone-dest", dest.to_str().unwrap()).await;
    click(&client, "clone-button").await;
    wait_until(
        &client,
        "the clone's progress to finish",
        "document.querySelector('[data-testid=\"clone-progress\"]')?.dataset.state === 'done'",
    )
    .await;
    let events = eval(
        &client,
        "Number(document.querySelector('[data-testid=\"clone-progress\"]').dataset.events)",
    )
    .await;
    assert!(
        events.as_f64().unwrap_or(0.0) >= 1.0,
        "progress events reached the window: {events}"
    );
    assert_eq!(
        eval(
            &client,
            "document.querySelector('[data-testid=\"clone-progress\"] progress').value"
        )
        .await,
        1,
        "the bar is full"
    );
    wait_welcome(&client, false).await;
    wait_site(&client, SITE_NAME).await;
    screenshot(&client, &out, "2-cloned-site").await;
    assert_eq!(
        git(&dest, &["rev-parse", "HEAD"]),
        git(&bare, &["rev-parse", "HEAD"]),
        "the clone has the served commit"
    );
    assert_eq!(
        git(&dest, &["remote", "get-url", "origin"]).trim(),
        file_url(&bare),
        "the clone publishes back to where it came from"
    );

    // Switch site… -> the demo; Escape on the way back is tried first.
    click(&client, "switch-site").await;
    wait_welcome(&client, true).await;
    client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(&char::from(Key::Escape).to_string())
        .await
        .expect("press Escape");
    wait_welcome(&client, false).await;
    assert_eq!(
        eval(&client, "document.activeElement?.dataset.testid").await,
        "switch-site",
        "the focus goes back to the button that opened the screen"
    );
    click(&client, "switch-site").await;
    wait_welcome(&client, true).await;
    click(&client, "open-demo").await;
    wait_welcome(&client, false).await;
    wait_site(&client, "Barents Demo Site").await;

    // Back to the clone through Recent sites.
    click(&client, "switch-site").await;
    wait_welcome(&client, true).await;
    let row = format!(
        "{}[data-path={:?}]",
        testid("recent-site"),
        dest.to_string_lossy()
    );
    find(&client, &row).await;
    assert_eq!(
        eval(
            &client,
            "[...document.querySelectorAll('[data-testid=\"recent-site\"]')].map(r => r.querySelector('.recent-name').innerText)"
        )
        .await,
        serde_json::json!([SITE_NAME]),
        "the clone is the one recent site (the demo has its own button)"
    );
    screenshot(&client, &out, "3-recent-sites").await;
    find(&client, &row)
        .await
        .click()
        .await
        .expect("open the recent site");
    wait_welcome(&client, false).await;
    wait_site(&client, SITE_NAME).await;
    client.close().await.expect("end the first session");

    // The clone's folder is moved away: the next start says so and lists it as missing.
    let moved = out.join("clones/moved-away");
    std::fs::rename(&dest, &moved).unwrap();
    let client = driver.launch_as_installed().await;
    wait_welcome(&client, true).await;
    wait_until(
        &client,
        "the reason the last site did not open",
        "document.querySelector('[data-testid=\"welcome-notice\"]')?.innerText.includes('could not be opened again')",
    )
    .await;
    wait_until(
        &client,
        "the moved site listed as missing",
        &format!(
            "document.querySelector('{}')?.dataset.missing === 'true'",
            row.replace('\'', "\\'")
        ),
    )
    .await;
    screenshot(&client, &out, "4-missing-site").await;
    click(&client, "recent-remove").await;
    wait_until(
        &client,
        "the missing site removed from the list",
        "document.querySelectorAll('[data-testid=\"recent-site\"]').length === 0",
    )
    .await;
    assert!(
        moved.join(".git").exists(),
        "removing it from the list touched no folder"
    );
    client.close().await.expect("end the second session");
}
