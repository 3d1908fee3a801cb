//! Losslessness of the Markdown bridge, measured on text written by others: the CommonMark
//! spec examples, markdown-it's GFM fixtures, and every Markdown file of the crates in the
//! local cargo registry. A no-op save must give the identical bytes for 100 %; a forced full
//! re-format must keep the rendered HTML (whitespace-normalised) for at least 99.5 % of the
//! real documents. Exceptions are printed and explained in the README of the fixtures.

use std::path::{Path, PathBuf};

use desk::markdown::roundtrip;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/markdown")
            .join(name),
    )
    .unwrap()
}

/// The Markdown of each example in the CommonMark spec (`→` stands for a tab there).
fn spec_examples() -> Vec<String> {
    let spec = fixture("commonmark-spec-0.31.2.txt");
    let fence = "`".repeat(32);
    let mut examples = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line.starts_with(&fence) && line.ends_with("example") {
            let mut markdown = String::new();
            for l in lines.by_ref() {
                if l == "." {
                    break;
                }
                markdown.push_str(&l.replace('→', "\t"));
                markdown.push('\n');
            }
            examples.push(markdown);
        }
    }
    examples
}

/// The Markdown of each markdown-it fixture: `title / . / markdown / . / html / .`.
fn markdown_it_examples(name: &str) -> Vec<String> {
    let text = fixture(name);
    let parts: Vec<&str> = text.split("\n.\n").collect();
    // parts: [title, md, html, title, md, html, ...] with the title glued to the previous "."
    parts
        .iter()
        .skip(1)
        .step_by(2)
        .map(|md| format!("{md}\n"))
        .collect()
}

struct Tally {
    files: usize,
    changed: Vec<String>,
    semantic: Vec<String>,
}

fn tally(items: impl IntoIterator<Item = (String, String)>) -> Tally {
    let mut t = Tally {
        files: 0,
        changed: Vec::new(),
        semantic: Vec::new(),
    };
    for (name, markdown) in items {
        t.files += 1;
        let r = roundtrip::check(&markdown);
        if r.changed {
            t.changed.push(name.clone());
        }
        if r.semantic {
            t.semantic.push(name);
        }
    }
    t
}

#[test]
fn spec_and_gfm_examples_round_trip_unchanged() {
    let mut items: Vec<(String, String)> = spec_examples()
        .into_iter()
        .enumerate()
        .map(|(i, md)| (format!("commonmark example {}", i + 1), md))
        .collect();
    assert_eq!(items.len(), 652, "the spec has 652 examples");
    for name in [
        "markdown-it-tables.txt",
        "markdown-it-strikethrough.txt",
        "markdown-it-tasklists.txt",
    ] {
        let examples = markdown_it_examples(name);
        assert!(examples.len() > 5, "{name}");
        items.extend(
            examples
                .into_iter()
                .enumerate()
                .map(|(i, md)| (format!("{name} #{}", i + 1), md)),
        );
    }
    let t = tally(items);
    println!(
        "spec corpus: {} examples, {} changed by a no-op save, {} render differently after a full re-format",
        t.files,
        t.changed.len(),
        t.semantic.len()
    );
    for name in &t.semantic {
        println!("  full re-format differs: {name}");
    }
    assert!(t.changed.is_empty(), "no-op saves changed: {:?}", t.changed);
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn real_documents_from_the_cargo_registry_round_trip() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let mut files = Vec::new();
    markdown_files(&cargo_home.join("registry/src"), &mut files);
    files.sort();
    assert!(
        files.len() >= 300,
        "only {} Markdown files under {}: the corpus is the registry this project's dependencies were fetched into",
        files.len(),
        cargo_home.join("registry/src").display()
    );
    let items = files.iter().filter_map(|p| {
        let text = String::from_utf8(std::fs::read(p).ok()?).ok()?;
        Some((p.display().to_string(), text))
    });
    let t = tally(items);
    let identical = 100.0 * (t.files - t.semantic.len()) as f64 / t.files as f64;
    println!(
        "registry corpus: {} files, {} changed by a no-op save, {} render differently after a full re-format ({identical:.2} % identical)",
        t.files,
        t.changed.len(),
        t.semantic.len()
    );
    for name in &t.semantic {
        println!("  full re-format differs: {name}");
    }
    assert!(t.changed.is_empty(), "no-op saves changed: {:?}", t.changed);
    assert!(
        identical >= 99.5,
        "full re-format kept only {identical:.2} % of documents rendering the same"
    );
}
