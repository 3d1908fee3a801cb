//! The site index and search on a generated site (default 10,000 entries: three collections,
//! English and Russian, realistic lengths; `DESK_BENCH_ENTRIES` to change) in a real git
//! repository, beside named peers measured in the same run:
//! - cold index time vs `hugo` building the same content (Debian's hugo, if installed);
//! - incremental re-index after 10 changed files (one commit);
//! - search latency p50/p99 over 1,000 queries typed as prefixes, vs `grep -ril` over the
//!   same files for a sample of the same words (the plain scan a user would otherwise run);
//! - autosave latency p50/p99 for a 5,000-word article (synchronous=FULL: one fsync each), vs
//!   the disk's own flush of the same amount of data in the same folder.
//!
//! Not a test: figures only. `cargo bench --bench search`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use desk::api::Desk;
use desk::api::types::{DraftInput, SearchFilters};
use desk::markdown::DocNode;

const WORDS_EN: &[&str] = &[
    "barents",
    "cooperation",
    "harbour",
    "youth",
    "forum",
    "railway",
    "border",
    "reindeer",
    "herding",
    "fishing",
    "culture",
    "festival",
    "health",
    "climate",
    "ice",
    "road",
    "winter",
    "council",
    "region",
    "students",
    "Kirkenes",
    "Luleå",
    "Tromsø",
    "Rovaniemi",
    "Murmansk",
    "Arkhangelsk",
    "Čáhcegieddi",
    "Sápmi",
    "Oulu",
    "Inari",
    "transport",
    "energy",
    "museum",
];
const WORDS_RU: &[&str] = &[
    "сотрудничество",
    "молодёжь",
    "граница",
    "регион",
    "порт",
    "культура",
    "здоровье",
    "климат",
    "зима",
    "дорога",
    "Мурманск",
    "Архангельск",
    "Киркенес",
    "совет",
    "студенты",
];

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Rng(u64);
impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
    fn words(&mut self, dict: &[&str], n: usize) -> String {
        (0..n)
            .map(|_| dict[self.next(dict.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn entry(rng: &mut Rng, i: usize, ru: bool) -> String {
    let dict = if ru { WORDS_RU } else { WORDS_EN };
    let paragraphs: Vec<String> = (0..3 + rng.next(8))
        .map(|_| {
            let len = 40 + rng.next(80);
            format!("{}.", rng.words(dict, len))
        })
        .collect();
    let title = rng.words(dict, 4);
    let (year, month, day) = (10 + rng.next(16), 1 + rng.next(12), 1 + rng.next(28));
    let tag = dict[rng.next(dict.len())];
    format!(
        "---\ntitle: {title} {i}\ndate: 20{year:02}-{month:02}-{day:02}\ntags: [{tag}]\n---\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

/// The entry list the window asks for at start (`Desk::entry_list`: every entry with its title,
/// date, state and translations, in the compact form sent over IPC), with the site pushed to a
/// bare origin as a real one is; beside the git CLI reading the same tree (`git ls-tree`, the
/// floor of any listing) and hugo listing the same entries with their titles and dates.
fn entry_list(desk: &Desk, site: &Path, dir: &Path) {
    let origin = dir.join("origin.git");
    git(
        dir,
        &[
            "clone",
            "-q",
            "--bare",
            site.to_str().unwrap(),
            "origin.git",
        ],
    );
    git(site, &["remote", "add", "origin", origin.to_str().unwrap()]);
    git(site, &["fetch", "-q", "origin"]);
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..20 {
        let t = Instant::now();
        let list = desk.entry_list().unwrap();
        let json = serde_json::to_vec(&list).unwrap();
        times.push(t.elapsed());
        bytes = json.len();
    }
    let rows = desk.list_entries().unwrap().len();
    times.sort();
    let p50 = percentile(&times, 0.5);
    println!(
        "entry list ({rows} rows, {:.2} MB of JSON): p50 {:.1?}, max {:.1?} over 20 lists",
        bytes as f64 / 1e6,
        p50,
        times[times.len() - 1]
    );
    let peer = |what: &str, program: &str, args: &[&str]| {
        let mut runs = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let out = Command::new(program).args(args).current_dir(site).output();
            match out {
                Ok(o) if o.status.success() => runs.push(t.elapsed()),
                _ => {
                    println!("  peer: {what} could not run");
                    return;
                }
            }
        }
        runs.sort();
        let median = percentile(&runs, 0.5);
        println!(
            "  peer: {what} in {:.1?} (median of 5) -> list/peer = {:.2}",
            median,
            p50.as_secs_f64() / median.as_secs_f64()
        );
    };
    peer(
        "`git ls-tree -r HEAD content` (the tree's paths, no titles)",
        "git",
        &["ls-tree", "-r", "HEAD", "content"],
    );
    peer(
        "`hugo list all` (paths, titles and dates of the same entries)",
        "hugo",
        &["list", "all"],
    );
}

fn main() {
    let n: usize = std::env::var("DESK_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join(".desk")).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-site");
    std::fs::copy(demo.join(".desk/site.toml"), site.join(".desk/site.toml")).unwrap();
    std::fs::copy(demo.join("hugo.toml"), site.join("hugo.toml")).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let collections = ["articles", "interviews", "events"];
    let mut files = Vec::new();
    for i in 0..n {
        let c = collections[i % 3];
        let ru = i % 4 == 3;
        let folder = site.join("content").join(c);
        std::fs::create_dir_all(&folder).unwrap();
        let name = if ru {
            format!("entry-{i}.ru.md")
        } else {
            format!("entry-{i}.md")
        };
        std::fs::write(folder.join(&name), entry(&mut rng, i, ru)).unwrap();
        files.push(format!("content/{c}/{name}"));
    }
    git(&site, &["init", "-q", "-b", "main"]);
    git(
        &site,
        &["-c", "user.name=b", "-c", "user.email=b@e", "add", "."],
    );
    git(
        &site,
        &[
            "-c",
            "user.name=b",
            "-c",
            "user.email=b@e",
            "commit",
            "-qm",
            "site",
        ],
    );
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(site.join(f)).unwrap().len())
        .sum();
    println!(
        "site: {n} entries, {:.1} MB of Markdown",
        bytes as f64 / 1e6
    );

    let desk = Desk::open(&dir.path().join("data")).unwrap();
    desk.open_site(&site).unwrap();
    let t = Instant::now();
    let cold = desk.index_site().unwrap();
    let cold_time = t.elapsed();
    println!(
        "cold index: {:.0?} ({} entries parsed)",
        cold_time, cold.parsed
    );
    if let Ok(out) = Command::new("hugo")
        .args(["--quiet", "--destination"])
        .arg(dir.path().join("public"))
        .current_dir(&site)
        .output()
    {
        let t = Instant::now();
        let out2 = Command::new("hugo")
            .args(["--quiet", "--destination"])
            .arg(dir.path().join("public2"))
            .current_dir(&site)
            .output();
        let hugo = t.elapsed();
        match out2 {
            Ok(o) if o.status.success() && out.status.success() => println!(
                "  peer: hugo builds the same content in {:.0?} (second run) -> index/hugo = {:.2}",
                hugo,
                cold_time.as_secs_f64() / hugo.as_secs_f64()
            ),
            _ => println!(
                "  peer: hugo failed on the generated site: {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            ),
        }
    } else {
        println!("  peer: hugo is not installed (apt install hugo)");
    }

    for f in files.iter().take(10) {
        let p = site.join(f);
        let mut text = std::fs::read_to_string(&p).unwrap();
        text.push_str("\nChanged paragraph Ishavsveien.\n");
        std::fs::write(&p, text).unwrap();
    }
    git(
        &site,
        &[
            "-c",
            "user.name=b",
            "-c",
            "user.email=b@e",
            "commit",
            "-qam",
            "ten",
        ],
    );
    let t = Instant::now();
    let inc = desk.index_site().unwrap();
    println!(
        "incremental re-index after 10 changed files: {:.1?} ({} parsed, {} unchanged)",
        t.elapsed(),
        inc.parsed,
        inc.unchanged
    );

    entry_list(&desk, &site, dir.path());

    // 1,000 queries as one types: every prefix of words from the dictionaries.
    let mut queries = Vec::new();
    while queries.len() < 1000 {
        let dict = if rng.next(4) == 0 { WORDS_RU } else { WORDS_EN };
        let word: Vec<char> = dict[rng.next(dict.len())].chars().collect();
        for len in 2..=word.len().min(8) {
            queries.push(word[..len].iter().collect::<String>());
        }
    }
    queries.truncate(1000);
    let mut times = Vec::new();
    let mut found = 0;
    let filters = SearchFilters {
        limit: Some(20),
        ..Default::default()
    };
    let (mut short, mut long) = (Vec::new(), Vec::new());
    for q in &queries {
        let t = Instant::now();
        found += desk.search(q, &filters).unwrap().len();
        times.push(t.elapsed());
        if q.chars().count() <= 3 {
            short.push(t.elapsed());
        } else {
            long.push(t.elapsed());
        }
    }
    times.sort();
    short.sort();
    long.sort();
    println!(
        "search, 1,000 prefix queries (top 20 with snippets): p50 {:.2?}, p99 {:.2?}, {found} hits",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
    println!(
        "  by prefix length: 2-3 letters ({}) p50 {:.2?}, p99 {:.2?}; 4-8 letters ({}) p50 {:.2?}, p99 {:.2?}",
        short.len(),
        percentile(&short, 0.5),
        percentile(&short, 0.99),
        long.len(),
        percentile(&long, 0.5),
        percentile(&long, 0.99)
    );
    let sample: Vec<&String> = queries
        .iter()
        .filter(|q| q.chars().count() >= 4)
        .take(20)
        .collect();
    let mut grep_times = Vec::new();
    for q in &sample {
        let t = Instant::now();
        let _ = Command::new("grep")
            .args(["-ril", "--include=*.md", q.as_str()])
            .arg(site.join("content"))
            .output()
            .unwrap();
        grep_times.push(t.elapsed());
    }
    grep_times.sort();
    let g50 = percentile(&grep_times, 0.5);
    println!(
        "  peer: grep -ril over the same files, {} of the queries: p50 {:.2?} -> grep/search p50 = {:.2}x",
        sample.len(),
        g50,
        g50.as_secs_f64() / percentile(&times, 0.5).as_secs_f64()
    );

    // Autosave of a 5,000-word article.
    let entry = desk.new_entry("articles", "Long read").unwrap();
    let mut key = entry.key.clone();
    let mut times = Vec::new();
    for i in 0..200 {
        let text = format!("{} {i}", rng.words(WORDS_EN, 5000));
        let body = DocNode::new("doc").with_content(
            text.split(". ")
                .collect::<Vec<_>>()
                .chunks(1)
                .map(|p| DocNode::new("paragraph").with_content(vec![DocNode::text(p[0], vec![])]))
                .collect(),
        );
        let t = Instant::now();
        key = desk
            .save_draft(&DraftInput {
                key: key.clone(),
                collection: "articles".into(),
                title: "Long read".into(),
                fields: Default::default(),
                body,
            })
            .unwrap()
            .key;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "autosave, 5,000-word article, 200 saves: p50 {:.2?}, p99 {:.2?} (each one fsync'd transaction)",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
    println!(
        "  slowest saves: {:.2?}; saves over 5 ms: {}",
        &times[times.len().saturating_sub(4)..],
        times.iter().filter(|t| t.as_millis() >= 5).count()
    );

    // The peer: the disk itself. Appending about what a save adds to the write-ahead log
    // and flushing them (what `synchronous=FULL` waits for once per save), 200 times, in the
    // same folder. No durable save can be quicker than this flush.
    let log = dir.path().join("data").join("fsync-peer.bin");
    let mut file = std::fs::File::create(&log).unwrap();
    let chunk = vec![b'x'; 64 * 1024];
    let mut flushes = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        std::io::Write::write_all(&mut file, &chunk).unwrap();
        file.sync_data().unwrap();
        flushes.push(t.elapsed());
    }
    flushes.sort();
    println!(
        "  peer: 64 KiB written and flushed (fdatasync) in the same folder, 200 times: p50 {:.2?}, p99 {:.2?} -> autosave/flush p99 = {:.2}",
        percentile(&flushes, 0.5),
        percentile(&flushes, 0.99),
        percentile(&times, 0.99).as_secs_f64() / percentile(&flushes, 0.99).as_secs_f64()
    );
}
