//! `yakkan diff` (SPEC §6) on the fixtures of `tests/fixtures/diff/` (see its README):
//! an inserted article renumbers the later ones without changing them and leaves two
//! references stale; a changed period is marked character by character; a removed and an
//! added article are not matched by number; identical revisions and a PDF-extracted
//! against a clean layout give no entries; corpus folders find stale references in the
//! other documents; the Markdown, HTML and JSON outputs, `-o`, and no panic on any input.

use proptest::prelude::*;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::Arc;
use yakkan::diff::{self, Diff, Entry, EntryKind, Op};

const DIR: &str = "tests/fixtures/diff";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

fn yakkan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run yakkan")
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn diff_of(old: &str, new: &str) -> Diff {
    let (old, new) = (root().join(fixture(old)), root().join(fixture(new)));
    diff::diff_paths(&old, &new)
        .unwrap_or_else(|e| panic!("diff failed: {e}"))
        .0
}

fn of_kind(d: &Diff, kind: EntryKind) -> Vec<&Entry> {
    d.entries.iter().filter(|e| e.kind == kind).collect()
}

fn by_old<'a>(d: &'a Diff, path: &str) -> Option<&'a Entry> {
    d.entries.iter().find(|e| {
        e.kind != EntryKind::StaleReference && e.old.as_ref().is_some_and(|p| p.path == path)
    })
}

/// The NEW (equal + insert) and OLD (equal + delete) text of an entry's lines.
fn sides(e: &Entry) -> (String, String) {
    let side = |skip: Op| {
        e.lines
            .iter()
            .map(|l| {
                l.segments
                    .iter()
                    .filter(|s| s.op != skip)
                    .map(|s| s.text.as_str())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    (side(Op::Delete), side(Op::Insert))
}

#[test]
fn inserted_article_renumbers_the_later_ones_without_changing_them() {
    let d = diff_of("terms_v1.txt", "terms_v2.txt");
    let added = of_kind(&d, EntryKind::Added);
    assert_eq!(added.len(), 1, "{added:#?}");
    let new = added[0].new.as_ref().expect("new place");
    assert_eq!(
        (new.path.as_str(), new.caption.as_deref()),
        ("第5条", Some("会議室の利用"))
    );
    assert!(of_kind(&d, EntryKind::Removed).is_empty());
    assert!(of_kind(&d, EntryKind::Moved).is_empty());
    // 第５条 … 第１０条 became 第６条 … 第１１条: renumbered, content unchanged …
    for n in 5..=9 {
        let e = by_old(&d, &format!("第{n}条")).unwrap_or_else(|| panic!("no entry for 第{n}条"));
        assert_eq!(e.kind, EntryKind::Renumbered, "{e:#?}");
        assert!(e.renumbered && !e.moved);
        assert_eq!(
            e.new.as_ref().map(|p| p.path.clone()),
            Some(format!("第{}条", n + 1))
        );
        assert!(e.parts.is_empty());
    }
    // … except 第１０条, whose reference was updated along (第７条 → 第８条).
    let e = by_old(&d, "第10条").expect("第10条");
    assert_eq!(e.kind, EntryKind::Changed);
    assert!(e.renumbered);
    assert_eq!(e.new.as_ref().map(|p| p.path.as_str()), Some("第11条"));
    let changed: Vec<&str> = of_kind(&d, EntryKind::Changed)
        .iter()
        .filter_map(|e| e.old.as_ref().map(|p| p.path.as_str()))
        .collect();
    assert_eq!(changed, ["第3条", "第10条"]);
    assert_eq!(d.summary.renumbered, 5);
}

#[test]
fn reference_still_using_the_old_number_is_stale() {
    let d = diff_of("terms_v1.txt", "terms_v2.txt");
    let stale: Vec<_> = of_kind(&d, EntryKind::StaleReference)
        .into_iter()
        .filter_map(|e| e.reference.as_ref())
        .collect();
    let found: Vec<(&str, &str, &str, Option<&str>)> = stale
        .iter()
        .map(|r| {
            (
                r.path.as_str(),
                r.text.as_str(),
                r.target.as_str(),
                r.suggestion.as_deref(),
            )
        })
        .collect();
    // The updated reference in 第１１条 and the relative ones (前項, 同条) are not stale.
    assert_eq!(
        found,
        [
            ("第6条第2項", "第７条", "第7条", Some("第８条")),
            ("第10条第1項", "第８条", "第8条", Some("第９条")),
        ]
    );
    let text = std::fs::read_to_string(root().join(fixture("terms_v2.txt"))).expect("fixture");
    for r in &stale {
        // line/column point at the reference as written.
        let line = text.lines().nth(r.line - 1).expect("line");
        let at: String = line
            .chars()
            .skip(r.column - 1)
            .take(r.text.chars().count())
            .collect();
        assert_eq!(at, r.text);
        assert_eq!(r.was.path, r.target, "it pointed at the same number in OLD");
    }
    assert_eq!(
        stale[0].was.caption.as_deref(),
        Some("当社による予約の取消し")
    );
    assert_eq!(
        stale[0].now.as_ref().and_then(|p| p.caption.as_deref()),
        Some("予約の取消し")
    );
    assert_eq!(
        stale[1].was_now.as_ref().map(|p| p.path.as_str()),
        Some("第9条")
    );
}

#[test]
fn changed_period_is_marked_character_by_character() {
    let d = diff_of("terms_v1.txt", "terms_v2.txt");
    let e = by_old(&d, "第3条").expect("第3条");
    assert_eq!(e.kind, EntryKind::Changed);
    assert!(!e.renumbered && !e.moved);
    assert_eq!(e.parts.len(), 1, "{:#?}", e.parts);
    let p = &e.parts[0];
    assert_eq!(p.kind, EntryKind::Changed);
    assert_eq!(p.new.as_ref().map(|x| x.path.as_str()), Some("第3条第2項"));
    let marked: Vec<(Op, &str)> = e
        .lines
        .iter()
        .flat_map(|l| &l.segments)
        .filter(|s| s.op != Op::Equal)
        .map(|s| (s.op, s.text.as_str()))
        .collect();
    assert_eq!(marked, [(Op::Delete, "１"), (Op::Insert, "２")]);
    let (new, old) = sides(e);
    assert!(new.contains("承認した日から２年間とします"), "{new}");
    assert!(old.contains("承認した日から１年間とします"), "{old}");
    // 第１項 is unchanged and left out: （略）.
    assert!(e.lines.iter().any(|l| l.elided));

    let md = diff::render_markdown(&d);
    assert!(md.contains("承認した日から**２**年間"), "{md}");
    assert!(md.contains("承認した日から~~１~~年間"), "{md}");
}

#[test]
fn removed_and_added_articles_are_not_matched_by_number() {
    let d = diff_of("terms_v1.txt", "terms_v3.txt");
    let kinds: Vec<(EntryKind, Option<&str>, Option<&str>)> = d
        .entries
        .iter()
        .map(|e| {
            (
                e.kind,
                e.old.as_ref().and_then(|p| p.caption.as_deref()),
                e.new.as_ref().and_then(|p| p.caption.as_deref()),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (EntryKind::Removed, Some("免責"), None),
            (EntryKind::Added, None, Some("準拠法及び合意管轄")),
        ]
    );
    let md = diff::render_markdown(&d);
    assert!(md.contains("（新設）") && md.contains("（削る）"), "{md}");
}

#[test]
fn identical_revisions_have_no_entries() {
    let d = diff_of("terms_v1.txt", "terms_v1.txt");
    assert!(d.entries.is_empty(), "{:#?}", d.entries);
    assert_eq!(d.summary, diff::DiffSummary::default());
}

#[test]
fn layout_is_not_content() {
    for (a, b) in [
        ("terms_v1_pdf.txt", "terms_v1.txt"),
        ("terms_v1.txt", "terms_v1_pdf.txt"),
    ] {
        let d = diff_of(a, b);
        assert!(d.entries.is_empty(), "{a} → {b}: {:#?}", d.entries);
    }
    // The PDF layout against the next revision gives what the clean layout gives.
    let pdf = diff_of("terms_v1_pdf.txt", "terms_v2.txt");
    let clean = diff_of("terms_v1.txt", "terms_v2.txt");
    assert_eq!(pdf.summary, clean.summary);
}

#[test]
fn corpus_folders_find_stale_references_in_other_documents() {
    let d = diff_of("corpus-old", "corpus-new");
    assert_eq!(
        d.documents
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        ["terms", "spec"]
    );
    let stale: Vec<_> = of_kind(&d, EntryKind::StaleReference)
        .into_iter()
        .filter_map(|e| e.reference.as_ref().map(|r| (e.document.as_str(), r)))
        .collect();
    let spec: Vec<_> = stale.iter().filter(|(doc, _)| *doc == "spec").collect();
    assert_eq!(spec.len(), 1, "{stale:#?}");
    let r = spec[0].1;
    assert_eq!(r.text, "利用規約第８条");
    assert_eq!(r.target_document, "terms");
    assert_eq!(r.suggestion.as_deref(), Some("利用規約第９条"));
    // 利用規約第４条第１項 still holds what it held.
    assert!(stale.iter().all(|(_, r)| r.text != "利用規約第４条第１項"));
    assert_eq!(stale.iter().filter(|(doc, _)| *doc == "terms").count(), 2);
    // The spec itself did not change.
    assert!(d
        .entries
        .iter()
        .all(|e| e.document != "spec" || e.kind == EntryKind::StaleReference));
}

#[test]
fn markdown_table_snapshot() {
    let md = stdout(&yakkan(&[
        "diff",
        &fixture("terms_v1.txt"),
        &fixture("terms_v2.txt"),
    ]));
    assert!(
        md.contains("| 新 | 旧 |"),
        "新 on the left, 旧 on the right"
    );
    insta::assert_snapshot!("terms_v1_v2_markdown", md);
}

#[test]
fn html_is_one_self_contained_page() {
    let html = stdout(&yakkan(&[
        "diff",
        &fixture("terms_v1.txt"),
        &fixture("terms_v2.txt"),
        "--format",
        "html",
    ]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && !html.contains("<script") && !html.contains("<link"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    let new_col = html.find("<th>新</th>").expect("新 column");
    let old_col = html.find("<th>旧</th>").expect("旧 column");
    assert!(new_col < old_col, "新 is the left column");
    assert!(html.contains("から<ins>２</ins>年間"), "{html}");
    assert!(html.contains("から<del>１</del>年間"), "{html}");
    assert!(html.contains("（新設）"));
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn json_is_the_documented_structure() {
    let out = stdout(&yakkan(&[
        "diff",
        &fixture("terms_v1.txt"),
        &fixture("terms_v2.txt"),
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["documents"][0]["new_file"], fixture("terms_v2.txt"));
    let summary = &v["summary"];
    for (k, n) in [
        ("added", 1),
        ("removed", 0),
        ("moved", 0),
        ("renumbered", 5),
        ("changed", 2),
        ("stale_references", 2),
    ] {
        assert_eq!(summary[k], n, "summary.{k}");
    }
    let entries = v["entries"].as_array().expect("entries");
    let stale = entries
        .iter()
        .find(|e| e["kind"] == "stale-reference")
        .expect("a stale reference");
    assert_eq!(stale["level"], "reference");
    for k in [
        "file",
        "line",
        "column",
        "path",
        "text",
        "target",
        "was",
        "suggestion",
    ] {
        assert!(!stale["reference"][k].is_null(), "reference.{k}");
    }
    let changed = entries
        .iter()
        .find(|e| e["kind"] == "changed")
        .expect("changed");
    assert_eq!(changed["parts"][0]["kind"], "changed");
    assert!(changed["lines"]
        .as_array()
        .is_some_and(|l| l.iter().any(|l| l["elided"] == true)));
}

#[test]
fn output_file_and_refusals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("taisho.md");
    let out_s = out.to_string_lossy().into_owned();
    let o = yakkan(&[
        "diff",
        &fixture("terms_v1.txt"),
        &fixture("terms_v2.txt"),
        "-o",
        &out_s,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.is_empty(), "nothing on stdout with -o");
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.starts_with("# 新旧対照表"));

    let before = std::fs::read(root().join(fixture("terms_v1.txt"))).expect("fixture");
    let refuse = |args: &[&str]| {
        let o = yakkan(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("refusing"),
            "{args:?}"
        );
    };
    refuse(&[
        "diff",
        &fixture("terms_v1.txt"),
        &fixture("terms_v2.txt"),
        "-o",
        &fixture("terms_v1.txt"),
    ]);
    refuse(&[
        "diff",
        &fixture("terms_v1.txt"),
        &fixture("terms_v2.txt"),
        "--output",
        "./tests/fixtures/diff/terms_v2.txt",
    ]);
    refuse(&[
        "diff",
        &fixture("corpus-old"),
        &fixture("corpus-new"),
        "-o",
        &fixture("corpus-new/table.md"),
    ]);
    // A document of the corpus is an input too.
    refuse(&[
        "diff",
        &fixture("corpus-old"),
        &fixture("corpus-new"),
        "-o",
        &fixture("corpus-new/spec.txt"),
    ]);
    assert!(!root().join(fixture("corpus-new/table.md")).exists());
    assert_eq!(
        std::fs::read(root().join(fixture("terms_v1.txt"))).expect("fixture"),
        before
    );

    // A file against a folder, a missing file, an unknown format: usage errors.
    for args in [
        vec!["diff", DIR, "tests/fixtures/diff/terms_v1.txt"],
        vec![
            "diff",
            "tests/fixtures/diff/nope.txt",
            "tests/fixtures/diff/terms_v1.txt",
        ],
        vec![
            "diff",
            "tests/fixtures/diff/terms_v1.txt",
            "tests/fixtures/diff/terms_v1.txt",
            "--format",
            "pdf",
        ],
    ] {
        assert_eq!(yakkan(&args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn every_fixture_against_every_other_never_panics() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fixtures/parse", "tests/fixtures/diff", "clauses"] {
        let Ok(rd) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md"))
                && p.file_name().is_some_and(|n| n != "README.md")
            {
                files.push(p);
            }
        }
    }
    files.sort();
    for a in &files {
        for b in &files {
            let (d, _, _) = diff::diff_paths(a, b).unwrap_or_else(|e| panic!("{e}"));
            if a == b {
                assert!(
                    d.entries.is_empty(),
                    "{} against itself: {:#?}",
                    a.display(),
                    d.entries
                );
            }
            for f in [diff::Format::Md, diff::Format::Html, diff::Format::Json] {
                assert!(!diff::render(&d, f).is_empty());
            }
        }
    }
}

/// A long generated document: every article different, so the similarity pass has work.
fn long_document(articles: usize, inserted_at: Option<usize>, changed_every: usize) -> String {
    let mut s = String::from("大量条項テスト約款\n\n");
    let mut n = 0;
    for k in 0..articles {
        if inserted_at == Some(k) {
            n += 1;
            s.push_str(&format!(
                "第{n}条（新しい条項）\n当社は、この条に新しく定める手続に従い通知します。\n\n"
            ));
        }
        n += 1;
        let period = if changed_every > 0 && k % changed_every == 0 {
            "２年間"
        } else {
            "１年間"
        };
        s.push_str(&format!(
            "第{n}条（条項{k}の定め）\n当社は、識別番号{k}の契約について、{period}の期間を定めて記録を保存します。\n２　前項の記録は、第１条に定める方法により管理します。\n\n"
        ));
    }
    s
}

fn corpus_of(name: &str, text: &str) -> yakkan::Corpus {
    let src = Arc::new(yakkan::SourceFile::from_text(name, text));
    let doc = yakkan::parse_text_source(src);
    yakkan::Corpus::link(vec![doc], Default::default(), None, String::new())
}

#[test]
fn large_revisions_stay_bounded_and_sensible() {
    let old = corpus_of("old.txt", &long_document(400, None, 0));
    let new = corpus_of("new.txt", &long_document(400, Some(200), 50));
    let d = diff::diff_corpora(&old, &new, true);
    assert_eq!(d.summary.added, 1);
    assert_eq!(d.summary.removed, 0);
    assert_eq!(d.summary.moved, 0);
    // 8 articles changed their period; after the insertion the rest are renumbered.
    assert_eq!(d.summary.changed, 8, "{:?}", d.summary);
    assert_eq!(d.summary.renumbered, 196, "{:?}", d.summary);
}

fn fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "第１条（目的）\n",
        "第２条（定義）\n",
        "第3条\n",
        "第２条の２（特則）\n",
        "２　当社は、前項の規定にかかわらず、第１条に定める。\n",
        "（１）　利用者は、第２条第１項に従う。\n",
        "本約款は、基本約款第８条第３項を準用します。\n",
        "１年間",
        "２年間",
        "前条",
        "次条",
        "同条第２項",
        "削除\n",
        "附則\n",
        "１．目的\n",
        "1.1 範囲\n",
        "## 第1条（目的）\n",
        "1. 項目\n",
        "\n",
        " ",
        "\u{3000}",
        "「",
        "」",
        "（",
        "）",
        "。",
        "一",
        "イ",
        "ア",
        "\t",
        "｜",
        "**",
        "~~",
        "<br>",
        "|",
        "\\",
        "&",
        "<script>",
    ])
    .prop_map(str::to_string)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_pair_of_texts_never_panics(a in text(), b in text()) {
        let old = corpus_of("a.txt", &a);
        let new = corpus_of("b.txt", &b);
        let d = diff::diff_corpora(&old, &new, true);
        for f in [diff::Format::Md, diff::Format::Html, diff::Format::Json] {
            let out = diff::render(&d, f);
            prop_assert!(!out.is_empty());
        }
        // Every entry's lines give back text of its own side.
        for e in &d.entries {
            let (new_side, old_side) = sides(e);
            prop_assert!(new_side.len() + old_side.len() <= 4 * (a.len() + b.len()) + 64);
        }
        let same = diff::diff_corpora(&old, &corpus_of("a.txt", &a), true);
        prop_assert!(same.entries.is_empty(), "{:#?}", same.entries);
    }
}

#[test]
fn similarity_pass_scales_with_an_index() {
    // Every caption and every period changes: no article matches by content or caption,
    // and 300 × 300 pairs are too many to score one by one.
    let old = long_document(300, None, 0);
    let new = long_document(300, None, 1).replace("の定め）", "の規定）");
    let d = diff::diff_corpora(
        &corpus_of("old.txt", &old),
        &corpus_of("new.txt", &new),
        true,
    );
    assert_eq!(d.summary.changed, 300, "{:?}", d.summary);
    assert_eq!(
        (d.summary.added, d.summary.removed, d.summary.moved),
        (0, 0, 0)
    );
    assert!(d.entries.iter().all(
        |e| !e.renumbered && e.old.as_ref().map(|p| &p.path) == e.new.as_ref().map(|p| &p.path)
    ));
}

#[test]
fn swapped_articles_are_moved_and_references_to_them_stale() {
    // 第６条 and 第７条 trade places (and numbers).
    let v1 = std::fs::read_to_string(root().join(fixture("terms_v1.txt"))).expect("fixture");
    let a = v1.find("第６条（予約の取消し）").expect("第６条");
    let b = v1.find("第７条（当社による予約の取消し）").expect("第７条");
    let c = v1.find("第８条（禁止事項）").expect("第８条");
    let six = v1[a..b].replacen("第６条", "第７条", 1);
    let seven = v1[b..c].replacen("第７条", "第６条", 1);
    let swapped = format!("{}{seven}{six}{}", &v1[..a], &v1[c..]);
    let d = diff::diff_corpora(
        &corpus_of("v1.txt", &v1),
        &corpus_of("swapped.txt", &swapped),
        true,
    );
    assert_eq!(d.summary.moved, 1, "{:#?}", d.entries);
    assert_eq!(d.summary.renumbered, 1, "{:#?}", d.entries);
    assert_eq!(d.summary.changed + d.summary.added + d.summary.removed, 0);
    let moved = of_kind(&d, EntryKind::Moved);
    assert!(moved[0].renumbered);
    // 第５条第２項 and 第１０条 cite 第７条（当社による予約の取消し）, now 第６条.
    let suggestions: Vec<(&str, Option<&str>)> = of_kind(&d, EntryKind::StaleReference)
        .iter()
        .filter_map(|e| e.reference.as_ref())
        .map(|r| (r.path.as_str(), r.suggestion.as_deref()))
        .collect();
    assert_eq!(
        suggestions,
        [
            ("第5条第2項", Some("第６条")),
            ("第10条第1項", Some("第６条"))
        ]
    );
}
