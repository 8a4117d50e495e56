//! The CI recipes: `.pre-commit-hooks.yaml` in pre-commit's format, the composite
//! GitHub Action `action.yml`, and the README's workflow that uses it. Their commands are
//! run as the hook and the action would run them.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join(name)).expect(name);
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn yakkan(args: &[String], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run yakkan")
}

#[test]
fn pre_commit_hooks_are_in_pre_commits_format_and_run() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    assert!(!hooks.is_empty());
    // The keys pre-commit reads (https://pre-commit.com/#creating-new-hooks).
    let known = [
        "id",
        "name",
        "entry",
        "language",
        "files",
        "exclude",
        "types",
        "types_or",
        "exclude_types",
        "always_run",
        "fail_fast",
        "verbose",
        "pass_filenames",
        "require_serial",
        "description",
        "language_version",
        "minimum_pre_commit_version",
        "args",
        "stages",
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("terms.txt");
    std::fs::write(
        &doc,
        "サンプル約款\n\n第１条（目的）\n本約款は、サービスの利用条件を１ヵ月ごとに見直し、3ヶ月前に通知します。\n",
    )
    .expect("write");
    let mut ids = Vec::new();
    for h in hooks {
        let h = h.as_object().expect("a hook is a mapping");
        for k in h.keys() {
            assert!(known.contains(&k.as_str()), "unknown hook key {k}");
        }
        for k in ["id", "name", "entry", "language"] {
            assert!(
                h.get(k).and_then(Value::as_str).is_some(),
                "{k} is required"
            );
        }
        assert_eq!(
            h["language"], "rust",
            "installed with cargo from this repository"
        );
        let files = regex::Regex::new(h["files"].as_str().expect("files")).expect("regex");
        assert!(files.is_match("docs/terms.txt") && files.is_match("tos.md"));
        assert!(!files.is_match("src/main.rs"));
        let exclude = regex::Regex::new(h["exclude"].as_str().expect("exclude")).expect("regex");
        assert!(exclude.is_match("README.md") && !exclude.is_match("docs/terms.txt"));
        // pre-commit runs the entry with the staged file names after it.
        let entry: Vec<String> = h["entry"]
            .as_str()
            .expect("entry")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        assert_eq!(entry[0], "yakkan");
        let mut args: Vec<String> = entry[1..].to_vec();
        args.push("terms.txt".into());
        let out = yakkan(&args, dir.path());
        assert_ne!(
            out.status.code(),
            Some(2),
            "{:?}: {}",
            args,
            String::from_utf8_lossy(&out.stderr)
        );
        ids.push(h["id"].as_str().expect("id").to_string());
    }
    assert!(ids.contains(&"yakkan".to_string()));
    // The fixing hook fixed the counter variant.
    let fixed = std::fs::read_to_string(&doc).expect("read");
    assert!(
        fixed.contains("ヵ月前に通知") && !fixed.contains('ヶ'),
        "{fixed}"
    );
}

#[test]
fn the_action_installs_checks_and_uploads_sarif() {
    let action = yaml("action.yml");
    assert!(action["name"].is_string() && action["description"].is_string());
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    for s in steps.iter().filter(|s| s.get("run").is_some()) {
        assert!(
            s["shell"].is_string(),
            "a composite run step needs a shell: {s}"
        );
    }
    assert!(runs
        .iter()
        .any(|r| r.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\"")));
    let check = runs
        .iter()
        .flat_map(|r| r.lines())
        .find(|l| l.trim_start().starts_with("yakkan check"))
        .expect("a yakkan check line");
    assert!(check.contains("--format sarif -o yakkan.sarif"), "{check}");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload step");
    assert_eq!(upload["with"]["sarif_file"], "yakkan.sarif");

    // The check line as the runner would run it, on a copy of the shipped corpus.
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("clauses");
    std::fs::create_dir(&corpus).expect("mkdir");
    for e in std::fs::read_dir(root().join("clauses")).expect("clauses") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, corpus.join(p.file_name().expect("name"))).expect("copy");
    }
    let args: Vec<String> = check
        .replace("$YAKKAN_PATH", "clauses")
        .replace("$YAKKAN_ARGS", "")
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    let out = yakkan(&args, dir.path());
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("yakkan.sarif")).expect("yakkan.sarif written"),
    )
    .expect("SARIF");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .is_empty());
}

#[test]
fn the_readme_workflow_uses_the_action() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let start = readme
        .find("```yaml\nname: yakkan")
        .expect("a workflow block in the README")
        + "```yaml\n".len();
    let end = start + readme[start..].find("```").expect("end of block");
    let wf: Value = serde_yaml::from_str(&readme[start..end]).expect("workflow YAML");
    assert!(wf["on"].is_object() || wf["on"].is_array() || wf["on"].is_string());
    let jobs = wf["jobs"].as_object().expect("jobs");
    let steps: Vec<&Value> = jobs
        .values()
        .flat_map(|j| j["steps"].as_array().into_iter().flatten())
        .collect();
    assert!(steps.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("actions/checkout@"))));
    assert!(steps
        .iter()
        .any(|s| s["uses"].as_str().is_some_and(|u| u.contains("yakkan"))));
    // Uploading to code scanning needs this permission.
    assert!(jobs
        .values()
        .any(|j| j["permissions"]["security-events"] == "write"));
}
