//! A translation made side by side in the real app: "+ RU" on an untranslated article starts
//! the Russian draft, the English original stands read-only beside it (a sandboxed frame, no
//! editor), the translator types a Cyrillic title in the editable side, and the entry list
//! marks the original's Russian version as a draft.

use desk_e2e::{Driver, artifacts, eval, find, screenshot, testid, wait_until};

const ORIGINAL: &str = "content/articles/sami-film-week-inari.md";
const RUSSIAN: &str = "content/articles/sami-film-week-inari.ru.md";

#[tokio::test(flavor = "multi_thread")]
async fn a_translation_is_written_beside_its_read_only_original() {
    let out = artifacts("translations");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    let row = format!("{}[data-path=\"{ORIGINAL}\"]", testid("entry-row"));
    wait_until(
        &client,
        "the original listed with its Russian version missing",
        &format!(
            "document.querySelector('{}')?.querySelector('[data-testid=\"translation-badge\"][data-language=\"ru\"]')?.dataset.state === 'missing'",
            row.replace('\'', "\\'")
        ),
    )
    .await;
    find(&client, &row)
        .await
        .click()
        .await
        .expect("open the original");
    find(&client, &testid("translation-ru"))
        .await
        .click()
        .await
        .expect("+ RU");
    wait_until(
        &client,
        "the Russian draft beside the read-only original",
        &format!(
            "document.querySelector('[data-testid=\"entry-row\"][aria-current=\"true\"]')?.dataset.path === '{RUSSIAN}' && document.querySelector('[data-testid=\"source-pane\"]')?.dataset.path === '{ORIGINAL}' && (document.querySelector('[data-testid=\"source-frame\"]')?.getAttribute('srcdoc') ?? '').includes('Sámi film week')"
        ),
    )
    .await;
    assert_eq!(
        eval(
            &client,
            "[document.querySelector('[data-testid=\"source-frame\"]').getAttribute('sandbox'), document.querySelector('[data-testid=\"source-pane\"] [contenteditable=\"true\"], [data-testid=\"source-pane\"] input') === null]"
        )
        .await,
        serde_json::json!(["", true]),
        "the original is a sandboxed frame with nothing to edit"
    );
    let title = find(&client, &testid("title-input")).await;
    title.clear().await.expect("clear the copied title");
    title
        .send_keys("Неделя саамского кино в Инари")
        .await
        .expect("a Cyrillic title");
    wait_until(
        &client,
        "the list marks the Russian version as a draft",
        &format!(
            "document.querySelector('{}')?.querySelector('[data-testid=\"translation-badge\"][data-language=\"ru\"]')?.dataset.state === 'draft' && document.querySelector('[data-testid=\"save-state\"]')?.dataset.saveState === 'saved'",
            row.replace('\'', "\\'")
        ),
    )
    .await;
    screenshot(&client, &out, "1-side-by-side").await;
    client.close().await.expect("end the session");
}
