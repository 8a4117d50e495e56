//! PDF input: the text twin (`tests/fixtures/input/twin.txt`) set on A4 pages in a
//! Japanese font (IPAex Gothic, Debian's fonts-ipaexfont) with a running header and page
//! numbers gives the same articles, paragraphs, items and definitions and the same
//! findings as the text; damaged, encrypted and image-only PDFs exit 2.

mod common;
use common::pdf::{build, encrypted, image_only, Encoding};
use common::strip_spans;
use std::path::{Path, PathBuf};
use std::process::Command;

const FONTS: [&str; 2] = [
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
];
const HEADER: &str = "あおば解析　データ分析支援サービス約款";

fn font() -> Option<Vec<u8>> {
    let f = FONTS.iter().find_map(|p| std::fs::read(p).ok());
    if f.is_none() {
        eprintln!("NOTICE: no IPAex Gothic font (apt-get install fonts-ipaexfont), skipping");
    }
    f
}

fn twin_text() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/input/twin.txt");
    std::fs::read_to_string(p).expect("twin")
}

fn write(dir: &Path, enc: Encoding, ttf: &[u8]) -> (PathBuf, PathBuf) {
    let pdf = dir.join("twin.pdf");
    let bytes = build(&twin_text(), HEADER, ttf, enc);
    std::fs::write(&pdf, bytes).expect("write pdf");
    let txt = dir.join("twin.txt");
    std::fs::write(&txt, twin_text()).expect("write txt");
    (pdf, txt)
}

/// The provisions, 附則 and definitions of a document, spans left out.
fn structure(doc: &yakkan::Document) -> serde_json::Value {
    let mut v = serde_json::json!({
        "provisions": doc.provisions,
        "suppl": doc.suppl,
        "definitions": doc.definitions,
        "references": doc.references,
        "title": doc.title,
    });
    strip_spans(&mut v);
    v
}

#[test]
fn pdf_gives_the_structure_of_its_text_twin() {
    let Some(ttf) = font() else { return };
    for enc in [Encoding::IdentityToUnicode, Encoding::UniJisUcs2] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (pdf, txt) = write(dir.path(), enc, &ttf);
        let bytes = std::fs::read(&pdf).unwrap();
        let pages = bytes.windows(12).filter(|w| w == b"/Type /Page ").count();
        assert!(pages >= 2, "{pages} pages");
        let p = yakkan::parse_file(&pdf).expect("pdf reads");
        let t = yakkan::parse_file(&txt).expect("text reads");
        let src = yakkan::SourceFile::load(&pdf).unwrap();
        assert!(
            !src.text.contains("あおば解析　データ"),
            "header kept: {enc:?}"
        );
        assert!(!src.text.contains("/ "), "page number kept: {enc:?}");
        assert_eq!(structure(&p), structure(&t), "{enc:?}\n{}", src.text);
        assert_eq!(p.definitions.len(), t.definitions.len());
    }
}

fn check_json(path: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("check")
        .arg(path)
        .args(["--format", "json"])
        .output()
        .expect("run yakkan");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["path"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn pdf_gets_the_findings_of_its_text_twin_located_by_page_and_line() {
    let Some(ttf) = font() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, txt) = write(dir.path(), Encoding::IdentityToUnicode, &ttf);
    let pv = check_json(&pdf);
    let tv = check_json(&txt);
    assert_eq!(findings(&pv), findings(&tv));
    let y301 = pv["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "Y301")
        .expect("Y301 on 第８条");
    let page = y301["page"].as_u64().expect("a page");
    assert!(page >= 1);
    // The line and column point at 第８条 on that page of the PDF.
    let src = yakkan::SourceFile::load(&pdf).unwrap();
    let origin = src.origin.clone().unwrap();
    let at = src.text.find("第８条の定め").unwrap();
    let pos = origin.position(&src.text, at);
    assert_eq!(pos.page, Some(page as usize));
    assert_eq!(y301["line"].as_u64(), Some(pos.line as u64));
    assert_eq!(y301["column"].as_u64(), Some(pos.column as u64));
    // Human output names the page.
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("check")
        .arg(&pdf)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains(&format!("on page {page}, line {}", pos.line)),
        "{human}"
    );
}

fn check_fails(name: &str, bytes: &[u8], want: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("check")
        .arg(&p)
        .output()
        .expect("run yakkan");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&p.display().to_string()), "{err}");
    assert!(err.contains(want), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn damaged_encrypted_and_image_only_pdfs_exit_2() {
    check_fails("scan.pdf", &image_only(), "no text layer: run OCR first");
    check_fails("locked.pdf", &encrypted(), "encrypted");
    let good = image_only();
    check_fails("cut.pdf", &good[..good.len() / 3], "PDF");
}
