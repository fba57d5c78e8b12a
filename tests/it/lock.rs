//! The passphrase lock: everything encrypted at rest in the standard age format, readable
//! without Overture, a wrong passphrase refused and slowed down, interrupted changes finished.
#![cfg(unix)]

use crate::support;

use age::secrecy::ExposeSecret;
use overture::store::{
    BACKUP_FILE, DATA_FILE, KEY_FILE, LOCK_FILE, Loaded, OPENED_FILE, Opened, PassphraseError,
    SEALED_BACKUP_FILE, SEALED_FILE, SEALED_UNREADABLE_PREFIX, Store, StoreError, TEMP_PREFIX,
    UnlockError, WORK_FACTOR, unlock_delay,
};
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};
use support::{FAST, files_containing, lock, mode, names, open_and_unlock, pretty, sample, secret};
use tempfile::TempDir;

const MARKER: &str = "MARKER-7f3a-do-not-leak";

/// Sorted by name, as `names` lists them.
const LOCKED_FILES: [&str; 5] = [
    SEALED_FILE,
    SEALED_BACKUP_FILE,
    KEY_FILE,
    LOCK_FILE,
    OPENED_FILE,
];

/// The age identities in a key file, decrypted with `passphrase` by the age crate alone (as
/// the `age` CLI does with `-i`).
fn identities_in(key_file: &Path, passphrase: &str) -> Vec<age::x25519::Identity> {
    let bytes = fs::read(key_file).unwrap();
    let identity = age::scrypt::Identity::new(secret(passphrase));
    let text = age::decrypt(&identity, &bytes).unwrap();
    String::from_utf8(text)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.parse().unwrap())
        .collect()
}

fn decrypt_with(identities: &[age::x25519::Identity], file: &Path) -> Result<Vec<u8>, String> {
    let bytes = fs::read(file).unwrap();
    let decryptor = age::Decryptor::new_buffered(&bytes[..]).map_err(|e| e.to_string())?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn needs_passphrase(dir: &Path) -> (Store, Option<jiff::Timestamp>, u32) {
    // A crash test's child may hold the lock for a moment (see `open_any_when_free`).
    match support::open_any_when_free(dir) {
        (
            store,
            Opened::NeedsPassphrase {
                last_opened,
                failed_attempts,
            },
        ) => (store, last_opened, failed_attempts),
        (_, other) => panic!("expected NeedsPassphrase, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// On, save, unlock, off

#[test]
fn lock_on_encrypts_data_and_backup_and_removes_the_plain_files() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    assert!(!store.is_locked_at_rest());
    store.save(&sample(&format!("{MARKER}-A"))).unwrap();
    store.save(&sample(&format!("{MARKER}-B"))).unwrap();
    assert_eq!(store.data_path(), dir.join(DATA_FILE));
    assert_eq!(store.backup_path(), dir.join(BACKUP_FILE));
    lock(&mut store, &sample(&format!("{MARKER}-B")), "correct horse");
    assert!(store.is_locked_at_rest());
    assert_eq!(store.data_path(), dir.join(SEALED_FILE));
    assert_eq!(store.backup_path(), dir.join(SEALED_BACKUP_FILE));
    assert!(!store.needs_passphrase());

    assert_eq!(names(dir), LOCKED_FILES);
    for name in LOCKED_FILES {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
    assert_eq!(
        files_containing(dir, MARKER.as_bytes()),
        Vec::<String>::new()
    );

    // The data is the plain document, the backup the previous plain backup.
    let ids = identities_in(&dir.join(KEY_FILE), "correct horse");
    assert_eq!(ids.len(), 1);
    assert_eq!(
        decrypt_with(&ids, &dir.join(SEALED_FILE)).unwrap(),
        pretty(&sample(&format!("{MARKER}-B")))
    );
    assert_eq!(
        decrypt_with(&ids, &dir.join(SEALED_BACKUP_FILE)).unwrap(),
        pretty(&sample(&format!("{MARKER}-A")))
    );

    // Saves stay encrypted and keep an encrypted backup.
    store.save(&sample(&format!("{MARKER}-C"))).unwrap();
    assert_eq!(names(dir), LOCKED_FILES);
    assert_eq!(
        files_containing(dir, MARKER.as_bytes()),
        Vec::<String>::new()
    );
    assert_eq!(
        decrypt_with(&ids, &dir.join(SEALED_BACKUP_FILE)).unwrap(),
        pretty(&sample(&format!("{MARKER}-B")))
    );
    drop(store);

    let (mut store, last_opened, failed) = needs_passphrase(dir);
    assert!(
        last_opened.is_some(),
        "turning the lock on counts as opening"
    );
    assert_eq!(failed, 0);
    assert!(store.needs_passphrase());
    assert_eq!(store.last_opened(), last_opened);
    let loaded = store.unlock(&secret("correct horse")).unwrap();
    assert_eq!(loaded, Loaded::Data(sample(&format!("{MARKER}-C"))));
    assert!(!store.needs_passphrase());
    assert_eq!(store.last_opened(), last_opened, "still the previous open");
    assert!(matches!(
        store.unlock(&secret("correct horse")),
        Err(UnlockError::NotLocked)
    ));
}

#[test]
fn the_lock_uses_age_default_work_factor_and_unlocks_with_it() {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = Store::open_any(tmp.path()).unwrap();
    let started = Instant::now();
    store
        .set_passphrase(&sample("Sam"), None, Some(&secret("a real one")))
        .unwrap();
    let lock_time = started.elapsed();
    drop(store);

    let key = fs::read(tmp.path().join(KEY_FILE)).unwrap();
    let header = String::from_utf8_lossy(&key[..key.len().min(200)]).to_string();
    assert!(
        header.starts_with("age-encryption.org/v1\n-> scrypt "),
        "{header}"
    );
    let stanza = header.lines().nth(1).unwrap();
    assert!(
        stanza.ends_with(&format!(" {WORK_FACTOR}")),
        "work factor {WORK_FACTOR}: {stanza}"
    );
    assert_eq!(WORK_FACTOR, 18, "the age CLI's own work factor");

    let (mut store, _, _) = needs_passphrase(tmp.path());
    let started = Instant::now();
    let loaded = store.unlock(&secret("a real one")).unwrap();
    eprintln!(
        "work factor {WORK_FACTOR}: lock on {lock_time:?}, unlock {:?} (this build's profile)",
        started.elapsed()
    );
    assert_eq!(loaded, Loaded::Data(sample("Sam")));
}

#[test]
fn lock_off_gives_back_the_plain_document_and_backup() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "pass");
    store.save(&sample("B")).unwrap();
    store.save(&sample("C")).unwrap();

    let err = store.set_passphrase(&sample("C"), None, None).unwrap_err();
    assert!(matches!(err, PassphraseError::CurrentRequired), "{err:?}");
    let err = store
        .set_passphrase(&sample("C"), Some(&secret("nope")), None)
        .unwrap_err();
    assert!(
        matches!(
            err,
            PassphraseError::Current(UnlockError::WrongPassphrase { .. })
        ),
        "{err:?}"
    );
    assert_eq!(names(dir), LOCKED_FILES, "nothing changed");

    store
        .set_passphrase(&sample("C"), Some(&secret("pass")), None)
        .unwrap();
    assert!(!store.is_locked_at_rest());
    assert_eq!(names(dir), [DATA_FILE, BACKUP_FILE, LOCK_FILE]);
    assert_eq!(fs::read(dir.join(DATA_FILE)).unwrap(), pretty(&sample("C")));
    assert_eq!(
        fs::read(dir.join(BACKUP_FILE)).unwrap(),
        pretty(&sample("B"))
    );
    store.save(&sample("D")).unwrap();
    drop(store);
    let (_store, opened) = Store::open_any(dir).unwrap();
    assert_eq!(opened, Opened::Ready(Loaded::Data(sample("D"))));
}

#[test]
fn an_empty_passphrase_is_refused() {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = Store::open_any(tmp.path()).unwrap();
    store.save(&sample("A")).unwrap();
    let err = store
        .set_passphrase(&sample("A"), None, Some(&secret("")))
        .unwrap_err();
    assert!(matches!(err, PassphraseError::Empty), "{err:?}");
    assert_eq!(names(tmp.path()), [DATA_FILE, LOCK_FILE]);
}

#[test]
fn locked_and_not_unlocked_nothing_is_read_or_written() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "pass");
    drop(store);
    let before: Vec<(String, Vec<u8>)> = names(dir)
        .into_iter()
        .map(|n| (n.clone(), fs::read(dir.join(&n)).unwrap()))
        .collect();

    // The front end that cannot ask for a passphrase gets an error, not empty data.
    let err = Store::open(dir).unwrap_err();
    assert!(matches!(err, StoreError::NeedsPassphrase { .. }), "{err:?}");
    assert!(
        err.to_string().contains("locked with a passphrase"),
        "{err}"
    );

    let (mut store, _, _) = needs_passphrase(dir);
    let err = store.save(&sample("B")).unwrap_err();
    assert!(matches!(err, StoreError::NeedsPassphrase { .. }), "{err:?}");
    let err = store
        .set_passphrase(&sample("B"), Some(&secret("pass")), None)
        .unwrap_err();
    assert!(matches!(err, PassphraseError::NotUnlocked), "{err:?}");
    drop(store);
    let after: Vec<(String, Vec<u8>)> = names(dir)
        .into_iter()
        .map(|n| (n.clone(), fs::read(dir.join(&n)).unwrap()))
        .collect();
    assert_eq!(after, before);
}

// ---------------------------------------------------------------------------------------
// Wrong passphrases

#[test]
fn wrong_passphrases_are_refused_counted_and_slowed_down() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "right");
    drop(store);
    let data_before = fs::read(dir.join(SEALED_FILE)).unwrap();
    let key_before = fs::read(dir.join(KEY_FILE)).unwrap();

    let (mut store, _, _) = needs_passphrase(dir);
    for n in 1..=3 {
        match store.unlock(&secret("wrong")) {
            Err(UnlockError::WrongPassphrase {
                failed_attempts,
                wait,
            }) => {
                assert_eq!(failed_attempts, n);
                assert_eq!(wait, unlock_delay(n));
            }
            other => panic!("attempt {n}: {other:?}"),
        }
        assert!(store.needs_passphrase(), "never a partial unlock");
    }
    assert_eq!(unlock_delay(3), Duration::from_secs(5));
    // Too soon: refused without trying, even the right passphrase.
    match store.unlock(&secret("right")) {
        Err(UnlockError::TooSoon { wait }) => {
            assert!(wait > Duration::from_secs(3) && wait <= Duration::from_secs(5));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.failed_attempts(), 3, "a refused try is not counted");
    assert!(store.save(&sample("B")).is_err());
    drop(store);

    // Restarting does not reset the count or the wait.
    let (mut store, _, failed) = needs_passphrase(dir);
    assert_eq!(failed, 3);
    assert!(!store.unlock_wait().is_zero());
    assert!(matches!(
        store.unlock(&secret("right")),
        Err(UnlockError::TooSoon { .. })
    ));
    drop(store);
    assert_eq!(fs::read(dir.join(SEALED_FILE)).unwrap(), data_before);
    assert_eq!(fs::read(dir.join(KEY_FILE)).unwrap(), key_before);

    // Once the wait is over (the record says the last failure was a minute ago) it opens.
    let record = fs::read_to_string(dir.join(OPENED_FILE)).unwrap();
    let mut record: serde_json::Value = serde_json::from_str(&record).unwrap();
    let minute_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(60);
    record["last_failed_at"] = serde_json::Value::String(minute_ago.to_string());
    fs::write(dir.join(OPENED_FILE), record.to_string()).unwrap();
    let (mut store, _, _) = needs_passphrase(dir);
    assert_eq!(store.unlock_wait(), Duration::ZERO);
    assert_eq!(
        store.unlock(&secret("right")).unwrap(),
        Loaded::Data(sample("A"))
    );
    assert_eq!(store.failed_attempts(), 0);
    drop(store);
    let (_store, last_opened, failed) = needs_passphrase(dir);
    assert_eq!(failed, 0);
    assert!(last_opened.unwrap() > minute_ago);
}

#[test]
fn a_passphrase_differing_only_in_case_or_spaces_is_wrong() {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = Store::open_any(tmp.path()).unwrap();
    lock(&mut store, &sample("A"), "Tree house 7");
    drop(store);
    let (mut store, _, _) = needs_passphrase(tmp.path());
    for wrong in ["tree house 7", "Tree house 7 ", "Tree house 7\n"] {
        assert!(
            matches!(
                store.unlock(&secret(wrong)),
                Err(UnlockError::WrongPassphrase { .. })
            ),
            "{wrong:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Changing the passphrase

#[test]
fn changing_the_passphrase_moves_everything_to_a_new_key() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "old");
    store.save(&sample("B")).unwrap();
    let old_ids = identities_in(&dir.join(KEY_FILE), "old");

    store
        .set_passphrase_with_work_factor(
            &sample("B"),
            Some(&secret("old")),
            Some(&secret("new")),
            FAST,
        )
        .unwrap();
    assert_eq!(names(dir), LOCKED_FILES);
    let new_ids = identities_in(&dir.join(KEY_FILE), "new");
    assert_eq!(new_ids.len(), 1, "the old key is gone from the key file");
    assert_ne!(
        new_ids[0].to_public().to_string(),
        old_ids[0].to_public().to_string()
    );
    // Whoever kept the old key file and passphrase can read none of it.
    assert!(decrypt_with(&old_ids, &dir.join(SEALED_FILE)).is_err());
    assert!(decrypt_with(&old_ids, &dir.join(SEALED_BACKUP_FILE)).is_err());
    assert_eq!(
        decrypt_with(&new_ids, &dir.join(SEALED_FILE)).unwrap(),
        pretty(&sample("B"))
    );
    assert_eq!(
        decrypt_with(&new_ids, &dir.join(SEALED_BACKUP_FILE)).unwrap(),
        pretty(&sample("A"))
    );
    store.save(&sample("C")).unwrap();
    drop(store);

    let (mut store, _, _) = needs_passphrase(dir);
    assert!(matches!(
        store.unlock(&secret("old")),
        Err(UnlockError::WrongPassphrase { .. })
    ));
    assert_eq!(
        store.unlock(&secret("new")).unwrap(),
        Loaded::Data(sample("C"))
    );
}

#[test]
fn an_interrupted_change_is_finished_at_the_next_unlock() {
    // The state a crash leaves mid-change: the key file already under the new passphrase and
    // holding both identities, the data and backup still encrypted to the old one.
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let old = age::x25519::Identity::generate();
    let new = age::x25519::Identity::generate();
    let text = format!(
        "# test\n{}\n{}\n",
        new.to_string().expose_secret(),
        old.to_string().expose_secret()
    );
    let mut recipient = age::scrypt::Recipient::new(secret("new"));
    recipient.set_work_factor(FAST);
    fs::write(
        dir.join(KEY_FILE),
        age::encrypt(&recipient, text.as_bytes()).unwrap(),
    )
    .unwrap();
    fs::write(
        dir.join(SEALED_FILE),
        age::encrypt(&old.to_public(), &pretty(&sample("B"))).unwrap(),
    )
    .unwrap();
    fs::write(
        dir.join(SEALED_BACKUP_FILE),
        age::encrypt(&old.to_public(), &pretty(&sample("A"))).unwrap(),
    )
    .unwrap();

    let (mut store, _, _) = needs_passphrase(dir);
    assert_eq!(
        store.unlock(&secret("new")).unwrap(),
        Loaded::Data(sample("B"))
    );
    let ids = identities_in(&dir.join(KEY_FILE), "new");
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].to_public().to_string(), new.to_public().to_string());
    assert!(decrypt_with(std::slice::from_ref(&old), &dir.join(SEALED_FILE)).is_err());
    assert_eq!(
        decrypt_with(&ids, &dir.join(SEALED_BACKUP_FILE)).unwrap(),
        pretty(&sample("A"))
    );
    let key = fs::read(dir.join(KEY_FILE)).unwrap();
    let stanza = String::from_utf8_lossy(&key[..100])
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    assert!(
        stanza.ends_with(&format!(" {FAST}")),
        "kept its work factor: {stanza}"
    );
}

// ---------------------------------------------------------------------------------------
// Leftovers of interrupted lock changes

#[test]
fn encrypted_leftovers_beside_plain_data_are_removed_at_open() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    fs::write(dir.join(DATA_FILE), pretty(&sample("A"))).unwrap();
    fs::write(dir.join(SEALED_FILE), b"age-encryption.org/v1\nleftover").unwrap();
    fs::write(dir.join(SEALED_BACKUP_FILE), b"leftover").unwrap();
    fs::write(dir.join(OPENED_FILE), b"{}").unwrap();
    let (_store, opened) = Store::open_any(dir).unwrap();
    assert_eq!(opened, Opened::Ready(Loaded::Data(sample("A"))));
    assert_eq!(names(dir), [DATA_FILE, LOCK_FILE]);
}

#[test]
fn encrypted_data_whose_key_file_is_gone_is_moved_aside_and_reported() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "pass");
    drop(store);
    let sealed = fs::read(dir.join(SEALED_FILE)).unwrap();
    fs::remove_file(dir.join(KEY_FILE)).unwrap();

    let (_store, opened) = Store::open_any(dir).unwrap();
    let Opened::Ready(Loaded::MovedAside {
        moved_to, problem, ..
    }) = opened
    else {
        panic!("{opened:?}");
    };
    assert!(
        problem.starts_with(&dir.join(SEALED_FILE).display().to_string()),
        "{problem}"
    );
    assert!(problem.contains(KEY_FILE), "{problem}");
    assert!(
        moved_to
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with(SEALED_UNREADABLE_PREFIX)
    );
    assert_eq!(fs::read(&moved_to).unwrap(), sealed, "kept, not deleted");
}

#[test]
fn plain_leftovers_beside_locked_data_are_removed_after_unlock() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "pass");
    drop(store);
    // As a crash between writing the plain copies and removing the key file leaves them.
    fs::write(dir.join(DATA_FILE), pretty(&sample(MARKER))).unwrap();
    fs::write(dir.join(BACKUP_FILE), pretty(&sample(MARKER))).unwrap();

    let (mut store, _, _) = needs_passphrase(dir);
    assert_eq!(
        store.unlock(&secret("pass")).unwrap(),
        Loaded::Data(sample("A"))
    );
    assert_eq!(names(dir), [SEALED_FILE, KEY_FILE, LOCK_FILE, OPENED_FILE]);
    assert!(files_containing(dir, MARKER.as_bytes()).is_empty());
}

// ---------------------------------------------------------------------------------------
// Damaged files

#[test]
fn a_flipped_byte_in_the_encrypted_data_is_moved_aside_with_the_backup_offered() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "pass");
    store.save(&sample("B")).unwrap();
    drop(store);
    let good = fs::read(dir.join(SEALED_FILE)).unwrap();

    // The header's first line, a stanza, the header MAC, the nonce, the payload, the tag.
    let len = good.len();
    let header_end = good.windows(4).position(|w| w == b"\n---").unwrap();
    for at in [
        0,
        30,
        header_end + 10,
        header_end + 50,
        len / 2 + 60,
        len - 1,
    ] {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        fs::write(dir.join(SEALED_FILE), &bad).unwrap();
        let (mut store, _, _) = needs_passphrase(dir);
        let loaded = store.unlock(&secret("pass")).unwrap();
        let Loaded::MovedAside {
            moved_to,
            problem,
            backup,
            ..
        } = loaded
        else {
            panic!("byte {at}: {loaded:?}");
        };
        let path = dir.join(SEALED_FILE).display().to_string();
        assert!(
            problem.starts_with(&format!("{path}: ")),
            "byte {at}: {problem}"
        );
        assert!(!problem.chars().any(char::is_control), "{problem}");
        assert_eq!(fs::read(&moved_to).unwrap(), bad, "kept as it was");
        assert_eq!(backup, Some(sample("A")), "byte {at}");
        eprintln!("byte {at}: {problem}");
        drop(store);
        fs::remove_file(&moved_to).unwrap();
    }
}

#[test]
fn a_damaged_key_file_is_never_moved_or_changed() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "pass");
    drop(store);
    let good = fs::read(dir.join(KEY_FILE)).unwrap();
    let data = fs::read(dir.join(SEALED_FILE)).unwrap();
    let mut wrong = 0;
    let mut damaged = 0;
    for at in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        fs::write(dir.join(KEY_FILE), &bad).unwrap();
        fs::remove_file(dir.join(OPENED_FILE)).ok();
        let (mut store, _, _) = needs_passphrase(dir);
        match store.unlock(&secret("pass")) {
            Err(UnlockError::WrongPassphrase { .. }) => wrong += 1,
            Err(UnlockError::KeyFile { path, problem }) => {
                damaged += 1;
                assert_eq!(path, dir.join(KEY_FILE));
                assert!(!problem.chars().any(char::is_control), "{problem}");
            }
            // A flip in a comment line or in padding can leave it working.
            Ok(loaded) => assert_eq!(loaded, Loaded::Data(sample("A")), "byte {at}"),
            Err(e) => panic!("byte {at}: {e:?}"),
        }
        drop(store);
        assert_eq!(fs::read(dir.join(KEY_FILE)).unwrap(), bad, "byte {at}");
        assert_eq!(fs::read(dir.join(SEALED_FILE)).unwrap(), data, "byte {at}");
    }
    eprintln!("key file flips: {wrong} read as a wrong passphrase, {damaged} as damaged");
    assert!(damaged > 0 && wrong > 0);
}

// ---------------------------------------------------------------------------------------
// Readable without Overture

#[test]
fn the_age_crate_alone_reads_the_data_as_the_age_cli_does() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("A"), "pass");
    drop(store);
    // `age -d -i overture.key.age overture.json.age`: an encrypted identity file.
    let key = fs::read(dir.join(KEY_FILE)).unwrap();
    let text = age::decrypt(&age::scrypt::Identity::new(secret("pass")), &key).unwrap();
    let identities = age::IdentityFile::from_buffer(&text[..])
        .unwrap()
        .into_identities()
        .unwrap();
    let data = fs::read(dir.join(SEALED_FILE)).unwrap();
    let decryptor = age::Decryptor::new_buffered(&data[..]).unwrap();
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .unwrap();
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).unwrap();
    assert_eq!(plain, pretty(&sample("A")));
}

/// Runs the real `age` CLI, when it is installed, in a terminal (it reads passphrases only
/// from one), exactly as `docs/FORMAT.md` tells the user to.
#[test]
fn the_age_cli_decrypts_it_when_installed() {
    let Ok(age_bin) = which("age") else {
        eprintln!("skipped: no `age` command on PATH (apt-get install age)");
        return;
    };
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    store
        .set_passphrase(&sample("A"), None, Some(&secret("pass with spaces é")))
        .unwrap();
    store.save(&sample("B")).unwrap();
    drop(store);

    let out = dir.join("decrypted.json");
    let pty = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = portable_pty::CommandBuilder::new(age_bin);
    cmd.args(["-d", "-i", KEY_FILE, "-o", "decrypted.json", SEALED_FILE]);
    cmd.cwd(dir);
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 256];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(&screen).contains("passphrase") {
        assert!(
            Instant::now() < deadline,
            "no prompt: {}",
            String::from_utf8_lossy(&screen)
        );
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
            screen.extend(chunk);
        }
    }
    writer.write_all("pass with spaces é\r".as_bytes()).unwrap();
    writer.flush().unwrap();
    let status = child.wait().unwrap();
    while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
        screen.extend(chunk);
    }
    assert!(
        status.success(),
        "age: {}",
        String::from_utf8_lossy(&screen)
    );
    assert_eq!(fs::read(&out).unwrap(), pretty(&sample("B")));
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    let path = std::env::var_os("PATH").ok_or(())?;
    std::env::split_paths(&path)
        .map(|p| p.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}

// ---------------------------------------------------------------------------------------
// Nothing in plain text

#[test]
fn a_locked_session_leaves_no_answer_text_anywhere_in_the_directory() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    lock(&mut store, &sample("start"), "pass");
    for i in 0..20 {
        store.save(&sample(&format!("{MARKER} {i}"))).unwrap();
    }
    // A stale temp file of a crashed locked save holds only ciphertext too.
    assert!(!names(dir).iter().any(|n| n.starts_with(TEMP_PREFIX)));
    drop(store);
    let (mut store, _, _) = needs_passphrase(dir);
    store.unlock(&secret("pass")).unwrap();
    store.save(&sample(&format!("{MARKER} last"))).unwrap();
    drop(store);
    assert_eq!(
        files_containing(dir, MARKER.as_bytes()),
        Vec::<String>::new()
    );
    assert_eq!(
        files_containing(dir, b"\"schema_version\""),
        Vec::<String>::new()
    );
    let (_store, loaded) = open_and_unlock(dir, "pass");
    assert_eq!(loaded, Loaded::Data(sample(&format!("{MARKER} last"))));
}

#[test]
fn debug_output_never_shows_the_key_or_the_passphrase() {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = Store::open_any(tmp.path()).unwrap();
    lock(&mut store, &sample("A"), "hunter2-passphrase");
    let shown = format!("{store:?}");
    assert!(shown.contains("redacted"), "{shown}");
    assert!(!shown.contains("AGE-SECRET-KEY"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
    let shown = format!("{:?}", secret("hunter2-passphrase"));
    assert!(!shown.contains("hunter2"), "{shown}");
}

#[test]
fn a_passphrase_plain_mode_would_read_as_a_command_is_refused_and_nothing_changes() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let (mut store, _) = Store::open_any(dir).unwrap();
    let data = sample("husband");
    store.save(&data).unwrap();
    let before = names(dir);
    for word in ["help", "quit", "resources", " help "] {
        let err = store
            .set_passphrase_with_work_factor(&data, None, Some(&secret(word)), FAST)
            .unwrap_err();
        assert!(
            matches!(err, PassphraseError::CommandWord(_)),
            "{word:?}: {err}"
        );
        assert!(err.to_string().contains("choose another"), "{err}");
        assert!(!store.is_locked_at_rest(), "{word:?} did not lock anything");
        assert_eq!(names(dir), before);
    }
    // A passphrase that merely contains one of those words is fine.
    lock(&mut store, &data, "help me remember this");
    assert!(store.is_locked_at_rest());
}
