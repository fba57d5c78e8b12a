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

use crate::core::record::{SCHEMA_VERSION, SavedData};
use serde::Deserialize;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

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
/// The most this reads of a data file. Anything bigger is not Overture's and is moved aside.
pub const MAX_DATA_BYTES: u64 = 64 * 1024 * 1024;

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

#[derive(Debug)]
pub enum StoreError {
    /// Another Overture has this directory open.
    Locked { dir: PathBuf },
    /// Reading, writing, renaming or creating `path` failed.
    Io { path: PathBuf, source: io::Error },
    /// `path` could not be made owner-only, so Overture will not use it.
    NotPrivate { path: PathBuf, source: io::Error },
    /// The answers could not be turned into a document that reads back the same. Nothing was
    /// written.
    Encode { path: PathBuf, problem: String },
    /// The new document is in place at `path`, but the system could not confirm that the
    /// change reached the disk; a crash now could bring back the previous save.
    NotFlushed { path: PathBuf, source: io::Error },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Locked { dir } => write!(
                f,
                "{} is in use by another Overture (it holds {LOCK_FILE}); close that one first",
                dir.display()
            ),
            StoreError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            StoreError::NotPrivate { path, source } => write!(
                f,
                "{}: could not make it private to you (owner-only access): {source}",
                path.display()
            ),
            StoreError::Encode { path, problem } => write!(
                f,
                "{}: not saved, the answers could not be written as a document: {problem}",
                path.display()
            ),
            StoreError::NotFlushed { path, source } => write!(
                f,
                "{}: written, but the system could not confirm it reached the disk: {source}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. }
            | StoreError::NotPrivate { source, .. }
            | StoreError::NotFlushed { source, .. } => Some(source),
            StoreError::Locked { .. } | StoreError::Encode { .. } => None,
        }
    }
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
    pub fn open(dir: &Path) -> Result<(Store, Loaded), StoreError> {
        create_private_dir(dir)?;

        // Nothing below may write until the lock is ours. Opening an existing lock file
        // without truncating does not change it.
        let lock_path = dir.join(LOCK_FILE);
        let lock = private_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io_err(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                });
            }
            Err(TryLockError::Error(source)) => {
                return Err(StoreError::Io {
                    path: lock_path,
                    source,
                });
            }
        }

        let store = Store {
            dir: dir.to_path_buf(),
            _lock: lock,
            next_temp: 0,
        };
        store.make_private()?;
        store.remove_stale_temps();
        let loaded = store.load()?;
        Ok((store, loaded))
    }

    /// Saves `data` as the whole document. On `Err` (other than [`StoreError::NotFlushed`])
    /// `overture.json` is exactly as it was before the call.
    pub fn save(&mut self, data: &SavedData) -> Result<(), StoreError> {
        let target = self.data_path();
        let bytes = encode(data).map_err(|problem| StoreError::Encode {
            path: target.clone(),
            problem,
        })?;

        let n = self.next_temp;
        self.next_temp += 1;
        let pid = std::process::id();
        let temp = self.dir.join(format!("{TEMP_PREFIX}{pid}-{n}"));
        let backup_temp = self.dir.join(format!("{TEMP_PREFIX}{pid}-{n}.bak"));

        // Removes `temp` itself if it fails after creating it.
        write_new_file(&temp, &bytes)?;

        if let Err(e) = self.keep_backup(&backup_temp) {
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

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn data_path(&self) -> PathBuf {
        self.dir.join(DATA_FILE)
    }

    pub fn backup_path(&self) -> PathBuf {
        self.dir.join(BACKUP_FILE)
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
            let ours = name == DATA_FILE
                || name == BACKUP_FILE
                || name == LOCK_FILE
                || name.starts_with(UNREADABLE_PREFIX);
            if !ours {
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
        let path = self.data_path();
        match read_document(&path) {
            ReadOutcome::Missing => Ok(Loaded::Fresh),
            ReadOutcome::Good(data) => Ok(Loaded::Data(data)),
            ReadOutcome::Failed(source) => Err(StoreError::Io { path, source }),
            ReadOutcome::Bad(detail) => {
                let problem = format!("{}: {detail}", path.display());
                let moved_to = move_aside(&self.dir, &path)?;
                let backup = match read_document(&self.backup_path()) {
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

    /// Makes `overture.json.bak` the current `overture.json`, if there is one, without ever
    /// touching `overture.json`: a hard link (or, where links are not supported, a flushed
    /// copy) under a temp name, renamed over the old backup.
    fn keep_backup(&self, backup_temp: &Path) -> Result<(), StoreError> {
        let current = self.data_path();
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
        let backup = self.backup_path();
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
/// save can never replace a good file with one Overture would refuse.
fn encode(data: &SavedData) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(data).map_err(|e| sanitize(&e.to_string()))?;
    bytes.push(b'\n');
    match parse(&bytes) {
        Ok(back) if back == *data => Ok(bytes),
        Ok(_) => Err("it did not read back the same".to_string()),
        Err(problem) => Err(problem),
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
    match fs::symlink_metadata(path) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return ReadOutcome::Missing,
        Err(e) => return ReadOutcome::Failed(e),
    }
    // Follows a link. Checked before opening: opening a FIFO would block.
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return ReadOutcome::Bad("a link to a file that does not exist".to_string());
        }
        Err(e) => return ReadOutcome::Failed(e),
    };
    if !meta.is_file() {
        return ReadOutcome::Bad("not a regular file".to_string());
    }
    if meta.len() > MAX_DATA_BYTES {
        return ReadOutcome::Bad(too_large());
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return ReadOutcome::Failed(e),
    };
    // The length can change under us: never read more than the cap (plus one byte, to notice).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    if let Err(e) = file.take(MAX_DATA_BYTES + 1).read_to_end(&mut bytes) {
        return ReadOutcome::Failed(e);
    }
    if bytes.len() as u64 > MAX_DATA_BYTES {
        return ReadOutcome::Bad(too_large());
    }
    match parse(&bytes) {
        Ok(data) => ReadOutcome::Good(data),
        Err(problem) => ReadOutcome::Bad(problem),
    }
}

fn too_large() -> String {
    format!(
        "larger than {} MiB, far too large to be Overture's data",
        MAX_DATA_BYTES / (1024 * 1024)
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
            Ok(data)
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
    match version.cmp(&ours) {
        std::cmp::Ordering::Greater => Err(format!(
            "written by a newer version of Overture (schema {version}, this one reads {ours})"
        )),
        std::cmp::Ordering::Less => Err(format!(
            "schema {version} is not one this version of Overture reads (it reads {ours})"
        )),
        std::cmp::Ordering::Equal => Ok(()),
    }
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
fn move_aside(dir: &Path, path: &Path) -> Result<PathBuf, StoreError> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for k in 1..=MAX_ASIDE_ATTEMPTS {
        let name = if k == 1 {
            format!("{UNREADABLE_PREFIX}{secs}")
        } else {
            format!("{UNREADABLE_PREFIX}{secs}-{k}")
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
