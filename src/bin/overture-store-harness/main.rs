//! `overture-store-harness`: drives the store from a real process, for the tests that kill it
//! mid-save, fill its disk, and time it. Not part of Overture; it holds no user data.
//!
//! ```text
//! overture-store-harness stress DIR         save generations k+1, k+2, … forever, printing
//!                                           "saved <k>" after each (until killed)
//! overture-store-harness save-once DIR K    save generation K once; exit 0, or 1 and the error
//! overture-store-harness toggle DIR         step k+1, k+2, …: save generation k, print
//!                                           "saved <k>", switch the lock to `lock_after(k)`,
//!                                           print "done <k>" (until killed)
//! overture-store-harness bench DIR          time unlock and saves, lock off and on
//! overture-store-harness history DIR N      save a generated history of N snapshots (no lock)
//! ```
//!
//! A locked directory is unlocked with the passphrase in `OVERTURE_HARNESS_PASSPHRASE`.

mod generate;

use generate::{
    FAST_WORK_FACTOR, TOGGLE_PASSPHRASES, become_generation, generation, lock_after, number_of,
};
use overture::core::record::SavedData;
use overture::store::{Loaded, Opened, SecretString, Store, StoreError};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["stress", dir] => stress(Path::new(dir)),
        ["save-once", dir, k] => match k.parse() {
            Ok(k) => save_once(Path::new(dir), k),
            Err(e) => Err(format!("K: {e}")),
        },
        ["toggle", dir] => toggle(Path::new(dir)),
        ["bench", dir] => bench(Path::new(dir)),
        ["history", dir, n] => match n.parse() {
            Ok(n) => history(Path::new(dir), n),
            Err(e) => Err(format!("N: {e}")),
        },
        _ => Err(
            "usage: overture-store-harness stress DIR | save-once DIR K | bench DIR | history DIR N"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("overture-store-harness: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes a generated history of `count` snapshots (`overture::sample`), for `scripts/ttff.sh`.
fn history(dir: &Path, count: usize) -> Result<(), String> {
    let content = overture::validate::embedded().map_err(|e| e.to_string())?;
    let data = overture::sample::long_history(&content, count);
    let (mut store, _) = Store::open(dir).map_err(|e| e.to_string())?;
    store.save(&data).map_err(|e| e.to_string())
}

fn passphrase() -> Option<SecretString> {
    std::env::var("OVERTURE_HARNESS_PASSPHRASE")
        .ok()
        .map(SecretString::from)
}

/// Opens `dir`, unlocking it if it is locked; the generation it holds (0 if none) and the
/// document.
fn open(dir: &Path) -> Result<(Store, u64, SavedData), String> {
    let (mut store, opened) = open_when_free(dir)?;
    let loaded = match opened {
        Opened::Ready(loaded) => loaded,
        Opened::NeedsPassphrase { .. } => {
            let passphrase = passphrase().ok_or("locked, and no passphrase given")?;
            store.unlock(&passphrase).map_err(|e| e.to_string())?
        }
    };
    match loaded {
        Loaded::Fresh => Ok((store, 0, SavedData::default())),
        Loaded::Data(data) => {
            let k = number_of(&data).ok_or("not a harness document")?;
            Ok((store, k, data))
        }
        Loaded::MovedAside { problem, .. } => Err(format!("unreadable: {problem}")),
    }
}

/// The test that runs this process forks others from parallel threads; a fork can hold a
/// copy of the test's own lock descriptor for a moment, until it execs. Wait that out.
fn open_when_free(dir: &Path) -> Result<(Store, Opened), String> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match Store::open_any(dir) {
            Err(StoreError::Locked { .. }) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(2));
            }
            other => return other.map_err(|e| e.to_string()),
        }
    }
}

fn stress(dir: &Path) -> Result<(), String> {
    let (mut store, mut k, mut data) = open(dir)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready {k}").map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    loop {
        k += 1;
        // Changed in place, as the app does: most saves append to the log.
        become_generation(&mut data, generation(k));
        store.save(&data).map_err(|e| e.to_string())?;
        writeln!(out, "saved {k}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
}

/// Saves and switches the lock in turn, forever: see `lock_after`.
fn toggle(dir: &Path) -> Result<(), String> {
    let passphrases = TOGGLE_PASSPHRASES.map(|p| SecretString::from(p.to_string()));
    let (mut store, opened) = open_when_free(dir)?;
    let (loaded, mut lock) = match opened {
        Opened::Ready(loaded) => (loaded, None),
        Opened::NeedsPassphrase { .. } => match store.unlock(&passphrases[0]) {
            Ok(loaded) => (loaded, Some(0)),
            Err(_) => (
                store.unlock(&passphrases[1]).map_err(|e| e.to_string())?,
                Some(1),
            ),
        },
    };
    let Loaded::Data(mut data) = loaded else {
        return Err(format!("no harness document: {loaded:?}"));
    };
    let mut k = number_of(&data).ok_or("not a harness document")?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready {k}").map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    loop {
        k += 1;
        // Saved twice, so that there is a log when the lock changes.
        become_generation(&mut data, generation(k));
        store.save(&data).map_err(|e| e.to_string())?;
        store.save(&data).map_err(|e| e.to_string())?;
        writeln!(out, "saved {k}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        let target = lock_after(k);
        store
            .set_passphrase_with_work_factor(
                &data,
                lock.map(|i: usize| &passphrases[i]),
                target.map(|i| &passphrases[i]),
                FAST_WORK_FACTOR,
            )
            .map_err(|e| e.to_string())?;
        lock = target;
        writeln!(out, "done {k}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
}

fn save_once(dir: &Path, k: u64) -> Result<(), String> {
    let (mut store, _, mut data) = open(dir)?;
    become_generation(&mut data, generation(k));
    store.save(&data).map_err(|e| e.to_string())
}

/// Times what the user waits for. Uses the real work factor.
fn bench(dir: &Path) -> Result<(), String> {
    const SAVES: u32 = 50;
    let data = generation(3);
    let small = generation(0);
    let mut store = Store::open_any(dir).map_err(|e| e.to_string())?.0;
    let size = serde_json::to_vec_pretty(&data).map_or(0, |b| b.len());

    let plain_small = time_saves(&mut store, &small, SAVES)?;
    let plain = time_saves(&mut store, &data, SAVES)?;

    let pass = SecretString::from("a bench passphrase".to_string());
    let started = Instant::now();
    store
        .set_passphrase(&data, None, Some(&pass))
        .map_err(|e| e.to_string())?;
    let lock_on = started.elapsed();
    let locked_small = time_saves(&mut store, &small, SAVES)?;
    let locked = time_saves(&mut store, &data, SAVES)?;
    drop(store);

    let mut unlocks = Vec::new();
    for _ in 0..3 {
        let mut store = Store::open_any(dir).map_err(|e| e.to_string())?.0;
        let started = Instant::now();
        store.unlock(&pass).map_err(|e| e.to_string())?;
        unlocks.push(started.elapsed());
    }
    let mut store = Store::open_any(dir).map_err(|e| e.to_string())?.0;
    store.unlock(&pass).map_err(|e| e.to_string())?;
    let started = Instant::now();
    store
        .set_passphrase(&data, Some(&pass), Some(&pass))
        .map_err(|e| e.to_string())?;
    let change = started.elapsed();

    println!(
        "document: {size} bytes (small: ~0.4 KiB); median of {SAVES} saves each, fsync included"
    );
    println!("save, lock off: small {plain_small:?}, large {plain:?}");
    println!("save, lock on:  small {locked_small:?}, large {locked:?}");
    println!("lock on (one scrypt): {lock_on:?}");
    println!("unlock (one scrypt), 3 runs: {unlocks:?}");
    println!("change passphrase (three scrypts): {change:?}");
    Ok(())
}

fn time_saves(store: &mut Store, data: &SavedData, n: u32) -> Result<Duration, String> {
    let mut times = Vec::new();
    for _ in 0..n {
        let started = Instant::now();
        store.save(data).map_err(|e| e.to_string())?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times.get(times.len() / 2).copied().unwrap_or_default())
}
