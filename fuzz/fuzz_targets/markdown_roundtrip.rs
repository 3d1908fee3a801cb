//! Markdown -> editor document -> Markdown: never panics, a no-op save gives the same bytes,
//! and a full re-format is accepted back by the bridge.
#![no_main]

use desk::markdown::{
    Flavor, doc_to_markdown, doc_to_markdown_preserving, doc_to_markdown_preserving_with,
    markdown_to_doc, markdown_to_doc_with,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = markdown_to_doc(text);
    let saved = doc_to_markdown_preserving(&doc, text).expect("a document from the bridge can always be saved");
    assert_eq!(saved, text, "a no-op save changed the bytes");
    // The same in an interview, where fully bold paragraphs are question blocks.
    let interview = Flavor { questions: true };
    let questions = markdown_to_doc_with(text, interview);
    let saved = doc_to_markdown_preserving_with(&questions, text, interview)
        .expect("an interview document can always be saved");
    assert_eq!(saved, text, "a no-op save of an interview changed the bytes");
    if let Ok(full) = doc_to_markdown(&doc) {
        let _ = markdown_to_doc(&full);
    }
    // editing the first block keeps everything after it
    if let Some(first) = doc.content.as_ref().and_then(|c| c.first())
        && first.node_type == "paragraph"
    {
        let mut edited = doc.clone();
        edited.content.as_mut().unwrap()[0] = desk::markdown::DocNode::new("paragraph")
            .with_content(vec![desk::markdown::DocNode::text("edited", vec![])]);
        let _ = doc_to_markdown_preserving(&edited, text).expect("an edited document can be saved");
    }
});
