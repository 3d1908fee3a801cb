//! The editor as a writer uses it, through the real app: a new article written with the
//! toolbar (a heading, bold text, a bullet list, an internal link chosen in the link form — a
//! wrong address warned about first), its form filled (lead, tags as chips, author), the
//! preview opened, then published — and the committed Markdown read with git from the bare
//! origin. Screenshots of each stage are kept for a person to judge the UI.

use desk_e2e::open_row;
use desk_e2e::{
    Driver, artifacts, click, eval, find, git, screenshot, testid, wait_saved, wait_until,
};
use fantoccini::Client;
use fantoccini::key::Key;

const LINKED: &str = "content/articles/youth-forum-lulea.md";

/// Types into whatever has the focus (the editor keeps it while toolbar buttons are clicked).
async fn type_keys(client: &Client, text: &str) {
    client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(text)
        .await
        .expect("type");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_article_written_with_the_toolbar_and_form_reaches_the_origin_as_markdown() {
    let out = artifacts("editor_toolbar_form");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
    screenshot(&client, &out, "0-window").await;

    // Search finds entries as one types, ignoring accents (Luleå), best match first.
    let search = find(&client, &testid("entry-search")).await;
    search.send_keys("lulea").await.expect("search");
    wait_until(
        &client,
        "a Luleå entry as the first search hit, every hit with its match marked",
        "(() => { const hits = [...document.querySelectorAll('[data-testid=\"search-hit\"]')]; return hits.length >= 1 && /Lule|Лулео/.test(hits[0].innerText) && hits.every(h => h.querySelector('mark')); })()",
    )
    .await;
    screenshot(&client, &out, "1-search").await;
    search
        .send_keys(&char::from(Key::Escape).to_string())
        .await
        .expect("clear the search");

    click(&client, "new-entry-articles").await;
    wait_until(
        &client,
        "an empty title and the form",
        "document.querySelector('[data-testid=\"title-input\"]')?.value === '' && !!document.querySelector('[data-testid=\"field-lead\"]')",
    )
    .await;
    let title = find(&client, &testid("title-input")).await;
    title.click().await.expect("focus the title");
    title
        .send_keys("Midnight sun over Vardø")
        .await
        .expect("title");
    find(&client, &testid("field-lead"))
        .await
        .send_keys("Writers from four countries met at the easternmost town of Norway.")
        .await
        .expect("lead");
    let tags = find(
        &client,
        "[data-testid=\"entry-form\"] input[role=\"combobox\"]",
    )
    .await;
    tags.click().await.expect("focus the tags");
    tags.send_keys(&format!(
        "culture{}Sámi literature{}",
        char::from(Key::Enter),
        char::from(Key::Enter)
    ))
    .await
    .expect("tags");
    find(&client, &testid("field-author"))
        .await
        .send_keys("Ingrid Mäkelä")
        .await
        .expect("author");

    // The body, with the toolbar.
    find(&client, ".ProseMirror")
        .await
        .click()
        .await
        .expect("focus the text");
    click(&client, "toolbar-h2").await;
    type_keys(
        &client,
        &format!("Three nights of readings{}", char::from(Key::Enter)),
    )
    .await;
    type_keys(&client, "The festival had ").await;
    click(&client, "toolbar-bold").await;
    type_keys(&client, "no programme at all").await;
    click(&client, "toolbar-bold").await;
    type_keys(
        &client,
        &format!(", only a list of names.{}", char::from(Key::Enter)),
    )
    .await;
    click(&client, "toolbar-bullet-list").await;
    type_keys(
        &client,
        &format!(
            "readings in North Sámi{}translations into Russian{}{}",
            char::from(Key::Enter),
            char::from(Key::Enter),
            char::from(Key::Enter)
        ),
    )
    .await;
    type_keys(&client, "Last year it was ").await;

    // An internal link: a wrong address is warned about, then an entry of the site is chosen.
    click(&client, "toolbar-link").await;
    let link = find(&client, &testid("link-input")).await;
    link.send_keys("/articles/youth-forum-lule/")
        .await
        .expect("a wrong address");
    wait_until(
        &client,
        "a warning about the address",
        "document.querySelector('[data-testid=\"link-warning\"]')?.innerText.includes('/articles/youth-forum-lule/')",
    )
    .await;
    screenshot(&client, &out, "2-link-warning").await;
    link.clear().await.expect("clear the address");
    link.send_keys("/articles/youth-forum-lulea/")
        .await
        .expect("the right address");
    // Apply, not Enter: Enter first takes the highlighted completion of the address list.
    click(&client, "link-apply").await;
    wait_until(
        &client,
        "the entry's title inserted as a link",
        "!!document.querySelector('.ProseMirror a[href=\"/articles/youth-forum-lulea/\"]')",
    )
    .await;
    type_keys(&client, " in Luleå.").await;
    wait_saved(&client).await;

    let words = eval(
        &client,
        "Number(document.querySelector('[data-testid=\"text-stats\"]')?.dataset.words ?? 0)",
    )
    .await;
    assert!(
        words.as_f64().unwrap_or_default() >= 30.0,
        "the word count follows the text: {words}"
    );

    // The preview: the core's sanitised HTML in a sandboxed frame.
    click(&client, "preview-toggle").await;
    wait_until(
        &client,
        "the preview with the heading",
        "(document.querySelector('[data-testid=\"preview-frame\"]')?.getAttribute('srcdoc') ?? '').includes('<h2>Three nights of readings</h2>')",
    )
    .await;
    assert_eq!(
        eval(
            &client,
            "document.querySelector('[data-testid=\"preview-frame\"]').getAttribute('sandbox')"
        )
        .await,
        ""
    );
    assert_eq!(
        eval(
            &client,
            "document.querySelector('[data-testid=\"preview-frame\"]').contentDocument === null"
        )
        .await,
        true,
        "the window cannot reach into the preview (no same-origin)"
    );
    screenshot(&client, &out, "3-written-with-preview").await;
    click(&client, "preview-toggle").await;

    // Publish, giving a name once.
    click(&client, "publish-button").await;
    wait_until(
        &client,
        "the identity dialog",
        "document.querySelector('[data-testid=\"identity-dialog\"]')?.open",
    )
    .await;
    find(&client, &testid("identity-name"))
        .await
        .send_keys("Ingrid Mäkelä")
        .await
        .expect("name");
    find(&client, &testid("identity-email"))
        .await
        .send_keys("ingrid@barents.example")
        .await
        .expect("e-mail");
    click(&client, "identity-save").await;
    wait_until(
        &client,
        "published",
        "document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState === 'published'",
    )
    .await;
    screenshot(&client, &out, "4-published").await;
    client.close().await.expect("end the session");
    drop(driver);

    // The witness: git on the bare origin.
    let origin = data.join("demo/origin.git");
    let changed = git(&origin, &["show", "--name-only", "--format=%s", "main"]);
    let path = changed
        .lines()
        .find(|l| l.starts_with("content/articles/") && l.ends_with(".md"))
        .unwrap_or_else(|| panic!("an article in the last commit:\n{changed}"))
        .to_owned();
    let md = git(&origin, &["show", &format!("main:{path}")]);
    for expected in [
        "title: Midnight sun over Vardø\n",
        "lead: Writers from four countries met at the easternmost town of Norway.\n",
        "author: Ingrid Mäkelä\n",
        "## Three nights of readings\n",
        "The festival had **no programme at all**, only a list of names.\n",
        "- readings in North Sámi\n- translations into Russian\n",
        "Last year it was [Young voices set the agenda in Luleå](/articles/youth-forum-lulea/) in Luleå.\n",
    ] {
        assert!(
            md.contains(expected),
            "{expected:?} is not in {path}:\n{md}"
        );
    }
    assert!(
        md.contains("culture") && md.contains("Sámi literature"),
        "the tags are in the front matter:\n{md}"
    );
    assert!(
        git(&origin, &["show", &format!("main:{LINKED}")]).contains("title:"),
        "the linked entry exists on the site"
    );
}

const EVENT: &str = "content/events/barents-culture-conference-tromso.md";
const INTERVIEW: &str = "content/interviews/asa-kuoljok-health-at-a-distance.md";

/// Sets a date-time field the way the calendar picker beside it does (a change event).
async fn pick(client: &Client, id: &str, value: &str) {
    eval(
        client,
        &format!(
            "(() => {{ const el = document.querySelector('[data-testid=\"{id}\"]'); el.value = '{value}'; el.dispatchEvent(new Event('change', {{ bubbles: true }})); return true; }})()"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_event_s_zone_and_times_are_checked_at_the_field_and_an_interview_has_questions() {
    let out = artifacts("editor_event_interview");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;

    // The interview: its questions are question blocks, and the toolbar has the button.
    open_row(&client, INTERVIEW).await;
    wait_until(
        &client,
        "question blocks",
        "document.querySelectorAll('.ProseMirror p.question').length >= 3 && !!document.querySelector('[data-testid=\"toolbar-question\"]')",
    )
    .await;
    screenshot(&client, &out, "1-interview").await;

    // The event: an end before the start is shown at the field and in the publish bar.
    open_row(&client, EVENT).await;
    assert_eq!(
        eval(
            &client,
            "document.querySelector('[data-testid=\"toolbar-question\"]') === null"
        )
        .await,
        true,
        "no question button outside interviews"
    );
    find(&client, "[data-testid=\"entry-form\"] summary")
        .await
        .click()
        .await
        .expect("unfold the details");
    assert_eq!(
        eval(
            &client,
            "document.querySelector('[data-testid=\"field-start\"]').value"
        )
        .await,
        "2026-12-03 10:00"
    );
    pick(&client, "field-end", "2026-12-02T09:00").await;
    wait_until(
        &client,
        "a problem at the end field, counted in the bar",
        "!!document.querySelector('[data-testid=\"problems-toggle\"]') && !!document.querySelector('[data-testid=\"field-problems-end\"]')",
    )
    .await;
    click(&client, "problems-toggle").await;
    screenshot(&client, &out, "2-end-before-start").await;
    find(&client, "[data-testid=\"problem\"][data-field=\"end\"]")
        .await
        .click()
        .await
        .expect("click the problem");
    wait_until(
        &client,
        "the caret in the end field",
        "document.activeElement === document.querySelector('[data-testid=\"field-end\"]')",
    )
    .await;
    pick(&client, "field-end", "2026-12-04T16:00").await;
    // Another zone: the times keep their wall clock and get Helsinki's offset.
    find(&client, &testid("field-timezone"))
        .await
        .select_by_value("Europe/Helsinki")
        .await
        .expect("choose Helsinki");
    wait_until(
        &client,
        "no problems left",
        "!document.querySelector('[data-testid=\"problems-toggle\"]')",
    )
    .await;
    wait_saved(&client).await;
    screenshot(&client, &out, "3-event-fixed").await;
    click(&client, "publish-button").await;
    wait_until(
        &client,
        "the identity dialog",
        "document.querySelector('[data-testid=\"identity-dialog\"]')?.open",
    )
    .await;
    find(&client, &testid("identity-name"))
        .await
        .send_keys("Aleksi Intern")
        .await
        .expect("name");
    find(&client, &testid("identity-email"))
        .await
        .send_keys("aleksi@barents.example")
        .await
        .expect("e-mail");
    click(&client, "identity-save").await;
    wait_until(
        &client,
        "published",
        "document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState === 'published'",
    )
    .await;
    client.close().await.expect("end the session");
    drop(driver);

    let origin = data.join("demo/origin.git");
    let md = git(&origin, &["show", &format!("main:{EVENT}")]);
    for expected in [
        "start: 2026-12-03T10:00:00+02:00\n",
        "end: 2026-12-04T16:00:00+02:00\n",
        "timezone: Europe/Helsinki\n",
    ] {
        assert!(
            md.contains(expected),
            "{expected:?} is not in {EVENT}:\n{md}"
        );
    }
    let diff = git(&origin, &["diff", "main~1", "main", "--stat", "--", EVENT]);
    assert!(
        diff.contains("3 insertions(+), 3 deletions(-)") || diff.contains("3 +++---"),
        "only the three changed lines: {diff}"
    );
}
