//! Y313 `statute-caption-mismatch`: the rule's text is the doc comment of [`StatuteCaptionMismatch`].

use super::*;
use crate::lint::facts::Facts;

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
    reads = [Citations];
}

violation! {
    /// A cited caption that is not the article's: the citation, the caption written, the
    /// article's own (if any), the articles that have the written one, the statute.
    struct Mismatch { text: String, written: String, actual: Option<String>, elsewhere: Vec<String>, title: String }

    fn message(&self) -> String {
        let Mismatch { text, written, actual, elsewhere, title } = self;
        let now = match actual {
            Some(a) => format!("its caption is 「{a}」"),
            None => "it has no caption".to_string(),
        };
        match elsewhere.as_slice() {
            [one] => {
                format!("{text}: {now}; 「{written}」 is {one} of {title} since this revision")
            }
            [] => format!("{text}: {now}, not 「{written}」"),
            many => format!(
                "{text}: {now}; 「{written}」 is the caption of {} of {title}",
                many.join("、")
            ),
        }
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, c) in all_citations(facts) {
        let Some(Problem::Caption {
            written,
            actual,
            elsewhere,
        }) = &c.problem
        else {
            continue;
        };
        let style = style_of(corpus, d, c);
        let r = &corpus.docs[d].references[c.reference];
        let mismatch = Mismatch {
            text: r.text.to_string(),
            written: written.to_string(),
            actual: actual.as_ref().map(|a| a.to_string()),
            elsewhere: elsewhere.iter().map(|n| article_label(n, style)).collect(),
            title: c.statute.short_title().to_string(),
        };
        let mut f = finding(corpus, d, c, &mismatch);
        if c.corrected.is_none() {
            f = f.help("cite the article that has this caption now, or correct the caption");
        }
        out.push(f);
    }
}
