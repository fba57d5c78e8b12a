//! Deleting everything Overture keeps in its data directory, and only that.
//!
//! [`Wiper::lock`] takes the same lock as a running Overture (so nothing is deleted under an
//! open app) and lists Overture's own files: the data file, its backup, temp files, files
//! moved aside as unreadable, and the lock. [`Wiper::wipe`] overwrites each regular file with
//! zeros (best effort: on SSDs and journaling or copy-on-write file systems old blocks can
//! survive), deletes it, and removes the directory if nothing else is left in it. Links are
//! removed, never followed; files that are not Overture's are never touched.

use super::{LOCK_FILE, StoreError, TEMP_PREFIX, io_err};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether a file name is one of Overture's own.
pub fn is_overture_file(name: &str) -> bool {
    super::is_kept_file(name) || name.starts_with(TEMP_PREFIX)
}

/// The data directory, locked, with the list of Overture's files in it.
#[derive(Debug)]
pub struct Wiper {
    dir: PathBuf,
    lock: super::HeldLock,
    files: Vec<PathBuf>,
    /// The link the folder was reached through, if it was: a wipe leaves it.
    through_link: Option<PathBuf>,
}

/// What a wipe did.
#[derive(Debug, Default)]
pub struct Wiped {
    pub removed: Vec<PathBuf>,
    /// Files that could not be deleted, and why.
    pub failed: Vec<(PathBuf, io::Error)>,
    /// The directory itself was removed (nothing else was in it).
    pub dir_removed: bool,
    /// Overture's file names that were links: each link was removed, never followed, so
    /// what it pointed to (the second path) is still there.
    pub links_removed: Vec<(PathBuf, PathBuf)>,
    /// The link the data folder was reached through: it is the user's, and was left.
    pub link_left: Option<PathBuf>,
}

impl Wiped {
    /// Whether everything Overture kept is gone: nothing failed, and no link pointed at a
    /// file outside what a wipe deletes.
    pub fn everything_deleted(&self) -> bool {
        self.failed.is_empty() && self.links_removed.is_empty()
    }

    /// What was left and why, one sentence each (empty when everything was deleted and no
    /// link was involved).
    pub fn left_behind(&self) -> Vec<String> {
        let mut said: Vec<String> = self
            .failed
            .iter()
            .map(|(path, e)| format!("{} could not be deleted: {e}.", path.display()))
            .collect();
        for (link, target) in &self.links_removed {
            said.push(format!(
                "{} was a link to {}: the link was removed, but not the file it points to, which may hold your answers. Delete it yourself if it does.",
                link.display(),
                target.display()
            ));
        }
        if let Some(link) = &self.link_left {
            said.push(format!(
                "The data folder was reached through the link {}, which is yours and was left in place.",
                link.display()
            ));
        }
        said
    }
}

impl Wiper {
    /// Locks `dir` and lists Overture's files in it. `Ok(None)` if there is no such directory
    /// (nothing is created then). [`StoreError::Locked`] if an Overture has it open.
    pub fn lock(dir: &Path) -> Result<Option<Wiper>, StoreError> {
        // The same folder the app uses: one reached through a link is wiped where it points.
        let given = dir;
        let dir = match fs::canonicalize(given) {
            Ok(real) => real,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StoreError::Io {
                    path: given.to_path_buf(),
                    source,
                });
            }
        };
        if !fs::metadata(&dir).map_err(io_err(&dir))?.is_dir() {
            return Err(StoreError::Io {
                path: given.to_path_buf(),
                source: io::Error::other("it is not a folder"),
            });
        }
        // Nothing of Overture's: nothing to delete, and no lock file to make.
        if !super::private::holds_overture_files(&dir)? {
            return Ok(None);
        }
        let lock = super::take_lock(&dir)?;
        let mut files = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_err(&dir))? {
            let entry = entry.map_err(io_err(&dir))?;
            let ours = entry.file_name().to_str().is_some_and(is_overture_file);
            let file_or_link = entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink());
            if ours && file_or_link {
                files.push(entry.path());
            }
        }
        // The documents go last (the lock file aside): a wipe cut short leaves a document
        // that opens as it was, never a log without its document, which the next open would
        // have to keep aside.
        files.sort_by_key(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            (
                name == super::DATA_FILE || name == super::SEALED_FILE,
                path.clone(),
            )
        });
        let through_link = fs::symlink_metadata(given)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| given.to_path_buf());
        Ok(Some(Wiper {
            dir,
            lock,
            files,
            through_link,
        }))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Overture's files in the directory, the lock file included.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Whether there is anything of Overture's besides the lock file this wipe made.
    pub fn has_data(&self) -> bool {
        self.files.iter().any(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n != LOCK_FILE)
        })
    }

    /// Overwrites and deletes every listed file, the lock last, then the directory if empty.
    pub fn wipe(self) -> Wiped {
        let mut wiped = Wiped::default();
        let lock_path = self.dir.join(LOCK_FILE);
        wiped.link_left.clone_from(&self.through_link);
        for path in self.files.iter().filter(|p| **p != lock_path) {
            if let Ok(target) = fs::read_link(path) {
                match fs::remove_file(path) {
                    Ok(()) => wiped.links_removed.push((path.clone(), target)),
                    Err(e) => wiped.failed.push((path.clone(), e)),
                }
                continue;
            }
            overwrite(path);
            match fs::remove_file(path) {
                Ok(()) => wiped.removed.push(path.clone()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => wiped.failed.push((path.clone(), e)),
            }
        }
        // Deleting the lock file while holding it is fine: the lock goes with the handle.
        match fs::remove_file(&lock_path) {
            Ok(()) => wiped.removed.push(lock_path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => wiped.failed.push((lock_path, e)),
        }
        drop(self.lock);
        wiped.dir_removed = fs::remove_dir(&self.dir).is_ok();
        wiped
    }
}

/// Zeros over a regular file's bytes, flushed, if this is its only name (a file with other
/// hard links is someone else's too). Best effort: failures are ignored, the delete follows.
fn overwrite(path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if !meta.is_file() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() != 1 {
            return;
        }
    }
    let Ok(mut file) = fs::OpenOptions::new().write(true).open(path) else {
        return;
    };
    let zeros = [0u8; 8192];
    let mut left = meta.len();
    while left > 0 {
        let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
        if file.write_all(&zeros[..n]).is_err() {
            return;
        }
        left -= n as u64;
    }
    let _ = file.sync_all();
}

/// What `overture wipe` cannot reach, said plainly.
pub const WIPE_LIMITS: [&str; 5] = [
    "Backups of this computer (such as Time Machine or system snapshots) and synced folders (if the data folder is inside one) may still hold copies.",
    "On SSDs and on journaling or copy-on-write file systems, old copies can stay in unused disk blocks. Overwriting first helps on some disks, not all.",
    "Your shell history still shows that overture was run, with any --data-dir you typed. Your shell can clear it (in bash: history -c, and the ~/.bash_history file).",
    "Files you made with overture export are not in this folder. Delete them yourself.",
    "The terminal's scrollback and a multiplexer's own logs (tmux, screen) are not Overture's to clear. Closing the window clears most scrollback.",
];

/// Deletes everything a running app saved, from inside it: releases the app's own lock
/// (`store` is consumed), then wipes. `None` is a session that saved nothing. Returns what
/// happened, in words for the user. The app goes on as a private session after this.
/// What a delete from inside the app did, in words, and whether everything is gone: a front
/// end may say "everything was deleted" only then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WipeOutcome {
    pub said: String,
    pub everything_deleted: bool,
}

impl WipeOutcome {
    fn done(said: &str) -> Self {
        WipeOutcome {
            said: said.to_string(),
            everything_deleted: true,
        }
    }

    fn incomplete(said: String) -> Self {
        WipeOutcome {
            said,
            everything_deleted: false,
        }
    }
}

pub fn wipe_from_app(store: Option<super::Store>) -> WipeOutcome {
    let Some(store) = store.filter(super::Store::is_on_disk) else {
        return WipeOutcome::done("This session saved nothing, so there was nothing to delete.");
    };
    let dir = store.given_dir().to_path_buf();
    drop(store);
    match Wiper::lock(&dir) {
        Ok(None) => WipeOutcome::done("There was nothing saved to delete."),
        Ok(Some(wiper)) => {
            let report = wiper.wipe();
            let mut said = format!("Deleted {} file(s).", report.removed.len());
            for line in report.left_behind() {
                said.push(' ');
                said.push_str(&line);
            }
            if report.everything_deleted() {
                said.push_str(" Overture goes on as a private session.");
                WipeOutcome::done(&said)
            } else {
                WipeOutcome::incomplete(said)
            }
        }
        Err(e) => WipeOutcome::incomplete(format!("Nothing was deleted: {e}")),
    }
}
