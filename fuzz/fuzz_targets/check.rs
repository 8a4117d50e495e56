#![no_main]
//! The whole pipeline and every output format: JSON and SARIF must be valid JSON,
//! GitHub output one command per line.
include!("common.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(doc) = document("doc.txt", data) {
        every_report(&corpus(vec![doc]));
    }
});
