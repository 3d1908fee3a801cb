//! When to try the outbox again: after a failed sync, wait 5 s, then twice as long each time
//! up to 10 minutes; a success (or the network coming back, which the shell reports) starts
//! over. Pure arithmetic on times the caller gives, so the core keeps no timer of its own.

use std::time::Duration;

const FIRST: Duration = Duration::from_secs(5);
const MAX: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backoff {
    failures: u32,
    /// Milliseconds since the epoch before which no attempt is due.
    not_before: i64,
}

impl Backoff {
    pub fn is_due(&self, now_ms: i64) -> bool {
        now_ms >= self.not_before
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// When the next attempt is due (ms since the epoch).
    pub fn next_attempt(&self) -> i64 {
        self.not_before
    }

    pub fn failed(&mut self, now_ms: i64) {
        self.failures = self.failures.saturating_add(1);
        let wait = FIRST
            .saturating_mul(1u32 << (self.failures - 1).min(16))
            .min(MAX);
        self.not_before = now_ms + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
    }

    pub fn succeeded(&mut self) {
        *self = Backoff::default();
    }
}

#[cfg(test)]
mod tests {
    use super::Backoff;

    #[test]
    fn doubles_up_to_ten_minutes_and_resets() {
        let mut b = Backoff::default();
        assert!(b.is_due(0));
        let waits: Vec<i64> = (0..10)
            .map(|_| {
                b.failed(1_000);
                b.next_attempt() - 1_000
            })
            .collect();
        assert_eq!(&waits[..4], &[5_000, 10_000, 20_000, 40_000]);
        assert_eq!(waits[9], 600_000);
        assert!(!b.is_due(1_000 + 599_999));
        b.succeeded();
        assert!(b.is_due(0));
    }
}
