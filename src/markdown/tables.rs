//! GFM tables as editable nodes: comrak's `Table > TableRow > TableCell > inlines` and the
//! editor's `table > tableRow > tableHeader|tableCell > paragraph`. The first row is the header
//! row (GFM has exactly one); a column's alignment is carried on each of its cells as `align`.
//! GFM cells hold one line of inline text, so what a cell cannot hold in Markdown (a line break,
//! a second paragraph, a merged cell) is flattened here, never written as a broken table.

use comrak::nodes::{AstNode, NodeTable, NodeValue, TableAlignment};

use super::doc::DocNode;
use super::from_markdown::{Source, inlines_of};
use super::to_markdown::Builder;
use crate::content::ContentError;

/// A comrak table as the editor's table node.
pub(super) fn table_to_doc<'a>(
    node: &'a AstNode<'a>,
    alignments: &[TableAlignment],
    source: &Source,
) -> DocNode {
    let rows = node
        .children()
        .map(|row| {
            let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            let cells = row
                .children()
                .enumerate()
                .map(|(i, cell)| {
                    let align = alignments.get(i).and_then(|a| align_name(*a));
                    DocNode::new(if header { "tableHeader" } else { "tableCell" })
                        .with_attr("colspan", 1)
                        .with_attr("rowspan", 1)
                        .with_attr("colwidth", serde_json::Value::Null)
                        .with_attr("align", align.map_or(serde_json::Value::Null, Into::into))
                        .with_content(vec![
                            DocNode::new("paragraph").with_content(inlines_of(cell, source)),
                        ])
                })
                .collect();
            DocNode::new("tableRow").with_content(cells)
        })
        .collect();
    DocNode::new("table").with_content(rows)
}

fn align_name(a: TableAlignment) -> Option<&'static str> {
    match a {
        TableAlignment::Left => Some("left"),
        TableAlignment::Center => Some("center"),
        TableAlignment::Right => Some("right"),
        TableAlignment::None => None,
    }
}

fn alignment(cell: &DocNode) -> TableAlignment {
    match cell.attr_str("align") {
        Some("left") => TableAlignment::Left,
        Some("center") => TableAlignment::Center,
        Some("right") => TableAlignment::Right,
        _ => TableAlignment::None,
    }
}

/// How many columns a cell spans (a merged cell made in the editor is written as one cell
/// followed by empty ones).
fn span(cell: &DocNode) -> usize {
    cell.attr_u64("colspan").unwrap_or(1).clamp(1, 1000) as usize
}

/// The inline content of a cell on one line: paragraphs joined by a space, line breaks made
/// spaces.
fn cell_inlines(cell: &DocNode) -> Vec<DocNode> {
    let mut out: Vec<DocNode> = Vec::new();
    for (i, block) in cell.children().iter().enumerate() {
        if i > 0 {
            out.push(DocNode::text(" ", vec![]));
        }
        for inline in block.children() {
            if inline.node_type == "hardBreak" {
                out.push(DocNode::text(" ", vec![]));
            } else {
                out.push(inline.clone());
            }
        }
    }
    out
}

impl<'a> Builder<'a, '_> {
    /// Adds the editor's table node to `parent` as a GFM table.
    pub(super) fn table(
        &self,
        parent: &'a AstNode<'a>,
        node: &DocNode,
    ) -> Result<(), ContentError> {
        let rows = node.children();
        let columns = rows
            .iter()
            .map(|r| r.children().iter().map(span).sum::<usize>())
            .max()
            .unwrap_or(0);
        if columns == 0 {
            // An empty table has nothing to show; writing `||` would make a paragraph of it.
            return Ok(());
        }
        let mut alignments = vec![TableAlignment::None; columns];
        if let Some(first) = rows.first() {
            let mut col = 0;
            for cell in first.children() {
                if let Some(slot) = alignments.get_mut(col) {
                    *slot = alignment(cell);
                }
                col += span(cell);
            }
        }
        let table = self.add(
            parent,
            NodeValue::Table(Box::new(NodeTable {
                alignments,
                num_columns: columns,
                num_rows: rows.len(),
                num_nonempty_cells: 0,
            })),
        );
        for (index, row) in rows.iter().enumerate() {
            let r = self.add(table, NodeValue::TableRow(index == 0));
            let mut written = 0;
            for cell in row.children() {
                let c = self.add(r, NodeValue::TableCell);
                self.inlines(c, &cell_inlines(cell))?;
                written += 1;
                for _ in 1..span(cell) {
                    self.add(r, NodeValue::TableCell);
                    written += 1;
                }
            }
            for _ in written..columns {
                self.add(r, NodeValue::TableCell);
            }
        }
        Ok(())
    }
}
