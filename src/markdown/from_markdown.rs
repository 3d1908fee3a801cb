//! Markdown -> editor document, through comrak's AST.

use std::ops::Range;

use comrak::nodes::{AstNode, ListType, NodeValue, Sourcepos};
use comrak::{Arena, parse_document};

use super::Flavor;
use super::doc::{DocMark, DocNode};

/// Parses Markdown (a body without front matter) into the editor's document.
pub fn markdown_to_doc(markdown: &str) -> DocNode {
    markdown_to_doc_with(markdown, Flavor::default())
}

/// Parses Markdown with a collection's conventions (interview questions).
pub fn markdown_to_doc_with(markdown: &str, flavor: Flavor) -> DocNode {
    let blocks: Vec<DocNode> = parse_blocks_with(markdown, flavor)
        .into_iter()
        .map(|(node, _)| node)
        .collect();
    if blocks.is_empty() {
        DocNode::empty_doc()
    } else {
        DocNode::new("doc").with_content(blocks)
    }
}

/// The top-level blocks of a Markdown text, each with the byte range of the whole lines it
/// occupies (from the start of its first line to the end of its last line, newline included).
/// What lies between two ranges is blank lines or text that makes no block of its own (link
/// reference definitions).
pub fn parse_blocks(markdown: &str) -> Vec<(DocNode, Range<usize>)> {
    parse_blocks_with(markdown, Flavor::default())
}

pub fn parse_blocks_with(markdown: &str, flavor: Flavor) -> Vec<(DocNode, Range<usize>)> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &super::options());
    let source = Source::new(markdown);
    let mut blocks: Vec<(DocNode, Range<usize>)> = root
        .children()
        .map(|n| {
            let pos = n.data.borrow().sourcepos;
            let node = block(n, &source);
            let node = if flavor.questions {
                as_question(node)
            } else {
                node
            };
            (node, source.line_range(pos.start.line, pos.end.line))
        })
        .collect();
    // comrak moves footnote definitions to the end of its tree; the editor shows every block
    // where the author wrote it.
    blocks.sort_by_key(|(_, span)| span.start);
    with_definitions(markdown, blocks)
}

/// Text between blocks that makes no block (link reference definitions: `[name]: url`)
/// becomes an opaque block of its own, so the editor shows it and no re-format drops it —
/// a table or HTML block kept verbatim may depend on it.
fn with_definitions(
    markdown: &str,
    blocks: Vec<(DocNode, Range<usize>)>,
) -> Vec<(DocNode, Range<usize>)> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut cursor = 0;
    let push_gap = |out: &mut Vec<(DocNode, Range<usize>)>, gap: Range<usize>| {
        let text = &markdown[gap.clone()];
        let Some(first) = text.find(|c: char| !c.is_whitespace()) else {
            return;
        };
        let start = gap.start + text[..first].rfind('\n').map_or(0, |i| i + 1);
        let last = text.trim_end().len();
        let end = gap.start + text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
        let source = markdown[start..end].trim_end();
        out.push((opaque("opaque", "Link definitions", source), start..end));
    };
    for (node, span) in blocks {
        if span.start > cursor {
            push_gap(&mut out, cursor..span.start);
        }
        cursor = cursor.max(span.end);
        out.push((node, span));
    }
    if cursor < markdown.len() {
        push_gap(&mut out, cursor..markdown.len());
    }
    out
}

/// An interview's question: a top-level paragraph that is bold from end to end
/// (`**What brought you to Kirkenes?**`) becomes a `question` block in the editor; it is
/// written back the same way, so any Hugo theme shows it bold.
fn as_question(node: DocNode) -> DocNode {
    let all_bold = node.node_type == "paragraph"
        && !node.children().is_empty()
        && node
            .children()
            .iter()
            .all(|c| c.node_type == "hardBreak" || c.marks().iter().any(|m| m.mark_type == "bold"))
        && node.children().iter().any(|c| c.node_type != "hardBreak");
    if !all_bold {
        return node;
    }
    let content = node
        .children()
        .iter()
        .cloned()
        .map(|mut c| {
            if let Some(marks) = c.marks.take() {
                let rest: Vec<DocMark> = marks
                    .into_iter()
                    .filter(|m| m.mark_type != "bold")
                    .collect();
                c.marks = (!rest.is_empty()).then_some(rest);
            }
            c
        })
        .collect();
    DocNode::new("question").with_content(content)
}

fn blocks_of<'a>(parent: &'a AstNode<'a>, source: &Source) -> Vec<DocNode> {
    parent.children().map(|n| block(n, source)).collect()
}

fn block<'a>(node: &'a AstNode<'a>, source: &Source) -> DocNode {
    let ast = node.data.borrow();
    match &ast.value {
        NodeValue::Paragraph => {
            let text = source.dedented(ast.sourcepos);
            if is_shortcode(text.trim()) {
                // A lone figure with simple attributes is an image in its own paragraph.
                if let Some(image) = super::images::from_shortcode(text.trim()) {
                    return DocNode::new("paragraph").with_content(vec![image]);
                }
                return opaque("opaque", "Shortcode", text.trim());
            }
            DocNode::new("paragraph").with_content(inlines_of(node, source))
        }
        NodeValue::Heading(h) => DocNode::new("heading")
            .with_attr("level", h.level)
            .with_content(inlines_of(node, source)),
        NodeValue::BlockQuote => DocNode::new("blockquote").with_content(blocks_of(node, source)),
        NodeValue::List(list) if items_all_alike(node) => {
            let task = list.is_task_list;
            let items: Vec<DocNode> = node
                .children()
                .map(|item| {
                    let content = blocks_of(item, source);
                    let content = if content.is_empty() {
                        // An empty item (`-` alone): the editor's items always hold a paragraph.
                        vec![DocNode::new("paragraph")]
                    } else {
                        content
                    };
                    match &item.data.borrow().value {
                        NodeValue::TaskItem(t) => DocNode::new("taskItem")
                            .with_attr("checked", t.symbol.is_some())
                            .with_content(content),
                        _ => DocNode::new("listItem").with_content(content),
                    }
                })
                .collect();
            // The editor's list items start with a paragraph; one that starts with a code block
            // or a shortcode is kept as written rather than changed into something else.
            if items
                .iter()
                .any(|i| i.children().first().map(|c| c.node_type.as_str()) != Some("paragraph"))
            {
                let label = if task { "Task list" } else { "List" };
                return opaque("opaque", label, source.dedented(ast.sourcepos).trim_end());
            }
            let node = match (task, list.list_type) {
                (true, _) => DocNode::new("taskList"),
                (false, ListType::Bullet) => DocNode::new("bulletList"),
                (false, ListType::Ordered) => {
                    DocNode::new("orderedList").with_attr("start", list.start)
                }
            };
            // Tight lists render without <p> in their items; the attribute keeps that.
            node.with_attr("tight", list.tight).with_content(items)
        }
        NodeValue::Table(table) => super::tables::table_to_doc(node, &table.alignments, source),
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
        NodeValue::HtmlBlock(_) => {
            opaque("opaque", "HTML", source.dedented(ast.sourcepos).trim_end())
        }
        other => opaque(
            "opaque",
            block_label(other),
            source.dedented(ast.sourcepos).trim_end(),
        ),
    }
}

/// A task list the editor can hold is a bullet list of task items only (a list mixing
/// `- [ ] a` and `- b`, or a numbered task list, stays as written).
fn items_all_alike<'a>(list: &'a AstNode<'a>) -> bool {
    let (task, ordered) = match &list.data.borrow().value {
        NodeValue::List(l) => (l.is_task_list, l.list_type == ListType::Ordered),
        _ => return false,
    };
    !(task && ordered)
        && list
            .children()
            .all(|item| matches!(item.data.borrow().value, NodeValue::TaskItem(_)) == task)
}

fn block_label(value: &NodeValue) -> &'static str {
    match value {
        NodeValue::Table(_) => "Table",
        NodeValue::List(l) if l.is_task_list => "Task list",
        NodeValue::List(_) => "List",
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
pub(super) fn inlines_of<'a>(parent: &'a AstNode<'a>, source: &Source) -> Vec<DocNode> {
    let mut out = Vec::new();
    let mut marks = Vec::new();
    for child in parent.children() {
        inline(child, &mut marks, &mut out, source);
    }
    split_shortcodes(merge_adjacent_text(out))
}

/// Hugo shortcodes inside a sentence (`see {{< ref "a" >}} here`) become inline opaque nodes,
/// so that re-printing the paragraph never escapes them.
fn split_shortcodes(nodes: Vec<DocNode>) -> Vec<DocNode> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        let Some(text) = node.text.as_deref().filter(|t| t.contains("{{")) else {
            out.push(node);
            continue;
        };
        let mut rest = text;
        while let Some((start, end)) = find_shortcode(rest) {
            if start > 0 {
                out.push(DocNode::text(&rest[..start], node.marks().to_vec()));
            }
            let shortcode = &rest[start..end];
            match super::images::from_shortcode(shortcode) {
                Some(image) => out.push(with_marks(image, node.marks())),
                None => out.push(opaque("opaqueInline", "Shortcode", shortcode)),
            }
            rest = &rest[end..];
        }
        if !rest.is_empty() {
            out.push(DocNode::text(rest, node.marks().to_vec()));
        }
    }
    out
}

/// The byte range of the first complete `{{< … >}}` or `{{% … %}}` in `text`.
fn find_shortcode(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(offset) = text[from..].find("{{") {
        let start = from + offset;
        let close = match text[start + 2..].chars().next() {
            Some('<') => ">}}",
            Some('%') => "%}}",
            _ => {
                from = start + 2;
                continue;
            }
        };
        if let Some(len) = text[start + 3..].find(close) {
            return Some((start, start + 3 + len + close.len()));
        }
        return None;
    }
    None
}

fn inline<'a>(
    node: &'a AstNode<'a>,
    marks: &mut Vec<DocMark>,
    out: &mut Vec<DocNode>,
    source: &Source,
) {
    let value = node.data.borrow().value.clone();
    let pos = node.data.borrow().sourcepos;
    let wrap = |mark: DocMark, marks: &mut Vec<DocMark>, out: &mut Vec<DocNode>| {
        marks.push(mark);
        for child in node.children() {
            inline(child, marks, out, source);
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
        NodeValue::Link(link) if node.first_child().is_none() => {
            // A link with no text has nothing to carry a mark: keep it as written.
            let source = format!("[]({}{})", link.url, title_part(&link.title));
            out.push(with_marks(opaque("opaqueInline", "Link", &source), marks));
        }
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
        NodeValue::HtmlInline(html) => {
            out.push(with_marks(opaque("opaqueInline", "HTML", &html), marks))
        }
        NodeValue::Image(link) => {
            let alt = super::images::alt_text(node);
            let image = super::images::from_markdown(&link, alt, source.slice(pos), source.text);
            // An image inside a link (a badge) keeps its link.
            out.push(with_marks(image, marks));
        }
        NodeValue::FootnoteReference(r) => out.push(with_marks(
            opaque("opaqueInline", "Footnote", &format!("[^{}]", r.name)),
            marks,
        )),
        _ => {
            for child in node.children() {
                inline(child, marks, out, source);
            }
        }
    }
}

/// ` "title"` for a link or image destination, or nothing.
fn title_part(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", title.replace('"', "\\\""))
    }
}

fn with_marks(mut node: DocNode, marks: &[DocMark]) -> DocNode {
    node.marks = (!marks.is_empty()).then(|| marks.to_vec());
    node
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
pub(super) struct Source<'s> {
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

    /// Whole lines `first..=last` (1-based), with their line endings.
    fn line_range(&self, first: usize, last: usize) -> Range<usize> {
        let start = self.offset(first, 1);
        let end = self
            .line_starts
            .get(last)
            .copied()
            .unwrap_or(self.text.len());
        start..end.max(start)
    }

    /// The source of a node nested in containers (list items, block quotes), with the
    /// containers' markers and indentation removed from its continuation lines.
    fn dedented(&self, pos: Sourcepos) -> String {
        let text = self.slice(pos);
        let indent = pos.start.column.saturating_sub(1);
        if indent == 0 {
            return text.to_owned();
        }
        let mut lines = text.split_inclusive('\n');
        let mut out = lines.next().unwrap_or_default().to_owned();
        for line in lines {
            let prefix_len = line
                .bytes()
                .take(indent)
                .take_while(|b| matches!(b, b' ' | b'>' | b'\t'))
                .count();
            out.push_str(&line[prefix_len..]);
        }
        out
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
