//! Y305 `self-reference`: the rule's text is the doc comment of [`SelfReference`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds an article that cites itself by number: 第５条第１項 written inside 第５条.
    ///
    /// ## Why is this bad?
    /// When the article is renumbered the self-citation goes stale; 本条 or 前項 / 次項 stay right.
    ///
    /// ## Example
    ///     第５条第１項の規定にかかわらず…   (inside 第５条)
    ///
    /// Use instead:
    ///     前項の規定にかかわらず…
    pub struct SelfReference;
    static SELF_REFERENCE = ("Y305", "self-reference", Info, "第５条 written inside 第５条 (本条 is meant)");
    reads = [Paths, Heads];
}

violation! {
    /// An article citing itself by number: the reference, the article, and whether it cites
    /// the whole article (else a paragraph or item of it).
    struct Itself { text: String, article: String, whole: bool }

    fn message(&self) -> String {
        let Itself { text, article, .. } = self;
        format!("{text} is cited inside {article} itself")
    }

    fn help(&self) -> Option<String> {
        Some(if self.whole {
            "write 本条".to_string()
        } else {
            "write 本条, 前項 or 次項 instead of the article's own number".to_string()
        })
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let index = facts.paths();
    for (d, doc) in corpus.docs.iter().enumerate() {
        let citer = Citer::new(facts.heads(d));
        let mut sentences = crate::lint::sentences::Sentences::new(doc);
        let provisions = &index[d];
        for (ri, r) in doc.references.iter().enumerate() {
            if corpus.ref_targets[d][ri] != RefTarget::Own
                || r.relative.is_some()
                || r.document.is_some()
                || !r.text.contains('条')
            {
                continue;
            }
            let (Some(here), Some(there)) = (article_path(&r.path), article_path(&r.target)) else {
                continue;
            };
            if here != there {
                continue;
            }
            if let Some(p) = provisions.get(r.path.as_str()) {
                if intended_self_citation(&mut sentences, p, r) {
                    continue;
                }
            }
            let itself = Itself {
                text: r.text.to_string(),
                article: citer.cite(&here),
                whole: r.target == here,
            };
            out.push(Finding::of(d, r.range.clone(), &r.path, &itself));
        }
    }
}

/// An article citing itself on purpose: 本第２条 (本条 written with the number),
/// 第３条(a)(1) (a sub-part of the article, which has no relative form), or a list of
/// provisions that survive the contract (「第11条、第12条、本条…の各規定は、本契約の終了後も
/// 存続する」), where the article names itself among the others.
fn intended_self_citation<'a>(
    sentences: &mut crate::lint::sentences::Sentences<'a>,
    p: &Provision,
    r: &'a Reference,
) -> bool {
    let text = &p.text;
    let (Some(before), Some(after)) =
        (text.get(..r.text_range.start), text.get(r.text_range.end..))
    else {
        return false;
    };
    if before.ends_with('本') {
        return true;
    }
    if sub_part_label(after) {
        return true;
    }
    let sentence = sentences.sentence(&r.path, text, r.text_range.start);
    let survives = sentences.holds(
        &r.path,
        text,
        &sentence,
        &["存続", "終了後も", "終了した後も", "効力を有"],
    );
    survives && sentences.references_in(&r.path, &sentence) >= 2
}

/// (a), （１）, (ii), (A): the label of a sub-part written right after a reference.
fn sub_part_label(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(['(', '（']) else {
        return false;
    };
    let Some(end) = rest.find([')', '）']) else {
        return false;
    };
    let label = &rest[..end];
    let n = label.chars().count();
    let alnum = |c: char| {
        c.is_ascii_alphanumeric()
            || crate::text::is_full_width_digit(c)
            || ('Ａ'..='Ｚ').contains(&c)
            || ('ａ'..='ｚ').contains(&c)
    };
    (1..=4).contains(&n) && label.chars().all(alnum)
        || n == 1 && label.chars().all(crate::text::is_katakana)
}
