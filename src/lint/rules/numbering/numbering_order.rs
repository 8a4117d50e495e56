//! Y103 `numbering-order`: the rule's text is the doc comment of [`NumberingOrder`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a number lower than the sibling before it: 第５条 after 第６条, paragraph ２ after ３, item （１） after （２） in one list.
    ///
    /// ## Why is this bad?
    /// Provisions out of order are usually the result of moving text without renumbering; references and the reader's sense of the structure both go wrong.
    ///
    /// ## Example
    ///     第６条（禁止事項）
    ///     …
    ///     第５条（利用停止）
    ///
    /// Use instead:
    ///     第５条（禁止事項）
    ///     …
    ///     第６条（利用停止）
    pub struct NumberingOrder;
    static NUMBERING_ORDER = ("Y103", "numbering-order", Error, "numbers that go backwards");
    reads = [Groups, Events];
}

violation! {
    /// A number lower than the sibling before it.
    struct Backward {
        noun: &'static str,
        label: String,
        /// The higher number before it.
        before: String,
        scope: String,
    }

    fn message(&self) -> String {
        let Backward { noun, label, before, scope } = self;
        format!("{noun}{label} comes after {before}{scope}")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let _corpus = facts.corpus;
    each_pair(facts, |d, _, g, kana, e| {
        let &Event::Backward(a, b) = e else { return };
        let (pa, pb) = (g.members[a].p, g.members[b].p);
        let backward = Backward {
            noun: g.level.noun(false),
            label: shown(g, b, kana, false),
            before: shown(g, a, kana, true),
            scope: scope_suffix(g),
        };
        out.push(
            Finding::of(d, pb.label_range(), &pb.path, &backward)
                .label(d, pa.label_range(), "the higher number before it")
                .help(
                    "put the provisions in order, or renumber them (and every reference to them)",
                ),
        );
    });
}
