//! The document: encoded and checked before a save, read back with a size cap, parsed with
//! its schema version checked and older schemas migrated, and problems described without
//! quoting more than a short, escaped fragment of the file.

use super::crypt::{self, Keys};
use super::log::BaseId;
use super::{
    BACKUP_FILE, DATA_FILE, Loaded, MAX_DATA_BYTES, MAX_SEALED_BYTES, Store, StoreError,
    UNREADABLE_PREFIX, move_aside,
};
use crate::core::record::{OLDEST_SCHEMA_VERSION, SCHEMA_VERSION, SavedData};
use serde::Deserialize;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// How much of a parser message (which can quote the file) goes into a problem text.
const MAX_DETAIL_CHARS: usize = 160;

impl Store {
    /// Moves the log `name` aside, if there is one (its base could not be read).
    pub(super) fn move_log_aside(&self, name: &str, prefix: &str) -> Result<(), StoreError> {
        let path = self.dir.join(name);
        if exists(&path).map_err(super::io_err(&path))? {
            move_aside(&self.dir, &path, prefix)?;
        }
        Ok(())
    }

    pub(super) fn load(&mut self) -> Result<Loaded, StoreError> {
        let path = self.dir.join(DATA_FILE);
        match read_document(&path) {
            ReadOutcome::Missing => {
                self.set_aside_orphan_log()?;
                Ok(Loaded::Fresh)
            }
            ReadOutcome::Good(data, base) => self.attach_log(data, base, None),
            ReadOutcome::Failed(source) => Err(StoreError::Io { path, source }),
            ReadOutcome::TooNew(problem) => Err(StoreError::TooNew { path, problem }),
            ReadOutcome::Bad(detail) => {
                let problem = format!("{}: {detail}", path.display());
                let backup_path = self.dir.join(BACKUP_FILE);
                let backup_outcome = read_document(&backup_path);
                if let ReadOutcome::TooNew(problem) = backup_outcome {
                    // A newer Overture's backup: not this one's to carry on from or set aside.
                    return Err(StoreError::TooNew {
                        path: backup_path,
                        problem,
                    });
                }
                let moved_to = move_aside(&self.dir, &path, UNREADABLE_PREFIX)?;
                // A backup that is a copy of the document gets the log's saves back.
                let backup_outcome = self.backup_with_log(backup_outcome, None)?;
                let (backup, backup_moved_to) =
                    settle_backup(&self.dir, &backup_path, backup_outcome, UNREADABLE_PREFIX)?;
                Ok(Loaded::MovedAside {
                    moved_to,
                    problem,
                    backup,
                    backup_moved_to,
                })
            }
        }
    }
}

/// After the data file was moved aside: the backup's data if it reads. A backup that is
/// there but does not read is moved aside too, since the next saves keep their previous
/// document as the backup and would replace it: `Ok((None, Some(where it went)))`.
pub(super) fn settle_backup(
    dir: &Path,
    backup_path: &Path,
    outcome: ReadOutcome,
    prefix: &str,
) -> Result<(Option<SavedData>, Option<PathBuf>), StoreError> {
    match outcome {
        ReadOutcome::Good(data, _) => Ok((Some(data), None)),
        ReadOutcome::Missing => Ok((None, None)),
        ReadOutcome::Bad(_) | ReadOutcome::Failed(_) | ReadOutcome::TooNew(_) => {
            Ok((None, Some(move_aside(dir, backup_path, prefix)?)))
        }
    }
}

/// Pretty JSON, checked to read back as the same document before anything is written, so a
/// save can never replace a good file with one Overture would refuse. The bytes are zeroed
/// when dropped (the answers in `data` itself are not: see `docs/FORMAT.md`).
pub(super) fn encode(data: &SavedData) -> Result<Zeroizing<Vec<u8>>, String> {
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
pub(super) fn seal_checked(
    keys: &Keys,
    plain: &[u8],
    target: &Path,
) -> Result<Vec<u8>, StoreError> {
    crypt::seal_verified(keys, plain).map_err(|problem| StoreError::Encode {
        path: target.to_path_buf(),
        problem,
    })
}

// Built once per read, at start-up: boxing the document would buy nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum ReadOutcome {
    /// No file (not even a link) by that name.
    Missing,
    /// It reads: the document, and which base it is (for its log; `None` for a document of an
    /// older schema, which the next save rewrites whole).
    Good(SavedData, Option<BaseId>),
    /// There, but not a document this Overture reads: why, without the path.
    Bad(String),
    /// A document of a newer schema than this Overture reads: why, without the path.
    TooNew(String),
    /// The system would not let us read it (permissions, I/O error): the file may well be
    /// fine, so it is not moved aside.
    Failed(io::Error),
}

pub(super) fn read_document(path: &Path) -> ReadOutcome {
    match read_capped(path, MAX_DATA_BYTES) {
        Raw::Missing => ReadOutcome::Missing,
        Raw::Failed(e) => ReadOutcome::Failed(e),
        Raw::Bad(detail) => ReadOutcome::Bad(detail),
        Raw::Bytes(bytes) => match parse_versioned(&bytes) {
            Ok((data, older)) => ReadOutcome::Good(data, BaseId::unless_older(&bytes, older)),
            Err(problem) if is_too_new(&bytes) => ReadOutcome::TooNew(problem),
            Err(problem) => ReadOutcome::Bad(problem),
        },
    }
}

/// Whether `bytes` is an object whose `schema_version` is newer than this Overture reads.
fn is_too_new(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice::<VersionProbe>(bytes)
        .is_ok_and(|probe| probe.schema_version > u64::from(SCHEMA_VERSION))
}

/// An encrypted document: decrypted with `keys`, then read as [`read_document`] reads.
pub(super) fn read_sealed_document(path: &Path, keys: &Keys) -> ReadOutcome {
    match read_capped(path, MAX_SEALED_BYTES) {
        Raw::Missing => ReadOutcome::Missing,
        Raw::Failed(e) => ReadOutcome::Failed(e),
        Raw::Bad(detail) => ReadOutcome::Bad(detail),
        Raw::Bytes(bytes) => match crypt::unseal(keys, &bytes) {
            Ok(plain) => match parse_versioned(&plain) {
                Ok((data, older)) => ReadOutcome::Good(data, BaseId::unless_older(&bytes, older)),
                Err(problem) if is_too_new(&plain) => ReadOutcome::TooNew(problem),
                Err(problem) => ReadOutcome::Bad(format!("decrypted, but {problem}")),
            },
            Err(problem) => ReadOutcome::Bad(problem),
        },
    }
}

/// What reading a file at most `cap` bytes long gave.
pub(super) enum Raw {
    Missing,
    Bytes(Vec<u8>),
    /// There, but not something Overture reads (not a file, too large): why.
    Bad(String),
    Failed(io::Error),
}

pub(super) fn read_capped(path: &Path, cap: u64) -> Raw {
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
pub(super) fn exists(path: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

pub(super) fn too_large(cap: u64) -> String {
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
pub(super) fn parse(bytes: &[u8]) -> Result<SavedData, String> {
    parse_versioned(bytes).map(|(data, _)| data)
}

/// [`parse`], and whether the document was of an older schema (migrated as it was read).
pub(super) fn parse_versioned(bytes: &[u8]) -> Result<(SavedData, bool), String> {
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
            let older = data.schema_version < SCHEMA_VERSION;
            Ok((migrate(data), older))
        }
        Err(e) => {
            if let Ok(probe) = serde_json::from_slice::<VersionProbe>(bytes) {
                check_version(probe.schema_version)?;
            }
            Err(describe(&e))
        }
    }
}

pub(super) fn check_version(version: u64) -> Result<(), String> {
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
pub(super) fn migrate(mut data: SavedData) -> SavedData {
    if data.schema_version < SCHEMA_VERSION {
        data.schema_version = SCHEMA_VERSION;
    }
    data
}

/// The parser's message, escaped and shortened (it can quote the file's text), then its line
/// and column.
pub(super) fn describe(e: &serde_json::Error) -> String {
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
pub(super) fn sanitize(text: &str) -> String {
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
