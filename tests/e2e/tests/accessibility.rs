//! Accessibility through the real app (issue 7): axe-core (the engine of the browsers'
//! accessibility checkers) runs inside the app's web view on each main view — the entry list,
//! an article, an interview and an event open with the preview, the revision history, the
//! trash, the calendar, the media library, search results and the Welcome screen — in the light theme and again in the dark one (GTK's dark variant,
//! which WebKitGTK reports as `prefers-color-scheme: dark`). Every WCAG 2.1 A/AA rule and
//! axe's best practices must pass: names and labels, roles, focus order, and colour contrast
//! measured on the rendered pixels' colours. A failure lists each rule, why, and where.

use std::path::Path;

use desk_e2e::axe::{check, source as axe_source};
use desk_e2e::open_row;
use desk_e2e::{Driver, artifacts, click, eval, find, testid, wait_until};
use fantoccini::Client;

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";
const INTERVIEW: &str = "content/interviews/asa-kuoljok-health-at-a-distance.md";
const EVENT: &str = "content/events/barents-culture-conference-tromso.md";

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
