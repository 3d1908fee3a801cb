//! The media check: every image the site's entries refer to (Markdown images, `<img>` tags,
//! Hugo `figure` shortcodes, and the schema's image fields with their alt fields) against
//! every image file in the site's media folder and its page bundles. Reports references
//! without alt text, references to files that do not exist, and files nothing refers to.
//! Reads the work tree; never changes a file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};

use crate::content::EntryFile;
use crate::site::{FieldKind, SiteSchema};
use crate::{Error, Result};

/// File name endings counted as images.
const IMAGE_EXTENSIONS: [&str; 8] = ["jpg", "jpeg", "png", "webp", "gif", "svg", "avif", "heic"];

/// One place an entry refers to an image.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MediaReference {
    /// The entry's site-relative path.
    pub entry: String,
    /// The front matter field, or `None` for the body.
    pub field: Option<String>,
    /// The reference as written.
    pub src: String,
    pub alt: Option<String>,
    /// The site-relative file it points to, when it is a local path.
    pub file: Option<String>,
    /// The image's caption: a figure's `caption`, a Markdown image's title, or an image
    /// field's `<field>_caption`.
    pub caption: Option<String>,
}

/// An image file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub path: String,
    pub bytes: u64,
    /// Entries that refer to it (or to another size of the same import).
    pub used_by: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaReport {
    pub images: Vec<StoredImage>,
    pub references: Vec<MediaReference>,
    pub without_alt: Vec<MediaReference>,
    pub missing: Vec<MediaReference>,
    /// Site-relative paths of image files no entry refers to.
    pub unused: Vec<String>,
}

/// Checks the site whose work tree is at `root`.
pub fn check_site_media(root: &Path, schema: &SiteSchema) -> Result<MediaReport> {
    let media = &schema.media;
    let mut report = MediaReport::default();
    let mut image_files: BTreeSet<String> = BTreeSet::new();
    collect_images(root, &media.folder, &mut image_files)?;
    for collection in &schema.collections {
        let fields = collection.all_fields();
        for (_, folder) in schema.folders_of(collection) {
            collect_images(root, &folder, &mut image_files)?;
            let mut entries = Vec::new();
            walk(root, &folder, &mut |rel| {
                if rel.ends_with(".md") {
                    entries.push(rel.to_owned());
                }
            })?;
            for entry in entries {
                let path = to_fs(root, &entry);
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| Error::io("read", path.clone(), e))?;
                let Ok(file) = EntryFile::parse(&entry, &text) else {
                    continue;
                };
                let mut refs = Vec::new();
                if let Some(front) = file.front() {
                    for f in fields.iter().filter(|f| f.kind == FieldKind::Image) {
                        if let Some(src) = front.get(&f.name).filter(|s| !s.trim().is_empty()) {
                            let alt = f.alt.as_deref().and_then(|a| front.get(a));
                            let caption = front.get(
                                f.caption
                                    .as_deref()
                                    .unwrap_or(&format!("{}_caption", f.name)),
                            );
                            refs.push((Some(f.name.clone()), src, alt, caption));
                        }
                    }
                }
                for image in body_image_details(file.body()) {
                    refs.push((None, image.src, image.alt, image.caption));
                }
                for (field, src, alt, caption) in refs {
                    let file = resolve(&entry, &src, &media.folder, &media.url_base());
                    report.references.push(MediaReference {
                        entry: entry.clone(),
                        field,
                        src,
                        alt,
                        file,
                        caption: caption.filter(|c| !c.trim().is_empty()),
                    });
                }
            }
        }
    }
    // What refers to each file; a reference to one size of an import uses all its sizes.
    let mut used_by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &report.references {
        if r.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            report.without_alt.push(r.clone());
        }
        let Some(file) = &r.file else { continue };
        if !image_files.contains(file) && !to_fs(root, file).is_file() {
            report.missing.push(r.clone());
            continue;
        }
        let group = import_group(file);
        for f in image_files
            .iter()
            .filter(|f| *f == file || (group.is_some() && import_group(f) == group))
        {
            used_by
                .entry(f.clone())
                .or_default()
                .insert(r.entry.clone());
        }
    }
    for path in image_files {
        let bytes = std::fs::metadata(to_fs(root, &path)).map_or(0, |m| m.len());
        let users: Vec<String> = used_by
            .remove(&path)
            .map(|s| s.into_iter().collect())
            .unwrap_or_default();
        if users.is_empty() {
            report.unused.push(path.clone());
        }
        report.images.push(StoredImage {
            path,
            bytes,
            used_by: users,
        });
    }
    report.references.sort();
    report.without_alt.sort();
    report.missing.sort();
    Ok(report)
}

/// `folder/0123456789abcdef` for a file named by the import (`<16 hex>-<width>.<ext>`).
pub(crate) fn import_group(path: &str) -> Option<String> {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let (hash, rest) = name.split_once('-')?;
    let is_hash = hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    let width = rest.split('.').next()?;
    (is_hash && !width.is_empty() && width.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{folder}/{hash}"))
}

fn to_fs(root: &Path, rel: &str) -> std::path::PathBuf {
    rel.split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part))
}

/// Calls `f` with the site-relative path of every file under `folder` (recursively).
fn walk(root: &Path, folder: &str, f: &mut dyn FnMut(&str)) -> Result<()> {
    let dir = to_fs(root, folder);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("read the folder", dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read the folder", dir.clone(), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{folder}/{name}");
        let kind = entry
            .file_type()
            .map_err(|e| Error::io("read the folder", dir.clone(), e))?;
        if kind.is_dir() {
            walk(root, &rel, f)?;
        } else if kind.is_file() {
            f(&rel);
        }
    }
    Ok(())
}

fn collect_images(root: &Path, folder: &str, out: &mut BTreeSet<String>) -> Result<()> {
    walk(root, folder, &mut |rel| {
        if is_image_name(rel) {
            out.insert(rel.to_owned());
        }
    })
}

/// Whether a file name ends like an image (`.jpg`, `.webp`...), in any case.
pub(crate) fn is_image_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}

/// The site-relative file a reference points to, or `None` for an external URL.
pub fn resolve(entry: &str, src: &str, media_folder: &str, media_url: &str) -> Option<String> {
    let src = src.trim();
    let lower = src.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("//")
        || lower.starts_with("data:")
        || lower.starts_with("mailto:")
    {
        return None;
    }
    let src = src.split(['?', '#']).next().unwrap_or_default();
    let src = src.replace("%20", " ");
    let joined = if let Some(rest) = src
        .strip_prefix(media_url)
        .and_then(|r| r.strip_prefix('/'))
        .filter(|_| !media_url.is_empty())
    {
        format!("{media_folder}/{rest}")
    } else if let Some(abs) = src.strip_prefix('/') {
        format!("static/{abs}")
    } else {
        let dir = entry.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{src}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// An image in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
}

/// `(src, alt)` of every image in a Markdown body: `![alt](src)`, `<img src alt>` in raw
/// HTML, and Hugo's `{{< figure src= alt= >}}`.
pub fn body_images(body: &str) -> Vec<(String, Option<String>)> {
    body_image_details(body)
        .into_iter()
        .map(|i| (i.src, i.alt))
        .collect()
}

/// Every image in a Markdown body with its alt text and caption (a Markdown image's title,
/// an `<img>`'s title, a figure's `caption`).
pub fn body_image_details(body: &str) -> Vec<BodyImage> {
    let arena = Arena::new();
    let root = parse_document(&arena, body, &crate::markdown::options());
    let mut out = Vec::new();
    for node in root.descendants() {
        match &node.data.borrow().value {
            NodeValue::Image(link) => {
                let alt = text_of(node);
                out.push(BodyImage {
                    src: link.url.clone(),
                    alt: Some(alt),
                    caption: Some(link.title.clone()).filter(|t| !t.is_empty()),
                });
            }
            NodeValue::HtmlBlock(html) => out.extend(html_images(&html.literal)),
            NodeValue::HtmlInline(html) => out.extend(html_images(html)),
            _ => {}
        }
    }
    // Shortcodes are not Markdown: comrak splits them over text runs, so the raw body is read.
    out.extend(shortcode_images(body));
    out
}

fn text_of<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        match &d.data.borrow().value {
            NodeValue::Text(t) => s.push_str(t),
            NodeValue::Code(c) => s.push_str(&c.literal),
            _ => {}
        }
    }
    s
}

fn html_images(html: &str) -> Vec<BodyImage> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<img") {
        let start = from + at;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        if let Some(src) = attribute(tag, "src") {
            out.push(BodyImage {
                src,
                alt: attribute(tag, "alt"),
                caption: attribute(tag, "title"),
            });
        }
        from = end;
    }
    out
}

fn shortcode_images(text: &str) -> Vec<BodyImage> {
    let mut out = Vec::new();
    for open in ["{{<", "{{%"] {
        let close = if open == "{{<" { ">}}" } else { "%}}" };
        let mut from = 0;
        while let Some(at) = text[from..].find(open) {
            let start = from + at + open.len();
            let Some(len) = text[start..].find(close) else {
                break;
            };
            let inner = &text[start..start + len];
            if inner.trim_start().starts_with("figure")
                && let Some(src) = attribute(inner, "src")
            {
                out.push(BodyImage {
                    src,
                    alt: attribute(inner, "alt"),
                    caption: attribute(inner, "caption").or_else(|| attribute(inner, "title")),
                });
            }
            from = start + len + close.len();
        }
    }
    out
}

/// The value of `name="…"` (or `'…'`) in a tag or shortcode.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let i = from + at;
        from = i + name.len();
        let before_ok = i == 0 || lower.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = tag[i + name.len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=').filter(|_| before_ok) else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if quote == '"' || quote == '\'' {
            let value = &rest[1..];
            return value.find(quote).map(|end| value[..end].to_owned());
        }
        return Some(
            rest.split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_html_and_shortcode_images() {
        let body = "Intro ![Reindeer at Kirkenes](/images/a.jpg \"t\") and ![](b.png).\n\n<img alt='Map' src=\"map.webp\">\n\n{{< figure src=\"/images/c.jpg\" alt=\"Bridge\" >}}\n";
        let found = body_images(body);
        assert_eq!(
            found,
            [
                ("/images/a.jpg".into(), Some("Reindeer at Kirkenes".into())),
                ("b.png".into(), Some(String::new())),
                ("map.webp".into(), Some("Map".into())),
                ("/images/c.jpg".into(), Some("Bridge".into())),
            ]
        );
    }

    #[test]
    fn resolves_site_bundle_and_external_references() {
        let r = |entry, src| resolve(entry, src, "static/images", "/images");
        assert_eq!(
            r("content/a/x/index.md", "p.jpg").as_deref(),
            Some("content/a/x/p.jpg")
        );
        assert_eq!(
            r("content/a/x.md", "/images/p.jpg?v=1").as_deref(),
            Some("static/images/p.jpg")
        );
        assert_eq!(
            r("content/a/x.md", "/img/p.jpg").as_deref(),
            Some("static/img/p.jpg")
        );
        assert_eq!(r("content/a/x.md", "https://e.org/p.jpg"), None);
        assert_eq!(r("content/x.md", "../../../etc/passwd"), None);
    }

    #[test]
    fn groups_are_the_sizes_of_one_import() {
        assert_eq!(
            import_group("static/images/0123456789abcdef-480.jpg").as_deref(),
            Some("static/images/0123456789abcdef")
        );
        assert_eq!(import_group("static/images/photo-480.jpg"), None);
    }
}
