//! The editor's document as it crosses IPC: ProseMirror's JSON shape, kept generic (type
//! name + attrs + children) so that a node the core does not know is carried, not dropped.
//! Absent and empty lists are the same thing to ProseMirror; the accessors treat them so.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Attrs = BTreeMap<String, serde_json::Value>;

/// A ProseMirror node: `{ type, attrs?, content?, text?, marks? }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocNode {
    #[serde(rename = "type")]
    pub node_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "{ [key in string]?: JsonValue }")]
    pub attrs: Option<Attrs>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub content: Option<Vec<DocNode>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub marks: Option<Vec<DocMark>>,
}

/// A ProseMirror mark on a text node: `{ type, attrs? }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocMark {
    #[serde(rename = "type")]
    pub mark_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "{ [key in string]?: JsonValue }")]
    pub attrs: Option<Attrs>,
}

impl DocNode {
    pub fn new(node_type: &str) -> Self {
        DocNode {
            node_type: node_type.to_owned(),
            attrs: None,
            content: None,
            text: None,
            marks: None,
        }
    }

    pub fn text(text: impl Into<String>, marks: Vec<DocMark>) -> Self {
        DocNode {
            text: Some(text.into()),
            marks: (!marks.is_empty()).then_some(marks),
            ..DocNode::new("text")
        }
    }

    pub fn with_attr(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.attrs
            .get_or_insert_with(Attrs::new)
            .insert(key.to_owned(), value.into());
        self
    }

    pub fn with_content(mut self, content: Vec<DocNode>) -> Self {
        self.content = (!content.is_empty()).then_some(content);
        self
    }

    /// An empty document: one empty paragraph, as the editor makes for a new entry.
    pub fn empty_doc() -> Self {
        DocNode::new("doc").with_content(vec![DocNode::new("paragraph")])
    }

    pub fn children(&self) -> &[DocNode] {
        self.content.as_deref().unwrap_or(&[])
    }

    pub fn marks(&self) -> &[DocMark] {
        self.marks.as_deref().unwrap_or(&[])
    }

    pub fn attr_str(&self, key: &str) -> Option<&str> {
        self.attrs.as_ref()?.get(key)?.as_str()
    }

    pub fn attr_u64(&self, key: &str) -> Option<u64> {
        self.attrs.as_ref()?.get(key)?.as_u64()
    }

    /// The same document with editor defaults removed, for comparing documents that came from
    /// different sides: attributes that are `null` are dropped (Tiptap sends `target: null`
    /// on links, `type: null` on ordered lists) and marks are sorted by name (Tiptap orders
    /// them by its schema, the bridge by nesting).
    pub fn normalized(&self) -> DocNode {
        let attrs = self.attrs.as_ref().map(|a| {
            a.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Attrs>()
        });
        let mut marks: Vec<DocMark> = self
            .marks()
            .iter()
            .map(|m| DocMark {
                mark_type: m.mark_type.clone(),
                attrs: m
                    .attrs
                    .as_ref()
                    .map(|a| {
                        a.iter()
                            .filter(|(_, v)| !v.is_null())
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect::<Attrs>()
                    })
                    .filter(|a| !a.is_empty()),
            })
            .collect();
        marks.sort_by(|a, b| a.mark_type.cmp(&b.mark_type));
        DocNode {
            node_type: self.node_type.clone(),
            attrs: attrs.filter(|a| !a.is_empty()),
            content: self
                .content
                .as_ref()
                .map(|c| c.iter().map(DocNode::normalized).collect::<Vec<_>>())
                .filter(|c| !c.is_empty()),
            text: self.text.clone(),
            marks: (!marks.is_empty()).then_some(marks),
        }
    }

    /// All the text under this node, blocks separated by newlines (for counts and search).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        if let Some(t) = &self.text {
            out.push_str(t);
        }
        for child in self.children() {
            child.collect_text(out);
        }
        if self.content.is_some() && !out.ends_with('\n') {
            out.push('\n');
        }
    }
}

impl DocMark {
    pub fn new(mark_type: &str) -> Self {
        DocMark {
            mark_type: mark_type.to_owned(),
            attrs: None,
        }
    }

    pub fn with_attr(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.attrs
            .get_or_insert_with(Attrs::new)
            .insert(key.to_owned(), value.into());
        self
    }

    pub fn attr_str(&self, key: &str) -> Option<&str> {
        self.attrs.as_ref()?.get(key)?.as_str()
    }
}
