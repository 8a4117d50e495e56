//! Y502 `value-conflict`: the rule's text is the doc comment of [`ValueConflict`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Compares provisions with the same caption in different documents — 第７条（利用期間） in the terms and 第３条（利用期間） in the individual conditions — and finds different periods (1年間 / ２年間), notice periods (１ヵ月前 / ３ヵ月前), deadlines (翌月末日 / 当月末日) or amounts. The note says which document prevails and the statement that makes it prevail.
    ///
    /// ## Why is this bad?
    /// The customer reads one number, the operations team another; the precedence clause decides, but only a reader who finds both knows that the other text is dead.
    ///
    /// ## Example
    ///     約款 第７条（利用期間）   …サービス開始日から１年間とし…
    ///     個別条件書 第３条（利用期間） …サービス開始日から２年間とする。
    ///
    /// Use instead: align the two, or make the individual conditions say that they depart from the terms on purpose.
    pub struct ValueConflict;
    static VALUE_CONFLICT = ("Y502", "value-conflict", Warning, "provisions on the same topic (same normalised caption) in two documents with different periods, deadlines, notice periods or amounts (1年間 vs ２年間); the note says which prevails");
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for c in conflicts(corpus).iter().filter(|c| c.code == "Y502") {
        report(corpus, c, out);
    }
}
