//! Editor document -> Markdown, by building comrak's AST and letting comrak's CommonMark
//! formatter print it. The editor never prints Markdown; neither does this module by hand,
//! except for opaque nodes, whose exact source is passed through as comrak `Raw` output.

use comrak::nodes::{
    AstNode, ListDelimType, ListType, NodeCode, NodeCodeBlock, NodeHeading, NodeLink, NodeList,
    NodeTaskItem, NodeValue,
};
use comrak::{Arena, format_commonmark};

use super::doc::{DocMark, DocNode};
use crate::content::ContentError;

/// Prints a document as Markdown. Fails, naming the node, if the document holds a node type
/// the bridge does not know: refusing is better than silently dropping what someone wrote.
pub fn doc_to_markdown(doc: &DocNode) -> Result<String, ContentError> {
    doc_to_markdown_in(doc, &super::images::definitions(doc))
}

/// Prints a document that is part of a larger one, whose link definitions (`context`) its
/// reference-style images may use.
pub(super) fn doc_to_markdown_in(doc: &DocNode, context: &str) -> Result<String, ContentError> {
    // Top-level blocks are printed one by one and joined by a blank line, which is what comrak
    // does between blocks, except that comrak also writes `<!-- end list -->` after every list
    // followed by a list or a code block. Read back, that comment is an HTML block the author
    // never wrote; it is only written here where two lists would otherwise merge into one.
    let mut out = String::new();
    let mut previous: Option<&DocNode> = None;
    for block in doc.children() {
        let text = print_blocks(std::slice::from_ref(block), context)?;
        if text.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if previous.is_some_and(|p| lists_would_merge(p, block)) {
                out.push_str("<!-- end list -->\n\n");
            }
        }
        out.push_str(&text);
        previous = Some(block);
    }
    Ok(out)
}

fn print_blocks(blocks: &[DocNode], context: &str) -> Result<String, ContentError> {
    let arena = Arena::new();
    let root = arena.alloc(AstNode::from(NodeValue::Document));
    let builder = Builder {
        arena: &arena,
        context,
    };
    for block in blocks {
        builder.block(root, block)?;
    }
    let mut out = String::new();
    format_commonmark(root, &super::options(), &mut out)
        .map_err(|_| ContentError::Unsupported("the formatter failed".into()))?;
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// Two lists written one after the other with the same kind of marker (`-` for bullet and
/// task lists, `1.` for numbered ones) are one list to a Markdown reader.
fn lists_would_merge(a: &DocNode, b: &DocNode) -> bool {
    let marker = |n: &DocNode| match n.node_type.as_str() {
        "bulletList" | "taskList" => Some('-'),
        "orderedList" => Some('.'),
        _ => None,
    };
    marker(a).is_some() && marker(a) == marker(b)
}

pub(super) struct Builder<'a, 'c> {
    arena: &'a Arena<'a>,
    /// The whole document's link definitions, for reference-style images.
    context: &'c str,
}

impl<'a> Builder<'a, '_> {
    pub(super) fn add(&self, parent: &'a AstNode<'a>, value: NodeValue) -> &'a AstNode<'a> {
        let node = self.arena.alloc(AstNode::from(value));
        parent.append(node);
        node
    }

    fn block(&self, parent: &'a AstNode<'a>, node: &DocNode) -> Result<(), ContentError> {
        match node.node_type.as_str() {
            "paragraph" => {
                let p = self.add(parent, NodeValue::Paragraph);
                self.inlines(p, node.children())?;
            }
            "question" => {
                // Written as a paragraph that is bold from end to end.
                let p = self.add(parent, NodeValue::Paragraph);
                let bold: Vec<DocNode> = node
                    .children()
                    .iter()
                    .cloned()
                    .map(|mut c| {
                        if c.node_type != "hardBreak" {
                            let mut marks = c.marks.take().unwrap_or_default();
                            marks.insert(0, DocMark::new("bold"));
                            c.marks = Some(marks);
                        }
                        c
                    })
                    .collect();
                self.inlines(p, &bold)?;
            }
            "heading" => {
                let level = node.attr_u64("level").unwrap_or(2).clamp(1, 6) as u8;
                let h = self.add(
                    parent,
                    NodeValue::Heading(NodeHeading {
                        level,
                        setext: false,
                        closed: false,
                    }),
                );
                self.inlines(h, node.children())?;
            }
            "blockquote" => {
                let q = self.add(parent, NodeValue::BlockQuote);
                for child in node.children() {
                    self.block(q, child)?;
                }
            }
            "bulletList" | "orderedList" | "taskList" => {
                let task = node.node_type == "taskList";
                let list = NodeList {
                    list_type: if node.node_type == "orderedList" {
                        ListType::Ordered
                    } else {
                        ListType::Bullet
                    },
                    is_task_list: task,
                    start: node.attr_u64("start").unwrap_or(1) as usize,
                    delimiter: ListDelimType::Period,
                    bullet_char: b'-',
                    tight: node
                        .attrs
                        .as_ref()
                        .and_then(|a| a.get("tight"))
                        .and_then(serde_json::Value::as_bool)
                        .unwrap_or(true),
                    ..NodeList::default()
                };
                let l = self.add(parent, NodeValue::List(list));
                for item in node.children() {
                    let value = if task {
                        let checked = item
                            .attrs
                            .as_ref()
                            .and_then(|a| a.get("checked"))
                            .and_then(serde_json::Value::as_bool)
                            .unwrap_or(false);
                        NodeValue::TaskItem(NodeTaskItem {
                            symbol: checked.then_some('x'),
                            symbol_sourcepos: (0, 0, 0, 0).into(),
                        })
                    } else {
                        NodeValue::Item(list)
                    };
                    let i = self.add(l, value);
                    for child in item.children() {
                        self.block(i, child)?;
                    }
                }
            }
            "codeBlock" => {
                let mut literal: String = node
                    .children()
                    .iter()
                    .filter_map(|t| t.text.as_deref())
                    .collect();
                if !literal.is_empty() {
                    literal.push('\n');
                }
                self.add(
                    parent,
                    NodeValue::CodeBlock(Box::new(NodeCodeBlock {
                        fenced: true,
                        fence_char: b'`',
                        fence_length: fence_length(&literal),
                        info: node.attr_str("language").unwrap_or_default().to_owned(),
                        literal,
                        ..NodeCodeBlock::default()
                    })),
                );
            }
            "table" => self.table(parent, node)?,
            "horizontalRule" => {
                self.add(parent, NodeValue::ThematicBreak);
            }
            "opaque" => {
                // A paragraph holding raw output: comrak separates it from its neighbours
                // like any block and prints the source untouched.
                let p = self.add(parent, NodeValue::Paragraph);
                self.add(
                    p,
                    NodeValue::Raw(node.attr_str("source").unwrap_or_default().to_owned()),
                );
            }
            other => {
                return Err(ContentError::Unsupported(format!(
                    "a block of type \"{other}\""
                )));
            }
        }
        Ok(())
    }

    pub(super) fn inlines(
        &self,
        parent: &'a AstNode<'a>,
        nodes: &[DocNode],
    ) -> Result<(), ContentError> {
        // Open mark wrappers, outermost first; neighbours that share marks share wrappers,
        // so `**a** **b**` does not become `**a****b**`.
        let mut open: Vec<(DocMark, &'a AstNode<'a>)> = Vec::new();
        for (index, node) in nodes.iter().enumerate() {
            // Code is a leaf (a code span), never a wrapper; the other marks wrap the text.
            if node.node_type == "hardBreak" {
                // A line break carries no marks in the editor, but must not end the emphasis
                // around it: it goes inside the wrappers that the text after it continues.
                // Wrappers that end here close first, or the break would move into the link
                // before it (and be lost when read back).
                let next_marks = nodes[index + 1..]
                    .iter()
                    .find(|n| n.node_type != "hardBreak")
                    .map(|n| n.marks())
                    .unwrap_or(&[]);
                let keep = open
                    .iter()
                    .take_while(|(m, _)| next_marks.contains(m))
                    .count();
                open.truncate(keep);
                let container = open.last().map(|(_, n)| *n).unwrap_or(parent);
                self.add(container, NodeValue::LineBreak);
                continue;
            }
            let code = node.marks().iter().any(|m| m.mark_type == "code");
            let wrapping: Vec<&DocMark> = node
                .marks()
                .iter()
                .filter(|m| m.mark_type != "code")
                .collect();
            // Keep open every wrapper whose mark still applies (outermost first), so a bold
            // sentence with a link inside stays one `**…**` around the link.
            let keep = open
                .iter()
                .take_while(|(m, _)| wrapping.contains(&m))
                .count();
            open.truncate(keep);
            let mut to_open: Vec<&DocMark> = wrapping
                .into_iter()
                .filter(|m| !open.iter().any(|(o, _)| o == *m))
                .collect();
            // The mark that runs on longest opens first (outermost), so it is written once.
            // Ties keep the document's order: the bridge lists marks outermost first, as the
            // Markdown nested them; Tiptap lists them in schema order (emphasis before link).
            let run = |mark: &DocMark| {
                nodes[index..]
                    .iter()
                    .take_while(|n| n.node_type == "hardBreak" || n.marks().contains(mark))
                    .count()
            };
            to_open.sort_by_key(|m| std::cmp::Reverse(run(m)));
            for mark in to_open {
                let container = open.last().map(|(_, n)| *n).unwrap_or(parent);
                let wrapper = self.add(container, mark_value(mark)?);
                open.push((mark.clone(), wrapper));
            }
            let container = open.last().map(|(_, n)| *n).unwrap_or(parent);
            match node.node_type.as_str() {
                "text" => {
                    let text = node.text.clone().unwrap_or_default();
                    if code {
                        self.add(
                            container,
                            NodeValue::Code(NodeCode {
                                num_backticks: backticks_for(&text),
                                literal: text,
                            }),
                        );
                    } else {
                        self.add(container, NodeValue::Text(text.into()));
                    }
                }
                "hardBreak" => {
                    self.add(container, NodeValue::LineBreak);
                }
                "opaqueInline" => {
                    self.add(
                        container,
                        NodeValue::Raw(node.attr_str("source").unwrap_or_default().to_owned()),
                    );
                }
                // An image: its exact source while unchanged, else plain, portable
                // `![alt](src "title")` or the figure shortcode (images.rs).
                "image" => {
                    self.add(
                        container,
                        NodeValue::Raw(super::images::to_markdown(node, self.context)),
                    );
                }
                other => {
                    return Err(ContentError::Unsupported(format!(
                        "an inline node of type \"{other}\""
                    )));
                }
            }
        }
        Ok(())
    }
}

fn mark_value(mark: &DocMark) -> Result<NodeValue, ContentError> {
    Ok(match mark.mark_type.as_str() {
        "bold" => NodeValue::Strong,
        "italic" => NodeValue::Emph,
        "strike" => NodeValue::Strikethrough,
        "link" => NodeValue::Link(Box::new(NodeLink {
            url: mark.attr_str("href").unwrap_or_default().to_owned(),
            title: mark.attr_str("title").unwrap_or_default().to_owned(),
        })),
        other => {
            return Err(ContentError::Unsupported(format!(
                "a text style of type \"{other}\""
            )));
        }
    })
}

/// A code span needs a backtick run longer than any inside it.
fn backticks_for(text: &str) -> usize {
    longest_run(text, '`') + 1
}

/// A fence longer than any backtick run in the code (at least three).
fn fence_length(code: &str) -> usize {
    (longest_run(code, '`') + 1).max(3)
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}
