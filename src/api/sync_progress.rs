//! wt-states: progress of the data a sync moves. Every fetch and push the core makes (Sync
//! now, the outbox's retries, the push after a publish or a resolved conflict) reports its
//! objects and bytes to one listener the client sets — the shell sends them to the window as
//! `desk://sync-progress` — and a final `done` report when the transfer ends, worked or not.
//! The core never waits for the listener: it must return at once.

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Desk;
use crate::publish::Moving;

/// Which way the data goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SyncDirection {
    /// Fetching the server's changes.
    Receiving,
    /// Pushing this computer's publishes.
    Sending,
}

/// How far a transfer has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub direction: SyncDirection,
    /// Objects received or sent so far.
    pub objects: u32,
    /// All objects of the transfer (0 while not known yet).
    pub total: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The transfer ended (worked or failed): the bar goes away.
    pub done: bool,
}

/// At most this often a report of the same direction reaches the listener.
const EVERY: Duration = Duration::from_millis(100);

pub type SyncListener = Box<dyn Fn(SyncProgress) + Send + Sync>;

/// The listener slot shared by the [`Desk`] and the closure its connections report to.
#[derive(Default, Clone)]
pub(super) struct ProgressSlot(Arc<RwLock<Option<SyncListener>>>);

impl ProgressSlot {
    /// The closure every [`crate::publish::Access`] of the Desk reports to. libgit2 reports a
    /// fetch at every packet; the listener hears at most one report per [`EVERY`], plus each
    /// change of direction, each report that reaches its total, and the end.
    pub(super) fn reporter(&self) -> Box<dyn Fn(Moving) + Send + Sync> {
        let slot = self.0.clone();
        let last: Mutex<(SyncDirection, Option<Instant>)> =
            Mutex::new((SyncDirection::Receiving, None));
        Box::new(move |moving| {
            let progress = match moving {
                Moving::Receiving {
                    objects,
                    total,
                    bytes,
                } => progress(SyncDirection::Receiving, objects, total, bytes, false),
                Moving::Sending {
                    objects,
                    total,
                    bytes,
                } => progress(SyncDirection::Sending, objects, total, bytes, false),
                Moving::Finished => {
                    let direction = last.lock().map(|l| l.0).unwrap_or(SyncDirection::Receiving);
                    progress(direction, 0, 0, 0, true)
                }
            };
            let Ok(mut last) = last.lock() else {
                return;
            };
            let now = Instant::now();
            let due = progress.done
                || progress.objects == progress.total
                || last.0 != progress.direction
                || last.1.is_none_or(|at| now.duration_since(at) >= EVERY);
            if !due {
                return;
            }
            *last = (progress.direction, (!progress.done).then_some(now));
            drop(last);
            if let Ok(listener) = slot.read()
                && let Some(tell) = listener.as_ref()
            {
                tell(progress);
            }
        })
    }
}

fn progress(
    direction: SyncDirection,
    objects: u32,
    total: u32,
    bytes: u64,
    done: bool,
) -> SyncProgress {
    SyncProgress {
        direction,
        objects,
        total,
        bytes,
        done,
    }
}

impl Desk {
    /// Sets the one listener told how fetches and pushes move data (replacing any earlier).
    pub fn on_sync_progress(&self, listener: impl Fn(SyncProgress) + Send + Sync + 'static) {
        if let Ok(mut slot) = self.sync_progress.0.write() {
            *slot = Some(Box::new(listener));
        }
    }
}
