//! `overture.opened.json`: when the locked data was last opened, and the wrong passphrases
//! tried since. Kept outside the encryption on purpose, so the unlock screen can show it
//! before the passphrase is typed ("last opened Tuesday 03:12: was that you?").
//!
//! It holds no answers, only times and a count. Because it is not encrypted, anyone who can
//! use the account can edit or delete it: it is a hint for noticing someone else's use, not
//! proof of it, and deleting it resets the wait between wrong passphrases.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Wrong passphrases allowed before the first wait: typing slips, not guessing.
const FREE_ATTEMPTS: u32 = 3;
/// The first wait, doubled after each further wrong passphrase.
const FIRST_WAIT_SECS: u64 = 5;
/// The longest wait. Longer would mostly lock out the real owner, who may be in a hurry; an
/// attacker who copies the files is not slowed by this at all (see the README).
const MAX_WAIT_SECS: u64 = 60;

/// How long to wait after `failed_attempts` wrong passphrases in a row before the next try is
/// accepted: none for the first three, then 5 s, 10 s, 20 s, 40 s, and 60 s from then on.
///
/// Pure, for the unlock screen's countdown; [`super::Store::unlock`] enforces the same policy.
pub fn unlock_delay(failed_attempts: u32) -> Duration {
    if failed_attempts < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = failed_attempts - FREE_ATTEMPTS;
    let secs = if doublings >= 4 {
        MAX_WAIT_SECS
    } else {
        (FIRST_WAIT_SECS << doublings).min(MAX_WAIT_SECS)
    };
    Duration::from_secs(secs)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OpenedRecord {
    /// The last successful unlock.
    #[serde(default)]
    pub last_opened: Option<Timestamp>,
    /// Wrong passphrases in a row since then.
    #[serde(default)]
    pub failed_attempts: u32,
    /// When the last of those was tried.
    #[serde(default)]
    pub last_failed_at: Option<Timestamp>,
}

impl OpenedRecord {
    /// Reads the record; anything unreadable counts as no record (it holds nothing that must
    /// not be lost, and it is rewritten at the next unlock or wrong passphrase).
    pub fn parse(bytes: &[u8]) -> OpenedRecord {
        serde_json::from_slice(bytes).unwrap_or_default()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// How long from `now` before the next passphrase may be tried. A last failure in the
    /// future (the clock was ahead when it was recorded, or has been moved back since) says
    /// nothing about how long ago it was: it asks for no wait, since counting from it would
    /// refuse the right passphrase until the clock caught up. The next failure is recorded
    /// at the real time again.
    pub fn wait_at(&self, now: Timestamp) -> Duration {
        let delay = unlock_delay(self.failed_attempts);
        let Some(last) = self.last_failed_at else {
            return Duration::ZERO;
        };
        let elapsed = now.duration_since(last);
        if elapsed < SignedDuration::ZERO {
            return Duration::ZERO;
        }
        let elapsed = Duration::try_from(elapsed).unwrap_or(Duration::ZERO);
        delay.saturating_sub(elapsed)
    }

    pub fn record_failure(&mut self, now: Timestamp) {
        self.failed_attempts = self.failed_attempts.saturating_add(1);
        self.last_failed_at = Some(now);
    }

    pub fn record_success(&mut self, now: Timestamp) {
        self.last_opened = Some(now);
        self.failed_attempts = 0;
        self.last_failed_at = None;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_recorded_in_the_future_never_locks_the_right_passphrase_out() {
        let now: Timestamp = "2026-12-04T01:00:00Z".parse().unwrap();
        let mut record = OpenedRecord::default();
        // Three typos while the clock was a day ahead.
        let ahead = now + SignedDuration::from_hours(24);
        for _ in 0..3 {
            record.record_failure(ahead);
        }
        assert_eq!(record.wait_at(now), Duration::ZERO);
        assert_eq!(
            record.wait_at(now + SignedDuration::from_hours(1)),
            Duration::ZERO
        );
        // A failure at the real time counts from then, as the policy says.
        record.record_failure(now);
        assert_eq!(record.wait_at(now), unlock_delay(4));
        // Four failures: 10 seconds, 3 of them gone.
        assert_eq!(
            record.wait_at(now + SignedDuration::from_secs(3)),
            Duration::from_secs(7)
        );
    }

    #[test]
    fn the_policy_is_free_then_doubling_then_capped() {
        let secs: Vec<u64> = (0..12).map(|n| unlock_delay(n).as_secs()).collect();
        assert_eq!(secs, [0, 0, 0, 5, 10, 20, 40, 60, 60, 60, 60, 60]);
        assert_eq!(unlock_delay(u32::MAX), Duration::from_secs(60));
    }

    #[test]
    fn the_wait_counts_down_from_the_last_failure() {
        let t0: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let mut record = OpenedRecord::default();
        for _ in 0..4 {
            record.record_failure(t0);
        }
        assert_eq!(record.wait_at(t0), Duration::from_secs(10));
        let later = t0 + SignedDuration::from_secs(4);
        assert_eq!(record.wait_at(later), Duration::from_secs(6));
        let much_later = t0 + SignedDuration::from_secs(400);
        assert_eq!(record.wait_at(much_later), Duration::ZERO);
        // The clock moved back: the failure's time says nothing about how long ago it was.
        let earlier = t0 - SignedDuration::from_secs(400);
        assert_eq!(record.wait_at(earlier), Duration::ZERO, "clock moved back");
        record.record_success(much_later);
        assert_eq!(record.wait_at(much_later), Duration::ZERO);
        assert_eq!(record.last_opened, Some(much_later));
    }

    #[test]
    fn garbage_reads_as_no_record() {
        assert_eq!(OpenedRecord::parse(b"\x00{"), OpenedRecord::default());
        let record = OpenedRecord {
            last_opened: Some("2026-01-01T00:00:00Z".parse().unwrap()),
            failed_attempts: 2,
            last_failed_at: None,
        };
        assert_eq!(OpenedRecord::parse(&record.to_bytes()), record);
    }
}
