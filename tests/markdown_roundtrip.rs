//! Losslessness of the Markdown bridge, measured on text written by others: the CommonMark
//! spec examples, markdown-it's GFM fixtures, and every Markdown file of the crates in the
//! local cargo registry. A no-op save must give the identical bytes for 100 %; a forced full
//! re-format must keep the rendered HTML (whitespace-normalised) for at least 99.5 % of the
//! real documents. Exceptions are printed and explained in the README of the fixtures.

use std::path::{Path, PathBuf};

use desk::markdown::roundtrip;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/markdown")
            .join(name),
    )
    .unwrap()
}

/// The Markdown of each example in the CommonMark spec (`→` stands for a tab there).
fn spec_examples() -> Vec<String> {
    let spec = fixture("commonmark-spec-0.31.2.txt");
    let fence = "`".repeat(32);
    let mut examples = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line.starts_with(&fence) && line.ends_with("example") {
            let mut markdown = String::new();
            for l in lines.by_ref() {
                if l == "." {
                    break;
                }
                markdown.push_str(&l.replace('→', "\t"));
                markdown.push('\n');
            }
            examples.push(markdown);
        }
    }
    examples
}

/// The Markdown of each markdown-it fixture: `title / . / markdown / . / html / .`.
fn markdown_it_examples(name: &str) -> Vec<String> {
    let text = fixture(name);
    let parts: Vec<&str> = text.split("\n.\n").collect();
    // parts: [title, md, html, title, md, html, ...] with the title glued to the previous "."
    parts
        .iter()
        .skip(1)
        .step_by(2)
        .map(|md| format!("{md}\n"))
        .collect()
}

struct Tally {
    files: usize,
    changed: Vec<String>,
    semantic: Vec<String>,
}

fn tally(items: impl IntoIterator<Item = (String, String)>) -> Tally {
    let mut t = Tally {
        files: 0,
        changed: Vec::new(),
        semantic: Vec::new(),
    };
    for (name, markdown) in items {
        t.files += 1;
        let r = roundtrip::check(&markdown);
        if r.changed {
            t.changed.push(name.clone());
        }
        if r.semantic {
            t.semantic.push(name);
        }
    }
    t
}

#[test]
fn spec_and_gfm_examples_round_trip_unchanged() {
    let mut items: Vec<(String, String)> = spec_examples()
        .into_iter()
        .enumerate()
        .map(|(i, md)| (format!("commonmark example {}", i + 1), md))
        .collect();
    assert_eq!(items.len(), 652, "the spec has 652 examples");
    for name in [
        "markdown-it-tables.txt",
        "markdown-it-strikethrough.txt",
        "markdown-it-tasklists.txt",
    ] {
        let examples = markdown_it_examples(name);
        assert!(examples.len() > 5, "{name}");
        items.extend(
            examples
                .into_iter()
                .enumerate()
                .map(|(i, md)| (format!("{name} #{}", i + 1), md)),
        );
    }
    let t = tally(items);
    println!(
        "spec corpus: {} examples, {} changed by a no-op save, {} render differently after a full re-format",
        t.files,
        t.changed.len(),
        t.semantic.len()
    );
    for name in &t.semantic {
        println!("  full re-format differs: {name}");
    }
    assert!(t.changed.is_empty(), "no-op saves changed: {:?}", t.changed);
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn real_documents_from_the_cargo_registry_round_trip() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let mut files = Vec::new();
    markdown_files(&cargo_home.join("registry/src"), &mut files);
    files.sort();
    assert!(
        files.len() >= 300,
        "only {} Markdown files under {}: the corpus is the registry this project's dependencies were fetched into",
        files.len(),
        cargo_home.join("registry/src").display()
    );
    let items = files.iter().filter_map(|p| {
        let text = String::from_utf8(std::fs::read(p).ok()?).ok()?;
        Some((p.display().to_string(), text))
    });
    let t = tally(items);
    let identical = 100.0 * (t.files - t.semantic.len()) as f64 / t.files as f64;
    println!(
        "registry corpus: {} files, {} changed by a no-op save, {} render differently after a full re-format ({identical:.2} % identical)",
        t.files,
        t.changed.len(),
        t.semantic.len()
    );
    for name in &t.semantic {
        println!("  full re-format differs: {name}");
    }
    assert!(t.changed.is_empty(), "no-op saves changed: {:?}", t.changed);
    assert!(
        identical >= 99.5,
        "full re-format kept only {identical:.2} % of documents rendering the same"
    );
}

// --- GFM tables and task lists as editable nodes -------------------------------------------

use desk::markdown::{DocNode, doc_to_markdown, doc_to_markdown_preserving, markdown_to_doc};
use serde_json::json;

const TABLE: &str = "\
Before the table.

| Town | Country | Population |
| :--- | :-----: | ---------: |
| Kirkenes | Norway | 3 500 |
| Luleå | Sweden | 48 000 |
| Nar'yan-Mar \\| NAO | Russia | 25 000 |

After the table.
";

fn cell(kind: &str, align: Option<&str>, text: &str) -> serde_json::Value {
    let content = if text.is_empty() {
        json!([{"type": "paragraph"}])
    } else {
        json!([{"type": "paragraph", "content": [{"type": "text", "text": text}]}])
    };
    json!({"type": kind, "attrs": {"colspan": 1, "rowspan": 1, "colwidth": null, "align": align}, "content": content})
}

fn table_json(doc: &DocNode) -> serde_json::Value {
    serde_json::to_value(
        doc.children()
            .iter()
            .find(|n| n.node_type == "table")
            .expect("a table node"),
    )
    .unwrap()
}

#[test]
fn a_gfm_table_becomes_editable_cells_with_the_column_alignment() {
    let doc = markdown_to_doc(TABLE);
    let aligns = [Some("left"), Some("center"), Some("right")];
    let row = |kind: &str, texts: [&str; 3]| json!({"type": "tableRow", "content": (0..3).map(|i| cell(kind, aligns[i], texts[i])).collect::<Vec<_>>()});
    assert_eq!(
        table_json(&doc),
        json!({"type": "table", "content": [
            row("tableHeader", ["Town", "Country", "Population"]),
            row("tableCell", ["Kirkenes", "Norway", "3 500"]),
            row("tableCell", ["Luleå", "Sweden", "48 000"]),
            row("tableCell", ["Nar'yan-Mar | NAO", "Russia", "25 000"]),
        ]})
    );
    // No-op save: identical bytes.
    assert_eq!(doc_to_markdown_preserving(&doc, TABLE).unwrap(), TABLE);
}

#[test]
fn editing_one_cell_rewrites_only_the_table_and_reads_back_the_same() {
    let mut doc = markdown_to_doc(TABLE);
    let table = doc
        .content
        .as_mut()
        .unwrap()
        .iter_mut()
        .find(|n| n.node_type == "table")
        .unwrap();
    // Row 2, column 1: "Luleå" -> "Luleå | Norrbotten" (a pipe that must be escaped).
    let text = &mut table.content.as_mut().unwrap()[2].content.as_mut().unwrap()[0]
        .content
        .as_mut()
        .unwrap()[0]
        .content
        .as_mut()
        .unwrap()[0];
    text.text = Some("Luleå | Norrbotten".into());
    let saved = doc_to_markdown_preserving(&doc, TABLE).unwrap();
    assert!(saved.starts_with("Before the table.\n\n"), "{saved}");
    assert!(saved.ends_with("\n\nAfter the table.\n"), "{saved}");
    assert!(saved.contains("Luleå \\| Norrbotten"), "{saved}");
    assert!(
        saved.contains(":-:") && saved.contains("--:"),
        "alignment kept: {saved}"
    );
    assert_eq!(markdown_to_doc(&saved).normalized(), doc.normalized());
}

#[test]
fn a_table_made_in_the_editor_is_written_as_gfm() {
    // What Tiptap's insertTable makes, with a header row, a line break, a bold cell and an
    // empty cell, and one merged cell (colspan 2) that GFM cannot hold.
    let mut merged = cell("tableCell", None, "Merged");
    merged["attrs"]["colspan"] = json!(2);
    let doc: DocNode = serde_json::from_value(json!({"type": "doc", "content": [
        {"type": "table", "content": [
            {"type": "tableRow", "content": [cell("tableHeader", None, "Date"), cell("tableHeader", None, "Place")]},
            {"type": "tableRow", "content": [
                {"type": "tableCell", "attrs": {"colspan": 1, "rowspan": 1, "colwidth": null, "align": null}, "content": [
                    {"type": "paragraph", "content": [
                        {"type": "text", "text": "10 Feb", "marks": [{"type": "bold"}]},
                        {"type": "hardBreak"},
                        {"type": "text", "text": "2027"}
                    ]}
                ]},
                cell("tableCell", None, "")
            ]},
            {"type": "tableRow", "content": [merged]}
        ]}
    ]}))
    .unwrap();
    let md = doc_to_markdown(&doc).unwrap();
    assert_eq!(
        md,
        "| Date | Place |\n| --- | --- |\n| **10 Feb** 2027 |  |\n| Merged |  |\n"
    );
    let back = markdown_to_doc(&md);
    assert_eq!(back.children().len(), 1);
    assert_eq!(back.children()[0].node_type, "table");
    assert_eq!(doc_to_markdown(&back).unwrap(), md, "stable once written");
}

const TASKS: &str = "\
Checklist for the organisers:

- [ ] Book the hall in Tromsø
- [x] Invite the Sámi Parliament
- [ ] Translate the programme into Russian
";

#[test]
fn a_task_list_becomes_checkable_items_and_a_tick_changes_one_line() {
    let mut doc = markdown_to_doc(TASKS);
    let list = &doc.children()[1];
    assert_eq!(list.node_type, "taskList");
    let checked: Vec<bool> = list
        .children()
        .iter()
        .map(|i| {
            assert_eq!(i.node_type, "taskItem");
            i.attrs.as_ref().unwrap()["checked"].as_bool().unwrap()
        })
        .collect();
    assert_eq!(checked, [false, true, false]);
    assert_eq!(doc_to_markdown_preserving(&doc, TASKS).unwrap(), TASKS);

    let item = &mut doc.content.as_mut().unwrap()[1].content.as_mut().unwrap()[0];
    item.attrs
        .as_mut()
        .unwrap()
        .insert("checked".into(), json!(true));
    let saved = doc_to_markdown_preserving(&doc, TASKS).unwrap();
    assert_eq!(saved, TASKS.replace("- [ ] Book", "- [x] Book"));
}

#[test]
fn lists_the_editor_cannot_hold_stay_as_written() {
    // Mixed task and plain items, and an item that starts with a code block.
    for md in [
        "- [ ] task\n- plain\n",
        "1. [x] numbered task\n2. [ ] another\n",
        "- ```\n  code\n  ```\n- two\n",
        "- {{< youtube id=\"w7Ft2ymGmfc\" >}}\n- two\n",
    ] {
        let doc = markdown_to_doc(md);
        assert_eq!(doc.children()[0].node_type, "opaque", "{md}");
        assert_eq!(doc_to_markdown_preserving(&doc, md).unwrap(), md);
    }
    // An empty item gets the paragraph every editor item has.
    let doc = markdown_to_doc("- one\n-\n");
    let items = doc.children()[0].children();
    assert_eq!(items[1].children()[0].node_type, "paragraph");
}

#[test]
fn lists_next_to_each_other_stay_apart_without_stray_comments() {
    let list = |kind: &str, text: &str| {
        let item = if kind == "taskList" {
            "taskItem"
        } else {
            "listItem"
        };
        let mut it = json!({"type": item, "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]});
        if kind == "taskList" {
            it["attrs"] = json!({"checked": false});
        }
        json!({"type": kind, "attrs": {"tight": true}, "content": [it]})
    };
    let doc: DocNode = serde_json::from_value(json!({"type": "doc", "content": [
        list("bulletList", "a"),
        list("orderedList", "b"),
        {"type": "codeBlock", "attrs": {"language": null}, "content": [{"type": "text", "text": "c"}]},
        list("bulletList", "d"),
        list("taskList", "e"),
    ]}))
    .unwrap();
    let md = doc_to_markdown(&doc).unwrap();
    // Only the bullet list followed by a task list (both `-`) needs the separator.
    assert_eq!(md.matches("<!-- end list -->").count(), 1, "{md}");
    let back = markdown_to_doc(&md);
    let types: Vec<&str> = back
        .children()
        .iter()
        .map(|n| n.node_type.as_str())
        .collect();
    assert_eq!(
        types,
        [
            "bulletList",
            "orderedList",
            "codeBlock",
            "bulletList",
            "opaque",
            "taskList"
        ]
    );
}

// --- Images as editable nodes --------------------------------------------------------------

/// Every form CommonMark allows for an image, and the figure shortcode: a no-op save keeps
/// each byte, an edit elsewhere in the paragraph keeps the image's own bytes, and an edit to
/// the image writes it plainly.
const IMAGES: &str = "\
A photo ![Reindeer near Kautokeino](/images/reindeer.jpg \"Kautokeino\") in a line.

![Bridge at Kirkenes][bridge]

![Fjord](  <photos/fjord at dusk.jpg>   'Tromsø' )

![*Emphasised* alt](/images/e.png)

[![Badge](/images/badge.png)](https://example.org)

{{< figure src=\"/images/map.jpg\"   alt=\"Map of the Barents Region\" caption=\"Thirteen regions\" >}}

{{< figure src=\"/images/wide.jpg\" alt=\"Wide\" class=\"full-bleed\" >}}

[bridge]: /images/bridge.jpg \"The bridge\"
";

fn images_of(doc: &DocNode) -> Vec<&DocNode> {
    fn walk<'a>(n: &'a DocNode, out: &mut Vec<&'a DocNode>) {
        if n.node_type == "image" {
            out.push(n);
        }
        for c in n.children() {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut out);
    out
}

fn image_mut(doc: &mut DocNode, index: usize) -> &mut DocNode {
    fn walk<'a>(n: &'a mut DocNode, out: &mut Vec<&'a mut DocNode>) {
        if n.node_type == "image" {
            out.push(n);
            return;
        }
        for c in n.content.iter_mut().flatten() {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut out);
    out.swap_remove(index)
}

#[test]
fn images_are_editable_nodes_and_keep_their_bytes() {
    let doc = markdown_to_doc(IMAGES);
    let images = images_of(&doc);
    let described: Vec<(&str, &str, Option<&str>)> = images
        .iter()
        .map(|i| {
            (
                i.attr_str("src").unwrap(),
                i.attr_str("alt").unwrap(),
                i.attr_str("title"),
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            (
                "/images/reindeer.jpg",
                "Reindeer near Kautokeino",
                Some("Kautokeino")
            ),
            (
                "/images/bridge.jpg",
                "Bridge at Kirkenes",
                Some("The bridge")
            ),
            ("photos/fjord at dusk.jpg", "Fjord", Some("Tromsø")),
            ("/images/e.png", "Emphasised alt", None),
            ("/images/badge.png", "Badge", None),
            ("/images/map.jpg", "Map of the Barents Region", None),
        ]
    );
    // The badge keeps its link; the figure keeps its caption; a figure with a key the editor
    // does not model stays a chip.
    assert_eq!(
        images[4].marks()[0].attr_str("href"),
        Some("https://example.org")
    );
    assert_eq!(images[5].attr_str("caption"), Some("Thirteen regions"));
    assert_eq!(images[5].attr_str("shortcode"), Some("figure"));
    assert!(doc.children().iter().any(|b| {
        b.node_type == "opaque"
            && b.attr_str("source")
                .is_some_and(|s| s.contains("full-bleed"))
    }));
    // The plain image needs no copy of its source; the others carry theirs.
    assert_eq!(images[0].attr_str("source"), None);
    assert_eq!(
        images[1].attr_str("source"),
        Some("![Bridge at Kirkenes][bridge]")
    );

    // A no-op save, and a full re-format, give the same bytes.
    assert_eq!(doc_to_markdown_preserving(&doc, IMAGES).unwrap(), IMAGES);
    assert_eq!(doc_to_markdown(&doc).unwrap(), IMAGES);

    // Text edited around each image (every paragraph is printed anew): the images' own
    // bytes are all still there.
    let mut edited = doc.clone();
    for block in edited.content.as_mut().unwrap() {
        if block.node_type == "paragraph" {
            let content = block.content.get_or_insert_with(Vec::new);
            match content.last_mut() {
                Some(last) if last.node_type == "text" && last.marks.is_none() => {
                    last.text.as_mut().unwrap().push_str(" Edited.");
                }
                _ => content.push(DocNode::text(" Edited.", vec![])),
            }
        }
    }
    let saved = doc_to_markdown_preserving(&edited, IMAGES).unwrap();
    for kept in [
        "![Reindeer near Kautokeino](/images/reindeer.jpg \"Kautokeino\")",
        "![Bridge at Kirkenes][bridge]",
        "![Fjord](  <photos/fjord at dusk.jpg>   'Tromsø' )",
        "![*Emphasised* alt](/images/e.png)",
        "[![Badge](/images/badge.png)](https://example.org)",
        "{{< figure src=\"/images/map.jpg\"   alt=\"Map of the Barents Region\" caption=\"Thirteen regions\" >}}",
    ] {
        assert!(saved.contains(kept), "{kept} not kept in:\n{saved}");
    }
    assert_eq!(markdown_to_doc(&saved).normalized(), edited.normalized());

    // Changed images are written plainly; the rest of the file does not move.
    let mut changed = doc.clone();
    image_mut(&mut changed, 1)
        .attrs
        .as_mut()
        .unwrap()
        .insert("alt".into(), json!("The bridge over the Pasvik river"));
    image_mut(&mut changed, 5)
        .attrs
        .as_mut()
        .unwrap()
        .insert("caption".into(), json!("Thirteen regions, four countries"));
    let saved = doc_to_markdown_preserving(&changed, IMAGES).unwrap();
    let expected = IMAGES
        .replace(
            "![Bridge at Kirkenes][bridge]",
            "![The bridge over the Pasvik river](/images/bridge.jpg \"The bridge\")",
        )
        .replace(
            "{{< figure src=\"/images/map.jpg\"   alt=\"Map of the Barents Region\" caption=\"Thirteen regions\" >}}",
            "{{< figure src=\"/images/map.jpg\" alt=\"Map of the Barents Region\" caption=\"Thirteen regions, four countries\" >}}",
        );
    assert_eq!(saved, expected);
}

#[test]
fn an_image_without_its_link_definition_is_written_with_its_address() {
    let doc = markdown_to_doc(IMAGES);
    // The definitions block deleted in the editor: the reference image must not break.
    let mut without: DocNode = doc.clone();
    without
        .content
        .as_mut()
        .unwrap()
        .retain(|b| b.attr_str("label") != Some("Link definitions"));
    let saved = doc_to_markdown(&without).unwrap();
    assert!(
        saved.contains("![Bridge at Kirkenes](/images/bridge.jpg \"The bridge\")"),
        "{saved}"
    );
    assert!(!saved.contains("[bridge]"), "{saved}");
}
