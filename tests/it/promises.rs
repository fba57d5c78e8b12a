//! What Overture promises about the user's data, kept under hostile conditions: each test
//! here is a finding of a hostile review that once failed, run as the user would meet it
//! (the real binary, a real folder). Tests that need an unprivileged user run as one (`nobody`,
//! through setpriv) when the suite runs as root, instead of skipping.
#![cfg(unix)]

use assert_cmd::Command;
use overture::store::{BACKUP_FILE, DATA_FILE, LOCK_FILE, Store};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::time::Duration;

use crate::support::{mode, names, open_any_when_free, pretty, sample};

const NOBODY: u32 = 65534;

fn running_as_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `overture` with a clean environment, as the unprivileged user when the suite is root
/// (then every path in `owned` is handed to that user first).
fn overture_as_user(owned: &[&Path]) -> Command {
    let mut cmd = if running_as_root() {
        for path in owned {
            chown_tree(path, NOBODY);
        }
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            env!("CARGO_BIN_EXE_overture"),
        ]);
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_overture"))
    };
    cmd.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", "/nonexistent")
        .env("TZ", "UTC")
        .env("LANG", "C")
        .timeout(Duration::from_secs(60));
    cmd
}

fn chown_tree(path: &Path, uid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid)).unwrap();
    if fs::symlink_metadata(path).unwrap().is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            chown_tree(&entry.unwrap().path(), uid);
        }
    }
}

/// Runs `overture ARGS --data-dir DIR` with `input`: (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str], input: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_overture"))
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TZ", "UTC")
        .env("LANG", "C")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .write_stdin(input)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn saved_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(tmp.path()).unwrap();
    store.save(&sample("Sam")).unwrap();
    store.save(&sample("Alex")).unwrap();
    tmp
}

/// Finding 5: starting and leaving at once (end of input, or quit on the first page)
/// creates nothing: not the folder, not its parents, not a lock file.
#[test]
fn starting_and_leaving_at_once_creates_nothing_on_disk() {
    for input in ["", "quit\n", "q\n"] {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("share/overture");
        let (code, _, stderr) = run(&dir, &["--plain"], input);
        assert_eq!(code, 0, "{input:?}: {stderr}");
        assert!(
            names(parent.path()).is_empty(),
            "{input:?}: nothing made: {:?}",
            names(parent.path())
        );
    }
    // An existing empty folder gets no lock file either.
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = run(dir.path(), &["--plain"], "quit\n");
    assert_eq!(code, 0);
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

/// Finding 2: `overture wipe` deletes through a linked data folder, as the app uses it, and
/// says that the link itself (the user's) was left.
#[test]
fn wipe_reaches_a_data_folder_reached_through_a_link() {
    let tmp = saved_folder();
    let parent = tempfile::tempdir().unwrap();
    let link = parent.path().join("overture");
    symlink(tmp.path(), &link).unwrap();
    let (code, stdout, stderr) = run(&link, &["wipe", "--yes"], "");
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!tmp.path().exists(), "the real folder is gone: {stdout}");
    assert!(stdout.contains("Deleted"), "{stdout}");
    assert!(stderr.contains("reached through the link"), "{stderr}");
    assert!(!stdout.contains("not a directory"), "{stdout}");
}

/// Finding 8: a link among Overture's files is refused by the app (nothing read, tightened
/// or replaced), and `wipe` removes the link but says plainly that what it points to was not
/// deleted, exiting non-zero.
#[test]
fn a_linked_data_file_is_refused_and_wipe_says_what_it_could_not_reach() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("answers.json");
    fs::write(&target, pretty(&sample("Outside"))).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    symlink(&target, dir.join(DATA_FILE)).unwrap();

    let (code, _, stderr) = run(dir, &["--plain"], "quit\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(mode(&target), 0o644, "the target is not tightened");
    assert!(
        fs::symlink_metadata(dir.join(DATA_FILE))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!dir.join(BACKUP_FILE).exists());
    assert!(
        !dir.join(LOCK_FILE).exists(),
        "a refused open leaves no lock"
    );

    let (code, stdout, stderr) = run(dir, &["wipe", "--yes"], "");
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains(&target.display().to_string()) && stderr.contains("not the file"),
        "{stderr}"
    );
    assert_eq!(fs::read(&target).unwrap(), pretty(&sample("Outside")));
}

/// Finding 9: a folder that others can open and that holds other files is not Overture's
/// to make private: it is refused, and left exactly as it was, by the app and by `wipe`.
#[test]
fn a_shared_folder_of_other_files_is_refused_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("documents");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), b"mine").unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();

    let (code, _, stderr) = run(&dir, &["--plain"], "quit\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("not Overture's to make private"),
        "{stderr}"
    );
    assert_eq!(mode(&dir), 0o755);
    assert_eq!(names(&dir), ["notes.txt"]);

    let (code, stdout, _) = run(&dir, &["wipe", "--yes"], "");
    assert_eq!(code, 0);
    assert!(stdout.contains("Nothing to delete"), "{stdout}");
    assert_eq!(mode(&dir), 0o755);
    assert_eq!(names(&dir), ["notes.txt"]);
}

/// Finding 7: answers saved by a newer Overture are refused by the app and every command,
/// and nothing is moved or made: the history never splits in two.
#[test]
fn answers_from_a_newer_overture_are_refused_everywhere_and_left_alone() {
    let tmp = saved_folder();
    let dir = tmp.path();
    let newer = b"{\"schema_version\": 99, \"profile\": {\"new\": true}}\n";
    fs::write(dir.join(DATA_FILE), newer).unwrap();
    fs::set_permissions(dir.join(DATA_FILE), fs::Permissions::from_mode(0o600)).unwrap();
    let backup = fs::read(dir.join(BACKUP_FILE)).unwrap();
    let before = names(dir);
    for args in [&["--plain"][..], &["history"], &["export", "--output", "-"]] {
        let (code, stdout, stderr) = run(dir, args, "quit\n");
        assert_ne!(code, 0, "{args:?}: {stdout}");
        assert!(
            stderr.contains("newer version of Overture"),
            "{args:?}: {stderr}"
        );
        assert!(
            !stdout.contains("Alex"),
            "{args:?}: the older backup is not used"
        );
        assert_eq!(names(dir), before, "{args:?}: nothing moved or made");
        assert_eq!(fs::read(dir.join(DATA_FILE)).unwrap(), newer);
        assert_eq!(fs::read(dir.join(BACKUP_FILE)).unwrap(), backup);
    }
}

/// Finding 16: on media that cannot be written, `history`, `show` and `export` still read
/// the answers, and write nothing.
#[test]
fn reading_commands_work_on_a_folder_that_cannot_be_written() {
    let tmp = saved_folder();
    let dir = tmp.path();
    fs::remove_file(dir.join(LOCK_FILE)).unwrap();
    let before = names(dir);
    fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
    let out = overture_as_user(&[dir])
        .args(["history", "--data-dir"])
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("Saved answers"), "{stdout}");
    let out = overture_as_user(&[dir])
        .args(["export", "--output", "-", "--data-dir"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Alex"));
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(names(dir), before, "nothing written");
    assert_eq!(mode(dir), 0o700);
}

/// Finding 19: after a piped passphrase unlocks plain mode, no copy of it is left in the
/// process's memory while the session goes on (the input buffer is zeroed as it is read).
#[cfg(target_os = "linux")]
#[test]
fn no_copy_of_a_piped_passphrase_stays_in_memory_after_unlocking() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;

    const PASSPHRASE: &str = "Zq7-only-in-this-test-4411";
    let tmp = saved_folder();
    // Another test's child may briefly hold a copy of the lock taken in saved_folder.
    let (mut store, _) = open_any_when_free(tmp.path());
    crate::support::lock(&mut store, &sample("Sam"), PASSPHRASE);
    drop(store);

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_overture"))
        .env_clear()
        .env("TZ", "UTC")
        .env("LANG", "C")
        .arg("--plain")
        .arg("--data-dir")
        .arg(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{PASSPHRASE}").unwrap();
    stdin.flush().unwrap();
    // Wait until the session is past the unlock and waiting for the next answer.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let mut line = String::new();
    while !seen.contains("Home") {
        line.clear();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "ended early: {seen}"
        );
        seen.push_str(&line);
    }
    std::thread::sleep(Duration::from_millis(200));

    let found = memory_contains(child.id(), PASSPHRASE.as_bytes());
    drop(stdin);
    let _ = child.wait();
    assert_eq!(
        found,
        Some(false),
        "a copy of the passphrase is still in memory (None: memory could not be read)"
    );
}

/// Whether the writable memory of process `pid` holds `needle`; `None` if it cannot be read.
#[cfg(target_os = "linux")]
fn memory_contains(pid: u32, needle: &[u8]) -> Option<bool> {
    use std::os::unix::fs::FileExt;
    let maps = fs::read_to_string(format!("/proc/{pid}/maps")).ok()?;
    let mem = fs::File::open(format!("/proc/{pid}/mem")).ok()?;
    let mut read_any = false;
    for region in maps.lines() {
        let mut fields = region.split_whitespace();
        let (Some(range), Some(perms)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !perms.starts_with("rw") {
            continue;
        }
        let Some((start, end)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (u64::from_str_radix(start, 16), u64::from_str_radix(end, 16))
        else {
            continue;
        };
        let mut bytes = vec![0u8; usize::try_from(end - start).ok()?];
        if mem.read_exact_at(&mut bytes, start).is_err() {
            continue;
        }
        read_any = true;
        if bytes.windows(needle.len()).any(|w| w == needle) {
            return Some(true);
        }
    }
    read_any.then_some(false)
}

/// Finding 12: a line over 64 KiB is never cut into an answer: it is refused, in words, and
/// the prompt reads the next line.
#[test]
fn an_overlong_line_is_refused_in_words_never_cut() {
    let tmp = tempfile::tempdir().unwrap();
    let input = format!("{}\nquit\n", "x".repeat(100 * 1024));
    let (code, stdout, stderr) = run(tmp.path(), &["--plain"], &input);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("That line was longer than 64 KiB, so none of it was used"),
        "{stdout}"
    );
    assert!(!stdout.contains("xxxx"), "none of it is echoed back");
}

/// Finding 13: a piped passphrase over 1,024 bytes is not tried (and not counted as a wrong
/// one), and no part of it becomes the next answer.
#[test]
fn an_overlong_piped_passphrase_is_not_used_and_not_the_next_answer() {
    let tmp = saved_folder();
    // Another test's child may briefly hold a copy of the lock taken in saved_folder.
    let (mut store, _) = open_any_when_free(tmp.path());
    crate::support::lock(&mut store, &sample("Sam"), "right one");
    drop(store);
    let input = format!("{}right one\nquit\n", "a".repeat(1024));
    let (code, stdout, stderr) = run(tmp.path(), &["--plain"], &input);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("That passphrase was longer than 1024 bytes, so none of it was used"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("does not open it"),
        "neither half was tried: {stdout}"
    );
    let (_store, opened) = open_any_when_free(tmp.path());
    assert!(
        matches!(
            opened,
            overture::store::Opened::NeedsPassphrase {
                failed_attempts: 0,
                ..
            }
        ),
        "{opened:?}"
    );
}

/// Finding 18: a folder that cannot be made private (here: owned by someone else, open to
/// all) is refused, and keeps no lock file of the refused open.
#[test]
fn a_folder_that_cannot_be_made_private_is_refused_without_a_lock_file_left() {
    if !running_as_root() {
        eprintln!("skipped: making a folder someone else owns needs root");
        return;
    }
    let tmp = saved_folder();
    let dir = tmp.path();
    fs::remove_file(dir.join(LOCK_FILE)).unwrap();
    for name in names(dir) {
        fs::set_permissions(dir.join(name), fs::Permissions::from_mode(0o644)).unwrap();
    }
    // Root's folder, open to everyone: the unprivileged user can add files but not chmod it.
    fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).unwrap();
    let before = names(dir);
    let out = overture_as_user(&[])
        .args(["--plain", "--data-dir"])
        .arg(dir)
        .write_stdin("quit\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not make it private"), "{stderr}");
    assert_eq!(names(dir), before, "no lock file left behind");
    assert_eq!(mode(dir), 0o777);
    // A command that only reads still reads it, as on read-only media, and writes nothing.
    let out = overture_as_user(&[])
        .args(["history", "--data-dir"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(names(dir), before);
}
