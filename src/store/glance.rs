//! The home screen's glance, saved beside the document (`overture.home.json`) so that a start
//! with years of history reads a few kilobytes instead of the whole document.
//!
//! It is a cache, never the record: it names the files it was made from (length, times,
//! and on Unix the inode), and it is used only while they are still exactly those files.
//! Anything else (a save it missed, a crash before it was written, a file put back by hand, a
//! newer or older Overture) and the document is read as before. So it is written without
//! flushing it to disk: if a crash loses it or leaves it cut off, it does not read or does
//! not match, and costs one full read at the next start.
//!
//! Only the full-screen app's store writes it ([`Store::open_at_home`]); a save by any other
//! (plain mode, a command) leaves it stale, so the next start reads the document.
//!
//! It holds answers (the profile, the check-in in progress, the last two check-ins), so it is
//! owner-only like every other file, is written only with the lock off (turning the lock on
//! removes it), goes before a delete is saved (by any store), and is wiped with the rest.

use super::document::{Raw, read_capped};
use super::private::private_options;
use super::{DATA_FILE, FOLDED_LOG_FILE, LOG_FILE, Lock, SEALED_FILE, Store, StoreError};
use super::{KEY_FILE, SEALED_FOLDED_LOG_FILE, SEALED_LOG_FILE, atomic::discard};
use crate::core::glance::Glance;
use crate::core::record::SavedData;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// The glance of the saved answers, beside `overture.json` (lock off only).
pub const GLANCE_FILE: &str = "overture.home.json";
/// The glance file's format. A glance of another format, or from another build of Overture
/// (which may work out the path or the menu differently), is not used.
const GLANCE_FORMAT: u32 = 1;
/// This build: the version, and a hash of the content and of the code that works the glance
/// out (`build.rs`), so that even two builds of one version never share a glance.
const BUILD: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    include_str!(concat!(env!("OUT_DIR"), "/logic-fingerprint.txt"))
);
/// The most this reads of a glance file: it holds a few kilobytes.
const MAX_GLANCE_BYTES: u64 = 1024 * 1024;

/// What a file on disk was when the glance was made of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileStamp {
    len: u64,
    /// Last modified, in nanoseconds since 1970.
    modified: i128,
    /// Unix: the inode (a save puts a new file in place) and the last status change in
    /// nanoseconds, which no program can set back. 0 elsewhere.
    inode: u64,
    changed: i128,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlanceFile {
    overture_home: u32,
    /// The build of Overture that wrote it ([`BUILD`]).
    version: String,
    /// `overture.json` as it was.
    document: FileStamp,
    /// `overture.log` as it was (`None`: there was none).
    log: Option<FileStamp>,
    glance: Glance,
}

/// The stamp of the file at `path`, `None` if there is none. Links are not followed.
fn stamp(path: &Path) -> io::Result<Option<FileStamp>> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let nanos = |time: io::Result<std::time::SystemTime>| -> i128 {
        time.ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(-1, |d| i128::try_from(d.as_nanos()).unwrap_or(-1))
    };
    #[cfg(unix)]
    let (inode, changed) = {
        use std::os::unix::fs::MetadataExt;
        (
            meta.ino(),
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
        )
    };
    #[cfg(not(unix))]
    let (inode, changed) = (0, 0);
    Ok(Some(FileStamp {
        len: meta.len(),
        modified: nanos(meta.modified()),
        inode,
        changed,
    }))
}

impl Store {
    /// The saved glance, if it is the glance of the files on disk now (lock off, no
    /// compaction or lock change left half done).
    pub(super) fn fresh_glance(&self) -> Option<Glance> {
        let unsettled = [
            KEY_FILE,
            SEALED_FILE,
            SEALED_LOG_FILE,
            FOLDED_LOG_FILE,
            SEALED_FOLDED_LOG_FILE,
        ];
        if unsettled
            .iter()
            .any(|name| fs::symlink_metadata(self.dir.join(name)).is_ok())
        {
            return None;
        }
        let Raw::Bytes(bytes) = read_capped(&self.dir.join(GLANCE_FILE), MAX_GLANCE_BYTES) else {
            return None;
        };
        let file: GlanceFile = serde_json::from_slice(&bytes).ok()?;
        let current = file.overture_home == GLANCE_FORMAT
            && file.version == BUILD
            && stamp(&self.dir.join(DATA_FILE)).ok()? == Some(file.document)
            && stamp(&self.dir.join(LOG_FILE)).ok()? == file.log;
        current.then_some(file.glance)
    }

    /// After a save that left `data` on disk: its glance, for the next start (lock off, and
    /// only by a store that keeps one: [`Store::open_at_home`]'s). Best effort: a glance that cannot be written is removed, and the next start
    /// reads the document.
    pub(super) fn after_save(&mut self, data: &SavedData, saved: &Result<(), StoreError>) {
        if matches!(saved, Ok(()) | Err(StoreError::NotFlushed { .. })) {
            self.write_glance(data);
        }
    }

    /// Writes the glance of `data`, which is what the files on disk hold now, if this store
    /// keeps one.
    pub(super) fn write_glance(&mut self, data: &SavedData) {
        if !self.keeps_glance || !matches!(self.lock, Lock::Off) || self.held.is_none() {
            return;
        }
        if self.try_write_glance(data).is_err() {
            // Best effort: one left behind no longer matches the files, so it is never used.
            let _ = self.remove_glance();
        }
    }

    fn try_write_glance(&mut self, data: &SavedData) -> io::Result<()> {
        let document = stamp(&self.dir.join(DATA_FILE))?.ok_or(io::ErrorKind::NotFound)?;
        let file = GlanceFile {
            overture_home: GLANCE_FORMAT,
            version: BUILD.to_string(),
            document,
            log: stamp(&self.dir.join(LOG_FILE))?,
            glance: Glance::of(data),
        };
        let bytes = serde_json::to_vec(&file).map_err(io::Error::other)?;
        let temp = self.next_temp_path();
        let written = private_options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut out| out.write_all(&bytes))
            .and_then(|()| fs::rename(&temp, self.dir.join(GLANCE_FILE)));
        if written.is_err() {
            discard(&temp);
        }
        written
    }

    /// Removes the glance (it may hold what is being deleted, or must not stay in plain text).
    /// `Err` when it is there and will not go.
    pub(super) fn remove_glance(&self) -> Result<(), StoreError> {
        let path = self.dir.join(GLANCE_FILE);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(StoreError::Io { path, source }),
        }
    }
}
