//! Front matter in YAML (`---`) or TOML (`+++`). Values are always written by the YAML or TOML
//! library, never by string templates; a changed field replaces only that field's lines, and
//! every other line (unknown keys, their order, comments, quoting) is kept as it was.

use serde::Serialize;

use super::{ContentError, FieldValue};
use crate::site::FrontMatterFormat;

/// The raw text between the front matter markers, with the format it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    format: FrontMatterFormat,
    raw: String,
}

/// The fields a brand-new entry starts with, in the order they are written.
#[derive(Debug, Serialize)]
pub struct NewFrontMatter<'a> {
    pub title: &'a str,
    pub date: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<&'a str>,
    pub draft: bool,
}

impl NewFrontMatter<'_> {
    pub fn render(&self, format: FrontMatterFormat) -> Result<FrontMatter, ContentError> {
        let raw = match format {
            FrontMatterFormat::Yaml => {
                yaml_serde::to_string(self).map_err(|e| ContentError::Write(e.to_string()))?
            }
            FrontMatterFormat::Toml => {
                let mut raw = toml_string_line("title", self.title)?;
                raw.push_str(&toml_string_line("date", self.date)?);
                if let Some(author) = self.author {
                    raw.push_str(&toml_string_line("author", author)?);
                }
                let mut table = toml::Table::new();
                table.insert("draft".into(), toml::Value::Boolean(self.draft));
                raw.push_str(
                    &toml::to_string(&table).map_err(|e| ContentError::Write(e.to_string()))?,
                );
                raw
            }
        };
        let fm = FrontMatter { format, raw };
        fm.refuse_marker_lines()?;
        Ok(fm)
    }
}

/// `key = "value"`, written by the TOML library's writer as a one-line basic string: newlines
/// are escaped, so no line of the front matter can ever read as the closing `+++`. (The
/// library's default for a string with newlines is a multi-line string, whose lines are
/// written raw.)
fn toml_string_line(key: &str, value: &str) -> Result<String, ContentError> {
    use toml_writer::TomlWrite;
    let mut out = String::new();
    let written = out
        .key(toml_writer::TomlKeyBuilder::new(key).as_default())
        .and_then(|_| out.space())
        .and_then(|_| out.keyval_sep())
        .and_then(|_| out.space())
        .and_then(|_| out.value(toml_writer::TomlStringBuilder::new(value).as_basic()));
    written.map_err(|_| {
        ContentError::Write(format!("the value of {key} could not be written as TOML"))
    })?;
    out.push('\n');
    Ok(out)
}

impl FrontMatter {
    /// Checks that `raw` parses as a map in `format`; `path` names the file in errors.
    pub fn parse(format: FrontMatterFormat, raw: &str, path: &str) -> Result<Self, ContentError> {
        let fm = FrontMatter {
            format,
            raw: raw.to_owned(),
        };
        fm.values().map_err(|reason| ContentError::FrontMatter {
            path: path.to_owned(),
            reason,
        })?;
        Ok(fm)
    }

    pub fn format(&self) -> FrontMatterFormat {
        self.format
    }

    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// A top-level field as text (strings as they are; numbers, booleans and dates printed).
    pub fn get(&self, key: &str) -> Option<String> {
        match self.values().ok()? {
            Values::Yaml(map) => match map.get(key)? {
                yaml_serde::Value::String(s) => Some(s.clone()),
                yaml_serde::Value::Number(n) => Some(n.to_string()),
                yaml_serde::Value::Bool(b) => Some(b.to_string()),
                _ => None,
            },
            Values::Toml(table) => match table.get(key)? {
                toml::Value::String(s) => Some(s.clone()),
                toml::Value::Datetime(d) => Some(d.to_string()),
                toml::Value::Integer(i) => Some(i.to_string()),
                toml::Value::Float(f) => Some(f.to_string()),
                toml::Value::Boolean(b) => Some(b.to_string()),
                _ => None,
            },
        }
    }

    /// A top-level field that is a list, as strings (`tags: [a, b]`); `None` when absent or
    /// not a list.
    pub fn get_list(&self, key: &str) -> Option<Vec<String>> {
        let scalar = |text: Option<String>| text.unwrap_or_default();
        match self.values().ok()? {
            Values::Yaml(map) => match map.get(key)? {
                yaml_serde::Value::Sequence(items) => Some(
                    items
                        .iter()
                        .map(|v| {
                            scalar(
                                v.as_str()
                                    .map(str::to_owned)
                                    .or_else(|| v.as_i64().map(|n| n.to_string())),
                            )
                        })
                        .collect(),
                ),
                _ => None,
            },
            Values::Toml(table) => match table.get(key)? {
                toml::Value::Array(items) => Some(
                    items
                        .iter()
                        .map(|v| scalar(v.as_str().map(str::to_owned)))
                        .collect(),
                ),
                _ => None,
            },
        }
    }

    /// Whether a top-level field is present at all (even empty or null).
    pub fn contains(&self, key: &str) -> bool {
        match self.values() {
            Ok(Values::Yaml(map)) => map.contains_key(key),
            Ok(Values::Toml(table)) => table.contains_key(key),
            Err(_) => false,
        }
    }

    /// The top-level keys, in the file's order.
    pub fn keys(&self) -> Vec<String> {
        match self.values() {
            Ok(Values::Yaml(map)) => map
                .keys()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect(),
            Ok(Values::Toml(table)) => table.keys().cloned().collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Sets a top-level string field, rewriting only that field's lines (or appending it).
    pub fn set_str(&mut self, key: &str, value: &str) -> Result<(), ContentError> {
        self.set_value(key, &FieldValue::Text(value.to_owned()))
    }

    /// A top-level field as the form holds it; `None` when absent, null, or a nested table.
    pub fn get_value(&self, key: &str) -> Option<FieldValue> {
        match self.values().ok()? {
            Values::Yaml(map) => match map.get(key)? {
                yaml_serde::Value::String(s) => Some(FieldValue::Text(s.clone())),
                yaml_serde::Value::Number(n) => n.as_f64().map(FieldValue::Number),
                yaml_serde::Value::Bool(b) => Some(FieldValue::Bool(*b)),
                yaml_serde::Value::Sequence(_) => self.get_list(key).map(FieldValue::List),
                _ => None,
            },
            Values::Toml(table) => match table.get(key)? {
                toml::Value::String(s) => Some(FieldValue::Text(s.clone())),
                toml::Value::Datetime(d) => Some(FieldValue::Text(d.to_string())),
                toml::Value::Integer(i) => Some(FieldValue::Number(*i as f64)),
                toml::Value::Float(f) => Some(FieldValue::Number(*f)),
                toml::Value::Boolean(b) => Some(FieldValue::Bool(*b)),
                toml::Value::Array(_) => self.get_list(key).map(FieldValue::List),
                toml::Value::Table(_) => None,
            },
        }
    }

    /// Sets a top-level field, rewriting only that field's lines (or appending it), and
    /// proves by reading back that nothing else changed.
    pub fn set_value(&mut self, key: &str, value: &FieldValue) -> Result<(), ContentError> {
        if self.get_value(key).as_ref() == Some(value) {
            return Ok(());
        }
        let written = match self.format {
            FrontMatterFormat::Yaml => {
                let mut map = yaml_serde::Mapping::new();
                map.insert(key.into(), yaml_value(value));
                yaml_serde::to_string(&map).map_err(|e| ContentError::Write(e.to_string()))?
            }
            FrontMatterFormat::Toml => match value {
                // A TOML date stays a date when the new text is one too.
                FieldValue::Text(text)
                    if self.is_toml_datetime(key)
                        && text.parse::<toml::value::Datetime>().is_ok() =>
                {
                    let mut table = toml::Table::new();
                    let date = text
                        .parse::<toml::value::Datetime>()
                        .map_err(|e| ContentError::Write(e.to_string()))?;
                    table.insert(key.to_owned(), toml::Value::Datetime(date));
                    toml::to_string(&table).map_err(|e| ContentError::Write(e.to_string()))?
                }
                FieldValue::Text(text) => toml_string_line(key, text)?,
                other => {
                    let mut table = toml::Table::new();
                    table.insert(key.to_owned(), toml_value(other));
                    toml::to_string(&table).map_err(|e| ContentError::Write(e.to_string()))?
                }
            },
        };
        let edited = self.replace_lines(key, Some(&written));
        if edited.get_value(key).as_ref() != Some(value) {
            return Err(ContentError::Write(format!(
                "\"{key}\" would not read back as written; edit the file by hand"
            )));
        }
        self.keep_if_only(key, edited)
    }

    fn is_toml_datetime(&self, key: &str) -> bool {
        matches!(self.values(), Ok(Values::Toml(t)) if matches!(t.get(key), Some(toml::Value::Datetime(_))))
    }

    /// Removes a top-level field and its lines; nothing else changes.
    pub fn remove(&mut self, key: &str) -> Result<(), ContentError> {
        if !self.contains(key) {
            return Ok(());
        }
        let edited = self.replace_lines(key, None);
        if edited.contains(key) {
            return Err(ContentError::Write(format!(
                "\"{key}\" could not be removed line by line; edit the file by hand"
            )));
        }
        self.keep_if_only(key, edited)
    }

    /// The front matter with `key`'s lines replaced by `written` (appended when absent;
    /// removed when `written` is `None`), in the file's own line endings.
    fn replace_lines(&self, key: &str, written: Option<&str>) -> FrontMatter {
        let line_ending = if self.raw.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let written = written.unwrap_or_default().replace('\n', line_ending);
        let lines: Vec<&str> = self.raw.split_inclusive('\n').collect();
        let span = match self.format {
            FrontMatterFormat::Yaml => yaml_key_span(&lines, key),
            FrontMatterFormat::Toml => toml_key_span(&lines, key),
        };
        let mut next = String::with_capacity(self.raw.len() + written.len());
        match span {
            Some((start, end)) => {
                lines[..start].iter().for_each(|l| next.push_str(l));
                next.push_str(&written);
                lines[end..].iter().for_each(|l| next.push_str(l));
            }
            None => {
                next.push_str(&self.raw);
                if !next.is_empty() && !next.ends_with('\n') {
                    next.push_str(line_ending);
                }
                next.push_str(&written);
            }
        }
        FrontMatter {
            format: self.format,
            raw: next,
        }
    }

    /// The edit is line-based: keep it only if every other field reads back unchanged.
    fn keep_if_only(&mut self, key: &str, edited: FrontMatter) -> Result<(), ContentError> {
        let before = self.values().map_err(ContentError::Write)?;
        let after = edited.values().map_err(ContentError::Write)?;
        edited.refuse_marker_lines()?;
        if !before.same_except(&after, key) {
            return Err(ContentError::Write(format!(
                "changing \"{key}\" would have changed other fields; edit the file by hand"
            )));
        }
        *self = edited;
        Ok(())
    }

    /// The last line of defence: a line that is exactly the front matter's own marker would
    /// end it early in every reader, Hugo's included.
    fn refuse_marker_lines(&self) -> Result<(), ContentError> {
        let marker = match self.format {
            FrontMatterFormat::Yaml => "---",
            FrontMatterFormat::Toml => "+++",
        };
        if self.raw.lines().any(|l| l.trim_end_matches('\r') == marker) {
            return Err(ContentError::Write(format!(
                "a value would put a {marker} line inside the front matter"
            )));
        }
        Ok(())
    }

    fn values(&self) -> Result<Values, String> {
        match self.format {
            FrontMatterFormat::Yaml => {
                if self.raw.trim().is_empty() {
                    return Ok(Values::Yaml(yaml_serde::Mapping::new()));
                }
                match yaml_serde::from_str::<yaml_serde::Value>(&self.raw) {
                    Ok(yaml_serde::Value::Mapping(map)) => Ok(Values::Yaml(map)),
                    Ok(yaml_serde::Value::Null) => Ok(Values::Yaml(yaml_serde::Mapping::new())),
                    Ok(_) => Err("it is not a list of \"key: value\" fields".into()),
                    Err(e) => Err(e.to_string()),
                }
            }
            FrontMatterFormat::Toml => toml::from_str::<toml::Table>(&self.raw)
                .map(Values::Toml)
                .map_err(|e| e.message().to_owned()),
        }
    }
}

fn yaml_value(value: &FieldValue) -> yaml_serde::Value {
    match value {
        FieldValue::Bool(b) => yaml_serde::Value::Bool(*b),
        FieldValue::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => (*n as i64).into(),
        FieldValue::Number(n) => (*n).into(),
        FieldValue::List(items) => {
            yaml_serde::Value::Sequence(items.iter().map(|i| i.as_str().into()).collect())
        }
        FieldValue::Text(t) => t.as_str().into(),
    }
}

fn toml_value(value: &FieldValue) -> toml::Value {
    match value {
        FieldValue::Bool(b) => toml::Value::Boolean(*b),
        FieldValue::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
            toml::Value::Integer(*n as i64)
        }
        FieldValue::Number(n) => toml::Value::Float(*n),
        FieldValue::List(items) => toml::Value::Array(
            items
                .iter()
                .map(|i| toml::Value::String(i.clone()))
                .collect(),
        ),
        FieldValue::Text(t) => toml::Value::String(t.clone()),
    }
}

enum Values {
    Yaml(yaml_serde::Mapping),
    Toml(toml::Table),
}

impl Values {
    fn same_except(&self, other: &Values, key: &str) -> bool {
        match (self, other) {
            (Values::Yaml(a), Values::Yaml(b)) => {
                let strip = |m: &yaml_serde::Mapping| {
                    let mut m = m.clone();
                    m.remove(key);
                    m
                };
                strip(a) == strip(b)
            }
            (Values::Toml(a), Values::Toml(b)) => {
                let strip = |t: &toml::Table| {
                    let mut t = t.clone();
                    t.remove(key);
                    t
                };
                strip(a) == strip(b)
            }
            _ => false,
        }
    }
}

/// Lines `[start, end)` holding a top-level YAML key and its value (indented continuation
/// lines, block sequences at column 0, and blank lines inside the value).
fn yaml_key_span(lines: &[&str], key: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| {
        l.strip_prefix(key).is_some_and(|rest| {
            rest.starts_with(':')
                && (rest.len() == 1 || rest[1..].starts_with([' ', '\t', '\r', '\n']))
        })
    })?;
    let mut end = start + 1;
    let mut scan = start + 1;
    while scan < lines.len() {
        let line = lines[scan];
        if line.trim().is_empty() {
            scan += 1;
            continue;
        }
        let continues =
            line.starts_with([' ', '\t']) || line.starts_with("- ") || line.trim_end() == "-";
        if !continues {
            break;
        }
        scan += 1;
        end = scan;
    }
    Some((start, end))
}

/// Lines `[start, end)` holding a top-level TOML key (before the first table header),
/// including multi-line strings and arrays.
fn toml_key_span(lines: &[&str], key: &str) -> Option<(usize, usize)> {
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let start = lines[..header].iter().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })?;
    let value = lines[start]
        .split_once('=')
        .map(|(_, v)| v.trim())
        .unwrap_or_default();
    let mut end = start + 1;
    for delim in ["\"\"\"", "'''"] {
        if value.starts_with(delim) && value[3..].matches(delim).count() == 0 {
            while end < lines.len() && !lines[end].contains(delim) {
                end += 1;
            }
            return Some((start, (end + 1).min(lines.len())));
        }
    }
    if value.starts_with('[') {
        let mut depth = bracket_depth(value);
        while depth > 0 && end < lines.len() {
            depth += bracket_depth(lines[end]);
            end += 1;
        }
    }
    Some((start, end))
}

fn bracket_depth(text: &str) -> i32 {
    text.chars().fold(0, |d, c| match c {
        '[' => d + 1,
        ']' => d - 1,
        _ => d,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(raw: &str) -> FrontMatter {
        FrontMatter::parse(FrontMatterFormat::Yaml, raw, "t.md").unwrap()
    }

    #[test]
    fn changing_the_title_changes_only_its_line() {
        let raw =
            "# a comment\ntitle: Old\ntags: [a, b]\nlead: >\n  folded\n  text\nextra: 'kept'\n";
        let mut fm = yaml(raw);
        fm.set_str("title", "New title").unwrap();
        assert_eq!(fm.raw(), raw.replace("title: Old", "title: New title"));
        fm.set_str("lead", "short").unwrap();
        assert_eq!(
            fm.raw(),
            "# a comment\ntitle: New title\ntags: [a, b]\nlead: short\nextra: 'kept'\n"
        );
    }

    #[test]
    fn hostile_titles_are_quoted_by_the_library_and_read_back_equal() {
        let hostile = [
            "---",
            "+++",
            "a: b",
            "x #not a comment",
            "\"quoted\"",
            "'single'",
            "back\\slash",
            "two\nlines",
            "!!python/object:os.system",
            "&anchor",
            "*alias",
            "NO",
            "on",
            "tab\there",
            "nul\0byte",
            "- dash",
            "[list]",
            "{map}",
            "",
            " leading space",
            "@at",
            "`tick`",
            "%percent",
        ];
        for title in hostile {
            let mut fm = yaml("title: plain\ndate: 2026-01-01\n");
            fm.set_str("title", title).unwrap();
            assert_eq!(
                fm.get("title").as_deref(),
                Some(title),
                "{title:?} -> {}",
                fm.raw()
            );
            assert_eq!(fm.get("date").as_deref(), Some("2026-01-01"));
            let mut toml_fm =
                FrontMatter::parse(FrontMatterFormat::Toml, "title = \"x\"\n", "t.md").unwrap();
            toml_fm.set_str("title", title).unwrap();
            assert_eq!(toml_fm.get("title").as_deref(), Some(title));
        }
    }

    #[test]
    fn missing_key_is_appended() {
        let mut fm = yaml("date: 2026-01-01");
        fm.set_str("title", "T").unwrap();
        assert_eq!(fm.raw(), "date: 2026-01-01\ntitle: T\n");
    }

    #[test]
    fn toml_keys_before_tables_only() {
        let raw = "title = \"Old\" # kept comment? no, the line is replaced\ndate = 2026-01-02\n[params]\ntitle = \"inner\"\n";
        let mut fm = FrontMatter::parse(FrontMatterFormat::Toml, raw, "t.md").unwrap();
        fm.set_str("title", "New").unwrap();
        assert_eq!(
            fm.raw(),
            "title = \"New\"\ndate = 2026-01-02\n[params]\ntitle = \"inner\"\n"
        );
    }

    #[test]
    fn broken_yaml_names_the_file() {
        let err = FrontMatter::parse(
            FrontMatterFormat::Yaml,
            "title: [unclosed\n",
            "content/a.md",
        )
        .unwrap_err();
        assert!(err.to_string().contains("content/a.md"), "{err}");
    }

    #[test]
    fn new_front_matter_is_written_by_the_library() {
        let fm = NewFrontMatter {
            title: "Сергей: \"quoted\" ---",
            date: "2026-11-29",
            author: Some("Åsa Nilsson"),
            draft: false,
        }
        .render(FrontMatterFormat::Yaml)
        .unwrap();
        assert_eq!(fm.get("title").as_deref(), Some("Сергей: \"quoted\" ---"));
        assert_eq!(fm.get("author").as_deref(), Some("Åsa Nilsson"));
        assert!(fm.raw().starts_with("title:"));
    }
}
