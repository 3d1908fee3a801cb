//! Round-trip checks, the measure of losslessness: does opening and saving a text change its
//! bytes (it must not), and does a forced full re-format (every block printed anew, no source
//! reused) change what the page renders to.

use super::{doc_to_markdown, doc_to_markdown_preserving, markdown_to_doc, options};

/// What a round trip of one Markdown text did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundTrip {
    /// A save without edits gave other bytes.
    pub changed: bool,
    /// The fully re-formatted text renders to other HTML.
    pub semantic: bool,
}

/// Opens and saves `markdown` in memory, and also re-formats it fully.
pub fn check(markdown: &str) -> RoundTrip {
    let doc = markdown_to_doc(markdown);
    let saved = doc_to_markdown_preserving(&doc, markdown);
    let changed = saved.as_deref().ok() != Some(markdown);
    let semantic = match doc_to_markdown(&doc) {
        Ok(full) => normalize_html(&render(&full)) != normalize_html(&render(markdown)),
        Err(_) => true,
    };
    RoundTrip { changed, semantic }
}

/// HTML as a browser shows it: outside `<pre>`, every run of whitespace is one space, and
/// whitespace next to a tag boundary is dropped (a soft line break and a space render alike).
pub fn normalize_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let (plain, pre) = match rest.find("<pre") {
            Some(i) => {
                let end = rest[i..]
                    .find("</pre>")
                    .map_or(rest.len(), |e| i + e + "</pre>".len());
                (&rest[..i], &rest[i..end])
            }
            None => (rest, ""),
        };
        let collapsed = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        // comrak ends a list that a code block or another list follows with this comment;
        // it is not rendered.
        let collapsed = collapsed.replace("<!-- end list -->", "");
        out.push_str(&collapsed.replace("> ", ">").replace(" <", "<"));
        out.push_str(pre);
        rest = &rest[plain.len() + pre.len()..];
    }
    out
}

/// comrak's HTML for a Markdown text, with the options every conversion uses.
pub fn render(markdown: &str) -> String {
    let mut opts = options();
    // Raw HTML is rendered as written here: the comparison is about Markdown structure.
    opts.render.r#unsafe = true;
    comrak::markdown_to_html(markdown, &opts)
}
