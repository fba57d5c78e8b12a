//! The directory lock: `overture.lock`, held for the life of a [`Store`](super::Store).

use super::{LOCK_FILE, StoreError, io_err, private_options};
use std::fs::{File, TryLockError};
use std::path::Path;

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
