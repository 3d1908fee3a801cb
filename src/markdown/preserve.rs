//! Minimal-diff saving: a document is written back over the Markdown it came from by reusing
//! the original text of every top-level block that did not change, and of the separators
//! between unchanged neighbours. Only changed or new blocks are printed by comrak, so a
//! no-op save gives back the identical bytes and an edit to one paragraph changes only that
//! paragraph's lines in the diff.
//!
//! Blocks are matched by content (a longest common subsequence over the normalised
//! top-level blocks), so the editor needs to send no ids. The result is always checked:
//! it must parse back to the document that was meant; if reusing text would change the
//! meaning (two lists that now touch and would merge), the whole document is printed instead.

use std::ops::Range;

use super::Flavor;
use super::doc::DocNode;
use super::from_markdown::{markdown_to_doc_with, parse_blocks_with};
use super::to_markdown::{doc_to_markdown, doc_to_markdown_in};
use crate::content::ContentError;

/// Writes `doc` as Markdown, reusing the text of `original` wherever the document did not
/// change there.
pub fn doc_to_markdown_preserving(doc: &DocNode, original: &str) -> Result<String, ContentError> {
    doc_to_markdown_preserving_with(doc, original, Flavor::default())
}

/// The same, for a collection with its own conventions (interview questions).
pub fn doc_to_markdown_preserving_with(
    doc: &DocNode,
    original: &str,
    flavor: Flavor,
) -> Result<String, ContentError> {
    let wanted = normalize_empty(&doc.normalized());
    let old = parse_blocks_with(original, flavor);
    let old_nodes: Vec<DocNode> = old.iter().map(|(n, _)| n.normalized()).collect();
    let new_nodes: Vec<DocNode> = doc.children().iter().map(DocNode::normalized).collect();
    if old_nodes == new_nodes
        || (old_nodes.is_empty() && wanted == DocNode::empty_doc().normalized())
    {
        // Nothing changed (this also keeps a body of only blank lines as it was).
        return Ok(original.to_owned());
    }
    let matched = align(&old_nodes, &new_nodes);
    let spans: Vec<Range<usize>> = old.into_iter().map(|(_, span)| span).collect();

    let reused = compose(doc, original, &spans, &matched)?;
    if normalize_empty(&markdown_to_doc_with(&reused, flavor).normalized()) == wanted {
        return Ok(reused);
    }
    let printed = doc_to_markdown(doc)?;
    if normalize_empty(&markdown_to_doc_with(&printed, flavor).normalized()) == wanted {
        return Ok(printed);
    }
    // Neither reads back exactly (a construct comrak itself does not round-trip): keep the
    // version that changes the least.
    Ok(reused)
}

/// An editor document with no blocks and one with a single empty paragraph are the same page.
fn normalize_empty(doc: &DocNode) -> DocNode {
    if doc.children().is_empty() || *doc == DocNode::empty_doc().normalized() {
        DocNode::empty_doc().normalized()
    } else {
        doc.clone()
    }
}

/// For each new block, the old block it equals, if any (order-preserving, as many as possible).
fn align(old: &[DocNode], new: &[DocNode]) -> Vec<Option<usize>> {
    let (n, m) = (old.len(), new.len());
    // lengths[i][j]: longest common subsequence of old[i..] and new[j..]
    let mut lengths = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i][j] = if old[i] == new[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let mut matched = vec![None; m];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if old[i] == new[j] {
            matched[j] = Some(i);
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    matched
}

fn compose(
    doc: &DocNode,
    original: &str,
    spans: &[Range<usize>],
    matched: &[Option<usize>],
) -> Result<String, ContentError> {
    let gap = |k: usize| -> Range<usize> {
        let start = if k == 0 { 0 } else { spans[k - 1].end };
        let end = spans.get(k).map_or(original.len(), |s| s.start);
        start..end.max(start)
    };
    // gap k lies before old block k; gap spans.len() is the tail
    let mut gap_used = vec![false; spans.len() + 1];
    let definitions = super::images::definitions(doc);
    let mut out = String::with_capacity(original.len() + 64);
    let mut previous: Option<Option<usize>> = None;
    for (j, block) in doc.children().iter().enumerate() {
        let here = matched[j];
        let separator = match (previous, here) {
            (None, Some(0)) => Some(0),
            (Some(Some(a)), Some(b)) if b == a + 1 => Some(b),
            _ => None,
        };
        match separator {
            Some(k) => {
                out.push_str(&original[gap(k)]);
                gap_used[k] = true;
            }
            None if previous.is_some() => {
                ensure_newline(&mut out);
                out.push('\n');
            }
            None => {}
        }
        match here {
            Some(i) => out.push_str(&original[spans[i].clone()]),
            None => out.push_str(&print_block(block, &definitions)?),
        }
        previous = Some(here);
    }
    let last = spans.len();
    match previous {
        Some(Some(i)) if i + 1 == last => {
            out.push_str(&original[gap(last)]);
            gap_used[last] = true;
        }
        Some(_) => ensure_newline(&mut out),
        None => {}
    }
    // Text between blocks that is not blank (link reference definitions) is never dropped,
    // even when the blocks around it were: it goes to the end, where it means the same.
    for (k, used) in gap_used.iter().enumerate() {
        let text = &original[gap(k)];
        if !used && !text.trim().is_empty() {
            ensure_newline(&mut out);
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(text.trim_matches(['\n', '\r']));
            out.push('\n');
        }
    }
    Ok(out)
}

fn ensure_newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn print_block(block: &DocNode, definitions: &str) -> Result<String, ContentError> {
    let single = DocNode::new("doc").with_content(vec![block.clone()]);
    let mut text = doc_to_markdown_in(&single, definitions)?;
    ensure_newline(&mut text);
    Ok(text)
}
