//! The memory budget shared by the import's workers: before decoding, a worker reserves what
//! its image will hold at its peak (the decoder's estimate plus the variants); when the
//! budget is spent, the next worker waits for a running one to finish. So the pixel buffers
//! of a batch never add up to more than the budget, however many cores decode at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct Budget {
    total: u64,
    free: Mutex<u64>,
    freed: Condvar,
}

/// Bytes held until dropped.
pub struct Reservation<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    pub fn new(total: u64) -> Self {
        Budget {
            total,
            free: Mutex::new(total),
            freed: Condvar::new(),
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// Waits until `bytes` are free and takes them; `None` when `cancel` was set while
    /// waiting. Callers refuse images larger than the whole budget before asking.
    pub fn reserve(&self, bytes: u64, cancel: &AtomicBool) -> Option<Reservation<'_>> {
        let bytes = bytes.min(self.total);
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        while *free < bytes {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            free = self
                .freed
                .wait_timeout(free, Duration::from_millis(50))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        *free -= bytes;
        Some(Reservation {
            budget: self,
            bytes,
        })
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        let mut free = self.budget.free.lock().unwrap_or_else(|p| p.into_inner());
        *free += self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_reservation_waits_for_the_first() {
        let budget = Budget::new(100);
        let cancel = AtomicBool::new(false);
        let first = budget.reserve(70, &cancel).unwrap();
        std::thread::scope(|s| {
            let waiter = s.spawn(|| budget.reserve(50, &cancel).map(|r| r.bytes));
            std::thread::sleep(Duration::from_millis(120));
            assert!(!waiter.is_finished());
            drop(first);
            assert_eq!(waiter.join().unwrap(), Some(50));
        });
    }

    #[test]
    fn cancelling_stops_the_wait() {
        let budget = Budget::new(10);
        let cancel = AtomicBool::new(false);
        let _all = budget.reserve(10, &cancel).unwrap();
        cancel.store(true, Ordering::Relaxed);
        assert!(budget.reserve(5, &cancel).is_none());
    }
}
