//! `yakkan check` from the outside: the JSON of SPEC §4 on the seed, exit codes,
//! `--deny warnings`, NO_COLOR, SARIF and GitHub output, manifest errors, and a snapshot
//! of the human output for the seed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = "../shared/seeds/000_12339e680943ebfb.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yakkan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .expect("run yakkan")
}

fn have_seed() -> bool {
    let ok = root().join(SEED).is_file();
    if !ok {
        eprintln!("NOTICE: seed not found at {SEED}; skipping");
    }
    ok
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// 1-based line and column (Unicode scalars) of a byte offset.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u64, col as u64)
}

#[test]
fn seed_findings_in_json() {
    if !have_seed() {
        return;
    }
    let out = yakkan(&["check", SEED, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "no error-level finding on the seed"
    );
    let v = json(&out);
    assert_eq!(v["version"], 1);
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    let codes: Vec<&str> = diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    for must in ["Y204", "Y203", "Y601", "Y306"] {
        assert!(codes.contains(&must), "{must} missing from {codes:?}");
    }
    for never in [
        "Y101", "Y102", "Y103", "Y104", "Y105", "Y106", "Y201", "Y301", "Y303",
    ] {
        assert!(
            !codes.contains(&never),
            "{never} is a false alarm on the seed: {codes:?}"
        );
    }
    // Y601 points at the 「1」 of 「1年間」 in the original PDF-extracted file.
    let text = std::fs::read_to_string(root().join(SEED)).expect("seed");
    let (line, column) = line_col(&text, text.find("1年間").expect("1年間"));
    let y601 = diags.iter().find(|d| d["code"] == "Y601").expect("Y601");
    assert_eq!(
        (y601["line"].as_u64(), y601["column"].as_u64()),
        (Some(line), Some(column))
    );
    assert_eq!(
        (y601["end_line"].as_u64(), y601["end_column"].as_u64()),
        (Some(line), Some(column + 1))
    );
    assert_eq!(y601["rule"], "mixed-digit-width");
    assert_eq!(y601["severity"], "warning");
    assert_eq!(y601["path"], "第7条第1項");
    assert_eq!(y601["file"], SEED);
    // Y204 and Y203 are on クラウドセキュリティ運用支援サービス.
    for code in ["Y204", "Y203"] {
        let d = diags.iter().find(|d| d["code"] == code).expect(code);
        assert!(
            d["message"]
                .as_str()
                .unwrap_or("")
                .contains("クラウドセキュリティ運用支援サービス"),
            "{d}"
        );
    }
    let y306: Vec<_> = diags.iter().filter(|d| d["code"] == "Y306").collect();
    assert_eq!(y306.len(), 1, "基本約款 is reported once");
    assert!(y306[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("基本約款"));
    assert_eq!(v["summary"]["documents"], 1);
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    if !have_seed() {
        return;
    }
    assert_eq!(
        yakkan(&["check", SEED, "--format", "json", "--deny", "warnings"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn human_output_snapshot_for_the_seed() {
    if !have_seed() {
        return;
    }
    let out = yakkan(&["check", SEED, "--color", "never"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    insta::assert_snapshot!("seed_human", text);
}

#[test]
fn no_color_is_honoured_and_always_colours() {
    if !have_seed() {
        return;
    }
    let coloured = yakkan(&["check", SEED, "--color", "always"]);
    assert!(
        String::from_utf8_lossy(&coloured.stdout).contains("\u{1b}["),
        "--color always colours"
    );
    let plain = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(["check", SEED])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("\u{1b}["));
}

#[test]
fn sarif_and_github_formats() {
    if !have_seed() {
        return;
    }
    let v = json(&yakkan(&["check", SEED, "--format", "sarif"]));
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "yakkan");
    let results = run["results"].as_array().expect("results");
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "Y601" && r["level"] == "warning"));
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let gh =
        String::from_utf8(yakkan(&["check", SEED, "--format", "github"]).stdout).expect("utf-8");
    let line = gh.lines().find(|l| l.contains("Y601")).expect("Y601 line");
    assert!(
        line.starts_with(&format!("::warning file={SEED},line=")),
        "{line}"
    );
    assert!(line.contains("title=Y601 mixed-digit-width::"), "{line}");
}

#[test]
fn shipped_corpus_is_the_default_and_passes() {
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(["check", "--format", "json"])
        .current_dir(root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["summary"]["documents"], 5);
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert!(
        codes.contains(&"Y502"),
        "the 利用期間 difference is reported: {codes:?}"
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

#[test]
fn bad_manifests_are_exit_2_with_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.txt",
        "規約\n\n第1条（目的）\n本規約は定めます。\n",
    );
    write(
        dir.path(),
        "yakkan.yaml",
        "documents:\n  - path: a.txt\nprecedance: [a]\n",
    );
    let p = dir.path().to_string_lossy().into_owned();
    let out = yakkan(&["check", &p]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("yakkan.yaml:3:") && err.contains("precedance"),
        "{err}"
    );

    write(
        dir.path(),
        "yakkan.yaml",
        "documents:\n  - path: a.txt\n  - path: missing.txt\n",
    );
    let out = yakkan(&["check", &p]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("yakkan.yaml:3:") && err.contains("missing.txt"),
        "{err}"
    );
}

#[test]
fn undecodable_input_is_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("bin.txt");
    std::fs::write(&f, [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2]).expect("write");
    let out = yakkan(&["check", &f.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bin.txt") && err.lines().count() == 1, "{err}");
}

#[test]
fn rules_and_explain() {
    let out = yakkan(&["rules", "--format", "json"]);
    let v = json(&out);
    assert_eq!(v.as_array().map(|a| a.len()), Some(49));
    let out = yakkan(&["explain", "mixed-digit-width"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Y601 mixed-digit-width")
            && text.contains("Why is this bad?")
            && text.contains("Use instead"),
        "{text}"
    );
    assert_eq!(yakkan(&["explain", "Y999"]).status.code(), Some(2));
    // `rule` is the command, `explain` its alias: the same text by code or by name.
    let by_code = yakkan(&["rule", "Y601"]);
    assert_eq!(by_code.status.code(), Some(0));
    assert_eq!(by_code.stdout, out.stdout);
    assert_eq!(yakkan(&["rule", "y601"]).stdout, out.stdout);
    let unknown = yakkan(&["rule", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown rule `no-such-rule`"));
}

/// A clean, well-drafted document of our own gets no finding at all — a false alarm in
/// front of a lawyer costs more than a miss. So do the other parser fixtures and the
/// base terms written as the seed's companion. (Y706, the checklist of expected clauses,
/// is information about what these short fixtures leave out, not an alarm.)
#[test]
fn clean_documents_get_no_finding() {
    for f in [
        "tests/fixtures/parse/clean_terms.txt",
        "tests/fixtures/parse/markdown_terms.md",
        "tests/fixtures/parse/law_style.txt",
        "tests/fixtures/parse/spec_style.txt",
        "tests/fixtures/parse/spec_style_ascii.txt",
        "tests/fixtures/seed-companions/base-terms.txt",
    ] {
        let out = yakkan(&["check", f, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{f}");
        let v = json(&out);
        let alarms: Vec<&serde_json::Value> = v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] != "Y706")
            .collect();
        assert!(alarms.is_empty(), "{f}: {alarms:?}");
    }
}

/// Documents are parsed, extracted, their facts computed and the rules run in parallel
/// (one document's extractors, facts and term uses too): the JSON is the same on one
/// thread and on three, for the shipped corpus and for a large statute when present.
#[test]
fn output_does_not_depend_on_the_thread_count() {
    let mut inputs = vec![root().join("clauses")];
    let statute = root().join("../shared/corpus/laws/txt/417AC0000000086.txt");
    if statute.is_file() {
        inputs.push(statute);
    } else {
        eprintln!(
            "NOTICE: {} is absent; only clauses/ is checked",
            statute.display()
        );
    }
    for input in inputs {
        let run = |threads: &str| {
            let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
                .current_dir(root())
                .env("RAYON_NUM_THREADS", threads)
                .args(["check", "--format", "json"])
                .arg(&input)
                .output()
                .expect("run yakkan");
            assert!(
                out.status.code().is_some_and(|c| c <= 1),
                "{input:?}: {out:?}"
            );
            json(&out)
        };
        let one = run("1");
        assert!(one["diagnostics"].is_array(), "{input:?}: no diagnostics");
        assert_eq!(one, run("3"), "{input:?}: 1 and 3 threads differ");
    }
}
