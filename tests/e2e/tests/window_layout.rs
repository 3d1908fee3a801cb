//! The window's layout survives a restart: the entry list's width set with the keyboard on its
//! splitter, and the window's size, are back as they were when the app starts again with the
//! same data folder (where the core keeps `window-layout.json`).

use std::time::Duration;

use desk_e2e::{Driver, artifacts, eval, find, screenshot, testid, wait_until};
use fantoccini::key::Key;

async fn sidebar_width(client: &fantoccini::Client) -> f64 {
    eval(
        client,
        "document.querySelector('.app').firstElementChild.getBoundingClientRect().width",
    )
    .await
    .as_f64()
    .expect("a width")
}

#[tokio::test(flavor = "multi_thread")]
async fn pane_width_and_window_size_are_remembered_across_a_restart() {
    let out = artifacts("window_layout");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
    assert_eq!(sidebar_width(&client).await, 300.0, "the default width");
    // Shift+→ four times on the focused splitter: 64 px each.
    let splitter = find(&client, &testid("splitter-sidebar")).await;
    let grow = format!("{}{}", char::from(Key::Shift), char::from(Key::Right));
    for _ in 0..4 {
        splitter.send_keys(&grow).await.expect("widen the list");
    }
    wait_until(
        &client,
        "the wider list",
        "document.querySelector('.app').firstElementChild.getBoundingClientRect().width === 556",
    )
    .await;
    client
        .set_window_size(1100, 700)
        .await
        .expect("resize the window");
    // The geometry is written once the window has been still for 400 ms.
    let file = data.join("window-layout.json");
    let started = std::time::Instant::now();
    loop {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains("\"sidebar\": 556") && text.contains("\"width\"") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the layout was not saved: {text}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let size = client.get_window_size().await.expect("the window size");
    assert_eq!(size, (1100, 700), "the window took the new size");
    screenshot(&client, &out, "1-before-restart").await;
    client.close().await.expect("end the session");

    let client = driver.launch().await;
    wait_until(
        &client,
        "the entries again",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
    wait_until(
        &client,
        "the remembered width of the list",
        "document.querySelector('.app').firstElementChild.getBoundingClientRect().width === 556",
    )
    .await;
    assert_eq!(
        client.get_window_size().await.expect("the window size"),
        size,
        "the window has the size it had"
    );
    screenshot(&client, &out, "2-after-restart").await;
    client.close().await.expect("end the session");
}
