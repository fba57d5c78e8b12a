//! An `overture.key.age`, opened with the passphrase `fuzz`; work factors above 2^12 are
//! refused unread (slow, not interesting). Seed with `tests/fixtures/store/fuzz/key/`.
#![no_main]

use overture::store::SecretString;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let passphrase = SecretString::from("fuzz".to_string());
    let _ = overture::store::fuzzing::key_file(bytes, &passphrase, 12);
});
