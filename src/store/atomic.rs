//! Atomic writes: a temp file flushed to disk and renamed over the old one, the backup kept
//! by hard link or copy, the directory synced, and files moved aside without ever replacing
//! anything.

use super::{Store, StoreError, TEMP_PREFIX, io_err, private_options};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// How many `-<k>` suffixes to try before giving up on a free moved-aside name.
const MAX_ASIDE_ATTEMPTS: u32 = 1000;

impl Store {
    /// Writes `bytes` as `name` (temp file, flushed, renamed over it), keeping the previous
    /// `name` as `backup`.
    pub(super) fn write_with_backup(
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
    pub(super) fn replace(&mut self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
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
    pub(super) fn next_temp_path(&mut self) -> PathBuf {
        let n = self.next_temp;
        self.next_temp += 1;
        let pid = std::process::id();
        self.dir.join(format!("{TEMP_PREFIX}{pid}-{n}"))
    }

    /// Temp files can only be left by a save that crashed: we hold the lock, so no live save
    /// owns them. Failing to remove one is harmless and not reported.
    pub(super) fn remove_stale_temps(&self) {
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

    /// Makes `backup` the current `name`, if there is one, without ever touching `name`: a
    /// hard link (or, where links are not supported, a flushed
    /// copy) under a temp name, renamed over the old backup.
    pub(super) fn keep_backup(
        &self,
        name: &str,
        backup: &str,
        backup_temp: &Path,
    ) -> Result<(), StoreError> {
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

/// Creates `path` (which must not exist), writes `bytes` and flushes them to disk. If it fails
/// after creating the file, the file is removed; a `path` that already existed is not ours and
/// is left alone.
pub(super) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
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
pub(super) fn copy_to_new_file(from: &Path, to: &Path) -> Result<(), StoreError> {
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
pub(super) fn discard(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(test)]
thread_local! {
    /// Makes this thread's directory syncs fail, as a disk that cannot confirm a rename does.
    pub(super) static FAIL_DIR_SYNC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Flushes the directory entry changes (renames) to disk. File systems that cannot sync a
/// directory say so with `EINVAL`/`ENOTSUP`; there is nothing more to do on those.
#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(test)]
    if FAIL_DIR_SYNC.with(std::cell::Cell::get) {
        return Err(io::Error::other("directory sync failed (test)"));
    }
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
pub(super) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Moves the unreadable `path` to a fresh `overture.json.unreadable-<secs>[-<k>]` name in
/// `dir`. Never replaces anything already there.
pub(super) fn move_aside(dir: &Path, path: &Path, prefix: &str) -> Result<PathBuf, StoreError> {
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
pub(super) fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
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
