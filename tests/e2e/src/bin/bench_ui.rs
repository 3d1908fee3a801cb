//! The UI benchmark of issue 7, through the real app (tauri-driver, Xvfb): figures printed
//! against the targets, not a pass/fail test. Run with `cargo xtask bench-ui`.
//!
//! On a generated site of 10,000 entries (`DESK_BENCH_ENTRIES` to change), a quarter of them
//! Russian translations, with 300 commits of history (`DESK_BENCH_COMMITS`) and one entry of
//! 5,000 words:
//! - start: from the app's process start to its entry list painted (the kernel's start time of
//!   the process, the page's clock and its `desk-start-painted` mark), split into process to
//!   page, page to script done and to list painted; the site already indexed by an earlier run;
//! - open: click on the long entry's row to its last words in the editor (in the page);
//! - typing: keydown to the frame after it painted (`performance.now` + `requestAnimationFrame`
//!   in the page) for 201 keys typed at the end of the long entry at a fast typist's pace (a key
//!   every 100 ms, WebDriver actions), p50/p99/max, and the CPU the app and WebKit spent per key;
//!   the peer: the same keys into a plain textarea holding the same text in the same window
//!   (WebKit's own floor on this machine), with the ratio; then the same keys sent all at once
//!   (keys handled per second; each key also waits for those before it);
//! - memory: resident set (VmRSS) of the app and of its WebKit processes (web, network) after
//!   opening 20 entries, each process apart (anon/file/shmem, PSS, threads) and in total; its
//!   peers, measured in the same run: the same app right after start on the small demo site
//!   (the floor of a Tauri + WebKit window showing this UI), and WebKitGTK's own MiniBrowser
//!   showing about:blank (the floor of any WebKitGTK window), each printed with the ratio.
//!   `DESK_BENCH_HOLD_SECS` keeps the app open that long after, to look inside it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use desk_e2e::{Driver, eval, open_site_folder, wait_until};
use fantoccini::Client;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

const LONG: &str = "content/articles/long-read.md";
const LONG_END: &str = "the last words of the long read";

const WORDS: &[&str] = &[
    "Barents",
    "region",
    "cooperation",
    "border",
    "harbour",
    "winter",
    "youth",
    "culture",
    "health",
    "climate",
    "road",
    "council",
    "students",
    "Kirkenes",
    "Murmansk",
    "Luleå",
    "Rovaniemi",
    "Tromsø",
    "Sámi",
    "reindeer",
    "fjord",
    "bridge",
    "festival",
    "museum",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.next(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.org",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A site of `n` entries (articles and interviews, English and Russian) plus the long read.
fn make_site(root: &Path, n: usize, history: usize) -> PathBuf {
    let site = root.join("site");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo-site");
    std::fs::create_dir_all(site.join(".desk")).expect("site folder");
    let schema = std::fs::read_to_string(demo.join(".desk/site.toml"))
        .expect("the demo schema")
        .replace("Barents Demo Site", "Bench site");
    std::fs::write(site.join(".desk/site.toml"), schema).expect("schema");
    std::fs::copy(demo.join("hugo.toml"), site.join("hugo.toml")).expect("hugo.toml");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut files = Vec::new();
    for i in 0..n.saturating_sub(1) {
        // Every fourth entry is the Russian translation of the one before it.
        let base = if i % 4 == 3 { i - 1 } else { i };
        let collection = if base % 5 == 4 {
            "interviews"
        } else {
            "articles"
        };
        let folder = site.join("content").join(collection);
        std::fs::create_dir_all(&folder).expect("folder");
        let name = if i % 4 == 3 {
            format!("entry-{base}.ru.md")
        } else {
            format!("entry-{i}.md")
        };
        files.push(format!("content/{collection}/{name}"));
        let paragraphs: Vec<String> = (0..3 + rng.next(6))
            .map(|_| {
                let len = 40 + rng.next(60);
                format!("{}.", rng.words(len))
            })
            .collect();
        let text = format!(
            "---\ntitle: {} {i}\ndate: 20{:02}-{:02}-{:02}\nauthor: Bench\n---\n\n{}\n",
            rng.words(4),
            10 + rng.next(16),
            1 + rng.next(12),
            1 + rng.next(28),
            paragraphs.join("\n\n")
        );
        std::fs::write(folder.join(name), text).expect("entry");
    }
    // The long read: 5,000 words in headings, paragraphs and lists.
    let mut body = String::new();
    let mut words = 0;
    let mut section = 0;
    while words < 4_990 {
        if words % 600 < 100 {
            section += 1;
            body.push_str(&format!("## Part {section}: {}\n\n", rng.words(3)));
        }
        let n = 60 + rng.next(60);
        body.push_str(&format!("{}.\n\n", rng.words(n)));
        words += n;
        if section % 3 == 0 && words % 7 == 0 {
            body.push_str(&format!("- {}\n- {}\n\n", rng.words(6), rng.words(6)));
            words += 12;
        }
    }
    body.push_str(&format!("And these are {LONG_END}.\n"));
    std::fs::write(
        site.join(LONG),
        format!("---\ntitle: The long read\ndate: 2026-11-01\nauthor: Bench\n---\n\n{body}"),
    )
    .expect("the long read");
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["add", "."]);
    git(&site, &["commit", "-qm", "The bench site"]);
    // A history: each commit edits two entries, as editors' publishes do.
    for c in 0..history {
        for _ in 0..2 {
            let file = site.join(&files[rng.next(files.len())]);
            let mut text = std::fs::read_to_string(&file).expect("an entry");
            text.push_str(&format!("\n{}.\n", rng.words(12)));
            std::fs::write(&file, text).expect("an entry");
        }
        git(&site, &["commit", "-qam", &format!("Edit {c}")]);
    }
    site
}

async fn rows(client: &Client) -> u64 {
    eval(
        client,
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length",
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

/// Waits (polling every 10 ms, up to 120 s) until the bench site's list has rows.
async fn wait_for_list(client: &Client) -> Duration {
    let started = Instant::now();
    loop {
        let ok = eval(
            client,
            "document.querySelector('[data-testid=\"site-name\"]')?.innerText === 'Bench site' && document.querySelectorAll('[data-testid=\"entry-row\"]').length > 0",
        )
        .await;
        if ok.as_bool() == Some(true) {
            return started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(600) {
            let shown = eval(client, "document.body.innerText.slice(0, 1500)").await;
            panic!("the bench site's list did not appear within 600 s; the window shows:\n{shown}");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Clicks an entry's row in the page and waits for `needle` in the editor; ms in the page.
async fn open_in_page(client: &Client, path: &str, needle: &str) -> f64 {
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
        const row = document.querySelector('[data-testid="entry-row"][data-path="{path}"]');
        if (!row) {{ done(-1); return; }}
        const t0 = performance.now();
        row.click();
        const check = () => {{
          const pm = document.querySelector('.ProseMirror');
          const current = document.querySelector('[data-testid="entry-row"][aria-current="true"]')?.dataset.path === '{path}';
          // textContent: blocks out of view are in the text but not laid out (innerText skips them).
          if (current && pm && pm.textContent.includes({needle:?})) {{
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
          }} else if (performance.now() - t0 > 60000) {{ done(-2); }}
          else {{ requestAnimationFrame(check); }}
        }};
        requestAnimationFrame(check);"#
    );
    let v = client
        .execute_async(&script, vec![])
        .await
        .expect("open an entry");
    let ms = v.as_f64().unwrap_or(-3.0);
    assert!(ms >= 0.0, "{path} did not open ({ms})");
    ms
}

/// A fast typist: 10 keys a second (about 120 words a minute); the pause follows each key.
const KEY_PAUSE: Duration = Duration::from_millis(100);

/// Records, for each keydown from now on, the time to the frame after it painted (in the page).
const LATENCY_PROBE: &str = r#"(() => {
  window.__lat = [];
  if (!window.__latProbe) {
    window.__latProbe = true;
    document.addEventListener('keydown', () => {
      const t0 = performance.now();
      requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t0), 0));
    }, true);
  }
  return true;
})()"#;

/// Focuses the editor with the caret after its last word.
const CARET_AT_END_OF_EDITOR: &str = r#"(() => {
  const pm = document.querySelector('.ProseMirror');
  pm.focus();
  const sel = window.getSelection();
  sel.selectAllChildren(pm);
  sel.collapseToEnd();
  return true;
})()"#;

/// The peer: a plain textarea over the editor holding the editor's text, caret at its end.
const TEXTAREA_PEER: &str = r#"(() => {
  const pm = document.querySelector('.ProseMirror');
  const box = pm.getBoundingClientRect();
  const ta = document.createElement('textarea');
  ta.id = 'bench-peer';
  ta.setAttribute('aria-label', 'Benchmark peer');
  Object.assign(ta.style, { position: 'fixed', left: box.left + 'px', top: '80px', width: box.width + 'px', height: '600px', zIndex: '1000' });
  ta.value = [...pm.children].map((b) => b.textContent).join('\n\n');
  document.body.appendChild(ta);
  ta.focus();
  ta.setSelectionRange(ta.value.length, ta.value.length);
  return ta.value.length;
})()"#;

struct Typing {
    /// Keystroke-to-paint times (ms), sorted.
    lat: Vec<f64>,
    /// CPU time of the app and its WebKit processes per key (ms).
    cpu_ms_per_key: f64,
    /// The same, split: the app's own process, WebKit's web process, the others.
    cpu_split_per_key: Cpu,
    /// Wall clock from the first key sent to the last painted (s).
    seconds: f64,
}

async fn typed(
    client: &Client,
    app: &Path,
    cpu_before: Cpu,
    started: Instant,
    keys: usize,
) -> Typing {
    // The last keys' frames.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let cpu = cpu_ms(app).minus(&cpu_before);
    let seconds = started.elapsed().as_secs_f64() - 0.3;
    let mut lat: Vec<f64> = eval(client, "window.__lat")
        .await
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    lat.sort_by(f64::total_cmp);
    Typing {
        lat,
        cpu_ms_per_key: cpu.total() / keys as f64,
        cpu_split_per_key: cpu.per(keys as f64),
        seconds,
    }
}

/// Types `text` into the focused element one key at a time, `pause` after each (WebDriver actions).
async fn type_paced(client: &Client, app: &Path, text: &str, pause: Duration) -> Typing {
    eval(client, LATENCY_PROBE).await;
    let mut keys = KeyActions::new("keyboard".into());
    for ch in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch })
            .pause(pause);
    }
    let cpu_before = cpu_ms(app);
    let started = Instant::now();
    client
        .perform_actions(keys)
        .await
        .expect("type at a typist's pace");
    typed(client, app, cpu_before, started, text.chars().count()).await
}

/// Sends all of `text` to the focused element at once (as fast as WebDriver delivers keys).
async fn type_burst(client: &Client, app: &Path, text: &str) -> Typing {
    eval(client, LATENCY_PROBE).await;
    let cpu_before = cpu_ms(app);
    let started = Instant::now();
    client
        .active_element()
        .await
        .expect("the editor")
        .send_keys(text)
        .await
        .expect("type");
    // Until every key has painted.
    let n = text.chars().count();
    while eval(client, "window.__lat.length")
        .await
        .as_u64()
        .unwrap_or(0)
        < n as u64
        && started.elapsed() < Duration::from_secs(60)
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    typed(client, app, cpu_before, started, n).await
}

/// The app's processes (found by its executable) and every process below them (WebKit's web
/// and network processes), as two lists.
fn app_processes(app: &Path) -> (Vec<u32>, Vec<u32>) {
    let app = std::fs::canonicalize(app).unwrap_or_else(|_| app.to_path_buf());
    let mut parent: Vec<(u32, u32)> = Vec::new();
    let mut roots = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if std::fs::read_link(entry.path().join("exe")).is_ok_and(|e| e == app) {
            roots.push(pid);
        }
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
        if let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r)
            && let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok())
        {
            parent.push((pid, ppid));
        }
    }
    let mut below = Vec::new();
    let mut frontier = roots.clone();
    while let Some(p) = frontier.pop() {
        for (c, _) in parent.iter().filter(|(_, pp)| *pp == p) {
            below.push(*c);
            frontier.push(*c);
        }
    }
    (roots, below)
}

/// Where a start's time went, in ms: from the app's process start (the kernel's record) to the
/// page's navigation, then in the page to its script done (DOMContentLoaded) and to the list
/// painted (the `desk-start-painted` mark App.svelte sets just after the paint).
struct StartTimes {
    to_page: f64,
    script_done: f64,
    list_painted: f64,
}

impl StartTimes {
    async fn read(client: &Client, app: &Path) -> StartTimes {
        let page = eval(
            client,
            "(() => { const nav = performance.getEntriesByType('navigation')[0]; const mark = performance.getEntriesByName('desk-start-painted')[0]; return [performance.timeOrigin, nav ? nav.domContentLoadedEventEnd : NaN, mark ? mark.startTime : NaN]; })()",
        )
        .await;
        let n = |i: usize| page[i].as_f64().unwrap_or(f64::NAN);
        let (origin, dcl, painted) = (n(0), n(1), n(2));
        let started = app_processes(app)
            .0
            .into_iter()
            .filter_map(process_start_epoch_ms)
            .fold(f64::NAN, f64::max);
        StartTimes {
            to_page: origin - started,
            script_done: dcl,
            list_painted: painted,
        }
    }

    fn total(&self) -> f64 {
        self.to_page + self.list_painted
    }
}

/// When a process started, in ms since the Unix epoch (to within 10 ms: the kernel counts
/// process start and uptime in hundredths of a second).
fn process_start_epoch_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After "pid (comm)": starttime is field 22 (1-based, man proc), in USER_HZ (100 a second).
    let ticks: f64 = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(22 - 3)?
        .parse()
        .ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs_f64();
    Some((now - uptime + ticks / 100.0) * 1000.0)
}

/// CPU time (user + system, ms) used so far: by the app's own process, by WebKit's web
/// process (the page: script, layout, paint) and by the others below the app (network, …).
#[derive(Clone, Copy, Default)]
struct Cpu {
    app: f64,
    web: f64,
    other: f64,
}

impl Cpu {
    fn total(&self) -> f64 {
        self.app + self.web + self.other
    }

    fn minus(&self, before: &Cpu) -> Cpu {
        Cpu {
            app: self.app - before.app,
            web: self.web - before.web,
            other: self.other - before.other,
        }
    }

    fn per(&self, n: f64) -> Cpu {
        Cpu {
            app: self.app / n,
            web: self.web / n,
            other: self.other / n,
        }
    }
}

/// The CPU the app and its WebKit processes used so far. /proc counts in USER_HZ, which Linux
/// fixes at 100 a second for this interface.
fn cpu_ms(app: &Path) -> Cpu {
    let (roots, below) = app_processes(app);
    let of = |pid: &u32| {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, r)| r.split_whitespace().collect())
            .unwrap_or_default();
        // After "pid (comm)": state is field 3, utime 14 and stime 15 (1-based, man proc).
        let tick = |i: usize| {
            fields
                .get(i - 3)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (tick(14) + tick(15)) * 10.0
    };
    let mut cpu = Cpu {
        app: roots.iter().map(of).sum(),
        ..Cpu::default()
    };
    for pid in &below {
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        if comm.starts_with("WebKitWebProces") {
            cpu.web += of(pid);
        } else {
            cpu.other += of(pid);
        }
    }
    cpu
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize)
        .saturating_sub(1)
        .min(sorted.len() - 1)]
}

/// One process's memory (kB), from `/proc/PID/status` and `/proc/PID/smaps_rollup`.
#[derive(Debug, Clone, Default)]
struct ProcMem {
    pid: u32,
    name: String,
    /// VmRSS: every page it has in memory, shared libraries counted whole in each process.
    rss: u64,
    /// Pss: private pages plus a fair share of the shared ones; sums across processes.
    pss: u64,
    /// RssAnon (heaps, JS heaps, stacks), RssFile (mapped code and data), RssShmem.
    anon: u64,
    file: u64,
    shmem: u64,
    threads: u64,
}

impl ProcMem {
    fn read(pid: u32) -> Option<ProcMem> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let field = |text: &str, name: &str| -> u64 {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
                .unwrap_or(0)
        };
        // Pss needs smaps_rollup (Linux 4.14+); without it the RSS stands in.
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok();
        let rss = field(&status, "VmRSS:");
        Some(ProcMem {
            pid,
            name: status
                .lines()
                .find_map(|l| l.strip_prefix("Name:"))
                .unwrap_or("?")
                .trim()
                .to_owned(),
            rss,
            pss: rollup.map_or(rss, |r| field(&r, "Pss:")),
            anon: field(&status, "RssAnon:"),
            file: field(&status, "RssFile:"),
            shmem: field(&status, "RssShmem:"),
            threads: field(&status, "Threads:"),
        })
    }

    fn line(&self) -> String {
        format!(
            "{} (pid {}): {:.0} MB resident ({:.0} anon + {:.0} file + {:.0} shmem), PSS {:.0} MB, {} threads",
            self.name,
            self.pid,
            mb(self.rss),
            mb(self.anon),
            mb(self.file),
            mb(self.shmem),
            mb(self.pss),
            self.threads
        )
    }
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// The memory of a running app: its own process (found by its executable) and every process
/// below it (WebKit's web and network processes).
struct AppMem {
    app: Vec<ProcMem>,
    children: Vec<ProcMem>,
}

impl AppMem {
    fn of(app: &Path) -> AppMem {
        let (roots, below) = app_processes(app);
        AppMem {
            app: roots.into_iter().filter_map(ProcMem::read).collect(),
            children: below.into_iter().filter_map(ProcMem::read).collect(),
        }
    }

    fn app_rss(&self) -> u64 {
        self.app.iter().map(|p| p.rss).sum()
    }
    fn children_rss(&self) -> u64 {
        self.children.iter().map(|p| p.rss).sum()
    }
    fn total_rss(&self) -> u64 {
        self.app_rss() + self.children_rss()
    }
    fn total_pss(&self) -> u64 {
        self.app.iter().chain(&self.children).map(|p| p.pss).sum()
    }
    fn lines(&self) -> Vec<String> {
        self.app
            .iter()
            .chain(&self.children)
            .map(ProcMem::line)
            .collect()
    }
}

/// Quits the app as its window's close does once the last save is flushed (`confirm_close`;
/// the app then records the store as cleanly closed: wt-start), and ends the session; says
/// whether the record is there, which lets the next start skip the full integrity check.
async fn quit(client: Client, data: &Path) {
    // The app exits while answering: the driver may report an error, which is expected.
    let _ = tokio::time::timeout(
        Duration::from_secs(10),
        client.execute(
            "window.__TAURI_INTERNALS__.invoke('confirm_close'); return true;",
            vec![],
        ),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = client.close().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(
        "  quit: the store {} recorded as cleanly closed",
        if data.join("desk.sqlite3.clean").exists() {
            "was"
        } else {
            "was not"
        }
    );
}

fn verdict(ok: bool) -> &'static str {
    if ok { "within target" } else { "OVER TARGET" }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n: usize = std::env::var("DESK_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let out = desk_e2e::artifacts("bench_ui");
    let data = out.join("data");
    let t = Instant::now();
    let history: usize = std::env::var("DESK_BENCH_COMMITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let site = make_site(&out, n, history);
    println!(
        "site: {n} entries (a quarter of them Russian translations), {history} commits, generated in {:.1?}",
        t.elapsed()
    );
    let driver = Driver::start(&data, &out);
    let app = PathBuf::from(std::env::var_os("DESK_E2E_APP").expect("DESK_E2E_APP"));

    // First run: open the site (it is indexed), so later starts find it as the last site.
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length > 0",
    )
    .await;
    // The peer for the memory figure, measured in this run: the same app right after start,
    // showing the small demo site (WebKit's floor plus the UI's own start).
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mem_peer = AppMem::of(&app);
    // wt-start: what the sidebar's indexing progress said while the site was first opened.
    eval(
        &client,
        r#"(() => {
          window.__indexSaid = [];
          setInterval(() => {
            const t = document.querySelector('[data-testid="index-progress"]')?.innerText?.trim();
            if (t && window.__indexSaid[window.__indexSaid.length - 1] !== t) window.__indexSaid.push(t);
          }, 20);
          return true;
        })()"#,
    )
    .await;
    let t = Instant::now();
    open_site_folder(&client, &site).await;
    let first_open = wait_for_list(&client).await.max(t.elapsed());
    println!(
        "first open of the site (index {n} entries, list them): {:.0?}",
        first_open
    );
    let said = eval(&client, "window.__indexSaid").await;
    let said: Vec<&str> = said
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    println!(
        "  the sidebar's indexing progress showed {} steps: {}",
        said.len(),
        match (said.first(), said.last()) {
            (Some(a), Some(b)) => format!("“{a}” … “{b}”"),
            _ => "none".into(),
        }
    );
    quit(client, &data).await;

    // Starts.
    let mut starts = Vec::new();
    let mut page_starts = Vec::new();
    let mut walls = Vec::new();
    let mut client = None;
    for run in 0..3 {
        if let Some(c) = client.take() {
            quit(c, &data).await;
        }
        let t = Instant::now();
        // As installed: the last site (the big one) is reopened, not the demo.
        let c = driver.launch_as_installed().await;
        wait_for_list(&c).await;
        let wall = t.elapsed();
        let start = StartTimes::read(&c, &app).await;
        println!(
            "  start {}: {:.0} ms from the app's process start to the list painted (process to page {:.0} ms, page to script done {:.0} ms, to list painted {:.0} ms); {:.0} ms wall clock with the WebDriver session; {} rows",
            run + 1,
            start.total(),
            start.to_page,
            start.script_done,
            start.list_painted,
            wall.as_secs_f64() * 1000.0,
            rows(&c).await
        );
        starts.push(start.total());
        page_starts.push(start.list_painted);
        walls.push(wall.as_secs_f64() * 1000.0);
        client = Some(c);
    }
    let client = client.expect("a session");
    starts.sort_by(f64::total_cmp);
    page_starts.sort_by(f64::total_cmp);
    walls.sort_by(f64::total_cmp);

    // Opening the long read (alternating with a short entry so each open is a real one).
    // A short entry whose row is in view (a long list keeps only those rows in the page).
    let short: String = eval(
        &client,
        &format!("[...document.querySelectorAll('[data-testid=\"entry-row\"]')].map(r => r.dataset.path).find(p => p && p !== '{LONG}')"),
    )
    .await
    .as_str()
    .expect("a short entry in view")
    .to_owned();
    let short = short.as_str();
    // As a person opens entries: a moment on one before clicking the next (the window builds
    // its next editor in that moment, lib/editor/spareEditor.ts); then right after another.
    let mut opens = Vec::new();
    let mut opens_at_once = Vec::new();
    for _ in 0..5 {
        open_in_page(&client, short, "").await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        opens.push(open_in_page(&client, LONG, LONG_END).await);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    for _ in 0..3 {
        open_in_page(&client, short, "").await;
        opens_at_once.push(open_in_page(&client, LONG, LONG_END).await);
    }
    opens.sort_by(f64::total_cmp);
    opens_at_once.sort_by(f64::total_cmp);
    let words = eval(
        &client,
        "[...document.querySelector('.ProseMirror').children].map(b => b.textContent).join(' ').split(/\\s+/).filter(Boolean).length",
    )
    .await;

    // Typing at the end of the long read: at a fast typist's pace, then the same keys into the
    // peer (a plain textarea with the same text in the same window), then all keys at once.
    let text = "Typing into a long read must keep up with a fast typist in Tromsø. ".repeat(3);
    eval(&client, CARET_AT_END_OF_EDITOR).await;
    let paced = type_paced(&client, &app, &text, KEY_PAUSE).await;
    let peer_chars = eval(&client, TEXTAREA_PEER).await;
    assert!(
        peer_chars.as_u64().unwrap_or(0) > 20_000,
        "the textarea peer holds the long read: {peer_chars}"
    );
    let peer = type_paced(&client, &app, &text, KEY_PAUSE).await;
    eval(
        &client,
        "(document.getElementById('bench-peer').remove(), true)",
    )
    .await;
    eval(&client, CARET_AT_END_OF_EDITOR).await;
    let burst = type_burst(&client, &app, &text).await;
    assert!(
        paced.lat.len() >= 150 && peer.lat.len() >= 150 && burst.lat.len() >= 150,
        "keystrokes measured: {} / {} / {}",
        paced.lat.len(),
        peer.lat.len(),
        burst.lat.len()
    );

    // Memory after opening 20 entries.
    let paths: Vec<String> = eval(
        &client,
        "[...document.querySelectorAll('[data-testid=\"entry-row\"]')].slice(0, 20).map(r => r.dataset.path)",
    )
    .await
    .as_array()
    .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
    .unwrap_or_default();
    for p in &paths {
        open_in_page(&client, p, "").await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mem = AppMem::of(&app);

    let start_med = percentile(&starts, 0.5);
    let open_med = percentile(&opens, 0.5);
    let profile = std::env::var("DESK_BENCH_PROFILE").unwrap_or_else(|_| "debug".into());
    println!(
        "\nBarents Desk UI benchmark ({n} entries, {history} commits of history; {profile} build of the app)"
    );
    println!(
        "start to interactive entry list (the app's process start to the list painted): median {start_med:.0} ms (min {:.0}, max {:.0}; in the page {:.0} ms; wall clock with the WebDriver session {:.0} ms)  target < 1000 ms: {}",
        starts[0],
        starts[starts.len() - 1],
        percentile(&page_starts, 0.5),
        percentile(&walls, 0.5),
        verdict(start_med < 1000.0)
    );
    println!(
        "open the {} -word entry: median {open_med:.0} ms (min {:.0}, max {:.0})  target < 100 ms: {}",
        words,
        opens[0],
        opens[opens.len() - 1],
        verdict(open_med < 100.0)
    );
    println!(
        "  opened right after another entry (its editor built then): median {:.0} ms (min {:.0}, max {:.0})",
        percentile(&opens_at_once, 0.5),
        opens_at_once[0],
        opens_at_once[opens_at_once.len() - 1]
    );
    let p99 = percentile(&paced.lat, 0.99);
    println!(
        "keystroke to paint, {} keys at {:.1} a second (a fast typist): p50 {:.1} ms, p99 {p99:.1} ms, max {:.1} ms  target p99 < 16 ms: {}",
        paced.lat.len(),
        paced.lat.len() as f64 / paced.seconds,
        percentile(&paced.lat, 0.5),
        paced.lat[paced.lat.len() - 1],
        verdict(p99 < 16.0)
    );
    println!(
        "  peer, a plain <textarea> holding the same text in the same window: p50 {:.1} ms, p99 {:.1} ms; editor/textarea at p99 {:.2}",
        percentile(&peer.lat, 0.5),
        percentile(&peer.lat, 0.99),
        p99 / percentile(&peer.lat, 0.99).max(0.1)
    );
    println!(
        "  CPU per keystroke (the app and its WebKit processes): editor {:.1} ms, textarea {:.1} ms; ratio {:.2}",
        paced.cpu_ms_per_key,
        peer.cpu_ms_per_key,
        paced.cpu_ms_per_key / peer.cpu_ms_per_key.max(0.1)
    );
    for (what, t) in [("editor", &paced), ("textarea", &peer)] {
        let c = &t.cpu_split_per_key;
        println!(
            "    {what}: the app's process {:.1} ms, WebKit's web process {:.1} ms, others {:.1} ms",
            c.app, c.web, c.other
        );
    }
    println!(
        "  the same {} keys sent at once: {:.0} keys a second handled, p50 {:.1} ms, p99 {:.1} ms (keys wait for those before them)",
        burst.lat.len(),
        burst.lat.len() as f64 / burst.seconds,
        percentile(&burst.lat, 0.5),
        percentile(&burst.lat, 0.99)
    );
    let total = mb(mem.total_rss());
    println!(
        "resident memory after opening {} entries: app {:.0} MB + {} WebKit processes {:.0} MB = {total:.0} MB (PSS, shared pages counted once: {:.0} MB)  target < 200 MB: {}",
        paths.len(),
        mb(mem.app_rss()),
        mem.children.len(),
        mb(mem.children_rss()),
        mb(mem.total_pss()),
        verdict(total < 200.0)
    );
    for line in mem.lines() {
        println!("  {line}");
    }
    print_memory_peer(
        "the same app right after start on the demo site",
        "app",
        &mem_peer,
        &mem,
    );
    // To look inside the running app (gdb, heaptrack -p, /proc/PID/smaps) before it closes.
    if let Some(secs) = std::env::var("DESK_BENCH_HOLD_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        println!("holding the app open for {secs} s (DESK_BENCH_HOLD_SECS)");
        tokio::time::sleep(Duration::from_secs(secs)).await;
    }
    client.close().await.expect("end the session");
    // After the app is gone, so the two never share the machine.
    match webkit_floor().await {
        Some(floor) => print_memory_peer(
            "WebKitGTK's own MiniBrowser showing about:blank (the floor of any WebKitGTK window)",
            "browser",
            &floor,
            &mem,
        ),
        None => println!("  peer: WebKitGTK's MiniBrowser is not installed here"),
    }
}

/// One memory peer: its processes' memory (`own` names its main process) and the app's total
/// after 20 entries against it.
fn print_memory_peer(what: &str, own: &str, peer: &AppMem, app: &AppMem) {
    println!(
        "  peer, {what}: {own} {:.0} MB + WebKit {:.0} MB = {:.0} MB (PSS {:.0} MB); the app after 20 entries: {:.2}x",
        mb(peer.app_rss()),
        mb(peer.children_rss()),
        mb(peer.total_rss()),
        mb(peer.total_pss()),
        app.total_rss() as f64 / peer.total_rss().max(1) as f64
    );
    for line in peer.lines() {
        println!("    {line}");
    }
}

/// WebKitGTK's MiniBrowser (shipped with libwebkit2gtk) showing about:blank for 5 s: its
/// processes' memory, or None where there is no MiniBrowser (not Linux, another layout).
async fn webkit_floor() -> Option<AppMem> {
    let exe = std::fs::read_dir("/usr/lib")
        .ok()?
        .flatten()
        .map(|d| d.path().join("webkit2gtk-4.1/MiniBrowser"))
        .find(|p| p.is_file())?;
    let mut browser = Command::new(&exe).arg("about:blank").spawn().ok()?;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let mem = AppMem::of(&exe);
    let _ = browser.kill();
    let _ = browser.wait();
    Some(mem)
}
