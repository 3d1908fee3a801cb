//! Property: an edit to one block of a real document changes only that block's lines. Every
//! byte before the block's first line and after its last line is written back as it was.

use desk::content::EntryFile;
use desk::markdown::{DocNode, doc_to_markdown_preserving, markdown_to_doc, parse_blocks};
use proptest::prelude::*;

/// Real documents: the demo site's entries and the spec-like fixtures' larger texts.
fn documents() -> Vec<String> {
    let mut docs: Vec<String> = desk::demo::DEMO_FILES
        .iter()
        .filter(|(p, _)| p.starts_with("content/") && !p.ends_with("_index.md"))
        .map(|(p, bytes)| {
            EntryFile::parse(p, std::str::from_utf8(bytes).unwrap())
                .unwrap()
                .body()
                .to_owned()
        })
        .collect();
    docs.push(
        "# Title\n\nA paragraph\nwrapped by hand, with a [ref link][r] and *emphasis*.\n\n\
         * star list\n* second item\n\n1) paren list\n2) two\n\n    indented code\n\n\
         > quote with **bold**\n\nSetext heading\n--------------\n\n<div>\nraw html\n</div>\n\n\
         | a | b |\n|---|---|\n| 1 | 2 |\n\n{{< figure src=\"x.jpg\" >}}\n\nLast line without newline [^1].\n\n\
         [r]: https://example.org \"Title\"\n[^1]: A footnote.\n"
            .to_owned(),
    );
    docs
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-ZåäöøæáčđŋšŧžАБВгдж]{1,10}",
            Just("*".to_owned()),
            Just("_".to_owned()),
            Just("#".to_owned()),
            Just("[x]".to_owned()),
            Just("`".to_owned()),
            Just("<b>".to_owned()),
            Just("1.".to_owned()),
            Just("-".to_owned()),
            Just("===".to_owned()),
            Just("{{<".to_owned()),
        ],
        1..12,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases_or(256), ..ProptestConfig::default() })]

    #[test]
    fn editing_one_block_changes_only_its_lines(doc_index in 0usize..16, block_pick in 0usize..64, text in words()) {
        let docs = documents();
        let original = &docs[doc_index % docs.len()];
        let blocks = parse_blocks(original);
        // Editable text blocks: paragraphs and headings.
        let editable: Vec<usize> = blocks
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| n.node_type == "paragraph" || n.node_type == "heading")
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!editable.is_empty());
        let target = editable[block_pick % editable.len()];
        let mut doc = markdown_to_doc(original);
        let node = &mut doc.content.as_mut().unwrap()[target];
        node.content = Some(vec![DocNode::text(text.clone(), vec![])]);
        let saved = doc_to_markdown_preserving(&doc, original).unwrap();
        let span = blocks[target].1.clone();
        let before = &original[..span.start];
        let after = &original[span.end..];
        prop_assert!(saved.starts_with(before), "lines before the block changed:\n{saved}");
        prop_assert!(saved.ends_with(after), "lines after the block changed:\n{saved}");
        // and the edit is really there, as the block that was edited
        let reread = markdown_to_doc(&saved);
        let edited = reread
            .children()
            .iter()
            .find(|n| n.node_type == doc.children()[target].node_type && n.plain_text().trim() == text.trim());
        prop_assert!(edited.is_some() || text.trim().is_empty(), "the edited text is not in:\n{saved}");
    }
}

/// The number of cases: `PROPTEST_CASES` when set (`cargo xtask soak` sets it), else `default`.
fn cases_or(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}
