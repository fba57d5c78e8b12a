//! The save log: saving an answer appends what changed instead of rewriting years of history.
//!
//! The document (`overture.json`, or `overture.json.age` with the lock on) is the *base*. Each
//! save after it appends one entry to `overture.log` (`overture.log.age`): the document's small
//! fields in full, and for each list of records how many of the base's records it keeps and
//! the records that follow. Opening reads the base and replays the entries. When the log grows
//! past an eighth of the base (at least [`LOG_MIN_BYTES`]), the next save writes a whole new base (the
//! old save path, with its backup) and starts the log again: the compaction.
//!
//! - The log's first entry names the base it belongs to (length and a hash of its bytes). A log
//!   for another base is never replayed: it is moved aside, never deleted.
//! - A whole save first renames the log to `overture.log.folded`, then writes the new base (the
//!   old save path, keeping the previous base as the backup), then removes the folded log.
//!   Opening after a crash in between puts a folded log back if it belongs to the base there
//!   (the new base never got written) and removes it otherwise (the new base holds its saves).
//! - An entry is flushed to disk before the save returns. A save killed mid-append leaves a
//!   cut-off last entry, which is not replayed (that save did not happen) and is cut off
//!   before the next append. A save that fails (a full disk) cuts the file back to what it was.
//!   A damaged entry before the last is reported like an unreadable document: the log is
//!   moved aside and everything before that entry is offered.
//! - Plain: one compact JSON object a line. Locked: each entry is an age file encrypted to the
//!   same identity as the base, after its length (4 bytes, little-endian).
//!
//! The store knows what changed from the document's lists ([`Records`] keep the lowest index
//! changed since the last save) and trusts that only for the document it last saved or
//! loaded ([`crate::core::record::SaveStamp`]); anything else is written whole.

use super::crypt::{self, Keys};
use super::document::{Raw, ReadOutcome, check_version, describe, exists, read_capped};
use super::{Loaded, Lock, MAX_DATA_BYTES, Store, StoreError, atomic::discard, io_err, move_aside};
use crate::core::record::{Records, SavedData};
use serde::{Deserialize, Serialize};
use std::fs::{self, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use zeroize::Zeroizing;

/// The plain log, beside `overture.json`.
pub const LOG_FILE: &str = "overture.log";
/// With the lock on: the log, beside `overture.json.age`.
pub const SEALED_LOG_FILE: &str = "overture.log.age";
/// The log while a whole save folds it into a new document (see [`Store::fold_log`]).
pub const FOLDED_LOG_FILE: &str = "overture.log.folded";
/// With the lock on: the log while it is being folded.
pub const SEALED_FOLDED_LOG_FILE: &str = "overture.log.age.folded";
/// Logs that cannot be replayed are moved aside to `overture.log.unreadable-<unix seconds>`.
pub const LOG_UNREADABLE_PREFIX: &str = "overture.log.unreadable-";
/// With the lock on: `overture.log.age.unreadable-<unix seconds>`.
pub const SEALED_LOG_UNREADABLE_PREFIX: &str = "overture.log.age.unreadable-";
/// The log may always grow to this before a compaction, however small the base.
pub const LOG_MIN_BYTES: u64 = 256 * 1024;
/// The log format this build writes and reads.
const LOG_FORMAT: u32 = 1;

/// Stamps for [`crate::core::record::SaveStamp`]: unique in the process, never 0.
static NEXT_STAMP: AtomicU64 = AtomicU64::new(1);

fn next_stamp() -> u64 {
    NEXT_STAMP.fetch_add(1, Ordering::Relaxed)
}

/// Which base a log belongs to: the base file's length and a hash of its bytes, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct BaseId {
    len: u64,
    hash: u64,
}

impl BaseId {
    pub(super) fn of(bytes: &[u8]) -> BaseId {
        BaseId {
            len: bytes.len() as u64,
            hash: quick_hash(bytes),
        }
    }

    /// The id of a base that reads, or `None` if it is of an older schema: such a base gets no
    /// log, so that the first save writes it whole in the current schema.
    pub(super) fn unless_older(bytes: &[u8], older: bool) -> Option<BaseId> {
        (!older).then(|| BaseId::of(bytes))
    }

    fn to_text(self) -> String {
        format!("{}-{:016x}", self.len, self.hash)
    }
}

/// A fast 64-bit hash, in four independent lanes of eight bytes (so that the processor can
/// work on them at once: the base is hashed at every start). It only tells one of our own
/// files from another (a base from the one before it), so it need not resist anyone.
fn quick_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(29);
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let len = bytes.len() as u64;
    let mut lanes = [
        0x243f_6a88_85a3_08d3 ^ len,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, word(chunk));
        }
    }
    let mut h = lanes.iter().fold(len, |h, &lane| mix(h, lane));
    for &b in blocks.remainder() {
        h = mix(h, u64::from(b));
    }
    h ^ (h >> 31)
}

/// How many records each list holds (or keeps).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lens {
    assessments: usize,
    safety_checks: usize,
    rehearsals: usize,
    asks: usize,
    reviews: usize,
    journal: usize,
    boundaries: usize,
}

impl Lens {
    fn of(data: &SavedData) -> Lens {
        Lens {
            assessments: data.assessments.len(),
            safety_checks: data.safety_checks.len(),
            rehearsals: data.rehearsals.len(),
            asks: data.asks.len(),
            reviews: data.reviews.len(),
            journal: data.journal.len(),
            boundaries: data.boundaries.len(),
        }
    }

    /// What of the saved lists (`self`) is still the same in `data`, by its change marks.
    fn kept_by(self, data: &SavedData) -> Lens {
        fn kept<T>(saved: usize, list: &Records<T>) -> usize {
            saved.min(list.changed_from()).min(list.len())
        }
        Lens {
            assessments: kept(self.assessments, &data.assessments),
            safety_checks: kept(self.safety_checks, &data.safety_checks),
            rehearsals: kept(self.rehearsals, &data.rehearsals),
            asks: kept(self.asks, &data.asks),
            reviews: kept(self.reviews, &data.reviews),
            journal: kept(self.journal, &data.journal),
            boundaries: kept(self.boundaries, &data.boundaries),
        }
    }
}

/// The log's first entry.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    overture_log: u32,
    base: String,
}

/// One save: keep this many records of each list, then add `data`'s (which holds only the
/// records after them), and take `data`'s other fields as they are.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    keep: Lens,
    data: SavedData,
}

impl Entry {
    fn of(data: &SavedData, keep: Lens) -> Entry {
        fn after<T: Clone>(list: &Records<T>, keep: usize) -> Records<T> {
            list.get(keep..)
                .unwrap_or_default()
                .iter()
                .cloned()
                .collect()
        }
        Entry {
            keep,
            data: SavedData {
                schema_version: data.schema_version,
                profile: data.profile.clone(),
                draft: data.draft.clone(),
                assessments: after(&data.assessments, keep.assessments),
                safety_checks: after(&data.safety_checks, keep.safety_checks),
                rehearsals: after(&data.rehearsals, keep.rehearsals),
                asks: after(&data.asks, keep.asks),
                timeline: data.timeline.clone(),
                reviews: after(&data.reviews, keep.reviews),
                journal: after(&data.journal, keep.journal),
                boundaries: after(&data.boundaries, keep.boundaries),
                recheck_after: data.recheck_after,
                settings: data.settings.clone(),
                saved_as: crate::core::record::SaveStamp::default(),
            },
        }
    }

    /// Replays this entry onto `data`. On `Err`, `data` is unchanged.
    fn apply(self, data: &mut SavedData) -> Result<(), String> {
        fn splice<T>(list: &mut Records<T>, keep: usize, added: Records<T>) {
            list.truncate(keep);
            list.extend(added);
        }
        let keep = self.keep;
        let fits = |kept: usize, len: usize| kept <= len;
        let have = Lens::of(data);
        if !(fits(keep.assessments, have.assessments)
            && fits(keep.safety_checks, have.safety_checks)
            && fits(keep.rehearsals, have.rehearsals)
            && fits(keep.asks, have.asks)
            && fits(keep.reviews, have.reviews)
            && fits(keep.journal, have.journal)
            && fits(keep.boundaries, have.boundaries))
        {
            return Err("it keeps records the saved answers do not have".to_string());
        }
        // Every field named, so that a new one cannot be forgotten here.
        let SavedData {
            schema_version,
            profile,
            draft,
            assessments,
            safety_checks,
            rehearsals,
            asks,
            timeline,
            reviews,
            journal,
            boundaries,
            recheck_after,
            settings,
            saved_as: _,
        } = self.data;
        check_version(u64::from(schema_version))?;
        splice(&mut data.assessments, keep.assessments, assessments);
        splice(&mut data.safety_checks, keep.safety_checks, safety_checks);
        splice(&mut data.rehearsals, keep.rehearsals, rehearsals);
        splice(&mut data.asks, keep.asks, asks);
        splice(&mut data.reviews, keep.reviews, reviews);
        splice(&mut data.journal, keep.journal, journal);
        splice(&mut data.boundaries, keep.boundaries, boundaries);
        data.schema_version = data.schema_version.max(schema_version);
        data.profile = profile;
        data.draft = draft;
        data.timeline = timeline;
        data.recheck_after = recheck_after;
        data.settings = settings;
        Ok(())
    }
}

/// What the store knows of the log that goes with the base on disk.
#[derive(Debug, Clone, Copy)]
pub(super) struct LogState {
    base: BaseId,
    /// The lists as the base plus the log hold them.
    lens: Lens,
    /// The log's length up to its last whole entry (0: no log yet).
    bytes: u64,
}

impl LogState {
    /// The most the log may hold before the next save writes a whole new base: an eighth of
    /// the base, so that replaying it at start-up adds little to reading the base, and a
    /// whole save (25 ms at 5,000 snapshots) comes once every few hundred saves.
    fn limit(&self) -> u64 {
        LOG_MIN_BYTES.max(self.base.len / 8)
    }
}

/// Marks `data` as exactly what was just written or read.
fn mark_saved(data: &SavedData, stamp: u64) {
    data.assessments.mark_unchanged();
    data.safety_checks.mark_unchanged();
    data.rehearsals.mark_unchanged();
    data.asks.mark_unchanged();
    data.reviews.mark_unchanged();
    data.journal.mark_unchanged();
    data.boundaries.mark_unchanged();
    data.saved_as.set(stamp);
}

/// One record of the log file as it was found: where it ends, and what it holds.
struct Record<'a> {
    end: u64,
    body: Body<'a>,
}

enum Body<'a> {
    Whole(&'a [u8]),
    /// The file ends inside it, as a save killed mid-append leaves it: what there is of it
    /// after its length (locked) or all of it (plain).
    CutOff(&'a [u8]),
    /// The file ends inside it, but no append could have left it so: its length is damaged.
    Damaged,
}

/// The first bytes of every age file, and so of every sealed record's body.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Whether `rest`, a sealed record that runs past the end of the file, is what a save killed
/// mid-append leaves: one record's beginning (its length, then the start of one age file),
/// with no other record's beginning after it. A length damaged into a larger one would
/// otherwise read as a cut-off last save and hide every save after it.
fn sealed_cut_off(rest: &[u8]) -> bool {
    let Some(body) = rest.get(4..) else {
        return true;
    };
    let shown = body.len().min(AGE_MAGIC.len());
    if body.get(..shown) != AGE_MAGIC.get(..shown) {
        return false;
    }
    let after = body.get(AGE_MAGIC.len()..).unwrap_or_default();
    !after
        .windows(AGE_MAGIC.len())
        .any(|window| window == AGE_MAGIC)
}

/// Splits a log file into its records.
fn records(bytes: &[u8], sealed: bool) -> Vec<Record<'_>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        let whole = if sealed {
            rest.get(..4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(|b| u32::from_le_bytes(b) as usize)
                .and_then(|len| rest.get(4..4 + len).map(|body| (body, 4 + len)))
        } else {
            rest.iter()
                .position(|&b| b == b'\n')
                .and_then(|end| rest.get(..end).map(|body| (body, end + 1)))
        };
        if let Some((body, used)) = whole {
            at += used;
            out.push(Record {
                end: at as u64,
                body: Body::Whole(body),
            });
        } else {
            let body = if !sealed {
                Body::CutOff(rest)
            } else if sealed_cut_off(rest) {
                Body::CutOff(rest.get(4..).unwrap_or_default())
            } else {
                Body::Damaged
            };
            out.push(Record {
                end: bytes.len() as u64,
                body,
            });
            break;
        }
    }
    out
}

/// A log file, read.
struct LogRead {
    /// The base it names; `None` when not even its first entry is whole.
    base: Option<String>,
    entries: Vec<Entry>,
    /// The length up to the last whole entry.
    valid: u64,
    /// A damaged entry before the last: which and why.
    damage: Option<String>,
}

impl LogRead {
    /// Whether this is the log of `base`.
    fn belongs_to(&self, base: BaseId) -> bool {
        self.base.as_deref() == Some(base.to_text().as_str())
    }

    /// Replays the entries onto `data` in order, up to the first that does not fit it: why
    /// that one did not, if one did not.
    fn replay(self, data: &mut SavedData) -> Option<String> {
        self.entries
            .into_iter()
            .find_map(|entry| entry.apply(data).err())
    }
}

fn read_log(bytes: &[u8], keys: Option<&Keys>) -> LogRead {
    let records = records(bytes, keys.is_some());
    let count = records.len();
    let mut read = LogRead {
        base: None,
        entries: Vec::new(),
        valid: 0,
        damage: None,
    };
    for (i, record) in records.into_iter().enumerate() {
        let plain: Result<Zeroizing<Vec<u8>>, String> = match (record.body, keys) {
            // A whole age file behind a length too large: the length is damaged, and the
            // save it holds is kept, not cut away at the next append.
            (Body::CutOff(rest), Some(keys)) if crypt::unseal(keys, rest).is_ok() => {
                Err("its length runs past the end of the file".to_string())
            }
            // A save killed mid-append: that save did not happen.
            (Body::CutOff(_), _) => break,
            (Body::Damaged, _) => Err("its length runs past the end of the file".to_string()),
            (Body::Whole(body), Some(keys)) => crypt::unseal(keys, body),
            (Body::Whole(body), None) => Ok(Zeroizing::new(body.to_vec())),
        };
        let parsed = plain.and_then(|plain| {
            if i == 0 {
                let header: Header = serde_json::from_slice(&plain).map_err(|e| describe(&e))?;
                if header.overture_log != LOG_FORMAT {
                    return Err(format!(
                        "it is log format {}, this version reads {LOG_FORMAT}",
                        header.overture_log
                    ));
                }
                read.base = Some(header.base);
            } else {
                let entry: Entry = serde_json::from_slice(&plain).map_err(|e| describe(&e))?;
                read.entries.push(entry);
            }
            Ok(())
        });
        match parsed {
            Ok(()) => read.valid = record.end,
            // Whole but unreadable, even last: no append leaves that, so it is damage.
            Err(problem) => {
                read.damage = Some(format!("entry {} of {count}: {problem}", i + 1));
                break;
            }
        }
    }
    read
}

/// An entry's bytes as they go in the file: checked to read back the same first.
fn encode_entry(entry: &Entry, keys: Option<&Keys>) -> Result<Vec<u8>, String> {
    let json = Zeroizing::new(serde_json::to_vec(entry).map_err(|e| describe(&e))?);
    match serde_json::from_slice::<Entry>(&json) {
        Ok(back) if back == *entry => {}
        Ok(_) => return Err("it did not read back the same".to_string()),
        Err(e) => return Err(describe(&e)),
    }
    frame(&json, keys)
}

/// `json` as one record: a line, or with the lock on, its length and the age file.
fn frame(json: &[u8], keys: Option<&Keys>) -> Result<Vec<u8>, String> {
    match keys {
        None => {
            if json.contains(&b'\n') {
                return Err("it is not one line".to_string());
            }
            let mut line = Vec::with_capacity(json.len() + 1);
            line.extend_from_slice(json);
            line.push(b'\n');
            Ok(line)
        }
        Some(keys) => {
            let sealed = crypt::seal_verified(keys, json)?;
            let len = u32::try_from(sealed.len()).map_err(|_| "it is too large".to_string())?;
            let mut out = Vec::with_capacity(sealed.len() + 4);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&sealed);
            Ok(out)
        }
    }
}

impl Store {
    fn log_names(&self) -> (&'static str, &'static str) {
        match self.lock {
            Lock::Off => (LOG_FILE, LOG_UNREADABLE_PREFIX),
            Lock::Sealed | Lock::Unlocked(_) => (SEALED_LOG_FILE, SEALED_LOG_UNREADABLE_PREFIX),
        }
    }

    fn folded_name(&self) -> &'static str {
        match self.lock {
            Lock::Off => FOLDED_LOG_FILE,
            Lock::Sealed | Lock::Unlocked(_) => SEALED_FOLDED_LOG_FILE,
        }
    }

    /// Before a whole save: renames the log `log` (if there is one) to its folded name and
    /// returns where it is now. A rename that fails stops the save, with nothing changed.
    pub(super) fn fold_log(&mut self, log: &str) -> Result<Option<std::path::PathBuf>, StoreError> {
        let path = self.dir.join(log);
        if !exists(&path).map_err(io_err(&path))? {
            return Ok(None);
        }
        let folded = self.dir.join(format!("{log}.folded"));
        fs::rename(&path, &folded).map_err(io_err(&path))?;
        Ok(Some(folded))
    }

    /// At open: a folded log left by a crash mid-fold goes back beside the base it belongs
    /// to, or, when the new base was written (and holds its saves), goes.
    fn settle_folded_log(&self, base: BaseId, keys: Option<&Keys>) -> Result<(), StoreError> {
        let folded = self.dir.join(self.folded_name());
        let bytes = match read_capped(&folded, MAX_DATA_BYTES) {
            Raw::Missing => return Ok(()),
            Raw::Bytes(bytes) => bytes,
            Raw::Bad(_) | Raw::Failed(_) => {
                let (_, prefix) = self.log_names();
                move_aside(&self.dir, &folded, prefix)?;
                return Ok(());
            }
        };
        let (name, prefix) = self.log_names();
        let log = self.dir.join(name);
        let read = read_log(&bytes, keys);
        let ours = read.belongs_to(base);
        if ours && !exists(&log).map_err(io_err(&log))? {
            fs::rename(&folded, &log).map_err(io_err(&folded))?;
        } else if read.base.is_some() && !ours {
            discard(&folded);
        } else {
            move_aside(&self.dir, &folded, prefix)?;
        }
        Ok(())
    }

    /// The document is missing: a log (or a folded one) found without it belongs to nothing
    /// that can be read, and is moved aside rather than lost to the first save's fold.
    pub(super) fn set_aside_orphan_log(&self) -> Result<(), StoreError> {
        let (name, prefix) = self.log_names();
        self.move_log_aside(name, prefix)?;
        self.move_log_aside(self.folded_name(), prefix)
    }

    fn keys(&self) -> Option<Keys> {
        match &self.lock {
            Lock::Unlocked(keys) => Some(keys.clone()),
            Lock::Off | Lock::Sealed => None,
        }
    }

    /// After the base was read as `data` (it is `base` on disk): replays its log, if it has
    /// one. `keys` decrypt a locked log. `backup` is the backup's file, for telling a log
    /// left by a crash mid-compaction from one that must be kept.
    pub(super) fn attach_log(
        &mut self,
        mut data: SavedData,
        base: Option<BaseId>,
        keys: Option<&Keys>,
    ) -> Result<Loaded, StoreError> {
        let (name, prefix) = self.log_names();
        let path = self.dir.join(name);
        if let Some(base) = base {
            self.settle_folded_log(base, keys)?;
        }
        let Some(base) = base else {
            // Of an older schema: no log of this build's can go with it.
            if exists(&path).map_err(io_err(&path))? {
                move_aside(&self.dir, &path, prefix)?;
            }
            self.log = None;
            self.stamp = 0;
            return Ok(Loaded::Data(data));
        };
        let mut state = LogState {
            base,
            lens: Lens::of(&data),
            bytes: 0,
        };
        let bytes = match read_capped(&path, MAX_DATA_BYTES) {
            Raw::Missing => Vec::new(),
            Raw::Failed(source) => return Err(StoreError::Io { path, source }),
            Raw::Bytes(bytes) => bytes,
            Raw::Bad(problem) => {
                let moved_to = move_aside(&self.dir, &path, prefix)?;
                return Ok(self.log_moved_aside(data, moved_to, &problem));
            }
        };
        if !bytes.is_empty() {
            let read = read_log(&bytes, keys);
            match read.base {
                // A log is created whole (header and first entry in one atomic write), so a
                // first line that cannot be read is damage: kept aside, and said.
                None => {
                    let problem = read
                        .damage
                        .unwrap_or_else(|| "its first line is cut off".to_string());
                    let moved_to = move_aside(&self.dir, &path, prefix)?;
                    return Ok(self.log_moved_aside(data, moved_to, &problem));
                }
                Some(_) if read.belongs_to(base) => {
                    let valid = read.valid;
                    let damage = read.damage.clone();
                    if let Some(problem) = read.replay(&mut data).or(damage) {
                        let moved_to = move_aside(&self.dir, &path, prefix)?;
                        return Ok(self.log_moved_aside(data, moved_to, &problem));
                    }
                    state.lens = Lens::of(&data);
                    state.bytes = valid;
                }
                // Another base's: never replayed, never deleted.
                _ => {
                    move_aside(&self.dir, &path, prefix)?;
                }
            }
        }
        self.log = Some(state);
        let stamp = next_stamp();
        self.stamp = stamp;
        mark_saved(&data, stamp);
        Ok(Loaded::Data(data))
    }

    /// When a log starts and there is no backup yet (the first document ever written), a copy
    /// of the document becomes the backup, so that if the document is ever damaged, the backup
    /// with the log replayed gives back every save. Best effort: it is only a spare.
    fn copy_base_as_backup(&mut self) {
        let (base, backup) = match self.lock {
            Lock::Off => (super::DATA_FILE, super::BACKUP_FILE),
            Lock::Sealed | Lock::Unlocked(_) => (super::SEALED_FILE, super::SEALED_BACKUP_FILE),
        };
        if exists(&self.dir.join(backup)).unwrap_or(true) {
            return;
        }
        let temp = self.next_temp_path();
        if super::atomic::copy_to_new_file(&self.dir.join(base), &temp).is_ok()
            && fs::rename(&temp, self.dir.join(backup)).is_err()
        {
            discard(&temp);
        }
    }

    /// After the document was found unreadable and moved aside: its backup, with the log's
    /// saves replayed when the log belongs to it (the backup is then a copy of that document).
    /// The log is moved aside either way: the backup is saved whole when it is put back.
    pub(super) fn backup_with_log(
        &self,
        backup: ReadOutcome,
        keys: Option<&Keys>,
    ) -> Result<ReadOutcome, StoreError> {
        let (name, prefix) = self.log_names();
        let path = self.dir.join(name);
        let backup = match backup {
            ReadOutcome::Good(mut data, Some(base)) => {
                if let Raw::Bytes(bytes) = read_capped(&path, MAX_DATA_BYTES) {
                    let read = read_log(&bytes, keys);
                    if read.belongs_to(base) {
                        read.replay(&mut data);
                    }
                }
                ReadOutcome::Good(data, Some(base))
            }
            other => other,
        };
        self.move_log_aside(name, prefix)?;
        Ok(backup)
    }

    /// A log that cannot be replayed (moved aside to `moved_to`): reported like an unreadable
    /// document, offering what was read before the damage.
    fn log_moved_aside(
        &mut self,
        data: SavedData,
        moved_to: std::path::PathBuf,
        problem: &str,
    ) -> Loaded {
        // The base is unchanged and has no log now; what is offered is not the base, so the
        // next save writes it whole.
        self.log = None;
        self.stamp = 0;
        let (name, _) = self.log_names();
        Loaded::MovedAside {
            problem: format!(
                "{}: the latest saves cannot be read: {problem}",
                self.dir.join(name).display()
            ),
            moved_to,
            backup: Some(data),
            backup_moved_to: None,
        }
    }

    /// Saves `data` by appending to the log, if it can: `None` when the next save must write
    /// the whole document (no base known, a document the store did not save or load last, or a
    /// log that would grow past its limit).
    pub(super) fn save_to_log(&mut self, data: &SavedData) -> Option<Result<(), StoreError>> {
        let state = self.log?;
        if self.stamp == 0 || data.saved_as.get() != self.stamp {
            return None;
        }
        let keep = state.lens.kept_by(data);
        let keys = self.keys();
        let (name, _) = self.log_names();
        let path = self.dir.join(name);
        let entry = Entry::of(data, keep);
        let bytes = match encode_entry(&entry, keys.as_ref()) {
            Ok(bytes) => bytes,
            Err(problem) => return Some(Err(StoreError::Encode { path, problem })),
        };
        if state.bytes + bytes.len() as u64 > state.limit() {
            return None;
        }
        // The log's length once this entry is in, worked out once for every outcome below.
        let new_len;
        let written = if state.bytes == 0 {
            let header = Header {
                overture_log: LOG_FORMAT,
                base: state.base.to_text(),
            };
            let header = match serde_json::to_vec(&header)
                .map_err(|e| describe(&e))
                .and_then(|json| frame(&json, keys.as_ref()))
            {
                Ok(header) => header,
                Err(problem) => return Some(Err(StoreError::Encode { path, problem })),
            };
            let mut file = header;
            file.extend_from_slice(&bytes);
            new_len = file.len() as u64;
            let created = self.replace(name, &file);
            if created.is_ok() {
                self.copy_base_as_backup();
            }
            created
        } else {
            new_len = state.bytes + bytes.len() as u64;
            append(&path, state.bytes, &bytes)
        };
        match written {
            Ok(()) => {}
            Err(StoreError::NotFlushed { path, source }) => {
                // It is in place; only its flush is unconfirmed.
                self.after_log_save(data, new_len);
                return Some(Err(StoreError::NotFlushed { path, source }));
            }
            Err(StoreError::Io { source, .. })
                if source.kind() == io::ErrorKind::NotFound && state.bytes > 0 =>
            {
                // The log went missing under us: write the whole document instead.
                self.log = None;
                return None;
            }
            Err(e) => return Some(Err(e)),
        }
        self.after_log_save(data, new_len);
        Some(Ok(()))
    }

    fn after_log_save(&mut self, data: &SavedData, bytes: u64) {
        if let Some(state) = &mut self.log {
            state.lens = Lens::of(data);
            state.bytes = bytes;
        }
        let stamp = next_stamp();
        self.stamp = stamp;
        mark_saved(data, stamp);
    }

    /// After a whole document was written (its bytes on disk are `written`, and the old log
    /// is gone): it is the new base.
    pub(super) fn after_full_save(&mut self, data: &SavedData, written: &[u8]) {
        self.log = Some(LogState {
            base: BaseId::of(written),
            lens: Lens::of(data),
            bytes: 0,
        });
        let stamp = next_stamp();
        self.stamp = stamp;
        mark_saved(data, stamp);
    }

    /// Whether the base on disk has a log with saves in it.
    pub(super) fn has_log(&self) -> bool {
        self.log.is_some_and(|state| state.bytes > 0)
    }

    /// The base changed outside the save path (the lock turned on or off, the passphrase
    /// changed): the next save writes the whole document.
    pub(super) fn forget_log(&mut self) {
        self.log = None;
        self.stamp = 0;
    }
}

/// Appends `bytes` to the log at `path`, whose whole entries end at `at` (anything after is a
/// cut-off entry, cut away first). Flushed before it returns; on failure the file is cut back
/// to `at`.
fn append(path: &std::path::Path, at: u64, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io_err(path))?;
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if file.metadata().map_err(io)?.len() != at {
        file.set_len(at).map_err(io)?;
    }
    file.seek(SeekFrom::Start(at)).map_err(io)?;
    if let Err(source) = file.write_all(bytes) {
        let _ = file.set_len(at);
        let _ = file.sync_data();
        return Err(io(source));
    }
    file.sync_data().map_err(|source| StoreError::NotFlushed {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a log for commands that change nothing (read-only media): the base's saves replayed
/// up to the first that does not read. A log for another base is left out.
pub(super) fn replay_read_only(
    data: &mut SavedData,
    dir: &std::path::Path,
    base: Option<BaseId>,
) -> Result<(), StoreError> {
    let Some(base) = base else { return Ok(()) };
    // A log set aside by a whole save that was cut short is still this base's, if it names it.
    let path = if exists(&dir.join(LOG_FILE)).unwrap_or(true) {
        dir.join(LOG_FILE)
    } else {
        dir.join(FOLDED_LOG_FILE)
    };
    let bytes = match read_capped(&path, MAX_DATA_BYTES) {
        Raw::Bytes(bytes) => bytes,
        Raw::Missing | Raw::Bad(_) => return Ok(()),
        Raw::Failed(source) => return Err(StoreError::Io { path, source }),
    };
    let read = read_log(&bytes, None);
    if read.belongs_to(base) {
        read.replay(data);
    }
    Ok(())
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::super::atomic::FAIL_DIR_SYNC;
    use super::*;
    use crate::core::record::JournalEntry;

    fn note(text: &str) -> JournalEntry {
        JournalEntry {
            id: text.to_string(),
            at: jiff::Timestamp::from_second(1_780_000_000).unwrap(),
            prompt: None,
            text: text.to_string(),
        }
    }

    /// The first save to a log creates the file; when the folder's flush of it fails, the
    /// save reports it, and the next save must still append after the whole first entry
    /// (once, the length kept for it left out the header, and the next append cut into it).
    #[test]
    fn an_unconfirmed_first_entry_is_kept_by_the_next_save() {
        let tmp = tempfile::TempDir::new().unwrap();
        let mut data = SavedData::default();
        data.journal.push(note("already saved"));
        Store::open(tmp.path()).unwrap().0.save(&data).unwrap();
        let (mut store, loaded) = Store::open(tmp.path()).unwrap();
        let Loaded::Data(mut data) = loaded else {
            panic!("{loaded:?}");
        };
        data.journal.push(note("first"));
        FAIL_DIR_SYNC.with(|fail| fail.set(true));
        let first = store.save(&data);
        FAIL_DIR_SYNC.with(|fail| fail.set(false));
        assert!(
            matches!(first, Err(StoreError::NotFlushed { .. })),
            "{first:?}"
        );
        assert!(
            tmp.path().join(LOG_FILE).exists(),
            "the save went to a new log"
        );
        data.journal.push(note("second"));
        store.save(&data).unwrap();
        drop(store);
        let (_store, reopened) = Store::open(tmp.path()).unwrap();
        assert_eq!(reopened, Loaded::Data(data));
    }
}
