//! The walking skeleton through the real app: open the demo site, edit an article (body and
//! title), restart and find the edit again, publish (giving a name once), create and publish a
//! new article — then check with git, not through the app, that the bare origin has it all.
//! And the bad paths: a folder that is not a repository, a push that fails and is retried.

use desk_e2e::open_row;
use desk_e2e::{
    Driver, artifacts, click, eval, find, git, open_site_folder, screenshot, testid, wait_saved,
    wait_until,
};
use fantoccini::Client;
use fantoccini::key::Key;

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";
const TYPED: &str = "Typed through WebDriver: Barents e2e paragraph.";

async fn wait_for_entries(client: &Client) {
    wait_until(
        client,
        "the demo site's entries in the list",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
}

/// Places the caret at the end of the editor's text and types.
async fn type_at_end_of_body(client: &Client, text: &str) {
    // The text starts below the entry's form: bring it into view first, as a person scrolls.
    eval(
        client,
        "(() => { document.querySelector('.ProseMirror').scrollIntoView({ block: 'center' }); return true; })()",
    )
    .await;
    let editor = find(client, ".ProseMirror").await;
    editor.click().await.expect("focus the editor");
    eval(
        client,
        "(() => { const el = document.querySelector('.ProseMirror'); el.focus(); const r = document.createRange(); r.selectNodeContents(el); r.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true; })()",
    )
    .await;
    let editor = client.active_element().await.expect("the focused editor");
    editor
        .send_keys(&format!("{}{text}", char::from(Key::End)))
        .await
        .expect("type into the editor");
}

async fn publish_with_identity(client: &Client) {
    find(client, &testid("publish-button"))
        .await
        .click()
        .await
        .expect("click Publish");
    // The first publish asks for the name and e-mail that go into the site's history.
    wait_until(
        client,
        "the identity dialog or a publish result",
        "document.querySelector('[data-testid=\"identity-dialog\"]')?.open || document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState",
    )
    .await;
    let asked = eval(
        client,
        "!!document.querySelector('[data-testid=\"identity-dialog\"]')?.open",
    )
    .await;
    if asked.as_bool() == Some(true) {
        find(client, &testid("identity-name"))
            .await
            .send_keys("Ingrid Mäkelä")
            .await
            .expect("name");
        find(client, &testid("identity-email"))
            .await
            .send_keys("ingrid@barents.example")
            .await
            .expect("e-mail");
        find(client, &testid("identity-save"))
            .await
            .click()
            .await
            .expect("save identity");
    }
}

async fn wait_publish_state(client: &Client, state: &str) {
    wait_until(
        client,
        &format!("the publish state \"{state}\""),
        &format!("document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState === '{state}'"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn edit_restart_and_publish_reach_the_origin() {
    let out = artifacts("edit_restart_publish");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);

    // First start: the demo site is created and listed.
    let client = driver.launch().await;
    wait_for_entries(&client).await;
    open_row(&client, ARTICLE).await;
    let title = find(&client, &testid("title-input")).await;
    title.click().await.expect("focus the title");
    title
        .send_keys(&format!("{} (e2e)", char::from(Key::End)))
        .await
        .expect("type into the title");
    type_at_end_of_body(&client, &format!("{}{TYPED}", char::from(Key::Enter))).await;
    wait_saved(&client).await;
    screenshot(&client, &out, "1-edited").await;
    client.close().await.expect("end the first session");

    // Restart: the unpublished edit comes back from SQLite.
    let client = driver.launch().await;
    wait_for_entries(&client).await;
    let state = eval(
        &client,
        &format!("document.querySelector('[data-testid=\"entry-row\"][data-path=\"{ARTICLE}\"]').dataset.state"),
    )
    .await;
    assert_eq!(state, "modified", "the list shows the entry as edited");
    open_row(&client, ARTICLE).await;
    wait_until(
        &client,
        "the typed paragraph after restart",
        &format!("document.querySelector('.ProseMirror').innerText.includes({TYPED:?})"),
    )
    .await;
    let title_value = eval(
        &client,
        "document.querySelector('[data-testid=\"title-input\"]').value",
    )
    .await;
    assert!(
        title_value.as_str().unwrap_or_default().ends_with("(e2e)"),
        "title after restart: {title_value}"
    );

    // Publish, giving a name and e-mail once.
    publish_with_identity(&client).await;
    wait_publish_state(&client, "published").await;
    screenshot(&client, &out, "2-published").await;

    // A new article, published too (the name is not asked again).
    find(&client, &testid("new-entry-articles"))
        .await
        .click()
        .await
        .expect("new article");
    wait_until(
        &client,
        "an empty title for the new article",
        "document.querySelector('[data-testid=\"title-input\"]')?.value === ''",
    )
    .await;
    // Found after the switch: the previous entry's title field is gone.
    let title = find(&client, &testid("title-input")).await;
    title.click().await.expect("focus the title");
    title
        .send_keys("Arctic rail link e2e")
        .await
        .expect("title");
    type_at_end_of_body(
        &client,
        "A brand-new article written in the end-to-end test.",
    )
    .await;
    wait_saved(&client).await;
    find(&client, &testid("publish-button"))
        .await
        .click()
        .await
        .expect("publish the new article");
    wait_publish_state(&client, "published").await;
    let asked = eval(
        &client,
        "!!document.querySelector('[data-testid=\"identity-dialog\"]')?.open",
    )
    .await;
    assert_eq!(asked, false, "the name is asked once");
    screenshot(&client, &out, "3-new-article-published").await;
    client.close().await.expect("end the second session");
    drop(driver);

    // The witness: git on the bare origin.
    let origin = data.join("demo/origin.git");
    let edited = git(&origin, &["show", &format!("main:{ARTICLE}")]);
    assert!(
        edited.contains(TYPED),
        "the typed paragraph reached origin:\n{edited}"
    );
    assert!(
        edited.contains("(e2e)\n"),
        "the edited title reached origin"
    );
    let created = git(
        &origin,
        &["show", "main:content/articles/arctic-rail-link-e2e.md"],
    );
    assert!(
        created.contains("A brand-new article written in the end-to-end test."),
        "{created}"
    );
    let log = git(&origin, &["log", "--format=%an <%ae>|%s", "main"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "demo commit + two publishes:\n{log}");
    assert!(
        lines[0].starts_with(
            "Ingrid Mäkelä <ingrid@barents.example>|Publish article: Arctic rail link e2e"
        ),
        "{log}"
    );
    assert!(
        lines[1].starts_with("Ingrid Mäkelä <ingrid@barents.example>|Update article:"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_folders_and_failed_pushes_are_explained_and_lose_nothing() {
    let out = artifacts("bad_input");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_for_entries(&client).await;

    // A folder that is not a git repository.
    let plain = out.join("not-a-repo");
    std::fs::create_dir_all(&plain).unwrap();
    open_site_folder(&client, &plain).await;
    wait_until(&client, "an error about the folder", "document.querySelector('[data-testid=\"open-error\"]')?.innerText.includes('is not a git repository')").await;
    screenshot(&client, &out, "1-not-a-repository").await;
    // Nothing changed: back to the open site.
    click(&client, "welcome-close").await;
    wait_until(
        &client,
        "the Welcome screen to close",
        "!document.querySelector('[data-testid=\"welcome\"]')?.open",
    )
    .await;

    // The server goes away: the publish is committed locally and waits.
    let origin = data.join("demo/origin.git");
    let away = data.join("demo/origin-away.git");
    std::fs::rename(&origin, &away).unwrap();
    open_row(&client, ARTICLE).await;
    type_at_end_of_body(
        &client,
        &format!(
            "{}Written while the server was away.",
            char::from(Key::Enter)
        ),
    )
    .await;
    wait_saved(&client).await;
    publish_with_identity(&client).await;
    wait_publish_state(&client, "queued").await;
    wait_until(
        &client,
        "one change waiting",
        "document.querySelector('[data-testid=\"sync-state\"]')?.dataset.waiting === '1'",
    )
    .await;
    let text = eval(
        &client,
        "document.querySelector('[data-testid=\"publish-state\"]').innerText",
    )
    .await;
    assert!(
        text.as_str()
            .unwrap_or_default()
            .contains("will be sent at the next sync"),
        "publish state says: {text}"
    );
    screenshot(&client, &out, "2-waiting-to-sync").await;
    let site = data.join("demo/site");
    assert_eq!(
        git(&site, &["rev-list", "--count", "main"]).trim(),
        "2",
        "the commit is on this computer"
    );

    // The server is back: Retry sends it.
    std::fs::rename(&away, &origin).unwrap();
    find(&client, &testid("sync-now"))
        .await
        .click()
        .await
        .expect("retry");
    wait_until(
        &client,
        "nothing waiting",
        "document.querySelector('[data-testid=\"sync-state\"]')?.dataset.waiting === '0'",
    )
    .await;
    screenshot(&client, &out, "3-synced").await;
    client.close().await.expect("end the session");
    drop(driver);
    let file = git(&origin, &["show", &format!("main:{ARTICLE}")]);
    assert!(file.contains("Written while the server was away."));
    assert_eq!(
        git(&origin, &["rev-list", "--count", "main"]).trim(),
        "2",
        "sent once, no duplicate"
    );
}
