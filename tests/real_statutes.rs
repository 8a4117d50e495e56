//! Every statute in `../shared/corpus/laws/` and `../shared/corpus/laws-wide/` (e-Gov text
//! layout) parses to its official structure (`truth/`, read from the official XML): every
//! main-provision article with its exact number, paragraph count, item count and sub-item
//! count (all levels); the number of 附則 and the articles of each; and no main-provision
//! article inside a 附則.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use yakkan::SourceFile;

fn corpus(name: &str) -> Option<PathBuf> {
    common::shared_corpus(name, "the statute comparison")
}

/// The differences between one statute and its truth, as lines.
fn compare(dir: &Path, f: &Path) -> Vec<String> {
    let id = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let doc = yakkan::parse_text_source(Arc::new(SourceFile::load(f).expect("load")));
    common::statutes::compare_to_truth(id, &dir.join(format!("truth/{id}.json")), &doc)
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
