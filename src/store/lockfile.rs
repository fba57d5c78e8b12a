//! The directory lock: `overture.lock`, held for the life of a [`Store`](super::Store).

use super::{LOCK_FILE, StoreError, io_err, private_options};
use std::fs::{self, File, TryLockError};
use std::path::Path;

/// Opens (creating if needed, never truncating) the directory's lock file and takes the lock.
/// `StoreError::Locked` if another Overture holds it. Shared by opening and wiping.
pub(crate) fn take_lock(dir: &Path) -> Result<File, StoreError> {
    let lock_path = dir.join(LOCK_FILE);
    let mut options = private_options();
    options.read(true).write(true).create(true).truncate(false);
    // Never through a link: it would create or lock a file outside the folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let lock = match options.open(&lock_path) {
        Ok(lock) => lock,
        Err(_) if fs::symlink_metadata(&lock_path).is_ok_and(|m| m.file_type().is_symlink()) => {
            return Err(StoreError::Link { path: lock_path });
        }
        Err(e) => return Err(io_err(&lock_path)(e)),
    };
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
