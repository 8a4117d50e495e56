#![no_main]
//! PDF bytes through the reader and the pipeline.
include!("common.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(doc) = document("doc.pdf", data) {
        every_report(&corpus(vec![doc]));
    }
});
