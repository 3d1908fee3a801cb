//! Three-way merge of one entry's text, for sync: the front matter field by field (a field is
//! its key line and the lines that continue it), the body by lines. Edits that do not overlap
//! merge; overlapping ones are reported as a conflict and nothing is written with conflict
//! markers. Works on the bytes as written (YAML `---` or TOML `+++`, LF or CRLF): a merged
//! field keeps the exact lines one side wrote.

/// The outcome of merging base -> mine and base -> theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    Clean(String),
    /// Both sides changed the same thing differently: the fields (front matter keys) and
    /// whether the body overlaps.
    Conflict {
        fields: Vec<String>,
        body: bool,
    },
}

/// Merges the text of one file changed on both sides.
pub fn merge_text(base: &str, mine: &str, theirs: &str) -> Merged {
    if mine == theirs || theirs == base {
        return Merged::Clean(mine.to_owned());
    }
    if mine == base {
        return Merged::Clean(theirs.to_owned());
    }
    match (split(base), split(mine), split(theirs)) {
        (Some(b), Some(m), Some(t)) if b.marker == m.marker && m.marker == t.marker => {
            let front = merge_fields(&b.fields, &m.fields, &t.fields);
            let body = merge_lines(b.body, m.body, t.body);
            match (front, body) {
                (Ok(fields), Some(body)) => {
                    let mut out = String::with_capacity(mine.len() + theirs.len());
                    out.push_str(m.open);
                    for (_, text) in &fields {
                        out.push_str(text);
                    }
                    out.push_str(m.close);
                    out.push_str(&body);
                    Merged::Clean(out)
                }
                (front, body) => Merged::Conflict {
                    fields: front.err().unwrap_or_default(),
                    body: body.is_none(),
                },
            }
        }
        _ => match merge_lines(base, mine, theirs) {
            Some(text) => Merged::Clean(text),
            None => Merged::Conflict {
                fields: Vec::new(),
                body: true,
            },
        },
    }
}

/// Line-by-line three-way merge; `None` when the edits overlap.
fn merge_lines(base: &str, mine: &str, theirs: &str) -> Option<String> {
    if mine == theirs || theirs == base {
        return Some(mine.to_owned());
    }
    if mine == base {
        return Some(theirs.to_owned());
    }
    diffy::merge(base, mine, theirs).ok()
}

struct Split<'a> {
    marker: &'a str,
    /// The opening marker line with its line ending.
    open: &'a str,
    /// The closing marker line with its line ending.
    close: &'a str,
    fields: Vec<(String, &'a str)>,
    body: &'a str,
}

/// Splits a file into its front matter fields and body, or `None` when it has no front matter.
fn split(text: &str) -> Option<Split<'_>> {
    let marker = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let mut lines = text.split_inclusive('\n');
    let open = lines.next()?;
    if open.trim_end() != marker {
        return None;
    }
    let mut offset = open.len();
    let front_start = offset;
    for line in lines {
        if line.trim_end() == marker {
            let front = &text[front_start..offset];
            let close = &text[offset..offset + line.len()];
            return Some(Split {
                marker,
                open,
                close,
                fields: fields(front),
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    None
}

/// The front matter cut into fields: a field starts at an unindented key line (`key:`,
/// `key =`, `[table]`) and runs until the next one. Lines before the first key (comments) are
/// a field of their own. Keys repeated get a number, so every field has a unique name.
fn fields(front: &str) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    let mut start = 0;
    let mut name = String::new();
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        if let Some(key) = key_of(line)
            && offset > 0
        {
            out.push((std::mem::take(&mut name), &front[start..offset]));
            start = offset;
            name = key;
        } else if offset == 0 {
            name = key_of(line).unwrap_or_default();
        }
        offset += line.len();
    }
    if offset > 0 {
        out.push((name, &front[start..offset]));
    }
    let mut seen = std::collections::HashMap::<String, u32>::new();
    for (name, _) in &mut out {
        let n = seen.entry(name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            *name = format!("{name}#{n}");
        }
    }
    out
}

fn key_of(line: &str) -> Option<String> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '-' | '#' | '}' | ']') {
        return None;
    }
    let trimmed = line.trim_end();
    if first == '[' {
        return Some(trimmed.to_owned());
    }
    let end = trimmed.find([':', '='])?;
    let key = trimmed[..end].trim();
    (!key.is_empty()).then(|| key.trim_matches(['"', '\'']).to_owned())
}

/// Merges fields by name; on overlap, the names of the fields both sides changed.
fn merge_fields(
    base: &[(String, &str)],
    mine: &[(String, &str)],
    theirs: &[(String, &str)],
) -> Result<Vec<(String, String)>, Vec<String>> {
    let get = |list: &[(String, &str)], key: &str| -> Option<String> {
        list.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| (*v).to_owned())
    };
    // Theirs' order (already published), then the fields only mine has, after the field that
    // precedes them in mine.
    let mut order: Vec<String> = theirs.iter().map(|(k, _)| k.clone()).collect();
    for (i, (key, _)) in mine.iter().enumerate() {
        if order.contains(key) || base.iter().any(|(k, _)| k == key) {
            continue;
        }
        let at = i
            .checked_sub(1)
            .and_then(|p| order.iter().position(|k| *k == mine[p].0))
            .map_or(0, |p| p + 1);
        order.insert(at.min(order.len()), key.clone());
    }
    let mut merged = Vec::new();
    let mut conflicts = Vec::new();
    for key in order {
        let (b, m, t) = (get(base, &key), get(mine, &key), get(theirs, &key));
        let value = if m == t || b == t {
            m
        } else if b == m {
            t
        } else {
            match (b, m, t) {
                // Both changed a long field (a list, a block): merge its lines.
                (Some(b), Some(m), Some(t)) => match merge_lines(&b, &m, &t) {
                    Some(v)
                        if key_of(&v).as_deref() == Some(key.split('#').next().unwrap_or(""))
                            || key.is_empty() =>
                    {
                        Some(v)
                    }
                    _ => {
                        conflicts.push(key);
                        continue;
                    }
                },
                _ => {
                    conflicts.push(key);
                    continue;
                }
            }
        };
        if let Some(v) = value {
            merged.push((key, v));
        }
    }
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(conflicts)
    }
}

#[cfg(test)]
mod tests {
    use super::{Merged, merge_text};

    const BASE: &str = "---\ntitle: Youth forum in Luleå\ndate: 2026-05-01\nauthor: Åsa\ntags:\n- youth\n- forum\n---\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n";

    fn clean(m: Merged) -> String {
        match m {
            Merged::Clean(s) => s,
            Merged::Conflict { fields, body } => {
                panic!("expected a clean merge, got a conflict: {fields:?} body {body}")
            }
        }
    }

    #[test]
    fn adjacent_fields_changed_on_each_side_merge_field_by_field() {
        let mine = BASE.replace("title: Youth forum in Luleå", "title: Youth forum, Luleå");
        let theirs = BASE.replace("date: 2026-05-01", "date: 2026-05-02");
        let merged = clean(merge_text(BASE, &mine, &theirs));
        assert!(merged.contains("title: Youth forum, Luleå\ndate: 2026-05-02\n"));
        // the line merge alone would call this a conflict: the lines touch
        assert!(diffy::merge(BASE, &mine, &theirs).is_err());
    }

    #[test]
    fn body_edits_in_different_paragraphs_merge() {
        let mine = BASE.replace("First paragraph.", "First paragraph, edited here.");
        let theirs = BASE.replace("Third paragraph.", "Third paragraph, edited there.");
        let merged = clean(merge_text(BASE, &mine, &theirs));
        assert!(merged.contains("First paragraph, edited here."));
        assert!(merged.contains("Third paragraph, edited there."));
    }

    #[test]
    fn same_field_changed_differently_is_a_conflict_naming_it() {
        let mine = BASE.replace("date: 2026-05-01", "date: 2026-05-03");
        let theirs = BASE.replace("date: 2026-05-01", "date: 2026-05-04");
        assert_eq!(
            merge_text(BASE, &mine, &theirs),
            Merged::Conflict {
                fields: vec!["date".into()],
                body: false
            }
        );
    }

    #[test]
    fn same_paragraph_changed_differently_is_a_body_conflict() {
        let mine = BASE.replace("Second paragraph.", "Second, mine.");
        let theirs = BASE.replace("Second paragraph.", "Second, theirs.");
        assert_eq!(
            merge_text(BASE, &mine, &theirs),
            Merged::Conflict {
                fields: vec![],
                body: true
            }
        );
    }

    #[test]
    fn fields_added_and_removed_on_different_sides() {
        let mine = BASE.replace("author: Åsa\n", "author: Åsa\nsummary: New summary\n");
        let theirs = BASE.replace("date: 2026-05-01\n", "");
        let merged = clean(merge_text(BASE, &mine, &theirs));
        assert!(!merged.contains("date:"));
        assert!(merged.contains("author: Åsa\nsummary: New summary\ntags:\n"));
    }

    #[test]
    fn list_items_added_on_both_sides_at_different_places_merge() {
        let mine = BASE.replace("- youth\n", "- arctic\n- youth\n");
        let theirs = BASE.replace("- forum\n", "- forum\n- sweden\n");
        let merged = clean(merge_text(BASE, &mine, &theirs));
        assert!(merged.contains("tags:\n- arctic\n- youth\n- forum\n- sweden\n---\n"));
    }

    #[test]
    fn toml_and_crlf_keep_their_bytes() {
        let base = "+++\r\ntitle = \"A\"\r\ndate = 2026-01-01\r\n+++\r\nBody.\r\n";
        let mine = base.replace("title = \"A\"", "title = \"B\"");
        let theirs = base.replace("date = 2026-01-01", "date = 2026-01-02");
        assert_eq!(
            clean(merge_text(base, &mine, &theirs)),
            "+++\r\ntitle = \"B\"\r\ndate = 2026-01-02\r\n+++\r\nBody.\r\n"
        );
    }

    #[test]
    fn one_sided_changes_and_identical_changes_take_the_change() {
        let mine = BASE.replace("Åsa", "Anna");
        assert_eq!(clean(merge_text(BASE, &mine, BASE)), mine);
        assert_eq!(clean(merge_text(BASE, BASE, &mine)), mine);
        assert_eq!(clean(merge_text(BASE, &mine, &mine)), mine);
    }

    #[test]
    fn files_without_front_matter_merge_by_lines() {
        let base = "a\nb\nc\nd\ne\n";
        assert_eq!(
            clean(merge_text(base, "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n")),
            "A\nb\nc\nd\nE\n"
        );
        assert!(matches!(
            merge_text(base, "x\nb\nc\nd\ne\n", "y\nb\nc\nd\ne\n"),
            Merged::Conflict { body: true, .. }
        ));
    }
}
