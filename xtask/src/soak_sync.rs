//! `cargo xtask soak`'s sync part: the full-size many-editors scenario (5 editors x 20 new
//! entries and shared edits, offline and online in random order) and 50 random network faults
//! per seed, against real git servers on loopback. Seeds come from `DESK_SOAK_SEEDS`
//! (comma-separated; default 1,2,3), so a failing seed can be replayed.

use std::process::Command;

pub fn run() -> super::Result {
    let seeds = std::env::var("DESK_SOAK_SEEDS").unwrap_or_else(|_| "1,2,3".into());
    for test in ["sync_editors", "sync_faults"] {
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.current_dir(super::root())
            .args([
                "test",
                "--release",
                "--package",
                "barents-desk",
                "--test",
                test,
            ])
            .args(["--", "--ignored", "--nocapture", "--test-threads=1"])
            .env("DESK_SOAK_SEEDS", &seeds);
        super::step(&format!("soak: {test} (seeds {seeds})"), &mut cmd)?;
    }
    Ok(())
}
