//! Storage: the one JSON document (`overture.json`) in a private directory.
//!
//! What this module promises:
//!
//! - The directory is owner-only (0700) and every file Overture keeps in it is owner-only
//!   (0600). Files are created with that mode; looser ones found at `open` are tightened.
//! - One Overture at a time per directory: `overture.lock` is held (`File::try_lock`) for the
//!   life of the [`Store`]. A second `open` gets [`StoreError::Locked`] and writes nothing.
//! - A save never leaves a half-written `overture.json`: the new document goes to a temp file
//!   that is flushed to disk, the previous document is kept as `overture.json.bak`, and only
//!   then is the temp file renamed over `overture.json`. At every instant `overture.json` is
//!   either the complete old document or the complete new one. A save that fails leaves it
//!   byte-identical and says so.
//! - A data file that cannot be read is never overwritten or deleted: it is moved aside to
//!   `overture.json.unreadable-<unix seconds>` and the caller is told what was wrong with it
//!   and offered the backup, if the backup reads.
//! - Nothing is ever printed, and error messages never quote more than a short, escaped
//!   fragment of the file.
//!
//! The optional passphrase lock (see `docs/FORMAT.md`):
//!
//! - With the lock on, the document is `overture.json.age` (and its backup
//!   `overture.json.age.bak`), encrypted with age to an X25519 identity that is kept in
//!   `overture.key.age`, itself encrypted to the passphrase (age's scrypt). No answer is ever
//!   written in plain text while the lock is on: not the data, not the backup, not a temp file.
//! - The key file decides: it exists exactly when the lock is on. Turning the lock on writes
//!   the encrypted copies first and the key file last; turning it off writes the plain copies
//!   first and removes the key file before anything else. A crash in between leaves the old
//!   state (the leftovers are cleared at the next open or unlock), never a mix.
//! - Unlocking costs one scrypt (about a second); every save after that is a fast X25519
//!   encryption, checked to decrypt back to the same bytes before it is written.
//! - `overture.opened.json`, outside the encryption, records the last unlock and the wrong
//!   passphrases since, for the unlock screen and the growing wait between wrong passphrases.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::dbg_macro
)]

mod wipe;
pub use wipe::*;

mod atomic;
mod crypt;
mod document;
mod glance;
pub use glance::GLANCE_FILE;
#[doc(hidden)]
/// Fuzzing entry points: not in the release binary.
#[cfg(feature = "test-support")]
pub mod fuzzing;
mod lockfile;
mod log;
mod opened;
mod passphrase;
mod private;

pub use age::secrecy::SecretString;
pub use crypt::WORK_FACTOR;
pub use log::{
    FOLDED_LOG_FILE, LOG_FILE, LOG_MIN_BYTES, LOG_UNREADABLE_PREFIX, SEALED_FOLDED_LOG_FILE,
    SEALED_LOG_FILE, SEALED_LOG_UNREADABLE_PREFIX,
};
pub use opened::unlock_delay;
pub use passphrase::{ADVISED_PASSPHRASE_CHARS, passphrase_advice};

use crate::core::glance::Glance;
use crate::core::record::SavedData;
use atomic::{discard, move_aside, sync_dir};
use crypt::Keys;
use document::{
    Raw, ReadOutcome, encode, exists, parse, read_capped, read_sealed_document, sanitize,
    seal_checked,
};
use jiff::Timestamp;
pub(crate) use lockfile::{HeldLock, take_lock};
use opened::OpenedRecord;
pub(crate) use private::is_kept_file;
use private::{
    check_usable, create_private_dir, holds_overture_files, make_dir_private, private_options,
    resolve_dir,
};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The saved document.
pub const DATA_FILE: &str = "overture.json";
/// The previous good document, kept by every save.
pub const BACKUP_FILE: &str = "overture.json.bak";
/// Held locked while a [`Store`] is open.
pub const LOCK_FILE: &str = "overture.lock";
/// Temp files are `overture.json.tmp-<pid>-<n>` (and `…-<n>.bak` while keeping the backup),
/// `<n>` counting this `Store`'s saves from 0.
pub const TEMP_PREFIX: &str = "overture.json.tmp-";
/// Unreadable data files are moved aside to `overture.json.unreadable-<unix seconds>[-<k>]`.
pub const UNREADABLE_PREFIX: &str = "overture.json.unreadable-";
/// With the lock on: the document, encrypted (age, to the identity in [`KEY_FILE`]).
pub const SEALED_FILE: &str = "overture.json.age";
/// With the lock on: the previous good document, encrypted like [`SEALED_FILE`].
pub const SEALED_BACKUP_FILE: &str = "overture.json.age.bak";
/// With the lock on: the age identity, encrypted to the passphrase (age scrypt). It exists
/// exactly when the lock is on.
pub const KEY_FILE: &str = "overture.key.age";
/// With the lock on: when it was last unlocked and the wrong passphrases since (not
/// encrypted; holds no answers).
pub const OPENED_FILE: &str = "overture.opened.json";
/// Unreadable encrypted data files are moved aside to
/// `overture.json.age.unreadable-<unix seconds>[-<k>]`.
pub const SEALED_UNREADABLE_PREFIX: &str = "overture.json.age.unreadable-";
/// The most this reads of a data file. Anything bigger is not Overture's and is moved aside.
pub const MAX_DATA_BYTES: u64 = 64 * 1024 * 1024;
/// The most this reads of an encrypted data file: [`MAX_DATA_BYTES`] of plain text plus age's
/// 16 bytes per 64 KiB chunk and its header.
const MAX_SEALED_BYTES: u64 = MAX_DATA_BYTES + MAX_DATA_BYTES / 4096 + 64 * 1024;
/// The most this reads of a key file or of [`OPENED_FILE`] (both are a few hundred bytes).
const MAX_SMALL_FILE_BYTES: u64 = 64 * 1024;

/// The open data directory. Holds the lock until dropped.
// Each flag is one independent state of the open folder; an enum would only rename them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// Never read: holding the open, locked file is the lock. Dropping it releases the lock.
    /// `None` while the folder holds nothing of Overture's: then nothing is created on disk
    /// (not the folder, not the lock file) until the first save.
    held: Option<HeldLock>,
    /// The folder as it was given (`dir` is where it really is, when a link leads there).
    given: PathBuf,
    /// Whether this store made `overture.lock` (rather than found it there).
    made_lock_file: bool,
    /// The `<n>` of the next temp file name.
    next_temp: u64,
    lock: Lock,
    /// With the lock on: the last unlock and the wrong passphrases since, kept up to date.
    opened: OpenedRecord,
    /// With the lock on: the last unlock before this session, as found at open.
    previous_open: Option<Timestamp>,
    /// With the lock on: the scrypt work factor the key file was written with.
    work_factor: u8,
    /// The base document on disk and its log (`None`: not known, so the next save writes the
    /// whole document).
    log: Option<log::LogState>,
    /// The stamp of the document this store last saved or loaded (0: none).
    stamp: u64,
    /// A delete's scrubbed save has not succeeded yet: every save is scrubbed until one does,
    /// so a failed one cannot leave the deleted text in the document or its backup.
    scrub_pending: bool,
    /// Opened at home from the glance ([`Store::open_at_home`]): the document is not read
    /// yet, and nothing is written until it is ([`Store::read_the_rest`]).
    deferred: bool,
    /// Opened by [`Store::open_at_home`]: every save also saves the home screen's glance.
    /// (Removing it, for a delete or the lock, is done by every store.)
    keeps_glance: bool,
}

/// What a whole save leaves as the backup.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Backup {
    /// The document it replaces: a save that turns out bad can be undone from it.
    Previous,
    /// The same as the new document: a delete, which must not survive in the backup.
    SameAsDocument,
}

/// The passphrase lock, as this `Store` holds it.
#[derive(Debug)]
enum Lock {
    /// No lock: `overture.json` in plain text.
    Off,
    /// Locked at rest and not unlocked yet: nothing can be read or saved.
    Sealed,
    /// Locked at rest and unlocked: saves are encrypted with these keys.
    Unlocked(Keys),
}

/// What `open` found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing saved yet.
    Fresh,
    Data(SavedData),
    /// The data file could not be read. It was moved aside (never overwritten, never deleted).
    MovedAside {
        /// Where the unreadable file is now.
        moved_to: PathBuf,
        /// What was wrong, naming the file: e.g. "…/overture.json: expected value at line 3 column 5".
        problem: String,
        /// `overture.json.bak`, if it reads (it is left in place then).
        backup: Option<SavedData>,
        /// Where a backup that was there but did not read either was moved aside to, so
        /// that the next saves cannot replace it.
        backup_moved_to: Option<PathBuf>,
    },
}

/// What [`Store::open_any`] found.
#[derive(Debug, Clone, PartialEq)]
// Returned once, at start-up: boxing the document would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    /// No passphrase lock: the data as [`Store::open`] gives it.
    Ready(Loaded),
    /// The data is locked with a passphrase: call [`Store::unlock`]. Nothing was read or
    /// changed yet, and nothing can be saved until it is unlocked.
    NeedsPassphrase {
        /// The last successful unlock, to show on the unlock screen so that the user can
        /// notice someone else's use. `None` if never recorded (or the record was deleted).
        last_opened: Option<Timestamp>,
        /// Wrong passphrases tried since that unlock.
        failed_attempts: u32,
    },
}

/// What [`Store::open_at_home`] found.
#[derive(Debug)]
// Returned once, at start-up: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum AtHome {
    /// The glance of the saved answers, and only that: the rest is read by
    /// [`Store::read_the_rest`].
    Glance(Glance),
    /// What [`Store::open_any`] finds.
    Opened(Opened),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another Overture has this directory open.
    #[error("{dir} is in use by another Overture (it holds {LOCK_FILE}); close that one first")]
    Locked { dir: PathBuf },
    /// The data is locked with a passphrase and has not been unlocked: nothing was read or
    /// written. (From [`Store::open`], which does not unlock: use [`Store::open_any`].)
    #[error("{path}: your answers are locked with a passphrase and have not been unlocked")]
    NeedsPassphrase { path: PathBuf },
    /// Reading, writing, renaming or creating `path` failed.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    /// `path` could not be made owner-only, so Overture will not use it.
    #[error("{path}: could not make it private to you (owner-only access): {source}")]
    NotPrivate { path: PathBuf, source: io::Error },
    /// One of Overture's own files is a symbolic link. Overture never follows links for its
    /// own files (a save would replace the link, a wipe could not reach what it points to),
    /// so it reads and changes nothing.
    #[error(
        "{path} is a symbolic link; Overture does not follow links for its own files, so it read and changed nothing. Move the link out of the folder (keep what it points to if it holds your answers), then start again"
    )]
    Link { path: PathBuf },
    /// The saved answers were written by a newer Overture. Nothing was read, moved or
    /// changed: opening them with this one would split the history in two.
    #[error("{path}: {problem}. Nothing was changed: open it with that newer version of Overture")]
    TooNew { path: PathBuf, problem: String },
    /// Another Overture saved in this folder after this one started with nothing saved, so
    /// this one saved nothing, rather than replace those answers.
    #[error(
        "{dir}: another Overture saved answers here after this one started, so this session's answers were not saved over them"
    )]
    SavedElsewhere { dir: PathBuf },
    /// The answers could not be turned into a document that reads back the same. Nothing was
    /// written.
    #[error("{path}: not saved, the answers could not be written as a document: {problem}")]
    Encode { path: PathBuf, problem: String },
    /// The new document is in place at `path`, but the system could not confirm that the
    /// change reached the disk; a crash now could bring back the previous save.
    #[error("{path}: written, but the system could not confirm it reached the disk: {source}")]
    NotFlushed { path: PathBuf, source: io::Error },
    /// Only the home screen's glance was read ([`Store::open_at_home`]): nothing is written
    /// until the rest is ([`Store::read_the_rest`]), so that a save can never replace years
    /// of answers with the few the glance holds.
    #[error("{path}: not saved, because your saved answers have not all been read yet")]
    NotRead { path: PathBuf },
}

/// Why [`Store::unlock`] (or the passphrase check of [`Store::set_passphrase`]) did not
/// unlock. In every case nothing was unlocked and no data file was changed.
#[derive(Debug, thiserror::Error)]
pub enum UnlockError {
    /// The passphrase did not open the key file. It was counted: `failed_attempts` wrong
    /// ones in a row now, and `wait` before the next try is accepted ([`unlock_delay`]).
    #[error("that passphrase does not open it{}", retry_hint(*.wait))]
    WrongPassphrase {
        failed_attempts: u32,
        wait: Duration,
    },
    /// Tried before the wait after wrong passphrases was over: the passphrase was not tried
    /// and not counted. `wait` is what is left of it.
    #[error(
        "too soon after a wrong passphrase; try again in {} seconds",
        .wait.as_secs().max(1)
    )]
    TooSoon { wait: Duration },
    /// There is nothing to unlock: the lock is off, or already unlocked.
    #[error("there is nothing locked to open")]
    NotLocked,
    /// The key file cannot be used (damaged, replaced, missing): `problem` says why. It is
    /// never moved or changed, since without it the data cannot be read at all.
    #[error("{path}: the key that opens your answers cannot be used: {problem}")]
    KeyFile { path: PathBuf, problem: String },
    /// Reading or writing a file failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// The end of the wrong-passphrase message: nothing if the next try is accepted at once.
fn retry_hint(wait: Duration) -> String {
    if wait.is_zero() {
        String::new()
    } else {
        format!("; try again in {} seconds", wait.as_secs())
    }
}

/// Why [`Store::set_passphrase`] did not (fully) do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    /// An empty passphrase is no lock. Nothing changed.
    #[error("the passphrase is empty")]
    Empty,
    /// The passphrase is one of the words plain mode's prompts read as commands (`help`,
    /// `quit`, `resources`), so it could never be typed to unlock there. Nothing changed.
    #[error(
        "\"{0}\" is a word Overture's prompts treat as a command, so it could not be typed as a passphrase there; choose another"
    )]
    CommandWord(&'static str),
    /// Locked at rest but not unlocked yet: unlock first. Nothing changed.
    #[error("unlock your answers first")]
    NotUnlocked,
    /// The lock is on: changing it or turning it off takes the current passphrase, and none
    /// was given. Nothing changed.
    #[error("the current passphrase is needed to change the lock")]
    CurrentRequired,
    /// The current passphrase did not open the key file (counted like a wrong unlock), or
    /// was tried too soon. Nothing changed.
    #[error("current passphrase: {0}")]
    Current(#[source] UnlockError),
    /// A write failed before the change took effect: everything is as before the call
    /// (the lock, the passphrase, the files).
    #[error("nothing was changed: {0}")]
    Store(#[source] StoreError),
    /// The change took effect (the new lock, passphrase or plain file is what counts now), but
    /// a later step failed: with the lock on, some files are still encrypted to the previous
    /// key, and the next unlock finishes the job; with the lock off, encrypted leftovers are
    /// removed at the next open.
    #[error(
        "the change is in force, but not every file was rewritten yet (the next unlock finishes it): {0}"
    )]
    Unfinished(#[source] StoreError),
    /// The lock is on, but the plain-text file at `path` could not be removed. It is tried
    /// again at the next unlock.
    #[error("the lock is on, but the plain-text copy {path} could not be removed: {source}")]
    PlainCopyLeft { path: PathBuf, source: io::Error },
}

impl StoreError {
    /// Whether this is the folder refusing to be written (read-only media, or no write
    /// permission): reading commands can still read it with [`Store::read_only`].
    pub fn is_write_refused(&self) -> bool {
        match self {
            StoreError::Io { source, .. } | StoreError::NotPrivate { source, .. } => matches!(
                source.kind(),
                io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
            ),
            _ => false,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The answers to go on with after an open, and what the user must be told, if anything:
/// after a data file was moved aside, the backup (or what was read before a damaged part of
/// the log) is put back at once ([`restore_backup`]).
pub fn settle_loaded(store: &mut Store, loaded: Loaded) -> (SavedData, Option<String>) {
    match loaded {
        Loaded::Fresh => (SavedData::default(), None),
        Loaded::Data(data) => (data, None),
        Loaded::MovedAside {
            moved_to,
            problem,
            backup,
            backup_moved_to,
        } => {
            let (data, what) = restore_backup(store, backup);
            (
                data,
                Some(format!(
                    "Your saved answers {}",
                    not_read(&problem, &moved_to, backup_moved_to.as_deref(), &what)
                )),
            )
        }
    }
}

/// After "your saved answers": that they could not be read and why, where the file (and a
/// backup that did not read either) was kept, then `what` Overture did about it.
pub fn not_read(
    problem: &str,
    moved_to: &Path,
    backup_moved_to: Option<&Path>,
    what: &str,
) -> String {
    let backup_kept = backup_moved_to.map_or_else(String::new, |path| {
        format!(
            " Its backup could not be read either and was kept at {}.",
            path.display()
        )
    });
    format!(
        "could not be read ({problem}). The unreadable file was kept at {}.{backup_kept} {what}",
        moved_to.display()
    )
}

/// After the data file was moved aside: puts the backup (or, when only the log was damaged,
/// everything saved before the damage) back as the data file at once, so it is not lost if nothing else gets saved (the next saves would replace
/// the backup). Returns the data to go on with and what happened, in words.
pub fn restore_backup(store: &mut Store, backup: Option<SavedData>) -> (SavedData, String) {
    match backup {
        Some(data) => match store.save(&data) {
            Ok(()) | Err(StoreError::NotFlushed { .. }) => (
                data,
                "Overture put back the most recent copy that could be read.".to_string(),
            ),
            Err(e) => (
                data,
                format!(
                    "Overture opened the most recent copy that could be read, but could not put it back ({e})."
                ),
            ),
        },
        None => (
            SavedData::default(),
            "There was no readable backup, so Overture started fresh.".to_string(),
        ),
    }
}

/// Where Overture keeps its data by default: the platform's local data directory.
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "overture").map(|p| p.data_local_dir().to_path_buf())
}

impl Store {
    /// Opens (creating if needed) the data directory, takes the lock, makes the directory and
    /// Overture's files in it private, clears temp files left by a crash and loads the data.
    ///
    /// Data locked with a passphrase is not unlocked here: that is
    /// [`StoreError::NeedsPassphrase`] (and the lock is released). Front ends that can ask for
    /// the passphrase use [`Store::open_any`].
    pub fn open(dir: &Path) -> Result<(Store, Loaded), StoreError> {
        match Store::open_any(dir)? {
            (store, Opened::Ready(loaded)) => Ok((store, loaded)),
            (store, Opened::NeedsPassphrase { .. }) => Err(StoreError::NeedsPassphrase {
                path: store.key_path(),
            }),
        }
    }

    /// As [`Store::open`], but data locked with a passphrase is [`Opened::NeedsPassphrase`]:
    /// the store is open (and holds the directory lock) but reads and saves nothing until
    /// [`Store::unlock`] succeeds.
    pub fn open_any(dir: &Path) -> Result<(Store, Opened), StoreError> {
        let mut store = Store::closed(dir)?;
        if !store.hold_if_used()? {
            return Ok((store, Opened::Ready(Loaded::Fresh)));
        }
        let opened = store.open_held_or_release()?;
        Ok((store, opened))
    }

    /// As [`Store::open_any`], for a front end that starts on the home screen: when the
    /// glance saved beside the document (`overture.home.json`) is the glance of the files
    /// on disk now, that is all that is read ([`AtHome::Glance`]), and the rest waits for
    /// [`Store::read_the_rest`]; nothing can be saved until then. Otherwise the document is
    /// read as by `open_any`, and its glance is saved for the next start.
    pub fn open_at_home(dir: &Path) -> Result<(Store, AtHome), StoreError> {
        let mut store = Store::closed(dir)?;
        store.keeps_glance = true;
        if !store.hold_if_used()? {
            return Ok((store, AtHome::Opened(Opened::Ready(Loaded::Fresh))));
        }
        if let Some(glance) = store.fresh_glance() {
            store.deferred = true;
            return Ok((store, AtHome::Glance(glance)));
        }
        let opened = store.open_held_or_release()?;
        if let Opened::Ready(Loaded::Data(data)) = &opened {
            store.write_glance(data);
        }
        Ok((store, AtHome::Opened(opened)))
    }

    /// After [`Store::open_at_home`] gave the glance: reads the saved answers as
    /// [`Store::open_any`] would have, and lets this store save again.
    pub fn read_the_rest(&mut self) -> Result<Loaded, StoreError> {
        match self.open_held()? {
            Opened::Ready(loaded) => {
                self.deferred = false;
                Ok(loaded)
            }
            // The key file came while this store held the folder: not Overture's doing.
            Opened::NeedsPassphrase { .. } => Err(StoreError::NeedsPassphrase {
                path: self.key_path(),
            }),
        }
    }

    /// A store for `dir` that holds nothing yet. A folder reached through a link is used
    /// where the link points, by every command alike (so that a wipe reaches what the app
    /// saved).
    fn closed(dir: &Path) -> Result<Store, StoreError> {
        Ok(Store {
            dir: resolve_dir(dir)?,
            given: dir.to_path_buf(),
            held: None,
            made_lock_file: false,
            next_temp: 0,
            lock: Lock::Off,
            opened: OpenedRecord::default(),
            previous_open: None,
            work_factor: WORK_FACTOR,
            log: None,
            stamp: 0,
            scrub_pending: false,
            deferred: false,
            keeps_glance: false,
        })
    }

    /// Takes the folder if it holds anything of Overture's (`true`). If not, creates nothing
    /// until there is something to save, but refuses now (not at the first save) a folder
    /// that could never be made private.
    fn hold_if_used(&mut self) -> Result<bool, StoreError> {
        if !holds_overture_files(&self.dir)? {
            check_usable(&self.dir, true)?;
            return Ok(false);
        }
        self.take_hold(false)?;
        Ok(true)
    }

    /// [`Store::open_held`] at open: a refused open lets the folder go again.
    fn open_held_or_release(&mut self) -> Result<Opened, StoreError> {
        let opened = self.open_held();
        if opened.is_err() {
            self.release();
        }
        opened
    }

    /// What a store that holds the folder finds in it: see [`Store::open_any`].
    fn open_held(&mut self) -> Result<Opened, StoreError> {
        let store = self;
        if exists(&store.key_path()).map_err(io_err(&store.key_path()))? {
            // A plain glance beside locked answers (left by a lock change that could not
            // remove it, or by another version) goes now, not at the unlock.
            let _ = store.remove_glance();
            store.lock = Lock::Sealed;
            store.opened = match read_capped(&store.dir.join(OPENED_FILE), MAX_SMALL_FILE_BYTES) {
                Raw::Bytes(bytes) => OpenedRecord::parse(&bytes),
                _ => OpenedRecord::default(),
            };
            store.previous_open = store.opened.last_opened;
            let opened = Opened::NeedsPassphrase {
                last_opened: store.opened.last_opened,
                failed_attempts: store.opened.failed_attempts,
            };
            return Ok(opened);
        }
        if let Some(moved) = store.clear_sealed_leftovers()? {
            return Ok(Opened::Ready(moved));
        }
        Ok(Opened::Ready(store.load()?))
    }

    /// After an open that refused: lets the folder go, and removes the lock file if this
    /// open made it (a refused open leaves nothing of its own behind).
    fn release(&mut self) {
        if self.held.take().is_some() && self.made_lock_file {
            discard(&self.dir.join(LOCK_FILE));
        }
    }

    /// Reads the saved answers (not locked with a passphrase) without writing anything: no
    /// lock file, no permission change, nothing moved aside. For commands that only read,
    /// when the folder cannot be written (read-only media). `Ok(None)`: nothing saved.
    pub fn read_only(dir: &Path) -> Result<Option<SavedData>, StoreError> {
        let dir = resolve_dir(dir)?;
        let path = dir.join(DATA_FILE);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(StoreError::Link { path });
        }
        match document::read_document(&path) {
            ReadOutcome::Missing => Ok(None),
            ReadOutcome::Good(mut data, base) => {
                log::replay_read_only(&mut data, &dir, base)?;
                Ok(Some(data))
            }
            ReadOutcome::Failed(source) => Err(StoreError::Io { path, source }),
            ReadOutcome::TooNew(problem) => Err(StoreError::TooNew { path, problem }),
            ReadOutcome::Bad(detail) => Err(StoreError::Io {
                path,
                source: io::Error::other(format!(
                    "cannot be read ({detail}); the folder is read-only, so it was left as it is"
                )),
            }),
        }
    }

    /// Saves `data`: what changed since the last save is appended to the log, or, when the log
    /// is full (or `data` is not the document this store last saved or loaded), the whole
    /// document is written and the log starts again. On `Err` (other than
    /// [`StoreError::NotFlushed`]) every file is exactly as it was before the call, except
    /// after a delete's save failed: then this save is scrubbed ([`Store::save_scrubbed`]) and
    /// may have replaced the backup before it failed. With the
    /// lock on, everything is encrypted (and checked to decrypt back) before it is written;
    /// locked and not unlocked, nothing is written ([`StoreError::NeedsPassphrase`]).
    pub fn save(&mut self, data: &SavedData) -> Result<(), StoreError> {
        self.wake()?;
        if self.scrub_pending {
            return self.save_scrubbed(data);
        }
        let saved = if !matches!(self.lock, Lock::Sealed)
            && let Some(appended) = self.save_to_log(data)
        {
            appended
        } else {
            self.save_whole(data)
        };
        self.after_save(data, &saved);
        saved
    }

    /// Saves `data` for a delete: the backup and then the document both become `data` and the
    /// log goes, so that none of Overture's files still holds what was deleted (copies outside
    /// them, and old disk blocks, are out of its reach). The backup goes first: stopped between
    /// the two, the document still holds the deleted text, and so does what the app shows
    /// next time (the delete did not happen), but no file keeps it behind the user's back.
    /// Until one succeeds, every save of this store is scrubbed.
    pub fn save_scrubbed(&mut self, data: &SavedData) -> Result<(), StoreError> {
        self.wake()?;
        self.scrub_pending = true;
        // The glance may hold what was deleted: it goes first, and comes back only once the
        // delete is saved. If it will not go, the delete is not saved, and the user is told.
        self.remove_glance()?;
        let result = self.write_whole(data, Backup::SameAsDocument);
        if matches!(result, Ok(()) | Err(StoreError::NotFlushed { .. })) {
            self.scrub_pending = false;
        }
        self.after_save(data, &result);
        result
    }

    /// Saves `data` as a whole new document (the base), keeping the previous one as the
    /// backup, and starts the log again.
    pub(super) fn save_whole(&mut self, data: &SavedData) -> Result<(), StoreError> {
        self.write_whole(data, Backup::Previous)
    }

    fn write_whole(&mut self, data: &SavedData, backup_is: Backup) -> Result<(), StoreError> {
        self.wake()?;
        let (name, backup, log) = match self.lock {
            Lock::Off => (DATA_FILE, BACKUP_FILE, LOG_FILE),
            Lock::Sealed => {
                return Err(StoreError::NeedsPassphrase {
                    path: self.key_path(),
                });
            }
            Lock::Unlocked(_) => (SEALED_FILE, SEALED_BACKUP_FILE, SEALED_LOG_FILE),
        };
        let target = self.dir.join(name);
        let plain = encode(data).map_err(|problem| StoreError::Encode {
            path: target.clone(),
            problem,
        })?;
        let sealed = match &self.lock {
            Lock::Unlocked(keys) => Some(seal_checked(keys, &plain, &target)?),
            _ => None,
        };
        let written: &[u8] = sealed.as_deref().unwrap_or(&plain);
        if backup_is == Backup::SameAsDocument {
            match self.replace(backup, written) {
                Ok(()) | Err(StoreError::NotFlushed { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        // The log is set aside first: a crash before the new document is in place leaves the
        // old document and its log (the next open puts the log back), a crash after leaves
        // the new document, which holds every save in the log.
        let folded = self.fold_log(log)?;
        let result = match backup_is {
            Backup::Previous => self.write_with_backup(name, backup, written),
            Backup::SameAsDocument => self.replace(name, written),
        };
        if matches!(result, Ok(()) | Err(StoreError::NotFlushed { .. })) {
            if let Some(folded) = folded {
                discard(&folded);
            }
            self.after_full_save(data, written);
        } else if let Some(folded) = folded {
            // Nothing changed: the log goes back beside its document.
            let _ = fs::rename(&folded, self.dir.join(log));
        }
        result
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder as it was given to [`Store::open_any`], which may be a link to [`Store::dir`].
    pub fn given_dir(&self) -> &Path {
        &self.given
    }

    /// Whether this store has created or taken anything on disk yet (it has not when the
    /// folder held nothing of Overture's at open and nothing has been saved since).
    pub fn is_on_disk(&self) -> bool {
        self.held.is_some()
    }

    /// Creates the folder (owner-only) and takes the lock at the first save of a store that
    /// opened with nothing saved. Refuses when another Overture saved there meanwhile.
    pub(super) fn wake(&mut self) -> Result<(), StoreError> {
        if self.deferred {
            return Err(StoreError::NotRead {
                path: self.data_path(),
            });
        }
        if self.held.is_some() {
            return Ok(());
        }
        create_private_dir(&self.dir)?;
        self.take_hold(true)?;
        let saved_meanwhile = [DATA_FILE, SEALED_FILE, KEY_FILE]
            .iter()
            .any(|name| exists(&self.dir.join(name)).unwrap_or(true));
        if saved_meanwhile {
            self.held = None;
            return Err(StoreError::SavedElsewhere {
                dir: self.dir.clone(),
            });
        }
        Ok(())
    }

    /// The folder made owner-only before any file is made in it (a folder that cannot be is
    /// left without a lock file), then the lock taken, Overture's files checked (no links)
    /// and made owner-only, and temp files from a crash cleared.
    fn take_hold(&mut self, first_use: bool) -> Result<(), StoreError> {
        check_usable(&self.dir, first_use)?;
        // Nothing below may write until the lock is ours. Opening an existing lock file
        // without truncating does not change it.
        let lock_path = self.dir.join(LOCK_FILE);
        let lock_was_there = exists(&lock_path).map_err(io_err(&lock_path))?;
        // Links are refused before anything is made or changed.
        self.refuse_links()?;
        self.held = Some(take_lock(&self.dir)?);
        self.made_lock_file = !lock_was_there;
        let tightened = make_dir_private(&self.dir).and_then(|()| self.make_private());
        if let Err(e) = tightened {
            // A folder Overture will not use keeps no file of Overture's.
            self.release();
            return Err(e);
        }
        self.remove_stale_temps();
        Ok(())
    }

    /// The file the answers are saved in: `overture.json`, or `overture.json.age` with the
    /// lock on.
    pub fn data_path(&self) -> PathBuf {
        match self.lock {
            Lock::Off => self.dir.join(DATA_FILE),
            Lock::Sealed | Lock::Unlocked(_) => self.dir.join(SEALED_FILE),
        }
    }

    /// The previous save: `overture.json.bak`, or `overture.json.age.bak` with the lock on.
    pub fn backup_path(&self) -> PathBuf {
        match self.lock {
            Lock::Off => self.dir.join(BACKUP_FILE),
            Lock::Sealed | Lock::Unlocked(_) => self.dir.join(SEALED_BACKUP_FILE),
        }
    }

    /// The key file (it exists exactly when the lock is on).
    pub fn key_path(&self) -> PathBuf {
        self.dir.join(KEY_FILE)
    }
}
