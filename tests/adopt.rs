//! What a new user meets on the first day (issue "adopt it in a day"): manifest
//! discovery, standard input, suppressions, baselines, `--fix`/`--diff`, the command
//! line flags, `init`, formats from `-o`, `diff --deny stale`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yakkan_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yakkan");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        )
    })
}

/// (code, file name) of every diagnostic of a JSON report.
fn findings(v: &serde_json::Value) -> Vec<(String, String)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            let name = Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (d["code"].as_str().unwrap_or_default().to_string(), name)
        })
        .collect()
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    findings(v).into_iter().map(|(c, _)| c).collect()
}

const TERMS: &str = "サンプル保守サービス約款

第１条（目的）
本約款は、当社が提供する保守サービスの利用条件を定め、サンプル基本約款（以下「基本約款」といいます。）に優先して適用されます。

第２条（料金）
保守料金は、月額●●円とし、基本約款第２条の定めに従い支払うものとします。
２　前項に定めのない事項は、基本約款の定めによります。
";

const BASE: &str = "サンプル基本約款

第１条（適用）
本基本約款は、当社のすべてのサービスに適用されます。

第２条（支払）
料金は、毎月末日までに支払うものとします。
";

/// root/yakkan.yaml (placeholders off) listing docs/terms.txt and docs/base.txt.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    std::fs::write(docs.join("terms.txt"), TERMS).expect("write");
    std::fs::write(docs.join("base.txt"), BASE).expect("write");
    std::fs::write(
        dir.path().join("yakkan.yaml"),
        "documents:\n  - path: docs/terms.txt\n  - path: docs/base.txt\nprecedence: [terms, base]\nrules: { placeholder: off, missing-expected-clause: off }\n",
    )
    .expect("write");
    dir
}

#[test]
fn check_without_a_path_finds_the_manifest_above() {
    let dir = corpus();
    let out = yakkan_in(
        &dir.path().join("docs"),
        &["check", "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v = json(&out);
    assert_eq!(
        v["summary"]["documents"], 2,
        "the whole corpus of ../yakkan.yaml"
    );
    assert!(!codes(&v).contains(&"Y606".to_string()), "its rules apply");
    // The paths are those of the manifest's folder, seen from here.
    let human = yakkan_in(&dir.path().join("docs"), &["check"], None);
    assert!(
        text(&human.stdout).ends_with("0 errors, 0 warnings, 0 infos in 2 documents\n"),
        "{}",
        text(&human.stdout)
    );
}

#[test]
fn a_single_file_is_checked_with_its_manifest() {
    let dir = corpus();
    let out = yakkan_in(
        dir.path(),
        &["check", "docs/terms.txt", "--format", "json"],
        None,
    );
    let v = json(&out);
    assert_eq!(v["summary"]["documents"], 1, "{v}");
    // The manifest's rules (placeholder off) and its other documents (基本約款 is known,
    // 基本約款第２条 resolves) apply.
    assert_eq!(codes(&v), Vec::<String>::new(), "{v}");
    assert_eq!(out.status.code(), Some(0));
    // Without the manifest the same file has its placeholder and an unknown document.
    let alone = json(&yakkan_in(
        dir.path(),
        &["check", "docs/terms.txt", "--isolated", "--format", "json"],
        None,
    ));
    let c = codes(&alone);
    assert!(
        c.contains(&"Y606".into()) && c.contains(&"Y306".into()),
        "{c:?}"
    );
    // --config names another manifest: here one with the default rules (the clause
    // checklist aside, which is not what this test is about).
    std::fs::write(
        dir.path().join("strict.yaml"),
        "documents:\n  - path: docs/terms.txt\n  - path: docs/base.txt\nrules: { missing-expected-clause: off }\n",
    )
    .expect("write");
    let strict = json(&yakkan_in(
        dir.path(),
        &[
            "check",
            "docs/terms.txt",
            "--config",
            "strict.yaml",
            "--format",
            "json",
        ],
        None,
    ));
    assert_eq!(codes(&strict), ["Y606"], "{strict}");
}

#[test]
fn a_file_the_manifest_does_not_list_follows_its_rules() {
    let dir = corpus();
    std::fs::write(dir.path().join("docs/draft.txt"), TERMS).expect("write");
    let v = json(&yakkan_in(
        dir.path(),
        &["check", "docs/draft.txt", "--format", "json"],
        None,
    ));
    assert!(!codes(&v).contains(&"Y606".into()), "{v}");
}

#[test]
fn standard_input_stands_in_for_a_document() {
    let dir = corpus();
    let bytes = TERMS.replace("当社が提供する", "当社が 提供する");
    let out = yakkan_in(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "docs/terms.txt",
            "--format",
            "json",
        ],
        Some(bytes.as_bytes()),
    );
    let v = json(&out);
    // The text read is the one checked (its stray space), under the file's name and
    // with its manifest (no placeholder finding).
    assert_eq!(findings(&v), [("Y605".into(), "terms.txt".into())], "{v}");
    // Without a name, in a folder without a manifest: the document alone.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let anon = json(&yakkan_in(
        elsewhere.path(),
        &["check", "-", "--format", "json"],
        Some(TERMS.as_bytes()),
    ));
    assert!(codes(&anon).contains(&"Y606".into()), "{anon}");
    assert_eq!(anon["diagnostics"][0]["file"], "<stdin>");
    // parse - and fmt - give what the file gives.
    let file = dir.path().join("docs/terms.txt");
    let file = file.to_str().expect("utf-8 path");
    for cmd in [["parse", "--format", "json"], ["fmt", "", ""]] {
        let args: Vec<&str> = cmd.iter().copied().filter(|a| !a.is_empty()).collect();
        let mut from_file = args.clone();
        from_file.insert(1, file);
        let mut from_stdin = args.clone();
        from_stdin.extend(["-", "--stdin-filename", file]);
        let a = yakkan_in(dir.path(), &from_file, None);
        let b = yakkan_in(dir.path(), &from_stdin, Some(TERMS.as_bytes()));
        assert_eq!(b.status.code(), Some(0), "{}", text(&b.stderr));
        assert_eq!(text(&a.stdout), text(&b.stdout), "{args:?}");
        assert!(!a.stdout.is_empty());
    }
}

#[test]
fn suppression_comments_and_manifest_entries_silence_findings() {
    let fixture = root().join("tests/fixtures/rules/Y001/silent");
    let out = yakkan_in(&fixture, &["check", "--format", "json"], None);
    let c = codes(&json(&out));
    for code in ["Y606", "Y601", "Y001"] {
        assert!(!c.contains(&code.to_string()), "{code} in {c:?}");
    }
    // The same documents without the suppressions have those findings.
    let dir = tempfile::tempdir().expect("tempdir");
    let md = std::fs::read_to_string(fixture.join("terms.md")).expect("read");
    let bare: String = md
        .lines()
        .filter(|l| !l.starts_with("<!--"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("terms.md"), bare).expect("write");
    std::fs::copy(fixture.join("notes.txt"), dir.path().join("notes.txt")).expect("copy");
    std::fs::write(
        dir.path().join("yakkan.yaml"),
        "documents:\n  - path: terms.md\n  - path: notes.txt\n",
    )
    .expect("write");
    let f = findings(&json(&yakkan_in(
        dir.path(),
        &["check", "--format", "json"],
        None,
    )));
    for (code, file) in [
        ("Y606", "terms.md"),
        ("Y601", "terms.md"),
        ("Y606", "notes.txt"),
    ] {
        assert!(
            f.contains(&(code.to_string(), file.to_string())),
            "{code} {file} in {f:?}"
        );
    }
}

/// A corpus folder with one document whose findings are warnings and infos.
fn baseline_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("terms.txt"),
        "サンプル保守サービス約款\n\n第１条（目的）\n本約款は、当社が提供する保守 サービスの利用条件を定めます。\n\n第２条（期間）\n利用期間は、開始日から１年間とし、満了の日の１ヵ月前までに申出がない限り、さらに 1年間更新します。\n",
    )
    .expect("write");
    dir
}

#[test]
fn a_baseline_reports_only_new_findings() {
    let dir = baseline_corpus();
    let all = json(&yakkan_in(dir.path(), &["check", "--format", "json"], None));
    assert!(codes(&all).len() >= 2, "{all}");
    let w = yakkan_in(
        dir.path(),
        &["check", "--write-baseline", "base.json"],
        None,
    );
    assert_eq!(w.status.code(), Some(0), "{}", text(&w.stderr));
    let b: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("base.json")).expect("baseline"))
            .expect("json");
    assert_eq!(
        b["findings"].as_array().map(Vec::len),
        Some(codes(&all).len())
    );
    let quiet = yakkan_in(
        dir.path(),
        &["check", "--baseline", "base.json", "--format", "json"],
        None,
    );
    assert_eq!(codes(&json(&quiet)), Vec::<String>::new());
    assert_eq!(quiet.status.code(), Some(0));

    // Text moves (第２条 is pushed down by new paragraphs of 第１条, which keep their
    // numbers after the first): the known findings stay silent.
    let t = std::fs::read_to_string(dir.path().join("terms.txt")).expect("read");
    let moved = t.replace(
        "利用条件を定めます。\n",
        "利用条件を定めます。\n２　当社は、本約款を当社の定める方法により公表します。\n３　本約款は、当社のウェブサイトに掲示します。\n",
    );
    assert_ne!(moved, t);
    std::fs::write(dir.path().join("terms.txt"), &moved).expect("write");
    let after_move = yakkan_in(
        dir.path(),
        &["check", "--baseline", "base.json", "--format", "json"],
        None,
    );
    assert_eq!(
        codes(&json(&after_move)),
        Vec::<String>::new(),
        "{}",
        text(&after_move.stdout)
    );

    // A new defect is reported alone, with exit 1 (a placeholder is an error).
    let broken = moved.replace("当社が提供する", "●●株式会社が提供する");
    std::fs::write(dir.path().join("terms.txt"), broken).expect("write");
    let new = yakkan_in(
        dir.path(),
        &["check", "--baseline", "base.json", "--format", "json"],
        None,
    );
    assert_eq!(codes(&json(&new)), ["Y606"], "{}", text(&new.stdout));
    assert_eq!(new.status.code(), Some(1));

    // SARIF carries the same fingerprints.
    let sarif = json(&yakkan_in(
        dir.path(),
        &["check", "--format", "sarif"],
        None,
    ));
    let fps: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["partialFingerprints"]["yakkan/v1"].as_str())
        .collect();
    let known: Vec<&str> = b["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["fingerprint"].as_str())
        .collect();
    assert_eq!(fps.len(), known.len() + 1);
    assert!(known.iter().all(|k| fps.contains(k)), "{fps:?} {known:?}");
}

/// A document with one finding of each fixable rule.
const FIXABLE: &str = "サンプル保守サービス約款\n\n第１条（目的）\n本約款は、当社が、保守サービス（以下「保守サービス」といいます。）を提供する条件を定めます。\n\n第２条（期間）\n利用期間は、開始日から１年間とし、満了の日の１ヵ月前までに申出がない限り、さらに1年間更新します。\n２　解約の申出は、３ヵ月前までに行い、違約金は２ヶ月分とします。\n\n第３条（通知）\n当社は、契約者に対し、保守の内容を書面 で通知します。\n";

const FIXED: &str = "サンプル保守サービス約款\n\n第１条（目的）\n本約款は、当社が、保守サービスを提供する条件を定めます。\n\n第２条（期間）\n利用期間は、開始日から１年間とし、満了の日の１ヵ月前までに申出がない限り、さらに１年間更新します。\n２　解約の申出は、３ヵ月前までに行い、違約金は２ヵ月分とします。\n\n第３条（通知）\n当社は、契約者に対し、保守の内容を書面で通知します。\n";

const FIXED_CODES: [&str; 4] = ["Y204", "Y601", "Y602", "Y605"];

fn fix_round_trip(name: &str, bytes: &[u8], want: &[u8]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).expect("write");
    let before = json(&yakkan_in(
        dir.path(),
        &["check", name, "--format", "json"],
        None,
    ));
    let c = codes(&before);
    for code in FIXED_CODES {
        assert!(c.contains(&code.to_string()), "{name}: {code} in {c:?}");
    }
    let human = yakkan_in(dir.path(), &["check", name], None);
    let h = text(&human.stdout);
    assert!(h.contains("[*] "), "{h}");
    assert!(
        h.contains("4 findings fixable with `yakkan check --fix`"),
        "{h}"
    );

    let diff = yakkan_in(dir.path(), &["check", name, "--diff"], None);
    assert_eq!(
        std::fs::read(&file).expect("read"),
        bytes,
        "--diff changes nothing"
    );
    let d = text(&diff.stdout);
    assert!(
        d.contains(&format!("--- a/{name}")) && d.contains("\n+利用期間は、開始日から１年間とし、満了の日の１ヵ月前までに申出がない限り、さらに１年間更新します。\n"),
        "{d}"
    );
    assert_eq!(diff.status.code(), Some(1));

    let fixed = yakkan_in(
        dir.path(),
        &["check", name, "--fix", "--format", "json"],
        None,
    );
    assert_eq!(std::fs::read(&file).expect("read"), want, "{name}");
    let after = codes(&json(&fixed));
    for code in FIXED_CODES {
        assert!(
            !after.contains(&code.to_string()),
            "{name}: {code} in {after:?}"
        );
    }
    // Once fixed, nothing is left to fix.
    let again = yakkan_in(dir.path(), &["check", name, "--diff"], None);
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
}

#[test]
fn fix_keeps_utf8_and_its_line_ends() {
    fix_round_trip("terms.txt", FIXABLE.as_bytes(), FIXED.as_bytes());
}

#[test]
fn fix_keeps_shift_jis_and_crlf() {
    let sjis = |s: &str| {
        encoding_rs::SHIFT_JIS
            .encode(&s.replace('\n', "\r\n"))
            .0
            .into_owned()
    };
    fix_round_trip("terms.txt", &sjis(FIXABLE), &sjis(FIXED));
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = yakkan_in(
        dir.path(),
        &["check", "-", "--fix"],
        Some(FIXABLE.as_bytes()),
    );
    assert_eq!(text(&out.stdout), FIXED);
}

#[test]
fn select_ignore_statistics_quiet_and_exit_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("terms.txt"),
        FIXABLE.replace("書面", "●●書面"),
    )
    .expect("write");
    let run = |args: &[&str]| {
        let mut a = vec!["check", "terms.txt", "--format", "json"];
        a.extend(args);
        json(&yakkan_in(dir.path(), &a, None))
    };
    let mut only6 = codes(&run(&["--select", "Y6"]));
    only6.sort();
    assert_eq!(only6, ["Y601", "Y602", "Y605", "Y606"]);
    let c = codes(&run(&["--select", "Y6", "--ignore", "placeholder,Y605"]));
    assert_eq!(c, ["Y601", "Y602"], "{c:?}");
    assert_eq!(codes(&run(&["--select", "Y204"])), ["Y204"]);
    let bad = yakkan_in(dir.path(), &["check", "terms.txt", "--select", "Y9"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("`Y9` is not a rule"));

    let stats = yakkan_in(dir.path(), &["check", "terms.txt", "--statistics"], None);
    let s = text(&stats.stdout);
    assert!(s.contains("1  Y606  placeholder"), "{s}");
    assert!(s.contains("Y601  [*] mixed-digit-width"), "{s}");
    let n = codes(&run(&[])).len();
    assert!(s.ends_with(&format!("{n} findings in total\n")), "{s}");
    assert_eq!(stats.status.code(), Some(1), "a placeholder is an error");

    let quiet = text(&yakkan_in(dir.path(), &["check", "terms.txt", "-q"], None).stdout);
    assert!(
        quiet.contains("Y606") && !quiet.contains("in 1 document"),
        "{quiet}"
    );
    let loud = text(&yakkan_in(dir.path(), &["check", "terms.txt"], None).stdout);
    assert!(loud.contains("in 1 document\n"), "{loud}");

    let zero = yakkan_in(dir.path(), &["check", "terms.txt", "--exit-zero"], None);
    assert_eq!(zero.status.code(), Some(0));
}

#[test]
fn output_files_take_their_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("terms.txt"), FIXABLE).expect("write");
    let ok = |args: &[&str]| {
        let out = yakkan_in(dir.path(), args, None);
        assert!(
            out.status.code() != Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    };
    ok(&["check", "terms.txt", "-o", "r.sarif"]);
    ok(&["check", "terms.txt", "-o", "r.json"]);
    ok(&["check", "terms.txt", "-o", "r.txt"]);
    ok(&["index", "terms.txt", "-o", "i.html"]);
    ok(&["index", "terms.txt", "-o", "i.json"]);
    ok(&["index", "terms.txt", "-o", "i.html.md", "--format", "json"]);
    let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).expect(n);
    let sarif: serde_json::Value = serde_json::from_str(&read("r.sarif")).expect("sarif");
    assert_eq!(sarif["version"], "2.1.0");
    let j: serde_json::Value = serde_json::from_str(&read("r.json")).expect("json");
    assert_eq!(j["version"], 1);
    assert!(read("r.txt").contains("in 1 document\n"));
    assert!(read("i.html").starts_with("<!DOCTYPE html>"));
    // The page is titled by the document, not by a path.
    assert!(read("i.html").contains("<title>索引 — サンプル保守サービス約款</title>"));
    assert!(read("i.json").trim_start().starts_with('{'));
    assert!(
        read("i.html.md").trim_start().starts_with('{'),
        "--format wins"
    );
    let refused = yakkan_in(dir.path(), &["check", "terms.txt", "-o", "terms.txt"], None);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(read("terms.txt"), FIXABLE);
    let html = yakkan_in(dir.path(), &["check", "terms.txt", "-o", "r.html"], None);
    assert_eq!(html.status.code(), Some(2), "check has no HTML report");
}

#[test]
fn diff_deny_stale_fails_on_stale_references() {
    let fixtures = root().join("tests/fixtures/diff");
    let plain = yakkan_in(&fixtures, &["diff", "terms_v1.txt", "terms_v2.txt"], None);
    assert_eq!(plain.status.code(), Some(0));
    let deny = yakkan_in(
        &fixtures,
        &["diff", "terms_v1.txt", "terms_v2.txt", "--deny", "stale"],
        None,
    );
    assert_eq!(deny.status.code(), Some(1));
    assert!(text(&deny.stderr).contains("stale reference"));
    let same = yakkan_in(
        &fixtures,
        &["diff", "terms_v1.txt", "terms_v1.txt", "--deny", "stale"],
        None,
    );
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn init_writes_the_shipped_corpus_manifest_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shipped = root().join("clauses");
    for e in std::fs::read_dir(&shipped).expect("clauses") {
        let p = e.expect("entry").path();
        if p.extension().and_then(|x| x.to_str()) == Some("txt") {
            std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
        }
    }
    let out = yakkan_in(dir.path(), &["init"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("yakkan.yaml")).expect("manifest");
    let read = |t: &str| -> serde_json::Value { serde_yaml::from_str(t).expect("yaml") };
    let ours = read(&written);
    let theirs = read(&std::fs::read_to_string(shipped.join("yakkan.yaml")).expect("shipped"));
    assert_eq!(ours["precedence"], theirs["precedence"], "{written}");
    // The statutes the shipped manifest names, and any other the documents cite.
    let ours_ext = ours["external"].as_array().expect("external");
    for e in theirs["external"].as_array().expect("external") {
        assert!(ours_ext.contains(e), "{e} in {written}");
    }
    let mut a: Vec<String> = ours["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect();
    let mut b: Vec<String> = theirs["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // check accepts it, and the documents agree with its precedence (no Y403).
    let check = yakkan_in(dir.path(), &["check", "--format", "json"], None);
    assert_ne!(check.status.code(), Some(2), "{}", text(&check.stderr));
    let c = codes(&json(&check));
    assert!(!c.contains(&"Y403".to_string()), "{c:?}");
    // It never overwrites a manifest.
    let again = yakkan_in(dir.path(), &["init"], None);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("never overwrites"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("yakkan.yaml")).expect("manifest"),
        written
    );
}
