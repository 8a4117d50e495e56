//! Y104 `mixed-numbering-style`: the rule's text is the doc comment of [`MixedNumberingStyle`].

use super::*;
use crate::lint::facts::Facts;

/// How an article or paragraph number is written.
fn digit_style(label: &str) -> Option<NumeralClass> {
    numeral_run(label, false).map(|(_, c)| c).filter(|c| {
        matches!(
            c,
            NumeralClass::Ascii | NumeralClass::FullWidth | NumeralClass::Kanji
        )
    })
}

fn style_name(c: NumeralClass) -> &'static str {
    match c {
        NumeralClass::Ascii => "half-width digits",
        NumeralClass::FullWidth => "full-width digits",
        NumeralClass::Kanji => "kanji numerals",
        _ => "another form",
    }
}

/// Occurrences of one style in a document, in order.
struct Tally<'a, K> {
    styles: BTreeMap<K, Vec<&'a Provision>>,
    first: Vec<K>,
}

impl<'a, K: Ord + Clone> Tally<'a, K> {
    fn new() -> Self {
        Tally {
            styles: BTreeMap::new(),
            first: Vec::new(),
        }
    }

    fn add(&mut self, k: K, p: &'a Provision) {
        let v = self.styles.entry(k.clone()).or_default();
        if v.is_empty() {
            self.first.push(k);
        }
        v.push(p);
    }

    /// The document's style (the most used; on a tie, the first written) and the others.
    fn split(&self) -> Option<(&K, Vec<Occurrences<'_, 'a, K>>)> {
        if self.styles.len() < 2 {
            return None;
        }
        let rank = |k: &K| self.first.iter().position(|f| f == k).unwrap_or(usize::MAX);
        let main = self
            .styles
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(rank(b.0).cmp(&rank(a.0))))?
            .0;
        let others = self.styles.iter().filter(|(k, _)| *k != main).collect();
        Some((main, others))
    }
}

/// The typesetting convention 第１条 … 第９条, 第10条 …: one digit full-width, two or more
/// half-width. A document that follows it throughout is consistent.
fn width_by_digit_count(tally: &Tally<'_, NumeralClass>) -> bool {
    let digits =
        |p: &Provision| numeral_run(&p.label, false).map_or(0, |(r, _)| p.label[r].chars().count());
    tally
        .styles
        .keys()
        .all(|k| matches!(k, NumeralClass::Ascii | NumeralClass::FullWidth))
        && tally
            .styles
            .get(&NumeralClass::FullWidth)
            .is_some_and(|v| v.iter().all(|p| digits(p) == 1))
        && tally
            .styles
            .get(&NumeralClass::Ascii)
            .is_some_and(|v| v.iter().all(|p| digits(p) >= 2))
}

declare_rule! {
    /// ## What it does
    /// Finds labels written in a style different from the rest of the document: article numbers in half-width digits (第1条), full-width digits (第１条) or kanji (第一条) mixed; paragraph numbers of two widths (2 beside ２); item labels of one level in two bracket forms ((1) beside （１）). The minority style is reported, each occurrence. A statute that writes every number in kanji is consistent.
    ///
    /// ## Why is this bad?
    /// Mixed label styles are a sign of text pasted from another version or document; they make search and comparison unreliable and look careless in a published document.
    ///
    /// ## Example
    ///     第１条（目的）
    ///     …
    ///     第2条（定義）
    ///
    /// Use instead:
    ///     第１条（目的）
    ///     …
    ///     第２条（定義）
    pub struct MixedNumberingStyle;
    static MIXED_NUMBERING_STYLE = ("Y104", "mixed-numbering-style", Warning, "第1条 beside 第１条, （１） beside (1) in one document");
}

/// A label written in another style than most of its siblings: the label, its style,
/// the style most use (with how many do, and one of them), how many share its style.
enum Mixed<'a> {
    Article {
        label: &'a str,
        style: &'static str,
        main: &'static str,
        main_n: usize,
        example: &'a str,
        others: usize,
        fixed: String,
    },
    Paragraph {
        label: &'a str,
        style: &'static str,
        main: &'static str,
        main_n: usize,
        others: usize,
        fixed: String,
    },
    Item {
        label: &'a str,
        example: &'a str,
        main_n: usize,
        others: usize,
        variant: String,
    },
}

impl Mixed<'_> {
    fn note(&self) -> String {
        match self {
            Mixed::Article { style, main, main_n, example, others, .. } => {
                format!("{main_n} article labels use {main} (「{example}」), {others} use {style}")
            }
            Mixed::Paragraph { style, main, main_n, others, .. } => {
                format!("{main_n} paragraph labels use {main}, {others} use {style}")
            }
            Mixed::Item { example, main_n, others, variant, .. } => format!(
                "{main_n} labels at this level are written like 「{example}」, {others} like 「{variant}」"
            ),
        }
    }
}

impl Violation for Mixed<'_> {
    fn message(&self) -> String {
        match self {
            Mixed::Article { label, style, main, .. } => format!(
                "article label 「{label}」 is written with {style}; this document numbers articles with {main}"
            ),
            Mixed::Paragraph { label, style, main, .. } => format!(
                "paragraph number 「{label}」 is written with {style}; this document numbers paragraphs with {main}"
            ),
            Mixed::Item { label, example, .. } => format!(
                "item label 「{label}」 is written differently from the other labels at its level (「{example}」)"
            ),
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            Mixed::Article { fixed, .. } | Mixed::Paragraph { fixed, .. } => {
                format!("write 「{fixed}」")
            }
            Mixed::Item { example, .. } => format!("write it like 「{example}」"),
        })
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        let mut articles: Tally<NumeralClass> = Tally::new();
        let mut paragraphs: Tally<NumeralClass> = Tally::new();
        // (item depth, form) → written variant.
        let mut items: BTreeMap<(usize, String), Tally<String>> = BTreeMap::new();
        let mut last_range: Option<Range<usize>> = None;
        let roots = doc.provisions.iter().chain(doc.suppl.iter());
        let mut stack: Vec<(&Provision, usize)> = roots.rev().map(|p| (p, 0)).collect();
        while let Some((p, depth)) = stack.pop() {
            let labelled = !p.label.trim().is_empty() && !p.label_range().is_empty();
            let is_item = matches!(p.kind, ProvisionKind::Item | ProvisionKind::Subitem);
            match p.kind {
                // Articles deleted as a range share one label: count it once.
                ProvisionKind::Article if last_range.as_ref() != Some(&p.label_range()) => {
                    last_range = Some(p.label_range());
                    if let Some(s) = digit_style(&p.label) {
                        articles.add(s, p);
                    }
                }
                ProvisionKind::Paragraph if labelled => {
                    if let Some(s) = digit_style(&p.label).filter(|s| *s != NumeralClass::Kanji) {
                        paragraphs.add(s, p);
                    }
                }
                ProvisionKind::Item | ProvisionKind::Subitem if labelled => {
                    items
                        .entry((depth, label_form(&p.label)))
                        .or_insert_with(Tally::new)
                        .add(item_variant(&p.label), p);
                }
                _ => {}
            }
            let child_depth = if is_item { depth + 1 } else { depth };
            stack.extend(p.children.iter().rev().map(|c| (c, child_depth)));
        }
        let mut report = |p: &Provision, mixed: Mixed<'_>| {
            out.push(Finding::of(d, p.label_range(), &p.path, &mixed).note(mixed.note()));
        };
        if let Some((main, others)) = articles
            .split()
            .filter(|_| !width_by_digit_count(&articles))
        {
            let main_n = articles.styles.get(main).map_or(0, Vec::len);
            let example = articles
                .styles
                .get(main)
                .and_then(|v| v.first())
                .map_or("", |p| p.label.as_str());
            for (k, ps) in others {
                for p in ps {
                    let mixed = Mixed::Article {
                        label: &p.label,
                        style: style_name(*k),
                        main: style_name(*main),
                        main_n,
                        example,
                        others: ps.len(),
                        fixed: restyle(&p.label, *main),
                    };
                    report(p, mixed);
                }
            }
        }
        if let Some((main, others)) = paragraphs
            .split()
            .filter(|_| !width_by_digit_count(&paragraphs))
        {
            let main_n = paragraphs.styles.get(main).map_or(0, Vec::len);
            for (k, ps) in others {
                for p in ps {
                    let mixed = Mixed::Paragraph {
                        label: p.label.trim(),
                        style: style_name(*k),
                        main: style_name(*main),
                        main_n,
                        others: ps.len(),
                        fixed: restyle(&p.label, *main),
                    };
                    report(p, mixed);
                }
            }
        }
        for tally in items.values() {
            let Some((main, others)) = tally.split() else {
                continue;
            };
            let main_n = tally.styles.get(main).map_or(0, Vec::len);
            let example = tally
                .styles
                .get(main)
                .and_then(|v| v.first())
                .map_or("", |p| p.label.trim());
            for (k, ps) in others {
                for p in ps {
                    let mixed = Mixed::Item {
                        label: p.label.trim(),
                        example,
                        main_n,
                        others: ps.len(),
                        variant: k.to_string(),
                    };
                    report(p, mixed);
                }
            }
        }
    }
}
