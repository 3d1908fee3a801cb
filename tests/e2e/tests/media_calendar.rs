//! The media library and the calendar in the real app: the demo's photo is listed with a
//! thumbnail the core made (a data: URL through IPC), found by its alt text and caption; the
//! calendar shows the demo's events on their days in month and agenda views; a pasted table
//! is checked line by line, becomes drafts that appear on the calendar as drafts, and a draft
//! dragged to another day moves there (checked in the app and in the store's answer).

use desk_e2e::{Driver, artifacts, click, eval, find, open_row, screenshot, testid, wait_until};
use fantoccini::Client;

/// The `end:` of every event in the demo site, as written in its front matter.
fn demo_event_ends() -> Vec<String> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/demo-site/content/events");
    let mut ends: Vec<String> = std::fs::read_dir(&folder)
        .expect("the demo's events")
        .flatten()
        .filter_map(|f| std::fs::read_to_string(f.path()).ok())
        .filter_map(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("end: ").map(|v| v.trim().to_owned()))
        })
        .collect();
    ends.sort();
    assert!(!ends.is_empty(), "the demo has events");
    ends
}

async fn count(client: &Client, css: &str) -> u64 {
    eval(
        client,
        &format!("document.querySelectorAll({css:?}).length"),
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

/// Sets a text field's value as typing would (Svelte listens to `input`).
async fn fill(client: &Client, css: &str, value: &str) {
    let script = format!(
        "(() => {{ const el = document.querySelector({css:?}); el.focus(); el.value = {value:?}; el.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()"
    );
    eval(client, &script).await;
}

/// Shows the month of `day` (YYYY-MM) in the calendar, stepping with the arrows.
async fn show_month(client: &Client, month: &str) {
    for _ in 0..24 {
        let shown = eval(
            client,
            // The 13th cell of the month grid always lies in the month shown.
            "document.querySelectorAll('[data-testid=\"calendar\"] [role=\"grid\"] [data-day]')[12]?.dataset.day ?? ''",
        )
        .await;
        let shown = shown.as_str().unwrap_or_default().to_owned();
        if shown.starts_with(month) {
            return;
        }
        let label = if shown.as_str() < month {
            "Next month"
        } else {
            "Previous month"
        };
        find(client, &format!("[aria-label=\"{label}\"]"))
            .await
            .click()
            .await
            .expect("step the month");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    panic!("the calendar never showed {month}");
}

#[tokio::test(flavor = "multi_thread")]
async fn media_library_and_calendar_in_the_real_app() {
    let out = artifacts("media_calendar");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;

    // wt-states: the buttons sit in the sidebar's top bar; with an entry open, with and without
    // the preview, none of them covers any part of the editor (or the publish bar).
    open_row(&client, "content/articles/youth-forum-lulea.md").await;
    for preview in [false, true] {
        if preview {
            click(&client, "preview-toggle").await;
            find(&client, "iframe").await;
        }
        let overlap = eval(
            &client,
            "(() => { const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; \
              const nav = document.querySelector('[data-testid=\"mediacal-nav\"]'); \
              const others = [document.querySelector('.ProseMirror'), document.querySelector('main .scroll'), document.querySelector('footer.bar')]; \
              if (!nav || others.some((o) => !o)) return 'missing'; \
              const buttons = [...nav.querySelectorAll('button')].map((b) => b.getBoundingClientRect()); \
              if (buttons.length < 3) return 'buttons: ' + buttons.length; \
              return others.some((o) => buttons.some((b) => hit(b, o.getBoundingClientRect()))) ? 'overlap' : 'clear'; })()",
        )
        .await;
        assert_eq!(
            overlap, "clear",
            "the calendar/media buttons and the editor (preview: {preview})"
        );
        assert_eq!(
            eval(
                &client,
                "!!document.querySelector('aside.sidebar [data-testid=\"mediacal-nav\"]')"
            )
            .await,
            true
        );
    }
    click(&client, "preview-toggle").await;
    screenshot(&client, &out, "0-buttons-in-the-sidebar").await;

    // The media library: the demo's photo, its thumbnail, search by alt text and caption.
    click(&client, "open-media").await;
    let photo =
        "[data-testid=\"media-item\"][data-path=\"static/images/bridge-cables-over-estuary.jpg\"]";
    find(&client, photo).await;
    wait_until(
        &client,
        "the photo's thumbnail from the core",
        &format!("document.querySelector('{photo} img')?.src.startsWith('data:image/jpeg;base64,') && document.querySelector('{photo} img').naturalWidth === 320"),
    )
    .await;
    let text = eval(
        &client,
        &format!("document.querySelector('{photo}').innerText"),
    )
    .await;
    let text = text.as_str().unwrap_or_default();
    assert!(text.contains("960 × 540"), "{text}");
    assert!(
        text.contains("winter-crossing-kirkenes"),
        "where it is used: {text}"
    );
    fill(&client, &testid("media-search"), "suspension estuary").await;
    wait_until(
        &client,
        "one match",
        "document.querySelectorAll('[data-testid=\"media-item\"]').length === 1",
    )
    .await;
    fill(&client, &testid("media-search"), "klootwijk").await;
    wait_until(
        &client,
        "a match by caption",
        "document.querySelectorAll('[data-testid=\"media-item\"]').length === 1",
    )
    .await;
    fill(&client, &testid("media-search"), "reindeer").await;
    wait_until(
        &client,
        "no match",
        "document.querySelectorAll('[data-testid=\"media-item\"]').length === 0",
    )
    .await;
    screenshot(&client, &out, "1-media-library").await;

    // The calendar: the demo's events on their days.
    click(&client, "open-calendar").await;
    find(&client, &testid("calendar")).await;
    show_month(&client, "2027-02").await;
    wait_until(
        &client,
        "the youth info day on 10 February",
        "[...document.querySelectorAll('[data-day=\"2027-02-10\"] [data-testid=\"calendar-event\"]')].some(e => e.innerText.includes('Youth exchange info day') && e.dataset.state === 'published')",
    )
    .await;
    screenshot(&client, &out, "2-calendar-month").await;
    // The agenda lists the demo's events that have not ended yet (the demo's dates are fixed,
    // so which ones depends on today), each in its own zone.
    let ends = demo_event_ends();
    let coming = eval(
        &client,
        &format!("{ends:?}.filter(end => Date.parse(end) > Date.now()).length"),
    )
    .await
    .as_u64()
    .expect("a count");
    click(&client, "calendar-agenda").await;
    wait_until(
        &client,
        &format!("{coming} coming demo events in the agenda"),
        &format!(
            "document.querySelector('[data-testid=\"agenda\"]') !== null && document.querySelectorAll('[data-testid=\"agenda-event\"]').length === {coming}"
        ),
    )
    .await;
    let agenda = eval(
        &client,
        "document.querySelector('[data-testid=\"calendar\"]').innerText",
    )
    .await;
    let agenda = agenda.as_str().unwrap_or_default();
    if coming == 0 {
        assert!(agenda.contains("No coming events."), "{agenda}");
    } else {
        assert!(
            agenda.contains(" time"),
            "times in the events' zones: {agenda}"
        );
    }
    screenshot(&client, &out, "3-calendar-agenda").await;

    // Many events at once: a pasted table, one bad line, two drafts, next year (always ahead).
    let year = eval(&client, "new Date().getFullYear() + 1")
        .await
        .as_u64()
        .expect("a year");
    click(&client, "open-batch").await;
    fill(
        &client,
        &testid("batch-text"),
        &format!("Youth café; {year}-03-24; 18:00–20:00; Kulturhuset, Luleå\nOpen day; {year}-03-26; ; Arktikum\nBroken; {year}-02-30; 10:00; Nowhere\n"),
    )
    .await;
    // The times are Stockholm's (the form offers the region's zones).
    eval(
        &client,
        "(() => { const s = document.querySelector('[data-testid=\"batch-zone\"]'); s.value = 'Europe/Stockholm'; s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()",
    )
    .await;
    click(&client, "batch-read").await;
    wait_until(
        &client,
        "two rows and one bad line",
        "document.querySelectorAll('[data-testid=\"batch-row\"]').length === 2 && document.querySelector('[data-testid=\"batch-errors\"]')?.innerText.includes('Line 3')",
    )
    .await;
    screenshot(&client, &out, "4-batch-preview").await;
    click(&client, "batch-create").await;
    wait_until(
        &client,
        "the drafts in the entry list",
        "[...document.querySelectorAll('[data-testid=\"entry-row\"]')].filter(r => r.innerText.includes('Youth café') || r.innerText.includes('Open day')).length === 2",
    )
    .await;

    // The drafts on the calendar, as drafts; one dragged from the 24th to the 31st.
    click(&client, "open-calendar").await;
    find(&client, &testid("calendar")).await;
    show_month(&client, &format!("{year}-03")).await;
    let cafe =
        format!("[data-day=\"{year}-03-24\"] [data-testid=\"calendar-event\"][data-state=\"new\"]");
    find(&client, &cafe).await;
    assert_eq!(
        count(
            &client,
            "[data-testid=\"calendar-event\"][data-state=\"new\"]"
        )
        .await,
        2
    );
    eval(
        &client,
        &format!(
            "(() => {{ const from = document.querySelector('{cafe}'); const to = document.querySelector('[data-day=\"{year}-03-31\"]'); const dt = new DataTransfer(); from.dispatchEvent(new DragEvent('dragstart', {{ bubbles: true, dataTransfer: dt }})); to.dispatchEvent(new DragEvent('dragover', {{ bubbles: true, cancelable: true, dataTransfer: dt }})); to.dispatchEvent(new DragEvent('drop', {{ bubbles: true, cancelable: true, dataTransfer: dt }})); return true; }})()"
        ),
    )
    .await;
    wait_until(
        &client,
        "the café on 31 March",
        &format!("[...document.querySelectorAll('[data-day=\"{year}-03-31\"] [data-testid=\"calendar-event\"]')].some(e => e.innerText.includes('Youth café'))"),
    )
    .await;
    assert_eq!(
        count(
            &client,
            &format!("[data-day=\"{year}-03-24\"] [data-testid=\"calendar-event\"]")
        )
        .await,
        0,
        "moved, not copied"
    );
    // After the change to summer time, still 18:00 in Stockholm.
    click(&client, "calendar-agenda").await;
    wait_until(
        &client,
        "the moved café in the agenda at 18:00",
        &format!("document.querySelector('[data-testid=\"agenda\"]')?.innerText.includes('31 March {year}, 18:00–20:00 Stockholm time')"),
    )
    .await;
    screenshot(&client, &out, "5-draft-moved").await;
    client.close().await.expect("end the session");
    drop(driver);
}
