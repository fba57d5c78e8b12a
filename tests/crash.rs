//! A real process saving in a loop, killed (SIGKILL, and SIGTERM with its default action) at
//! random moments, hundreds of times. After each kill the data must be the last save the
//! process reported or the one it was writing, whole; the backup the one before; and the
//! temp files of the killed save gone once the store is opened again.
//!
//! `OVERTURE_CRASH_SEED` replays a run; the `#[ignore]`d tests do 5,000 kills each.
#![cfg(unix)]

mod support;

#[path = "../src/bin/overture-store-harness/generate.rs"]
mod generate;

use generate::{MARKER, generation, number_of};
use overture::core::record::SavedData;
use overture::store::{BACKUP_FILE, KEY_FILE, Loaded, SEALED_BACKUP_FILE, Store, TEMP_PREFIX};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::{FAST, files_containing, names, open_and_unlock, secret};
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
                    FAST,
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
        // The backup is the previous save (or, killed between keeping it and the rename, the
        // same one).
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
                b == Some(k - 1) || b == Some(k),
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
            .set_passphrase_with_work_factor(&generation(0), None, Some(&secret(PASSPHRASE)), FAST)
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
