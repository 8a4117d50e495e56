//! Definitions read by hand from statutes of `../shared/corpus/laws-wide/` (the list is
//! `tests/fixtures/definitions-handchecked.yaml`: statute, provision path, term and, where
//! the long form is certain, its meaning). yakkan must find at least 95% of them with the
//! right path, give the exact meaning for at least 90% of those with a meaning, and keep
//! its precision on the listed provisions (every definition of each listed provision is
//! in the list) no lower than before this list existed: 143 of 144 (99.3%).

use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use yakkan::SourceFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checked {
    law: String,
    path: String,
    term: String,
    #[serde(default)]
    meaning: Option<String>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn handchecked_statute_definitions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/laws-wide/txt");
    if !dir.is_dir() {
        eprintln!(
            "NOTICE: {} not found; skipping the hand-checked definitions",
            dir.display()
        );
        return;
    }
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/definitions-handchecked.yaml"),
    )
    .expect("list");
    let checked: Vec<Checked> = serde_yaml::from_str(&list).expect("yaml");
    assert!(checked.len() >= 150, "the list holds {}", checked.len());
    let mut by_law: BTreeMap<&str, Vec<&Checked>> = BTreeMap::new();
    for c in &checked {
        by_law.entry(c.law.as_str()).or_default().push(c);
    }
    assert!(by_law.len() >= 30, "spread over {} statutes", by_law.len());
    let (mut found, mut with_meaning, mut exact) = (0usize, 0usize, 0usize);
    let (mut listed_found, mut extracted) = (0usize, 0usize);
    let mut misses = Vec::new();
    let mut wrong = Vec::new();
    let mut extra = Vec::new();
    for (law, entries) in &by_law {
        let src = SourceFile::load(&dir.join(format!("{law}.txt"))).expect("load");
        let doc = yakkan::parse_text_source(Arc::new(src));
        for c in entries {
            let hits: Vec<_> = doc
                .definitions
                .iter()
                .filter(|d| d.path == c.path && squeeze(&d.term) == squeeze(&c.term))
                .collect();
            if hits.is_empty() {
                misses.push(format!("{law} {} {}", c.path, c.term));
                continue;
            }
            found += 1;
            if let Some(m) = &c.meaning {
                with_meaning += 1;
                if hits.iter().any(|d| squeeze(&d.meaning) == squeeze(m)) {
                    exact += 1;
                } else {
                    wrong.push(format!(
                        "{law} {} {}: {:?} (yakkan: {:?})",
                        c.path,
                        c.term,
                        m,
                        hits.iter().map(|d| d.meaning.as_str()).collect::<Vec<_>>()
                    ));
                }
            }
        }
        let paths: HashSet<&str> = entries.iter().map(|c| c.path.as_str()).collect();
        let listed: HashSet<(&str, String)> = entries
            .iter()
            .map(|c| (c.path.as_str(), squeeze(&c.term)))
            .collect();
        for d in doc
            .definitions
            .iter()
            .filter(|d| paths.contains(d.path.as_str()))
        {
            extracted += 1;
            if listed.contains(&(d.path.as_str(), squeeze(&d.term))) {
                listed_found += 1;
            } else {
                extra.push(format!("{law} {} {}", d.path, d.term));
            }
        }
    }
    let recall = found as f64 / checked.len() as f64;
    let meaning = exact as f64 / with_meaning.max(1) as f64;
    let precision = listed_found as f64 / extracted.max(1) as f64;
    eprintln!(
        "recall {found}/{} = {recall:.3}; meaning exact {exact}/{with_meaning} = {meaning:.3}; precision {listed_found}/{extracted} = {precision:.3}",
        checked.len()
    );
    assert!(recall >= 0.95, "recall {recall:.3}; missed: {misses:#?}");
    assert!(
        meaning >= 0.90,
        "meaning exact {meaning:.3}; wrong: {wrong:#?}"
    );
    assert!(
        precision >= 143.0 / 144.0,
        "precision {precision:.3}; not in the list: {extra:#?}"
    );
}
