//! Y102 `numbering-duplicate`: the rule's text is the doc comment of [`NumberingDuplicate`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a number used twice among siblings at one level: two 第５条 in the main provisions, two paragraphs ２ in one article, two items （３） in one paragraph.
    ///
    /// ## Why is this bad?
    /// A reference to 第５条 can no longer be resolved: the reader cannot tell which provision is meant, and neither can a court. It is usually a provision inserted without renumbering the ones after it.
    ///
    /// ## Example
    ///     第５条（保管データの管理）
    ///     …
    ///     第５条（バックアップ）
    ///
    /// Use instead:
    ///     第５条（保管データの管理）
    ///     …
    ///     第５条の２（バックアップ）
    pub struct NumberingDuplicate;
    static NUMBERING_DUPLICATE = ("Y102", "numbering-duplicate", Error, "the same number twice at one level");
    reads = [Groups, Events];
}

violation! {
    /// A number its siblings already have.
    struct Duplicate {
        noun: &'static str,
        /// The number as the second sibling shows it.
        label: String,
        scope: String,
    }

    fn message(&self) -> String {
        let Duplicate { noun, label, scope } = self;
        format!("{noun}{label} is numbered twice{scope}")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let _corpus = facts.corpus;
    each_pair(facts, |d, doc, g, kana, e| {
        let &Event::Duplicate(a, b) = e else { return };
        let (pa, pb) = (g.members[a].p, g.members[b].p);
        let duplicate = Duplicate {
            noun: g.level.noun(false),
            label: shown(g, b, kana, false),
            scope: scope_suffix(g),
        };
        out.push(
            Finding::of(d, pb.label_range(), &pb.path, &duplicate)
                .label(d, pa.label_range(), "first used here")
                .note(format!("line {} already has this number", doc.source.line_index(pa.label_range().start.min(doc.source.text.len())) + 1))
                .help("renumber one of them (a provision inserted after another can take a branch number such as 第５条の２)"),
        );
    });
}
