//! Y303 `invalid-relative-reference`: the rule's text is the doc comment of [`InvalidRelativeReference`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds relative references with nothing to point at: 前項 in the first paragraph of an article, 前条 in the first article, 次条 in the last, 前各号 where no items precede.
    ///
    /// ## Why is this bad?
    /// Such references appear when paragraphs are moved or merged; the reader cannot know which provision was meant.
    ///
    /// ## Example
    ///     第３条 前項の場合において…   (第３条 has no paragraph before this one)
    ///
    /// Use instead: cite the provision by its number (第２条第２項).
    pub struct InvalidRelativeReference;
    static INVALID_RELATIVE_REFERENCE = ("Y303", "invalid-relative-reference", Error, "前項 in a first paragraph, 次条 in the last article, 前各号 with no items");
    reads = [Heads];
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        let citer = Citer::new(facts.heads(d));
        for r in &doc.references {
            if let Some(why) = &r.relative_error {
                let nothing = NothingThere {
                    text: r.text.to_string(),
                    place: citer.cite(&r.path),
                };
                out.push(
                    Finding::of(d, r.range.clone(), &r.path, &nothing)
                        .note(why.clone())
                        .help("cite the provision by its number"),
                );
            }
        }
    }
}

violation! {
    /// A relative reference (前条, 同項 …) with nothing to refer to where it stands.
    struct NothingThere { text: String, place: String }

    fn message(&self) -> String {
        let NothingThere { text, place } = self;
        format!("{text} has nothing to refer to in {place}")
    }
}
