#![no_main]
//! yakkan.yaml: the nesting scan and the YAML parser on any text.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = yakkan::corpus::Manifest::parse(std::path::Path::new("yakkan.yaml"), text);
    }
});
