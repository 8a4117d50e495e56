//! Y202 `unused-definition`: the rule's text is the doc comment of [`UnusedDefinition`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a defined term that is never used after its definition, within the scope the definition gives.
    ///
    /// ## Why is this bad?
    /// An unused definition is dead text: either the provisions that needed it were rewritten, or they still use the long form.
    ///
    /// ## Example
    ///     お客様の従業員（以下「従事者」）…   (従事者 never appears again)
    ///
    /// Use instead: remove the definition, or use the term where the long form is still written.
    pub struct UnusedDefinition;
    static UNUSED_DEFINITION = ("Y202", "unused-definition", Warning, "a defined term never used in its scope after its definition");
    reads = [Heads, Scopes, Paths];
}

violation! {
    /// A definition never used after it: the term, and the scope it is defined for.
    struct Unused { term: String, scope: Option<String> }

    fn message(&self) -> String {
        let term = &self.term;
        match &self.scope {
            Some(s) => {
                format!("「{term}」 is defined for {s} but never used there after its definition")
            }
            None => format!("「{term}」 is defined but never used after its definition"),
        }
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let outside = OutsideUses::new(corpus);
    for (d, doc) in corpus.docs.iter().enumerate() {
        let uses = uses_by_term(corpus, &corpus.uses[d]);
        let citer = Citer::new(facts.heads(d));
        let scopes = facts.scopes(d);
        let order = &facts.paths()[d];
        for (def, scope) in doc.definitions.iter().zip(scopes) {
            let key = name_key(&def.term);
            // One use in scope is enough: the rest are not looked at.
            let used = uses
                .get(key.as_str())
                .is_some_and(|v| v.iter().any(|u| in_scope(def, scope.as_deref(), order, u)));
            if !used && !is_self_abbreviation(def) && !outside.used_elsewhere(d, &key) {
                let unused = Unused {
                    term: def.term.to_string(),
                    scope: def.scope.as_deref().map(|s| citer.cite(s)),
                };
                out.push(Finding::of(d, def.range.clone(), &def.path, &unused).help(
                    "remove the definition, or use the term where the long form is still written",
                ));
            }
        }
    }
}
