//! `desk`: the headless command line over the same core as the app, for scripting, site CI,
//! tests and benchmarks. Drafts live in the same store as the app's (the data directory, or
//! `BARENTS_DESK_DATA_DIR`, or `--data-dir`).

use std::path::PathBuf;
use std::process::ExitCode;

mod autosave_stream;
mod check;
mod clone;
mod events;
mod md;
mod media;
mod search;
mod sync;

use clap::{Parser, Subcommand};
use desk::api::Desk;
use desk::api::types::{EntryKey, EntryState};

#[derive(Parser)]
#[command(name = "desk", version, about = "Barents Desk on the command line")]
struct Cli {
    /// The app's data folder (drafts, settings); defaults to BARENTS_DESK_DATA_DIR, else the
    /// platform's data directory.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the demo site in DIR: DIR/site (a git work tree) and DIR/origin.git (its origin).
    Demo { dir: PathBuf },
    /// List the entries of a site: state, collection, path (or draft id) and title.
    Entries {
        #[arg(long)]
        site: PathBuf,
    },
    /// Publish drafts: --all commits each as Markdown into the site, one commit each; --entry
    /// commits the entries named as one commit (with --message, and with --review to branch
    /// desk/<slug> instead of the site's branch). Then pushes to origin.
    Publish {
        #[arg(long)]
        site: PathBuf,
        /// Publish every unpublished draft of the site.
        #[arg(long, conflicts_with = "entry", required_unless_present = "entry")]
        all: bool,
        /// Publish the draft of this entry (site-relative path).
        #[arg(long)]
        entry: Vec<String>,
        /// The commit message (default: "Publish article: <title>").
        #[arg(long, requires = "entry")]
        message: Option<String>,
        /// Submit for review: push to branch desk/<slug>.
        #[arg(long, requires = "entry")]
        review: bool,
    },
    /// Fetch the server's changes, put local publishes on top, push; print what happened and
    /// any conflicts (exit code 1 when conflicts wait).
    Sync {
        #[arg(long)]
        site: PathBuf,
        /// Go ahead with a sync that deletes many files (after checking it is intended).
        #[arg(long)]
        confirm_deletions: bool,
    },
    /// Clone a site from an HTTPS or SSH URL (or a folder) into DIR, showing progress.
    Clone { url: String, dir: PathBuf },
    /// Keep a user name and password (or token) for an HTTPS server in the OS keychain; the
    /// password is read from standard input.
    Login {
        #[arg(long)]
        url: String,
        #[arg(long)]
        user: String,
    },
    /// Trust an SSH server's key, only if it has this fingerprint (as `ssh-keygen -lf` shows).
    TrustHost {
        url: String,
        #[arg(long)]
        fingerprint: String,
    },
    /// Show commits waiting to be pushed and the last push error.
    Status {
        #[arg(long)]
        site: PathBuf,
    },
    /// Validate every entry of a site against its schema: one line per problem (file, field,
    /// message); exit code 1 on errors. With --roundtrip, also list entries a no-op save would
    /// change.
    Check {
        #[arg(long)]
        site: PathBuf,
        #[arg(long)]
        roundtrip: bool,
    },
    /// Infer a site schema from the Hugo configuration and sections and print it; with
    /// --write, save it as .desk/site.toml.
    InitSchema {
        #[arg(long)]
        site: PathBuf,
        #[arg(long)]
        write: bool,
    },
    /// List a site's published events in start order, with their local times (and in --zone,
    /// or the computer's zone, when it differs). Dates are YYYY-MM-DD, in each event's zone.
    Events {
        #[arg(long)]
        site: PathBuf,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// Also show times in this IANA zone, e.g. Europe/Helsinki.
        #[arg(long)]
        zone: Option<String>,
    },
    /// Write the site's iCalendar feed (or, with --entry, one event) to FILE or stdout.
    Ics {
        #[arg(long)]
        site: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
        /// One event (site-relative path) instead of the whole feed.
        #[arg(long)]
        entry: Option<String>,
    },
    /// Images: `media add` imports photos for an entry (variants written, metadata
    /// stripped); `media check` lists images without alt text, missing and unused images.
    Media {
        #[command(subcommand)]
        command: media::MediaCommand,
    },
    /// Bring a site's search index up to date (only changed files are parsed) and print
    /// counts and the elapsed time.
    Index {
        #[arg(long)]
        site: PathBuf,
    },
    /// Search a site's published entries and drafts; one hit per line, best first:
    /// collection, path (or draft id), title, snippet with matches in [brackets].
    Search {
        #[arg(long)]
        site: PathBuf,
        #[arg(long)]
        collection: Option<String>,
        #[arg(long)]
        language: Option<String>,
        /// Only entries dated on or after this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Only entries dated on or before this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(required = true)]
        query: Vec<String>,
    },
    /// For the crash tests: autosave N edits of one new draft, printing each acknowledged save.
    #[command(hide = true)]
    AutosaveStream {
        #[arg(long)]
        site: PathBuf,
        #[arg(long, default_value_t = u64::MAX)]
        count: u64,
    },
    /// Check bare Markdown files (a directory is walked): with --roundtrip, open and save each
    /// in memory and list those whose bytes would change, and those that render differently
    /// after a full re-format.
    Md {
        #[arg(long, required = true)]
        roundtrip: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("DESK_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("desk: {e}");
            ExitCode::from(2)
        }
    }
}

/// The store for one command, closed cleanly when the command is done, as the app does at exit:
/// the next command (or the app's next start) then skips the full integrity check. A command
/// that panics or is killed leaves no record, and the next opening checks.
struct CleanDesk(Desk);

impl std::ops::Deref for CleanDesk {
    type Target = Desk;

    fn deref(&self) -> &Desk {
        &self.0
    }
}

impl Drop for CleanDesk {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        if let Err(e) = self.0.close_clean() {
            tracing::warn!("the store was not recorded as cleanly closed: {e}");
        }
    }
}

fn open(data_dir: Option<PathBuf>) -> desk::Result<CleanDesk> {
    match data_dir {
        Some(dir) => Desk::open(&dir),
        None => Desk::open_default(),
    }
    .map(CleanDesk)
}

fn run(cli: Cli) -> desk::Result<ExitCode> {
    match cli.command {
        Command::Demo { dir } => {
            let demo = desk::demo::create(&dir)?;
            println!("site:   {}", demo.site.display());
            println!("origin: {}", demo.origin.display());
        }
        Command::Entries { site } => {
            let desk = open(cli.data_dir)?;
            desk.open_site(&site)?;
            for e in desk.list_entries()? {
                let state = match e.state {
                    EntryState::Published => "published",
                    EntryState::New => "new",
                    EntryState::Modified => "modified",
                    EntryState::Queued => "queued",
                };
                let place = e
                    .key
                    .path
                    .clone()
                    .or(e.key.draft_id.map(|id| format!("draft:{id}")))
                    .unwrap_or_default();
                println!("{state}\t{}\t{place}\t{}", e.collection, e.title);
            }
        }
        Command::Sync {
            site,
            confirm_deletions,
        } => return sync::run(&*open(cli.data_dir)?, &site, confirm_deletions),
        Command::Clone { url, dir } => return clone::clone(&*open(cli.data_dir)?, &url, &dir),
        Command::Login { url, user } => return clone::login(&*open(cli.data_dir)?, &url, &user),
        Command::TrustHost { url, fingerprint } => {
            return clone::trust_host(&*open(cli.data_dir)?, &url, &fingerprint);
        }
        Command::Publish {
            site,
            entry,
            message,
            review,
            ..
        } if !entry.is_empty() => {
            let desk = open(cli.data_dir)?;
            desk.open_site(&site)?;
            let out = desk.publish_set(&desk::api::types::PublishRequest {
                entries: entry
                    .into_iter()
                    .map(|path| EntryKey {
                        draft_id: None,
                        path: Some(path),
                    })
                    .collect(),
                message,
                review,
            })?;
            let commit = &out.commit[..12.min(out.commit.len())];
            for key in &out.keys {
                let path = key.path.as_deref().unwrap_or_default();
                match &out.push_error {
                    None => println!("published\t{path}\t{commit}\t{}", out.branch),
                    Some(e) => println!("committed, not pushed\t{path}\t{commit}\t{e}"),
                }
            }
            println!(
                "{} published, {} waiting to sync",
                out.keys.len(),
                out.waiting
            );
            if out.push_error.is_some() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Publish {
            site, all, entry, ..
        } => {
            let desk = open(cli.data_dir)?;
            desk.open_site(&site)?;
            let outcomes = if all {
                desk.publish_all()?
            } else {
                entry
                    .into_iter()
                    .map(|path| {
                        desk.publish(&EntryKey {
                            draft_id: None,
                            path: Some(path),
                        })
                    })
                    .collect::<desk::Result<Vec<_>>>()?
            };
            let mut failed_push = false;
            for o in &outcomes {
                let path = o.key.path.as_deref().unwrap_or_default();
                match &o.push_error {
                    None => println!("published\t{path}\t{}", &o.commit[..12.min(o.commit.len())]),
                    Some(e) => {
                        failed_push = true;
                        println!(
                            "committed, not pushed\t{path}\t{}\t{e}",
                            &o.commit[..12.min(o.commit.len())]
                        );
                    }
                }
            }
            println!(
                "{} published, {} waiting to sync",
                outcomes.len(),
                desk.sync_status()?.waiting
            );
            if failed_push {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Md { paths, .. } => return md::run(&paths),
        Command::Index { site } => return search::index(&*open(cli.data_dir)?, &site),
        Command::Search {
            site,
            collection,
            language,
            from,
            to,
            tag,
            limit,
            query,
        } => {
            let filters = desk::api::types::SearchFilters {
                collection,
                language,
                source: None,
                from,
                to,
                tag,
                limit,
            };
            return search::search(&*open(cli.data_dir)?, &site, &query.join(" "), &filters);
        }
        Command::AutosaveStream { site, count } => {
            return autosave_stream::run(&*open(cli.data_dir)?, &site, count);
        }
        Command::Media { command } => return media::run(cli.data_dir, command),
        Command::Events {
            site,
            from,
            to,
            zone,
        } => {
            let desk = open(cli.data_dir)?;
            desk.open_site(&site)?;
            return events::list(&desk, from, to, zone);
        }
        Command::Ics { site, out, entry } => {
            let desk = open(cli.data_dir)?;
            desk.open_site(&site)?;
            return events::ics(&desk, out, entry);
        }
        Command::Check { site, roundtrip } => return check::check(&site, roundtrip),
        Command::InitSchema { site, write } => return check::init_schema(&site, write),
        Command::Status { site } => {
            let desk = open(cli.data_dir)?;
            desk.open_site(&site)?;
            let status = desk.sync_status()?;
            let drafts = desk
                .list_entries()?
                .into_iter()
                .filter(|e| matches!(e.state, EntryState::New | EntryState::Modified))
                .count();
            println!("unpublished drafts: {drafts}");
            println!("waiting to sync: {}", status.waiting);
            if let Some(e) = status.last_error {
                println!("last push error: {e}");
            }
            let conflicts = desk.conflicts()?;
            if !conflicts.is_empty() {
                println!("conflicts: {}", conflicts.len());
                for c in conflicts {
                    println!(
                        "conflict {}\t{}\t{}",
                        c.summary.id, c.summary.path, c.summary.title
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
