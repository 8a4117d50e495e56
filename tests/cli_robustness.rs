//! The command line when things go wrong around it: a reader that goes away (`| head`),
//! a full disk, manifests with mistakes (errors at the exact line), paths that do not
//! go together, project files in a corpus folder, and `fmt --write` on files that are
//! not plain UTF-8 or are reached through a symlink.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn yakkan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run yakkan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// A small document in clean text.
const DOC: &str = "テスト約款\n\n第１条（目的）\n本約款は、テストサービスの利用条件を定める。\n\n\
                   第２条（変更）\n当社は、本約款を変更することがある。\n";

/// A long document, so that its outputs do not fit in a pipe's buffer.
fn long_document(articles: usize) -> String {
    let mut s = String::from("長大テスト約款\n\n");
    for n in 1..=articles {
        s.push_str(&format!(
            "第{n}条（事項{n}）  \n本約款の第{n}条は、事項{n}について定めるものとする。\n"
        ));
    }
    s
}

/// Run with standard output piped, read `read_first` bytes (none: the reader is gone
/// before the first write), close the pipe and wait. Returns the exit code and stderr.
fn with_closed_pipe(dir: &Path, args: &[&str], read_first: usize) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yakkan");
    let mut out = child.stdout.take().expect("stdout");
    if read_first > 0 {
        let mut buf = vec![0u8; read_first];
        out.read_exact(&mut buf).expect("the first bytes");
    }
    drop(out);
    let o = child.wait_with_output().expect("wait");
    (o.status.code(), stderr(&o))
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "long.txt", &long_document(3000));
    write(d, "short.txt", DOC);
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", "long.txt"],
        vec!["check", "long.txt", "--format", "json"],
        vec!["check", "long.txt", "--format", "sarif"],
        vec!["parse", "long.txt"],
        vec!["parse", "long.txt", "--format", "json"],
        vec!["fmt", "long.txt"],
        vec!["rules"],
        vec!["rules", "--format", "json"],
        vec!["explain", "mixed-digit-width"],
        vec!["index", "long.txt"],
        vec!["diff", "short.txt", "long.txt"],
    ];
    for args in &commands {
        // The code the command earns when its output is read to the end.
        let expected = yakkan_in(d, args).status.code();
        assert_ne!(expected, Some(101), "{args:?}");
        for read_first in [0, 10] {
            let (code, err) = with_closed_pipe(d, args, read_first);
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
            assert_ne!(code, Some(101), "{args:?}");
            assert_eq!(code, expected, "{args:?} after {read_first} bytes: {err}");
        }
    }
}

#[test]
fn a_full_disk_is_exit_2_and_one_line() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("NOTICE: no /dev/full here; skipping");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "long.txt", &long_document(300));
    for args in [
        vec!["rules"],
        vec!["explain", "Y601"],
        vec!["check", "long.txt"],
        vec!["parse", "long.txt"],
        vec!["fmt", "long.txt"],
        vec!["index", "long.txt"],
    ] {
        let sink = std::fs::OpenOptions::new()
            .write(true)
            .open(full)
            .expect("open /dev/full");
        let o = Command::new(env!("CARGO_BIN_EXE_yakkan"))
            .args(&args)
            .current_dir(d)
            .stdout(Stdio::from(sink))
            .output()
            .expect("run yakkan");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("error: cannot write the output: "),
            "{args:?}: {err}"
        );
    }
}

/// Exit 2, and stderr names `yakkan.yaml:LINE:` and says `what`.
fn manifest_error(dir: &Path, manifest: &str, line: usize, what: &str) {
    write(dir, "yakkan.yaml", manifest);
    let o = yakkan_in(dir, &["check", "."]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{manifest}\n{err}");
    assert!(
        err.contains(&format!("yakkan.yaml:{line}: ")) && err.contains(what),
        "expected line {line} and `{what}` for\n{manifest}\ngot: {err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn manifest_errors_name_the_line_that_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "terms.txt", DOC);
    write(d, "spec.txt", DOC);
    std::fs::create_dir(d.join("folder")).expect("mkdir");

    // `term` is a part of `terms` (lines 3 and 5): the entry is on line 7.
    manifest_error(
        d,
        "documents:\n  - path: spec.txt\n  - path: terms.txt\nprecedence:\n  - terms\n  - spec\n  - term\n",
        7,
        "`term`",
    );
    // Flow style: the unknown id on its own line.
    manifest_error(
        d,
        "documents: [{path: spec.txt}, {path: terms.txt}]\nprecedence: [terms,\n  spec,\n  term]\n",
        4,
        "`term`",
    );
    // An id listed twice: the second time.
    manifest_error(
        d,
        "documents:\n  - path: spec.txt\n  - path: terms.txt\nprecedence:\n  - terms\n  - spec\n  - terms\n",
        7,
        "twice",
    );
    // A duplicate document id: the second entry.
    manifest_error(
        d,
        "documents:\n  - path: terms.txt\n  - path: spec.txt\n    id: terms\n",
        4,
        "duplicate document id `terms`",
    );
    manifest_error(
        d,
        "documents:\n  - path: terms.txt\n  - path: spec.txt\n  - path: terms.txt\n",
        4,
        "duplicate document id `terms`",
    );
    // An unknown rule at its key, after a known one whose name contains it.
    manifest_error(
        d,
        "documents:\n  - path: terms.txt\nrules:\n  mixed-digit-width: off\n  mixed-digit: warning\n",
        5,
        "unknown rule `mixed-digit`",
    );
    manifest_error(
        d,
        "documents:\n  - path: terms.txt\nrules:\n  Y601: off\n  mixed-digit-width: loud\n",
        5,
        "not a level",
    );
    // No documents.
    manifest_error(d, "documents: []\n", 1, "the manifest lists no documents");
    manifest_error(
        d,
        "# a corpus\nexternal: [電気通信事業法]\n",
        1,
        "the manifest lists no documents",
    );
    // A folder listed as a document; a missing document.
    manifest_error(
        d,
        "documents:\n  - path: terms.txt\n  - path: folder\n",
        3,
        "`folder` is a folder, not a document",
    );
    manifest_error(
        d,
        "documents:\n  - path: terms.txt\n  - path: spec.txt\n  - path: gone.txt\n",
        4,
        "`gone.txt` does not exist",
    );
}

#[test]
fn a_corpus_folder_or_manifest_comes_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir(d.join("clauses")).expect("mkdir");
    write(&d.join("clauses"), "a.txt", DOC);
    write(d, "seed.txt", DOC);
    write(d, "other.yaml", "documents:\n  - path: seed.txt\n");
    for args in [
        vec!["check", "clauses", "seed.txt"],
        vec!["check", "seed.txt", "clauses"],
        vec!["check", "other.yaml", "seed.txt"],
        vec!["check", "clauses", "other.yaml"],
    ] {
        let o = yakkan_in(d, &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("pass a corpus folder or manifest alone, or documents"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // Each alone is fine.
    for args in [vec!["check", "clauses"], vec!["check", "other.yaml"]] {
        let o = yakkan_in(d, &args);
        assert_ne!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

fn documents_checked(dir: &Path, args: &[&str]) -> u64 {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let o = yakkan_in(dir, &all);
    assert_ne!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    v["summary"]["documents"]
        .as_u64()
        .expect("summary.documents")
}

#[test]
fn a_folder_without_manifest_skips_project_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "terms.txt", DOC);
    write(
        d,
        "spec.md",
        "# 仕様書\n\n## 第1条（目的）\n\n本仕様書は定める。\n",
    );
    for skipped in [
        "README.md",
        "readme.txt",
        "CHANGELOG.md",
        "LICENSE.txt",
        "LICENSE-MIT.md",
        "CONTRIBUTING.md",
    ] {
        write(d, skipped, "# Notes\n\nNot a legal document.\n");
    }
    assert_eq!(documents_checked(d, &["check", "."]), 2);
    let o = yakkan_in(d, &["check", ".", "--format", "json"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.to_ascii_uppercase().contains("README"), "{out}");
}

#[test]
fn a_file_given_twice_is_checked_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "terms.txt", DOC);
    write(d, "spec.txt", DOC);
    assert_eq!(
        documents_checked(d, &["check", "terms.txt", "./terms.txt", "terms.txt"]),
        1
    );
    assert_eq!(
        documents_checked(d, &["check", "terms.txt", "spec.txt", "terms.txt"]),
        2
    );
}

/// A document that `fmt` changes: no blank lines, trailing spaces.
const UNFORMATTED: &str =
    "テスト約款\n第１条（目的）  \n本約款は、テストサービスの利用条件を定める。\n\
                           第２条（変更）\n当社は、本約款を変更することがある。 \n";

/// `yakkan fmt FILE` to standard output (UTF-8, LF).
fn formatted(dir: &Path, file: &str) -> String {
    let o = yakkan_in(dir, &["fmt", file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    String::from_utf8(o.stdout).expect("UTF-8")
}

#[test]
fn fmt_write_keeps_shift_jis_and_crlf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let crlf = UNFORMATTED.replace('\n', "\r\n");
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(&crlf);
    assert!(!bad);
    let path = d.join("sjis.txt");
    std::fs::write(&path, &bytes).expect("write");
    let expected = formatted(d, "sjis.txt");
    assert_ne!(expected, UNFORMATTED, "the fixture must need formatting");

    let o = yakkan_in(d, &["fmt", "sjis.txt", "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read(&path).expect("read");
    assert!(
        std::str::from_utf8(&written).is_err(),
        "written as UTF-8, not Shift_JIS"
    );
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&written);
    assert!(!had_errors);
    assert_eq!(text, expected.replace('\n', "\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());

    // Formatted already: a second run leaves the bytes alone.
    let o = yakkan_in(d, &["fmt", "sjis.txt", "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).expect("read"), written);
}

#[test]
fn fmt_write_keeps_utf16_and_the_utf8_bom() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in UNFORMATTED.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(UNFORMATTED.replace('\n', "\r\n").as_bytes());
    std::fs::write(d.join("le.txt"), &le).expect("write");
    std::fs::write(d.join("be.txt"), &be).expect("write");
    std::fs::write(d.join("bom.txt"), &bom).expect("write");
    let expected = formatted(d, "le.txt");
    for (file, decode) in [
        (
            "le.txt",
            (|b: &[u8]| {
                assert_eq!(&b[..2], &[0xFF, 0xFE]);
                encoding_rs::UTF_16LE
                    .decode_without_bom_handling(&b[2..])
                    .0
                    .into_owned()
            }) as fn(&[u8]) -> String,
        ),
        ("be.txt", |b: &[u8]| {
            assert_eq!(&b[..2], &[0xFE, 0xFF]);
            encoding_rs::UTF_16BE
                .decode_without_bom_handling(&b[2..])
                .0
                .into_owned()
        }),
        ("bom.txt", |b: &[u8]| {
            assert_eq!(&b[..3], &[0xEF, 0xBB, 0xBF]);
            String::from_utf8(b[3..].to_vec())
                .expect("UTF-8")
                .replace("\r\n", "\n")
        }),
    ] {
        let o = yakkan_in(d, &["fmt", file, "--write"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let written = std::fs::read(d.join(file)).expect("read");
        assert_eq!(decode(&written), expected, "{file}");
    }
}

#[cfg(unix)]
#[test]
fn fmt_write_through_a_symlink_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir(d.join("real")).expect("mkdir");
    let target = write(&d.join("real"), "terms.txt", UNFORMATTED);
    std::os::unix::fs::symlink("real/terms.txt", d.join("link.txt")).expect("symlink");
    let expected = formatted(d, "link.txt");

    let o = yakkan_in(d, &["fmt", "link.txt", "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = std::fs::symlink_metadata(d.join("link.txt")).expect("link");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        std::fs::read_link(d.join("link.txt")).expect("read_link"),
        Path::new("real/terms.txt")
    );
    assert_eq!(std::fs::read_to_string(&target).expect("read"), expected);
    // No temp file left behind, in either folder.
    for folder in [d.to_path_buf(), d.join("real")] {
        let names: Vec<String> = std::fs::read_dir(&folder)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }
}

#[test]
fn sarif_uris_are_encoded_and_labels_are_related_locations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "my terms #1 規約.txt",
        "テスト約款\n\n第１条（目的）\n本約款は定める。\n\n第２条（変更）\n当社は変更する。\n\n\
         第２条（解約）\n利用者は解約できる。\n\n第３条（管轄）\n東京地方裁判所とする。\n",
    );
    let o = yakkan_in(d, &["check", "my terms #1 規約.txt", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let results = v["runs"][0]["results"].as_array().expect("results");
    let dup = results
        .iter()
        .find(|r| r["ruleId"] == "Y102")
        .expect("the second 第２条 is a duplicate");
    let uri = "my%20terms%20%231%20%E8%A6%8F%E7%B4%84.txt";
    let primary = &dup["locations"][0]["physicalLocation"];
    assert_eq!(primary["artifactLocation"]["uri"], uri);
    assert_eq!(primary["region"]["startLine"], 9);
    let related = dup["relatedLocations"]
        .as_array()
        .expect("relatedLocations");
    assert_eq!(related.len(), 1, "{related:?}");
    let r = &related[0];
    assert_eq!(r["id"], 0);
    assert_eq!(r["message"]["text"], "first used here");
    assert_eq!(r["physicalLocation"]["artifactLocation"]["uri"], uri);
    let region = &r["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &serde_json::json!(6),
            &serde_json::json!(1),
            &serde_json::json!(6),
            &serde_json::json!(4)
        )
    );
    // A finding without labels has no relatedLocations.
    for r in results.iter().filter(|r| r["ruleId"] != "Y102") {
        assert!(r.get("relatedLocations").is_none(), "{r}");
    }
}
