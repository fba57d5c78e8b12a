//! Helpers for the store's lock, fault and crash tests.
#![allow(dead_code)]

use overture::content::{Pronouns, Voice};
use overture::core::Answers;
use overture::core::record::{AssessmentRecord, Draft, Profile, SCHEMA_VERSION, SavedData};
use overture::core::triage::{OutcomeKind, Reason};
use overture::store::{Loaded, Opened, SecretString, Store, StoreError};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The scrypt work factor for tests that unlock many times (real files use 18).
pub const FAST: u8 = 10;

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

/// A full document whose free text contains `partner` (use a marker to look for leaks).
pub fn sample(partner: &str) -> SavedData {
    document(partner, &format!("{partner} waited"))
}

/// A full document: a profile with `partner`, a draft, and one check-in whose answers to
/// `q_tried` are "asked" and `tried`.
pub fn document(partner: &str, tried: &str) -> SavedData {
    let t: jiff::Timestamp = "2025-03-01T10:00:00Z".parse().unwrap();
    let mut answers = Answers::new();
    answers.set_one("q_safe", "yes");
    answers.set("q_tried", vec!["asked".to_string(), tried.to_string()]);
    SavedData {
        schema_version: SCHEMA_VERSION,
        profile: Some(Profile {
            voice: Voice {
                partner: partner.to_string(),
                pronouns: Pronouns::She,
            },
            created_at: t,
        }),
        draft: Some(Draft {
            started_at: t,
            updated_at: t,
            answers: answers.clone(),
            current: Some("q_next".to_string()),
        }),
        assessments: vec![AssessmentRecord {
            id: "a1740823200".to_string(),
            started_at: t,
            completed_at: t,
            answers,
            outcome: OutcomeKind::Reachable,
            reasons: vec![Reason::Affair],
            content_version: 1,
        }]
        .into(),
        ..SavedData::default()
    }
}

pub fn pretty(data: &SavedData) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(data).unwrap();
    bytes.push(b'\n');
    bytes
}

pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// A folder with a file in it at `path`: removing a file there, or renaming one over it, fails
/// (as a file held open or a full disk would make it fail), whoever runs the tests.
pub fn in_the_way(path: &Path) {
    fs::create_dir(path).unwrap();
    fs::write(path.join("x"), b"x").unwrap();
}

pub fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Whether `needle` occurs in any file under `dir` (recursively).
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if meta.is_file() {
            let bytes = fs::read(&path).unwrap_or_default();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

/// `Store::open_any`, waiting out (up to 5 s) a lock held for a moment by a process forked
/// from a parallel test thread before it execs (it inherits the descriptor until then).
pub fn open_any_when_free(dir: &Path) -> (Store, Opened) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match Store::open_any(dir) {
            Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            other => return other.unwrap(),
        }
    }
}

/// Opens `dir` and unlocks it with `passphrase` if it is locked; the data loaded.
pub fn open_and_unlock(dir: &Path, passphrase: &str) -> (Store, Loaded) {
    let (mut store, opened) = open_any_when_free(dir);
    let loaded = match opened {
        Opened::Ready(loaded) => loaded,
        Opened::NeedsPassphrase { .. } => store.unlock(&secret(passphrase)).unwrap(),
    };
    (store, loaded)
}

/// Turns the lock on (fast work factor) over `data`.
pub fn lock(store: &mut Store, data: &SavedData, passphrase: &str) {
    store
        .set_passphrase_with_work_factor(data, None, Some(&secret(passphrase)), FAST)
        .unwrap();
}
