//! Kill -9 while autosaving: `desk autosave-stream` saves a stream of edits through the same
//! core call the app uses and prints each acknowledged save; this test SIGKILLs it at random
//! moments, reopens the store, and checks that `integrity_check` is ok and the draft holds
//! the last acknowledged save or the one after it (in flight when the kill came, committed
//! but not yet printed). Then the stream is restarted on the same store, so every kill hits
//! a store that has already been through the previous ones.
//!
//! `DESK_CRASH_KILLS` sets the number of kills (default 30; `cargo xtask soak` runs 500).

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn text_of(doc_json: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(doc_json).unwrap();
    doc["content"][0]["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The number a save's text starts with (`edit N ...`).
fn number(text: &str) -> Option<u64> {
    text.strip_prefix("edit ")?.split(' ').next()?.parse().ok()
}

#[test]
fn kill_9_during_autosave_never_loses_an_acknowledged_save() {
    let kills: u32 = std::env::var("DESK_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = dir.path().join("demo");
    let out = Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(["demo"])
        .arg(&demo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = demo.join("site");
    let store_file = desk::paths::store_file(&data);
    // A small xorshift, seeded from the clock and printed, so a failure can be replayed.
    let mut seed: u64 = std::env::var("DESK_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("crash test: {kills} kills, DESK_CRASH_SEED={seed}");
    let mut random = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let (mut survived, mut lost, mut total_acks) = (0u32, 0u32, 0u64);
    let started = Instant::now();
    for round in 0..kills {
        let mut child = Command::new(env!("CARGO_BIN_EXE_desk"))
            .arg("--data-dir")
            .arg(&data)
            .args(["autosave-stream", "--site"])
            .arg(&site)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Kill after a random number of acknowledged saves (0 to 40), or a random delay
        // when the stream is slow to start, so kills land in start-up, mid-save and between.
        let want = random(41);
        let deadline = Instant::now() + Duration::from_millis(20 + random(400));
        let (tx, rx) = std::sync::mpsc::channel::<(i64, u64)>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let mut parts = line.split(' ').skip(1);
                let (Some(id), Some(n)) = (parts.next(), parts.next()) else {
                    continue;
                };
                if tx.send((id.parse().unwrap(), n.parse().unwrap())).is_err() {
                    break;
                }
            }
        });
        let mut last: Option<(i64, u64)> = None;
        let mut seen = 0;
        while seen < want && Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(2)) {
                Ok(ack) => {
                    last = Some(ack);
                    seen += 1;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(_) => break,
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        // Acks printed before the kill landed are acknowledged too.
        reader.join().unwrap();
        while let Ok(ack) = rx.try_recv() {
            last = Some(ack);
            seen += 1;
        }
        total_acks += seen;
        assert!(
            !status.success(),
            "round {round}: the stream ended by itself"
        );

        if !store_file.exists() {
            // Killed before the app made its data folder: nothing can have been acknowledged.
            assert!(
                last.is_none(),
                "round {round}: a save was acknowledged without a store"
            );
            survived += 1;
            continue;
        }
        let conn = rusqlite::Connection::open(&store_file).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        if let Some((draft, n)) = last {
            let json: String = conn
                .query_row("SELECT doc_json FROM drafts WHERE id = ?1", [draft], |r| {
                    r.get(0)
                })
                .unwrap_or_else(|e| panic!("round {round}: draft {draft} is missing ({e})"));
            let got = number(&text_of(&json));
            if got == Some(n) || got == Some(n + 1) {
                survived += 1;
                assert_eq!(
                    text_of(&json),
                    desk_text(got.unwrap()),
                    "round {round}: the text is whole"
                );
            } else {
                lost += 1;
                eprintln!("round {round}: acknowledged save {n}, the store holds {got:?}");
            }
        } else {
            survived += 1;
        }
        drop(conn);
        // The app opens the same store after the crash: its own check passes too.
        let store = desk::store::Store::open(&store_file).unwrap();
        assert!(
            store.recovery().is_none(),
            "round {round}: {:?}",
            store.recovery()
        );
    }
    eprintln!(
        "crash test: {kills} kills, {survived} survived, {lost} lost acknowledged saves, {total_acks} acknowledged saves in all, {:.1?}",
        started.elapsed()
    );
    assert_eq!(lost, 0);
}

/// The text `desk autosave-stream` writes for save `n` (kept in step with the binary).
fn desk_text(n: u64) -> String {
    format!("edit {n} {}", "tekst ".repeat((n % 97) as usize * 20))
}
