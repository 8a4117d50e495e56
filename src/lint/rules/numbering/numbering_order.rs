//! Y103 `numbering-order`: the rule's text is the doc comment of [`NumberingOrder`].

use super::*;

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
}

fn check(corpus: &Corpus, out: &mut Findings) {
    for (d, doc) in corpus.docs.iter().enumerate() {
        for g in groups(doc) {
            let kana = kana_order(&g);
            for e in events(&g) {
                let Event::Backward(a, b) = e else { continue };
                let (pa, pb) = (g.members[a].p, g.members[b].p);
                let message = format!(
                    "{}{} comes after {}{}",
                    g.level.noun(false),
                    shown(&g, b, kana, false),
                    shown(&g, a, kana, true),
                    scope_suffix(&g)
                );
                out.push(
                    Finding::new(d, pb.label_range.clone(), &pb.path, message)
                        .label(d, pa.label_range.clone(), "the higher number before it")
                        .help("put the provisions in order, or renumber them (and every reference to them)"),
                );
            }
        }
    }
}
