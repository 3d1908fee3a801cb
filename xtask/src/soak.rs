//! `cargo xtask soak`: the long runs that do not belong in the default tests — fuzzing the
//! Markdown bridge and the front matter writer with libFuzzer, the property tests with many
//! more cases, and any other long-running step listed in [`STEPS`]. Each step prints its own
//! figures; the run fails at the first step that finds a problem.
//!
//! Options: `--seconds N` (time per fuzz target, default 300), `--only NAME` (one step).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use super::{Result, cargo, root, step, target_dir};

/// A long-running step: its name and what it runs, given the time budget per target.
type Step = (&'static str, fn(u64) -> Result);

/// Every soak step, in the order they run. Add new long runs here, each in its own function.
const STEPS: &[Step] = &[
    ("fuzz-markdown", |s| fuzz("markdown_roundtrip", s)),
    ("fuzz-front-matter", |s| fuzz("front_matter", s)),
    ("proptest", proptests),
    ("crash-autosave", crash_autosave),
    // Sync: 5 editors offline/online through one origin, and 50 random server faults per seed.
    ("sync", |_| super::soak_sync::run()),
];

pub fn soak(args: &[String]) -> Result {
    let mut seconds = 300;
    let mut only: Option<String> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--seconds needs a number")?
            }
            "--only" => only = Some(args.next().ok_or("--only needs a step name")?.clone()),
            other => {
                let names: Vec<&str> = STEPS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown option {other}; use --seconds N or --only one of {names:?}"
                ));
            }
        }
    }
    let started = Instant::now();
    for (name, run) in STEPS {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let t = Instant::now();
        run(seconds)?;
        eprintln!("soak step {name}: done in {:.0?}", t.elapsed());
    }
    eprintln!("soak finished in {:.0?}", started.elapsed());
    Ok(())
}

/// Runs one libFuzzer target for `seconds`, from the committed seeds and the corpus kept in
/// the target folder between runs. cargo-fuzz needs nightly flags: RUSTC_BOOTSTRAP lets the
/// stable toolchain accept them (the machine has no other toolchain).
fn fuzz(target: &str, seconds: u64) -> Result {
    if Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        step(
            "install cargo-fuzz",
            cargo().args(["install", "cargo-fuzz", "--locked", "--version", "0.13.2"]),
        )?;
    }
    let fuzz_dir = root().join("fuzz");
    let corpus = target_dir().join("fuzz-corpus").join(target);
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let seeds = fuzz_dir.join("seeds").join(target);
    let artifacts = target_dir().join("fuzz-artifacts").join(target);
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;
    let log = target_dir().join(format!("fuzz-{target}.log"));
    let log_file = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let status = cargo()
        .current_dir(&fuzz_dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", target_dir().join("fuzz"))
        .args(["fuzz", "run", "-O", target])
        .arg(&corpus)
        .arg(&seeds)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg("-max_len=4096")
        .arg("-rss_limit_mb=2048")
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .stderr(log_file)
        .status()
        .map_err(|e| format!("cargo fuzz: {e}"))?;
    print_fuzz_figures(target, &log, &corpus);
    if !status.success() {
        return Err(format!(
            "fuzz target {target} found a problem; the input is in {} and the log in {}",
            artifacts.display(),
            log.display()
        ));
    }
    Ok(())
}

/// The figures of a fuzz run: executions, speed, coverage and corpus size.
fn print_fuzz_figures(target: &str, log: &Path, corpus: &Path) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let last_stats = text
        .lines()
        .rev()
        .find(|l| l.starts_with('#') && l.contains("cov:"))
        .unwrap_or("(no statistics)");
    let done = text
        .lines()
        .find(|l| l.starts_with("Done "))
        .unwrap_or("(did not finish)");
    let files = std::fs::read_dir(corpus).map(|d| d.count()).unwrap_or(0);
    eprintln!("fuzz {target}: {done}\n  last: {last_stats}\n  corpus: {files} inputs");
}

/// The property tests of the bridge and the front matter with 50x their default cases.
fn proptests(_seconds: u64) -> Result {
    step(
        "property tests, 10000 cases each",
        cargo()
            .args([
                "test",
                "--release",
                "--package",
                "barents-desk",
                "--test",
                "markdown_edits",
                "--test",
                "front_matter_props",
            ])
            .env("PROPTEST_CASES", "10000"),
    )
}

/// 500 SIGKILLs of `desk autosave-stream` at random moments, each followed by a reopen of the
/// store: integrity ok and no acknowledged save lost (tests/crash_autosave.rs, 30 kills by
/// default). Release build, so each kill lands among more saves.
fn crash_autosave(_seconds: u64) -> Result {
    step(
        "crash test, 500 kills during autosave",
        cargo()
            .args([
                "test",
                "--release",
                "--package",
                "barents-desk",
                "--test",
                "crash_autosave",
                "--",
                "--nocapture",
            ])
            .env("DESK_CRASH_KILLS", "500"),
    )
}
