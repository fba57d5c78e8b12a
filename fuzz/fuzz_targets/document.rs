//! A plain `overture.json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = overture::store::fuzzing::document(bytes);
});
