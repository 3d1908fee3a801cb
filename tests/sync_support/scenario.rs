//! The many-editors scenario: N editors (separate clones and data folders) publish new entries
//! and edit shared ones, going offline and online in a seeded random order, syncing through
//! one bare origin. At the end every editor syncs until nothing waits, conflicts are resolved
//! through the same API the UI uses (both sides kept), and the test checks that every
//! acknowledged publish reached origin's history, that every edit's words are there, that no
//! commit was sent twice, and that every repository passes `git fsck`.

use std::collections::BTreeSet;

use desk::api::types::{ConflictResolution, DraftInput};

use super::{Editor, Origin, assert_sound, git, paragraph};

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const SHARED: &[&str] = &[
    "content/articles/youth-forum-lulea.md",
    "content/articles/sami-film-week-inari.md",
    "content/articles/winter-crossing-kirkenes.md",
];

pub struct Stats {
    pub publishes: usize,
    pub conflicts: usize,
    pub syncs: usize,
}

pub fn run(editors: usize, new_entries_each: usize, shared_edits_each: usize, seed: u64) -> Stats {
    let origin = Origin::demo();
    let url = origin.path().to_string_lossy().into_owned();
    let offline_url = origin
        .dir
        .path()
        .join("unplugged.git")
        .to_string_lossy()
        .into_owned();
    let team: Vec<Editor> = (0..editors)
        .map(|i| Editor::clone(&url, &format!("Editor{i}")))
        .collect();
    let mut rng = Rng::new(seed);
    let mut markers: BTreeSet<String> = BTreeSet::new();
    let mut acknowledged: Vec<String> = Vec::new();
    let mut todo: Vec<(usize, bool)> = (0..editors)
        .flat_map(|e| {
            std::iter::repeat_n((e, true), new_entries_each)
                .chain(std::iter::repeat_n((e, false), shared_edits_each))
        })
        .collect();
    let mut stats = Stats {
        publishes: 0,
        conflicts: 0,
        syncs: 0,
    };
    let mut step = 0;
    while !todo.is_empty() {
        step += 1;
        let (who, new) = todo.swap_remove(rng.below(todo.len()));
        let editor = &team[who];
        // Offline about a third of the time: the remote is a folder that is not there.
        let online = rng.below(3) != 0;
        git(
            &editor.site(),
            &[
                "remote",
                "set-url",
                "origin",
                if online { &url } else { &offline_url },
            ],
        );
        let marker = format!("Marker s{seed} e{who} n{step}.");
        let outcome = if new {
            let doc = editor
                .desk
                .new_entry("articles", &format!("Notes {who} {step}"))
                .unwrap();
            let ack = editor
                .desk
                .save_draft(&DraftInput {
                    key: doc.key,
                    collection: doc.collection,
                    title: doc.title,
                    fields: Default::default(),
                    body: desk::markdown::DocNode::new("doc")
                        .with_content(vec![paragraph(&marker)]),
                })
                .unwrap();
            editor.desk.publish(&ack.key).unwrap()
        } else {
            let path = SHARED[rng.below(SHARED.len())];
            // Resolve what is pending on this entry first, as an editor would.
            resolve_all(editor, &mut stats);
            let n = rng.below(3);
            editor.publish_paragraph(path, n, &marker)
        };
        markers.insert(marker);
        acknowledged.push(outcome.commit);
        stats.publishes += 1;
        if online && rng.below(2) == 0 {
            stats.syncs += 1;
            let _ = editor.desk.sync();
        }
    }

    // Everyone online; sync until nothing waits and no conflict is open.
    for e in &team {
        git(&e.site(), &["remote", "set-url", "origin", &url]);
    }
    for round in 0.. {
        assert!(round < 20, "sync did not settle");
        let mut busy = false;
        for e in &team {
            stats.syncs += 1;
            e.desk.sync().unwrap();
            busy |= resolve_all(e, &mut stats);
            busy |= e.desk.sync_status().unwrap().waiting > 0;
        }
        if !busy {
            break;
        }
    }
    for e in &team {
        e.desk.sync().unwrap();
        assert_sound(&e.site());
        assert_eq!(e.desk.sync_status().unwrap().waiting, 0);
    }

    let o = origin.path();
    git(&o, &["fsck", "--strict", "--no-progress"]);
    // Every edit's words reached origin.
    let history = git(&o, &["log", "-p", "--format=%H %s", "main"]);
    let lost: Vec<&String> = markers
        .iter()
        .filter(|m| !history.contains(m.as_str()))
        .collect();
    assert!(lost.is_empty(), "lost edits: {lost:?}");
    // Every acknowledged publish is in origin's history: as the commit itself, or — after a
    // rebase or a conflict — as a commit carrying its words (checked above).
    let reachable = git(&o, &["rev-list", "main"]);
    let direct = acknowledged
        .iter()
        .filter(|c| reachable.contains(c.as_str()))
        .count();
    assert!(direct > 0);
    // No commit sent twice: no two commits on main with the same subject and the same diff.
    let mut seen = BTreeSet::new();
    for id in reachable.lines() {
        let patch = git(&o, &["show", "--format=%an%n%s", "--patch", id]);
        assert!(seen.insert(patch), "commit {id} duplicates an earlier one");
    }
    stats
}

/// Resolves every open conflict keeping both sides: the server's text with this editor's
/// lines that the server's lacks added at the end. Returns whether there were any.
fn resolve_all(editor: &Editor, stats: &mut Stats) -> bool {
    let conflicts = editor.desk.conflicts().unwrap();
    for c in &conflicts {
        stats.conflicts += 1;
        let theirs = c.theirs.clone().unwrap_or_default();
        let resolution = match (&c.mine, c.theirs.is_some()) {
            (Some(mine), true) => {
                let mut text = theirs.trim_end().to_owned();
                for line in body_of(mine).lines() {
                    if !line.trim().is_empty() && !theirs.contains(line) {
                        text.push_str("\n\n");
                        text.push_str(line);
                    }
                }
                text.push('\n');
                ConflictResolution::Edited { text }
            }
            (Some(_), false) => ConflictResolution::KeepMine,
            (None, _) => ConflictResolution::KeepTheirs,
        };
        editor
            .desk
            .resolve_conflict(c.summary.id, &resolution)
            .unwrap();
    }
    !conflicts.is_empty()
}

/// The body of an entry file: what follows the front matter.
fn body_of(text: &str) -> &str {
    let mut offset = 0;
    let mut markers = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            markers += 1;
            if markers == 2 {
                return &text[offset..];
            }
        }
    }
    text
}
