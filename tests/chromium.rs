//! The two HTML pages — the index of the shipped corpus and a 新旧対照表 — loaded in
//! headless Chromium: no console error, and every internal link (`href="#…"`) of the
//! page as Chromium built it leads to an element with that id. Without Chromium the
//! test prints a NOTICE and returns, except in CI (`CI` set), where `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// The DOM Chromium built from the page, and what it logged.
fn load(browser: &str, page: &Path) -> (String, String) {
    let profile = tempfile::tempdir().expect("profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_page(browser: &str, page: &Path) {
    let (dom, log) = load(browser, page);
    assert!(dom.contains("</html>"), "{}: no DOM", page.display());
    // Chromium logs page console messages as `CONSOLE(line)` / `Uncaught …`.
    let errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(
        errors.is_empty(),
        "{}:\n{}",
        page.display(),
        errors.join("\n")
    );
    let ids: std::collections::HashSet<&str> = dom
        .match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let rest = &dom[i + m.len()..];
            rest.find('"').map(|e| &rest[..e])
        })
        .collect();
    let links: Vec<&str> = dom
        .match_indices("href=\"#")
        .filter_map(|(i, m)| {
            let rest = &dom[i + m.len()..];
            rest.find('"').map(|e| &rest[..e])
        })
        .collect();
    assert!(!links.is_empty(), "{}: no internal links", page.display());
    let broken: Vec<&&str> = links.iter().filter(|l| !ids.contains(**l)).collect();
    assert!(
        broken.is_empty(),
        "{}: links without a target: {broken:?}",
        page.display()
    );
}

#[test]
fn index_and_comparison_table_load_cleanly_in_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing in CI (.ci/run installs it)"
        );
        eprintln!("NOTICE: chromium not found; skipping the browser check of the HTML pages");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let index = dir.path().join("index.html");
    let diff = dir.path().join("diff.html");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
            .args(args)
            .current_dir(root())
            .output()
            .expect("run yakkan");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["index", "clauses", "-o", index.to_str().expect("path")]);
    let fixtures = "tests/fixtures/diff";
    run(&[
        "diff",
        &format!("{fixtures}/terms_v1.txt"),
        &format!("{fixtures}/terms_v2.txt"),
        "-o",
        diff.to_str().expect("path"),
    ]);
    check_page(browser, &index);
    // The 新旧対照表 has no links of its own unless it lists stale references; it must
    // still load without errors.
    let (dom, log) = load(browser, &diff);
    assert!(dom.contains("新旧対照表"), "{dom}");
    assert!(
        !log.lines()
            .any(|l| l.contains(":CONSOLE") || l.contains("Uncaught")),
        "{log}"
    );
}
