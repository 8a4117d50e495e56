//! Every statute in `../shared/corpus/laws/` (e-Gov text layout) parses to its official
//! structure (`truth/`): every main-provision article with its exact number, paragraph
//! count and item count, and the number of 附則.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use yakkan::model::{Provision, ProvisionKind};
use yakkan::SourceFile;

fn laws() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/laws");
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

/// (num, paragraphs, items) of every main-provision article, in order.
fn articles(provisions: &[Provision]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Provision> = provisions.iter().rev().collect();
    while let Some(p) = stack.pop() {
        if p.kind == ProvisionKind::Article {
            let paragraphs: Vec<&Provision> = p
                .children
                .iter()
                .filter(|c| c.kind == ProvisionKind::Paragraph)
                .collect();
            let items = paragraphs
                .iter()
                .flat_map(|q| q.children.iter())
                .filter(|c| c.kind == ProvisionKind::Item)
                .count();
            out.push((p.num.clone(), paragraphs.len(), items));
        } else {
            stack.extend(p.children.iter().rev());
        }
    }
    out
}

#[test]
fn every_statute_matches_its_official_structure() {
    let Some(dir) = laws() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("txt"))
        .expect("txt")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert_eq!(files.len(), 30, "the corpus holds 30 statutes");
    let mut failures = Vec::new();
    for f in &files {
        let id = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("truth/{id}.json"))).expect("truth"),
        )
        .expect("truth json");
        let doc = yakkan::parse_text_source(Arc::new(SourceFile::load(f).expect("load")));
        let expected: Vec<(String, usize, usize)> = truth["main_articles"]
            .as_array()
            .expect("main_articles")
            .iter()
            .map(|a| {
                (
                    a["num"].as_str().unwrap_or("").replace('_', "の"),
                    a["paragraph_count"].as_u64().unwrap_or(0) as usize,
                    a["item_count"].as_u64().unwrap_or(0) as usize,
                )
            })
            .collect();
        let got = articles(&doc.provisions);
        if got != expected {
            let first = got
                .iter()
                .zip(&expected)
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(expected.len()));
            failures.push(format!(
                "{id} {}: {} articles, expected {}; first difference at #{first}: got {:?}, expected {:?}",
                truth["law_title"],
                got.len(),
                expected.len(),
                got.get(first),
                expected.get(first)
            ));
        }
        let suppl = truth["counts"]["suppl_provisions"].as_u64().unwrap_or(0) as usize;
        if doc.suppl.len() != suppl {
            failures.push(format!("{id}: {} 附則, expected {suppl}", doc.suppl.len()));
        }
        let unplaced = doc
            .all_provisions()
            .filter(|p| p.kind == ProvisionKind::Unplaced)
            .count();
        if unplaced > 0 {
            failures.push(format!("{id}: {unplaced} unplaced provisions"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 30 statutes differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
