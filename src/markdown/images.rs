//! Images in the editor's document. A Markdown image (`![alt](src "title")`, and every other
//! form CommonMark allows: reference-style, `<…>` destinations, odd spacing) and the site's
//! `{{< figure … >}}` shortcode with simple attributes are read as one `image` node:
//!
//! `src`, `alt`, `title`, `caption`, `credit` (the figure's `attr`), `shortcode` (`"figure"`
//! or null) and `source` (the exact text it was read from, or null when that text is what
//! the bridge would write anyway).
//!
//! Lossless: an image is written back as its `source` as long as that text still means the
//! node's attributes (checked by parsing it again, with the document's link definitions for
//! the reference forms), so an unchanged image keeps its bytes even when the paragraph
//! around it changed. A changed image is written plainly: `![alt](src "title")`, or the
//! figure shortcode when it is one or has a caption or credit (Markdown has no place for
//! those). This module never decides where an image goes in a paragraph; see DESIGN.md.

use comrak::nodes::{AstNode, NodeLink, NodeValue};
use comrak::{Arena, format_commonmark, parse_document};

use super::doc::DocNode;

/// The attributes of an image, as the editor holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageAttrs {
    pub src: String,
    pub alt: String,
    pub title: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Written as the `figure` shortcode rather than as a Markdown image.
    pub figure: bool,
}

impl ImageAttrs {
    pub fn from_node(node: &DocNode) -> Self {
        let text = |key: &str| {
            node.attr_str(key)
                .map(str::to_owned)
                .filter(|s| !s.is_empty())
        };
        ImageAttrs {
            src: text("src").unwrap_or_default(),
            alt: text("alt").unwrap_or_default(),
            title: text("title"),
            caption: text("caption"),
            credit: text("credit"),
            figure: node.attr_str("shortcode") == Some("figure"),
        }
    }

    /// The editor's node: every attribute present, null where unset (as Tiptap sends it).
    pub fn to_node(&self, source: Option<&str>) -> DocNode {
        let opt = |v: &Option<String>| v.clone().map_or(serde_json::Value::Null, Into::into);
        DocNode::new("image")
            .with_attr("src", self.src.as_str())
            .with_attr("alt", self.alt.as_str())
            .with_attr("title", opt(&self.title))
            .with_attr("caption", opt(&self.caption))
            .with_attr("credit", opt(&self.credit))
            .with_attr(
                "shortcode",
                if self.figure {
                    "figure".into()
                } else {
                    serde_json::Value::Null
                },
            )
            .with_attr("source", source.map_or(serde_json::Value::Null, Into::into))
    }

    /// Whether this image must be written as a figure (Markdown cannot hold a caption or a
    /// credit apart from the title).
    fn needs_figure(&self) -> bool {
        self.figure || self.caption.is_some() || self.credit.is_some()
    }

    /// How the bridge writes this image when it has no source to reuse.
    pub fn canonical(&self) -> String {
        if self.needs_figure() {
            figure_text(self)
        } else {
            markdown_text(self)
        }
    }
}

/// A Markdown image read by comrak. `exact` is the text its source position points at (not
/// trusted: comrak's inline positions are checked here), `markdown` the whole text (its link
/// definitions resolve the reference forms).
pub(super) fn from_markdown(link: &NodeLink, alt: String, exact: &str, markdown: &str) -> DocNode {
    let attrs = ImageAttrs {
        src: link.url.clone(),
        alt,
        title: Some(link.title.clone()).filter(|t| !t.is_empty()),
        ..ImageAttrs::default()
    };
    let canonical = markdown_text(&attrs);
    let exact = exact.trim();
    let source = (exact != canonical
        && exact.starts_with('!')
        && (markdown_means(exact, "", &attrs) || markdown_means(exact, markdown, &attrs)))
    .then_some(exact);
    attrs.to_node(source)
}

/// A `{{< figure … >}}` shortcode with only simple attributes, as an image node; `None` for
/// any other shortcode (it stays an opaque chip).
pub(super) fn from_shortcode(text: &str) -> Option<DocNode> {
    let attrs = parse_figure(text)?;
    let source = (text != figure_text(&attrs)).then_some(text);
    Some(attrs.to_node(source))
}

/// The text to write for an image node: its source when that still means the node's
/// attributes, else the canonical form. `definitions` are the document's link definitions.
pub(super) fn to_markdown(node: &DocNode, definitions: &str) -> String {
    let attrs = ImageAttrs::from_node(node);
    if let Some(source) = node.attr_str("source").filter(|s| !s.is_empty()) {
        let still = if source.starts_with("{{") {
            parse_figure(source).is_some_and(|f| f == attrs)
        } else {
            !attrs.needs_figure()
                && (markdown_means(source, "", &attrs)
                    || markdown_means(source, definitions, &attrs))
        };
        if still {
            return source.to_owned();
        }
    }
    attrs.canonical()
}

/// Whether `text` (with `context` after it, for link definitions) is one Markdown image with
/// exactly these attributes.
fn markdown_means(text: &str, context: &str, attrs: &ImageAttrs) -> bool {
    if text.contains('\n') {
        return false;
    }
    let input = if context.is_empty() {
        text.to_owned()
    } else {
        format!("{text}\n\n{context}")
    };
    let arena = Arena::new();
    let root = parse_document(&arena, &input, &super::options());
    let Some(paragraph) = root.first_child() else {
        return false;
    };
    if !matches!(paragraph.data.borrow().value, NodeValue::Paragraph) {
        return false;
    }
    let mut children = paragraph.children();
    let (Some(image), None) = (children.next(), children.next()) else {
        return false;
    };
    let value = image.data.borrow().value.clone();
    match value {
        NodeValue::Image(link) => {
            link.url == attrs.src
                && link.title == attrs.title.clone().unwrap_or_default()
                && alt_text(image) == attrs.alt
        }
        _ => false,
    }
}

/// The plain text of an image's description (what HTML puts in `alt`).
pub(super) fn alt_text<'a>(node: &'a AstNode<'a>) -> String {
    node.descendants()
        .filter_map(|n| match &n.data.borrow().value {
            NodeValue::Text(t) => Some(t.to_string()),
            NodeValue::Code(c) => Some(c.literal.clone()),
            NodeValue::SoftBreak | NodeValue::LineBreak => Some(" ".to_owned()),
            _ => None,
        })
        .collect()
}

/// `![alt](src "title")` as comrak's formatter writes it (it escapes what needs escaping
/// and puts a destination with spaces in `<…>`).
fn markdown_text(attrs: &ImageAttrs) -> String {
    let arena = Arena::new();
    let root = arena.alloc(AstNode::from(NodeValue::Document));
    let p = arena.alloc(AstNode::from(NodeValue::Paragraph));
    root.append(p);
    let image = arena.alloc(AstNode::from(NodeValue::Image(Box::new(NodeLink {
        url: attrs.src.clone(),
        title: attrs.title.clone().unwrap_or_default(),
    }))));
    p.append(image);
    if !attrs.alt.is_empty() {
        image.append(arena.alloc(AstNode::from(NodeValue::Text(attrs.alt.clone().into()))));
    }
    let mut out = String::new();
    if format_commonmark(root, &super::options(), &mut out).is_err() {
        return format!("![]({})", attrs.src);
    }
    out.trim_end().to_owned()
}

/// The keys of a figure shortcode this editor models, in the order it writes them; a figure
/// with any other key (class, width, link, …) stays an opaque chip.
const FIGURE_KEYS: [&str; 5] = ["src", "alt", "caption", "attr", "title"];

/// `{{< figure src="…" alt="…" caption="…" attr="…" title="…" >}}` (empty values left out).
pub fn figure_text(attrs: &ImageAttrs) -> String {
    let mut out = String::from("{{< figure");
    let values = [
        Some(&attrs.src),
        Some(&attrs.alt),
        attrs.caption.as_ref(),
        attrs.credit.as_ref(),
        attrs.title.as_ref(),
    ];
    for (key, value) in FIGURE_KEYS.iter().zip(values) {
        let Some(value) = value else { continue };
        if value.is_empty() && *key != "src" && *key != "alt" {
            continue;
        }
        out.push_str(&format!(" {key}=\"{}\"", quote(value)));
    }
    out.push_str(" >}}");
    out
}

/// A value inside a Hugo shortcode's double quotes: `"` escaped, one line.
fn quote(value: &str) -> String {
    value.replace(['\r', '\n'], " ").replace('"', "\\\"")
}

/// The attributes of a simple figure shortcode: `{{< figure key="value" … >}}` with only the
/// keys in [`FIGURE_KEYS`], each once, double-quoted, on one line, and a `src`.
pub fn parse_figure(text: &str) -> Option<ImageAttrs> {
    let inner = text.strip_prefix("{{<")?.strip_suffix(">}}")?;
    if inner.contains('\n') || inner.ends_with('/') {
        return None;
    }
    let rest = inner.trim_start().strip_prefix("figure")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut attrs = ImageAttrs {
        figure: true,
        ..ImageAttrs::default()
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let key = &rest[..eq];
        let key = FIGURE_KEYS.iter().find(|k| **k == key)?;
        if seen.contains(key) {
            return None;
        }
        seen.push(key);
        let (value, after) = quoted(rest[eq + 1..].strip_prefix('"')?)?;
        match *key {
            "src" => attrs.src = value,
            "alt" => attrs.alt = value,
            "caption" => attrs.caption = Some(value).filter(|v| !v.is_empty()),
            "attr" => attrs.credit = Some(value).filter(|v| !v.is_empty()),
            _ => attrs.title = Some(value).filter(|v| !v.is_empty()),
        }
        if !after.is_empty() && !after.starts_with(char::is_whitespace) {
            return None;
        }
        rest = after.trim_start();
    }
    (!attrs.src.is_empty()).then_some(attrs)
}

/// The value up to the closing `"` (`\"` is a quote inside it) and the text after it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[i + 1..])),
            '\\' if text[i + 1..].starts_with('"') => {
                value.push('"');
                chars.next();
            }
            '{' | '}' => return None,
            c => value.push(c),
        }
    }
    None
}

/// The document as the preview renders it: images written as figures (which comrak would
/// show as shortcode text) become the HTML Hugo's `figure` shortcode makes. The result goes
/// through the sanitiser like everything else in the preview.
pub(super) fn for_preview(node: &DocNode) -> DocNode {
    if node.node_type == "image" {
        let attrs = ImageAttrs::from_node(node);
        if attrs.needs_figure() {
            let mut html = format!(
                "<figure><img src=\"{}\" alt=\"{}\"",
                html_escape(&attrs.src),
                html_escape(&attrs.alt)
            );
            if let Some(title) = &attrs.title {
                html.push_str(&format!(" title=\"{}\"", html_escape(title)));
            }
            html.push('>');
            let caption: Vec<&str> = [attrs.caption.as_deref(), attrs.credit.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !caption.is_empty() {
                html.push_str(&format!(
                    "<figcaption>{}</figcaption>",
                    html_escape(&caption.join(" — "))
                ));
            }
            html.push_str("</figure>");
            let mut out = DocNode::new("opaqueInline")
                .with_attr("label", "Figure")
                .with_attr("source", html);
            out.marks = node.marks.clone();
            return out;
        }
        return node.clone();
    }
    let mut out = node.clone();
    if let Some(children) = &node.content {
        out.content = Some(children.iter().map(for_preview).collect());
    }
    out
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text of the document's link definition blocks, which reference-style images need.
pub(super) fn definitions(doc: &DocNode) -> String {
    doc.children()
        .iter()
        .filter(|n| n.node_type == "opaque" && n.attr_str("label") == Some("Link definitions"))
        .filter_map(|n| n.attr_str("source"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simple_figure_is_read_and_written_the_same() {
        let text = "{{< figure src=\"/images/a.jpg\" alt=\"Bridge \\\"Kirkenes\\\"\" caption=\"Photo: Åsa\" >}}";
        let attrs = parse_figure(text).unwrap();
        assert_eq!(attrs.alt, "Bridge \"Kirkenes\"");
        assert_eq!(attrs.caption.as_deref(), Some("Photo: Åsa"));
        assert_eq!(figure_text(&attrs), text);
    }

    #[test]
    fn a_figure_with_other_keys_or_forms_is_not_simple() {
        for text in [
            "{{< figure src=\"a.jpg\" class=\"wide\" >}}",
            "{{< figure src=a.jpg >}}",
            "{{< figure src=\"a.jpg\" src=\"b.jpg\" >}}",
            "{{< figure alt=\"no src\" >}}",
            "{{% figure src=\"a.jpg\" %}}",
            "{{< figure src=\"{{< x >}}\" >}}",
            "{{< figures src=\"a.jpg\" >}}",
            "{{< figure src=\"a.jpg\"alt=\"b\" >}}",
        ] {
            assert_eq!(parse_figure(text), None, "{text}");
        }
    }

    #[test]
    fn a_changed_source_is_not_reused() {
        let read = from_markdown(
            &NodeLink {
                url: "a b.jpg".into(),
                title: String::new(),
            },
            "Fjord".into(),
            "![Fjord]( <a b.jpg> )",
            "",
        );
        assert_eq!(read.attr_str("source"), Some("![Fjord]( <a b.jpg> )"));
        assert_eq!(to_markdown(&read, ""), "![Fjord]( <a b.jpg> )");
        let changed = read.clone().with_attr("alt", "Fjord at dusk");
        // comrak's formatter percent-encodes the space; it reads back as the same address.
        assert_eq!(to_markdown(&changed, ""), "![Fjord at dusk](a%20b.jpg)");
        let captioned = read.with_attr("caption", "Tromsø");
        assert_eq!(
            to_markdown(&captioned, ""),
            "{{< figure src=\"a b.jpg\" alt=\"Fjord\" caption=\"Tromsø\" >}}"
        );
    }
}
