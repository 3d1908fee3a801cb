//! Images of existing entries as the editor gets them, against the demo site in a real git
//! repository: the demo article's figure shortcode opens as an editable image with its
//! caption, its picture comes back as a `data:` JPEG resolved against the entry, the preview
//! shows the real picture, an edited caption changes only that line of the committed file, and
//! an image without alt text read from existing Markdown stops the publish at the body.

mod common;

use common::{World, git, path_key};
use desk::Error;
use desk::api::types::{DraftInput, EntryKey};
use desk::markdown::DocNode;

const ARTICLE: &str = "content/articles/winter-crossing-kirkenes.md";
const PHOTO: &str = "/images/bridge-cables-over-estuary.jpg";

fn images(node: &DocNode) -> Vec<DocNode> {
    let mut out = Vec::new();
    if node.node_type == "image" {
        out.push(node.clone());
    }
    for c in node.children() {
        out.extend(images(c));
    }
    out
}

fn set_image_attr(node: &mut DocNode, key: &str, value: serde_json::Value) {
    if node.node_type == "image" {
        node.attrs
            .as_mut()
            .unwrap()
            .insert(key.into(), value.clone());
        node.attrs
            .as_mut()
            .unwrap()
            .insert("source".into(), serde_json::Value::Null);
    }
    for c in node.content.iter_mut().flatten() {
        set_image_attr(c, key, value.clone());
    }
}

fn draft(key: &EntryKey, collection: &str, title: &str, body: DocNode) -> DraftInput {
    DraftInput {
        key: key.clone(),
        collection: collection.into(),
        title: title.into(),
        fields: Default::default(),
        body,
    }
}

#[test]
fn the_demo_figure_opens_as_an_editable_picture_and_its_caption_edit_is_one_line() {
    let world = World::new();
    world.identify();
    let doc = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let found = images(&doc.body);
    assert_eq!(found.len(), 1, "{:?}", doc.body);
    let figure = &found[0];
    assert_eq!(figure.attr_str("src"), Some(PHOTO));
    assert_eq!(figure.attr_str("shortcode"), Some("figure"));
    assert_eq!(
        figure.attr_str("caption"),
        Some("Photo: Sander Klootwijk, CC BY-SA 4.0")
    );
    assert!(figure.attr_str("alt").unwrap().starts_with("Steel cables"));

    // The picture, resolved against the entry: a JPEG data URL no wider than 960 pixels.
    let picture = world.desk.image_preview(&doc.key, PHOTO).unwrap();
    assert!(picture.data_url.starts_with("data:image/jpeg;base64,"));
    assert_eq!(picture.path, "static/images/bridge-cables-over-estuary.jpg");
    assert_eq!((picture.width, picture.height), (960, 540));

    // The preview shows the real picture in a figure with its caption.
    let input = draft(&doc.key, &doc.collection, &doc.title, doc.body.clone());
    let html = world.desk.preview(&input).unwrap();
    assert!(html.contains("<figure>"), "{html}");
    assert!(
        html.contains("<figcaption>Photo: Sander Klootwijk, CC BY-SA 4.0</figcaption>"),
        "{html}"
    );
    assert!(
        html.contains(&format!("src=\"{}\"", picture.data_url)),
        "the preview's img is the picture itself"
    );
    assert!(!html.contains("{{<"), "no shortcode text in the preview");

    // Caption edited: the publish rewrites that one line, as a figure.
    let mut body = doc.body.clone();
    set_image_attr(
        &mut body,
        "caption",
        "Photo: Sander Klootwijk (CC BY-SA 4.0)".into(),
    );
    let key = world
        .desk
        .save_draft(&draft(&doc.key, &doc.collection, &doc.title, body))
        .unwrap()
        .key;
    let outcome = world.desk.publish(&key).unwrap();
    let diff = git(
        &world.site(),
        &["show", "--format=", "--unified=0", &outcome.commit],
    );
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert_eq!(
        changed,
        [
            "-{{< figure src=\"/images/bridge-cables-over-estuary.jpg\" alt=\"Steel cables of a suspension bridge above a wide, flat estuary under a blue sky\" caption=\"Photo: Sander Klootwijk, CC BY-SA 4.0\" >}}",
            "+{{< figure src=\"/images/bridge-cables-over-estuary.jpg\" alt=\"Steel cables of a suspension bridge above a wide, flat estuary under a blue sky\" caption=\"Photo: Sander Klootwijk (CC BY-SA 4.0)\" >}}",
        ],
        "{diff}"
    );
}

#[test]
fn an_existing_image_without_alt_text_stops_the_publish_at_the_body() {
    let world = World::new();
    world.identify();
    let path = "content/articles/reindeer-count.md";
    let file = world.site().join(path);
    std::fs::write(
        &file,
        "---\ntitle: Reindeer count\ndate: 2026-11-20\ndraft: false\n---\n\nThe count is in.\n\n![](/images/bridge-cables-over-estuary.jpg)\n",
    )
    .unwrap();
    git(&world.site(), &["add", path]);
    git(
        &world.site(),
        &["commit", "-q", "-m", "an old entry without alt text"],
    );
    world.desk.open_site(&world.site()).unwrap();

    let doc = world.desk.open_entry(&path_key(path)).unwrap();
    let found = images(&doc.body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].attr_str("alt"), Some(""));
    // Only the title changes; the old image is still without a description.
    let key = world
        .desk
        .save_draft(&draft(
            &doc.key,
            &doc.collection,
            "Reindeer count, 2026",
            doc.body.clone(),
        ))
        .unwrap()
        .key;
    let head = git(&world.site(), &["rev-parse", "HEAD"]);
    let err = world.desk.publish(&key).unwrap_err();
    let Error::Invalid { problems, .. } = &err else {
        panic!("expected a refusal, got {err}");
    };
    assert!(
        problems.iter().any(|p| p.field == "body"
            && p.message.contains("no description (alt text)")
            && p.message.contains(PHOTO)),
        "{problems:?}"
    );
    assert_eq!(git(&world.site(), &["rev-parse", "HEAD"]), head);

    // Described in the editor, it publishes; the image line is the only body line that changes.
    let mut body = doc.body.clone();
    set_image_attr(
        &mut body,
        "alt",
        "Steel cables of a bridge over an estuary".into(),
    );
    world
        .desk
        .save_draft(&draft(&key, &doc.collection, "Reindeer count, 2026", body))
        .unwrap();
    let outcome = world.desk.publish(&key).unwrap();
    let text = git(
        &world.site(),
        &["show", &format!("{}:{path}", outcome.commit)],
    );
    assert!(
        text.ends_with("The count is in.\n\n![Steel cables of a bridge over an estuary](/images/bridge-cables-over-estuary.jpg)\n"),
        "{text}"
    );
}

#[test]
fn a_picture_is_only_shown_from_inside_the_site() {
    let world = World::new();
    let key = path_key(ARTICLE);
    for src in [
        "../../../../etc/passwd.jpg",
        "/images/../../../outside.jpg",
        "/images/not-there.jpg",
        "hugo.toml",
        "https://example.org/a.jpg",
    ] {
        let err = world.desk.image_preview(&key, src).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("not an image file of this site")
                || message.contains("not-there")
                || message.contains("outside"),
            "{src}: {message}"
        );
    }
}

#[test]
fn a_cover_keeps_its_caption_credit_and_focal_point_in_front_matter() {
    use desk::api::types::FieldValue;
    let world = World::new();
    world.identify();
    let doc = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let text = |v: &str| Some(FieldValue::Text(v.into()));
    let mut fields: desk::api::types::FieldEdits = [
        ("cover", text(PHOTO)),
        ("cover_alt", text("Steel cables of a suspension bridge")),
        ("cover_caption", text("The bridge at Kirkenes")),
        (
            "cover_credit",
            text("Photo: Sander Klootwijk, CC BY-SA 4.0"),
        ),
        ("cover_focal", text("0.4,0.3")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let input = |fields: &desk::api::types::FieldEdits| DraftInput {
        fields: fields.clone(),
        ..draft(&doc.key, &doc.collection, &doc.title, doc.body.clone())
    };
    let key = world.desk.save_draft(&input(&fields)).unwrap().key;
    // A focal point not in the stored form is a problem at the image field.
    let err = world.desk.publish(&key).unwrap_err();
    let Error::Invalid { problems, .. } = &err else {
        panic!("expected a refusal, got {err}");
    };
    assert!(
        problems
            .iter()
            .any(|p| p.field == "cover" && p.message.contains("“0.4,0.3”")),
        "{problems:?}"
    );
    fields.insert("cover_focal".into(), text("40% 30%"));
    world
        .desk
        .save_draft(&DraftInput {
            key: key.clone(),
            ..input(&fields)
        })
        .unwrap();
    // The form reads the values back (the sub-fields need not be declared in the schema).
    let reopened = world.desk.open_entry(&key).unwrap();
    assert_eq!(
        reopened.fields.get("cover_focal"),
        Some(&FieldValue::Text("40% 30%".into()))
    );
    let outcome = world.desk.publish(&key).unwrap();
    let file = git(
        &world.site(),
        &["show", &format!("{}:{ARTICLE}", outcome.commit)],
    );
    for line in [
        "cover: /images/bridge-cables-over-estuary.jpg",
        "cover_caption: The bridge at Kirkenes",
        "cover_credit: 'Photo: Sander Klootwijk, CC BY-SA 4.0'",
        "cover_focal: 40% 30%",
    ] {
        assert!(file.lines().any(|l| l == line), "{line} not in:\n{file}");
    }
    // The media library finds the cover by its caption.
    let library = world.desk.media_library().unwrap();
    assert!(
        library
            .items
            .iter()
            .any(|i| i.captions.iter().any(|c| c == "The bridge at Kirkenes"))
    );
}

#[test]
fn a_site_that_writes_figures_gets_figure_images_from_an_import() {
    let world = World::new();
    let schema = world.site().join(".desk/site.toml");
    let mut text = std::fs::read_to_string(&schema).unwrap();
    text.push_str("\n[images]\nmarkdown = \"figure\"\n");
    std::fs::write(&schema, text).unwrap();
    world.desk.open_site(&world.site()).unwrap();
    let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/images/seeding-640.jpg");
    let report = world
        .desk
        .import_images(
            &path_key(ARTICLE),
            &[photo],
            &|_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
    assert!(report.figure, "the editor is told to insert figures");
    // An unknown image style is refused with the file named.
    let mut text = std::fs::read_to_string(&schema).unwrap();
    text = text.replace("markdown = \"figure\"", "markdown = \"html\"");
    std::fs::write(&schema, text).unwrap();
    let err = world.desk.open_site(&world.site()).unwrap_err().to_string();
    assert!(err.contains("site.toml"), "{err}");
}
