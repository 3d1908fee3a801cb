//! The editor ⇄ bridge contract: tests/fixtures/editor/everything.json holds every node and
//! mark the UI's Tiptap schema can produce (ui/src/lib/editor/extensions.test.ts fails when a
//! schema type is missing from it). Converted to Markdown by the core and read back, it must
//! be the same document, and writing it again must give the same Markdown. (It is read as an
//! interview, so the question block is included: elsewhere a question is never produced.)

use std::path::Path;

use desk::markdown::{DocNode, Flavor, doc_to_markdown, markdown_to_doc_with};

fn everything() -> DocNode {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/editor/everything.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_node_and_mark_the_editor_makes_survives_markdown_and_back() {
    let doc = everything();
    let markdown = doc_to_markdown(&doc).expect("the bridge writes every editor node");
    // Read back as an interview, the one collection whose form has question blocks.
    let back = markdown_to_doc_with(&markdown, Flavor { questions: true });
    let (want, got) = (doc.normalized(), back.normalized());
    for (i, (w, g)) in want.children().iter().zip(got.children()).enumerate() {
        assert_eq!(
            w, g,
            "block {i} ({}) changed through Markdown:\n{markdown}",
            w.node_type
        );
    }
    assert_eq!(want.children().len(), got.children().len(), "{markdown}");
    assert_eq!(
        doc_to_markdown(&back).unwrap(),
        markdown,
        "stable once written"
    );
}
