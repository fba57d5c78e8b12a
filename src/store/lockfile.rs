//! The directory lock: `overture.lock`, held for the life of a [`Store`](super::Store).

use super::{LOCK_FILE, StoreError, io_err, private_options};
use std::fs::{self, File, TryLockError};
use std::path::Path;

/// The open, locked `overture.lock`. Dropping it unlocks before closing: closing alone would
/// leave the lock held while any copy of the descriptor lives on, and a child process this
/// process is starting holds one from its fork until its exec. An Overture that drops its
/// store and then wipes the folder (or opens it again) must find the lock free at once.
#[derive(Debug)]
pub(crate) struct HeldLock(File);

impl Drop for HeldLock {
    fn drop(&mut self) {
        // Nothing to do if it fails: closing the file releases it as before.
        let _ = self.0.unlock();
    }
}

/// Opens (creating if needed, never truncating) the directory's lock file and takes the lock.
/// `StoreError::Locked` if another Overture holds it. Shared by opening and wiping.
pub(crate) fn take_lock(dir: &Path) -> Result<HeldLock, StoreError> {
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
        Ok(()) => Ok(HeldLock(lock)),
        Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
            dir: dir.to_path_buf(),
        }),
        Err(TryLockError::Error(source)) => Err(StoreError::Io {
            path: lock_path,
            source,
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A copy of the descriptor (as a child process holds between its fork and its exec)
    /// must not keep the folder locked after this Overture lets it go: the wipe that follows
    /// a session would say another Overture has it open.
    #[test]
    fn a_dropped_lock_is_free_even_while_a_copy_of_its_descriptor_lives() {
        let dir = tempfile::tempdir().unwrap();
        let held = take_lock(dir.path()).unwrap();
        let copy_in_a_child = held.0.try_clone().unwrap();
        assert!(matches!(
            take_lock(dir.path()),
            Err(StoreError::Locked { .. })
        ));
        drop(held);
        assert!(take_lock(dir.path()).is_ok(), "the lock was let go");
        drop(copy_in_a_child);
    }
}
