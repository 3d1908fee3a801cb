//! The walking skeleton's path through the core, end to end against real git repositories:
//! demo site -> list -> edit -> autosave -> restart -> publish -> the bare origin has it.

mod common;

use common::{World, git, path_key};
use desk::api::types::{DraftInput, EntryKey, EntryState};
use desk::markdown::{DocNode, markdown_to_doc};

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";

fn paragraph(text: &str) -> DocNode {
    DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])])
}

#[test]
fn first_start_creates_the_demo_site_with_a_bare_origin() {
    let world = World::new();
    let startup = world.desk.startup().unwrap();
    assert!(startup.site.is_demo);
    assert_eq!(startup.site.branch, "main");
    assert_eq!(startup.sync.waiting, 0);
    assert_eq!(
        git(&world.origin(), &["rev-parse", "main"]),
        git(&world.site(), &["rev-parse", "HEAD"])
    );
    assert_eq!(
        git(&world.site(), &["status", "--porcelain"]),
        "",
        "the demo clone starts clean"
    );

    let entries = world.desk.list_entries().unwrap();
    let count = |c: &str| entries.iter().filter(|e| e.collection == c).count();
    assert_eq!(
        (count("articles"), count("interviews"), count("events")),
        (4, 1, 2)
    );
    assert!(
        entries
            .iter()
            .all(|e| e.state == EntryState::Published && !e.title.is_empty())
    );
    assert!(
        entries
            .iter()
            .all(|e| !e.key.path.as_deref().unwrap().ends_with("_index.md"))
    );
}

#[test]
fn an_edit_survives_a_restart_and_publishes_to_origin_changing_only_what_was_edited() {
    let mut world = World::new();
    let opened = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert_eq!(opened.state, EntryState::Published);
    let mut body = opened.body.clone();
    body.content
        .as_mut()
        .unwrap()
        .push(paragraph("Typed in Kárášjohka: Молодёжь."));
    let ack = world
        .desk
        .save_draft(&DraftInput {
            key: opened.key.clone(),
            collection: opened.collection.clone(),
            title: format!("{} (updated)", opened.title),
            fields: Default::default(),
            body: body.clone(),
        })
        .unwrap();
    assert!(ack.key.draft_id.is_some());

    world.reopen();
    let reopened = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert_eq!(reopened.state, EntryState::Modified);
    assert_eq!(reopened.body, body);
    assert!(reopened.title.ends_with("(updated)"));
    let listed = world.desk.list_entries().unwrap();
    assert!(
        listed
            .iter()
            .any(|e| e.key.path.as_deref() == Some(ARTICLE) && e.state == EntryState::Modified)
    );

    // publishing asks for a name first and loses nothing meanwhile
    let err = world.desk.publish(&reopened.key).unwrap_err();
    assert_eq!(err.code(), "identity_missing");
    assert!(err.to_string().contains("name and e-mail"));
    assert_eq!(
        world.desk.open_entry(&path_key(ARTICLE)).unwrap().body,
        body
    );

    world.identify();
    let before = git(&world.origin(), &["rev-parse", "main"]);
    let outcome = world.desk.publish(&reopened.key).unwrap();
    assert!(outcome.pushed, "{:?}", outcome.push_error);
    assert_eq!(outcome.waiting, 0);

    // the git CLI, not the app, is the witness
    let origin = world.origin();
    assert_eq!(git(&origin, &["rev-parse", "main"]).trim(), outcome.commit);
    assert_eq!(
        git(&origin, &["log", "-1", "--format=%an <%ae>|%s", "main"]).trim(),
        format!(
            "Åsa Nilsson <asa@barents.example>|Update article: {}",
            reopened.title
        )
    );
    let file = git(&origin, &["show", &format!("main:{ARTICLE}")]);
    assert!(file.contains("Typed in Kárášjohka: Молодёжь."));
    let diff = git(&origin, &["diff", "--numstat", before.trim(), "main"]);
    assert_eq!(
        diff.trim(),
        format!("3\t1\t{ARTICLE}"),
        "one title line changed, one paragraph added with its blank line"
    );
    assert_eq!(
        git(&origin, &["diff", "--name-only", before.trim(), "main"]).trim(),
        ARTICLE,
        "nothing else committed"
    );
    assert_eq!(
        git(&world.site(), &["status", "--porcelain"]),
        "",
        "work tree and index match the commit"
    );

    let after = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    assert_eq!(after.state, EntryState::Published);
    assert_eq!(after.body, body);
}

#[test]
fn a_new_article_gets_a_slug_front_matter_written_by_the_library_and_a_commit() {
    let world = World::new();
    world.identify();
    let created = world.desk.new_entry("articles", "").unwrap();
    assert_eq!(created.state, EntryState::New);
    assert!(created.key.path.is_none());
    let title = "Sámi film week: \"Ođđa\" films – Молодёжь";
    let body = DocNode::new("doc").with_content(vec![paragraph("A new article.")]);
    world
        .desk
        .save_draft(&DraftInput {
            key: created.key.clone(),
            collection: "articles".into(),
            title: title.into(),
            fields: Default::default(),
            body,
        })
        .unwrap();
    assert_eq!(world.desk.list_entries().unwrap()[0].state, EntryState::New);
    let outcome = world.desk.publish(&created.key).unwrap();
    let path = outcome.key.path.clone().unwrap();
    assert_eq!(
        path,
        "content/articles/sami-film-week-odda-films-molodezh.md"
    );
    let file = git(&world.origin(), &["show", &format!("main:{path}")]);
    assert!(file.starts_with("---\ntitle: "), "{file}");
    assert!(file.contains("author: Åsa Nilsson\n"), "{file}");
    assert!(file.ends_with("---\n\nA new article.\n"), "{file}");
    let reread = desk::content::EntryFile::parse(&path, &file).unwrap();
    assert_eq!(reread.title().as_deref(), Some(title));
    assert_eq!(
        git(&world.origin(), &["log", "-1", "--format=%s", "main"]).trim(),
        format!("Publish article: {title}")
    );

    // a second article with the same title does not overwrite the first
    let second = world.desk.new_entry("articles", title).unwrap();
    world
        .desk
        .save_draft(&DraftInput {
            key: second.key.clone(),
            collection: "articles".into(),
            title: title.into(),
            fields: Default::default(),
            body: markdown_to_doc("Another.\n"),
        })
        .unwrap();
    let outcome = world.desk.publish(&second.key).unwrap();
    assert_eq!(
        outcome.key.path.unwrap(),
        "content/articles/sami-film-week-odda-films-molodezh-2.md"
    );
}

#[test]
fn a_failed_push_keeps_the_commit_waiting_and_the_next_sync_sends_it() {
    let world = World::new();
    world.identify();
    let origin = world.origin();
    let moved = origin.with_extension("moved");
    std::fs::rename(&origin, &moved).unwrap();

    let opened = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let ack = world
        .desk
        .save_draft(&DraftInput {
            key: opened.key.clone(),
            collection: opened.collection,
            title: "Offline edit".into(),
            fields: Default::default(),
            body: opened.body,
        })
        .unwrap();
    let outcome = world.desk.publish(&ack.key).unwrap();
    assert!(!outcome.pushed);
    let message = outcome.push_error.unwrap();
    assert!(
        message.contains("committed on this computer") && message.contains("is not there"),
        "{message}"
    );
    assert_eq!(outcome.waiting, 1);
    let status = world.desk.sync_status().unwrap();
    assert_eq!(status.waiting, 1);
    assert!(status.last_error.is_some());
    assert_eq!(
        git(&world.site(), &["log", "-1", "--format=%s"]).trim(),
        "Update article: Offline edit"
    );

    std::fs::rename(&moved, &origin).unwrap();
    let status = world.desk.sync_now().unwrap();
    assert_eq!((status.waiting, status.last_error), (0, None));
    assert_eq!(
        git(&origin, &["log", "-1", "--format=%s", "main"]).trim(),
        "Update article: Offline edit"
    );
    assert_eq!(
        git(&origin, &["rev-list", "--count", "main"]).trim(),
        "2",
        "no duplicate commit"
    );
}

#[test]
fn a_push_the_server_rejects_is_never_shown_as_published() {
    let world = World::new();
    world.identify();
    // another editor publishes first, through their own clone
    let other = world._dir.path().join("other");
    git(
        world._dir.path(),
        &[
            "clone",
            "-q",
            world.origin().to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    std::fs::write(
        other.join("content/articles/theirs.md"),
        "---\ntitle: Theirs\n---\n\nTheirs.\n",
    )
    .unwrap();
    git(&other, &["add", "."]);
    git(
        &other,
        &[
            "-c",
            "user.name=O",
            "-c",
            "user.email=o@x",
            "commit",
            "-qm",
            "theirs",
        ],
    );
    git(&other, &["push", "-q", "origin", "main"]);

    let opened = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    let ack = world
        .desk
        .save_draft(&DraftInput {
            key: opened.key,
            collection: opened.collection,
            title: "Mine".into(),
            fields: Default::default(),
            body: opened.body,
        })
        .unwrap();
    let outcome = world.desk.publish(&ack.key).unwrap();
    assert!(
        !outcome.pushed,
        "a rejected push must not count as published"
    );
    assert!(outcome.push_error.unwrap().contains("refused"));
    assert_eq!(outcome.waiting, 1);
    assert_eq!(
        git(&world.origin(), &["log", "-1", "--format=%s", "main"]).trim(),
        "theirs"
    );
}

#[test]
fn opening_a_folder_that_is_not_a_repository_says_so_and_keeps_the_open_site() {
    let world = World::new();
    let plain = world._dir.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    let err = world.desk.open_site(&plain).unwrap_err();
    assert_eq!(err.code(), "not_a_repository");
    assert!(err.to_string().contains("is not a git repository"), "{err}");
    assert!(
        world.desk.site_info().unwrap().is_demo,
        "the demo stays open"
    );
}

#[test]
fn bad_keys_from_outside_are_refused() {
    let world = World::new();
    for path in [
        "../../etc/passwd.md",
        "content/.git/x.md",
        "/abs.md",
        "content/articles/con.md",
    ] {
        let err = world.desk.open_entry(&path_key(path)).unwrap_err();
        assert_eq!(err.code(), "unsafe_path", "{path}: {err}");
    }
    let err = world.desk.new_entry("nope", "x").unwrap_err();
    assert_eq!(err.code(), "unknown_collection");
    let err = world
        .desk
        .open_entry(&EntryKey {
            draft_id: Some(999),
            path: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn publishing_without_changes_or_title_is_refused_politely() {
    let world = World::new();
    world.identify();
    let err = world.desk.publish(&path_key(ARTICLE)).unwrap_err();
    assert!(err.to_string().contains("nothing new to publish"), "{err}");
    let created = world.desk.new_entry("events", "   ").unwrap();
    let err = world.desk.publish(&created.key).unwrap_err();
    assert!(err.to_string().contains("title"), "{err}");
}

#[test]
fn a_draft_whose_file_was_deleted_upstream_is_still_listed_and_opens() {
    let world = World::new();
    let opened = world.desk.open_entry(&path_key(ARTICLE)).unwrap();
    world
        .desk
        .save_draft(&DraftInput {
            key: opened.key,
            collection: opened.collection,
            title: "Kept".into(),
            fields: Default::default(),
            body: opened.body.clone(),
        })
        .unwrap();
    git(&world.site(), &["rm", "-q", ARTICLE]);
    git(
        &world.site(),
        &[
            "-c",
            "user.name=O",
            "-c",
            "user.email=o@x",
            "commit",
            "-qm",
            "someone removed it",
        ],
    );
    let listed = world.desk.list_entries().unwrap();
    let row = listed
        .iter()
        .find(|e| e.key.path.as_deref() == Some(ARTICLE))
        .expect("still listed");
    assert_eq!(
        (row.title.as_str(), row.state),
        ("Kept", EntryState::Modified)
    );
    assert_eq!(world.desk.open_entry(&row.key).unwrap().body, opened.body);
}

#[test]
fn an_entry_that_breaks_its_schema_is_not_published_and_says_which_field() {
    let world = World::new();
    world.identify();
    let created = world
        .desk
        .new_entry("events", "Barents Youth Summit")
        .unwrap();
    world
        .desk
        .save_draft(&DraftInput {
            key: created.key.clone(),
            collection: "events".into(),
            title: "Barents Youth Summit".into(),
            fields: Default::default(),
            body: markdown_to_doc("Programme to follow.\n"),
        })
        .unwrap();
    let before = git(&world.origin(), &["rev-parse", "main"]);
    let err = world.desk.publish(&created.key).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let report = err.report();
    let fields: Vec<String> = report
        .problems
        .unwrap()
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert!(
        fields.contains(&"start".to_owned()) && fields.contains(&"timezone".to_owned()),
        "{fields:?}"
    );
    assert!(
        report
            .message
            .starts_with("This event cannot be published yet. "),
        "{}",
        report.message
    );
    assert!(
        report
            .message
            // The event's own check speaks for its fields (one message per mistake).
            .contains("The start is missing. Enter the date and time the event begins."),
        "{}",
        report.message
    );
    assert_eq!(
        git(&world.origin(), &["rev-parse", "main"]),
        before,
        "nothing committed or pushed"
    );
    assert_eq!(
        git(&world.site(), &["status", "--porcelain"]),
        "",
        "nothing written to the work tree"
    );
    assert_eq!(
        world.desk.list_entries().unwrap()[0].state,
        EntryState::New,
        "the draft is kept"
    );
}
