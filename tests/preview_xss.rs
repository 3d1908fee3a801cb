//! The preview sanitiser against a corpus of XSS payloads (tests/fixtures/xss/payloads.txt:
//! OWASP filter-evasion classics, mixed-case and entity-encoded schemes, SVG set/animate,
//! MathML annotation-xml, noscript/style mutations), each placed in several Markdown contexts
//! and in an entry's title and lead. None may survive, and sanitising twice equals once.

use desk::markdown::markdown_to_doc;
use desk::markdown::preview::{preview_html, preview_markdown, sanitize};

fn payloads() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/xss/payloads.txt"
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Decodes the entities html5ever leaves in attribute values, enough to see a scheme.
fn decode(value: &str) -> String {
    value
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
}

/// Every way script could run from this HTML, found by a plain reading of the output.
fn dangers(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for tag in [
        "script",
        "svg",
        "math",
        "style",
        "iframe",
        "object",
        "embed",
        "base",
        "meta",
        "link",
        "form",
        "noscript",
        "template",
        "frame",
        "frameset",
        "applet",
        "xmp",
        "plaintext",
        "textarea",
        "select",
        "button",
        "video",
        "audio",
        "source",
        "bgsound",
        "portal",
        "body",
        "marquee",
        "keygen",
        "title",
    ] {
        if lower.contains(&format!("<{tag}")) {
            found.push(format!("element <{tag}>"));
        }
    }
    // Attributes: scan each tag's attribute names and URL values.
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e);
        let tag = &rest[start + 1..end];
        for (i, _) in tag.match_indices(" on") {
            let after = &tag[i + 3..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if !name.is_empty() && after[name.len()..].trim_start().starts_with('=') {
                found.push(format!("event handler on{name} in <{tag}>"));
            }
        }
        if tag.contains(" style=") {
            found.push(format!("style attribute in <{tag}>"));
        }
        if tag.starts_with("input") {
            found.push(format!("form field <{tag}>"));
        }
        for attr in [
            "href=\"",
            "src=\"",
            "cite=\"",
            "srcset=\"",
            "action=\"",
            "formaction=\"",
            "background=\"",
            "poster=\"",
            "data=\"",
            "xlink:href=\"",
        ] {
            for (i, _) in tag.match_indices(attr) {
                let value_start = i + attr.len();
                let value_end = tag[value_start..]
                    .find('"')
                    .map_or(tag.len(), |e| value_start + e);
                let value: String = decode(&tag[value_start..value_end])
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                let raster = [
                    "data:image/png",
                    "data:image/jpeg",
                    "data:image/gif",
                    "data:image/webp",
                ]
                .iter()
                .any(|p| value.starts_with(p));
                if value.starts_with("javascript:")
                    || value.starts_with("vbscript:")
                    || (value.starts_with("data:") && !(raster && attr == "src=\""))
                {
                    found.push(format!("dangerous URL {value} in <{tag}>"));
                }
            }
        }
        rest = &rest[end.min(rest.len())..];
        if rest.len() <= 1 {
            break;
        }
        rest = &rest[1..];
    }
    found
}

#[test]
fn the_corpus_has_at_least_a_hundred_payloads() {
    assert!(payloads().len() >= 100, "{}", payloads().len());
}

#[test]
fn the_checker_itself_sees_danger() {
    // A checker that finds nothing proves nothing: it must flag what the sanitiser removes.
    for raw in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<p style=\"x\">x</p>",
        "<svg></svg>",
    ] {
        assert!(!dangers(raw).is_empty(), "{raw}");
    }
    assert!(
        dangers("<img src=\"data:image/png;base64,AA==\"><a href=\"https://a.example\">ok</a>")
            .is_empty()
    );
}

#[test]
fn no_payload_survives_in_any_markdown_context() {
    let mut checked = 0;
    for payload in payloads() {
        let contexts = [
            payload.clone(),
            format!("Before {payload} after."),
            format!("<div>\n{payload}\n</div>\n"),
            format!("[click]({payload})"),
            format!("[click](<{payload}>)"),
            format!("![alt]({payload})"),
            format!("- item {payload}\n"),
            format!("> quote\n> {payload}\n"),
            format!("| a |\n|---|\n| {payload} |\n"),
            format!("[ref]\n\n[ref]: {payload}\n"),
        ];
        for markdown in contexts {
            let html = preview_markdown(&markdown);
            let found = dangers(&html);
            assert!(
                found.is_empty(),
                "payload {payload:?} in {markdown:?} survived as {found:?}:\n{html}"
            );
            assert_eq!(
                sanitize(&html),
                html,
                "sanitising twice differs for {markdown:?}"
            );
            checked += 1;
        }
        // the editor's path: Markdown -> document -> preview, with the payload also in the
        // title and the lead (front matter values)
        let html = preview_html(
            &payload,
            Some(&payload),
            &markdown_to_doc(&format!("Text {payload}\n")),
        )
        .unwrap();
        let found = dangers(&html);
        assert!(
            found.is_empty(),
            "payload {payload:?} in title/lead/body survived as {found:?}:\n{html}"
        );
        assert_eq!(sanitize(&html), html);
        checked += 1;
    }
    println!("{checked} contexts checked, none unsafe");
}

#[test]
fn ordinary_content_is_kept() {
    let html = preview_markdown(
        "## Kirkenes\n\n**Bold** [link](https://barents.example/a \"t\") ![photo](/images/a.jpg)\n\n- [x] done\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">\n",
    );
    for kept in [
        "<h2>Kirkenes</h2>",
        "<strong>Bold</strong>",
        "href=\"https://barents.example/a\"",
        "rel=\"noopener noreferrer nofollow\"",
        "src=\"/images/a.jpg\"",
        "☑ done",
        "class=\"language-rust\"",
        "<table>",
        "src=\"data:image/png;base64,iVBORw0KGgo=\"",
    ] {
        assert!(html.contains(kept), "{kept} missing from:\n{html}");
    }
}
