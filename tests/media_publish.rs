//! Publishing an entry with images: the image files the text and the image fields use (every
//! size of the import) go into the same commit as the text, and reach the origin (the git CLI
//! as witness); an image without alt text, or one whose file is not in the site, stops the
//! publish with a problem at the body or the field, and nothing is committed.

mod common;
mod media_support;

use std::sync::atomic::AtomicBool;

use common::{git, path_key};
use desk::Error;
use desk::api::types::{DraftInput, EntryKey, ImportReport};
use desk::markdown::DocNode;
use media_support::*;

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";

fn import(site: &Site, key: &EntryKey) -> ImportReport {
    let report = site
        .world
        .desk
        .import_images(
            key,
            &[fixture("seeding-640.jpg")],
            &|_| {},
            &AtomicBool::new(false),
        )
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report
}

/// The entry's body with one more paragraph holding an image node, as the editor inserts it.
fn with_image(body: &DocNode, src: &str, alt: &str) -> DocNode {
    let mut json = serde_json::to_value(body).unwrap();
    let paragraph = serde_json::json!({
        "type": "paragraph",
        "content": [
            {"type": "text", "text": "Dandelions by the road: "},
            {"type": "image", "attrs": {"src": src, "alt": alt, "title": null}}
        ]
    });
    json["content"].as_array_mut().unwrap().push(paragraph);
    serde_json::from_value(json).unwrap()
}

fn save(site: &Site, path: &str, body: DocNode) -> EntryKey {
    let doc = site.world.desk.open_entry(&path_key(path)).unwrap();
    site.world
        .desk
        .save_draft(&DraftInput {
            key: doc.key.clone(),
            collection: doc.collection.clone(),
            title: doc.title.clone(),
            fields: Default::default(),
            body,
        })
        .unwrap()
        .key
}

fn changed_files(repo: &std::path::Path, commit: &str) -> Vec<String> {
    let mut files: Vec<String> = git(repo, &["show", "--name-only", "--format=", commit])
        .lines()
        .map(str::to_owned)
        .collect();
    files.sort();
    files
}

#[test]
fn a_publish_commits_the_text_and_every_size_of_its_images_together() {
    let site = Site::new();
    site.world.identify();
    let report = import(&site, &path_key(ARTICLE));
    let image = &report.images[0];
    let doc = site.world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let key = save(
        &site,
        ARTICLE,
        with_image(&doc.body, &image.src, "Dandelion clocks in the grass"),
    );
    let outcome = site.world.desk.publish(&key).unwrap();
    assert!(outcome.pushed, "{:?}", outcome.push_error);

    let mut expected: Vec<String> = image.variants.iter().map(|v| v.path.clone()).collect();
    expected.push(ARTICLE.to_owned());
    expected.sort();
    assert_eq!(expected.len(), 5, "four sizes and formats, and the text");
    let origin = site.world.origin();
    assert_eq!(changed_files(&origin, "main"), expected);
    // The committed bytes are the files the import wrote.
    for v in &image.variants {
        let committed = std::process::Command::new("git")
            .arg("-C")
            .arg(&origin)
            .args(["show", &format!("main:{}", v.path)])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(committed, std::fs::read(site.file(&v.path)).unwrap());
    }
    let text = git(&origin, &["show", &format!("main:{ARTICLE}")]);
    assert!(
        text.contains(&format!("![Dandelion clocks in the grass]({})", image.src)),
        "{text}"
    );
    assert_eq!(git(&site.root(), &["status", "--porcelain"]), "");

    // Publishing again (the images unchanged) commits only the text.
    let doc = site.world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let key = site
        .world
        .desk
        .save_draft(&DraftInput {
            key: doc.key.clone(),
            collection: doc.collection.clone(),
            title: format!("{} (updated)", doc.title),
            fields: Default::default(),
            body: doc.body.clone(),
        })
        .unwrap()
        .key;
    let again = site.world.desk.publish(&key).unwrap();
    assert_eq!(changed_files(&origin, &again.commit), [ARTICLE]);
}

#[test]
fn an_image_without_alt_text_stops_the_publish_at_the_body_and_keeps_the_draft() {
    let site = Site::new();
    site.world.identify();
    let report = import(&site, &path_key(ARTICLE));
    let doc = site.world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let body = with_image(&doc.body, &report.images[0].src, "");
    let key = save(&site, ARTICLE, body.clone());
    let head = git(&site.root(), &["rev-parse", "HEAD"]);

    let err = site.world.desk.publish(&key).unwrap_err();
    let Error::Invalid { problems, .. } = &err else {
        panic!("expected a refusal with problems, got {err}");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "body");
    assert!(
        problems[0].message.contains("no description (alt text)")
            && problems[0].message.contains(&report.images[0].src),
        "{}",
        problems[0].message
    );
    assert_eq!(err.report().problems.as_deref(), Some(problems.as_slice()));
    assert_eq!(
        git(&site.root(), &["rev-parse", "HEAD"]),
        head,
        "nothing committed"
    );
    // The draft is as it was: nothing the user typed is lost.
    let reopened = site.world.desk.open_entry(&key).unwrap();
    assert_eq!(reopened.body.normalized(), body.normalized());
    // The image files stay in the work tree, uncommitted, for the next try.
    assert!(site.file(&report.images[0].variants[0].path).is_file());
}

#[test]
fn a_cover_without_alt_and_a_missing_file_are_problems_at_their_fields() {
    let site = Site::new();
    site.world.identify();
    let root = site.root();
    // A cover that names an image the site does not have, and no alt text for it, written
    // into the published file (as another editor's commit would).
    let file = root.join(ARTICLE);
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen(
        "draft: false\n",
        "draft: false\ncover: /images/not-here.jpg\n",
        1,
    );
    std::fs::write(&file, text).unwrap();
    git(&root, &["commit", "-qam", "cover by hand"]);
    site.world.desk.open_site(&root).unwrap();
    let doc = site.world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let key = save(
        &site,
        ARTICLE,
        with_image(&doc.body, "gone/photo.jpg", "A photo"),
    );

    let err = site.world.desk.publish(&key).unwrap_err();
    let Error::Invalid { problems, .. } = err else {
        panic!("expected a refusal with problems");
    };
    let at = |field: &str| -> Vec<&str> {
        problems
            .iter()
            .filter(|p| p.field == field)
            .map(|p| p.message.as_str())
            .collect()
    };
    let cover = at("cover");
    assert_eq!(cover.len(), 2, "{problems:?}");
    assert!(
        cover
            .iter()
            .any(|m| m.contains("no description (alt text)"))
    );
    assert!(
        cover
            .iter()
            .any(|m| m.contains("“/images/not-here.jpg” in cover is not in the site"))
    );
    assert_eq!(
        at("body"),
        [
            "The image “gone/photo.jpg” in the text is not in the site. Insert the picture again, or remove it."
        ]
    );
}

#[test]
fn the_demo_site_has_no_missing_images_and_its_article_publishes() {
    let site = Site::new();
    site.world.identify();
    let check = site.world.desk.media_check().unwrap();
    assert_eq!(check.missing, [], "every image the demo refers to exists");
    assert_eq!(check.without_alt, []);
    assert!(
        check
            .images
            .iter()
            .any(|i| i.path == "static/images/bridge-cables-over-estuary.jpg"
                && i.used_by == ["content/articles/winter-crossing-kirkenes.md"]),
        "{:?}",
        check.images
    );
    let article = "content/articles/winter-crossing-kirkenes.md";
    let doc = site.world.desk.open_entry(&path_key(article)).unwrap();
    let key = site
        .world
        .desk
        .save_draft(&DraftInput {
            key: doc.key.clone(),
            collection: doc.collection.clone(),
            title: "A harbour that never sleeps, all winter".into(),
            fields: Default::default(),
            body: doc.body.clone(),
        })
        .unwrap()
        .key;
    let outcome = site.world.desk.publish(&key).unwrap();
    // The photo was already committed with the demo: only the text changes.
    assert_eq!(changed_files(&site.root(), &outcome.commit), [article]);
}
