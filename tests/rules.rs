//! Every rule has a fixture where it fires and a twin where it stays silent:
//!
//! ```text
//! tests/fixtures/rules/<CODE>/fire/    documents (and a yakkan.yaml when the rule needs a corpus)
//! tests/fixtures/rules/<CODE>/fire/expect.yaml   where the rule must fire
//! tests/fixtures/rules/<CODE>/silent/  the twin: the rule must not fire
//! ```
//!
//! `expect.yaml` lists every finding of that rule, exactly:
//!
//! ```yaml
//! - file: terms.txt   # file name inside fire/
//!   line: 12          # 1-based line of the span start in the ORIGINAL file
//!   text: "第５条"     # the exact text of the primary span
//!   message: "…"      # optional: a substring of the message
//!   note: "…"         # optional: a substring of one of the notes
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};
use yakkan::lint::{lint, registry, Diagnostic};
use yakkan::Corpus;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    file: String,
    line: usize,
    text: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn run(dir: &Path, code: &str) -> (Corpus, Vec<Diagnostic>) {
    let corpus =
        Corpus::load(&[dir.to_path_buf()]).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let diags = lint(&corpus)
        .into_iter()
        .filter(|d| d.code == code)
        .collect();
    (corpus, diags)
}

fn describe(corpus: &Corpus, d: &Diagnostic) -> String {
    let doc = &corpus.docs[d.finding.doc];
    let (line, _) = doc.source.line_col(d.finding.range.start);
    format!(
        "{}:{} 「{}」 {} {:?}",
        Path::new(&doc.path)
            .file_name()
            .unwrap_or_default()
            .to_string_lossy(),
        line,
        &doc.source.text[d.finding.range.clone()],
        d.finding.message,
        d.finding.notes
    )
}

fn check_rule(code: &str) -> Result<(), String> {
    let base = fixtures().join(code);
    let fire = base.join("fire");
    let silent = base.join("silent");
    if !fire.is_dir() || !silent.is_dir() {
        return Err(format!(
            "{code}: fixtures missing: need {} and {}",
            fire.display(),
            silent.display()
        ));
    }
    let expect_text = std::fs::read_to_string(fire.join("expect.yaml"))
        .map_err(|e| format!("{code}: expect.yaml: {e}"))?;
    let expected: Vec<Expected> =
        serde_yaml::from_str(&expect_text).map_err(|e| format!("{code}: expect.yaml: {e}"))?;
    if expected.is_empty() {
        return Err(format!("{code}: expect.yaml lists no finding"));
    }
    let (corpus, diags) = run(&fire, code);
    let found: Vec<String> = diags.iter().map(|d| describe(&corpus, d)).collect();
    let mut unmatched: Vec<&Diagnostic> = diags.iter().collect();
    for e in &expected {
        let pos = unmatched.iter().position(|d| {
            let doc = &corpus.docs[d.finding.doc];
            let file_ok = Path::new(&doc.path)
                .file_name()
                .is_some_and(|f| f.to_string_lossy() == e.file);
            let (line, _) = doc.source.line_col(d.finding.range.start);
            file_ok
                && line == e.line
                && doc.source.text[d.finding.range.clone()] == e.text
                && e.message
                    .as_ref()
                    .is_none_or(|m| d.finding.message.contains(m.as_str()))
                && e.note.as_ref().is_none_or(|n| {
                    d.finding
                        .notes
                        .iter()
                        .chain(d.finding.help.iter())
                        .any(|x| x.contains(n.as_str()))
                })
        });
        match pos {
            Some(i) => {
                unmatched.remove(i);
            }
            None => {
                return Err(format!(
                    "{code}: expected {e:?} not found; found: {found:#?}"
                ))
            }
        }
    }
    if !unmatched.is_empty() {
        let extra: Vec<String> = unmatched.iter().map(|d| describe(&corpus, d)).collect();
        return Err(format!("{code}: unexpected findings: {extra:#?}"));
    }
    let (corpus, diags) = run(&silent, code);
    if !diags.is_empty() {
        let extra: Vec<String> = diags.iter().map(|d| describe(&corpus, d)).collect();
        return Err(format!("{code}: the silent twin has findings: {extra:#?}"));
    }
    Ok(())
}

/// Every registered rule has fixtures, fires exactly where expected and stays silent on
/// its twin.
#[test]
fn every_rule_fires_and_stays_silent() {
    let mut failures = Vec::new();
    for rule in registry() {
        if let Err(e) = check_rule(rule.meta().code) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule fixture failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every rule of the SPEC catalogue is registered, with a kebab-case name and explain text.
#[test]
fn catalogue_is_complete() {
    let codes: Vec<&str> = registry().iter().map(|r| r.meta().code).collect();
    let spec = [
        "Y101", "Y102", "Y103", "Y104", "Y105", "Y106", "Y107", "Y201", "Y202", "Y203", "Y204",
        "Y205", "Y206", "Y207", "Y208", "Y209", "Y301", "Y302", "Y303", "Y304", "Y305", "Y306",
        "Y307", "Y401", "Y402", "Y403", "Y404", "Y405", "Y501", "Y502", "Y601", "Y602", "Y603",
        "Y604", "Y605", "Y606", "Y607", "Y608", "Y701", "Y702", "Y703", "Y704", "Y705", "Y706",
    ];
    let missing: Vec<&&str> = spec.iter().filter(|c| !codes.contains(c)).collect();
    assert!(missing.is_empty(), "rules not registered: {missing:?}");
    for r in registry() {
        let m = r.meta();
        assert!(
            m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            m.name
        );
        assert!(
            m.explain().contains("Why"),
            "{}: explain text lacks 'Why'",
            m.code
        );
    }
}
