//! Sync and the outbox, as the clients see them: fetch -> rebase or merge -> push, conflicts
//! kept in the store (both versions) and resolved through [`Desk::resolve_conflict`], drafts
//! flagged when their published file changed upstream, the outbox retried with backoff,
//! credentials and SSH host keys, and cloning a site. The git work is in `crate::publish`.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::types::{
    CloneProgress, ConflictResolution, ConflictSummary, EntryConflict, EntryKey, HostKeyInfo,
    OutboxStatus, PublishOutcome, ServerLogin, Startup, SyncReport, SyncStatus,
};
use super::{Desk, OpenSite};
use crate::content::EntryFile;
use crate::markdown::markdown_to_doc;
use crate::publish::credentials::{Secret, server_key};
use crate::publish::ssh::{self, HostKey};
use crate::publish::sync::{FileConflict, Strategy};
use crate::publish::{Access, Change, PublishError, RepoPath, SiteRepo, Target};
use crate::site::{EntryPath, SyncStrategy};
use crate::store::{ConflictRow, DraftWrite, Published, now_ms};
use crate::{Error, Result};

/// How many fetch-integrate-push rounds a sync tries when someone else pushes in between.
const ROUNDS: usize = 3;

impl Desk {
    /// How this Desk reaches servers, with `cancel` to stop a transfer.
    pub(super) fn access<'a>(&'a self, cancel: Option<&'a AtomicBool>) -> Access<'a> {
        let mut known_hosts = Vec::new();
        if let Some(dir) = &self.ssh_dir {
            known_hosts.push(dir.join("known_hosts"));
        }
        known_hosts.push(self.known_hosts_file());
        Access {
            credentials: self.credentials.as_ref(),
            known_hosts,
            ssh_keys: self.ssh_dir.clone(),
            cancel,
            moving: Some(&*self.moving),
        }
    }

    /// The app's own known_hosts: the SSH servers the user chose to trust in the app.
    fn known_hosts_file(&self) -> std::path::PathBuf {
        self.data_dir.join("known_hosts")
    }

    /// Fetches the server's changes, puts this computer's publishes on top (rebase, or merge
    /// as the site's schema says), and pushes. Overlapping edits become conflicts (see
    /// [`Desk::conflicts`]); the rest of the publishes go out.
    pub fn sync(&self) -> Result<SyncReport> {
        self.sync_with(false)
    }

    /// [`Desk::sync`] after the editor confirmed a large deletion (`mass_deletion`).
    pub fn sync_confirming_deletions(&self) -> Result<SyncReport> {
        self.sync_with(true)
    }

    fn sync_with(&self, allow_deletions: bool) -> Result<SyncReport> {
        let _one_at_a_time = self.publishing.lock().map_err(|_| super::poisoned())?;
        let site = self.site()?;
        let result = self.sync_locked(&site, allow_deletions);
        let error = result.as_ref().err().map(ToString::to_string);
        if let Err(e) = self
            .store()
            .and_then(|mut s| Ok(s.set_push_error(site.id, error.as_deref())?))
        {
            tracing::warn!("could not record the sync result: {e}");
        }
        result
    }

    fn sync_locked(&self, site: &OpenSite, allow_deletions: bool) -> Result<SyncReport> {
        let repo = SiteRepo::open(&site.root)?;
        let access = self.access(None);
        let strategy = match site.schema.sync.strategy {
            SyncStrategy::Rebase => Strategy::Rebase,
            SyncStrategy::Merge => Strategy::Merge,
        };
        let mut report = SyncReport::default();
        let mut rejected: Option<PublishError> = None;
        for _ in 0..ROUNDS {
            repo.fetch(&access, None)?;
            let done = repo.integrate(strategy, allow_deletions)?;
            if let Some(e) = rejected.take()
                && done.incoming == 0
            {
                // The server refused, and not because it had news: a hook or a protected
                // branch. Trying again would only be refused again.
                return Err(e.into());
            }
            report.fetched += done.incoming;
            report.rebased += done.replayed;
            report.already_there += done.already_there;
            report.changed.extend(done.changed_upstream);
            self.keep_conflicts(site, &repo, done.conflicts, &mut report)?;
            if repo.waiting()? == 0 {
                break;
            }
            match repo.push(&access) {
                Ok(()) => {
                    report.pushed = true;
                    break;
                }
                Err(e @ PublishError::PushRejected { .. }) => rejected = Some(e),
                Err(e) => return Err(e.into()),
            }
        }
        if let Some(e) = rejected {
            return Err(e.into());
        }
        report.changed.sort();
        report.changed.dedup();
        report.reindexed = self.reindex_changed(site, &repo, &report.changed)?;
        report.stale_drafts = self.stale_drafts(site, &repo)?;
        report.waiting = repo.waiting()?;
        Ok(report)
    }

    /// Keeps each conflict in the store with all three versions, and makes this computer's
    /// version an unpublished draft again. A conflict in the generated events feed is not the
    /// editor's to resolve: the feed is regenerated from the merged entries.
    fn keep_conflicts(
        &self,
        site: &OpenSite,
        repo: &SiteRepo,
        conflicts: Vec<FileConflict>,
        report: &mut SyncReport,
    ) -> Result<()> {
        let mut feed_conflict = false;
        for c in conflicts {
            if c.path == site.schema.events.feed {
                feed_conflict = true;
                continue;
            }
            let mut store = self.store()?;
            let id = store.add_conflict(
                site.id,
                &c.path,
                c.base.as_deref(),
                c.mine.as_deref(),
                c.theirs.as_deref(),
                &c.fields,
                c.body,
            )?;
            if !store.reopen_draft(site.id, &c.path)?
                && let Some(mine) = &c.mine
                && let Some(collection) = self.collection_of(site, &c.path)
            {
                let file = EntryFile::parse(&c.path, &String::from_utf8_lossy(mine))?;
                store.create_draft(
                    site.id,
                    &DraftWrite {
                        collection: &collection,
                        path: Some(&c.path),
                        title: &file.title().unwrap_or_default(),
                        doc: &markdown_to_doc(file.body()),
                        fields: &Default::default(),
                        base_blob: None,
                    },
                )?;
            }
            drop(store);
            report.conflicts.push(summary(&row_of(id, c)));
        }
        if feed_conflict && let Some((path, bytes)) = self.feed_refresh(site, repo)? {
            let identity = self.identity()?.ok_or(Error::IdentityMissing)?;
            repo.commit_files(
                &[(path, bytes.as_slice())],
                "Update the events feed",
                &identity,
            )?;
        }
        Ok(())
    }

    /// The collection an entry file belongs to, if any.
    fn collection_of(&self, site: &OpenSite, path: &str) -> Option<String> {
        site.schema
            .collections
            .iter()
            .find(|c| {
                site.schema
                    .folders_of(c)
                    .iter()
                    .any(|(_, folder)| super::entries::is_entry_file(c.layout, folder, path))
            })
            .map(|c| c.id.clone())
    }

    /// Unpublished drafts whose file at HEAD is no longer the one they were started from.
    fn stale_drafts(&self, site: &OpenSite, repo: &SiteRepo) -> Result<Vec<String>> {
        let drafts = self.store()?.unpublished_drafts(site.id)?;
        let mut stale = Vec::new();
        for d in drafts {
            let (Some(path), Some(base)) = (&d.path, &d.base_blob) else {
                continue;
            };
            let now = repo
                .read_at_head(&RepoPath::new(path)?)?
                .map(|(_, id)| id.to_string());
            if now.as_deref() != Some(base.as_str()) {
                stale.push(path.clone());
            }
        }
        stale.sort();
        Ok(stale)
    }

    /// Tries a sync — fetch, rebase, push — then reports the status (never fails on a network
    /// error: that is recorded and shown as the last error).
    pub fn sync_now(&self) -> Result<SyncStatus> {
        if let Err(e) = self.sync() {
            tracing::warn!("sync failed: {e}");
        }
        self.sync_status()
    }

    /// The outbox's clock: the shell calls this every few seconds. When commits wait and the
    /// backoff allows, it syncs; a failure waits longer each time (5 s doubling to 10 min).
    pub fn outbox_tick(&self) -> Result<OutboxStatus> {
        let waiting = SiteRepo::open(&self.site()?.root)?.waiting()?;
        let due = self
            .outbox
            .lock()
            .map_err(|_| super::poisoned())?
            .is_due(now_ms());
        if waiting > 0 && due {
            let ok = self.sync().is_ok();
            let mut backoff = self.outbox.lock().map_err(|_| super::poisoned())?;
            if ok {
                backoff.succeeded();
            } else {
                backoff.failed(now_ms());
            }
        }
        self.outbox_status()
    }

    /// The network is back (the shell saw it): try the outbox at the next tick.
    pub fn network_back(&self) -> Result<()> {
        self.outbox
            .lock()
            .map_err(|_| super::poisoned())?
            .succeeded();
        Ok(())
    }

    pub fn outbox_status(&self) -> Result<OutboxStatus> {
        let site = self.site()?;
        let status = self.sync_status()?;
        let backoff = self.outbox.lock().map_err(|_| super::poisoned())?.clone();
        Ok(OutboxStatus {
            waiting: status.waiting,
            failures: backoff.failures(),
            next_attempt: backoff.next_attempt(),
            last_error: status.last_error,
            conflicts: u32::try_from(self.store()?.open_conflicts(site.id)?.len())
                .unwrap_or(u32::MAX),
        })
    }

    /// The open conflicts of the site, with all three versions.
    pub fn conflicts(&self) -> Result<Vec<EntryConflict>> {
        let site = self.site()?;
        let rows = self.store()?.open_conflicts(site.id)?;
        Ok(rows.iter().map(view).collect())
    }

    /// Resolves a conflict: publishes mine or the edited text over the server's version (one
    /// commit, pushed), or keeps theirs. The conflict's record keeps every version.
    pub fn resolve_conflict(
        &self,
        id: i64,
        resolution: &ConflictResolution,
    ) -> Result<PublishOutcome> {
        let _one_at_a_time = self.publishing.lock().map_err(|_| super::poisoned())?;
        let site = self.site()?;
        let row = self
            .store()?
            .conflict(site.id, id)?
            .ok_or_else(|| Error::NotFound {
                what: format!("conflict {id} (it may be resolved already)"),
            })?;
        let repo = SiteRepo::open(&site.root)?;
        let path = EntryPath::new(&row.path)?;
        let (bytes, how): (Option<Vec<u8>>, &str) = match resolution {
            ConflictResolution::KeepMine => (row.mine.clone(), "mine"),
            ConflictResolution::KeepTheirs => (repo.file_at_head(&path)?.map(|(b, _)| b), "theirs"),
            ConflictResolution::Edited { text } => (Some(text.clone().into_bytes()), "edited"),
        };
        let title = bytes
            .as_deref()
            .and_then(|b| EntryFile::parse(path.as_str(), &String::from_utf8_lossy(b)).ok())
            .and_then(|f| f.title())
            .unwrap_or_else(|| path.to_string());
        if let Some(b) = &bytes
            && let Some(collection) = self.collection_of(&site, path.as_str())
        {
            let collection = site.schema.collection(&collection)?.clone();
            self.refuse_invalid(&repo, &collection, &path, b)?;
        }
        let identity = self.identity()?.ok_or(Error::IdentityMissing)?;
        let change = match &bytes {
            Some(b) => Change::Write(RepoPath::from(&path), b),
            None => Change::Delete(RepoPath::from(&path)),
        };
        let committed = repo.commit_changes(
            &[change],
            &format!("Resolve conflict: {title}"),
            &identity,
            &Target::Head,
        )?;
        let blob = committed
            .blobs
            .first()
            .copied()
            .unwrap_or(git2::Oid::ZERO_SHA1);
        {
            let mut store = self.store()?;
            if let (Some(draft), Some(b)) = (store.draft_by_path(site.id, path.as_str())?, &bytes) {
                let file = EntryFile::parse(path.as_str(), &String::from_utf8_lossy(b))?;
                let doc = markdown_to_doc(file.body());
                // The resolved file carries every field; the draft holds no pending edits.
                let no_edits = crate::content::FieldEdits::default();
                // The draft becomes the resolved text, then is recorded as published. Not an
                // autosave: that could fill the newest autosave point and lose the text typed
                // after the publish from the history (wt-states).
                store.replace_draft_text(
                    site.id,
                    draft.id,
                    &DraftWrite {
                        collection: &draft.collection,
                        path: Some(path.as_str()),
                        title: &title,
                        doc: &doc,
                        fields: &no_edits,
                        base_blob: draft.base_blob.as_deref(),
                    },
                )?;
                store.mark_published(
                    draft.id,
                    &Published {
                        path: path.as_str(),
                        title: &title,
                        doc: &doc,
                        fields: &no_edits,
                        blob: &blob.to_string(),
                        commit: &committed.commit.to_string(),
                        author: &identity.name,
                    },
                )?;
            }
            store.resolve_conflict(id, how)?;
        }
        let push_error = if repo.waiting()? > 0 {
            self.push_and_record(&site, &repo)
        } else {
            None
        };
        let draft_id = self
            .store()?
            .draft_by_path(site.id, path.as_str())?
            .map(|d| d.id);
        Ok(PublishOutcome {
            key: EntryKey {
                draft_id,
                path: Some(path.to_string()),
            },
            commit: committed.commit.to_string(),
            pushed: push_error.is_none(),
            push_error,
            waiting: repo.waiting()?,
        })
    }

    /// Keeps a user name and password (or token) for an HTTPS server in the OS keychain.
    pub fn set_login(&self, login: &ServerLogin) -> Result<()> {
        let server = server_key(&login.url).ok_or_else(|| {
            Error::Validation(
                "Enter the site's https:// address; SSH addresses use your SSH keys instead."
                    .into(),
            )
        })?;
        if login.username.trim().is_empty() || login.username.contains('\n') {
            return Err(Error::Validation(
                "Enter your user name on the server.".into(),
            ));
        }
        if login.password.is_empty() {
            return Err(Error::Validation(
                "Enter your password or access token.".into(),
            ));
        }
        self.credentials
            .set(
                &server,
                &Secret {
                    username: login.username.trim().to_owned(),
                    password: login.password.clone(),
                },
            )
            .map_err(|e| Error::Publish(e.into()))
    }

    /// Removes a server's login from the keychain.
    pub fn forget_login(&self, url: &str) -> Result<()> {
        if let Some(server) = server_key(url) {
            self.credentials
                .delete(&server)
                .map_err(|e| Error::Publish(e.into()))?;
        }
        Ok(())
    }

    /// Trusts an SSH server's key the user accepted (after `unknown_host`): added to the
    /// app's known_hosts. A key that conflicts with one on file is refused.
    pub fn trust_host(&self, key: &HostKeyInfo) -> Result<()> {
        use base64::Engine;
        let blob = base64::engine::general_purpose::STANDARD
            .decode(&key.key)
            .map_err(|_| Error::Validation("The server key is not valid base64.".into()))?;
        let host_key = HostKey::new(&key.host, key.port, &blob);
        if host_key.fingerprint != key.fingerprint {
            return Err(Error::Validation(
                "The key does not match its fingerprint; nothing was trusted.".into(),
            ));
        }
        let access = self.access(None);
        let files: Vec<&Path> = access.known_hosts.iter().map(|p| p.as_path()).collect();
        match ssh::check(&ssh::read_known_hosts(&files), &key.host, key.port, &blob) {
            ssh::HostKeyCheck::Known => Ok(()),
            ssh::HostKeyCheck::Changed => Err(PublishError::HostKeyChanged(host_key).into()),
            ssh::HostKeyCheck::Unknown => ssh::trust(&self.known_hosts_file(), &host_key)
                .map_err(|e| Error::io("add the server's key to", self.known_hosts_file(), e)),
        }
    }

    /// Connects to a server without changing anything: checks the host key and the login.
    pub fn probe_server(&self, url: &str) -> Result<()> {
        Ok(crate::publish::clone::probe(url, &self.access(None))?)
    }

    /// Clones a site from `url` (HTTPS, SSH or a folder) into `dest` and opens it. `progress`
    /// is called as objects arrive; setting `cancel` stops the clone and removes `dest`.
    pub fn clone_site(
        &self,
        url: &str,
        dest: &Path,
        mut progress: impl FnMut(CloneProgress),
        cancel: &AtomicBool,
    ) -> Result<Startup> {
        // wt-welcome: a bad address is refused before any network, in words.
        super::welcome::check_clone_url(url)?;
        // The clone has its own progress (`progress`); the sync bar is not told of it.
        let access = Access {
            moving: None,
            ..self.access(Some(cancel))
        };
        crate::publish::clone::clone(
            url,
            dest,
            &access,
            Some(Box::new(move |t: crate::publish::Transfer| {
                progress(CloneProgress {
                    received_objects: t.received_objects,
                    indexed_objects: t.indexed_objects,
                    total_objects: t.total_objects,
                    received_bytes: t.received_bytes,
                })
            })),
        )
        .map_err(|e| super::welcome::explain_clone_error(e.into(), url))?;
        self.open_site(dest)
    }
}

fn row_of(id: i64, c: FileConflict) -> ConflictRow {
    ConflictRow {
        id,
        path: c.path,
        base: c.base,
        mine: c.mine,
        theirs: c.theirs,
        fields: c.fields,
        body: c.body,
        created_at: now_ms(),
    }
}

fn summary(row: &ConflictRow) -> ConflictSummary {
    let title = [&row.mine, &row.theirs, &row.base]
        .into_iter()
        .flatten()
        .find_map(|b| {
            EntryFile::parse(&row.path, &String::from_utf8_lossy(b))
                .ok()
                .and_then(|f| f.title())
        })
        .unwrap_or_else(|| row.path.clone());
    ConflictSummary {
        id: row.id,
        path: row.path.clone(),
        title,
        fields: row.fields.clone(),
        body: row.body,
    }
}

fn view(row: &ConflictRow) -> EntryConflict {
    let text = |b: &Option<Vec<u8>>| b.as_ref().map(|b| String::from_utf8_lossy(b).into_owned());
    EntryConflict {
        summary: summary(row),
        base: text(&row.base),
        mine: text(&row.mine),
        theirs: text(&row.theirs),
    }
}
