//! An existing entry full of things the editor does not model — Hugo shortcodes (a figure, a
//! paired `{{% note %}}` around Markdown, one inline in a sentence), a raw HTML block, inline
//! HTML, an HTML comment, a footnote — is opened in the real app from a site folder of its
//! own, one paragraph is edited by typing, and it is published. The witness is `git diff` on
//! the bare origin: exactly one line removed and one added, the edited paragraph.

use std::path::Path;

use desk_e2e::{Driver, artifacts, find, git, open_site_folder, screenshot, testid, wait_until};
use fantoccini::Client;
use fantoccini::key::Key;

const PATH: &str = "content/articles/herding-in-a-warming-winter.md";
const EDITED: &str = "The herders met in Guovdageaidnu in October.";
const TYPED: &str = " Ten families took part.";

const ARTICLE: &str = r#"---
title: Herding in a warming winter
date: 2026-10-01
author: Elle Márjá Eira
tags: [climate, Sámi]
lead: Rain on snow locks the lichen under ice. Herders and researchers compare notes.
custom_key: kept as it is
---

Reindeer herding families across Sápmi report more winters with rain on snow. The ice it leaves locks the lichen away, and the animals cannot dig through it.<sup>1</sup>

{{< figure src="/images/bridge-cables-over-estuary.jpg" alt="A herd of reindeer on a snowy slope" caption="Photo: the Eira family" >}}

The herders met in Guovdageaidnu in October.

{{% note %}}
This article is part of the **Arctic climate** series, with [maps](/maps/) and data.
{{% /note %}}

<div class="factbox">
  <h3>Facts</h3>
  <p>About 3,000 people in Norway own reindeer.</p>
</div>

The <abbr title="Barents Euro-Arctic Council">BEAC</abbr> working group on indigenous peoples follows the work, see {{< ref "other.md" >}} for the last report.[^1]

<!-- more -->

- lichen grows slowly
- supplementary feeding costs money

[^1]: Figures from the 2025 report of the Norwegian Agriculture Agency.
"#;

const SCHEMA: &str = r#"name = "Lossless test site"
languages = ["en"]

[[collections]]
id = "articles"
preset = "article"
label = "Articles"
singular = "article"
folder = "content/articles"
layout = "flat"
front_matter = "yaml"
"#;

/// A site repository with a bare origin, made with the git CLI (independent of the app).
fn make_site(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let origin = dir.join("origin.git");
    let site = dir.join("site");
    std::fs::create_dir_all(&site).expect("site folder");
    git(
        dir,
        &[
            "init",
            "--bare",
            "-b",
            "main",
            origin.to_str().expect("utf-8"),
        ],
    );
    git(&site, &["init", "-b", "main"]);
    for (path, text) in [
        (".desk/site.toml", SCHEMA),
        ("hugo.toml", "title = \"Lossless test site\"\n"),
        (PATH, ARTICLE),
    ] {
        let file = site.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("folders");
        std::fs::write(&file, text).expect("write");
    }
    // The figure's photo: a publish checks that pictures in the text exist in the site.
    let photo = site.join("static/images/bridge-cables-over-estuary.jpg");
    std::fs::create_dir_all(photo.parent().expect("parent")).expect("folders");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/demo-site/static/images/bridge-cables-over-estuary.jpg"),
        &photo,
    )
    .expect("copy the demo photo");
    git(&site, &["add", "-A"]);
    git(
        &site,
        &[
            "-c",
            "user.name=Site Admin",
            "-c",
            "user.email=admin@barents.example",
            "commit",
            "-qm",
            "The site",
        ],
    );
    git(
        &site,
        &["remote", "add", "origin", origin.to_str().expect("utf-8")],
    );
    git(&site, &["push", "-q", "origin", "main"]);
    git(&site, &["branch", "--set-upstream-to=origin/main"]);
    (site, origin)
}

async fn keys(client: &Client, text: &str) {
    client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type {text:?}: {e}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_edited_paragraph_is_the_whole_diff_around_shortcodes_and_raw_html() {
    let out = artifacts("lossless_edit");
    let data = out.join("data");
    let (site, origin) = make_site(&out);
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the app's first site",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 1",
    )
    .await;

    open_site_folder(&client, &site).await;
    let row = format!("{}[data-path=\"{PATH}\"]", testid("entry-row"));
    find(&client, &row)
        .await
        .click()
        .await
        .expect("open the entry");
    wait_until(
        &client,
        "the entry with its opaque blocks",
        &format!(
            "!!document.querySelector('.ProseMirror') && [...document.querySelectorAll('.ProseMirror p')].some(p => p.innerText === '{EDITED}')"
        ),
    )
    .await;
    screenshot(&client, &out, "1-opened").await;

    // The caret to the end of the one-line paragraph, by clicking it and pressing End.
    let paragraph = client
        .execute(
            &format!(
                "return [...document.querySelectorAll('.ProseMirror p')].find(p => p.innerText === '{EDITED}');"
            ),
            vec![],
        )
        .await
        .expect("find the paragraph");
    let id = paragraph
        .as_object()
        .and_then(|o| o.values().next())
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("the paragraph as a WebDriver element: {paragraph}"))
        .to_owned();
    let paragraph = fantoccini::elements::Element::from_element_id(
        client.clone(),
        fantoccini::elements::ElementRef::from(id),
    );
    paragraph.click().await.expect("click into the paragraph");
    keys(&client, &char::from(Key::End).to_string()).await;
    keys(&client, TYPED).await;
    wait_until(
        &client,
        "the autosave to finish",
        "document.querySelector('[data-testid=\"save-state\"]')?.dataset.saveState === 'saved'",
    )
    .await;
    screenshot(&client, &out, "2-edited").await;

    find(&client, &testid("publish-button"))
        .await
        .click()
        .await
        .expect("publish");
    wait_until(
        &client,
        "the identity dialog",
        "document.querySelector('[data-testid=\"identity-dialog\"]')?.open",
    )
    .await;
    find(&client, &testid("identity-name"))
        .await
        .send_keys("Elle Márjá Eira")
        .await
        .expect("name");
    find(&client, &testid("identity-email"))
        .await
        .send_keys("elle@barents.example")
        .await
        .expect("e-mail");
    find(&client, &testid("identity-save"))
        .await
        .click()
        .await
        .expect("save the name");
    wait_until(
        &client,
        "published",
        "document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState === 'published'",
    )
    .await;
    screenshot(&client, &out, "3-published").await;
    client.close().await.expect("end the session");
    drop(driver);

    // The witness: git on the bare origin.
    assert_eq!(
        git(&origin, &["rev-list", "--count", "main"]).trim(),
        "2",
        "one publish commit on top of the site's"
    );
    let numstat = git(&origin, &["diff", "--numstat", "main~1", "main"]);
    assert_eq!(
        numstat.trim(),
        format!("1\t1\t{PATH}"),
        "one line changed, in the one file"
    );
    let diff = git(&origin, &["diff", "--unified=0", "main~1", "main"]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect();
    assert_eq!(
        changed,
        [format!("-{EDITED}"), format!("+{EDITED}{TYPED}")],
        "the diff is the edited paragraph:\n{diff}"
    );
    let after = git(&origin, &["show", &format!("main:{PATH}")]);
    assert_eq!(
        after,
        ARTICLE.replace(EDITED, &format!("{EDITED}{TYPED}")),
        "every other byte as it was"
    );
}
