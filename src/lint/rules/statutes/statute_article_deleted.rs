//! Y312 `statute-article-deleted`: the rule's text is the doc comment of [`StatuteArticleDeleted`].

use super::*;
use crate::lint::facts::Facts;

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
    reads = [Citations];
}

violation! {
    /// A citation of a 削除 article: the citation, the article, the statute.
    struct Deleted { text: String, article: String, title: String }

    fn message(&self) -> String {
        let Deleted { text, article, title } = self;
        format!("{text}: {article} of {title} is deleted (削除)")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, c) in all_citations(facts) {
        let Some(Problem::Deleted { num }) = &c.problem else {
            continue;
        };
        let style = style_of(corpus, d, c);
        let r = &corpus.docs[d].references[c.reference];
        let deleted = Deleted {
            text: r.text.to_string(),
            article: article_label(num, style),
            title: c.statute.short_title().to_string(),
        };
        out.push(
            finding(corpus, d, c, &deleted)
                .help("cite the provision that took over the rule, or drop the citation"),
        );
    }
}
