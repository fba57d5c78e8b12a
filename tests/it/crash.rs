//! A real process saving in a loop, killed (SIGKILL, and SIGTERM with its default action) at
//! random moments, hundreds of times. After each kill the data must be the last save the
//! process reported or the one it was writing, whole; the backup the one before; and the
//! temp files of the killed save gone once the store is opened again.
//!
//! `OVERTURE_CRASH_SEED` replays a run; the `#[ignore]`d tests do 5,000 kills each.
#![cfg(unix)]

use crate::support;

use crate::generate;

use generate::{FAST_WORK_FACTOR, MARKER, TOGGLE_PASSPHRASES, generation, lock_after, number_of};
use overture::core::record::SavedData;
use overture::store::{
    BACKUP_FILE, DATA_FILE, KEY_FILE, LOCK_FILE, LOG_FILE, Loaded, OPENED_FILE, Opened,
    SEALED_BACKUP_FILE, SEALED_FILE, SEALED_LOG_FILE, Store, TEMP_PREFIX, UnlockError,
};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::{files_containing, names, open_and_unlock, secret};
use tempfile::TempDir;

const HARNESS: &str = env!("CARGO_BIN_EXE_overture-store-harness");
const PASSPHRASE: &str = "crash test passphrase";
/// A save takes a few tens of milliseconds (two fsyncs; encrypting adds a little): kill
/// within about the first three, so that the moments fall everywhere in a save, the first
/// included.
const SAVE_WINDOW_MICROS: u64 = 60_000;

/// xorshift64*: enough to spread the kill moments, and replayable from the printed seed.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("OVERTURE_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                let d = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap();
                d.as_secs().rotate_left(32) ^ u64::from(d.subsec_nanos()) | 1
            });
        eprintln!("OVERTURE_CRASH_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

#[derive(Default, Debug)]
struct Counts {
    kills: u32,
    sigterm: u32,
    before_first_save: u32,
    /// The file held the save in flight (committed, but not yet reported).
    new_state: u32,
    /// The file held the last reported save.
    old_state: u32,
    stale_temps_found: u32,
    saves: u64,
}

/// The backup of a locked directory, decrypted with the age crate alone.
fn sealed_backup(dir: &Path) -> Option<SavedData> {
    let key = std::fs::read(dir.join(KEY_FILE)).ok()?;
    let text = age::decrypt(&age::scrypt::Identity::new(secret(PASSPHRASE)), &key).ok()?;
    let identities = age::IdentityFile::from_buffer(&text[..])
        .ok()?
        .into_identities()
        .ok()?;
    let bytes = std::fs::read(dir.join(SEALED_BACKUP_FILE)).ok()?;
    let decryptor = age::Decryptor::new_buffered(&bytes[..]).ok()?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .ok()?;
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut plain).ok()?;
    serde_json::from_slice(&plain).ok()
}

fn kill_loop(iterations: u32, locked: bool) -> Counts {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    {
        let (mut store, _) = Store::open_any(dir).unwrap();
        store.save(&generation(0)).unwrap();
        if locked {
            store
                .set_passphrase_with_work_factor(
                    &generation(0),
                    None,
                    Some(&secret(PASSPHRASE)),
                    FAST_WORK_FACTOR,
                )
                .unwrap();
        }
    }
    let mut rng = Rng::new();
    let mut counts = Counts::default();
    let mut committed = 0u64;
    let started = Instant::now();

    for i in 0..iterations {
        let reported = run_and_kill(dir, i, &mut rng, &mut counts);
        counts.saves += reported.len() as u64;
        let last = reported.last().copied().unwrap_or(committed);
        if reported.is_empty() {
            counts.before_first_save += 1;
        }

        if names(dir).iter().any(|n| n.starts_with(TEMP_PREFIX)) {
            counts.stale_temps_found += 1;
        }
        let (store, loaded) = open_and_unlock(dir, PASSPHRASE);
        let leftover: Vec<String> = names(dir)
            .into_iter()
            .filter(|n| n.starts_with(TEMP_PREFIX))
            .collect();
        assert!(
            leftover.is_empty(),
            "iteration {i}: stale temps kept: {leftover:?}"
        );
        let Loaded::Data(data) = loaded else {
            panic!("iteration {i}: after a kill the data did not load: {loaded:?}");
        };
        let k = number_of(&data).unwrap();
        assert_eq!(data, generation(k), "iteration {i}: save {k} is not whole");
        assert!(
            k == last || k == last + 1,
            "iteration {i}: the file holds save {k}, but the last reported was {last}"
        );
        if k == last {
            counts.old_state += 1;
        } else {
            counts.new_state += 1;
        }
        // The backup is the document before the last whole save: an earlier save, or (killed
        // between keeping it and the rename) the same one.
        let backup = if locked {
            sealed_backup(dir)
        } else {
            std::fs::read(dir.join(BACKUP_FILE))
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
        };
        if k > 0 {
            let b = backup.and_then(|b| number_of(&b));
            assert!(
                b.is_none_or(|b| b <= k),
                "iteration {i}: data is save {k}, backup is {b:?}"
            );
        }
        assert_eq!(store.is_locked_at_rest(), locked);
        drop(store);
        committed = k;
    }
    if locked {
        let leaks = files_containing(dir, MARKER.as_bytes());
        assert!(leaks.is_empty(), "answer text in plain text: {leaks:?}");
    }
    eprintln!(
        "{} kill test: {counts:?} in {:.1?}",
        if locked { "locked" } else { "plain" },
        started.elapsed()
    );
    counts
}

/// Starts the harness saving in a loop over `dir`, kills it at a random moment, and returns
/// the saves it reported.
fn run_and_kill(dir: &Path, i: u32, rng: &mut Rng, counts: &mut Counts) -> Vec<u64> {
    let mut child = Command::new(HARNESS)
        .args(["stress", dir.to_str().unwrap()])
        .env("OVERTURE_HARNESS_PASSPHRASE", PASSPHRASE)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Lines as they come: "ready <k>" once open, then "saved <k>" after each save.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let ready = rx.recv_timeout(Duration::from_secs(10)).unwrap_or_default();
    assert!(ready.starts_with("ready "), "iteration {i}: {ready:?}");
    std::thread::sleep(Duration::from_micros(rng.below(SAVE_WINDOW_MICROS)));
    if rng.below(4) == 0 {
        // SIGTERM with no handler installed: the default action ends the process at once,
        // like SIGKILL, wherever the save is.
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        counts.sigterm += 1;
    } else {
        child.kill().unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        !output.status.success(),
        "iteration {i}: the harness stopped by itself: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    reader.join().unwrap();
    counts.kills += 1;
    let reported: Vec<u64> = rx
        .try_iter()
        .map(|l| l.strip_prefix("saved ").unwrap().parse().unwrap())
        .collect();
    reported
}

fn check(counts: &Counts, iterations: u32) {
    assert_eq!(counts.kills, iterations);
    assert_eq!(counts.old_state + counts.new_state, iterations);
    // The moments must be spread over saves: kills that found the new save committed but
    // unreported, and kills that left a temp file, both happen (a test that never kills
    // mid-save would prove nothing).
    assert!(
        counts.new_state > 0 && counts.stale_temps_found > 0,
        "{counts:?}"
    );
}

#[test]
fn killed_mid_save_500_times_the_data_is_always_whole() {
    check(&kill_loop(500, false), 500);
}

#[test]
fn killed_mid_save_500_times_with_the_lock_on_the_data_is_always_whole() {
    check(&kill_loop(500, true), 500);
}

#[test]
#[ignore = "long: 5,000 kills (run with --ignored)"]
fn killed_mid_save_5000_times() {
    check(&kill_loop(5000, false), 5000);
}

#[test]
#[ignore = "long: 5,000 kills (run with --ignored)"]
fn killed_mid_save_5000_times_with_the_lock_on() {
    check(&kill_loop(5000, true), 5000);
}

/// A locked process, saving and killed, with its own `TMPDIR`: no answer text in the data
/// directory or the temp directory, in any file.
#[test]
fn a_locked_process_leaves_no_answer_text_in_the_data_or_temp_dir() {
    let data = TempDir::new().unwrap();
    let temp = TempDir::new().unwrap();
    {
        let (mut store, _) = Store::open_any(data.path()).unwrap();
        store
            .set_passphrase_with_work_factor(
                &generation(0),
                None,
                Some(&secret(PASSPHRASE)),
                FAST_WORK_FACTOR,
            )
            .unwrap();
    }
    let mut child = Command::new(HARNESS)
        .args(["stress", data.path().to_str().unwrap()])
        .env("OVERTURE_HARNESS_PASSPHRASE", PASSPHRASE)
        .env("TMPDIR", temp.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // Wait for a few saves, then kill it mid-way through the next ones.
    for _ in 0..6 {
        lines.next().unwrap().unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    for dir in [data.path(), temp.path()] {
        let leaks = files_containing(dir, MARKER.as_bytes());
        assert!(leaks.is_empty(), "answer text in plain text: {leaks:?}");
    }
    let (_store, loaded) = open_and_unlock(data.path(), PASSPHRASE);
    assert!(matches!(loaded, Loaded::Data(_)), "{loaded:?}");
    // The scan does find the marker where it is (so the check above can fail).
    std::fs::write(temp.path().join("probe"), format!("x{MARKER}x")).unwrap();
    assert_eq!(files_containing(temp.path(), MARKER.as_bytes()).len(), 1);
}

// ---------------------------------------------------------------------------------------
// Killed while turning the lock on, changing the passphrase, or turning it off

/// Opens `dir` as a user would: which lock it has (`None` off, `Some(i)` the passphrase
/// `TOGGLE_PASSPHRASES[i]`) and the document, after the leftovers are cleared.
fn open_toggled(dir: &Path, i: u32) -> (Option<usize>, SavedData) {
    let (mut store, opened) = support::open_any_when_free(dir);
    let (lock, loaded) = match opened {
        Opened::Ready(loaded) => (None, loaded),
        Opened::NeedsPassphrase { .. } => {
            let mut unlocked = None;
            for (n, p) in TOGGLE_PASSPHRASES.iter().enumerate() {
                match store.unlock(&secret(p)) {
                    Ok(loaded) => {
                        unlocked = Some((Some(n), loaded));
                        break;
                    }
                    Err(UnlockError::WrongPassphrase { .. }) => {}
                    Err(e) => panic!("iteration {i}: {e}"),
                }
            }
            unlocked.unwrap_or_else(|| panic!("iteration {i}: neither passphrase opens it"))
        }
    };
    let Loaded::Data(data) = loaded else {
        panic!("iteration {i}: {loaded:?}");
    };
    let files = names(dir);
    let expected: &[&str] = if lock.is_some() {
        &[
            SEALED_FILE,
            SEALED_BACKUP_FILE,
            KEY_FILE,
            LOCK_FILE,
            OPENED_FILE,
            SEALED_LOG_FILE,
        ]
    } else {
        &[DATA_FILE, BACKUP_FILE, LOCK_FILE, LOG_FILE]
    };
    assert!(
        files.iter().all(|f| expected.contains(&f.as_str())),
        "iteration {i}, lock {lock:?}: {files:?}"
    );
    if lock.is_some() {
        let leaks = files_containing(dir, MARKER.as_bytes());
        assert!(
            leaks.is_empty(),
            "iteration {i}: plain text left: {leaks:?}"
        );
    }
    drop(store);
    (lock, data)
}

#[derive(Default, Debug)]
struct ToggleCounts {
    kills: u32,
    transitions_done: u64,
    /// Killed mid-transition, found in the state before it or after it.
    found_before: u32,
    found_after: u32,
}

fn toggle_loop(iterations: u32) -> ToggleCounts {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    Store::open_any(dir)
        .unwrap()
        .0
        .save(&generation(0))
        .unwrap();
    let mut rng = Rng::new();
    let mut counts = ToggleCounts::default();
    let (mut lock, mut d) = (None, 0u64);
    let started = Instant::now();
    // At least `iterations` kills, and more (up to ten times as many) until more than ten lock
    // changes have completed and kills have landed both before and after one: where a kill
    // lands depends on how fast this machine is, and the test must see each case.
    let covered =
        |c: &ToggleCounts| c.transitions_done > 10 && c.found_after > 0 && c.found_before > 0;
    let mut i = 0;
    while i < iterations || (!covered(&counts) && i < iterations * 10) {
        i += 1;
        let mut child = Command::new(HARNESS)
            .args(["toggle", dir.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let ready = rx.recv_timeout(Duration::from_secs(10)).unwrap_or_default();
        assert!(ready.starts_with("ready "), "iteration {i}: {ready:?}");
        std::thread::sleep(Duration::from_micros(rng.below(SAVE_WINDOW_MICROS)));
        child.kill().unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            !output.status.success(),
            "iteration {i}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        reader.join().unwrap();
        counts.kills += 1;
        let (mut last_saved, mut last_done) = (d, None);
        for line in rx.try_iter() {
            let (what, n) = line.split_once(' ').unwrap();
            let n: u64 = n.parse().unwrap();
            match what {
                "saved" => last_saved = n,
                "done" => {
                    last_done = Some(n);
                    counts.transitions_done += 1;
                }
                other => panic!("{other}"),
            }
        }

        let (found_lock, data) = open_toggled(dir, i);
        let found = number_of(&data).unwrap();
        assert_eq!(data, generation(found), "iteration {i}: not whole");
        assert!(
            found == last_saved || found == last_saved + 1,
            "iteration {i}: holds {found}, last saved {last_saved}"
        );
        // The lock is the one before the transition in flight, or the one after it.
        let before = last_done.map_or(lock, lock_after);
        let after = lock_after(found);
        assert!(
            found_lock == before || found_lock == after,
            "iteration {i}: lock {found_lock:?}, expected {before:?} or {after:?} (document {found})"
        );
        if last_done != Some(found) && found_lock == after && after != before {
            counts.found_after += 1;
        } else if last_done != Some(found) && found == last_saved {
            counts.found_before += 1;
        }
        (lock, d) = (found_lock, found);
    }
    eprintln!(
        "lock-change kill test: {counts:?} in {:.1?}",
        started.elapsed()
    );
    counts
}

#[test]
fn killed_while_changing_the_lock_200_times_it_is_the_old_lock_or_the_new() {
    let counts = toggle_loop(200);
    assert!(counts.transitions_done > 10, "{counts:?}");
    assert!(
        counts.found_after > 0 && counts.found_before > 0,
        "{counts:?}"
    );
}

#[test]
#[ignore = "long: 2,000 kills (run with --ignored)"]
fn killed_while_changing_the_lock_2000_times() {
    toggle_loop(2000);
}
