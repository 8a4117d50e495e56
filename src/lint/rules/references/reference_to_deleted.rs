//! Y307 `reference-to-deleted`: the rule's text is the doc comment of [`ReferenceToDeleted`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds references to articles whose text is 削除 (deleted).
    ///
    /// ## Why is this bad?
    /// The cited rule no longer exists; the citing provision has lost its content.
    ///
    /// ## Example
    ///     第４条の規定により…   (第４条　削除)
    ///
    /// Use instead: cite the provision that took over the rule, or drop the reference.
    pub struct ReferenceToDeleted;
    static REFERENCE_TO_DELETED = ("Y307", "reference-to-deleted", Error, "a reference to an article marked 削除");
    reads = [Paths];
}

violation! {
    /// A reference to a 削除 article, or (`article`) to a provision of one.
    struct ToDeleted { text: String, article: Option<String> }

    fn message(&self) -> String {
        let text = &self.text;
        match &self.article {
            None => format!("{text} cites an article that is deleted (削除)"),
            Some(article) => format!("{text} cites {article}, which is deleted (削除)"),
        }
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let index = facts.paths();
    for (d, doc) in corpus.docs.iter().enumerate() {
        for (ri, r) in doc.references.iter().enumerate() {
            let Some(article) = article_path(&r.target) else {
                continue;
            };
            let Some((x, _)) = target_of(corpus, index, d, ri) else {
                continue;
            };
            let Some(a) = index[x].get(article.as_str()) else {
                continue;
            };
            if a.kind == ProvisionKind::Article && a.is_deleted() {
                let deleted = ToDeleted {
                    text: r.text.to_string(),
                    article: (r.target != article)
                        .then(|| format!("{}{}", r.document.as_deref().unwrap_or(""), a.label)),
                };
                out.push(
                    Finding::of(d, r.range.clone(), &r.path, &deleted)
                        .label(x, a.label_range(), "deleted here")
                        .help("cite the provision that took over the rule, or drop the reference"),
                );
            }
        }
    }
}
