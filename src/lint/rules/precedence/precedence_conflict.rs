//! Y401 `precedence-conflict`: the rule's text is the doc comment of [`PrecedenceConflict`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds two precedence statements that order the same two documents in opposite ways.
    ///
    /// ## Why is this bad?
    /// When the documents conflict, neither prevails: the clause that was meant to settle conflicts settles nothing.
    ///
    /// ## Example
    ///     約款:   本約款と仕様書に齟齬がある場合、本約款が優先されます。
    ///     仕様書: 本仕様書と約款に齟齬がある場合、本仕様書が優先されます。
    ///
    /// Use instead: state the order once, in the document that governs the others.
    pub struct PrecedenceConflict;
    static PRECEDENCE_CONFLICT = ("Y401", "precedence-conflict", Error, "two precedence statements that order the same pair both ways");
}

violation! {
    /// Two statements that order two documents both ways: the order stated here, and where
    /// (document and provision) the opposite one is.
    struct Opposite { higher: String, lower: String, other: String }

    fn message(&self) -> String {
        let Opposite { higher, lower, other } = self;
        format!("{higher} is put above {lower} here, but {other} puts it below")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    // (higher, lower) → the first edge that states it
    let mut first: HashMap<(usize, usize), &PrecedenceEdge> = HashMap::new();
    let mut reported = HashSet::new();
    for e in &corpus.edges {
        first.entry((e.higher, e.lower)).or_insert(e);
        if let Some(f) = first.get(&(e.lower, e.higher)) {
            let pair = (e.higher.min(e.lower), e.higher.max(e.lower));
            if !reported.insert(pair) {
                continue;
            }
            let s = &corpus.docs[e.doc].precedence[e.statement];
            let t = &corpus.docs[f.doc].precedence[f.statement];
            let opposite = Opposite {
                higher: doc_name(corpus, e.higher),
                lower: doc_name(corpus, e.lower),
                other: format!("{} {}", doc_name(corpus, f.doc), t.path),
            };
            out.push(
                Finding::of(e.doc, s.range.clone(), &s.path, &opposite)
                    .label(f.doc, t.range.clone(), "the opposite order")
                    .help("state the order once, in the document that governs the others"),
            );
        }
    }
}
