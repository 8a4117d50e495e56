//! The `parse` and `fmt` commands as a user runs them (SPEC §1, §4): exit codes, one
//! clear error line for unreadable input, `fmt --write` rewriting only when needed.

mod common;
use common::strip_spans;
use std::path::Path;
use std::process::{Command, Output};

fn yakkan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run yakkan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small document in the PDF-extracted layout: a blank line after every line, block ends
/// marked by a trailing space, words broken by hard wraps.
const PDF_TEXT: &str = "\nサンプルサービス約款 \n\n \n\n第１条 （目的） \n\n本約款は、サンプルサービスの提供条件を定めるも\n\nのです。 \n\n２ お客様は、本約款に同意のうえ、本サービス（以\n\n下「本サービス」）を利用するものとします。 \n\n \n\n第２条 （協議） \n\n本約款に定めのない事項は、協議のうえ定めます。 \n\n";

/// Expect exit code 2, nothing on stdout, and exactly one error line naming `path`.
fn assert_one_error_line(o: &Output, path: &Path) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(
        o.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one error line: {err}");
    let name = path.display().to_string();
    assert!(lines[0].contains(&name), "the error names {name}: {err}");
}

#[test]
fn binary_file_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("logo.png");
    let mut png = vec![
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n', 0, 0, 0, 0x0D,
    ];
    png.extend((0..=255u8).cycle().take(2000));
    std::fs::write(&path, &png).expect("write");
    for cmd in ["parse", "fmt"] {
        let o = yakkan(&[cmd, path.to_str().expect("utf-8 path")]);
        assert_one_error_line(&o, &path);
        assert!(stderr(&o).contains("binary"), "{}", stderr(&o));
    }
    // --write never touches an unreadable input.
    let o = yakkan(&["fmt", "--write", path.to_str().expect("utf-8 path")]);
    assert_one_error_line(&o, &path);
    assert_eq!(std::fs::read(&path).expect("read"), png);
}

#[test]
fn undecodable_file_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("terms.txt");
    // Valid UTF-8 Japanese, then bytes that are neither UTF-8 nor Shift_JIS.
    let mut bytes = "第１条 （目的）\n本約款は".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xFD, 0xFE, 0xFF, b'\n']);
    std::fs::write(&path, &bytes).expect("write");
    for cmd in ["parse", "fmt"] {
        let o = yakkan(&[cmd, path.to_str().expect("utf-8 path")]);
        assert_one_error_line(&o, &path);
        assert!(stderr(&o).contains("decode"), "{}", stderr(&o));
    }
}

#[test]
fn missing_file_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nothing-here.txt");
    let o = yakkan(&["parse", path.to_str().expect("utf-8 path")]);
    assert_one_error_line(&o, &path);
}

#[test]
fn fmt_write_rewrites_pdf_layout_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("terms.txt");
    std::fs::write(&path, PDF_TEXT).expect("write");
    let p = path.to_str().expect("utf-8 path");

    // Without --write: the clean text on stdout, the file untouched.
    let before = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let o = yakkan(&["fmt", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let clean = String::from_utf8(o.stdout).expect("utf-8");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), PDF_TEXT);
    assert_eq!(
        std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime"),
        before
    );
    let expected = yakkan::fmt::format_source(&yakkan::SourceFile::from_text(&path, PDF_TEXT));
    assert_eq!(clean, expected);
    assert!(clean.contains("第１条 （目的）\n本約款は、サンプルサービスの提供条件を定めるものです。\n２ お客様は、本約款に同意のうえ、本サービス（以下「本サービス」）を利用するものとします。\n"), "{clean}");

    // --write: the file becomes the clean text.
    let o = yakkan(&["fmt", "--write", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), clean);
    // No temporary file left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("terms.txt")]);

    // A second --write leaves the file alone: same content, same mtime.
    let meta = std::fs::metadata(&path).expect("meta");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = yakkan(&["fmt", "--write", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), clean);
    let again = std::fs::metadata(&path).expect("meta");
    assert_eq!(
        again.modified().expect("mtime"),
        meta.modified().expect("mtime")
    );
    assert!(stderr(&o).is_empty(), "nothing to report: {}", stderr(&o));

    // And the clean file parses to the same model as the PDF text (spans aside).
    let a = yakkan(&["parse", "--format", "json", p]);
    let pdf = dir.path().join("terms-pdf.txt");
    std::fs::write(&pdf, PDF_TEXT).expect("write");
    let b = yakkan(&[
        "parse",
        "--format",
        "json",
        pdf.to_str().expect("utf-8 path"),
    ]);
    let strip = |o: &Output| {
        let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        strip_spans(&mut v);
        v
    };
    assert_eq!(strip(&a)["provisions"], strip(&b)["provisions"]);
    assert_eq!(strip(&a)["title"], "サンプルサービス約款");
}

#[test]
fn fmt_keeps_shift_jis_input_untouched_without_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sjis.txt");
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(PDF_TEXT);
    assert!(!bad);
    std::fs::write(&path, &bytes).expect("write");
    let o = yakkan(&["fmt", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8(o.stdout)
        .expect("fmt writes UTF-8")
        .contains("第２条 （協議）"));
    assert_eq!(std::fs::read(&path).expect("read"), &*bytes);
}

#[test]
fn parse_yaml_output_is_yaml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("terms.txt");
    std::fs::write(&path, PDF_TEXT).expect("write");
    let o = yakkan(&[
        "parse",
        "--format",
        "yaml",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).expect("utf-8");
    let v: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    assert_eq!(v["title"].as_str(), Some("サンプルサービス約款"));
    assert_eq!(v["kind"].as_str(), Some("terms"));
    let arts = v["provisions"].as_sequence().expect("provisions");
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0]["label"].as_str(), Some("第１条"));
    assert_eq!(arts[0]["caption"].as_str(), Some("目的"));
    assert_eq!(arts[0]["children"].as_sequence().map(Vec::len), Some(2));
    // Default format is YAML too, and it agrees with the JSON output.
    let d = yakkan(&["parse", path.to_str().expect("utf-8 path")]);
    assert_eq!(d.stdout, text.as_bytes());
    let j = yakkan(&[
        "parse",
        "--format",
        "json",
        path.to_str().expect("utf-8 path"),
    ]);
    let jv: serde_json::Value = serde_json::from_slice(&j.stdout).expect("json");
    let yv: serde_json::Value = serde_yaml::from_str(&text).expect("yaml as json");
    assert_eq!(jv, yv);
}

#[test]
fn parse_of_a_fixture_succeeds_for_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse");
    for name in [
        "law_style.txt",
        "spec_style.txt",
        "spec_style_ascii.txt",
        "clean_terms.txt",
        "markdown_terms.md",
    ] {
        let p = dir.join(name);
        let o = yakkan(&["parse", "--format", "json", p.to_str().expect("utf-8 path")]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert!(
            !v["provisions"].as_array().expect("provisions").is_empty(),
            "{name}"
        );
    }
}
