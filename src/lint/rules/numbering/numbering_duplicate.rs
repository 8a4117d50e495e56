//! Y102 `numbering-duplicate`: the rule's text is the doc comment of [`NumberingDuplicate`].

use super::*;

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
}

fn check(corpus: &Corpus, out: &mut Findings) {
    for (d, doc) in corpus.docs.iter().enumerate() {
        for g in groups(doc) {
            let kana = kana_order(&g);
            for e in events(&g) {
                let Event::Duplicate(a, b) = e else { continue };
                let (pa, pb) = (g.members[a].p, g.members[b].p);
                let message = format!(
                    "{}{} is numbered twice{}",
                    g.level.noun(false),
                    shown(&g, b, kana, false),
                    scope_suffix(&g)
                );
                out.push(
                    Finding::new(d, pb.label_range.clone(), &pb.path, message)
                        .label(d, pa.label_range.clone(), "first used here")
                        .note(format!("line {} already has this number", doc.source.line_index(pa.label_range.start.min(doc.source.text.len())) + 1))
                        .help("renumber one of them (a provision inserted after another can take a branch number such as 第５条の２)"),
                );
            }
        }
    }
}
