//! Sync benchmark: against a content repository of 10,000 entries, (1) publish one article with
//! three images — commit + push to a local bare origin — through the core (`SiteRepo`, as a
//! publish does it) and through the git CLI (`add` + `commit` + `push` of the same files), and
//! (2) clone the repository through the core (libgit2) and with `git clone --no-local`. Same
//! run, same machine; prints medians and the ratio (core / git; below 1 is faster).
//!
//! `cargo bench --bench sync` (set DESK_BENCH_ENTRIES to change the size).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use desk::api::types::Identity;
use desk::publish::{Access, RepoPath, SiteRepo};

const RUNS: usize = 5;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Deterministic filler bytes (an image stand-in that does not compress).
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// A bare origin holding `n` entries in one commit, made with `git fast-import`.
fn make_origin(dir: &Path, n: usize) -> std::path::PathBuf {
    let origin = dir.join("origin.git");
    git(
        dir,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            origin.to_str().unwrap(),
        ],
    );
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&origin)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut stream = Vec::new();
    for i in 0..n {
        let text = format!(
            "---\ntitle: Entry number {i}\ndate: 2026-01-01\nauthor: Bench\n---\n\nParagraph {i} about cooperation in the Barents Region, with some words to make it a realistic size for a news item on the site.\n\nA second paragraph for entry {i}.\n"
        );
        write!(
            stream,
            "blob\nmark :{}\ndata {}\n{text}\n",
            i + 1,
            text.len()
        )
        .unwrap();
    }
    let msg = "Import";
    write!(
        stream,
        "commit refs/heads/main\ncommitter Bench <b@x> 1700000000 +0000\ndata {}\n{msg}\n",
        msg.len()
    )
    .unwrap();
    for i in 0..n {
        writeln!(
            stream,
            "M 100644 :{} content/articles/entry-{i:05}.md",
            i + 1
        )
        .unwrap();
    }
    input.write_all(&stream).unwrap();
    drop(input);
    assert!(child.wait().unwrap().success());
    origin
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn report(what: &str, core: Duration, peer: Duration) {
    println!(
        "{what:<46} core {:>8.1} ms   git CLI {:>8.1} ms   ratio {:.2}",
        core.as_secs_f64() * 1e3,
        peer.as_secs_f64() * 1e3,
        core.as_secs_f64() / peer.as_secs_f64()
    );
}

fn main() {
    let n: usize = std::env::var("DESK_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let origin = make_origin(tmp.path(), n);
    let url = origin.to_str().unwrap().to_owned();
    println!(
        "content repository: {n} entries ({:.1} s to build)",
        t.elapsed().as_secs_f64()
    );

    // Clone.
    let mut core = Vec::new();
    let mut peer = Vec::new();
    for run in 0..RUNS {
        let dest = tmp.path().join(format!("core-clone-{run}"));
        let t = Instant::now();
        desk::publish::clone::clone(&url, &dest, &Access::local(), None).unwrap();
        core.push(t.elapsed());
        let dest = tmp.path().join(format!("git-clone-{run}"));
        let t = Instant::now();
        git(
            tmp.path(),
            &["clone", "-q", "--no-local", &url, dest.to_str().unwrap()],
        );
        peer.push(t.elapsed());
    }
    report(
        &format!("clone ({n} entries, work tree included)"),
        median(core),
        median(peer),
    );

    // Publish one article with three images, commit + push.
    let core_site = tmp.path().join("core-clone-0");
    let git_site = tmp.path().join("git-clone-0");
    for site in [&core_site, &git_site] {
        git(site, &["config", "user.name", "Bench"]);
        git(site, &["config", "user.email", "b@x"]);
    }
    let who = Identity {
        name: "Bench".into(),
        email: "b@x".into(),
    };
    let mut core = Vec::new();
    let mut peer = Vec::new();
    for run in 0..RUNS {
        let article = format!(
            "---\ntitle: Benchmark article {run}\ndate: 2026-02-02\n---\n\nText of run {run}.\n"
        );
        let images: Vec<Vec<u8>> = (0..3)
            .map(|i| noise((run * 3 + i) as u64 + 1, 150_000))
            .collect();
        let paths = [
            format!("content/articles/bench-{run}.md"),
            format!("static/images/bench-{run}-a.jpg"),
            format!("static/images/bench-{run}-b.jpg"),
            format!("static/images/bench-{run}-c.jpg"),
        ];
        // The core: what a publish does (open, commit exactly these bytes, push).
        let t = Instant::now();
        let repo = SiteRepo::open(&core_site).unwrap();
        let mut files: Vec<(RepoPath, &[u8])> =
            vec![(RepoPath::new(&paths[0]).unwrap(), article.as_bytes())];
        for (p, b) in paths[1..].iter().zip(&images) {
            files.push((RepoPath::new(p).unwrap(), b));
        }
        repo.commit_files(
            &files,
            &format!("Publish article: Benchmark article {run}"),
            &who,
        )
        .unwrap();
        repo.push(&Access::local()).unwrap();
        core.push(t.elapsed());
        // Keep the other clone current without counting it.
        git(&git_site, &["pull", "-q", "--ff-only"]);

        let paths_git: Vec<String> = paths
            .iter()
            .map(|p| p.replace("bench-", "git-bench-"))
            .collect();
        std::fs::create_dir_all(git_site.join("static/images")).unwrap();
        let t = Instant::now();
        std::fs::write(git_site.join(&paths_git[0]), &article).unwrap();
        for (p, b) in paths_git[1..].iter().zip(&images) {
            std::fs::write(git_site.join(p), b).unwrap();
        }
        let mut add = vec!["add", "--"];
        add.extend(paths_git.iter().map(String::as_str));
        git(&git_site, &add);
        git(
            &git_site,
            &[
                "commit",
                "-q",
                "-m",
                &format!("Publish article: Benchmark article {run}"),
            ],
        );
        git(&git_site, &["push", "-q", "origin", "main"]);
        peer.push(t.elapsed());
        git(&core_site, &["pull", "-q", "--ff-only"]);
    }
    report(
        "publish 1 article + 3 images (commit + push)",
        median(core),
        median(peer),
    );
}
