//! The one API that both clients call: the desktop shell (over IPC) and the `desk` CLI.
//!
//! Concurrency contract: a [`Desk`] is shared between threads. The store is behind a mutex
//! held only for one short transaction at a time; git work (commit, push) runs under a
//! separate publish lock, never while holding the store, so autosaves keep landing while a
//! slow push is in flight. Git repositories are opened per call (cheap, and `git2` handles
//! are not `Sync`).

pub mod bindings;
pub mod check;
pub mod types;
// Helper wt-mediacal: the media library's IPC values.
pub mod library_types;

mod entries;
// Helper wt-mediacal: the one place an entry is checked (fields, event rules, images).
mod entry_checks;
mod events;
mod fields;
mod history;
mod media;
mod media_library;
mod publish_set;
mod publishing;
mod search;
mod sync;
// After a sync, the search index follows the changed files only (issue 6).
mod sync_index;
mod translations;

// wt-editor: completions for the entry form.
mod field_values;
// wt-editor: the window's remembered layout.
mod layout;

// wt-images: the site's pictures shown in the editor and the preview.
mod image_preview;

// wt-welcome: what the window opens on, recent sites, cloning a new site.
// wt-states: an entry with an open conflict is published by resolving it.
mod conflict_guard;
// wt-states: progress of the data fetches and pushes move.
pub mod sync_progress;
pub mod welcome;
pub mod welcome_types;

// wt-start: the window's start (compact entry list, index progress, clean close).
mod start;
pub mod start_types;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use types::{Identity, SiteInfo, Startup, SyncStatus};

use crate::publish::SiteRepo;
use crate::site::SiteSchema;
use crate::store::Store;
use crate::{Error, Result, demo, paths};

pub struct Desk {
    data_dir: PathBuf,
    store: Mutex<Store>,
    site: RwLock<Option<OpenSite>>,
    publishing: Mutex<()>,
    // Sync (issue 6): where credentials are kept, SSH keys, and the outbox's retry clock.
    credentials: Box<dyn crate::publish::credentials::CredentialStore>,
    ssh_dir: Option<PathBuf>,
    outbox: Mutex<crate::publish::backoff::Backoff>,
    /// The entry list's dating of translations, kept until the branch moves.
    translation_ages: Mutex<Option<translations::TranslationAges>>,
    /// wt-states: where fetches and pushes report progress (the client's listener, if set),
    /// and the closure each connection reports to.
    sync_progress: sync_progress::ProgressSlot,
    moving: Box<dyn Fn(crate::publish::Moving) + Send + Sync>,
    /// wt-start: held by an index run, so two never read the same files side by side.
    indexing: Mutex<()>,
    /// wt-start: the number of the last `open_site` asked for, and the lock its last step
    /// takes: of two opens running at once (the window's start, a site picked meanwhile), the
    /// one asked for last is the one left open, whichever finishes first.
    open_asked: std::sync::atomic::AtomicU64,
    open_commit: Mutex<()>,
}

/// How a [`Desk`] reaches servers. The default is the OS keychain and `~/.ssh`.
pub struct Connections {
    pub credentials: Box<dyn crate::publish::credentials::CredentialStore>,
    /// The folder with `known_hosts` and keys (`id_ed25519`...), normally `~/.ssh`.
    pub ssh_dir: Option<PathBuf>,
}

impl Default for Connections {
    fn default() -> Self {
        Connections {
            credentials: Box::new(crate::publish::credentials::Keychain),
            ssh_dir: directories::BaseDirs::new().map(|d| d.home_dir().join(".ssh")),
        }
    }
}

/// The site that is open.
#[derive(Clone)]
struct OpenSite {
    root: PathBuf,
    schema: SiteSchema,
    id: i64,
    is_demo: bool,
}

impl Desk {
    /// Opens the store in `data_dir`. No site is open yet: call [`Desk::startup`] or
    /// [`Desk::open_site`].
    pub fn open(data_dir: &Path) -> Result<Self> {
        Self::open_with(data_dir, Connections::default())
    }

    /// Opens the store in `data_dir`, reaching servers as `connections` says.
    pub fn open_with(data_dir: &Path, connections: Connections) -> Result<Self> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| Error::io("create the data folder", data_dir, e))?;
        let store = Store::open(&paths::store_file(data_dir))?;
        let progress = sync_progress::ProgressSlot::default();
        Ok(Desk {
            data_dir: data_dir.to_path_buf(),
            store: Mutex::new(store),
            site: RwLock::new(None),
            publishing: Mutex::new(()),
            credentials: connections.credentials,
            ssh_dir: connections.ssh_dir,
            outbox: Mutex::new(Default::default()),
            translation_ages: Mutex::new(None),
            moving: progress.reporter(),
            sync_progress: progress,
            indexing: Mutex::new(()),
            open_asked: Default::default(),
            open_commit: Mutex::new(()),
        })
    }

    /// Opens the store in the platform data directory (or `BARENTS_DESK_DATA_DIR`).
    pub fn open_default() -> Result<Self> {
        Self::open(&paths::data_dir()?)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The last site used if it can still be opened, else the embedded demo site (created on
    /// first start). For scripts and tests; the window starts with
    /// [`Desk::reopen_last`] (wt-welcome) and shows its Welcome screen when nothing opens.
    pub fn startup(&self) -> Result<Startup> {
        let last_site = self.store()?.last_site()?;
        if let Some(last) = last_site {
            let root = PathBuf::from(&last);
            match self.open_site(&root) {
                Ok(startup) => return Ok(startup),
                Err(e) => tracing::warn!("could not reopen the last site {last}: {e}"),
            }
        }
        self.open_demo()
    }

    /// Creates (once) and opens the demo site.
    pub fn open_demo(&self) -> Result<Startup> {
        let demo = demo::create(&paths::demo_dir(&self.data_dir))?;
        self.open_site(&demo.site)
    }

    /// Opens the site whose git work tree is at `root`.
    pub fn open_site(&self, root: &Path) -> Result<Startup> {
        use std::sync::atomic::Ordering;
        let ticket = self.open_asked.fetch_add(1, Ordering::SeqCst) + 1;
        let repo = SiteRepo::open(root)?;
        repo.branch()?;
        let root = repo.root().to_path_buf();
        let schema = SiteSchema::load(&root)?;
        let root_text = root.to_string_lossy().into_owned();
        let demo_root = demo::DemoSite::in_dir(&paths::demo_dir(&self.data_dir)).site;
        let is_demo = same_path(&root, &demo_root);
        // wt-start: a later open asked for meanwhile wins; this one changes nothing.
        let _commit = self.open_commit.lock().map_err(|_| poisoned())?;
        if self.open_asked.load(Ordering::SeqCst) != ticket {
            return Err(Error::Validation(format!(
                "{} was not opened: another site was chosen in the meantime.",
                root.display()
            )));
        }
        let id = {
            let mut store = self.store()?;
            let id = store.site_id(&root_text)?;
            store.set_last_site(&root_text)?;
            // wt-welcome: the Welcome screen's recent sites (the demo has its own button).
            if !is_demo {
                let folder = root.file_name().map(|n| n.to_string_lossy().into_owned());
                let name = schema.name.clone().or(folder).unwrap_or_default();
                welcome::remember_site(&mut store, &root, &name)?;
            }
            id
        };
        *self.site.write().map_err(|_| poisoned())? = Some(OpenSite {
            root,
            schema,
            id,
            is_demo,
        });
        Ok(Startup {
            site: self.site_info()?,
            identity: self.identity()?,
            sync: self.sync_status()?,
            store_notice: self.store()?.recovery().map(|r| r.message()),
        })
    }

    pub fn site_info(&self) -> Result<SiteInfo> {
        let site = self.site()?;
        let branch = SiteRepo::open(&site.root)?.branch()?;
        let folder_name = site
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(SiteInfo {
            name: site.schema.name.clone().unwrap_or(folder_name),
            root: site.root.to_string_lossy().into_owned(),
            branch,
            is_demo: site.is_demo,
            collections: site
                .schema
                .collections
                .iter()
                .map(|c| types::CollectionInfo {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    singular: c.singular.clone(),
                    preset: c.preset,
                    fields: fields::field_infos(c),
                })
                .collect(),
        })
    }

    pub fn identity(&self) -> Result<Option<Identity>> {
        Ok(self.store()?.identity()?)
    }

    /// Sets the name and e-mail that publish commits carry (asked once, kept in settings).
    pub fn set_identity(&self, identity: &Identity) -> Result<Identity> {
        let clean = Identity {
            name: identity.name.trim().to_owned(),
            email: identity.email.trim().to_owned(),
        };
        let bad = |c: char| matches!(c, '<' | '>' | '\n' | '\r' | '\0');
        if clean.name.is_empty() || clean.name.contains(bad) {
            return Err(Error::Validation(
                "Enter your name (without < > or line breaks).".into(),
            ));
        }
        let at = clean.email.find('@');
        if clean.email.contains(bad)
            || clean.email.contains(char::is_whitespace)
            || !at.is_some_and(|i| i > 0 && i < clean.email.len() - 1)
        {
            return Err(Error::Validation(
                "Enter an e-mail address like name@example.org.".into(),
            ));
        }
        self.store()?.set_identity(&clean)?;
        Ok(clean)
    }

    /// How the open site stands against its server.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let site = self.site()?;
        let waiting = SiteRepo::open(&site.root)?.waiting()?;
        let last_error = if waiting > 0 {
            self.store()?.push_error(site.id)?
        } else {
            None
        };
        Ok(SyncStatus {
            waiting,
            last_error,
        })
    }

    fn store(&self) -> Result<MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| poisoned())
    }

    fn site(&self) -> Result<OpenSite> {
        self.site
            .read()
            .map_err(|_| poisoned())?
            .clone()
            .ok_or(Error::NoSite)
    }
}

fn poisoned() -> Error {
    Error::Validation(
        "An earlier operation failed midway. Restart Barents Desk; your saved drafts are kept."
            .into(),
    )
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
