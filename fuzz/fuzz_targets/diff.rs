#![no_main]
//! Two revisions (the input split at its first NUL, or at its middle) and every format.
include!("common.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let cut = data
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(data.len() / 2);
    let (old, new) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
    let (Some(o), Some(n)) = (document("doc.txt", old), document("doc.txt", new)) else {
        return;
    };
    let diff = yakkan::diff::diff_corpora(&corpus(vec![o]), &corpus(vec![n]), true);
    for format in ["md", "html", "json"] {
        let f = yakkan::diff::Format::parse(format).expect("format");
        let out = yakkan::diff::render(&diff, f);
        if format == "json" {
            serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
        }
    }
});
