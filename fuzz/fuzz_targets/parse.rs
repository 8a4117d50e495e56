#![no_main]
//! decode + layout + parse + extract, and fmt's text, on any bytes.
include!("common.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for name in ["doc.txt", "doc.md"] {
        if let Ok(src) = yakkan::SourceFile::from_bytes(Path::new(name), data) {
            let _ = yakkan::fmt::format_source(&src);
            let _ = yakkan::parse_text_source(Arc::new(src));
        }
    }
});
