//! Several editors, one origin, offline and online in random order (see
//! `sync_support/scenario.rs` for what is checked). The default run is small; the full-size
//! run (5 editors x 20 entries, shared edits, several seeds) is `cargo xtask soak`, which runs
//! the ignored test below with `DESK_SOAK_SEEDS`.

mod sync_support;

use sync_support::scenario;

#[test]
fn three_editors_offline_and_online_lose_nothing() {
    let stats = scenario::run(3, 3, 3, 7);
    assert_eq!(stats.publishes, 18);
    assert!(
        stats.conflicts > 0,
        "the scenario is meant to meet conflicts"
    );
}

#[test]
#[ignore = "full size: run by `cargo xtask soak`"]
fn soak_five_editors_twenty_entries_each() {
    let seeds: Vec<u64> = std::env::var("DESK_SOAK_SEEDS")
        .unwrap_or_else(|_| "1".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    for seed in seeds {
        let started = std::time::Instant::now();
        let stats = scenario::run(5, 20, 6, seed);
        println!(
            "seed {seed}: {} publishes, {} conflicts resolved, {} syncs, {:.1} s",
            stats.publishes,
            stats.conflicts,
            stats.syncs,
            started.elapsed().as_secs_f64()
        );
    }
}
