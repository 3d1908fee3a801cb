//! The bridge's contract: what the editor receives and what is written back.

use super::*;
use crate::content::EntryFile;

fn roundtrip(md: &str) -> String {
    doc_to_markdown(&markdown_to_doc(md)).unwrap()
}

#[test]
fn every_demo_entry_round_trips_byte_for_byte() {
    let mut checked = 0;
    for (path, bytes) in crate::demo::DEMO_FILES {
        if !path.starts_with("content/") || path.ends_with("_index.md") {
            continue;
        }
        let text = std::str::from_utf8(bytes).unwrap();
        let file = EntryFile::parse(path, text).unwrap();
        assert_eq!(roundtrip(file.body()), file.body(), "{path}");
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} demo entries found");
}

#[test]
fn the_document_uses_the_editor_s_node_and_mark_names() {
    let doc = markdown_to_doc(
        "## Title\n\nSome **bold** and *italic* and ~~gone~~ and `code` and [a link](https://barents.example \"T\").\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n```rust\nfn main() {}\n```\n\n---\n\nline  \nbreak\n",
    );
    let json = serde_json::to_value(&doc).unwrap();
    let expected = serde_json::json!({
        "type": "doc",
        "content": [
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Title"}]},
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Some "},
                {"type": "text", "text": "bold", "marks": [{"type": "bold"}]},
                {"type": "text", "text": " and "},
                {"type": "text", "text": "italic", "marks": [{"type": "italic"}]},
                {"type": "text", "text": " and "},
                {"type": "text", "text": "gone", "marks": [{"type": "strike"}]},
                {"type": "text", "text": " and "},
                {"type": "text", "text": "code", "marks": [{"type": "code"}]},
                {"type": "text", "text": " and "},
                {"type": "text", "text": "a link", "marks": [{"type": "link", "attrs": {"href": "https://barents.example", "title": "T"}}]},
                {"type": "text", "text": "."}
            ]},
            {"type": "bulletList", "attrs": {"tight": true}, "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "one"}]}]},
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "two"}]}]}
            ]},
            {"type": "orderedList", "attrs": {"start": 3, "tight": true}, "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "three"}]}]},
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "four"}]}]}
            ]},
            {"type": "blockquote", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "quoted"}]}]},
            {"type": "codeBlock", "attrs": {"language": "rust"}, "content": [{"type": "text", "text": "fn main() {}"}]},
            {"type": "horizontalRule"},
            {"type": "paragraph", "content": [
                {"type": "text", "text": "line"}, {"type": "hardBreak"}, {"type": "text", "text": "break"}
            ]}
        ]
    });
    assert_eq!(json, expected);
    assert_eq!(
        roundtrip("## Title\n\n- one\n- two\n\nText.\n\n3. three\n4. four\n"),
        "## Title\n\n- one\n- two\n\nText.\n\n3. three\n4. four\n"
    );
}

#[test]
fn shortcodes_and_html_are_carried_verbatim() {
    let md = "Before.\n\n{{< figure src=\"/a.jpg\" alt=\"A < B\" >}}\n\n<div class=\"note\">\n  <p>raw</p>\n</div>\n\nAfter <span>inline</span> text.\n";
    let doc = markdown_to_doc(md);
    let types: Vec<_> = doc
        .children()
        .iter()
        .map(|n| n.node_type.as_str())
        .collect();
    // A figure with simple attributes is an editable image in its own paragraph.
    assert_eq!(types, ["paragraph", "paragraph", "opaque", "paragraph"]);
    let figure = &doc.children()[1].children()[0];
    assert_eq!(figure.node_type, "image");
    assert_eq!(figure.attr_str("alt"), Some("A < B"));
    assert_eq!(figure.attr_str("shortcode"), Some("figure"));
    assert_eq!(
        doc.children()[2].attr_str("source"),
        Some("<div class=\"note\">\n  <p>raw</p>\n</div>")
    );
    assert_eq!(roundtrip(md), md);
}

#[test]
fn edits_from_the_editor_become_markdown() {
    let doc: DocNode = serde_json::from_value(serde_json::json!({
        "type": "doc",
        "content": [
            {"type": "heading", "attrs": {"level": 3}, "content": [{"type": "text", "text": "Kárášjohka"}]},
            {"type": "paragraph", "content": [
                {"type": "text", "text": "bold ", "marks": [{"type": "bold"}]},
                {"type": "text", "text": "and italic", "marks": [{"type": "bold"}, {"type": "italic"}]},
                {"type": "text", "text": " then "},
                {"type": "text", "text": "link", "marks": [{"type": "link", "attrs": {"href": "https://a.example/x y", "target": "_blank", "rel": null, "class": null, "title": null}}]},
                {"type": "text", "text": " *not emphasis* "},
                {"type": "text", "text": "a`b", "marks": [{"type": "code"}]}
            ]},
            {"type": "paragraph"},
            {"type": "orderedList", "attrs": {"start": 1, "type": null}, "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Молодёжь"}]}]}
            ]}
        ]
    }))
    .unwrap();
    let md = doc_to_markdown(&doc).unwrap();
    assert_eq!(
        md,
        "### Kárášjohka\n\n**bold *and italic*** then [link](https://a.example/x%20y) \\*not emphasis\\* ``a`b``\n\n1. Молодёжь\n"
    );
    // and the Markdown reads back as the same text
    let back = markdown_to_doc(&md);
    assert_eq!(
        back.children()[1].plain_text(),
        doc.children()[1].plain_text()
    );
}

#[test]
fn unknown_nodes_are_refused_not_dropped() {
    let doc: DocNode = serde_json::from_value(serde_json::json!({
        "type": "doc", "content": [{"type": "mystery", "content": [{"type": "text", "text": "x"}]}]
    }))
    .unwrap();
    let err = doc_to_markdown(&doc).unwrap_err();
    assert!(err.to_string().contains("mystery"), "{err}");
}

#[test]
fn empty_markdown_gives_an_editable_empty_doc() {
    assert_eq!(markdown_to_doc(""), DocNode::empty_doc());
    assert_eq!(doc_to_markdown(&DocNode::empty_doc()).unwrap(), "");
}

#[test]
fn documents_from_the_editor_compare_equal_to_the_bridge_s_after_normalising() {
    let from_md = markdown_to_doc("1. **[x](https://a.example)**\n");
    let from_editor: DocNode = serde_json::from_value(serde_json::json!({
        "type": "doc",
        "content": [{"type": "orderedList", "attrs": {"start": 1, "tight": true, "type": null}, "content": [
            {"type": "listItem", "content": [{"type": "paragraph", "content": [
                {"type": "text", "text": "x", "marks": [
                    {"type": "bold"},
                    {"type": "link", "attrs": {"href": "https://a.example", "target": null, "rel": null, "class": null, "title": null}}
                ]}
            ]}]}
        ]}]
    }))
    .unwrap();
    assert_ne!(from_md, from_editor);
    assert_eq!(from_md.normalized(), from_editor.normalized());
}
