//! Y301 `dangling-reference`: the rule's text is the doc comment of [`DanglingReference`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds references such as 第２０条 or 第８条第４項 to provisions the document does not have.
    ///
    /// ## Why is this bad?
    /// A dangling reference is usually left over from renumbering: the rule it meant to invoke silently no longer applies.
    ///
    /// ## Example
    ///     第１５条の規定に従い…   (the document ends at 第１４条)
    ///
    /// Use instead: point at the provision that now holds the rule.
    pub struct DanglingReference;
    static DANGLING_REFERENCE = ("Y301", "dangling-reference", Error, "a reference to a 条/項/号 that does not exist in this document");
    reads = [Heads];
}

violation! {
    /// A reference to a provision the document does not have.
    struct Dangling { text: String }

    fn message(&self) -> String {
        format!("{} does not exist in this document", self.text)
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        let citer = Citer::new(facts.heads(d));
        for (ri, r) in doc.references.iter().enumerate() {
            if corpus.ref_targets[d][ri] != RefTarget::Own
                || r.resolved != Some(false)
                || r.relative_error.is_some()
                || r.target.is_empty()
            {
                continue;
            }
            let dangling = Dangling {
                text: r.text.to_string(),
            };
            let mut f = Finding::of(d, r.range.clone(), &r.path, &dangling);
            if let Some(n) =
                nearest_existing(&citer, &r.target).or_else(|| article_span(doc, &citer, &r.target))
            {
                f = f.note(n);
            }
            out.push(f.help("point the reference at the provision that holds the rule"));
        }
    }
}
