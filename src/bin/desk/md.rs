//! `desk md --roundtrip PATH...`: open and save bare Markdown files in memory and say which
//! would change (losslessness), and which render differently after a full re-format.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use desk::content::EntryFile;
use desk::markdown::roundtrip;

pub fn run(paths: &[PathBuf]) -> desk::Result<ExitCode> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files);
    }
    files.sort();
    let (mut changed, mut semantic, mut unreadable) = (0usize, 0usize, 0usize);
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            unreadable += 1;
            println!("unreadable\t{}", file.display());
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            unreadable += 1;
            println!("not UTF-8\t{}", file.display());
            continue;
        };
        let name = file.display().to_string();
        // Front matter, if any, is the content layer's business; the body is the bridge's.
        let body = match EntryFile::parse(&name, &text) {
            Ok(entry) => entry.body().to_owned(),
            Err(_) => text.clone(),
        };
        let result = roundtrip::check(&body);
        if result.changed {
            changed += 1;
            println!("changed\t{name}");
        }
        if result.semantic {
            semantic += 1;
            println!("semantic\t{name}");
        }
    }
    let read = files.len() - unreadable;
    println!("roundtrip: {read} files, {changed} changed, {semantic} semantic");
    Ok(if changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                collect(&p, out);
            } else if p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
            {
                out.push(p);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}
