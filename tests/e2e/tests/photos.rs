//! The officer's scenario through the real app (issue 7, scenario 1): a new article with a
//! heading, a list, a link and two real photos — one dropped on the text, one pasted — each
//! with its alt text; saved, the app restarted (the photos come back as pictures the core
//! makes from the Markdown's `src`), published; then git on the bare origin shows one commit
//! with the Markdown holding both images and every responsive variant of both.
//!
//! What is simulated, honestly: WebDriver cannot make the operating system drag a file onto
//! the window, so the native drop path (Tauri's drag-drop event → `drops.rs` →
//! `import_dropped_images`, where the page never sees a path) is not exercised here. The
//! "dropped" photo is a DOM `drop` event whose DataTransfer holds the photo's bytes as a File
//! (the page-level path the editor takes when the web view hands it the files), and the
//! "pasted" one a `paste` event with the bytes as a clipboard File. From there on everything
//! is real: the editor's handlers, the IPC command, the core's import (decode, strip, resize,
//! encode, content-hash names), the alt text dialog, autosave, restart, publish, git.

use desk_e2e::{
    Driver, artifacts, click, eval, find, git, screenshot, testid, wait_saved, wait_until,
};
use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::json;

const DROPPED_ALT: &str = "Dandelions seeding by a gravel road near Kirkenes";
const PASTED_ALT: &str = "Steel cables of a suspension bridge above a wide estuary";

fn photo(path: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn type_keys(client: &Client, text: &str) {
    client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(text)
        .await
        .expect("type");
}

/// Puts the caret at the end of the text and gives the editor the focus.
async fn caret_at_end(client: &Client) {
    eval(
        client,
        "(() => { const el = document.querySelector('.ProseMirror'); el.scrollIntoView({ block: 'end' }); el.focus(); const r = document.createRange(); r.selectNodeContents(el.lastElementChild ?? el); r.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true; })()",
    )
    .await;
}

/// Answers the alt text dialog the import opens.
async fn describe(client: &Client, alt: &str) {
    wait_until(
        client,
        "the alt text dialog",
        "!!document.querySelector('[data-testid=\"alt-dialog\"]')",
    )
    .await;
    // The dialog does not let a picture in without a description.
    let disabled = eval(
        client,
        "document.querySelector('[data-testid=\"alt-insert\"]').disabled",
    )
    .await;
    assert_eq!(
        disabled, true,
        "Insert is disabled until the picture is described"
    );
    find(client, &testid("alt-input"))
        .await
        .send_keys(alt)
        .await
        .expect("alt text");
    click(client, "alt-insert").await;
    wait_until(
        client,
        "the picture in the text",
        &format!(
            "[...document.querySelectorAll('.ProseMirror .desk-image img')].some(i => i.alt === {alt:?} && i.src.startsWith('data:image/jpeg'))"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_article_with_a_dropped_and_a_pasted_photo_reaches_the_origin_with_its_variants() {
    let out = artifacts("photos");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;

    click(&client, "new-entry-articles").await;
    wait_until(
        &client,
        "an empty title",
        "document.querySelector('[data-testid=\"title-input\"]')?.value === ''",
    )
    .await;
    let title = find(&client, &testid("title-input")).await;
    title.click().await.expect("focus the title");
    title
        .send_keys("Spring comes to the Pasvik valley")
        .await
        .expect("title");

    // Heading, paragraph, list, link. (The text is below the form: scrolled to, as a person does.)
    eval(
        &client,
        "(() => { document.querySelector('.ProseMirror').scrollIntoView({ block: 'center' }); return true; })()",
    )
    .await;
    find(&client, ".ProseMirror")
        .await
        .click()
        .await
        .expect("focus the text");
    click(&client, "toolbar-h2").await;
    type_keys(
        &client,
        &format!("Seeds and bridges{}", char::from(Key::Enter)),
    )
    .await;
    type_keys(
        &client,
        &format!(
            "By late May the roadsides turn white.{}",
            char::from(Key::Enter)
        ),
    )
    .await;
    click(&client, "toolbar-bullet-list").await;
    type_keys(
        &client,
        &format!(
            "dandelions{}a new bridge{}{}",
            char::from(Key::Enter),
            char::from(Key::Enter),
            char::from(Key::Enter)
        ),
    )
    .await;
    type_keys(&client, "More from ").await;
    click(&client, "toolbar-link").await;
    find(&client, &testid("link-input"))
        .await
        .send_keys("/articles/youth-forum-lulea/")
        .await
        .expect("address");
    click(&client, "link-apply").await;
    wait_until(
        &client,
        "the link",
        "!!document.querySelector('.ProseMirror a[href=\"/articles/youth-forum-lulea/\"]')",
    )
    .await;
    type_keys(&client, " for more.").await;

    // Photo 1, dropped on the text (a DOM drop carrying the file; see the module docs).
    caret_at_end(&client).await;
    let dropped = photo("tests/fixtures/images/seeding-640.jpg");
    client
        .execute(
            "const bytes = new Uint8Array(arguments[0]); const file = new File([bytes], 'IMG_2041.jpg', { type: 'image/jpeg' }); const dt = new DataTransfer(); dt.items.add(file); const el = document.querySelector('.ProseMirror'); const last = el.lastElementChild.getBoundingClientRect(); const x = last.left + 5, y = last.top + last.height / 2; el.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt, clientX: x, clientY: y })); el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt, clientX: x, clientY: y })); return true;",
            vec![json!(dropped)],
        )
        .await
        .expect("drop the photo");
    describe(&client, DROPPED_ALT).await;

    // Photo 2, pasted from the clipboard.
    caret_at_end(&client).await;
    let pasted = photo("assets/demo-site/static/images/bridge-cables-over-estuary.jpg");
    client
        .execute(
            "const bytes = new Uint8Array(arguments[0]); const file = new File([bytes], 'image.jpg', { type: 'image/jpeg' }); const dt = new DataTransfer(); dt.items.add(file); const ev = new Event('paste', { bubbles: true, cancelable: true }); Object.defineProperty(ev, 'clipboardData', { value: dt }); document.querySelector('.ProseMirror').dispatchEvent(ev); return true;",
            vec![json!(pasted)],
        )
        .await
        .expect("paste the photo");
    describe(&client, PASTED_ALT).await;
    // Each photo sits alone in its paragraph, shown as a block-size picture.
    assert_eq!(
        eval(
            &client,
            "document.querySelectorAll('.ProseMirror p.image-alone .desk-image').length"
        )
        .await,
        2
    );
    wait_saved(&client).await;

    // The preview shows the real pictures (data: URLs the core made from the site's files).
    click(&client, "preview-toggle").await;
    wait_until(
        &client,
        "both pictures in the preview",
        "((document.querySelector('[data-testid=\"preview-frame\"]')?.getAttribute('srcdoc') ?? '').match(/<img src=\"data:image\\/jpeg;base64,/g) ?? []).length === 2",
    )
    .await;
    eval(
        &client,
        "(() => { document.querySelector('.ProseMirror .desk-image').scrollIntoView({ block: 'start' }); return true; })()",
    )
    .await;
    screenshot(&client, &out, "1-two-photos-with-preview").await;
    click(&client, "preview-toggle").await;
    client.close().await.expect("end the first session");

    // Restart: the draft comes back, its photos shown again from their Markdown src.
    let client = driver.launch().await;
    wait_until(
        &client,
        "the draft in the list",
        "[...document.querySelectorAll('[data-testid=\"entry-row\"]')].some(r => r.innerText.includes('Spring comes to the Pasvik valley'))",
    )
    .await;
    eval(
        &client,
        "(() => { [...document.querySelectorAll('[data-testid=\"entry-row\"]')].find(r => r.innerText.includes('Spring comes to the Pasvik valley')).click(); return true; })()",
    )
    .await;
    wait_until(
        &client,
        "both pictures after the restart",
        &format!(
            "(() => {{ const imgs = [...document.querySelectorAll('.ProseMirror .desk-image img')]; return imgs.length === 2 && imgs[0].alt === {DROPPED_ALT:?} && imgs[1].alt === {PASTED_ALT:?} && imgs.every(i => i.src.startsWith('data:image/jpeg') && i.naturalWidth > 0); }})()"
        ),
    )
    .await;
    eval(
        &client,
        "(() => { document.querySelector('.ProseMirror .desk-image').scrollIntoView({ block: 'start' }); return true; })()",
    )
    .await;
    screenshot(&client, &out, "2-after-restart").await;

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
    screenshot(&client, &out, "3-published").await;
    client.close().await.expect("end the second session");
    drop(driver);

    // The witness: git on the bare origin, one commit with the text and every variant.
    let origin = data.join("demo/origin.git");
    let files = git(&origin, &["show", "--name-only", "--format=%s", "main"]);
    let mut lines = files.lines();
    let subject = lines.next().unwrap_or_default();
    assert!(subject.starts_with("Publish article:"), "{files}");
    let changed: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    let article = changed
        .iter()
        .find(|l| l.starts_with("content/articles/") && l.ends_with(".md"))
        .unwrap_or_else(|| panic!("the article in the commit:\n{files}"));
    let md = git(&origin, &["show", &format!("main:{article}")]);
    for expected in [
        "## Seeds and bridges\n",
        "By late May the roadsides turn white.\n",
        "- dandelions\n- a new bridge\n",
        "More from [Young voices set the agenda in Luleå](/articles/youth-forum-lulea/) for more.\n",
    ] {
        assert!(md.contains(expected), "{expected:?} is not in:\n{md}");
    }
    // Both images, each alone in its paragraph, as plain Markdown with its alt text.
    let images: Vec<(&str, &str)> = md
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("![")?;
            let (alt, rest) = rest.split_once("](")?;
            Some((alt, rest.strip_suffix(')')?))
        })
        .collect();
    assert_eq!(
        images.iter().map(|(alt, _)| *alt).collect::<Vec<_>>(),
        [DROPPED_ALT, PASTED_ALT],
        "{md}"
    );
    for (alt, src) in &images {
        let name = src
            .strip_prefix("/images/")
            .unwrap_or_else(|| panic!("{src}"));
        let (hash, _) = name.split_once('-').expect("hash-width.jpg");
        assert_eq!(hash.len(), 16, "{name}");
        let mut variants: Vec<&str> = changed
            .iter()
            .copied()
            .filter(|f| f.starts_with(&format!("static/images/{hash}-")))
            .collect();
        variants.sort();
        // Never upscaled: the 640-pixel photo gets 480 and its own width, the 960 one 480 and 960.
        let widths = if *alt == DROPPED_ALT {
            ["480", "640"]
        } else {
            ["480", "960"]
        };
        let expected: Vec<String> = widths
            .iter()
            .flat_map(|w| ["jpg", "webp"].map(|ext| format!("static/images/{hash}-{w}.{ext}")))
            .collect();
        assert_eq!(variants, expected, "{alt}: {files}");
        assert!(
            changed.contains(&format!("static{src}").as_str()),
            "the src itself is committed: {src}"
        );
    }
}
