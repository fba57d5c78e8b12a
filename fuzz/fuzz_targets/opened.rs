//! An `overture.opened.json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let now = jiff::Timestamp::UNIX_EPOCH;
    let _ = overture::store::fuzzing::opened_record(bytes, now);
});
