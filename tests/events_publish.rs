//! Publishing events: the iCalendar feed is regenerated and committed in the same commit as
//! the event (the git CLI as witness), and the demo site, built by Debian's `hugo` from what
//! reached the origin, lists upcoming events in the order they happen.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::Datelike;
use common::{World, git, path_key};
use desk::api::types::{DraftInput, EventRange};
use desk::content::{EntryFile, FrontMatter};
use desk::events::{parse_local, write_times};
use desk::site::FrontMatterFormat;

const YOUTH: &str = "content/events/youth-exchange-info-day-rovaniemi.md";
const CONFERENCE: &str = "content/events/barents-culture-conference-tromso.md";
const ARTICLE: &str = "content/articles/youth-forum-lulea.md";
const FEED: &str = "static/events.ics";

/// Changes an entry's title through the app (draft, then publish) and returns the commit.
fn publish_title(world: &World, path: &str, title: &str) -> String {
    let doc = world.desk.open_entry(&path_key(path)).unwrap();
    let ack = world
        .desk
        .save_draft(&DraftInput {
            key: doc.key.clone(),
            collection: doc.collection.clone(),
            title: title.to_owned(),
            fields: Default::default(),
            body: doc.body.clone(),
        })
        .unwrap();
    let outcome = world.desk.publish(&ack.key).unwrap();
    assert!(outcome.pushed, "{:?}", outcome.push_error);
    outcome.commit
}

fn changed_files(site: &Path, commit: &str) -> Vec<String> {
    git(site, &["show", "--name-only", "--format=", commit])
        .lines()
        .map(str::to_owned)
        .collect()
}

fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

#[test]
fn publishing_an_event_commits_the_regenerated_feed_in_the_same_commit() {
    let world = World::new();
    world.identify();
    let site = world.site();
    assert_eq!(
        git(&site, &["ls-tree", "HEAD", "--", FEED]),
        "",
        "the demo site starts without a feed"
    );

    let commit = publish_title(
        &world,
        YOUTH,
        "Youth exchange info day; Rovaniemi, Arktikum",
    );
    assert_eq!(changed_files(&site, &commit), [YOUTH, FEED]);
    assert_eq!(git(&site, &["rev-list", "--count", "HEAD"]).trim(), "2");
    assert_eq!(
        git(&world.origin(), &["rev-parse", "main"]),
        git(&site, &["rev-parse", "HEAD"]),
        "the commit with the feed reached the origin"
    );
    assert_eq!(
        git(&site, &["status", "--porcelain"]),
        "",
        "work tree and index are clean"
    );
    let feed = git(&site, &["show", &format!("HEAD:{FEED}")]);
    assert!(
        unfold(&feed).contains("SUMMARY:Youth exchange info day\\; Rovaniemi\\, Arktikum\r\n"),
        "{feed}"
    );
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), 2);
    assert_eq!(
        std::fs::read_to_string(site.join(FEED)).unwrap(),
        feed,
        "the work tree holds the committed bytes"
    );

    // Regenerating an unchanged site gives the committed bytes: stamps are kept.
    assert_eq!(world.desk.regenerate_feed().unwrap().text, feed);

    // Another event's publish changes only that event's lines of the feed.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = publish_title(
        &world,
        CONFERENCE,
        "Barents culture conference 2026 (Tromsø)",
    );
    assert_eq!(changed_files(&site, &second), [CONFERENCE, FEED]);
    let diff = git(&site, &["diff", "HEAD~1", "HEAD", "--", FEED]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert!(!changed.is_empty());
    let after = git(&site, &["show", &format!("HEAD:{FEED}")]);
    let stamp_of = |ics: &str, uid: &str| -> String {
        let unfolded = unfold(ics);
        let at = unfolded.find(&format!("UID:{uid}")).unwrap();
        unfolded[at..]
            .lines()
            .find(|l| l.starts_with("DTSTAMP:"))
            .unwrap()
            .to_owned()
    };
    let youth_uid = "events/youth-exchange-info-day-rovaniemi@demo.barents-desk.invalid";
    let conference_uid = "events/barents-culture-conference-tromso@demo.barents-desk.invalid";
    assert_eq!(stamp_of(&after, youth_uid), stamp_of(&feed, youth_uid));
    assert_ne!(
        stamp_of(&after, conference_uid),
        stamp_of(&feed, conference_uid)
    );
    assert_eq!(
        changed.len(),
        4,
        "SUMMARY and DTSTAMP of one event: {changed:?}"
    );

    // An article's publish leaves the feed alone.
    let third = publish_title(
        &world,
        ARTICLE,
        "Young voices set the agenda in Luleå, again",
    );
    assert_eq!(changed_files(&site, &third), [ARTICLE]);
    assert_eq!(
        git(&site, &["log", "-1", "--format=%s", &second]).trim(),
        "Update event: Barents culture conference 2026 (Tromsø)"
    );
}

#[test]
fn an_outside_change_to_the_feed_stops_the_publish_before_anything_is_written() {
    let world = World::new();
    world.identify();
    let site = world.site();
    std::fs::write(site.join(FEED), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
    let head = git(&site, &["rev-parse", "HEAD"]);
    let before = std::fs::read(site.join(YOUTH)).unwrap();
    let doc = world.desk.open_entry(&path_key(YOUTH)).unwrap();
    let ack = world
        .desk
        .save_draft(&DraftInput {
            key: doc.key.clone(),
            collection: doc.collection.clone(),
            title: "Youth exchange info day, moved".into(),
            fields: Default::default(),
            body: doc.body.clone(),
        })
        .unwrap();
    let err = world.desk.publish(&ack.key).unwrap_err();
    assert_eq!(err.code(), "dirty_file");
    assert!(
        err.to_string()
            .starts_with("static/events.ics was changed outside Barents Desk"),
        "{err}"
    );
    assert_eq!(
        git(&site, &["rev-parse", "HEAD"]),
        head,
        "nothing was committed"
    );
    assert_eq!(
        std::fs::read(site.join(YOUTH)).unwrap(),
        before,
        "the event file was not written either"
    );
}

/// An event file with times written by the app's own writer (the offset of each date),
/// committed with the git CLI as another editor's published work would arrive.
fn commit_event(
    site: &Path,
    slug: &str,
    start: &str,
    end: Option<&str>,
    zone: &str,
    extra: &[(&str, &str)],
) {
    let mut front = FrontMatter::parse(FrontMatterFormat::Yaml, "", "t.md").unwrap();
    front.set_str("title", &slug.replace('-', " ")).unwrap();
    write_times(
        &mut front,
        parse_local(start).unwrap(),
        end.map(|e| parse_local(e).unwrap()),
        zone,
    )
    .unwrap();
    for (key, value) in extra {
        front.set_str(key, value).unwrap();
    }
    let rel = format!("content/events/{slug}.md");
    std::fs::write(
        site.join(&rel),
        EntryFile::new(front, "Details follow.\n").to_text(),
    )
    .unwrap();
    git(site, &["add", &rel]);
    git(
        site,
        &[
            "-c",
            "user.name=Intern",
            "-c",
            "user.email=intern@barents.example",
            "commit",
            "-q",
            "-m",
            &format!("Add {slug}"),
        ],
    );
}

#[test]
fn the_demo_site_built_by_hugo_lists_upcoming_events_in_start_order() {
    let world = World::new();
    world.identify();
    let site = world.site();
    let year = chrono::Utc::now().year() + 1;
    // On 10 March, 08:30 in Oslo (07:30 UTC) is after 10:00 in Moscow (07:00 UTC): sorting
    // the text of `start` would put Oslo first.
    commit_event(
        &site,
        "oslo-morning",
        &format!("{year}-03-10T08:30"),
        None,
        "Europe/Oslo",
        &[("city", "Oslo")],
    );
    commit_event(
        &site,
        "moscow-morning",
        &format!("{year}-03-10T10:00"),
        Some(&format!("{year}-03-10T12:00")),
        "Europe/Moscow",
        &[
            ("venue", "Дом молодёжи"),
            ("city", "Мурманск"),
            ("country", "Russia"),
        ],
    );
    commit_event(
        &site,
        "helsinki-evening",
        &format!("{year}-03-09T18:00"),
        None,
        "Europe/Helsinki",
        &[
            ("online", "true"),
            ("online_link", "https://meet.example/evening"),
        ],
    );
    commit_event(
        &site,
        "past-fair",
        &format!("{}-02-03T00:00", year - 2),
        Some(&format!("{}-02-05T00:00", year - 2)),
        "Europe/Stockholm",
        &[("all_day", "true"), ("city", "Luleå")],
    );
    // The intern's last touch goes through the app, which regenerates the feed.
    publish_title(
        &world,
        "content/events/oslo-morning.md",
        "Oslo morning (Oslo time)",
    );

    // The app's own calendar agrees on the order.
    let listed = world
        .desk
        .events(&EventRange {
            from: Some(format!("{year}-03-09")),
            to: Some(format!("{year}-03-10")),
            viewer_zone: Some("Europe/Oslo".into()),
        })
        .unwrap();
    let titles: Vec<&str> = listed.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "helsinki evening",
            "moscow morning",
            "Oslo morning (Oslo time)"
        ]
    );
    assert_eq!(
        listed.events[1].when_text,
        format!("10 March {year}, 10:00–12:00 Moscow time — 08:00–10:00 in Oslo")
    );

    // Build what reached the origin, as the site's CI would.
    let build = tempfile::tempdir().unwrap();
    let clone = build.path().join("clone");
    let out = build.path().join("public");
    let status = Command::new("git")
        .args(["clone", "-q"])
        .arg(world.origin())
        .arg(&clone)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success());
    let hugo = Command::new("hugo")
        .arg("--quiet")
        .arg("--source")
        .arg(&clone)
        .arg("--destination")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("hugo could not be run ({e}). Run `cargo xtask setup`, which installs Debian's hugo."));
    assert!(
        hugo.status.success(),
        "hugo failed to build the demo site:\n{}{}",
        String::from_utf8_lossy(&hugo.stdout),
        String::from_utf8_lossy(&hugo.stderr)
    );

    let listing = std::fs::read_to_string(out.join("events/index.html")).unwrap();
    let upcoming_start = listing.find("<ul class=\"events upcoming\">").unwrap();
    let past_start = listing.find("<ul class=\"events past\">").unwrap();
    let upcoming = &listing[upcoming_start..past_start];
    let past = &listing[past_start..];
    let at = |title: &str| {
        upcoming
            .find(&format!(">{title}</a>"))
            .unwrap_or_else(|| panic!("{title} is not among the upcoming events:\n{upcoming}"))
    };
    assert!(at("helsinki evening") < at("moscow morning"), "{upcoming}");
    assert!(
        at("moscow morning") < at("Oslo morning (Oslo time)"),
        "{upcoming}"
    );
    assert!(!upcoming.contains("past fair"), "{upcoming}");
    assert!(
        past.contains(&format!(
            ">past fair</a> – 3 February {} to 5 February {}, Luleå",
            year - 2,
            year - 2
        )),
        "{past}"
    );
    assert!(
        upcoming.contains(&format!(
            ">moscow morning</a> – 10 March {year}, 10:00 to 12:00 (Moscow time), Мурманск"
        )),
        "{upcoming}"
    );
    assert!(
        upcoming.contains(&format!(
            ">helsinki evening</a> – 9 March {year}, 18:00 (Helsinki time), online"
        )),
        "{upcoming}"
    );

    let page = std::fs::read_to_string(out.join("events/moscow-morning/index.html")).unwrap();
    assert!(
        page.contains(&format!(
            "<p class=\"when\">10 March {year}, 10:00 to 12:00 (Moscow time)</p>"
        )),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"where\">Дом молодёжи, Мурманск, Russia</p>"),
        "{page}"
    );

    // The feed is published with the site, and its URLs are the pages Hugo built.
    let feed = std::fs::read_to_string(out.join("events.ics")).unwrap();
    assert_eq!(feed, git(&site, &["show", &format!("HEAD:{FEED}")]));
    assert!(
        unfold(&feed).contains("URL:https://demo.barents-desk.invalid/events/moscow-morning/\r\n"),
        "{feed}"
    );
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains(">helsinki evening</a>"),
        "the home page lists upcoming events"
    );
}
