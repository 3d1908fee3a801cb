//! Markdown throughput on real documents (every `*.md` of the crates in the local cargo
//! registry): open (comrak parse + conversion to the editor's document) and save (document
//! to Markdown by comrak's formatter, and the minimal-diff save), in MB/s, beside
//! pulldown-cmark parsing and rendering the same bytes to HTML in the same run.
//! Not a test: figures only. `cargo bench --bench markdown` (or `cargo xtask bench markdown`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use desk::markdown::{DocNode, doc_to_markdown, doc_to_markdown_preserving, markdown_to_doc};

fn corpus() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let mut files = Vec::new();
    walk(&home.join("registry/src"), &mut files);
    files.sort();
    files
        .iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
        .collect()
}

/// The best of `rounds` runs (the least disturbed by a noisy machine).
fn best(rounds: usize, mut work: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            work();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    assert!(
        docs.len() > 100,
        "the corpus is the local cargo registry; fetch the project's crates first"
    );
    println!(
        "corpus: {} documents, {:.2} MB (cargo registry *.md)",
        docs.len(),
        bytes as f64 / 1e6
    );
    let rounds = 5;

    let peer = best(rounds, || {
        for d in &docs {
            let parser = pulldown_cmark::Parser::new_ext(d, pulldown_cmark::Options::all());
            let mut html = String::with_capacity(d.len() * 2);
            pulldown_cmark::html::push_html(&mut html, parser);
            std::hint::black_box(html);
        }
    });
    let comrak_html = best(rounds, || {
        for d in &docs {
            std::hint::black_box(comrak::markdown_to_html(d, &desk::markdown::options()));
        }
    });
    let open = best(rounds, || {
        for d in &docs {
            std::hint::black_box(markdown_to_doc(d));
        }
    });
    let parsed: Vec<DocNode> = docs.iter().map(|d| markdown_to_doc(d)).collect();
    let save_full = best(rounds, || {
        for doc in &parsed {
            std::hint::black_box(doc_to_markdown(doc).ok());
        }
    });
    let save_noop = best(rounds, || {
        for (doc, text) in parsed.iter().zip(&docs) {
            std::hint::black_box(doc_to_markdown_preserving(doc, text).ok());
        }
    });
    let edited: Vec<DocNode> = parsed
        .iter()
        .map(|doc| {
            let mut d = doc.clone();
            if let Some(first) = d
                .content
                .as_mut()
                .and_then(|c| c.iter_mut().find(|b| b.node_type == "paragraph"))
            {
                first.content = Some(vec![DocNode::text("An edited paragraph.", vec![])]);
            }
            d
        })
        .collect();
    let save_edit = best(rounds, || {
        for (doc, text) in edited.iter().zip(&docs) {
            std::hint::black_box(doc_to_markdown_preserving(doc, text).ok());
        }
    });

    let peer_mbps = mbps(bytes, peer);
    let row = |name: &str, d: Duration| {
        let m = mbps(bytes, d);
        println!(
            "{name:<52} {m:>8.1} MB/s   {:>5.2}x pulldown-cmark",
            m / peer_mbps
        );
    };
    println!("best of {rounds} runs, release build, one thread:");
    println!(
        "{:<52} {peer_mbps:>8.1} MB/s   (peer)",
        "pulldown-cmark parse + HTML"
    );
    row("comrak parse + HTML (the preview)", comrak_html);
    row("open: comrak parse + editor document", open);
    row(
        "save: full re-format (document -> comrak -> Markdown)",
        save_full,
    );
    row("save: no-op, minimal diff (checks re-parse)", save_noop);
    row("save: one paragraph edited, minimal diff", save_edit);
}
