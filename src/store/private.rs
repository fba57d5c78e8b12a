//! Privacy on disk: the directory owner-only (0700) and every file Overture keeps in it
//! owner-only (0600), from the moment it is created.

use super::{
    BACKUP_FILE, DATA_FILE, KEY_FILE, LOCK_FILE, OPENED_FILE, SEALED_BACKUP_FILE, SEALED_FILE,
    SEALED_UNREADABLE_PREFIX, Store, StoreError, UNREADABLE_PREFIX, io_err,
};
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

impl Store {
    /// Overture's own files owner-only (0600). Only regular files with our names are
    /// touched; one of our names that is a link is refused ([`StoreError::Link`]): it could
    /// point anywhere, and a save would replace the link rather than what it points to.
    #[cfg(unix)]
    pub(super) fn make_private(&self) -> Result<(), StoreError> {
        use std::os::unix::fs::PermissionsExt;

        for entry in fs::read_dir(&self.dir).map_err(io_err(&self.dir))? {
            let entry = entry.map_err(io_err(&self.dir))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if !is_kept_file(name) {
                continue;
            }
            let path = entry.path();
            let meta = fs::symlink_metadata(&path).map_err(io_err(&path))?;
            if meta.file_type().is_symlink() {
                return Err(StoreError::Link { path });
            }
            if meta.is_file() && meta.permissions().mode() & 0o777 != FILE_MODE {
                fs::set_permissions(&path, fs::Permissions::from_mode(FILE_MODE)).map_err(
                    |source| StoreError::NotPrivate {
                        path: path.clone(),
                        source,
                    },
                )?;
            }
        }
        Ok(())
    }

    #[cfg(not(unix))]
    pub(super) fn make_private(&self) -> Result<(), StoreError> {
        self.refuse_links()
    }

    /// [`StoreError::Link`] if any of Overture's file names in the folder is a link.
    pub(super) fn refuse_links(&self) -> Result<(), StoreError> {
        for entry in fs::read_dir(&self.dir).map_err(io_err(&self.dir))? {
            let entry = entry.map_err(io_err(&self.dir))?;
            let ours = entry.file_name().to_str().is_some_and(is_kept_file);
            if ours && entry.file_type().is_ok_and(|t| t.is_symlink()) {
                return Err(StoreError::Link { path: entry.path() });
            }
        }
        Ok(())
    }
}

/// The folder a link points to, if `dir` is (or passes through) one; `dir` as given when it
/// does not exist yet.
pub(super) fn resolve_dir(dir: &Path) -> Result<PathBuf, StoreError> {
    match fs::canonicalize(dir) {
        Ok(real) => Ok(real),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(dir.to_path_buf()),
        Err(source) => Err(StoreError::Io {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// Whether `dir` holds any file of Overture's (data, backups, key, lock, temp files, files
/// moved aside). A folder that does not exist holds none; a path that is not a folder is an
/// error.
pub(super) fn holds_overture_files(dir: &Path) -> Result<bool, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(StoreError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    for entry in entries {
        let entry = entry.map_err(io_err(dir))?;
        if entry
            .file_name()
            .to_str()
            .is_some_and(super::is_overture_file)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Refuses, changing nothing, a folder Overture must not use: a shared one (sticky bit, like
/// `/tmp`), and, at `first_use` (nothing of Overture's in it yet), one that others can open
/// and that holds files that are not Overture's: it is not Overture's to make private,
/// someone chose it for other things too. A folder that does not exist yet is fine.
pub(super) fn check_usable(dir: &Path, first_use: bool) -> Result<(), StoreError> {
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    if !meta.is_dir() {
        return Err(StoreError::Io {
            path: dir.to_path_buf(),
            source: io::Error::other("it is not a folder"),
        });
    }
    // Folder modes are Unix's; elsewhere the folder's access is the system's to decide.
    #[cfg(not(unix))]
    let _ = first_use;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        let refuse = |why: &str| {
            Err(StoreError::NotPrivate {
                path: dir.to_path_buf(),
                source: io::Error::other(why.to_string()),
            })
        };
        if mode & 0o1000 != 0 {
            return refuse(
                "it is a shared folder (sticky bit set); use a folder of Overture's own",
            );
        }
        if first_use && mode & 0o077 != 0 && holds_other_files(dir)? {
            return refuse(
                "others can open it and it holds files that are not Overture's, so it is not Overture's to make private; use a new folder, or make this one private yourself (chmod 700)",
            );
        }
    }
    Ok(())
}

/// Whether `dir` holds anything that is not one of Overture's files.
#[cfg(unix)]
fn holds_other_files(dir: &Path) -> Result<bool, StoreError> {
    for entry in fs::read_dir(dir).map_err(io_err(dir))? {
        let entry = entry.map_err(io_err(dir))?;
        if !entry
            .file_name()
            .to_str()
            .is_some_and(super::is_overture_file)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The folder owner-only (0700), before any file is made in it.
#[cfg(unix)]
pub(super) fn make_dir_private(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let meta = fs::metadata(dir).map_err(io_err(dir))?;
    if meta.permissions().mode() & 0o777 != DIR_MODE {
        fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE)).map_err(|source| {
            StoreError::NotPrivate {
                path: dir.to_path_buf(),
                source,
            }
        })?;
    }
    Ok(())
}

#[cfg(not(unix))]
#[allow(clippy::unnecessary_wraps)]
pub(super) fn make_dir_private(_dir: &Path) -> Result<(), StoreError> {
    Ok(())
}

/// Whether a file name is one Overture keeps (not a temp file): data, backups, key, lock,
/// open record, the home screen's glance, and files moved aside. One list, shared by tightening permissions and wiping.
pub(crate) fn is_kept_file(name: &str) -> bool {
    [
        DATA_FILE,
        BACKUP_FILE,
        LOCK_FILE,
        SEALED_FILE,
        SEALED_BACKUP_FILE,
        KEY_FILE,
        OPENED_FILE,
        super::LOG_FILE,
        super::SEALED_LOG_FILE,
        super::FOLDED_LOG_FILE,
        super::SEALED_FOLDED_LOG_FILE,
        super::GLANCE_FILE,
    ]
    .contains(&name)
        || name.starts_with(UNREADABLE_PREFIX)
        || name.starts_with(super::LOG_UNREADABLE_PREFIX)
        || name.starts_with(super::SEALED_LOG_UNREADABLE_PREFIX)
        || name.starts_with(SEALED_UNREADABLE_PREFIX)
}

/// Creates the folder and any missing parents, owner-only. An existing folder is left as it
/// is here: [`check_usable`] and [`make_dir_private`] decide about it.
pub(super) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir).map_err(io_err(dir))
}

/// Options whose `create` makes an owner-only file (the mode is set by the creating call, so
/// there is no moment when the file is readable by others).
pub(super) fn private_options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options
}
