//! Preview HTML: the document rendered by comrak (the one engine) and sanitised with ammonia
//! before it leaves the core. A site's own Markdown may contain raw HTML and the main web view
//! reaches the whole IPC surface, so nothing that can run script survives: no script, no event
//! handler attributes, no `javascript:`/`vbscript:` URLs, no `data:` URLs except raster images,
//! and never svg, math, style or iframe (every recent ammonia mutation-XSS advisory needs one
//! of them). The UI shows the result in a sandboxed iframe as a second wall.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{DocNode, doc_to_markdown, options};
use crate::content::ContentError;

/// Elements removed with their content: a parser differential on what is inside them is how
/// mutation XSS works.
const DROPPED_WITH_CONTENT: [&str; 13] = [
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "noscript",
    "template",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "title",
    "textarea",
];

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Belt and braces: none of these is in ammonia's default list; say so in code.
    b.rm_tags([
        "svg", "math", "style", "iframe", "object", "embed", "form", "base", "meta", "link",
    ]);
    b.clean_content_tags(HashSet::from(DROPPED_WITH_CONTENT));
    // The language class on code blocks. (Task list checkboxes become ☐/☑ before this: an
    // allowed <input> would also let through text fields.)
    b.add_tag_attributes("code", ["class"]);
    b.url_schemes(HashSet::from(["http", "https", "mailto", "data"]));
    b.link_rel(Some("noopener noreferrer nofollow"));
    b.attribute_filter(|element, attribute, value| {
        let compact: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        match (element, attribute) {
            (_, "src" | "href" | "cite" | "srcset" | "longdesc" | "usemap") => {
                url_is_safe(element, attribute, &compact).then(|| value.into())
            }
            ("code", "class") => compact.starts_with("language-").then(|| value.into()),
            _ => Some(value.into()),
        }
    });
    b
});

/// A URL in an attribute is kept when it is relative, or http(s)/mailto, or (only as an
/// image's src) a raster `data:` image. `compact` has whitespace and controls removed and is
/// lowercase, so `JaVa\tScRiPt:` is seen as what a browser would run.
fn url_is_safe(element: &str, attribute: &str, compact: &str) -> bool {
    let scheme_end = compact.find(':');
    let path_start = compact.find(['/', '?', '#']).unwrap_or(compact.len());
    match scheme_end {
        Some(colon) if colon < path_start => {
            let scheme = &compact[..colon];
            match scheme {
                "http" | "https" | "mailto" => true,
                "data" => element == "img" && attribute == "src" && is_raster_data_url(compact),
                _ => false,
            }
        }
        _ => true,
    }
}

/// `data:image/png`, `jpeg`, `gif` or `webp` — never `svg+xml`, which can carry script.
fn is_raster_data_url(compact_lowercase: &str) -> bool {
    [
        "data:image/png",
        "data:image/jpeg",
        "data:image/jpg",
        "data:image/gif",
        "data:image/webp",
    ]
    .iter()
    .any(|prefix| {
        compact_lowercase
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(';') || rest.starts_with(','))
    })
}

/// Removes everything that could run script from an HTML fragment.
///
/// The result is cleaned again until it no longer changes: output that an HTML parser would
/// read as a different tree (misnested elements from odd input) is how mutation XSS starts,
/// so what leaves here parses back to exactly what the sanitiser saw.
pub fn sanitize(html: &str) -> String {
    let mut out = SANITIZER.clean(html).to_string();
    for _ in 0..8 {
        let again = SANITIZER.clean(&out).to_string();
        if again == out {
            return out;
        }
        out = again;
    }
    // Still not stable after eight passes: give nothing rather than something unstable.
    String::from("<p>This preview could not be shown safely.</p>")
}

/// comrak's HTML for Markdown, raw HTML included (the sanitiser decides what stays).
pub fn render_unsanitized(markdown: &str) -> String {
    let mut opts = options();
    opts.render.r#unsafe = true;
    comrak::markdown_to_html(markdown, &opts)
        .replace(
            "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ",
            "☑ ",
        )
        .replace("<input type=\"checkbox\" disabled=\"\" /> ", "☐ ")
}

/// The sanitised preview of a Markdown text.
pub fn preview_markdown(markdown: &str) -> String {
    sanitize(&render_unsanitized(markdown))
}

/// The sanitised preview of an entry: a header with its title (and lead, when given) and
/// the rendered body.
pub fn preview_html(
    title: &str,
    lead: Option<&str>,
    body: &DocNode,
) -> Result<String, ContentError> {
    let markdown = doc_to_markdown(&super::images::for_preview(body))?;
    let mut html = format!("<h1>{}</h1>\n", escape(title));
    if let Some(lead) = lead.filter(|l| !l.trim().is_empty()) {
        html.push_str(&format!("<p class=\"lead\">{}</p>\n", escape(lead)));
    }
    html.push_str(&render_unsanitized(&markdown));
    Ok(sanitize(&html))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
