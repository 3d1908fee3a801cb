//! The typed fields of an entry's form: what a collection's form shows, the values an entry
//! has (its file's front matter with the draft's edits laid over it), the values a new entry
//! starts with, and writing a draft's edits into front matter field by field.

use std::collections::BTreeMap;

use super::types::{FieldEdits, FieldInfo, FieldValue};
use crate::content::FrontMatter;
use crate::site::{Collection, Field, FieldKind};
use crate::{Error, Result};

/// The form of a collection, field by field.
pub fn field_infos(collection: &Collection) -> Vec<FieldInfo> {
    collection
        .all_fields()
        .iter()
        .map(|f| FieldInfo {
            name: f.name.clone(),
            label: f.display_name(),
            kind: f.kind,
            required: f.required,
            default: f.default.clone(),
            options: f.options.clone(),
            collection: f.collection.clone(),
            after: f.after.clone(),
            before: f.before.clone(),
            alt: f.alt.clone(),
            zone: f.zone.clone(),
            caption: f.caption.clone(),
            credit: f.credit.clone(),
            focal: f.focal.clone(),
        })
        .collect()
}

/// The names of the fields the form edits, and the alt-text, caption, credit and focal point
/// fields that images name (they need not be declared as fields of their own). The title is
/// edited apart.
fn form_keys(collection: &Collection) -> Vec<String> {
    let fields = collection.all_fields();
    let mut keys: Vec<String> = fields
        .iter()
        .filter(|f| f.name != "title")
        .map(|f| f.name.clone())
        .collect();
    let named = fields.iter().flat_map(|f| {
        [&f.alt, &f.caption, &f.credit, &f.focal]
            .into_iter()
            .filter_map(Clone::clone)
    });
    for key in named.collect::<Vec<_>>() {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The values a file's front matter gives the form.
pub fn values_of(
    collection: &Collection,
    front: Option<&FrontMatter>,
) -> BTreeMap<String, FieldValue> {
    let Some(front) = front else {
        return BTreeMap::new();
    };
    form_keys(collection)
        .into_iter()
        .filter_map(|key| front.get_value(&key).map(|v| (key, v)))
        .collect()
}

/// The form's values after a draft's edits: set keys replaced, `null` ones removed.
pub fn overlay(
    mut values: BTreeMap<String, FieldValue>,
    edits: &FieldEdits,
) -> BTreeMap<String, FieldValue> {
    for (key, edit) in edits {
        match edit {
            Some(value) => {
                values.insert(key.clone(), value.clone());
            }
            None => {
                values.remove(key);
            }
        }
    }
    values
}

/// The fields a new entry starts with: the schema's defaults (`today` and `now` resolved).
pub fn defaults(collection: &Collection) -> FieldEdits {
    collection
        .all_fields()
        .iter()
        .filter(|f| f.name != "title")
        .filter_map(|f| {
            let default = f.default.as_deref()?;
            let value = match (f.kind, default) {
                (FieldKind::Date, "today") => {
                    FieldValue::Text(chrono::Local::now().format("%Y-%m-%d").to_string())
                }
                (FieldKind::Datetime, "now") => FieldValue::Text(
                    chrono::Local::now()
                        .format("%Y-%m-%dT%H:%M:00%:z")
                        .to_string(),
                ),
                (FieldKind::Bool, text) => FieldValue::Bool(text == "true"),
                (FieldKind::List, text) => FieldValue::List(
                    text.split(',')
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty())
                        .collect(),
                ),
                (_, text) => FieldValue::Text(text.to_owned()),
            };
            Some((f.name.clone(), Some(value)))
        })
        .collect()
}

/// Writes a draft's edits into front matter, one field's lines at a time. Values are first
/// brought to the field's type (a number field's text becomes a number); an empty optional
/// text or list removes the key rather than writing an empty value.
pub fn apply(collection: &Collection, front: &mut FrontMatter, edits: &FieldEdits) -> Result<()> {
    let fields = collection.all_fields();
    for (key, edit) in edits {
        if key == "title" {
            continue;
        }
        let field = fields.iter().find(|f| &f.name == key);
        let value = edit.as_ref().map(|v| typed(field, v)).transpose()?;
        match value {
            Some(value) if !value.is_empty() => front.set_value(key, &value)?,
            // Emptied by the form: drop the key, unless the file holds it empty already.
            Some(_) if front.contains(key) && front.get_value(key).is_none_or(|v| v.is_empty()) => {
            }
            _ => front.remove(key)?,
        }
    }
    Ok(())
}

/// A value in its field's type, or a message naming the field.
fn typed(field: Option<&Field>, value: &FieldValue) -> Result<FieldValue> {
    let Some(field) = field else {
        return Ok(value.clone());
    };
    let wrong = |what: &str| {
        Error::Validation(format!(
            "\"{}\" must be {what}; correct the field and save again.",
            field.display_name()
        ))
    };
    Ok(match (field.kind, value) {
        (FieldKind::Number, FieldValue::Text(t)) if t.trim().is_empty() => value.clone(),
        (FieldKind::Number, FieldValue::Text(t)) => FieldValue::Number(
            t.trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| wrong("a number"))?,
        ),
        (FieldKind::Bool, FieldValue::Text(t)) => match t.trim() {
            "true" | "yes" => FieldValue::Bool(true),
            "false" | "no" | "" => FieldValue::Bool(false),
            _ => return Err(wrong("yes or no")),
        },
        (FieldKind::List, FieldValue::Text(t)) => FieldValue::List(
            t.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        (FieldKind::List, FieldValue::List(items)) => FieldValue::List(
            items
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        (FieldKind::Bool | FieldKind::Number | FieldKind::List, _) => value.clone(),
        (_, FieldValue::Text(t)) => FieldValue::Text(t.clone()),
        (_, FieldValue::List(_) | FieldValue::Bool(_)) => return Err(wrong("text")),
        (_, FieldValue::Number(n)) => FieldValue::Text(crate::content::number_text(*n)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::FrontMatter;
    use crate::site::{FrontMatterFormat, Layout};

    fn collection() -> Collection {
        let mut weight = Field::new("weight", FieldKind::Number);
        weight.label = Some("Order in menus".into());
        Collection {
            id: "pages".into(),
            label: "Pages".into(),
            singular: "page".into(),
            folder: "content/pages".into(),
            layout: Layout::Flat,
            front_matter: FrontMatterFormat::Yaml,
            preset: None,
            fields: vec![weight, Field::new("draft", FieldKind::Bool)],
        }
    }

    fn edits(pairs: &[(&str, Option<FieldValue>)]) -> FieldEdits {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn a_number_field_is_written_as_a_number_and_refuses_words_by_its_label() {
        let mut front = FrontMatter::parse(FrontMatterFormat::Yaml, "title: T\n", "t.md").unwrap();
        let three = edits(&[("weight", Some(FieldValue::Text("3".into())))]);
        apply(&collection(), &mut front, &three).unwrap();
        assert_eq!(front.raw(), "title: T\nweight: 3\n");
        let words = edits(&[("weight", Some(FieldValue::Text("three".into())))]);
        let err = apply(&collection(), &mut front, &words).unwrap_err();
        assert!(err.to_string().contains("Order in menus"), "{err}");
        assert_eq!(front.raw(), "title: T\nweight: 3\n", "nothing half-written");
    }

    #[test]
    fn emptied_and_null_fields_are_removed_and_bools_are_kept() {
        let mut front = FrontMatter::parse(
            FrontMatterFormat::Toml,
            "title = \"T\"\n# keep me\nweight = 2\ndraft = true\n",
            "t.md",
        )
        .unwrap();
        let change = edits(&[
            ("weight", Some(FieldValue::Text(String::new()))),
            ("draft", Some(FieldValue::Bool(false))),
        ]);
        apply(&collection(), &mut front, &change).unwrap();
        assert_eq!(front.raw(), "title = \"T\"\n# keep me\ndraft = false\n");
    }
}
