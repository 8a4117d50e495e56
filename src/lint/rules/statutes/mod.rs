//! Statute citation rules (Y31x): citations of statutes checked against their official
//! structure (the shipped tables, or the manifest's `statutes:`) — an article, paragraph
//! or item that does not exist, an article that is 削除, a caption that is another
//! article's (renumbered since), a misspelled title or law number.

mod statute_article_deleted;
mod statute_caption_mismatch;
mod statute_name_misspelled;
mod statute_provision_missing;

use crate::corpus::Corpus;
use crate::lint::facts::cite::{Citation, DigitStyle, Misspelling, Problem};
use crate::lint::facts::Facts;
use crate::lint::{Finding, Findings, Rule, Violation};
pub use statute_article_deleted::StatuteArticleDeleted;
pub use statute_caption_mismatch::StatuteCaptionMismatch;
pub use statute_name_misspelled::StatuteNameMisspelled;
pub use statute_provision_missing::StatuteProvisionMissing;

pub(super) const RULES: &[&dyn Rule] = &[
    &StatuteProvisionMissing,
    &StatuteArticleDeleted,
    &StatuteCaptionMismatch,
    &StatuteNameMisspelled,
];

/// Every resolved statute citation of the corpus: (document, citation), computed once a
/// document (`Facts::citations`).
fn all_citations<'f, 'c>(
    facts: &'f Facts<'c>,
) -> impl Iterator<Item = (usize, &'f Citation<'c>)> + use<'f, 'c> {
    (0..facts.corpus.docs.len()).flat_map(move |d| facts.citations(d).iter().map(move |c| (d, c)))
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

/// The finding of a violation at a citation, with the revision it was checked against and,
/// where the citation has a correction, the help to cite that.
fn finding(corpus: &Corpus, d: usize, c: &Citation<'_>, violation: &impl Violation) -> Finding {
    let r = &corpus.docs[d].references[c.reference];
    let mut f = Finding::of(d, r.range.clone(), &r.path, violation).note(revision_note(c));
    if let Some(fix) = &c.corrected {
        f = f.help(format!("cite {fix}"));
    }
    f
}
