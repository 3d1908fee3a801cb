//! A front matter field's value as the editor's form holds it: text, a yes/no, a list of
//! strings (tags) or a number. Dates and times travel as the text written in the file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum FieldValue {
    Bool(bool),
    Number(f64),
    List(Vec<String>),
    Text(String),
}

/// The form's fields of one draft: a value, or `None` (JSON `null`) to remove the key. A key
/// that is absent is left as the file has it.
pub type FieldEdits = BTreeMap<String, Option<FieldValue>>;

impl FieldValue {
    /// The value as text, the way validation and lists show it.
    pub fn as_text(&self) -> String {
        match self {
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::Number(n) => number_text(*n),
            FieldValue::List(items) => items.join(", "),
            FieldValue::Text(t) => t.clone(),
        }
    }

    /// Whether the form left it empty (an empty text or list).
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Text(t) => t.trim().is_empty(),
            FieldValue::List(items) => items.iter().all(|i| i.trim().is_empty()),
            _ => false,
        }
    }
}

/// A number as a person writes it: `3`, not `3.0`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
