//! Splitting an entry file into its parts and putting it back together byte for byte:
//! opening marker, front matter, closing marker, the blank lines before the body, the body.

use super::{ContentError, FrontMatter};
use crate::site::FrontMatterFormat;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFile {
    /// `None` for a file without front matter (plain Markdown).
    front: Option<FrontMatter>,
    /// The opening marker line, with a byte-order mark if the file had one.
    opening: String,
    /// The closing marker line.
    closing: String,
    /// Blank lines between the closing marker and the body.
    lead: String,
    body: String,
    line_ending: &'static str,
}

impl EntryFile {
    /// Splits a file; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Self, ContentError> {
        let line_ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let (bom, rest) = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => ("\u{FEFF}", rest),
            None => ("", text),
        };
        let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        let first = &rest[..first_line_end];
        let format = match first.trim_end() {
            "---" => Some(FrontMatterFormat::Yaml),
            "+++" => Some(FrontMatterFormat::Toml),
            _ => None,
        };
        let Some(format) = format else {
            return Ok(EntryFile {
                front: None,
                opening: bom.to_owned(),
                closing: String::new(),
                lead: String::new(),
                body: rest.to_owned(),
                line_ending,
            });
        };
        let marker = first.trim_end();
        let after_open = &rest[first_line_end..];
        // The front matter ends at the first line that is exactly the marker; a `---` later in
        // the body is a thematic break, never the end of the front matter.
        let mut offset = 0;
        let mut closing = None;
        for line in after_open.split_inclusive('\n') {
            if line.trim_end_matches(['\r', '\n']) == marker {
                closing = Some((offset, line));
                break;
            }
            offset += line.len();
        }
        let Some((close_at, close_line)) = closing else {
            return Err(ContentError::FrontMatter {
                path: path.to_owned(),
                reason: format!("the closing {marker} line is missing"),
            });
        };
        let front = FrontMatter::parse(format, &after_open[..close_at], path)?;
        let after_close = &after_open[close_at + close_line.len()..];
        let body_start = after_close
            .split_inclusive('\n')
            .take_while(|l| l.trim().is_empty() && l.ends_with('\n'))
            .map(str::len)
            .sum::<usize>();
        Ok(EntryFile {
            front: Some(front),
            opening: format!("{bom}{first}"),
            closing: close_line.to_owned(),
            lead: after_close[..body_start].to_owned(),
            body: after_close[body_start..].to_owned(),
            line_ending,
        })
    }

    /// A new file with the given front matter and body, in the usual Hugo layout.
    pub fn new(front: FrontMatter, body: &str) -> Self {
        let marker = match front.format() {
            FrontMatterFormat::Yaml => "---",
            FrontMatterFormat::Toml => "+++",
        };
        EntryFile {
            front: Some(front),
            opening: format!("{marker}\n"),
            closing: format!("{marker}\n"),
            lead: "\n".into(),
            body: body.to_owned(),
            line_ending: "\n",
        }
    }

    pub fn front(&self) -> Option<&FrontMatter> {
        self.front.as_ref()
    }

    pub fn front_mut(&mut self) -> Option<&mut FrontMatter> {
        self.front.as_mut()
    }

    pub fn body(&self) -> &str {
        &self.body
    }

    /// Replaces the body with Markdown from the formatter (`\n` line endings), written with
    /// the file's own line endings.
    pub fn set_body(&mut self, markdown: &str) {
        self.body = if self.line_ending == "\r\n" {
            markdown.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            markdown.to_owned()
        };
    }

    pub fn title(&self) -> Option<String> {
        self.front.as_ref()?.get("title")
    }

    pub fn to_text(&self) -> String {
        let front = self
            .front
            .as_ref()
            .map(FrontMatter::raw)
            .unwrap_or_default();
        [
            self.opening.as_str(),
            front,
            &self.closing,
            &self.lead,
            &self.body,
        ]
        .concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print_is_byte_identical() {
        for text in [
            "---\ntitle: A\n---\n\nBody\n",
            "---\r\ntitle: A\r\n---\r\n\r\nBody\r\n",
            "+++\ntitle = \"A\"\n+++\nBody\n\n---\n\nmore\n",
            "\u{FEFF}---\ntitle: A\n---\n\n\n\nBody",
            "No front matter at all\n",
            "---\n---\n",
            "",
        ] {
            let file = EntryFile::parse("t.md", text).unwrap();
            assert_eq!(file.to_text(), text);
        }
    }

    #[test]
    fn a_body_rule_never_ends_the_front_matter() {
        let file = EntryFile::parse("t.md", "---\ntitle: A\n---\n\nText\n\n---\n\nMore\n").unwrap();
        assert_eq!(file.title().as_deref(), Some("A"));
        assert_eq!(file.body(), "Text\n\n---\n\nMore\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_naming_the_file() {
        let err = EntryFile::parse("content/a.md", "---\ntitle: A\nBody\n").unwrap_err();
        assert!(
            err.to_string().contains("content/a.md") && err.to_string().contains("closing ---")
        );
    }

    #[test]
    fn crlf_files_keep_crlf_bodies() {
        let mut file = EntryFile::parse("t.md", "---\r\ntitle: A\r\n---\r\n\r\nOld\r\n").unwrap();
        file.set_body("New\n\nText\n");
        assert_eq!(
            file.to_text(),
            "---\r\ntitle: A\r\n---\r\n\r\nNew\r\n\r\nText\r\n"
        );
    }
}
