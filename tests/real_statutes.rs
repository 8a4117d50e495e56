//! Every statute in `../shared/corpus/laws/` and `../shared/corpus/laws-wide/` (e-Gov text
//! layout) parses to its official structure (`truth/`, read from the official XML): every
//! main-provision article with its exact number, paragraph count, item count and sub-item
//! count (all levels); the number of 附則 and the articles of each; and no main-provision
//! article inside a 附則.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use yakkan::model::{Provision, ProvisionKind};
use yakkan::SourceFile;

fn corpus(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "NOTICE: {} not found; skipping the statute comparison",
            p.display()
        );
        None
    }
}

/// (num, paragraphs, items, sub-items) of one article.
type Shape = (String, usize, usize, usize);

fn shape(article: &Provision) -> Shape {
    let paragraphs: Vec<&Provision> = article
        .children
        .iter()
        .filter(|c| c.kind == ProvisionKind::Paragraph)
        .collect();
    let items: Vec<&Provision> = paragraphs
        .iter()
        .flat_map(|q| q.children.iter())
        .filter(|c| c.kind == ProvisionKind::Item)
        .collect();
    let subitems = items
        .iter()
        .flat_map(|i| i.walk().skip(1))
        .filter(|c| c.kind == ProvisionKind::Subitem)
        .count();
    (article.num.clone(), paragraphs.len(), items.len(), subitems)
}

/// Every article below these provisions, in order.
fn articles(provisions: &[Provision]) -> Vec<&Provision> {
    let mut out = Vec::new();
    let mut stack: Vec<&Provision> = provisions.iter().rev().collect();
    while let Some(p) = stack.pop() {
        if p.kind == ProvisionKind::Article {
            out.push(p);
        } else {
            stack.extend(p.children.iter().rev());
        }
    }
    out
}

fn num(v: &Value) -> usize {
    v.as_u64().unwrap_or(0) as usize
}

/// The differences between one statute and its truth, as lines.
fn compare(dir: &Path, f: &Path) -> Vec<String> {
    let id = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("truth/{id}.json"))).expect("truth"),
    )
    .expect("truth json");
    let title = truth["law_title"].as_str().unwrap_or_default();
    let doc = yakkan::parse_text_source(Arc::new(SourceFile::load(f).expect("load")));
    let mut failures = Vec::new();
    let expected: Vec<Shape> = truth["main_articles"]
        .as_array()
        .expect("main_articles")
        .iter()
        .map(|a| {
            (
                a["num"].as_str().unwrap_or("").replace('_', "の"),
                num(&a["paragraph_count"]),
                num(&a["item_count"]),
                num(&a["subitem_count"]),
            )
        })
        .collect();
    let got: Vec<Shape> = articles(&doc.provisions).into_iter().map(shape).collect();
    if got != expected {
        let first = got
            .iter()
            .zip(&expected)
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(expected.len()));
        failures.push(format!(
            "{id} {title}: {} articles, expected {}; first difference at #{first}: got {:?}, expected {:?}",
            got.len(),
            expected.len(),
            got.get(first),
            expected.get(first)
        ));
    }
    let suppl = truth["suppl_provisions"].as_array().expect("suppl");
    if doc.suppl.len() != suppl.len() {
        failures.push(format!(
            "{id} {title}: {} 附則, expected {}",
            doc.suppl.len(),
            suppl.len()
        ));
    } else {
        for (i, (s, t)) in doc.suppl.iter().zip(suppl).enumerate() {
            let n = articles(std::slice::from_ref(s)).len();
            if n != num(&t["article_count"]) {
                failures.push(format!(
                    "{id} {title}: 附則 #{i} ({}) holds {n} articles, expected {}",
                    s.path, t["article_count"]
                ));
                break;
            }
        }
    }
    let unplaced = doc
        .all_provisions()
        .filter(|p| p.kind == ProvisionKind::Unplaced)
        .count();
    if unplaced > 0 {
        failures.push(format!("{id} {title}: {unplaced} unplaced provisions"));
    }
    failures
}

/// The statute texts of a corpus folder, in order.
fn statute_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("txt"))
        .expect("txt")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
}

fn check_corpus(name: &str, count: usize) {
    let Some(dir) = corpus(name) else { return };
    let files = statute_files(&dir);
    assert_eq!(files.len(), count, "{name} holds {count} statutes");
    let failures: Vec<String> = files.iter().flat_map(|f| compare(&dir, f)).collect();
    assert!(
        failures.is_empty(),
        "{} differences in {name}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_statute_in_laws_matches_its_official_structure() {
    check_corpus("laws", 30);
}

#[test]
fn every_statute_in_laws_wide_matches_its_official_structure() {
    check_corpus("laws-wide", 150);
}

/// Statutes in force are presumed correct: `check` on each of the 180, alone, gives no
/// error-level finding (issue #9's bar is at most 1 per 1,000 articles). Every one left
/// would be listed here with the reason it is genuine; today there is none. Each file is
/// linted as its own corpus, as `yakkan check FILE` does.
#[test]
fn statutes_in_force_get_no_error_level_finding() {
    use rayon::prelude::*;
    use yakkan::lint::{lint, Severity};
    // (file stem, rule, why it is genuine): none today.
    let reviewed: [(&str, &str, &str); 0] = [];
    for name in ["laws", "laws-wide"] {
        let Some(dir) = corpus(name) else { return };
        let files = statute_files(&dir);
        let found: Vec<String> = files
            .par_iter()
            .flat_map_iter(|f| {
                let corpus = yakkan::Corpus::load(std::slice::from_ref(f)).expect("load");
                let stem = f
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string();
                lint(&corpus)
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .filter(|d| {
                        !reviewed
                            .iter()
                            .any(|(s, code, _)| *s == stem && *code == d.code)
                    })
                    .map(|d| {
                        format!(
                            "{stem} {} [{}] {}",
                            d.code, d.finding.path, d.finding.message
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(
            found.is_empty(),
            "{name}: {} error-level findings:\n{}",
            found.len(),
            found.join("\n")
        );
    }
}
