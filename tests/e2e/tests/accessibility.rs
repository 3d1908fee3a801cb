//! Accessibility through the real app (issue 7): axe-core (the engine of the browsers'
//! accessibility checkers) runs inside the app's web view on each main view — the entry list,
//! an article, an interview and an event open with the preview, the revision history, the
//! trash, the calendar, the media library, search results and the Welcome screen — in the light theme and again in the dark one (GTK's dark variant,
//! which WebKitGTK reports as `prefers-color-scheme: dark`). Every WCAG 2.1 A/AA rule and
//! axe's best practices must pass: names and labels, roles, focus order, and colour contrast
//! measured on the rendered pixels' colours. A failure lists each rule, why, and where.

use std::path::Path;

use desk_e2e::{Driver, artifacts, click, eval, find, screenshot, testid, wait_until};
use fantoccini::Client;

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";
const INTERVIEW: &str = "content/interviews/asa-kuoljok-health-at-a-distance.md";
const EVENT: &str = "content/events/barents-culture-conference-tromso.md";

/// axe-core's browser build, from the UI's npm dependencies (`cargo xtask setup` installs it).
fn axe_source() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. axe-core is a dev dependency of ui/; run `cargo xtask setup` (or npm ci in ui/)",
            path.display()
        )
    })
}

/// Runs axe on the whole window and fails with every violation found, named by `view`.
async fn check(client: &Client, axe: &str, out: &Path, view: &str) {
    let loaded = eval(client, "typeof window.axe !== 'undefined'").await;
    if loaded.as_bool() != Some(true) {
        client
            .execute(&format!("{axe}\nreturn true;"), vec![])
            .await
            .expect("load axe-core into the web view");
    }
    // Caret blinking and transitions must not change colours under axe's feet.
    let script = r#"const done = arguments[arguments.length - 1];
        window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          resultTypes: ['violations'],
        }).then((r) => done({
          passes: r.passes.length,
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 6).map((n) => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\s+/g, ' ')),
          })),
        }), (e) => done({ error: String(e) }));"#;
    let result = client
        .execute_async(script, vec![])
        .await
        .expect("run axe-core");
    assert!(
        result.get("error").is_none(),
        "axe-core failed to run on {view}: {result}"
    );
    let shot = screenshot(client, out, &format!("axe-{view}")).await;
    let violations = result["violations"].as_array().cloned().unwrap_or_default();
    let passes = result["passes"].as_u64().unwrap_or(0);
    assert!(
        passes > 10,
        "axe-core checked almost nothing on {view}: {result}"
    );
    if !violations.is_empty() {
        let mut report = String::new();
        for v in &violations {
            report.push_str(&format!(
                "\n- {} ({}): {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?")
            ));
            for n in v["nodes"].as_array().into_iter().flatten() {
                report.push_str(&format!("\n    {}", n.as_str().unwrap_or("?")));
            }
        }
        panic!(
            "{} accessibility violation(s) on {view} (screenshot {}):{report}",
            violations.len(),
            shot.display()
        );
    }
    println!("{view}: {passes} axe rules pass, no violations");
}

async fn open_row(client: &Client, path: &str) {
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

/// Every main view of the window, checked one after the other in one app session.
async fn check_every_view(client: &Client, axe: &str, out: &Path, theme: &str) {
    wait_until(
        client,
        "the demo site's entries in the list",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
    check(client, axe, out, &format!("{theme}-list")).await;

    open_row(client, ARTICLE).await;
    click(client, "preview-toggle").await;
    wait_until(
        client,
        "the preview pane",
        "document.querySelector('iframe') !== null",
    )
    .await;
    check(client, axe, out, &format!("{theme}-article-with-preview")).await;

    open_row(client, INTERVIEW).await;
    check(client, axe, out, &format!("{theme}-interview")).await;

    open_row(client, EVENT).await;
    check(client, axe, out, &format!("{theme}-event")).await;

    click(client, "history-toggle").await;
    find(client, &testid("history-panel")).await;
    check(client, axe, out, &format!("{theme}-history")).await;
    click(client, "history-close").await;

    click(client, "open-trash").await;
    wait_until(
        client,
        "the trash drawer",
        "document.querySelector('[data-testid=\"trash-panel\"]') !== null",
    )
    .await;
    check(client, axe, out, &format!("{theme}-trash")).await;
    click(client, "trash-close").await;

    click(client, "open-calendar").await;
    find(client, "[role=\"dialog\"][aria-label=\"Calendar\"]").await;
    check(client, axe, out, &format!("{theme}-calendar")).await;
    click(client, "open-media").await;
    find(client, "[role=\"dialog\"][aria-label=\"Media library\"]").await;
    check(client, axe, out, &format!("{theme}-media")).await;
    click(client, "open-media").await;

    let search = find(client, &testid("entry-search")).await;
    search.click().await.expect("focus the search");
    search.send_keys("lule").await.expect("type a search");
    wait_until(
        client,
        "search hits",
        "document.querySelectorAll('[data-testid=\"search-hit\"]').length > 0",
    )
    .await;
    check(client, axe, out, &format!("{theme}-search")).await;
    wait_until(
        client,
        "the store's answer to the search",
        "document.querySelectorAll('[data-testid=\"search-hit\"]').length > 0 && document.querySelector('ul.stale') === null",
    )
    .await;
    check(client, axe, out, &format!("{theme}-search-answered")).await;

    // wt-welcome: the Welcome screen over the open site, and with a message in it.
    click(client, "switch-site").await;
    wait_until(
        client,
        "the Welcome screen",
        "document.querySelector('[data-testid=\"welcome\"]')?.open && document.querySelectorAll('[data-testid=\"recent-site\"]').length === 0",
    )
    .await;
    check(client, axe, out, &format!("{theme}-welcome")).await;
    click(client, "clone-button").await;
    find(client, &testid("clone-error")).await;
    check(client, axe, out, &format!("{theme}-welcome-message")).await;
    click(client, "welcome-close").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_passes_axe_in_the_light_and_the_dark_theme() {
    let axe = axe_source();
    let out = artifacts("accessibility");

    let light = Driver::start_with_env(&out.join("data-light"), &out, &[("GTK_THEME", "Adwaita")]);
    let client = light.launch().await;
    let dark = eval(
        &client,
        "matchMedia('(prefers-color-scheme: dark)').matches",
    )
    .await;
    assert_eq!(
        dark.as_bool(),
        Some(false),
        "GTK_THEME=Adwaita gives the light theme"
    );
    check_every_view(&client, &axe, &out, "light").await;
    client.close().await.expect("end the light session");
    drop(light);

    let dark_driver = Driver::start_with_env(
        &out.join("data-dark"),
        &out,
        &[("GTK_THEME", "Adwaita:dark")],
    );
    let client = dark_driver.launch().await;
    let dark = eval(
        &client,
        "matchMedia('(prefers-color-scheme: dark)').matches",
    )
    .await;
    assert_eq!(
        dark.as_bool(),
        Some(true),
        "GTK_THEME=Adwaita:dark makes the web view prefer the dark scheme"
    );
    check_every_view(&client, &axe, &out, "dark").await;
    client.close().await.expect("end the dark session");
}
