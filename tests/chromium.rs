//! The two HTML pages — the index of the shipped corpus (and of a fixture with findings
//! in a paragraph, a table row and outside every provision) and a 新旧対照表 — loaded in
//! headless Chromium: no console error, every internal link (`href="#…"`) of the page as
//! Chromium built it leads to an element with that id, and every finding of the index
//! and its mark in the text link to each other. Without Chromium the
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

/// Load the page and check it; the ids of the page as Chromium built it. Findings (their
/// list entries `_fN` and marks `_mN` in the text) must link to each other.
fn check_page(browser: &str, page: &Path) -> std::collections::HashSet<String> {
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
    let links: std::collections::HashSet<&str> = links.into_iter().collect();
    for id in &ids {
        let other = match id.as_bytes() {
            [b'_', b'f', rest @ ..] if rest.iter().all(u8::is_ascii_digit) => "_m",
            [b'_', b'm', rest @ ..] if rest.iter().all(u8::is_ascii_digit) => "_f",
            _ => continue,
        };
        let partner = format!("{other}{}", &id[2..]);
        assert!(ids.contains(partner.as_str()), "{id} without {partner}");
        assert!(
            links.contains(partner.as_str()),
            "nothing links to {partner}"
        );
        assert!(links.contains(*id), "nothing links to {id}");
    }
    ids.into_iter().map(str::to_string).collect()
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
    let ids = check_page(browser, &index);
    assert!(
        ids.contains("_m1") && ids.contains("_f1"),
        "the finding of clauses/"
    );
    // A page with findings of every kind of place: a paragraph, a table row, none.
    let readings = dir.path().join("readings.html");
    run(&[
        "index",
        "tests/fixtures/index/readings.txt",
        "-o",
        readings.to_str().expect("path"),
    ]);
    let ids = check_page(browser, &readings);
    let numbered = |prefix: &str| {
        ids.iter()
            .filter(|i| {
                i.strip_prefix(prefix)
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
            .count()
    };
    let (marks, entries) = (numbered("_m"), numbered("_f"));
    assert!(marks >= 3, "{marks} finding marks");
    assert_eq!(
        marks, entries,
        "a mark in the text for every finding in the list"
    );
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
