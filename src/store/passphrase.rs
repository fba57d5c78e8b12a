//! Turning the passphrase lock on, changing it, turning it off, and unlocking.
//!
//! The key file is the commit point of every change, so that a crash at any moment leaves
//! either the old state or the new one:
//!
//! - on: the encrypted data (and backup) are written first, then the key file; only then are
//!   the plain files removed. Before the key file lands the lock is still off, and the
//!   encrypted copies are leftovers, removed at the next open.
//! - off: the plain data (and backup) are written first, then the key file is removed; only
//!   then are the encrypted files removed. Before the key file goes the lock is still on, and
//!   the plain copies are leftovers, removed at the next unlock.
//! - change: a new identity. The key file is rewritten first, under the new passphrase and
//!   holding the new identity and the old one (so every file reads whichever it is encrypted
//!   to); then the data and the backup are encrypted to the new identity; then the key file is
//!   rewritten with the new identity only. An interrupted change is finished at the next
//!   unlock. A new identity rather than the old one under a new passphrase: whoever learnt the
//!   old passphrase and copied the old key file can read nothing saved after the change.

use super::crypt::{self, KeyFileError, Keys};
use super::{
    BACKUP_FILE, DATA_FILE, KEY_FILE, LOG_FILE, Loaded, Lock, MAX_SMALL_FILE_BYTES, OPENED_FILE,
    PassphraseError, Raw, ReadOutcome, SEALED_BACKUP_FILE, SEALED_FILE, SEALED_LOG_FILE,
    SEALED_UNREADABLE_PREFIX, SecretString, Store, StoreError, UnlockError, WORK_FACTOR, encode,
    exists, io_err, move_aside, parse, read_capped, read_sealed_document, seal_checked, sync_dir,
};
use crate::core::record::SavedData;
use age::secrecy::ExposeSecret;
use jiff::Timestamp;
use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

impl Store {
    /// Whether the data is locked with a passphrase on disk (whether or not it is unlocked in
    /// this session).
    pub fn is_locked_at_rest(&self) -> bool {
        !matches!(self.lock, Lock::Off)
    }

    /// Whether the data is locked on disk and still waiting for [`Store::unlock`].
    pub fn needs_passphrase(&self) -> bool {
        matches!(self.lock, Lock::Sealed)
    }

    /// With the lock on: the last successful unlock before this session (as found when the
    /// store was opened; it does not change when this session unlocks). `None` with the lock
    /// off, or if it was never recorded or the record was deleted.
    pub fn last_opened(&self) -> Option<Timestamp> {
        self.previous_open
    }

    /// With the lock on: wrong passphrases in a row since the last unlock.
    pub fn failed_attempts(&self) -> u32 {
        self.opened.failed_attempts
    }

    /// With the lock on: when the last of those wrong passphrases was tried.
    pub fn last_failed_at(&self) -> Option<Timestamp> {
        self.opened.last_failed_at
    }

    /// How long before [`Store::unlock`] accepts the next try (zero: now).
    pub fn unlock_wait(&self) -> Duration {
        self.opened.wait_at(Timestamp::now())
    }

    /// Unlocks data that is locked with a passphrase: one scrypt (about a second), then the
    /// document is decrypted and read. On `Err` nothing is unlocked and no data file changed.
    ///
    /// A wrong passphrase is counted (in `overture.opened.json` too, so restarting does not
    /// reset it) and, after the third in a row, the next try is refused until
    /// [`super::unlock_delay`] has passed ([`UnlockError::TooSoon`], not counted).
    ///
    /// `Ok` is [`Loaded::Data`], [`Loaded::Fresh`] (locked, but no document yet), or
    /// [`Loaded::MovedAside`] when the encrypted document is damaged: it was moved aside
    /// (never overwritten) and its encrypted backup is offered if it reads. Then, saves are
    /// encrypted until the store closes.
    pub fn unlock(&mut self, passphrase: &SecretString) -> Result<Loaded, UnlockError> {
        if !matches!(self.lock, Lock::Sealed) {
            return Err(UnlockError::NotLocked);
        }
        let keys = self.check_passphrase(passphrase)?;
        self.opened.record_success(Timestamp::now());
        self.write_opened();

        let loaded = self.load_sealed(&keys)?;
        self.lock = Lock::Unlocked(keys.clone());

        // Finish what a crash interrupted; whatever fails here is tried again next time.
        if let Loaded::Data(data) = &loaded {
            if keys.len() > 1 {
                let _ = self.finish_rotation(&keys, passphrase, data);
            }
            self.remove_plain_leftovers();
        }
        Ok(loaded)
    }

    /// Turns the lock on (`new` is `Some` and the lock is off), changes the passphrase
    /// (`new` is `Some` and the lock is on), or turns it off (`new` is `None`: the data goes
    /// back to plain `overture.json`). `data` is what the store holds from now on (the
    /// answers in memory). With the lock on, `current` must be the current passphrase (it is
    /// checked and counted like an unlock: one more scrypt).
    ///
    /// Costs: on, one scrypt; change, three; off, one. See [`PassphraseError`] for what a
    /// failure leaves.
    pub fn set_passphrase(
        &mut self,
        data: &SavedData,
        current: Option<&SecretString>,
        new: Option<&SecretString>,
    ) -> Result<(), PassphraseError> {
        self.set_passphrase_with_work_factor(data, current, new, WORK_FACTOR)
    }

    /// [`Store::set_passphrase`] with another scrypt work factor (10 to 20). For tests only:
    /// the crash harness unlocks hundreds of times. Overture itself always uses
    /// [`WORK_FACTOR`].
    #[doc(hidden)]
    pub fn set_passphrase_with_work_factor(
        &mut self,
        data: &SavedData,
        current: Option<&SecretString>,
        new: Option<&SecretString>,
        work_factor: u8,
    ) -> Result<(), PassphraseError> {
        // Spaces alone are no lock either (and could not be seen to be typed right).
        if new.is_some_and(|p| p.expose_secret().trim().is_empty()) {
            return Err(PassphraseError::Empty);
        }
        if let Some(word) = new.and_then(|p| command_word(p.expose_secret())) {
            return Err(PassphraseError::CommandWord(word));
        }
        let keys = match &self.lock {
            Lock::Sealed => return Err(PassphraseError::NotUnlocked),
            Lock::Off => None,
            Lock::Unlocked(_) => {
                let Some(current) = current else {
                    return Err(PassphraseError::CurrentRequired);
                };
                Some(
                    self.check_passphrase(current)
                        .map_err(PassphraseError::Current)?,
                )
            }
        };
        let plain = encode(data).map_err(|problem| {
            PassphraseError::Store(StoreError::Encode {
                path: self.data_path(),
                problem,
            })
        })?;
        // A delete whose save failed is finished first: the documents written below keep
        // the one before as their backup, which must not hold what was deleted.
        if self.scrub_pending {
            match self.save_scrubbed(data) {
                Ok(()) | Err(StoreError::NotFlushed { .. }) => {}
                Err(e) => return Err(PassphraseError::Store(e)),
            }
        }
        if keys.is_some() || new.is_some() {
            // The saves in the log go into one whole document first, under the lock as it
            // is, so that no log is left that the documents written below do not hold.
            if self.has_log() {
                match self.save_whole(data) {
                    Ok(()) | Err(StoreError::NotFlushed { .. }) => {}
                    Err(e) => return Err(PassphraseError::Store(e)),
                }
            }
            // The whole document is written below: the next save starts a new log.
            self.forget_log();
        }
        match (keys, new) {
            (None, None) => Ok(()),
            (None, Some(new)) => self.lock_on(&plain, new, work_factor),
            (Some(keys), Some(new)) => self.change(&keys, data, new, work_factor),
            (Some(keys), None) => self.lock_off(&keys, &plain),
        }
    }

    fn lock_on(
        &mut self,
        plain: &[u8],
        passphrase: &SecretString,
        work_factor: u8,
    ) -> Result<(), PassphraseError> {
        self.wake().map_err(PassphraseError::Store)?;
        // No answer stays in plain text once the lock is on: the glance goes first (if it
        // will not go, removing the plain files below says so).
        let _ = self.remove_glance();
        let keys = Keys::generate();
        let key_file = crypt::seal_key_file(&keys, passphrase, work_factor).map_err(|problem| {
            PassphraseError::Store(StoreError::Encode {
                path: self.key_path(),
                problem,
            })
        })?;
        // A locked log from an interrupted earlier try belongs to no base written here.
        discard_all(&self.dir, &[SEALED_LOG_FILE, super::SEALED_FOLDED_LOG_FILE]);
        let staged = self
            .stage_sealed(&keys, plain)
            .and_then(|()| self.replace(KEY_FILE, &key_file));
        match staged {
            Ok(()) => {}
            Err(e @ StoreError::NotFlushed { .. }) => {
                // The key file is in place: the lock is on.
                self.locked_with(keys, work_factor);
                self.remove_plain_files()?;
                return Err(PassphraseError::Unfinished(e));
            }
            Err(e) => {
                discard_all(&self.dir, &[SEALED_FILE, SEALED_BACKUP_FILE]);
                return Err(PassphraseError::Store(e));
            }
        }
        self.locked_with(keys, work_factor);
        self.remove_plain_files()
    }

    /// Writes the encrypted data, and the encrypted backup if there is a plain one that reads.
    fn stage_sealed(&mut self, keys: &Keys, plain: &[u8]) -> Result<(), StoreError> {
        let sealed = seal_checked(keys, plain, &self.dir.join(SEALED_FILE))?;
        self.replace(SEALED_FILE, &sealed)?;
        match read_capped(&self.dir.join(BACKUP_FILE), super::MAX_DATA_BYTES) {
            Raw::Bytes(bytes) if parse(&bytes).is_ok() => {
                let bytes = zeroize::Zeroizing::new(bytes);
                let sealed = seal_checked(keys, &bytes, &self.dir.join(SEALED_BACKUP_FILE))?;
                self.replace(SEALED_BACKUP_FILE, &sealed)
            }
            _ => {
                // A stray encrypted backup (of an interrupted earlier try) is not ours to keep.
                discard_all(&self.dir, &[SEALED_BACKUP_FILE]);
                Ok(())
            }
        }
    }

    fn locked_with(&mut self, keys: Keys, work_factor: u8) {
        self.lock = Lock::Unlocked(keys);
        self.work_factor = work_factor;
        self.opened.record_success(Timestamp::now());
        self.write_opened();
    }

    /// Removes the plain-text data and backup (with the lock on, they are leftovers).
    fn remove_plain_files(&mut self) -> Result<(), PassphraseError> {
        let mut left = None;
        let mut removed = false;
        for name in [
            DATA_FILE,
            BACKUP_FILE,
            LOG_FILE,
            super::FOLDED_LOG_FILE,
            super::GLANCE_FILE,
        ] {
            let path = self.dir.join(name);
            match fs::remove_file(&path) {
                Ok(()) => removed = true,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => left = left.or(Some((path, source))),
            }
        }
        if removed {
            let _ = sync_dir(&self.dir);
        }
        match left {
            None => Ok(()),
            Some((path, source)) => Err(PassphraseError::PlainCopyLeft { path, source }),
        }
    }

    fn remove_plain_leftovers(&mut self) {
        let _ = self.remove_plain_files();
    }

    fn lock_off(&mut self, keys: &Keys, plain: &[u8]) -> Result<(), PassphraseError> {
        let staged = self.stage_plain(keys, plain);
        let committed = staged.and_then(|()| {
            let key = self.key_path();
            fs::remove_file(&key).map_err(io_err(&key))
        });
        if let Err(e) = committed {
            // Still locked: no plain copy may stay behind.
            let _ = self.remove_plain_files();
            return Err(PassphraseError::Store(e));
        }
        self.lock = Lock::Off;
        self.previous_open = None;
        self.opened = super::OpenedRecord::default();
        let flushed = sync_dir(&self.dir);
        discard_all(&self.dir, &SEALED_LEFTOVERS);
        let _ = sync_dir(&self.dir);
        flushed.map_err(|source| {
            PassphraseError::Unfinished(StoreError::NotFlushed {
                path: self.key_path(),
                source,
            })
        })
    }

    /// Writes the plain data, and the plain backup if the encrypted one decrypts.
    fn stage_plain(&mut self, keys: &Keys, plain: &[u8]) -> Result<(), StoreError> {
        // A plain log left from before the lock belongs to no base written here.
        discard_all(&self.dir, &[LOG_FILE, super::FOLDED_LOG_FILE]);
        self.replace(DATA_FILE, plain)?;
        match read_capped(&self.dir.join(SEALED_BACKUP_FILE), super::MAX_SEALED_BYTES) {
            Raw::Bytes(bytes) => match crypt::unseal(keys, &bytes) {
                Ok(backup) if parse(&backup).is_ok() => self.replace(BACKUP_FILE, &backup),
                _ => {
                    discard_all(&self.dir, &[BACKUP_FILE]);
                    Ok(())
                }
            },
            _ => {
                discard_all(&self.dir, &[BACKUP_FILE]);
                Ok(())
            }
        }
    }

    fn change(
        &mut self,
        old: &Keys,
        data: &SavedData,
        passphrase: &SecretString,
        work_factor: u8,
    ) -> Result<(), PassphraseError> {
        let new = Keys::generate();
        let both = old.rotated_to(&new);
        let key_file = crypt::seal_key_file(&both, passphrase, work_factor).map_err(|problem| {
            PassphraseError::Store(StoreError::Encode {
                path: self.key_path(),
                problem,
            })
        })?;
        match self.replace(KEY_FILE, &key_file) {
            Ok(()) | Err(StoreError::NotFlushed { .. }) => {}
            Err(e) => return Err(PassphraseError::Store(e)),
        }
        // The new passphrase is in force from here on.
        self.lock = Lock::Unlocked(both.clone());
        self.work_factor = work_factor;
        self.finish_rotation(&both, passphrase, data)
            .map_err(PassphraseError::Unfinished)
    }

    /// Encrypts the data and the backup to the current identity of `keys`, then rewrites the
    /// key file with that identity only.
    fn finish_rotation(
        &mut self,
        keys: &Keys,
        passphrase: &SecretString,
        data: &SavedData,
    ) -> Result<(), StoreError> {
        if self.has_log() {
            // The log goes into one document first (see `set_passphrase_with_work_factor`).
            match self.save_whole(data) {
                Ok(()) | Err(StoreError::NotFlushed { .. }) => {}
                Err(e) => return Err(e),
            }
            self.forget_log();
        }
        let current = keys.current_only();
        let target = self.dir.join(SEALED_FILE);
        let plain = encode(data).map_err(|problem| StoreError::Encode {
            path: target.clone(),
            problem,
        })?;
        let sealed = seal_checked(&current, &plain, &target)?;
        self.replace(SEALED_FILE, &sealed)?;
        // Every save in the log is in the document just written, and the next save starts a
        // log for that document.
        discard_all(&self.dir, &[SEALED_LOG_FILE, super::SEALED_FOLDED_LOG_FILE]);
        self.forget_log();
        let backup_path = self.dir.join(SEALED_BACKUP_FILE);
        if let Raw::Bytes(bytes) = read_capped(&backup_path, super::MAX_SEALED_BYTES) {
            // A backup that does not decrypt is left as it is: the next save replaces it.
            if let Ok(backup) = crypt::unseal(keys, &bytes) {
                let sealed = seal_checked(&current, &backup, &backup_path)?;
                self.replace(SEALED_BACKUP_FILE, &sealed)?;
            }
        }
        let key_file =
            crypt::seal_key_file(&current, passphrase, self.work_factor).map_err(|problem| {
                StoreError::Encode {
                    path: self.key_path(),
                    problem,
                }
            })?;
        self.replace(KEY_FILE, &key_file)?;
        self.lock = Lock::Unlocked(current);
        Ok(())
    }

    /// Checks `passphrase` against the key file, enforcing and counting the wait between wrong
    /// ones.
    fn check_passphrase(&mut self, passphrase: &SecretString) -> Result<Keys, UnlockError> {
        let now = Timestamp::now();
        let wait = self.opened.wait_at(now);
        if !wait.is_zero() {
            return Err(UnlockError::TooSoon { wait });
        }
        let path = self.key_path();
        let key_file_problem = |problem: String| UnlockError::KeyFile {
            path: path.clone(),
            problem,
        };
        let bytes = match read_capped(&path, MAX_SMALL_FILE_BYTES) {
            Raw::Bytes(bytes) => bytes,
            Raw::Missing => return Err(key_file_problem("it is missing".to_string())),
            Raw::Bad(problem) => return Err(key_file_problem(problem)),
            Raw::Failed(source) => return Err(UnlockError::Store(StoreError::Io { path, source })),
        };
        match crypt::open_key_file(&bytes, passphrase) {
            Ok(keys) => {
                self.work_factor = work_factor_of(&bytes).unwrap_or(WORK_FACTOR);
                Ok(keys)
            }
            Err(KeyFileError::WrongPassphrase) => {
                self.opened.record_failure(now);
                self.write_opened();
                Err(UnlockError::WrongPassphrase {
                    failed_attempts: self.opened.failed_attempts,
                    wait: super::unlock_delay(self.opened.failed_attempts),
                })
            }
            Err(KeyFileError::Damaged(problem)) => Err(key_file_problem(problem)),
        }
    }

    fn load_sealed(&mut self, keys: &Keys) -> Result<Loaded, StoreError> {
        let path = self.dir.join(SEALED_FILE);
        match read_sealed_document(&path, keys) {
            ReadOutcome::Missing => {
                self.set_aside_orphan_log()?;
                Ok(Loaded::Fresh)
            }
            ReadOutcome::Good(data, base) => self.attach_log(data, base, Some(keys)),
            ReadOutcome::Failed(source) => Err(StoreError::Io { path, source }),
            ReadOutcome::TooNew(problem) => Err(StoreError::TooNew { path, problem }),
            ReadOutcome::Bad(detail) => {
                let problem = format!("{}: {detail}", path.display());
                let backup_path = self.dir.join(SEALED_BACKUP_FILE);
                let backup_outcome = read_sealed_document(&backup_path, keys);
                if let ReadOutcome::TooNew(problem) = backup_outcome {
                    return Err(StoreError::TooNew {
                        path: backup_path,
                        problem,
                    });
                }
                let moved_to = move_aside(&self.dir, &path, SEALED_UNREADABLE_PREFIX)?;
                let backup_outcome = self.backup_with_log(backup_outcome, Some(keys))?;
                let (backup, backup_moved_to) = super::document::settle_backup(
                    &self.dir,
                    &backup_path,
                    backup_outcome,
                    SEALED_UNREADABLE_PREFIX,
                )?;
                Ok(Loaded::MovedAside {
                    moved_to,
                    problem,
                    backup,
                    backup_moved_to,
                })
            }
        }
    }

    /// Best effort: the record is a hint, and failing to write it must not stop an unlock.
    /// Renamed into place like every file here, but not flushed: a crash may lose the last
    /// update (an unreadable record reads as none), which costs less than two fsyncs at every
    /// unlock and wrong passphrase.
    fn write_opened(&mut self) {
        let bytes = self.opened.to_bytes();
        let temp = self.next_temp_path();
        let written = super::private_options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut file| io::Write::write_all(&mut file, &bytes));
        if written
            .and_then(|()| fs::rename(&temp, self.dir.join(OPENED_FILE)))
            .is_err()
        {
            super::discard(&temp);
        }
    }

    /// With the lock off: encrypted files are leftovers of an interrupted change. Beside a
    /// plain `overture.json` they are removed (nothing can decrypt them: their key is gone).
    /// Without one, the encrypted data is all there is, and its key file is missing: it is
    /// moved aside and reported, never deleted, since a copy of the key may exist elsewhere.
    pub(super) fn clear_sealed_leftovers(&mut self) -> Result<Option<Loaded>, StoreError> {
        let sealed = self.dir.join(SEALED_FILE);
        let plain = self.dir.join(DATA_FILE);
        let plain_exists = exists(&plain).map_err(io_err(&plain))?;
        let sealed_exists = exists(&sealed).map_err(io_err(&sealed))?;
        if plain_exists || !sealed_exists {
            discard_all(&self.dir, &SEALED_LEFTOVERS);
            return Ok(None);
        }
        let problem = format!(
            "{}: the key file {KEY_FILE} that decrypts it is missing, so it cannot be read",
            sealed.display()
        );
        let moved_to = move_aside(&self.dir, &sealed, SEALED_UNREADABLE_PREFIX)?;
        Ok(Some(Loaded::MovedAside {
            moved_to,
            problem,
            backup: None,
            backup_moved_to: None,
        }))
    }
}

/// Every file of the lock but the key: leftovers once the lock is off.
const SEALED_LEFTOVERS: [&str; 5] = [
    SEALED_FILE,
    SEALED_BACKUP_FILE,
    SEALED_LOG_FILE,
    super::SEALED_FOLDED_LOG_FILE,
    OPENED_FILE,
];

/// The words plain mode's passphrase prompt reads as commands, whatever else was meant.
const COMMAND_WORDS: [&str; 3] = ["help", "quit", "resources"];

/// The command word a passphrase would be read as at plain mode's prompt, if any.
fn command_word(passphrase: &str) -> Option<&'static str> {
    COMMAND_WORDS.into_iter().find(|w| passphrase.trim() == *w)
}

/// Passphrases shorter than this get [`passphrase_advice`].
pub const ADVISED_PASSPHRASE_CHARS: usize = 12;

/// Advice to show before turning the lock on or changing it, or `None`. Only advice: the
/// choice stays the user's, since a passphrase they cannot remember loses everything.
/// Empty (or all-space) passphrases are refused by [`Store::set_passphrase`] itself.
pub fn passphrase_advice(passphrase: &SecretString) -> Option<&'static str> {
    let text = passphrase.expose_secret();
    if text.trim().is_empty() {
        return Some("A passphrase cannot be empty.");
    }
    if text.chars().count() < ADVISED_PASSPHRASE_CHARS {
        return Some(
            "This passphrase is short. Someone with a copy of your files could try guesses on \
             their own computer; several unrelated words are much harder to guess.",
        );
    }
    if text != text.trim() {
        return Some(
            "This passphrase starts or ends with a space. It must be typed exactly so, every time.",
        );
    }
    None
}

/// The scrypt work factor written in a key file's header (`-> scrypt <salt> <log_n>`).
fn work_factor_of(key_file: &[u8]) -> Option<u8> {
    let header = key_file.get(..key_file.len().min(512))?;
    let at = header.windows(10).position(|w| w == b"-> scrypt ")?;
    let line = header.get(at..)?.split(|&b| b == b'\n').next()?;
    let last = line.rsplit(|&b| b == b' ').next()?;
    let n: u8 = std::str::from_utf8(last).ok()?.parse().ok()?;
    (crypt::MIN_WORK_FACTOR..=crypt::MAX_WORK_FACTOR)
        .contains(&n)
        .then_some(n)
}

/// Best-effort removal of these files of `dir`, then a directory flush.
fn discard_all(dir: &Path, names: &[&str]) {
    for name in names {
        let _ = fs::remove_file(dir.join(name));
    }
    let _ = sync_dir(dir);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn advice_for_empty_short_and_padded_passphrases() {
        let advice = |p: &str| passphrase_advice(&SecretString::from(p.to_string()));
        assert!(advice("").unwrap().contains("empty"));
        assert!(advice("   ").unwrap().contains("empty"));
        assert!(advice("hunter2").unwrap().contains("short"));
        assert!(advice(" river lamp cobalt ").unwrap().contains("space"));
        assert_eq!(advice("river lamp cobalt"), None);
        assert_eq!(
            advice("éééééééééééé"),
            None,
            "counted in characters, not bytes"
        );
    }

    #[test]
    fn the_work_factor_is_read_from_the_header() {
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> scrypt c2FsdA 18\nbody"),
            Some(18)
        );
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> scrypt c2FsdA 63\n"),
            None
        );
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> X25519 abc\n"),
            None
        );
    }
}
