//! Y405 `unordered-conflict`: the rule's text is the doc comment of [`UnorderedConflict`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a conflict between two documents — a term defined differently (Y501) or a different period, deadline or amount on the same topic (Y502) — where neither the documents nor the manifest say which prevails.
    ///
    /// ## Why is this bad?
    /// With no order, the conflict is open: the customer may rely on whichever reading suits them.
    ///
    /// ## Example
    ///     約款 第７条（利用期間）１年間 / 個別条件書 第３条（利用期間）２年間, no precedence statement
    ///
    /// Use instead: state which document prevails (「…と…に齟齬がある場合、…が優先されます。」) or remove the conflict.
    pub struct UnorderedConflict;
    static UNORDERED_CONFLICT = ("Y405", "unordered-conflict", Error, "two documents conflict (Y501/Y502) and no precedence orders them");
}

violation! {
    /// A conflict between two documents that no precedence orders: the two names and what
    /// differs.
    struct Unordered { here: String, other: String, what: String }

    fn message(&self) -> String {
        let Unordered { here, other, what } = self;
        format!("{here} and {other} conflict ({what}) and nothing says which prevails")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for c in conflicts(corpus) {
        let Conflict { a, b, .. } = &c;
        if order(corpus, a.doc, b.doc).is_some() {
            continue;
        }
        // Reported where Y502/Y501 report an unordered conflict: at the second side.
        let what = c.describe(b, a);
        let unordered = Unordered {
            here: doc_name(corpus, b.doc),
            other: doc_name(corpus, a.doc),
            what,
        };
        out.push(
            Finding::of(b.doc, b.range.clone(), &b.path, &unordered)
                .label(
                    a.doc,
                    a.range.clone(),
                    format!("the other side, in {} {}", doc_name(corpus, a.doc), a.path),
                )
                .help("state which document prevails, or remove the conflict"),
        );
    }
}
