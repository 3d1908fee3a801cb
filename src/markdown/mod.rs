//! The one Markdown engine (comrak) and the bridge to the editor's document.
//!
//! The UI never parses or prints Markdown: it receives and sends a ProseMirror document
//! ([`DocNode`]) whose node and mark names match its Tiptap schema. This module turns
//! Markdown into that document and back. GFM tables and task lists are editable nodes
//! (`tables.rs`, `taskList`), and so are images and simple figure shortcodes (`images.rs`).
//! Constructs the editor does not model (raw HTML, other Hugo shortcodes, footnotes, lists
//! mixing tasks and plain items) become `opaque` nodes carrying their exact source, which is
//! written back verbatim.

mod doc;
mod from_markdown;
pub mod images;
mod preserve;
pub mod preview;
pub mod roundtrip;
mod tables;
mod to_markdown;

pub use doc::{DocMark, DocNode};
pub use from_markdown::{markdown_to_doc, markdown_to_doc_with, parse_blocks, parse_blocks_with};
pub use preserve::{doc_to_markdown_preserving, doc_to_markdown_preserving_with};
pub use to_markdown::doc_to_markdown;

/// A collection's Markdown conventions that the editor shows as their own blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flavor {
    /// Interviews: a paragraph that is bold from end to end is a question.
    pub questions: bool,
}

impl Flavor {
    pub fn for_collection(collection: &crate::site::Collection) -> Self {
        Flavor {
            questions: collection.preset == Some(crate::site::Preset::Interview),
        }
    }
}

/// The comrak options every conversion uses, so that what the editor shows, what the preview
/// renders and what is committed come from one parser configured one way.
pub fn options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    // Written Markdown is never hard-wrapped: one paragraph is one line, so a changed word
    // changes one line of the diff.
    options.render.width = 0;
    options.render.list_style = comrak::options::ListStyleType::Dash;
    options.render.prefer_fenced = true;
    options
}

#[cfg(test)]
mod tests;
