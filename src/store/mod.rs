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

mod crypt;
#[doc(hidden)]
/// Fuzzing entry points: not in the release binary.
#[cfg(feature = "test-support")]
pub mod fuzzing;
mod opened;
mod passphrase;

pub use age::secrecy::SecretString;
pub use crypt::WORK_FACTOR;
pub use opened::unlock_delay;
pub use passphrase::{ADVISED_PASSPHRASE_CHARS, passphrase_advice};

use crate::core::record::{OLDEST_SCHEMA_VERSION, SCHEMA_VERSION, SavedData};
use crypt::Keys;
use jiff::Timestamp;
use opened::OpenedRecord;
use serde::Deserialize;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use zeroize::Zeroizing;

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

/// How much of a parser message (which can quote the file) goes into a problem text.
const MAX_DETAIL_CHARS: usize = 160;
/// How many `-<k>` suffixes to try before giving up on a free moved-aside name.
const MAX_ASIDE_ATTEMPTS: u32 = 1000;
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

/// The open data directory. Holds the lock until dropped.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// Never read: holding the open, locked file is the lock. Dropping it releases the lock.
    _lock: File,
    /// The `<n>` of the next temp file name.
    next_temp: u64,
    lock: Lock,
    /// With the lock on: the last unlock and the wrong passphrases since, kept up to date.
    opened: OpenedRecord,
    /// With the lock on: the last unlock before this session, as found at open.
    previous_open: Option<Timestamp>,
    /// With the lock on: the scrypt work factor the key file was written with.
    work_factor: u8,
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
        /// `overture.json.bak`, if it reads. It is left in place either way.
        backup: Option<SavedData>,
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
    /// The answers could not be turned into a document that reads back the same. Nothing was
    /// written.
    #[error("{path}: not saved, the answers could not be written as a document: {problem}")]
    Encode { path: PathBuf, problem: String },
    /// The new document is in place at `path`, but the system could not confirm that the
    /// change reached the disk; a crash now could bring back the previous save.
    #[error("{path}: written, but the system could not confirm it reached the disk: {source}")]
    NotFlushed { path: PathBuf, source: io::Error },
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

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
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
        create_private_dir(dir)?;

        // Nothing below may write until the lock is ours. Opening an existing lock file
        // without truncating does not change it.
        let lock = take_lock(dir)?;

        let mut store = Store {
            dir: dir.to_path_buf(),
            _lock: lock,
            next_temp: 0,
            lock: Lock::Off,
            opened: OpenedRecord::default(),
            previous_open: None,
            work_factor: WORK_FACTOR,
        };
        store.make_private()?;
        store.remove_stale_temps();
        if exists(&store.key_path()).map_err(io_err(&store.key_path()))? {
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
            return Ok((store, opened));
        }
        if let Some(moved) = store.clear_sealed_leftovers()? {
            return Ok((store, Opened::Ready(moved)));
        }
        let loaded = store.load()?;
        Ok((store, Opened::Ready(loaded)))
    }

    /// Saves `data` as the whole document. On `Err` (other than [`StoreError::NotFlushed`])
    /// the data file is exactly as it was before the call. With the lock on, the document is
    /// encrypted (and checked to decrypt back) before anything is written; locked and not
    /// unlocked, nothing is written ([`StoreError::NeedsPassphrase`]).
    pub fn save(&mut self, data: &SavedData) -> Result<(), StoreError> {
        let (name, backup) = match self.lock {
            Lock::Off => (DATA_FILE, BACKUP_FILE),
            Lock::Sealed => {
                return Err(StoreError::NeedsPassphrase {
                    path: self.key_path(),
                });
            }
            Lock::Unlocked(_) => (SEALED_FILE, SEALED_BACKUP_FILE),
        };
        let target = self.dir.join(name);
        let plain = encode(data).map_err(|problem| StoreError::Encode {
            path: target.clone(),
            problem,
        })?;
        match &self.lock {
            Lock::Unlocked(keys) => {
                let sealed = seal_checked(keys, &plain, &target)?;
                self.write_with_backup(name, backup, &sealed)
            }
            _ => self.write_with_backup(name, backup, &plain),
        }
    }

    /// Writes `bytes` as `name` (temp file, flushed, renamed over it), keeping the previous
    /// `name` as `backup`.
    fn write_with_backup(
        &mut self,
        name: &str,
        backup: &str,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let target = self.dir.join(name);
        let temp = self.next_temp_path();
        let mut backup_temp = temp.clone().into_os_string();
        backup_temp.push(".bak");
        let backup_temp = PathBuf::from(backup_temp);

        // Removes `temp` itself if it fails after creating it.
        write_new_file(&temp, bytes)?;

        if let Err(e) = self.keep_backup(name, backup, &backup_temp) {
            discard(&temp);
            return Err(e);
        }
        if let Err(source) = fs::rename(&temp, &target) {
            discard(&temp);
            return Err(StoreError::Io {
                path: target,
                source,
            });
        }
        sync_dir(&self.dir).map_err(|source| StoreError::NotFlushed {
            path: target,
            source,
        })
    }

    /// Replaces `name` with `bytes` the same atomic way, without a backup.
    fn replace(&mut self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let target = self.dir.join(name);
        let temp = self.next_temp_path();
        write_new_file(&temp, bytes)?;
        if let Err(source) = fs::rename(&temp, &target) {
            discard(&temp);
            return Err(StoreError::Io {
                path: target,
                source,
            });
        }
        sync_dir(&self.dir).map_err(|source| StoreError::NotFlushed {
            path: target,
            source,
        })
    }

    /// `overture.json.tmp-<pid>-<n>`, `<n>` counting this store's writes from 0.
    fn next_temp_path(&mut self) -> PathBuf {
        let n = self.next_temp;
        self.next_temp += 1;
        let pid = std::process::id();
        self.dir.join(format!("{TEMP_PREFIX}{pid}-{n}"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
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

    /// Directory 0700; Overture's own files 0600. Only regular files with our names are
    /// touched: never links, never anything else the directory holds.
    #[cfg(unix)]
    fn make_private(&self) -> Result<(), StoreError> {
        use std::os::unix::fs::PermissionsExt;

        let not_private = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::NotPrivate { path, source }
        };
        let meta = fs::metadata(&self.dir).map_err(io_err(&self.dir))?;
        if meta.permissions().mode() & 0o777 != DIR_MODE {
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(DIR_MODE))
                .map_err(not_private(&self.dir))?;
        }
        for entry in fs::read_dir(&self.dir).map_err(io_err(&self.dir))? {
            let entry = entry.map_err(io_err(&self.dir))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if !is_kept_file(name) {
                continue;
            }
            let path = entry.path();
            let meta = fs::symlink_metadata(&path).map_err(io_err(&path))?;
            if meta.is_file() && meta.permissions().mode() & 0o777 != FILE_MODE {
                fs::set_permissions(&path, fs::Permissions::from_mode(FILE_MODE))
                    .map_err(not_private(&path))?;
            }
        }
        Ok(())
    }

    #[cfg(not(unix))]
    #[allow(clippy::unused_self, clippy::unnecessary_wraps)]
    fn make_private(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Temp files can only be left by a save that crashed: we hold the lock, so no live save
    /// owns them. Failing to remove one is harmless and not reported.
    fn remove_stale_temps(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let is_temp = entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.starts_with(TEMP_PREFIX));
            let is_file_or_link = entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink());
            if is_temp && is_file_or_link {
                discard(&entry.path());
            }
        }
    }

    fn load(&self) -> Result<Loaded, StoreError> {
        let path = self.dir.join(DATA_FILE);
        match read_document(&path) {
            ReadOutcome::Missing => Ok(Loaded::Fresh),
            ReadOutcome::Good(data) => Ok(Loaded::Data(data)),
            ReadOutcome::Failed(source) => Err(StoreError::Io { path, source }),
            ReadOutcome::Bad(detail) => {
                let problem = format!("{}: {detail}", path.display());
                let moved_to = move_aside(&self.dir, &path, UNREADABLE_PREFIX)?;
                let backup = match read_document(&self.dir.join(BACKUP_FILE)) {
                    ReadOutcome::Good(data) => Some(data),
                    _ => None,
                };
                Ok(Loaded::MovedAside {
                    moved_to,
                    problem,
                    backup,
                })
            }
        }
    }

    /// Makes `backup` the current `name`, if there is one, without ever touching `name`: a
    /// hard link (or, where links are not supported, a flushed
    /// copy) under a temp name, renamed over the old backup.
    fn keep_backup(&self, name: &str, backup: &str, backup_temp: &Path) -> Result<(), StoreError> {
        let current = self.dir.join(name);
        match fs::symlink_metadata(&current) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(StoreError::Io {
                    path: current,
                    source,
                });
            }
        }
        if fs::hard_link(&current, backup_temp).is_err() {
            copy_to_new_file(&current, backup_temp)?;
        }
        let backup = self.dir.join(backup);
        fs::rename(backup_temp, &backup).map_err(|source| {
            discard(backup_temp);
            StoreError::Io {
                path: backup,
                source,
            }
        })
    }
}

/// Creates the directory and any missing parents, owner-only. An existing directory is left
/// as it is here (it is tightened once the lock is held), but a shared one (sticky bit, like
/// `/tmp`) is refused: it is not Overture's to make private, and not private enough to use.
/// Whether a file name is one Overture keeps (not a temp file): data, backups, key, lock,
/// open record, and files moved aside. One list, shared by tightening permissions and wiping.
pub(crate) fn is_kept_file(name: &str) -> bool {
    [
        DATA_FILE,
        BACKUP_FILE,
        LOCK_FILE,
        SEALED_FILE,
        SEALED_BACKUP_FILE,
        KEY_FILE,
        OPENED_FILE,
    ]
    .contains(&name)
        || name.starts_with(UNREADABLE_PREFIX)
        || name.starts_with(SEALED_UNREADABLE_PREFIX)
}

/// Opens (creating if needed, never truncating) the directory's lock file and takes the lock.
/// `StoreError::Locked` if another Overture holds it. Shared by opening and wiping.
pub(crate) fn take_lock(dir: &Path) -> Result<File, StoreError> {
    let lock_path = dir.join(LOCK_FILE);
    let lock = private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(io_err(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
            dir: dir.to_path_buf(),
        }),
        Err(TryLockError::Error(source)) => Err(StoreError::Io {
            path: lock_path,
            source,
        }),
    }
}

fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir).map_err(io_err(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(dir).map_err(io_err(dir))?;
        if meta.permissions().mode() & 0o1000 != 0 {
            return Err(StoreError::NotPrivate {
                path: dir.to_path_buf(),
                source: io::Error::other(
                    "it is a shared directory (sticky bit set); use a directory of Overture's own",
                ),
            });
        }
    }
    Ok(())
}

/// Options whose `create` makes an owner-only file (the mode is set by the creating call, so
/// there is no moment when the file is readable by others).
fn private_options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options
}

/// Creates `path` (which must not exist), writes `bytes` and flushes them to disk. If it fails
/// after creating the file, the file is removed; a `path` that already existed is not ours and
/// is left alone.
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = private_options()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io_err(path))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|source| {
            discard(path);
            StoreError::Io {
                path: path.to_path_buf(),
                source,
            }
        })
}

/// Copies `from` to a new file `to`, flushed. Removes `to` if it fails after creating it.
fn copy_to_new_file(from: &Path, to: &Path) -> Result<(), StoreError> {
    let mut source = File::open(from).map_err(io_err(from))?;
    let mut dest = private_options()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(io_err(to))?;
    let copied = io::copy(&mut source, &mut dest).and_then(|_| dest.sync_all());
    copied.map_err(|source| {
        discard(to);
        StoreError::Io {
            path: to.to_path_buf(),
            source,
        }
    })
}

/// Best-effort removal of a file this module created (or a stale temp file).
fn discard(path: &Path) {
    let _ = fs::remove_file(path);
}

/// Flushes the directory entry changes (renames) to disk. File systems that cannot sync a
/// directory say so with `EINVAL`/`ENOTSUP`; there is nothing more to do on those.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

#[cfg(not(unix))]
#[allow(clippy::unnecessary_wraps)]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Pretty JSON, checked to read back as the same document before anything is written, so a
/// save can never replace a good file with one Overture would refuse. The bytes are zeroed
/// when dropped (the answers in `data` itself are not: see `docs/FORMAT.md`).
fn encode(data: &SavedData) -> Result<Zeroizing<Vec<u8>>, String> {
    let mut bytes =
        Zeroizing::new(serde_json::to_vec_pretty(data).map_err(|e| sanitize(&e.to_string()))?);
    bytes.push(b'\n');
    if bytes.len() as u64 > MAX_DATA_BYTES {
        return Err(too_large(MAX_DATA_BYTES));
    }
    match parse(&bytes) {
        Ok(back) if back == *data => Ok(bytes),
        Ok(_) => Err("it did not read back the same".to_string()),
        Err(problem) => Err(problem),
    }
}

/// `plain` encrypted to the current key, and checked to decrypt back to the same bytes
/// before anything is written.
fn seal_checked(keys: &Keys, plain: &[u8], target: &Path) -> Result<Vec<u8>, StoreError> {
    let encode_err = |problem: String| StoreError::Encode {
        path: target.to_path_buf(),
        problem,
    };
    let sealed = crypt::seal(keys, plain).map_err(encode_err)?;
    match crypt::unseal(keys, &sealed) {
        Ok(back) if back.as_slice() == plain => Ok(sealed),
        Ok(_) => Err(encode_err("it did not decrypt back the same".to_string())),
        Err(problem) => Err(encode_err(problem)),
    }
}

// Built once per read, at start-up: boxing the document would buy nothing.
#[allow(clippy::large_enum_variant)]
enum ReadOutcome {
    /// No file (not even a link) by that name.
    Missing,
    Good(SavedData),
    /// There, but not a document this Overture reads: why, without the path.
    Bad(String),
    /// The system would not let us read it (permissions, I/O error): the file may well be
    /// fine, so it is not moved aside.
    Failed(io::Error),
}

fn read_document(path: &Path) -> ReadOutcome {
    match read_capped(path, MAX_DATA_BYTES) {
        Raw::Missing => ReadOutcome::Missing,
        Raw::Failed(e) => ReadOutcome::Failed(e),
        Raw::Bad(detail) => ReadOutcome::Bad(detail),
        Raw::Bytes(bytes) => match parse(&bytes) {
            Ok(data) => ReadOutcome::Good(data),
            Err(problem) => ReadOutcome::Bad(problem),
        },
    }
}

/// An encrypted document: decrypted with `keys`, then read as [`read_document`] reads.
fn read_sealed_document(path: &Path, keys: &Keys) -> ReadOutcome {
    match read_capped(path, MAX_SEALED_BYTES) {
        Raw::Missing => ReadOutcome::Missing,
        Raw::Failed(e) => ReadOutcome::Failed(e),
        Raw::Bad(detail) => ReadOutcome::Bad(detail),
        Raw::Bytes(bytes) => match crypt::unseal(keys, &bytes) {
            Ok(plain) => match parse(&plain) {
                Ok(data) => ReadOutcome::Good(data),
                Err(problem) => ReadOutcome::Bad(format!("decrypted, but {problem}")),
            },
            Err(problem) => ReadOutcome::Bad(problem),
        },
    }
}

/// What reading a file at most `cap` bytes long gave.
enum Raw {
    Missing,
    Bytes(Vec<u8>),
    /// There, but not something Overture reads (not a file, too large): why.
    Bad(String),
    Failed(io::Error),
}

fn read_capped(path: &Path, cap: u64) -> Raw {
    match fs::symlink_metadata(path) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Raw::Missing,
        Err(e) => return Raw::Failed(e),
    }
    // Follows a link. Checked before opening: opening a FIFO would block.
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Raw::Bad("a link to a file that does not exist".to_string());
        }
        Err(e) => return Raw::Failed(e),
    };
    if !meta.is_file() {
        return Raw::Bad("not a regular file".to_string());
    }
    if meta.len() > cap {
        return Raw::Bad(too_large(cap));
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return Raw::Failed(e),
    };
    // The length can change under us: never read more than the cap (plus one byte, to notice).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    if let Err(e) = file.take(cap + 1).read_to_end(&mut bytes) {
        return Raw::Failed(e);
    }
    if bytes.len() as u64 > cap {
        return Raw::Bad(too_large(cap));
    }
    Raw::Bytes(bytes)
}

/// Whether anything (even a dangling link) is at `path`.
fn exists(path: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

fn too_large(cap: u64) -> String {
    format!(
        "larger than {} MiB, far too large to be Overture's data",
        cap / (1024 * 1024)
    )
}

/// Just the version, whatever else the document holds (a newer one may have fields this
/// build denies).
#[derive(Deserialize)]
struct VersionProbe {
    schema_version: u64,
}

/// Bytes to a document this build reads, or why not (with line and column where the parser
/// gives them).
fn parse(bytes: &[u8]) -> Result<SavedData, String> {
    // An editor may have added a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let is_json_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let Some(start) = bytes.iter().position(|b| !is_json_space(b)) else {
        return Err("the file is empty".to_string());
    };
    // serde would read an array as the fields in order; a document is only ever an object.
    if bytes.get(start) == Some(&b'[') {
        let mut lines = bytes
            .get(..start)
            .unwrap_or_default()
            .split(|&b| b == b'\n');
        let line = lines.clone().count();
        let column = lines.next_back().map_or(0, <[u8]>::len) + 1;
        return Err(format!(
            "expected a JSON object, found an array at line {line} column {column}"
        ));
    }
    match serde_json::from_slice::<SavedData>(bytes) {
        Ok(data) => {
            check_version(u64::from(data.schema_version))?;
            Ok(migrate(data))
        }
        Err(e) => {
            if let Ok(probe) = serde_json::from_slice::<VersionProbe>(bytes) {
                check_version(probe.schema_version)?;
            }
            Err(describe(&e))
        }
    }
}

fn check_version(version: u64) -> Result<(), String> {
    let ours = u64::from(SCHEMA_VERSION);
    let oldest = u64::from(OLDEST_SCHEMA_VERSION);
    if version > ours {
        Err(format!(
            "written by a newer version of Overture (schema {version}, this one reads {oldest} to {ours})"
        ))
    } else if version < oldest {
        Err(format!(
            "schema {version} is not one this version of Overture reads (it reads {oldest} to {ours})"
        ))
    } else {
        Ok(())
    }
}

/// Brings a document of an older schema up to this one. Schema 2 only added lists and
/// fields that default to empty (the ask log, the timeline, reviews, the journal,
/// boundaries), so a schema 1 document reads as it is and only its version changes; the
/// next save writes schema 2. (A build that reads only schema 1 will then move the file
/// aside rather than drop what it does not know: see `docs/FORMAT.md`.)
fn migrate(mut data: SavedData) -> SavedData {
    if data.schema_version < SCHEMA_VERSION {
        data.schema_version = SCHEMA_VERSION;
    }
    data
}

/// The parser's message, escaped and shortened (it can quote the file's text), then its line
/// and column.
fn describe(e: &serde_json::Error) -> String {
    let full = e.to_string();
    if e.line() == 0 {
        return sanitize(&full);
    }
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&position).unwrap_or(&full);
    format!("{}{position}", sanitize(message))
}

/// Control characters escaped (they could drive the terminal), at most
/// `MAX_DETAIL_CHARS` characters kept.
fn sanitize(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX_DETAIL_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Moves the unreadable `path` to a fresh `overture.json.unreadable-<secs>[-<k>]` name in
/// `dir`. Never replaces anything already there.
fn move_aside(dir: &Path, path: &Path, prefix: &str) -> Result<PathBuf, StoreError> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for k in 1..=MAX_ASIDE_ATTEMPTS {
        let name = if k == 1 {
            format!("{prefix}{secs}")
        } else {
            format!("{prefix}{secs}-{k}")
        };
        let target = dir.join(name);
        match rename_no_replace(path, &target) {
            Ok(()) => {
                // If this is lost in a crash the file is simply found unreadable again.
                let _ = sync_dir(dir);
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    Err(StoreError::Io {
        path: path.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            "no free name to move the unreadable file aside to",
        ),
    })
}

/// Renames `from` to `to` only if `to` does not exist (`AlreadyExists` otherwise). A hard
/// link cannot replace anything, so link then unlink; where links are not possible (some file
/// systems, directories) check then rename, which is safe because we hold the lock.
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => match fs::symlink_metadata(to) {
            Ok(_) => Err(io::Error::from(io::ErrorKind::AlreadyExists)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::rename(from, to),
            Err(e) => Err(e),
        },
    }
}
