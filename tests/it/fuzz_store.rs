//! Fuzzing the loaders with proptest: arbitrary bytes, and valid files mutated (bytes flipped,
//! inserted, removed, the file cut short), for every file the store reads. None may panic.
//! Every input that ever broke one is kept under `tests/fixtures/store/fuzz/<kind>/` and
//! replayed here (the cargo-fuzz targets under `fuzz/` share the same entry points).
//!
//! A long run: `PROPTEST_CASES=200000 cargo test --release --test fuzz_store`.

use overture::store::SecretString;
use overture::store::fuzzing;
use proptest::prelude::*;
use std::path::Path;
use std::sync::LazyLock;

/// A key for these tests only.
const KEY_TEXT: &str =
    "# fuzz test key\nAGE-SECRET-KEY-1UENC93PNG2VP3S9GDVRME4P23JS4XSDVDGDFA2VLNYF968KC9VDQ309D3M\n";
const PASSPHRASE: &str = "fuzz";
/// The fuzzer opens key files accepting work factors up to this only: a mutation that asks
/// for more is refused unread (slow, not interesting).
const FUZZ_MAX_WORK_FACTOR: u8 = 12;

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_string())
}

static DOCUMENT: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/v1_full.json");
    std::fs::read(path).unwrap()
});
static SEALED: LazyLock<Vec<u8>> =
    LazyLock::new(|| fuzzing::seal_for(KEY_TEXT, &DOCUMENT).unwrap());
static KEY_FILE: LazyLock<Vec<u8>> =
    LazyLock::new(|| fuzzing::key_file_for(KEY_TEXT, &passphrase(), 10).unwrap());
const OPENED: &[u8] = br#"{
  "last_opened": "2026-01-01T00:00:00Z",
  "failed_attempts": 4,
  "last_failed_at": "2026-01-02T00:00:00Z"
}"#;

/// One edit of a seed file.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Xor(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Set(at, b)),
        4 => (any::<usize>(), 1u8..=255).prop_map(|(at, b)| Edit::Xor(at, b)),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        1 => (any::<usize>(), 1usize..64).prop_map(|(at, n)| Edit::Remove(at, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn mutate(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Set(at, b) => {
                if let Some(x) = bytes.get_mut(at % len) {
                    *x = *b;
                }
            }
            Edit::Xor(at, b) => {
                if let Some(x) = bytes.get_mut(at % len) {
                    *x ^= *b;
                }
            }
            Edit::Insert(at, new) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Remove(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
        }
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(edit(), 1..4)
}

fn check_document(bytes: &[u8]) {
    if let Ok(data) = fuzzing::document(bytes) {
        assert_eq!(data.schema_version, overture::core::record::SCHEMA_VERSION);
    }
}

fn check_sealed(bytes: &[u8]) {
    let _ = fuzzing::sealed_document(bytes, KEY_TEXT);
}

fn check_key_file(bytes: &[u8]) {
    if let Err(problem) = fuzzing::key_file(bytes, &passphrase(), FUZZ_MAX_WORK_FACTOR) {
        assert!(!problem.chars().any(char::is_control), "{problem:?}");
    }
}

fn check_opened(bytes: &[u8]) {
    let now: jiff::Timestamp = "2026-01-02T00:00:03Z".parse().unwrap();
    let (_, _, wait) = fuzzing::opened_record(bytes, now);
    assert!(wait <= overture::store::unlock_delay(u32::MAX));
}

#[test]
fn the_seeds_are_valid() {
    assert!(fuzzing::document(&DOCUMENT).is_ok());
    assert!(fuzzing::sealed_document(&SEALED, KEY_TEXT).is_ok());
    assert_eq!(
        fuzzing::key_file(&KEY_FILE, &passphrase(), FUZZ_MAX_WORK_FACTOR),
        Ok(1)
    );
    let now: jiff::Timestamp = "2026-01-02T00:00:03Z".parse().unwrap();
    let (last, failed, wait) = fuzzing::opened_record(OPENED, now);
    assert!(last.is_some());
    assert_eq!(failed, 4);
    assert_eq!(wait, std::time::Duration::from_secs(7));
}

/// Every input that ever broke a loader (or came close), kept and replayed.
#[test]
fn every_fixture_ever_found_still_loads_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/fuzz");
    let mut replayed = 0;
    for (kind, check) in [
        ("document", check_document as fn(&[u8])),
        ("sealed", check_sealed),
        ("key", check_key_file),
        ("opened", check_opened),
    ] {
        let dir = root.join(kind);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            check(&std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    assert!(replayed >= 4, "fixtures missing: {replayed}");
}

proptest! {
    #[test]
    fn arbitrary_bytes_as_a_document(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        check_document(&bytes);
    }

    #[test]
    fn mutated_documents(edits in edits()) {
        check_document(&mutate(&DOCUMENT, &edits));
    }

    #[test]
    fn arbitrary_bytes_as_encrypted_data(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        check_sealed(&bytes);
    }

    #[test]
    fn arbitrary_age_headers_as_encrypted_data(
        tail in proptest::collection::vec(any::<u8>(), 0..512)
    ) {
        let mut bytes = b"age-encryption.org/v1\n-> X25519 ".to_vec();
        bytes.extend(tail);
        check_sealed(&bytes);
    }

    #[test]
    fn mutated_encrypted_data(edits in edits()) {
        let bytes = mutate(&SEALED, &edits);
        check_sealed(&bytes);
    }

    #[test]
    fn mutated_key_files(edits in edits()) {
        check_key_file(&mutate(&KEY_FILE, &edits));
    }

    #[test]
    fn arbitrary_bytes_as_a_key_file(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_key_file(&bytes);
    }

    #[test]
    fn arbitrary_and_mutated_unlock_records(
        bytes in proptest::collection::vec(any::<u8>(), 0..256),
        edits in edits(),
    ) {
        check_opened(&bytes);
        check_opened(&mutate(OPENED, &edits));
    }
}
