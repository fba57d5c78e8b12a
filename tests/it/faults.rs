//! Writes that fail for real, in a real process: a file-size limit (`RLIMIT_FSIZE`, so the write
//! fails with EFBIG) and a full file system (a 512 KiB tmpfs in a private mount namespace,
//! ENOSPC). The save must fail with an error, leave every file byte-identical and leave no temp
//! file; once there is room again, saving works. With the lock off and on.
#![cfg(unix)]

use crate::support;

use crate::generate;

use generate::generation;
use overture::store::{LOG_FILE, Loaded, SEALED_LOG_FILE, Store, TEMP_PREFIX};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use support::{FAST, names, open_and_unlock, secret};
use tempfile::TempDir;

const HARNESS: &str = env!("CARGO_BIN_EXE_overture-store-harness");
const PASSPHRASE: &str = "fault test passphrase";
/// About 8 KiB: what is on disk before the failing save.
const SMALL: u64 = 1;
/// About 95 KiB: the save that does not fit.
const LARGE: u64 = 12;

/// A directory holding generation `SMALL` (saved twice, so that there is a backup), locked
/// or not, and with a save in the log or not (then the failing save appends to the log;
/// otherwise it starts one).
fn prepared(locked: bool, with_log: bool) -> TempDir {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = Store::open_any(tmp.path()).unwrap();
    store.save(&generation(SMALL)).unwrap();
    store.save(&generation(SMALL)).unwrap();
    if locked {
        store
            .set_passphrase_with_work_factor(
                &generation(SMALL),
                None,
                Some(&secret(PASSPHRASE)),
                FAST,
            )
            .unwrap();
        store.save(&generation(SMALL)).unwrap();
    }
    drop(store);
    if with_log {
        let (mut store, loaded) = open_and_unlock(tmp.path(), PASSPHRASE);
        let Loaded::Data(data) = loaded else {
            panic!("{loaded:?}")
        };
        store.save(&data).unwrap();
        let log = if locked { SEALED_LOG_FILE } else { LOG_FILE };
        assert!(tmp.path().join(log).exists(), "the save went to the log");
    }
    tmp
}

fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    names(dir)
        .into_iter()
        .filter(|n| n != "filler")
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

/// The files whose bytes must not change (the unlock record may: it is rewritten at unlock).
fn kept(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = contents(dir);
    files.remove(overture::store::OPENED_FILE);
    files
}

fn file_size_limit(locked: bool, with_log: bool) {
    let tmp = prepared(locked, with_log);
    let dir = tmp.path();
    let before = kept(dir);
    let names_before = names(dir);

    // SIGXFSZ ignored (an ignored signal stays ignored across exec), so the write returns
    // EFBIG instead of the process being killed. dash counts `ulimit -f` in 512-byte
    // blocks, bash in KiB: 16 is at most 16 KiB, well under the large save.
    let output = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 16 && exec \"$0\" save-once \"$1\" \"$2\"",
            HARNESS,
            dir.to_str().unwrap(),
            &LARGE.to_string(),
        ])
        .env("OVERTURE_HARNESS_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the save should have failed");
    assert!(stderr.contains("too large"), "EFBIG expected: {stderr}");
    let file = if !with_log {
        TEMP_PREFIX
    } else if locked {
        SEALED_LOG_FILE
    } else {
        LOG_FILE
    };
    assert!(stderr.contains(file), "names the file: {stderr}");
    eprintln!("RLIMIT_FSIZE, locked={locked}: {}", stderr.trim());

    assert_eq!(kept(dir), before, "every file byte-identical");
    assert_eq!(names(dir), names_before, "no temp file left");
    let (mut store, loaded) = open_and_unlock(dir, PASSPHRASE);
    assert_eq!(loaded, Loaded::Data(generation(SMALL)));
    store.save(&generation(LARGE)).unwrap();
}

#[test]
fn a_file_size_limit_fails_the_save_and_changes_nothing() {
    file_size_limit(false, false);
    file_size_limit(false, true);
}

#[test]
fn a_file_size_limit_fails_the_locked_save_and_changes_nothing() {
    file_size_limit(true, false);
    file_size_limit(true, true);
}

/// Runs the harness against a full tmpfs in a private mount namespace (the mount goes away
/// with the namespace). Returns `None` when this system does not allow that.
fn full_disk(locked: bool, with_log: bool) -> Option<()> {
    let tmp = prepared(locked, with_log);
    let src = tmp.path();
    let before = kept(src);
    let work = TempDir::new().unwrap();
    let mnt = work.path().join("mnt");
    let after_fail = work.path().join("after-fail");
    let after_retry = work.path().join("after-retry");
    fs::create_dir(&mnt).unwrap();

    let script = r#"
        set -u
        mount -t tmpfs -o size=512k,mode=0700 tmpfs "$MNT" || exit 77
        cp -p "$SRC"/overture.* "$MNT"/ || exit 78
        dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null
        "$HARNESS" save-once "$MNT" "$LARGE" 2>"$WORK/fail.err"
        echo $? >"$WORK/fail.rc"
        mkdir "$AFTER_FAIL" && cp -p "$MNT"/overture.* "$AFTER_FAIL"/ 2>/dev/null
        ls -a "$MNT" >"$WORK/fail.ls"
        rm "$MNT/filler"
        "$HARNESS" save-once "$MNT" "$LARGE" 2>"$WORK/retry.err"
        echo $? >"$WORK/retry.rc"
        mkdir "$AFTER_RETRY" && cp -p "$MNT"/overture.* "$AFTER_RETRY"/
    "#;
    let status = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .env("MNT", &mnt)
        .env("SRC", src)
        .env("WORK", work.path())
        .env("AFTER_FAIL", &after_fail)
        .env("AFTER_RETRY", &after_retry)
        .env("HARNESS", HARNESS)
        .env("LARGE", LARGE.to_string())
        .env("OVERTURE_HARNESS_PASSPHRASE", PASSPHRASE)
        .status();
    match status {
        Ok(s) if s.success() => {}
        other => {
            eprintln!("skipped: no private tmpfs here (needs unshare -m and mount): {other:?}");
            return None;
        }
    }
    let read = |name: &str| fs::read_to_string(work.path().join(name)).unwrap();
    let fail_err = read("fail.err");
    assert_eq!(
        read("fail.rc").trim(),
        "1",
        "the save must fail: {fail_err}"
    );
    assert!(
        fail_err.contains("No space left on device"),
        "ENOSPC expected: {fail_err}"
    );
    eprintln!(
        "full tmpfs, locked={locked}, log={with_log}: {}",
        fail_err.trim()
    );
    assert!(
        !read("fail.ls").contains(TEMP_PREFIX),
        "no temp file left: {}",
        read("fail.ls")
    );
    assert_eq!(kept(&after_fail), before, "every file byte-identical");

    assert_eq!(read("retry.rc").trim(), "0", "{}", read("retry.err"));
    let (_store, loaded) = open_and_unlock(&after_retry, PASSPHRASE);
    assert_eq!(loaded, Loaded::Data(generation(LARGE)));
    Some(())
}

#[test]
fn a_full_disk_fails_the_save_and_changes_nothing() {
    full_disk(false, false);
    full_disk(false, true);
}

#[test]
fn a_full_disk_fails_the_locked_save_and_changes_nothing() {
    full_disk(true, false);
    full_disk(true, true);
}
