//! Statute citations (Y311–Y314): the compiled-in tables against `../shared/statutes/`,
//! the e-Gov XML reader against `../shared/corpus/laws/truth/`, the ways a citation
//! resolves, the manifest's `statutes:`, and every finding on the real corpus reviewed.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use yakkan::lint::facts::cite::{citations, ResolvedBy};
use yakkan::lint::lint;
use yakkan::statutes::{self, json, xml, Table};
use yakkan::Corpus;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("NOTICE: {} not found; skipping", p.display());
        None
    }
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

#[test]
fn the_committed_table_is_generated_from_shared_statutes() {
    let Some(dir) = shared("statutes") else {
        return;
    };
    let committed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/statutes.bin"))
        .expect("data/statutes.bin");
    let fresh = json::compact_table(&dir).expect("the shared tables read");
    assert!(
        committed == fresh,
        "data/statutes.bin is stale: run `cargo run --example statutes_table`"
    );
    // And every field survives: the decoded tables equal the JSON, article by article.
    let shipped = statutes::shipped();
    assert_eq!(shipped.len(), 28);
    for s in shipped {
        let text = std::fs::read_to_string(dir.join(format!("{}.json", s.law_id))).unwrap();
        let j = json::read_statute(&text, statutes::AS_OF).unwrap();
        assert_eq!(s.law_num, j.law_num);
        assert_eq!(s.title, j.title);
        assert_eq!(s.abbrevs, j.abbrevs);
        assert_eq!(s.source, j.source);
        assert_eq!(s.articles(), j.articles(), "{}", s.title);
    }
}

#[test]
fn the_xml_reader_gives_the_official_structure() {
    let Some(dir) = shared("corpus/laws") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("xml"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 30);
    let failures: Vec<String> = files
        .par_iter()
        .filter_map(|f| {
            let id = f.file_stem()?.to_str()?.to_string();
            let s = xml::read(&std::fs::read(f).ok()?, &f.display().to_string())
                .map_err(|e| format!("{id}: {e}"))
                .ok()?;
            let truth: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join("truth").join(format!("{id}.json"))).ok()?,
            )
            .ok()?;
            let want: Vec<(String, Option<String>, Vec<u64>)> = truth["main_articles"]
                .as_array()?
                .iter()
                .map(|a| {
                    (
                        a["num"].as_str().unwrap_or_default().to_string(),
                        a["caption"].as_str().map(|c| {
                            c.trim_start_matches('（')
                                .trim_end_matches('）')
                                .to_string()
                        }),
                        a["paragraphs"]
                            .as_array()
                            .map(|ps| ps.iter().filter_map(|p| p["item_count"].as_u64()).collect())
                            .unwrap_or_default(),
                    )
                })
                .collect();
            let got: Vec<(String, Option<String>, Vec<u64>)> = s
                .articles()
                .iter()
                .map(|a| {
                    (
                        a.num.clone(),
                        a.caption.clone(),
                        a.paragraphs.iter().map(|&n| u64::from(n)).collect(),
                    )
                })
                .collect();
            let title_ok = truth["law_title"].as_str() == Some(s.title.as_str())
                && truth["law_num"].as_str() == Some(s.law_num.as_str());
            if got == want && title_ok {
                return None;
            }
            let first = got
                .iter()
                .zip(&want)
                .find(|(g, w)| g != w)
                .map(|(g, w)| format!("got {g:?}, want {w:?}"))
                .unwrap_or_else(|| format!("{} articles, want {}", got.len(), want.len()));
            Some(format!("{id} ({}): {first}", s.title))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn citations_resolve_by_name_abbreviation_and_same() {
    let corpus = Corpus::load(&[fixture("rules/Y313/fire")]).unwrap();
    let cs = citations(&corpus, &corpus.statutes, 0);
    let by: Vec<(&str, ResolvedBy)> = cs
        .iter()
        .map(|c| (c.statute.law_id.as_str(), c.by))
        .collect();
    assert_eq!(
        by,
        [
            ("415AC0000000057", ResolvedBy::Name),
            ("415AC0000000057", ResolvedBy::OwnAbbreviation)
        ]
    );
    // The help line gives the corrected citation in the document's digit style.
    assert_eq!(
        cs[0].corrected.as_deref(),
        Some("個人情報保護法第２７条（第三者提供の制限）")
    );
    // 法第３３条（開示）: right.
    assert!(cs[1].problem.is_none());

    let corpus = Corpus::load(&[fixture("rules/Y311/fire")]).unwrap();
    let cs = citations(&corpus, &corpus.statutes, 0);
    let same = cs.iter().find(|c| c.by == ResolvedBy::Same).expect("同法");
    assert_eq!(same.statute.title, "消費者契約法");

    // A misspelled title or law number: the help gives the citation written right.
    let corpus = Corpus::load(&[fixture("rules/Y314/fire")]).unwrap();
    let fixes: Vec<Option<String>> = citations(&corpus, &corpus.statutes, 0)
        .into_iter()
        .map(|c| c.corrected)
        .collect();
    assert_eq!(
        fixes,
        [
            Some("電気通信事業法（昭和５９年法律第８６号）第４条".to_string()),
            Some("個人情報の保護に関する法律（平成１５年法律第５７号）第２７条".to_string()),
        ]
    );

    // A caption with a slip (等 left out) is the article's own: no finding.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("terms.txt");
    std::fs::write(
        &f,
        "会員規約\n\n第１条（免責）\n当社は、消費者契約法第８条（事業者の損害賠償の責任を免除する条項の無効）に反する定めを置きません。\n",
    )
    .unwrap();
    let corpus = Corpus::load(&[f]).unwrap();
    let cs = citations(&corpus, &corpus.statutes, 0);
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].problem, None);

    // Kanji numerals are answered in kanji.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("policy.txt");
    std::fs::write(
        &f,
        "個人データ取扱規程\n\n第一条（提供）\n当社は、個人情報の保護に関する法律第二十三条（第三者提供の制限）の規定を守る。\n",
    )
    .unwrap();
    let corpus = Corpus::load(&[f]).unwrap();
    let cs = citations(&corpus, &corpus.statutes, 0);
    assert_eq!(
        cs[0].corrected.as_deref(),
        Some("個人情報の保護に関する法律第二十七条（第三者提供の制限）")
    );
}

#[test]
fn the_manifest_adds_statutes_from_egov_xml() {
    let dir = fixture("statutes/user");
    let corpus = Corpus::load(std::slice::from_ref(&dir)).unwrap();
    let s = corpus
        .statutes
        .by_name("見本取扱法")
        .expect("the user's statute by its abbreviation");
    assert_eq!(s.title, "見本の取扱いに関する法律");
    assert_eq!(corpus.statutes.statutes.len(), 29);
    let found: Vec<(String, String)> = lint(&corpus)
        .iter()
        .filter(|d| d.code.starts_with("Y31"))
        .map(|d| {
            let doc = &corpus.docs[d.finding.doc];
            (
                d.code.to_string(),
                doc.source.text[d.finding.range.clone()].to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Y311".to_string(), "見本取扱法第９条".to_string()),
            ("Y312".to_string(), "見本取扱法第２条".to_string()),
        ]
    );
    // A missing file is a clear error naming it.
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("a.txt"),
        "規約\n\n第１条（目的）\n本規約を定める。\n",
    )
    .unwrap();
    std::fs::write(
        bad.path().join("yakkan.yaml"),
        "documents:\n  - path: a.txt\nstatutes: [gone.xml]\n",
    )
    .unwrap();
    let err = Corpus::load(&[bad.path().to_path_buf()])
        .err()
        .expect("an error");
    let msg = err.to_string();
    assert!(
        msg.contains("gone.xml") && msg.contains("cannot read"),
        "{msg}"
    );
}

#[test]
fn explain_texts_name_the_revision() {
    for code in ["Y311", "Y312", "Y313", "Y314"] {
        let r = yakkan::lint::find_rule(code).unwrap();
        assert!(
            r.meta().explain().contains("as in force on 2025-05-28"),
            "{code}"
        );
        assert!(
            r.meta().explain().contains("aluqas/gitlaw-jp@41be026"),
            "{code}"
        );
    }
    assert!(statutes::SHIPPED_REVISION.contains("2025-05-28"));
    let list = statutes::listing(&Table::default(), false);
    assert_eq!(list.lines().count(), 29);
    assert!(list.contains("平成十五年法律第五十七号  個人情報の保護に関する法律（個人情報保護法）  185 articles  as in force on 2025-05-28"));
}

/// What the real corpus gives: (documents, citations resolved, findings as
/// "file code 「span」 message").
fn run_corpus(files: &[PathBuf]) -> (usize, Vec<String>) {
    let per: Vec<(usize, Vec<String>)> = files
        .par_iter()
        .map(|f| {
            let corpus = Corpus::load(std::slice::from_ref(f)).unwrap();
            let resolved = citations(&corpus, &corpus.statutes, 0).len();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let found = citations(&corpus, &corpus.statutes, 0)
                .into_iter()
                .filter(|c| c.problem.is_some() || c.misspelling.is_some())
                .map(|c| {
                    let r = &corpus.docs[0].references[c.reference];
                    format!(
                        "{name} {} 「{}」 {:?} {:?}",
                        r.path, r.text, c.problem, c.misspelling
                    )
                })
                .collect();
            (resolved, found)
        })
        .collect();
    let resolved = per.iter().map(|p| p.0).sum();
    let mut found: Vec<String> = per.into_iter().flat_map(|p| p.1).collect();
    found.sort();
    (resolved, found)
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn every_finding_on_the_real_corpus_is_genuine() {
    let Some(corpus) = shared("corpus") else {
        return;
    };
    let mut files: Vec<PathBuf> = files_in(&corpus.join("tos/txt"), "txt");
    files.extend(files_in(&corpus.join("tos/raw"), "md"));
    files.extend(files_in(&corpus.join("laws/txt"), "txt"));
    files.extend(files_in(&corpus.join("laws-wide/txt"), "txt"));
    assert_eq!(files.len(), 16 + 16 + 30 + 150);
    // Only files that name a shipped statute can cite one (a cheap filter that keeps the
    // test fast: parsing every statute is not needed).
    let names: Vec<String> = statutes::shipped()
        .iter()
        .flat_map(|s| std::iter::once(s.short_title().to_string()).chain(s.abbrevs.clone()))
        .collect();
    files.retain(|f| {
        std::fs::read_to_string(f).is_ok_and(|t| names.iter().any(|n| t.contains(n.as_str())))
    });
    println!("{} files name a shipped statute", files.len());
    let (terms, statutes_files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|f| f.to_string_lossy().contains("/tos/"));
    let (terms_resolved, mut found) = run_corpus(&terms);
    println!("terms documents: {terms_resolved} statute citations resolved and checked");
    // 会社法第３０９条第２項, 労基法第12条, 労働基準法第32条の3, 著作権法第27条 … in the
    // terms documents (txt and raw) all resolve.
    assert!(terms_resolved >= 20, "{terms_resolved}");
    let (mut resolved, more) = run_corpus(&statutes_files);
    println!("statutes: {resolved} statute citations resolved and checked");
    found.extend(more);
    resolved += terms_resolved;
    // The shipped corpus, linked as one.
    let clauses = Corpus::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses")]).unwrap();
    resolved += (0..clauses.docs.len())
        .map(|d| citations(&clauses, &clauses.statutes, d).len())
        .sum::<usize>();
    for d in 0..clauses.docs.len() {
        found.extend(
            citations(&clauses, &clauses.statutes, d)
                .into_iter()
                .filter(|c| c.problem.is_some() || c.misspelling.is_some())
                .map(|c| format!("clauses {:?} {:?}", c.problem, c.misspelling)),
        );
    }
    println!("resolved statute citations: {resolved}");
    for f in &found {
        println!("{f}");
    }
    // Reviewed one by one against the statutes as in force on 2025-05-28 (see the
    // comments): each is a citation that no longer fits the current text.
    let genuine: &[&str] = &[];
    assert_eq!(found, genuine);
    assert!(resolved > 0);
}

#[test]
fn the_statutes_command_lists_the_tables() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(["statutes", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 28);
    let civil = list.iter().find(|s| s["title"] == "民法").unwrap();
    assert_eq!(civil["revision"], "as in force on 2025-05-28");
    assert_eq!(civil["articles"], 1167);
    // With a corpus, its own statutes are listed beside the shipped ones.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("statutes")
        .arg(fixture("statutes/user"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "令和九年法律第一号  見本の取扱いに関する法律（見本取扱法）  3 articles  as given in"
        ),
        "{text}"
    );
    // A corpus whose statute is missing: exit 2, the file named.
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("a.txt"),
        "規約\n\n第１条（目的）\n本規約を定める。\n",
    )
    .unwrap();
    std::fs::write(
        bad.path().join("yakkan.yaml"),
        "documents:\n  - path: a.txt\nstatutes: [broken.xml]\n",
    )
    .unwrap();
    std::fs::write(bad.path().join("broken.xml"), "<Law><LawBody>").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("check")
        .arg(bad.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.xml"), "{err}");
}
