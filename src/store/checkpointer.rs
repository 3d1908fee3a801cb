//! Moves the write-ahead log into the database file on a thread of its own, so that no
//! autosave waits for it. SQLite's automatic checkpoint runs inside the commit that crosses
//! the WAL's size limit: one autosave in ~40 (5,000-word article) paid for copying pages and
//! two more fsyncs, which was the autosave's p99. Here the store's connection only reports
//! the WAL's size after each commit (SQLite's WAL hook); past [`NUDGE_FRAMES`] a second
//! connection, owned by the thread, runs a PASSIVE checkpoint (it never blocks the writer).
//! If that thread falls far behind (a reader holding the log, a slow disk), the commit past
//! [`INLINE_FRAMES`] checkpoints itself, as SQLite would have, so the log stays bounded.
//!
//! Durability is unchanged: a commit is durable when its WAL frames are fsync'd (synchronous
//! FULL, on the store's connection); a checkpoint only moves committed pages, and one killed
//! halfway is redone from the log on the next open.

use std::path::Path;
use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::thread::JoinHandle;

use rusqlite::Connection;

/// WAL frames (pages) after which the thread is asked to checkpoint: SQLite's default
/// automatic checkpoint size.
pub(super) const NUDGE_FRAMES: i32 = 1000;
/// WAL frames after which a commit checkpoints by itself.
pub(super) const INLINE_FRAMES: i32 = 8 * NUDGE_FRAMES;

pub(super) struct Checkpointer {
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread with its own connection to `path` and installs the WAL hook on
    /// `conn`. Without a thread (it could not open the file) SQLite's automatic checkpoint
    /// stays in place: slower saves, never an unbounded log.
    pub(super) fn start(conn: &mut Connection, path: &Path) -> Option<Self> {
        let own = match Connection::open(path).and_then(|c| {
            c.busy_timeout(std::time::Duration::from_secs(5))?;
            // The checkpoint's own fsyncs (log before copying, database after) stay on.
            c.pragma_update(None, "synchronous", "FULL")?;
            Ok(c)
        }) {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!("checkpoints stay in the save path: {e}");
                return None;
            }
        };
        // One pending request is enough: a checkpoint copies everything committed before it.
        let (nudge, requests) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("store-checkpoint".into())
            .spawn(move || {
                for () in requests {
                    if let Err(e) = own.execute_batch("PRAGMA wal_checkpoint(PASSIVE)") {
                        tracing::warn!("background checkpoint failed (tried again later): {e}");
                    }
                }
            });
        let thread = match thread {
            Ok(thread) => thread,
            Err(e) => {
                tracing::warn!("checkpoints stay in the save path: {e}");
                return None;
            }
        };
        let hook_nudge = nudge.clone();
        // The log's length when the thread was last asked: it is asked again once the log
        // has grown by NUDGE_FRAMES, not after every commit past it, so that its fsyncs meet
        // an autosave's as rarely as SQLite's own checkpoints did.
        let mut asked_at = 0;
        let hooked = conn.wal_hook(Some(move |wal: &mut rusqlite::hooks::Wal, frames: i32| {
            if frames < asked_at {
                // The log was restarted from its beginning.
                asked_at = 0;
            }
            if frames >= INLINE_FRAMES {
                // A failed checkpoint does not undo the commit that is already durable.
                let _ = wal.checkpoint();
                asked_at = frames;
            } else if frames - asked_at >= NUDGE_FRAMES {
                // Full: a checkpoint is already asked for, and will take these frames too.
                let _: Result<(), TrySendError<()>> = hook_nudge.try_send(());
                asked_at = frames;
            }
            Ok(())
        }));
        if let Err(e) = hooked {
            tracing::warn!("checkpoints stay in the save path: {e}");
            drop(nudge);
            let _ = thread.join();
            return None;
        }
        Some(Checkpointer {
            nudge: Some(nudge),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    /// Ends the thread (after the checkpoint it may be running) and closes its connection.
    /// The WAL hook holds a sender too: the store's connection is closed first (`Store`
    /// declares it before this), or the thread would wait for requests forever.
    fn drop(&mut self) {
        self.nudge.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::content::FieldEdits;
    use crate::markdown::DocNode;
    use crate::store::{DraftWrite, Store};

    #[test]
    fn the_checkpoint_thread_moves_the_log_into_the_database_and_stops_on_close() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.sqlite3");
        let mut store = Store::open(&file).unwrap();
        assert!(store.checkpointer.is_some(), "the checkpoint thread runs");
        let site = store.site_id("/s").unwrap();
        let fields = FieldEdits::new();
        let database_size = || std::fs::metadata(&file).unwrap().len();
        let before = database_size();
        // ~40 KB of new text a save, as an autosave of a 5,000-word article (SQLite writes
        // only the pages of a value that differ): past NUDGE_FRAMES within 80 saves.
        let mut id = None;
        for i in 0..80 {
            let text: String = (0..4000).map(|w| format!("w{} ", w * (i + 1))).collect();
            let doc = DocNode::new("doc").with_content(vec![
                DocNode::new("paragraph").with_content(vec![DocNode::text(&text, vec![])]),
            ]);
            let write = DraftWrite {
                collection: "articles",
                path: Some("content/articles/long.md"),
                title: "Long read",
                doc: &doc,
                fields: &fields,
                base_blob: None,
            };
            id = Some(store.save_draft(site, id, &write).unwrap().0);
        }
        // The saves wrote only the log; the thread copies it into the database file.
        let waited = std::time::Instant::now();
        while database_size() < before + (100 << 10) {
            assert!(
                waited.elapsed() < std::time::Duration::from_secs(20),
                "no checkpoint moved the log into the database ({} bytes)",
                database_size()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let draft = store.draft(site, id.unwrap()).unwrap().unwrap();
        assert_eq!(draft.title, "Long read");
        // Closing joins the thread and leaves a database that opens with the last save.
        drop(store);
        let store = Store::open(&file).unwrap();
        let draft = store.draft(site, id.unwrap()).unwrap().unwrap();
        let json = serde_json::to_string(&draft.doc).unwrap();
        assert!(json.contains("w240 w320 "), "the last save is there");
    }
}
