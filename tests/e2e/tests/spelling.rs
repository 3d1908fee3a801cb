//! Spell checking in the editor (issue 7: "spell checking as the web view provides it"): a
//! misspelt word typed into an entry's text gets WebKit's red underline, a correctly spelt one
//! does not. Read from the window's own pixels: the band under each word in a screenshot.
//! Needs an English hunspell dictionary (`cargo xtask setup` installs hunspell-en-gb/-us).

use desk_e2e::{Driver, artifacts, eval, open_row, screenshot, wait_until};

const ENTRY: &str = "content/articles/winter-crossing-kirkenes.md";

/// How many clearly red pixels lie in the band just under the word with this id (the
/// underline), from a screenshot of the window.
fn red_under(png: &image::RgbaImage, rect: &serde_json::Value, scale: f64) -> usize {
    let n = |k: &str| rect[k].as_f64().expect("a rect") * scale;
    let (left, right, bottom) = (n("left"), n("right"), n("bottom"));
    let mut red = 0;
    for y in (bottom - 3.0 * scale).max(0.0) as u32..(bottom + 4.0 * scale) as u32 {
        for x in left.max(0.0) as u32..right as u32 {
            if x < png.width() && y < png.height() {
                let [r, g, b, _] = png.get_pixel(x, y).0;
                if r > 170 && g < 110 && b < 110 {
                    red += 1;
                }
            }
        }
    }
    red
}

#[tokio::test(flavor = "multi_thread")]
async fn a_misspelt_word_is_underlined_and_a_correct_one_is_not() {
    let out = artifacts("spelling");
    let driver = Driver::start(&out.join("data"), &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
    open_row(&client, ENTRY).await;
    // At the end of the first paragraph, where the window shows it (the checker marks the
    // paragraph being typed in).
    eval(
        &client,
        "(() => { const pm = document.querySelector('.ProseMirror'); pm.focus(); const s = getSelection(); s.selectAllChildren(pm.querySelector('p')); s.collapseToEnd(); return true; })()",
    )
    .await;
    client
        .active_element()
        .await
        .expect("the editor")
        .send_keys(" The river wordz and the bridge. ")
        .await
        .expect("type");
    // The checker marks a word once the caret has left it.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let rects = eval(
        &client,
        "(() => { const p = document.querySelector('.ProseMirror p'); const at = (w) => { const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); let t = walk.nextNode(); while (t && !t.data.includes(w + ' ')) t = walk.nextNode(); const i = t.data.lastIndexOf(w + ' '); const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + w.length); const b = r.getBoundingClientRect(); return { left: b.left, right: b.right, bottom: b.bottom }; }; return { wrong: at('wordz'), right: at('river'), scale: window.devicePixelRatio }; })()",
    )
    .await;
    let shot = screenshot(&client, &out, "spelling").await;
    let png = image::open(&shot).expect("the screenshot").to_rgba8();
    let scale = rects["scale"].as_f64().unwrap_or(1.0);
    let wrong = red_under(&png, &rects["wrong"], scale);
    let right = red_under(&png, &rects["right"], scale);
    assert!(
        wrong >= 10,
        "no red underline under the misspelt 'wordz' ({wrong} red pixels; see {})",
        shot.display()
    );
    assert!(
        right <= 2,
        "'river' is underlined as misspelt ({right} red pixels; see {})",
        shot.display()
    );
    client.close().await.expect("end the session");
}
