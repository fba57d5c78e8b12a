//! Privacy on disk: the directory owner-only (0700) and every file Overture keeps in it
//! owner-only (0600), from the moment it is created.

use super::{
    BACKUP_FILE, DATA_FILE, KEY_FILE, LOCK_FILE, OPENED_FILE, SEALED_BACKUP_FILE, SEALED_FILE,
    SEALED_UNREADABLE_PREFIX, Store, StoreError, UNREADABLE_PREFIX, io_err,
};
use std::fs::{self, OpenOptions};
use std::path::Path;

#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

impl Store {
    /// Directory 0700; Overture's own files 0600. Only regular files with our names are
    /// touched: never links, never anything else the directory holds.
    #[cfg(unix)]
    pub(super) fn make_private(&self) -> Result<(), StoreError> {
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
            if !is_kept_file(name) {
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
    pub(super) fn make_private(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Whether a file name is one Overture keeps (not a temp file): data, backups, key, lock,
/// open record, and files moved aside. One list, shared by tightening permissions and wiping.
pub(crate) fn is_kept_file(name: &str) -> bool {
    [
        DATA_FILE,
        BACKUP_FILE,
        LOCK_FILE,
        SEALED_FILE,
        SEALED_BACKUP_FILE,
        KEY_FILE,
        OPENED_FILE,
    ]
    .contains(&name)
        || name.starts_with(UNREADABLE_PREFIX)
        || name.starts_with(SEALED_UNREADABLE_PREFIX)
}

/// Creates the directory and any missing parents, owner-only. An existing directory is left
/// as it is here (it is tightened once the lock is held), but a shared one (sticky bit, like
/// `/tmp`) is refused: it is not Overture's to make private, and not private enough to use.
pub(super) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
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
        use std::io;
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
