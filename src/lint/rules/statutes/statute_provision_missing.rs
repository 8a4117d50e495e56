//! Y311 `statute-provision-missing`: the rule's text is the doc comment of [`StatuteProvisionMissing`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Resolves every statute citation — by the law number written with it, its title, an official abbreviation (個人情報保護法, 景表法) or one the document defines (（以下「法」という。）), and 同法 — and checks 第N条第M項第K号 against the statute's structure: the shipped tables of 28 statutes, as in force on 2025-05-28 (e-Gov 法令標準XML, aluqas/gitlaw-jp@41be026; `yakkan statutes` lists them), or the e-Gov XML given under `statutes:` in yakkan.yaml.
    ///
    /// ## Why is this bad?
    /// A citation of a provision that is not there sends the reader nowhere; usually the statute was renumbered (個人情報の保護に関する法律 in 2022) or the number is a slip.
    ///
    /// ## Example
    ///     個人情報保護法第１９０条に基づき   (its last article is 第百八十五条)
    ///
    /// Use instead: the article as numbered in the revision in force. Citations of a statute that is neither shipped nor given stay external and are not checked; citations in a statute's 附則 and of 改正前の / 旧 statutes cite the text as it was then and are not checked either.
    pub struct StatuteProvisionMissing;
    static STATUTE_PROVISION_MISSING = ("Y311", "statute-provision-missing", Error, "a citation of a statute's article, paragraph or item that does not exist in it");
    reads = [Citations];
}

/// A citation of a provision the statute does not have.
struct Missing {
    text: String,
    title: String,
    missing: Gone,
}

/// What is missing: an article (with the statute's last), a paragraph or an item (with
/// how many there are), as the document writes numbers.
enum Gone {
    Article { last: String },
    Paragraph { paragraph: String, count: usize },
    Item { item: String, count: u32 },
}

impl Violation for Missing {
    fn message(&self) -> String {
        let Missing { text, title, .. } = self;
        match &self.missing {
            Gone::Article { last } => {
                format!("{text}: {title} has no such article (its last article is {last})")
            }
            Gone::Paragraph { paragraph, count } => format!(
                "{text}: that article of {title} has {count} paragraph{}, not a 第{paragraph}項",
                if *count == 1 { "" } else { "s" }
            ),
            Gone::Item { item, count: 0 } => {
                format!("{text}: that paragraph of {title} has no items, so no 第{item}号")
            }
            Gone::Item { item, count } => {
                format!("{text}: that paragraph of {title} has {count} items, not a 第{item}号")
            }
        }
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, c) in all_citations(facts) {
        let style = style_of(corpus, d, c);
        let r = &corpus.docs[d].references[c.reference];
        let missing = match &c.problem {
            Some(Problem::NoArticle { last }) => Gone::Article {
                last: article_label(last, style),
            },
            Some(Problem::NoParagraph { paragraph, count }) => Gone::Paragraph {
                paragraph: style.write(*paragraph),
                count: *count,
            },
            Some(Problem::NoItem { item, count }) => Gone::Item {
                item: style.write(*item),
                count: *count,
            },
            _ => continue,
        };
        let missing = Missing {
            text: r.text.to_string(),
            title: c.statute.short_title().to_string(),
            missing,
        };
        out.push(
            finding(corpus, d, c, &missing)
                .help("cite the provision as numbered in the revision in force"),
        );
    }
}
