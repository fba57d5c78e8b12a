//! Writing a file the user asked for: new files only, readable only by the user.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The file a typed export name stands for: `~/` at its start is the home folder, as in a
/// shell (Overture reads the line itself, so no shell expands it); otherwise under `dir` when
/// one is set (tests point it at a temp folder), or as typed, relative to the working
/// directory as a user expects.
pub fn target(dir: Option<&Path>, typed: &str) -> PathBuf {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    target_from(dir, typed, home.as_deref())
}

fn target_from(dir: Option<&Path>, typed: &str, home: Option<&Path>) -> PathBuf {
    let under_home = if typed == "~" {
        Some("")
    } else {
        typed
            .strip_prefix("~/")
            .or_else(|| typed.strip_prefix("~\\"))
    };
    match (under_home, home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => dir.map_or_else(|| PathBuf::from(typed), |dir| dir.join(typed)),
    }
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
        } else if e.kind() == io::ErrorKind::NotFound {
            // "No such file or directory (os error 2)" says nothing a person can act on.
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| ".".into(), |p| p.display().to_string());
            io::Error::new(
                e.kind(),
                format!("there is no folder {folder}; type a folder that exists, or a bare name"),
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
    use std::path::{Path, PathBuf};

    /// "~/letter.md" is the home folder's letter.md, as a shell would read it; a "~" inside
    /// a name, or a name with no "~", is left alone.
    #[test]
    fn a_tilde_at_the_start_is_the_home_folder() {
        let home = Path::new("/home/priya");
        let t = |typed: &str| super::target_from(None, typed, Some(home));
        assert_eq!(t("~/letter.md"), PathBuf::from("/home/priya/letter.md"));
        assert_eq!(
            t("~/Documents/a.md"),
            PathBuf::from("/home/priya/Documents/a.md")
        );
        assert_eq!(t("letter~1.md"), PathBuf::from("letter~1.md"));
        assert_eq!(t("~priya/a.md"), PathBuf::from("~priya/a.md"));
        let in_dir = super::target_from(Some(Path::new("/tmp/x")), "a.md", Some(home));
        assert_eq!(in_dir, PathBuf::from("/tmp/x/a.md"));
    }

    /// A folder that does not exist is named, not reported as "os error 2".
    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere").join("letter.md");
        let e = super::write_new_private_file(&path, "x").unwrap_err();
        let said = e.to_string();
        assert!(said.contains("there is no folder"), "{said}");
        assert!(said.contains("nowhere"), "{said}");
    }

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
