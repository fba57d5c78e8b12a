//! The loaders, one byte slice in, for fuzzing: the cargo-fuzz targets under `fuzz/` and the
//! proptest fuzzing in `tests/it/fuzz_store.rs`. Not for Overture itself.
//!
//! Each returns what the store would make of the bytes; none may panic, hang or allocate
//! without bound, whatever the bytes.

use super::crypt::{self, KeyFileError, Keys};
use super::opened::OpenedRecord;
use super::{SecretString, parse};
use crate::core::record::SavedData;
use jiff::Timestamp;
use std::time::Duration;

/// A plain `overture.json`.
pub fn document(bytes: &[u8]) -> Result<SavedData, String> {
    parse(bytes)
}

/// An `overture.json.age`, decrypted with the identities in `key_text` (a decrypted key file:
/// `AGE-SECRET-KEY-1…` lines) and read as a document.
pub fn sealed_document(bytes: &[u8], key_text: &str) -> Result<SavedData, String> {
    let keys = Keys::from_text(key_text.as_bytes()).map_err(|e| format!("{e:?}"))?;
    let plain = crypt::unseal(&keys, bytes)?;
    parse(&plain)
}

/// An `overture.key.age` opened with `passphrase`, accepting work factors up to
/// `max_work_factor` (10 to 20): how many identities it holds.
pub fn key_file(
    bytes: &[u8],
    passphrase: &SecretString,
    max_work_factor: u8,
) -> Result<usize, String> {
    match crypt::open_key_file_capped(bytes, passphrase, max_work_factor) {
        Ok(keys) => Ok(keys.len()),
        Err(KeyFileError::WrongPassphrase) => Err("wrong passphrase".to_string()),
        Err(KeyFileError::Damaged(problem)) => Err(problem),
    }
}

/// An `overture.opened.json`: the last unlock, the wrong passphrases since, and the wait it
/// imposes at `now`.
pub fn opened_record(bytes: &[u8], now: Timestamp) -> (Option<Timestamp>, u32, Duration) {
    let record = OpenedRecord::parse(bytes);
    (
        record.last_opened,
        record.failed_attempts,
        record.wait_at(now),
    )
}

/// A valid `overture.json.age` of `plain` for the identities in `key_text`: seeds.
pub fn seal_for(key_text: &str, plain: &[u8]) -> Result<Vec<u8>, String> {
    let keys = Keys::from_text(key_text.as_bytes()).map_err(|e| format!("{e:?}"))?;
    crypt::seal(&keys, plain)
}

/// A valid key file holding the identities in `key_text`: seeds.
pub fn key_file_for(
    key_text: &str,
    passphrase: &SecretString,
    work_factor: u8,
) -> Result<Vec<u8>, String> {
    let keys = Keys::from_text(key_text.as_bytes()).map_err(|e| format!("{e:?}"))?;
    crypt::seal_key_file(&keys, passphrase, work_factor)
}
