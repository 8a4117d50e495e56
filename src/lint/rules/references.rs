//! Reference rules (Y3xx): references to provisions that do not exist (in this document
//! or another), relative references with nothing to point at, captions that do not match,
//! self-references, unknown documents and references to deleted articles.

use crate::corpus::{Corpus, RefTarget};
use crate::extract::definitions::article_path;
use crate::extract::definitions::paragraph_path;
use crate::lint::{Finding, Findings, Rule, RuleMeta};
use crate::model::{Document, Provision, ProvisionKind, Reference};
use crate::text::name_key;
use std::collections::{HashMap, HashSet};

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
fn path_index(corpus: &Corpus) -> Vec<HashMap<&str, &Provision>> {
    corpus
        .docs
        .iter()
        .map(|d| d.all_provisions().map(|p| (p.path.as_str(), p)).collect())
        .collect()
}

/// The provision a reference leads to: (document, provision).
fn target_of<'a>(
    corpus: &Corpus,
    index: &[HashMap<&str, &'a Provision>],
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
        .find_map(|x| index[x].get(r.target.as_str()).map(|p| (x, *p)))
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
            articles.iter().map(|a| a.label.clone()).collect::<Vec<_>>(),
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
    heads: HashMap<&'a str, &'a Provision>,
}

#[derive(Clone, Copy)]
enum DigitStyle {
    Ascii,
    FullWidth,
    Kanji,
}

impl<'a> Citer<'a> {
    pub(super) fn new(doc: &'a Document) -> Citer<'a> {
        let heads = doc
            .all_provisions()
            .filter(|p| {
                matches!(
                    p.kind,
                    ProvisionKind::Article | ProvisionKind::Section | ProvisionKind::Suppl
                )
            })
            .map(|p| (p.path.as_str(), p))
            .collect();
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

// ---------------------------------------------------------------------------------

/// Y301: a reference to a 条/項/号 that does not exist in this document.
pub struct DanglingReference;
rule_meta!(DANGLING_REFERENCE, "Y301", "dangling-reference", Error,
    "a reference to a 条/項/号 that does not exist in this document",
    "## What it does\nFinds references such as 第２０条 or 第８条第４項 to provisions the document does not have.\n\n## Why is this bad?\nA dangling reference is usually left over from renumbering: the rule it meant to invoke silently no longer applies.\n\n## Example\n    第１５条の規定に従い…   (the document ends at 第１４条)\n\nUse instead: point at the provision that now holds the rule.\n");

impl Rule for DanglingReference {
    fn meta(&self) -> &'static RuleMeta {
        &DANGLING_REFERENCE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let citer = Citer::new(doc);
            for (ri, r) in doc.references.iter().enumerate() {
                if corpus.ref_targets[d][ri] != RefTarget::Own
                    || r.resolved != Some(false)
                    || r.relative_error.is_some()
                    || r.target.is_empty()
                {
                    continue;
                }
                let mut f = Finding::new(
                    d,
                    r.range.clone(),
                    &r.path,
                    format!("{} does not exist in this document", r.text),
                );
                if let Some(n) = nearest_existing(&citer, &r.target)
                    .or_else(|| article_span(doc, &citer, &r.target))
                {
                    f = f.note(n);
                }
                out.push(f.help("point the reference at the provision that holds the rule"));
            }
        }
    }
}

// ---------------------------------------------------------------------------------

/// Y302: a reference into another corpus document whose target does not exist there.
pub struct DanglingExternalReference;
rule_meta!(DANGLING_EXTERNAL_REFERENCE, "Y302", "dangling-external-reference", Error,
    "a reference into another corpus document (基本約款第８条第３項) whose target does not exist there",
    "## What it does\nFinds references into another document of the corpus — 基本約款第８条第３項 — whose target that document does not have.\n\n## Why is this bad?\nWhen the base terms are revised, the terms and specs that cite them by number are not; the cited rule is gone or moved.\n\n## Example\n    基本約款第８条第４項の規定にかかわらず   (基本約款第８条 has three paragraphs)\n\nUse instead: cite the provision that holds the rule in the current base terms.\n");

impl Rule for DanglingExternalReference {
    fn meta(&self) -> &'static RuleMeta {
        &DANGLING_EXTERNAL_REFERENCE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let citers: Vec<Citer<'_>> = corpus.docs.iter().map(Citer::new).collect();
        for (d, doc) in corpus.docs.iter().enumerate() {
            for (ri, r) in doc.references.iter().enumerate() {
                let RefTarget::Documents(ds) = &corpus.ref_targets[d][ri] else {
                    continue;
                };
                if r.resolved != Some(false) {
                    continue;
                }
                let names: Vec<String> = ds
                    .iter()
                    .map(|&x| format!("{} ({})", corpus.docs[x].title, corpus.docs[x].id))
                    .collect();
                let mut f = Finding::new(
                    d,
                    r.range.clone(),
                    &r.path,
                    format!(
                        "{} does not exist: {} has no {}",
                        r.text,
                        r.document.as_deref().unwrap_or(""),
                        ds.first()
                            .and_then(|&x| citers[x].cite_existing_head(&r.target))
                            .unwrap_or_else(|| written_target(r).to_string())
                    ),
                )
                .note(format!(
                    "{} names {}",
                    r.document.as_deref().unwrap_or(""),
                    names.join(", ")
                ));
                if let Some(&x) = ds.first() {
                    if let Some(n) = nearest_existing(&citers[x], &r.target)
                        .or_else(|| article_span(&corpus.docs[x], &citers[x], &r.target))
                    {
                        f = f.note(n);
                    }
                }
                out.push(f.help("cite the provision that holds the rule in the current version of that document"));
            }
        }
    }
}

/// The target as written, without the document name.
fn written_target(r: &Reference) -> &str {
    match &r.document {
        Some(d) => r
            .text
            .strip_prefix(d.as_str())
            .unwrap_or(&r.text)
            .trim_start_matches(|c: char| c != '第'),
        None => &r.text,
    }
}

// ---------------------------------------------------------------------------------

/// Y303: 前項 in a first paragraph, 次条 in the last article, 前各号 with no items.
pub struct InvalidRelativeReference;
rule_meta!(INVALID_RELATIVE_REFERENCE, "Y303", "invalid-relative-reference", Error,
    "前項 in a first paragraph, 次条 in the last article, 前各号 with no items",
    "## What it does\nFinds relative references with nothing to point at: 前項 in the first paragraph of an article, 前条 in the first article, 次条 in the last, 前各号 where no items precede.\n\n## Why is this bad?\nSuch references appear when paragraphs are moved or merged; the reader cannot know which provision was meant.\n\n## Example\n    第３条 前項の場合において…   (第３条 has no paragraph before this one)\n\nUse instead: cite the provision by its number (第２条第２項).\n");

impl Rule for InvalidRelativeReference {
    fn meta(&self) -> &'static RuleMeta {
        &INVALID_RELATIVE_REFERENCE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let citer = Citer::new(doc);
            for r in &doc.references {
                if let Some(why) = &r.relative_error {
                    out.push(
                        Finding::new(
                            d,
                            r.range.clone(),
                            &r.path,
                            format!(
                                "{} has nothing to refer to in {}",
                                r.text,
                                citer.cite(&r.path)
                            ),
                        )
                        .note(why.clone())
                        .help("cite the provision by its number"),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------

/// Y304: 基本約款第２条（約款の変更） where that article's caption differs.
pub struct ReferenceCaptionMismatch;
rule_meta!(REFERENCE_CAPTION_MISMATCH, "Y304", "reference-caption-mismatch", Error,
    "基本約款第２条（約款の変更） where that article's caption differs",
    "## What it does\nCompares the caption written after a reference — 基本約款第２条（約款の変更） — with the caption of the article it points at.\n\n## Why is this bad?\nA caption that no longer matches means the number or the caption is stale; the reader cannot tell which one the drafter meant.\n\n## Example\n    基本約款第３条（約款の変更）   (基本約款第３条 is （適用範囲）)\n\nUse instead: fix the number (基本約款第２条（約款の変更）) or the caption.\n");

impl Rule for ReferenceCaptionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &REFERENCE_CAPTION_MISMATCH
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let index = path_index(corpus);
        for (d, doc) in corpus.docs.iter().enumerate() {
            for (ri, r) in doc.references.iter().enumerate() {
                let Some(written) = &r.caption else { continue };
                let Some((x, target)) = target_of(corpus, &index, d, ri) else {
                    continue;
                };
                if target.kind != ProvisionKind::Article {
                    continue;
                }
                let Some(actual) = &target.caption else {
                    continue;
                };
                if name_key(actual) == name_key(written) {
                    continue;
                }
                // Where is the written caption really? (the article may have moved)
                let moved = corpus.docs[x].all_provisions().find(|p| {
                    p.kind == ProvisionKind::Article
                        && p.caption
                            .as_deref()
                            .is_some_and(|c| name_key(c) == name_key(written))
                });
                let mut f = Finding::new(
                    d,
                    r.range.clone(),
                    &r.path,
                    format!(
                        "{}（{}）: that article is captioned （{}）",
                        r.text, written, actual
                    ),
                )
                .label(x, target.label_range.clone(), format!("（{actual}）"));
                f = match moved {
                    Some(m) => {
                        let cited = format!("{}{}", r.document.as_deref().unwrap_or(""), m.label);
                        f.help(format!("（{written}） is {cited}: cite {cited}"))
                    }
                    None => f.help(format!(
                        "write （{actual}）, or cite the article that is captioned （{written}）"
                    )),
                };
                out.push(f);
            }
        }
    }
}

// ---------------------------------------------------------------------------------

/// Y305: 第５条 written inside 第５条.
pub struct SelfReference;
rule_meta!(SELF_REFERENCE, "Y305", "self-reference", Info,
    "第５条 written inside 第５条 (本条 is meant)",
    "## What it does\nFinds an article that cites itself by number: 第５条第１項 written inside 第５条.\n\n## Why is this bad?\nWhen the article is renumbered the self-citation goes stale; 本条 or 前項 / 次項 stay right.\n\n## Example\n    第５条第１項の規定にかかわらず…   (inside 第５条)\n\nUse instead:\n    前項の規定にかかわらず…\n");

impl Rule for SelfReference {
    fn meta(&self) -> &'static RuleMeta {
        &SELF_REFERENCE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let index = path_index(corpus);
        for (d, doc) in corpus.docs.iter().enumerate() {
            let citer = Citer::new(doc);
            let mut sentences = crate::lint::sentences::Sentences::new(doc);
            let provisions = &index[d];
            for (ri, r) in doc.references.iter().enumerate() {
                if corpus.ref_targets[d][ri] != RefTarget::Own
                    || r.relative.is_some()
                    || r.document.is_some()
                    || !r.text.contains('条')
                {
                    continue;
                }
                let (Some(here), Some(there)) = (article_path(&r.path), article_path(&r.target))
                else {
                    continue;
                };
                if here != there {
                    continue;
                }
                if let Some(p) = provisions.get(r.path.as_str()) {
                    if intended_self_citation(&mut sentences, p, r) {
                        continue;
                    }
                }
                let help = if r.target == here {
                    "write 本条".to_string()
                } else {
                    "write 本条, 前項 or 次項 instead of the article's own number".to_string()
                };
                out.push(
                    Finding::new(
                        d,
                        r.range.clone(),
                        &r.path,
                        format!("{} is cited inside {} itself", r.text, citer.cite(&here)),
                    )
                    .help(help),
                );
            }
        }
    }
}

/// An article citing itself on purpose: 本第２条 (本条 written with the number),
/// 第３条(a)(1) (a sub-part of the article, which has no relative form), or a list of
/// provisions that survive the contract (「第11条、第12条、本条…の各規定は、本契約の終了後も
/// 存続する」), where the article names itself among the others.
fn intended_self_citation<'a>(
    sentences: &mut crate::lint::sentences::Sentences<'a>,
    p: &Provision,
    r: &'a Reference,
) -> bool {
    let text = &p.text;
    let (Some(before), Some(after)) =
        (text.get(..r.text_range.start), text.get(r.text_range.end..))
    else {
        return false;
    };
    if before.ends_with('本') {
        return true;
    }
    if sub_part_label(after) {
        return true;
    }
    let sentence = sentences.sentence(&r.path, text, r.text_range.start);
    let survives = sentences.holds(
        &r.path,
        text,
        &sentence,
        &["存続", "終了後も", "終了した後も", "効力を有"],
    );
    survives && sentences.references_in(&r.path, &sentence) >= 2
}

/// (a), （１）, (ii), (A): the label of a sub-part written right after a reference.
fn sub_part_label(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(['(', '（']) else {
        return false;
    };
    let Some(end) = rest.find([')', '）']) else {
        return false;
    };
    let label = &rest[..end];
    let n = label.chars().count();
    let alnum = |c: char| {
        c.is_ascii_alphanumeric()
            || crate::text::is_full_width_digit(c)
            || ('Ａ'..='Ｚ').contains(&c)
            || ('ａ'..='ｚ').contains(&c)
    };
    (1..=4).contains(&n) && label.chars().all(alnum)
        || n == 1 && label.chars().all(crate::text::is_katakana)
}

// ---------------------------------------------------------------------------------

/// Y306: a document named in a reference that the corpus neither contains nor lists.
pub struct UnknownDocument;
rule_meta!(UNKNOWN_DOCUMENT, "Y306", "unknown-document", Info,
    "a document named in a reference that the corpus neither contains nor lists as external",
    "## What it does\nReports, once per document and name, a document named in a reference (基本約款第８条) that the corpus does not contain and the manifest's `external:` does not list. A statute cited with its law number — 電気通信事業法（昭和５９年法律第８６号） — is external by itself.\n\n## Why is this bad?\nReferences into a document yakkan cannot see are not checked: a renumbered base terms article would go unnoticed.\n\n## Example\n    基本約款第８条第３項の規定にかかわらず   (no base terms in the corpus)\n\nUse instead: add the base terms to `documents:` in yakkan.yaml, or list the name under `external:`.\n");

impl Rule for UnknownDocument {
    fn meta(&self) -> &'static RuleMeta {
        &UNKNOWN_DOCUMENT
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let unknown = |ri: usize| corpus.ref_targets[d][ri] == RefTarget::Unknown;
            let mut counts: HashMap<String, usize> = HashMap::new();
            for (ri, r) in doc.references.iter().enumerate() {
                if let Some(name) = r.document.as_deref().filter(|_| unknown(ri)) {
                    *counts.entry(name_key(name)).or_default() += 1;
                }
            }
            let mut reported = HashSet::new();
            for (ri, r) in doc.references.iter().enumerate() {
                if !unknown(ri) {
                    continue;
                }
                let Some(name) = &r.document else { continue };
                let key = name_key(name);
                let count = counts.get(&key).copied().unwrap_or(0);
                if !reported.insert(key) {
                    continue;
                }
                let range = r.document_range.clone().unwrap_or(r.range.clone());
                let mut f = Finding::new(d, range, &r.path, format!("「{name}」 is not a document of this corpus; references into it are not checked"));
                if count > 1 {
                    f = f.note(format!("{count} references name 「{name}」"));
                }
                let hint = if r.is_statute {
                    "cite the statute with its law number, or list it under `external:` in yakkan.yaml"
                } else {
                    "add the document to `documents:` in yakkan.yaml, or list the name under `external:`"
                };
                out.push(f.help(hint));
            }
        }
    }
}

// ---------------------------------------------------------------------------------

/// Y307: a reference to an article marked 削除.
pub struct ReferenceToDeleted;
rule_meta!(REFERENCE_TO_DELETED, "Y307", "reference-to-deleted", Error,
    "a reference to an article marked 削除",
    "## What it does\nFinds references to articles whose text is 削除 (deleted).\n\n## Why is this bad?\nThe cited rule no longer exists; the citing provision has lost its content.\n\n## Example\n    第４条の規定により…   (第４条　削除)\n\nUse instead: cite the provision that took over the rule, or drop the reference.\n");

impl Rule for ReferenceToDeleted {
    fn meta(&self) -> &'static RuleMeta {
        &REFERENCE_TO_DELETED
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let index = path_index(corpus);
        for (d, doc) in corpus.docs.iter().enumerate() {
            for (ri, r) in doc.references.iter().enumerate() {
                let Some(article) = article_path(&r.target) else {
                    continue;
                };
                let Some((x, _)) = target_of(corpus, &index, d, ri) else {
                    continue;
                };
                let Some(a) = index[x].get(article.as_str()) else {
                    continue;
                };
                if a.kind == ProvisionKind::Article && a.is_deleted() {
                    let message = if r.target == article {
                        format!("{} cites an article that is deleted (削除)", r.text)
                    } else {
                        format!(
                            "{} cites {}{}, which is deleted (削除)",
                            r.text,
                            r.document.as_deref().unwrap_or(""),
                            a.label
                        )
                    };
                    out.push(
                        Finding::new(d, r.range.clone(), &r.path, message)
                            .label(x, a.label_range.clone(), "deleted here")
                            .help(
                                "cite the provision that took over the rule, or drop the reference",
                            ),
                    );
                }
            }
        }
    }
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
