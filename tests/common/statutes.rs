//! A parsed statute against its official structure (`laws/truth/<LawID>.json`, read from
//! the official XML): every main-provision article with its exact number, paragraph
//! count, item count and sub-item count (all levels); the number of 附則 and the articles
//! of each; and no provision left unplaced. Shared by `real_statutes.rs` (the e-Gov text)
//! and `lawtext_layout.rs` (the Lawtext layout of the same statutes).

use serde_json::Value;
use std::path::Path;
use yakkan::model::{Provision, ProvisionKind};
use yakkan::Document;

/// (num, paragraphs, items, sub-items) of one article.
pub type Shape = (String, usize, usize, usize);

pub fn shape(article: &Provision) -> Shape {
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
    (
        article.num.to_string(),
        paragraphs.len(),
        items.len(),
        subitems,
    )
}

/// Every article below these provisions, in order.
pub fn articles(provisions: &[Provision]) -> Vec<&Provision> {
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

/// The differences between one parsed statute and its truth file, as lines (`id` names
/// the statute in them).
pub fn compare_to_truth(id: &str, truth: &Path, doc: &Document) -> Vec<String> {
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(truth).expect("truth")).expect("truth json");
    let title = truth["law_title"].as_str().unwrap_or_default();
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
