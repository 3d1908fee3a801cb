//! Markdown -> editor document, through comrak's AST.

use comrak::nodes::{AstNode, ListType, NodeValue, Sourcepos};
use comrak::{Arena, parse_document};

use super::doc::{DocMark, DocNode};

/// Parses Markdown (a body without front matter) into the editor's document.
pub fn markdown_to_doc(markdown: &str) -> DocNode {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &super::options());
    let source = Source::new(markdown);
    let blocks = blocks_of(root, &source);
    if blocks.is_empty() {
        DocNode::empty_doc()
    } else {
        DocNode::new("doc").with_content(blocks)
    }
}

fn blocks_of<'a>(parent: &'a AstNode<'a>, source: &Source) -> Vec<DocNode> {
    parent.children().map(|n| block(n, source)).collect()
}

fn block<'a>(node: &'a AstNode<'a>, source: &Source) -> DocNode {
    let ast = node.data.borrow();
    match &ast.value {
        NodeValue::Paragraph => {
            let text = source.slice(ast.sourcepos);
            if is_shortcode(text.trim()) {
                return opaque("opaque", "Shortcode", text.trim_end());
            }
            DocNode::new("paragraph").with_content(inlines_of(node))
        }
        NodeValue::Heading(h) => DocNode::new("heading")
            .with_attr("level", h.level)
            .with_content(inlines_of(node)),
        NodeValue::BlockQuote => DocNode::new("blockquote").with_content(blocks_of(node, source)),
        NodeValue::List(list) if !list.is_task_list => {
            let items = node
                .children()
                .map(|item| DocNode::new("listItem").with_content(blocks_of(item, source)))
                .collect();
            match list.list_type {
                ListType::Bullet => DocNode::new("bulletList").with_content(items),
                ListType::Ordered => DocNode::new("orderedList")
                    .with_attr("start", list.start)
                    .with_content(items),
            }
        }
        NodeValue::CodeBlock(code) => {
            let literal = code.literal.strip_suffix('\n').unwrap_or(&code.literal);
            let language = code.info.split_whitespace().next().unwrap_or_default();
            let node = DocNode::new("codeBlock").with_attr(
                "language",
                if language.is_empty() {
                    serde_json::Value::Null
                } else {
                    language.into()
                },
            );
            if literal.is_empty() {
                node
            } else {
                node.with_content(vec![DocNode::text(literal, vec![])])
            }
        }
        NodeValue::ThematicBreak => DocNode::new("horizontalRule"),
        NodeValue::HtmlBlock(_) => opaque("opaque", "HTML", source.slice(ast.sourcepos).trim_end()),
        other => opaque(
            "opaque",
            block_label(other),
            source.slice(ast.sourcepos).trim_end(),
        ),
    }
}

fn block_label(value: &NodeValue) -> &'static str {
    match value {
        NodeValue::Table(_) => "Table",
        NodeValue::List(_) => "Task list",
        NodeValue::FootnoteDefinition(_) => "Footnote",
        _ => "Markdown",
    }
}

fn is_shortcode(text: &str) -> bool {
    (text.starts_with("{{<") && text.ends_with(">}}"))
        || (text.starts_with("{{%") && text.ends_with("%}}"))
}

fn opaque(node_type: &str, label: &str, source: &str) -> DocNode {
    DocNode::new(node_type)
        .with_attr("label", label)
        .with_attr("source", source)
}

/// Flattens inline nodes into ProseMirror text nodes with marks.
fn inlines_of<'a>(parent: &'a AstNode<'a>) -> Vec<DocNode> {
    let mut out = Vec::new();
    let mut marks = Vec::new();
    for child in parent.children() {
        inline(child, &mut marks, &mut out);
    }
    merge_adjacent_text(out)
}

fn inline<'a>(node: &'a AstNode<'a>, marks: &mut Vec<DocMark>, out: &mut Vec<DocNode>) {
    let value = node.data.borrow().value.clone();
    let wrap = |mark: DocMark, marks: &mut Vec<DocMark>, out: &mut Vec<DocNode>| {
        marks.push(mark);
        for child in node.children() {
            inline(child, marks, out);
        }
        marks.pop();
    };
    match value {
        NodeValue::Text(text) => out.push(DocNode::text(text.as_ref(), marks.clone())),
        NodeValue::SoftBreak => out.push(DocNode::text(" ", marks.clone())),
        NodeValue::LineBreak => out.push(DocNode::new("hardBreak")),
        NodeValue::Code(code) => {
            let mut with_code = marks.clone();
            with_code.push(DocMark::new("code"));
            out.push(DocNode::text(code.literal, with_code));
        }
        NodeValue::Emph => wrap(DocMark::new("italic"), marks, out),
        NodeValue::Strong => wrap(DocMark::new("bold"), marks, out),
        NodeValue::Strikethrough => wrap(DocMark::new("strike"), marks, out),
        NodeValue::Link(link) => {
            let mut mark = DocMark::new("link").with_attr("href", link.url.as_str());
            mark = mark.with_attr(
                "title",
                if link.title.is_empty() {
                    serde_json::Value::Null
                } else {
                    link.title.as_str().into()
                },
            );
            wrap(mark, marks, out)
        }
        NodeValue::HtmlInline(html) => out.push(opaque("opaqueInline", "HTML", &html)),
        NodeValue::Image(link) => {
            let alt = collect_text(node);
            let title = if link.title.is_empty() {
                String::new()
            } else {
                format!(" \"{}\"", link.title.replace('"', "\\\""))
            };
            let source = format!("![{alt}]({}{title})", link.url);
            out.push(opaque("opaqueInline", "Image", &source));
        }
        NodeValue::FootnoteReference(r) => out.push(opaque(
            "opaqueInline",
            "Footnote",
            &format!("[^{}]", r.name),
        )),
        _ => {
            for child in node.children() {
                inline(child, marks, out);
            }
        }
    }
}

fn collect_text<'a>(node: &'a AstNode<'a>) -> String {
    node.descendants()
        .filter_map(|n| match &n.data.borrow().value {
            NodeValue::Text(t) => Some(t.to_string()),
            NodeValue::Code(c) => Some(c.literal.clone()),
            _ => None,
        })
        .collect()
}

/// ProseMirror keeps neighbouring text with the same marks as one node; so do we.
fn merge_adjacent_text(nodes: Vec<DocNode>) -> Vec<DocNode> {
    let mut out: Vec<DocNode> = Vec::with_capacity(nodes.len());
    for node in nodes {
        if let (Some(last), Some(text)) = (out.last_mut(), node.text.as_deref())
            && last.node_type == "text"
            && last.marks == node.marks
            && let Some(last_text) = last.text.as_mut()
        {
            last_text.push_str(text);
            continue;
        }
        out.push(node);
    }
    out
}

/// The Markdown source, addressable by comrak's 1-based line/byte-column positions.
struct Source<'s> {
    text: &'s str,
    line_starts: Vec<usize>,
}

impl<'s> Source<'s> {
    fn new(text: &'s str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source { text, line_starts }
    }

    fn offset(&self, line: usize, column: usize) -> usize {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        (start + column.saturating_sub(1)).min(self.text.len())
    }

    /// The exact source of a node (inclusive end), snapped to character boundaries.
    fn slice(&self, pos: Sourcepos) -> &'s str {
        let mut start = self.offset(pos.start.line, pos.start.column);
        let mut end = (self.offset(pos.end.line, pos.end.column) + 1).min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        self.text.get(start..end.max(start)).unwrap_or_default()
    }
}
