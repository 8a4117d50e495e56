//! Y501 `definition-conflict`: the rule's text is the doc comment of [`DefinitionConflict`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a term that two documents of the corpus define with different meanings. The note says which definition prevails and which statement makes it prevail.
    ///
    /// ## Why is this bad?
    /// The same word means two things across the contract set; a provision that uses it may be read either way.
    ///
    /// ## Example
    ///     基本約款: 「契約者」とは、当社と利用契約を締結した者をいう。
    ///     約款:     契約者　本サービスの申込みを行った者
    ///
    /// Use instead: define the term once, in the base document, and use it everywhere.
    pub struct DefinitionConflict;
    static DEFINITION_CONFLICT = ("Y501", "definition-conflict", Warning, "one term defined differently in two documents; the note says which prevails");
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for c in conflicts(corpus).iter().filter(|c| c.code == "Y501") {
        report(corpus, c, out);
    }
}
