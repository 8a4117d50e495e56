//! Statute citation rules (Y31x): citations of statutes checked against their official
//! structure (the shipped tables, or the manifest's `statutes:`) — an article, paragraph
//! or item that does not exist, an article that is 削除, a caption that is another
//! article's (renumbered since), a misspelled title or law number.

use crate::corpus::Corpus;
use crate::lint::facts::cite::{citations, Citation, DigitStyle, Misspelling, Problem};
use crate::lint::{Finding, Findings, Rule, RuleMeta};

pub(super) const RULES: &[&dyn Rule] = &[
    &StatuteProvisionMissing,
    &StatuteArticleDeleted,
    &StatuteCaptionMismatch,
    &StatuteNameMisspelled,
];

/// Every resolved statute citation of the corpus: (document, citation).
fn all_citations(corpus: &Corpus) -> Vec<(usize, Citation<'_>)> {
    (0..corpus.docs.len())
        .flat_map(|d| {
            citations(corpus, &corpus.statutes, d)
                .into_iter()
                .map(move |c| (d, c))
        })
        .collect()
}

/// The note that says which revision a citation was checked against.
fn revision_note(c: &Citation<'_>) -> String {
    format!(
        "checked against {}（{}）, {}",
        c.statute.short_title(),
        c.statute.law_num,
        c.statute.revision
    )
}

/// An article number ("27", "38:84") as the document writes numbers.
fn article_label(num: &str, style: DigitStyle) -> String {
    match num.split_once(':') {
        Some((a, b)) => format!("{}から{}まで", style.article(a), style.article(b)),
        None => style.article(num),
    }
}

fn style_of(corpus: &Corpus, d: usize, c: &Citation<'_>) -> DigitStyle {
    let r = &corpus.docs[d].references[c.reference];
    let at = r.text.rfind(['）', ')']).map_or(0, |i| i + 1);
    DigitStyle::of(r.text.get(at..).unwrap_or(&r.text))
}

fn finding(corpus: &Corpus, d: usize, c: &Citation<'_>, message: String) -> Finding {
    let r = &corpus.docs[d].references[c.reference];
    let mut f = Finding::new(d, r.range.clone(), &r.path, message).note(revision_note(c));
    if let Some(fix) = &c.corrected {
        f = f.help(format!("cite {fix}"));
    }
    f
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Resolves every statute citation — by the law number written with it, its title, an official abbreviation (個人情報保護法, 景表法) or one the document defines (（以下「法」という。）), and 同法 — and checks 第N条第M項第K号 against the statute's structure: the shipped tables of 28 statutes, as in force on 2025-05-28 (e-Gov 法令標準XML, aluqas/gitlaw-jp@41be026; `yakkan statutes` lists them), or the e-Gov XML given under `statutes:` in yakkan.yaml.
    ///
    /// ## Why is this bad?
    /// A citation of a provision that is not there sends the reader nowhere; usually the statute was renumbered (個人情報の保護に関する法律 in 2022) or the number is a slip.
    ///
    /// ## Example
    ///     個人情報保護法第１９０条に基づき   (its last article is 第百八十五条)
    ///
    /// Use instead: the article as numbered in the revision in force. Citations of a statute that is neither shipped nor given stay external and are not checked; citations in a statute's 附則 and of 改正前の / 旧 statutes cite the text as it was then and are not checked either.
    pub struct StatuteProvisionMissing;
    static STATUTE_PROVISION_MISSING = ("Y311", "statute-provision-missing", Error, "a citation of a statute's article, paragraph or item that does not exist in it");
}

impl Rule for StatuteProvisionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &STATUTE_PROVISION_MISSING
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, c) in all_citations(corpus) {
            let style = style_of(corpus, d, &c);
            let r = &corpus.docs[d].references[c.reference];
            let title = c.statute.short_title();
            let message = match &c.problem {
                Some(Problem::NoArticle { last }) => format!(
                    "{}: {title} has no such article (its last article is {})",
                    r.text,
                    article_label(last, style)
                ),
                Some(Problem::NoParagraph { paragraph, count }) => format!(
                    "{}: that article of {title} has {count} paragraph{}, not a 第{}項",
                    r.text,
                    if *count == 1 { "" } else { "s" },
                    style.write(*paragraph)
                ),
                Some(Problem::NoItem { item, count: 0 }) => format!(
                    "{}: that paragraph of {title} has no items, so no 第{}号",
                    r.text,
                    style.write(*item)
                ),
                Some(Problem::NoItem { item, count }) => format!(
                    "{}: that paragraph of {title} has {count} items, not a 第{}号",
                    r.text,
                    style.write(*item)
                ),
                _ => continue,
            };
            out.push(
                finding(corpus, d, &c, message)
                    .help("cite the provision as numbered in the revision in force"),
            );
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds citations of statute articles that are 削除 in the revision checked against: the shipped tables (as in force on 2025-05-28, e-Gov 法令標準XML, aluqas/gitlaw-jp@41be026) mark ranges of deleted articles (民法第三十八条から第八十四条まで　削除); a statute given as e-Gov XML under `statutes:` marks every deleted article.
    ///
    /// ## Why is this bad?
    /// The cited rule no longer exists there: it was repealed or moved, and the clause that relies on it has lost its basis.
    ///
    /// ## Example
    ///     民法第５０条の規定により   (第三十八条から第八十四条まで　削除)
    ///
    /// Use instead: the provision that took over the rule, or drop the citation.
    pub struct StatuteArticleDeleted;
    static STATUTE_ARTICLE_DELETED = ("Y312", "statute-article-deleted", Error, "a citation of a statute's article that is deleted (削除)");
}

impl Rule for StatuteArticleDeleted {
    fn meta(&self) -> &'static RuleMeta {
        &STATUTE_ARTICLE_DELETED
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, c) in all_citations(corpus) {
            let Some(Problem::Deleted { num }) = &c.problem else {
                continue;
            };
            let style = style_of(corpus, d, &c);
            let r = &corpus.docs[d].references[c.reference];
            let message = format!(
                "{}: {} of {} is deleted (削除)",
                r.text,
                article_label(num, style),
                c.statute.short_title()
            );
            out.push(
                finding(corpus, d, &c, message)
                    .help("cite the provision that took over the rule, or drop the citation"),
            );
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Compares a caption written beside a statute citation — 個人情報保護法第２３条（第三者提供の制限） — with the caption of that article in the revision checked against (the shipped tables are as in force on 2025-05-28, e-Gov 法令標準XML, aluqas/gitlaw-jp@41be026). When another article has that caption now, the finding names it and the help line gives the citation in the document's own digit style.
    ///
    /// ## Why is this bad?
    /// Statutes are renumbered and citations are not: since the 2022 revision of 個人情報の保護に関する法律, 第２３条 is 安全管理措置 and 第三者提供の制限 is 第２７条. A policy that still cites 第２３条 points its reader at the wrong rule.
    ///
    /// ## Example
    ///     個人情報保護法第２３条（第三者提供の制限）に基づき
    ///
    /// Use instead:
    ///     個人情報保護法第２７条（第三者提供の制限）に基づき
    pub struct StatuteCaptionMismatch;
    static STATUTE_CAPTION_MISMATCH = ("Y313", "statute-caption-mismatch", Error, "a caption written beside a statute citation that differs from the article's caption (renumbered since)");
}

impl Rule for StatuteCaptionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &STATUTE_CAPTION_MISMATCH
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, c) in all_citations(corpus) {
            let Some(Problem::Caption {
                written,
                actual,
                elsewhere,
            }) = &c.problem
            else {
                continue;
            };
            let style = style_of(corpus, d, &c);
            let r = &corpus.docs[d].references[c.reference];
            let title = c.statute.short_title();
            let now = match actual {
                Some(a) => format!("its caption is 「{a}」"),
                None => "it has no caption".to_string(),
            };
            let message = match elsewhere.as_slice() {
                [one] => format!(
                    "{}: {now}; 「{written}」 is {} of {title} since this revision",
                    r.text,
                    article_label(one, style)
                ),
                [] => format!("{}: {now}, not 「{written}」", r.text),
                many => format!(
                    "{}: {now}; 「{written}」 is the caption of {} of {title}",
                    r.text,
                    many.iter()
                        .map(|n| article_label(n, style))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            };
            let mut f = finding(corpus, d, &c, message);
            if c.corrected.is_none() {
                f = f.help("cite the article that has this caption now, or correct the caption");
            }
            out.push(f);
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds a statute's title or abbreviation written one character off (two in a long title) from one in the statute tables (the shipped ones are as in force on 2025-05-28, e-Gov 法令標準XML, aluqas/gitlaw-jp@41be026), and a law number written with a title that is close to the statute's own. Short names are never matched loosely: 民法 and 商法, 保険法 and 保険業法 are different statutes.
    ///
    /// ## Why is this bad?
    /// A misspelled title names no statute: the reader cannot look it up, and a search for the citation finds nothing.
    ///
    /// ## Example
    ///     個人情報の保護に関する法（平成１５年法律第５７号）第２７条
    ///
    /// Use instead:
    ///     個人情報の保護に関する法律（平成１５年法律第５７号）第２７条
    pub struct StatuteNameMisspelled;
    static STATUTE_NAME_MISSPELLED = ("Y314", "statute-name-misspelled", Warning, "a statute title or law number that is a close match to a shipped or given statute, not an exact one");
}

impl Rule for StatuteNameMisspelled {
    fn meta(&self) -> &'static RuleMeta {
        &STATUTE_NAME_MISSPELLED
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let mut reported = std::collections::HashSet::new();
        for (d, c) in all_citations(corpus) {
            let r = &corpus.docs[d].references[c.reference];
            let (range, message) = match &c.misspelling {
                Some(Misspelling::Title {
                    written,
                    range,
                    correct,
                }) => (
                    range.clone(),
                    format!("「{written}」 is not the name of a statute; 「{correct}」 is meant"),
                ),
                Some(Misspelling::LawNumber {
                    written,
                    range,
                    correct,
                }) => (
                    range.clone(),
                    format!(
                        "{written} is not the law number of {}: it is {correct}",
                        c.statute.short_title()
                    ),
                ),
                None => continue,
            };
            if !reported.insert((d, range.start)) {
                continue;
            }
            let mut f = Finding::new(d, range, &r.path, message).note(revision_note(&c));
            if let Some(fix) = &c.corrected {
                f = f.help(format!("cite {fix}"));
            }
            out.push(f);
        }
    }
}
