//! An `overture.json.age`, decrypted with the test key of `tests/fuzz_store.rs`. Seed the
//! corpus with `tests/fixtures/store/fuzz/sealed/` so that it starts from real age files.
#![no_main]

const KEY_TEXT: &str =
    "# fuzz test key\nAGE-SECRET-KEY-1UENC93PNG2VP3S9GDVRME4P23JS4XSDVDGDFA2VLNYF968KC9VDQ309D3M\n";

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = overture::store::fuzzing::sealed_document(bytes, KEY_TEXT);
});
