//! Reference rules (Y3xx): references to provisions that do not exist (in this document
//! or another), relative references with nothing to point at, captions that do not match,
//! self-references, unknown documents and references to deleted articles.

mod dangling_external_reference;
mod dangling_reference;
mod invalid_relative_reference;
mod reference_caption_mismatch;
mod reference_to_deleted;
mod self_reference;
mod unknown_document;

use crate::corpus::{Corpus, RefTarget};
use crate::extract::definitions::article_path;
use crate::extract::definitions::paragraph_path;
use crate::lint::facts::PathMap;
use crate::lint::{Finding, Findings, Rule};
use crate::model::{Document, Provision, ProvisionKind, Reference};
use crate::text::name_key;
pub use dangling_external_reference::DanglingExternalReference;
pub use dangling_reference::DanglingReference;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
pub use invalid_relative_reference::InvalidRelativeReference;
pub use reference_caption_mismatch::ReferenceCaptionMismatch;
pub use reference_to_deleted::ReferenceToDeleted;
pub use self_reference::SelfReference;
pub use unknown_document::UnknownDocument;

pub(super) const RULES: &[&dyn Rule] = &[
    &DanglingReference,
    &DanglingExternalReference,
    &InvalidRelativeReference,
    &ReferenceCaptionMismatch,
    &SelfReference,
    &UnknownDocument,
    &ReferenceToDeleted,
];

/// Path → provision, for every document.
/// The provision a reference leads to: (document, provision).
fn target_of<'a>(
    corpus: &Corpus,
    index: &[PathMap<'a>],
    d: usize,
    ri: usize,
) -> Option<(usize, &'a Provision)> {
    let r = &corpus.docs[d].references[ri];
    if r.resolved != Some(true) {
        return None;
    }
    let docs: Vec<usize> = match &corpus.ref_targets[d][ri] {
        RefTarget::Own => vec![d],
        RefTarget::Documents(ds) => ds.clone(),
        _ => return None,
    };
    docs.into_iter()
        .find_map(|x| index[x].get(r.target.as_str()).map(|p| (x, p)))
}

/// How the document writes the articles of the part a target lies in: "第１条 … 第１４条"
/// for the main provisions, "附則第１条 … 附則第３条" for a 附則.
fn article_span(doc: &Document, citer: &Citer<'_>, target: &str) -> Option<String> {
    let part = &target[..target.find('第').unwrap_or(target.len())];
    let articles: Vec<&Provision> = if part.is_empty() {
        doc.provisions.iter().flat_map(|p| p.walk()).collect()
    } else {
        doc.suppl
            .iter()
            .filter(|s| s.path == part)
            .flat_map(|p| p.walk())
            .collect()
    };
    let articles: Vec<&Provision> = articles
        .into_iter()
        .filter(|p| p.kind == ProvisionKind::Article)
        .collect();
    let (whose, cite) = if part.is_empty() {
        (
            "its",
            articles
                .iter()
                .map(|a| a.label.to_string())
                .collect::<Vec<_>>(),
        )
    } else {
        (
            "the 附則's",
            articles.iter().map(|a| citer.cite(&a.path)).collect(),
        )
    };
    match (cite.first(), cite.last()) {
        (Some(a), Some(b)) if cite.len() > 1 => {
            Some(format!("{whose} articles run from {a} to {b}"))
        }
        (Some(a), _) => Some(format!("{whose} only article is {a}")),
        _ if doc.suppl.iter().any(|s| s.path == part) => {
            Some("the 附則 has no articles".to_string())
        }
        _ if !part.is_empty() => Some("the document has no 附則".to_string()),
        _ => None,
    }
}

/// What exists under the article a missing target names (第８条 has 2 paragraphs,
/// 第３条 has 2 items).
fn nearest_existing(citer: &Citer<'_>, target: &str) -> Option<String> {
    let article = article_path(target)?;
    let a = citer.heads.get(article.as_str())?;
    if target == article {
        return None;
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if target.contains('号') {
        let paragraph = paragraph_path(target).unwrap_or_else(|| format!("{article}第1項"));
        if let Some(q) = a.children.iter().find(|c| c.path == paragraph) {
            let items = q
                .children
                .iter()
                .filter(|c| c.kind == ProvisionKind::Item)
                .count();
            return Some(format!(
                "{} has {}",
                citer.cite(&paragraph),
                plural(items, "item")
            ));
        }
    }
    let paragraphs = a
        .children
        .iter()
        .filter(|c| c.kind == ProvisionKind::Paragraph)
        .count();
    Some(format!(
        "{} has {}",
        citer.cite(&article),
        plural(paragraphs, "paragraph")
    ))
}

/// Writes a path the way the document cites it: 第4条第1項第3号 → 第４条第３号 (the article
/// or section label as written, digits in its style, 第1項 dropped when there is only one
/// paragraph), so that messages speak the document's own words.
pub(super) struct Citer<'a> {
    heads: &'a PathMap<'a>,
}

#[derive(Clone, Copy)]
enum DigitStyle {
    Ascii,
    FullWidth,
    Kanji,
}

impl<'a> Citer<'a> {
    /// A citer over a document's heads (`Facts::heads`).
    pub(super) fn new(heads: &'a PathMap<'a>) -> Citer<'a> {
        Citer { heads }
    }

    /// The cited form of a path whose article (or section) exists, even if the path
    /// below it does not: 第2条第3項 → 第２条第３項.
    pub(super) fn cite_existing_head(&self, path: &str) -> Option<String> {
        let head = article_path(path)?;
        self.heads
            .contains_key(head.as_str())
            .then(|| self.cite(path))
    }

    pub(super) fn cite(&self, path: &str) -> String {
        let head = article_path(path)
            .unwrap_or_else(|| path[..path.find('第').unwrap_or(path.len())].to_string());
        let Some(p) = self.heads.get(head.as_str()) else {
            return path.to_string();
        };
        let mut rest = &path[head.len()..];
        let paragraphs = p
            .children
            .iter()
            .filter(|c| c.kind == ProvisionKind::Paragraph)
            .count();
        if paragraphs <= 1 {
            rest = rest.strip_prefix("第1項").unwrap_or(rest);
        }
        let label = p.label.trim();
        let style = if label.chars().any(crate::text::is_full_width_digit) {
            DigitStyle::FullWidth
        } else if !label.chars().any(|c| c.is_ascii_digit())
            && label.chars().any(|c| "一二三四五六七八九十".contains(c))
        {
            DigitStyle::Kanji
        } else {
            DigitStyle::Ascii
        };
        let prefix = match (head.strip_prefix("附則"), p.kind) {
            (Some(_), ProvisionKind::Article) if !label.starts_with("附則") => "附則",
            _ => "",
        };
        if label.is_empty() {
            return path.to_string();
        }
        format!("{prefix}{label}{}", restyle(rest, style))
    }
}

/// ASCII digits rewritten in a digit style.
fn restyle(s: &str, style: DigitStyle) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.is_empty() {
            return;
        }
        match (style, digits.parse::<u32>()) {
            (DigitStyle::Kanji, Ok(n)) if (1..10000).contains(&n) => out.push_str(&kanji(n)),
            (DigitStyle::FullWidth, _) => out.extend(
                digits
                    .chars()
                    .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32)),
            ),
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// 1..9999 in kanji numerals: 12 → 十二, 305 → 三百五.
fn kanji(n: u32) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let mut out = String::new();
    for (unit, value) in [('千', 1000), ('百', 100), ('十', 10)] {
        let q = (n / value % 10) as usize;
        if q > 0 {
            if q > 1 {
                out.push(D[q]);
            }
            out.push(unit);
        }
    }
    let ones = (n % 10) as usize;
    if ones > 0 {
        out.push(D[ones]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_in_the_document_style() {
        assert_eq!(kanji(12), "十二");
        assert_eq!(kanji(305), "三百五");
        assert_eq!(kanji(1000), "千");
        assert_eq!(
            restyle("第1項第12号", DigitStyle::FullWidth),
            "第１項第１２号"
        );
        assert_eq!(restyle("第2項第3号イ", DigitStyle::Kanji), "第二項第三号イ");
        assert_eq!(restyle("第2項", DigitStyle::Ascii), "第2項");
    }
}
