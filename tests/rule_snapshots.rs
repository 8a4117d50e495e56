//! One snapshot per rule family, as ruff keeps them: every rule's `fire` fixture checked
//! by the binary (`check DIR --select CODE --color never`) and its report as a user reads
//! it, with the command that prints it. `tests/rules.rs` holds the exact spans; these
//! snapshots show the messages, notes, help lines and source excerpts around them, so a
//! change of wording or of a label shows in review.

use std::path::Path;
use std::process::Command;

/// The families of `src/lint/rules/`, with the codes each holds.
const FAMILIES: &[(&str, &[&str])] = &[
    ("meta", &["Y001"]),
    ("numbering", &["Y101", "Y102", "Y103", "Y104", "Y107"]),
    ("structure", &["Y105", "Y106"]),
    (
        "terms",
        &[
            "Y201", "Y202", "Y203", "Y204", "Y205", "Y206", "Y207", "Y208", "Y209",
        ],
    ),
    (
        "references",
        &["Y301", "Y302", "Y303", "Y304", "Y305", "Y306", "Y307"],
    ),
    ("statutes", &["Y311", "Y312", "Y313", "Y314"]),
    ("precedence", &["Y401", "Y402", "Y403", "Y404", "Y405"]),
    ("conflicts", &["Y501", "Y502"]),
    (
        "style",
        &[
            "Y601", "Y602", "Y603", "Y604", "Y605", "Y606", "Y607", "Y608",
        ],
    ),
    ("legal", &["Y701", "Y702", "Y703", "Y704", "Y705", "Y706"]),
];

/// The reports of one family's fixtures, one section a rule.
fn family_report(codes: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = String::new();
    for code in codes {
        let dir = format!("tests/fixtures/rules/{code}/fire");
        assert!(root.join(&dir).is_dir(), "{dir} is missing");
        let run = Command::new(env!("CARGO_BIN_EXE_yakkan"))
            .current_dir(root)
            .args(["check", &dir, "--select", code, "--color", "never"])
            .output()
            .expect("run yakkan");
        let stdout = String::from_utf8(run.stdout).expect("UTF-8 report");
        assert!(
            run.stderr.is_empty(),
            "{code}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(
            stdout.contains(&format!("[{code}/")),
            "{code} does not fire on its fixture:\n{stdout}"
        );
        out.push_str(&format!(
            "$ yakkan check {dir} --select {code}   # exit {}\n{stdout}\n",
            run.status.code().unwrap_or(-1)
        ));
    }
    out
}

#[test]
fn every_rule_is_in_one_family() {
    let mut listed: Vec<&str> = FAMILIES
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .collect();
    listed.sort();
    let registered: Vec<&str> = yakkan::lint::registry()
        .iter()
        .map(|r| r.meta().code)
        .collect();
    assert_eq!(listed, registered);
}

macro_rules! family_snapshot {
    ($test:ident, $family:literal) => {
        #[test]
        fn $test() {
            let codes = FAMILIES
                .iter()
                .find(|(f, _)| *f == $family)
                .map(|(_, c)| *c)
                .expect("family");
            insta::assert_snapshot!($family, family_report(codes));
        }
    };
}

family_snapshot!(meta, "meta");
family_snapshot!(numbering, "numbering");
family_snapshot!(structure, "structure");
family_snapshot!(terms, "terms");
family_snapshot!(references, "references");
family_snapshot!(statutes, "statutes");
family_snapshot!(precedence, "precedence");
family_snapshot!(conflicts, "conflicts");
family_snapshot!(style, "style");
family_snapshot!(legal, "legal");
