//! The `desk` CLI as a user scripts it: create the demo, publish every draft, see the status.

mod common;

use std::process::Command;

use common::git;
use desk::api::Desk;
use desk::api::types::{DraftInput, EntryKey};
use desk::markdown::markdown_to_doc;

fn desk(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_desk"))
        .args(args)
        .env_remove("BARENTS_DESK_DATA_DIR")
        .output()
        .expect("desk runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn demo_then_publish_all_drafts_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    let data = tmp.path().join("data");
    let (ok, out, err) = desk(&["demo", demo.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("origin:"), "{out}");
    let site = demo.join("site");
    let site_arg = site.to_str().unwrap();
    let data_arg = data.to_str().unwrap();

    // two drafts, made through the same core the app uses
    {
        let core = Desk::open(&data).unwrap();
        core.open_site(&site).unwrap();
        core.set_identity(&desk::api::types::Identity {
            name: "CLI Editor".into(),
            email: "cli@barents.example".into(),
        })
        .unwrap();
        for title in ["First from the CLI", "Второй"] {
            let entry = core.new_entry("articles", title).unwrap();
            core.save_draft(&DraftInput {
                key: entry.key,
                collection: "articles".into(),
                title: title.into(),
                fields: Default::default(),
                body: markdown_to_doc("Body text.\n"),
            })
            .unwrap();
        }
        core.save_draft(&DraftInput {
            key: EntryKey {
                draft_id: None,
                path: Some("content/events/barents-culture-conference-tromso.md".into()),
            },
            collection: "events".into(),
            title: "Barents culture conference 2026 (moved)".into(),
            fields: Default::default(),
            body: markdown_to_doc("New programme.\n"),
        })
        .unwrap();
    }

    let (ok, out, err) = desk(&["entries", "--site", site_arg, "--data-dir", data_arg]);
    assert!(ok, "{err}");
    // The command closed the store cleanly, as the app does at exit: the next command skips
    // the full integrity check (the marker beside the store, src/store/clean_close.rs).
    let marked = std::fs::read_dir(&data)
        .unwrap()
        .flatten()
        .any(|f| f.file_name().to_string_lossy().ends_with(".clean"));
    assert!(marked, "no clean-close marker in {}", data.display());
    assert_eq!(
        out.lines().filter(|l| l.starts_with("new\t")).count(),
        2,
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("modified\t")).count(),
        1,
        "{out}"
    );

    let (ok, out, err) = desk(&[
        "publish",
        "--site",
        site_arg,
        "--all",
        "--data-dir",
        data_arg,
    ]);
    assert!(ok, "{out}{err}");
    assert!(out.ends_with("3 published, 0 waiting to sync\n"), "{out}");
    let origin = demo.join("origin.git");
    assert_eq!(git(&origin, &["rev-list", "--count", "main"]).trim(), "4");
    let files = git(
        &origin,
        &["ls-tree", "-r", "--name-only", "main", "content/articles"],
    );
    assert!(
        files.contains("content/articles/first-from-the-cli.md"),
        "{files}"
    );
    assert!(files.contains("content/articles/vtoroi.md"), "{files}");

    let (ok, out, _) = desk(&["status", "--site", site_arg, "--data-dir", data_arg]);
    assert!(ok);
    assert_eq!(out, "unpublished drafts: 0\nwaiting to sync: 0\n");
}

#[test]
fn errors_are_sentences_and_a_failing_exit_code() {
    let tmp = tempfile::tempdir().unwrap();
    let (ok, _, err) = desk(&[
        "entries",
        "--site",
        tmp.path().to_str().unwrap(),
        "--data-dir",
        tmp.path().join("d").to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(err.contains("is not a git repository"), "{err}");
    let (ok, _, err) = desk(&["publish", "--site", "x"]);
    assert!(!ok, "publish needs --all or --entry");
    assert!(err.contains("--all") || err.contains("--entry"), "{err}");
}

#[test]
fn check_reports_each_problem_at_its_field_and_roundtrip_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    assert!(desk(&["demo", demo.to_str().unwrap()]).0);
    let site = demo.join("site");
    let site_arg = site.to_str().unwrap();
    let (ok, out, err) = desk(&["check", "--site", site_arg, "--roundtrip"]);
    assert!(ok, "{out}{err}");
    assert_eq!(out, "roundtrip: 7 files, 0 changed\n");

    std::fs::write(
        site.join("content/events/broken.md"),
        "---\nstart: 2026-12-03T10:00:00+01:00\nend: 2026-12-03T09:00:00+01:00\ntimezone: Europe/Oslo\n---\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/events/Broken.md"),
        "---\ntitle: Twin\nstart: 2026-12-03T10:00:00+01:00\ntimezone: Europe/Oslo\n---\n",
    )
    .unwrap();
    git(&site, &["add", "."]);
    git(
        &site,
        &[
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@x",
            "commit",
            "-qm",
            "broken",
        ],
    );
    let (ok, out, _) = desk(&["check", "--site", site_arg]);
    assert!(!ok, "errors give exit code 1");
    assert!(
        out.contains(
            "content/events/broken.md\ttitle\terror: Title is missing. Every event needs one.\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "content/events/broken.md\tend\terror: End (2026-12-03T09:00:00+01:00) is before Start"
        ),
        "{out}"
    );
    assert!(out.contains("\tpath\terror: “content/events/broken.md” and “content/events/Broken.md” differ only in capital letters")
        || out.contains("\tpath\terror: “content/events/Broken.md” and “content/events/broken.md” differ only in capital letters"), "{out}");
}

#[test]
fn init_schema_infers_prints_and_writes_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    assert!(desk(&["demo", demo.to_str().unwrap()]).0);
    let site = demo.join("site");
    let site_arg = site.to_str().unwrap();
    let (ok, _, err) = desk(&["init-schema", "--site", site_arg]);
    assert!(!ok && err.contains("already exists"), "{err}");
    std::fs::remove_file(site.join(".desk/site.toml")).unwrap();
    let (ok, printed, err) = desk(&["init-schema", "--site", site_arg]);
    assert!(ok, "{err}");
    assert!(printed.contains("preset = \"event\""), "{printed}");
    assert!(
        !site.join(".desk/site.toml").exists(),
        "printing writes nothing"
    );
    let (ok, out, _) = desk(&["init-schema", "--site", site_arg, "--write"]);
    assert!(ok && out.starts_with("wrote "), "{out}");
    assert_eq!(
        std::fs::read_to_string(site.join(".desk/site.toml")).unwrap(),
        printed
    );
}
