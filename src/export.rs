//! Writing a file the user asked for: new files only, readable only by the user.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The file a typed export name stands for: under `dir` when one is set (tests point it at a
/// temp folder), otherwise as typed, relative to the working directory as a user expects.
pub fn target(dir: Option<&Path>, typed: &str) -> PathBuf {
    dir.map_or_else(|| PathBuf::from(typed), |dir| dir.join(typed))
}

/// What to tell the user once `path` is written: the whole path, since a bare name says
/// nothing about which folder the file landed in, and that the file is theirs to delete.
pub fn written_note(path: &Path) -> String {
    let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    format!(
        "Written to {}. It is outside Overture's folder: delete it when you are done.",
        shown.display()
    )
}

/// Creates `path` (it must not exist yet) with mode 0600 and writes `text` to it.
pub fn write_new_private_file(path: &Path, text: &str) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            io::Error::new(
                e.kind(),
                "a file with that name already exists; choose another",
            )
        } else {
            e
        }
    })?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    /// A bare name typed at the prompt is reported with the folder it landed in.
    #[test]
    fn the_note_names_the_whole_path_of_a_bare_name() {
        let note = super::written_note(std::path::Path::new("summary.md"));
        let whole = std::env::current_dir().unwrap().join("summary.md");
        assert!(
            note.starts_with(&format!("Written to {}.", whole.display())),
            "{note}"
        );
    }
}
