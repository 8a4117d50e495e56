//! Y402 `precedence-cycle`: the rule's text is the doc comment of [`PrecedenceCycle`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds precedence statements that go round in a circle: A prevails over B, B over C, and C over A.
    ///
    /// ## Why is this bad?
    /// A circular order orders nothing; every conflict between the documents is open.
    ///
    /// ## Example
    ///     約款 > 仕様書, 仕様書 > 個別条件書, 個別条件書 > 約款
    ///
    /// Use instead: one linear order, highest first.
    pub struct PrecedenceCycle;
    static PRECEDENCE_CYCLE = ("Y402", "precedence-cycle", Error, "A over B over C over A");
}

violation! {
    /// The documents of a circle of precedence statements, in the order they are stated.
    struct Circle { cycle: Vec<String> }

    fn message(&self) -> String {
        format!(
            "the precedence statements go round in a circle: {}",
            self.cycle.join(" > ")
        )
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    // For each edge a→b, a path b→…→a of length ≥ 2 closes a cycle of three or more.
    let mut reported: HashSet<Vec<usize>> = HashSet::new();
    for e in &corpus.edges {
        let Some(back) = stated_path(corpus, e.lower, e.higher) else {
            continue;
        };
        if back.len() < 2 {
            continue; // two documents both ways: Y401
        }
        let mut members: Vec<usize> = back.iter().map(|x| x.higher).collect();
        members.push(e.higher);
        members.sort_unstable();
        members.dedup();
        if !reported.insert(members) {
            continue;
        }
        let mut cycle = vec![doc_name(corpus, e.higher)];
        cycle.push(doc_name(corpus, e.lower));
        for x in &back {
            cycle.push(doc_name(corpus, x.lower));
        }
        let s = &corpus.docs[e.doc].precedence[e.statement];
        let mut f = Finding::of(e.doc, s.range.clone(), &s.path, &Circle { cycle });
        for x in &back {
            let t = &corpus.docs[x.doc].precedence[x.statement];
            f = f.label(x.doc, t.range.clone(), "part of the circle");
        }
        out.push(f.help("state one linear order, highest first"));
    }
}
