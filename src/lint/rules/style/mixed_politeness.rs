//! Y603 `mixed-politeness`: the rule's text is the doc comment of [`MixedPoliteness`].

use super::*;
use crate::lint::facts::Facts;
use crate::model::Document;

declare_rule! {
    /// ## What it does
    /// Judges the final predicate of every main sentence (…とします。 is です・ます調, …とする。 is である調) and, when a document uses both styles, flags each sentence end in the less frequent style. Text in brackets and quotations (（その原因の如何を問わない。）, 「…」), definition-table cells and items that end in a noun (…こと, …とき, …場合) are not judged.
    ///
    /// ## Why is this bad?
    /// A terms document speaks in one voice. A plain-style sentence in a polite document (or the reverse) is usually a clause pasted from another document, and it is a sign that the clause was not reviewed with the rest.
    ///
    /// ## Example
    ///     本約款は、サービスの利用条件を定めます。
    ///     ２　当社は、前項の条件を変更できるものとする。
    ///
    /// Use instead:
    ///     本約款は、サービスの利用条件を定めます。
    ///     ２　当社は、前項の条件を変更できるものとします。
    pub struct MixedPoliteness;
    static MIXED_POLITENESS = ("Y603", "mixed-politeness", Warning, "である調 and です・ます調 mixed in one document");
}

/// Common endings in both styles, for the help line. The longest ending the sentence
/// has wins (提供いたします → 提供する); on a tie, the first pair.
const STYLE_PAIRS: [(&str, &str); 25] = [
    ("ものとする", "ものとします"),
    ("とする", "とします"),
    ("ではない", "ではありません"),
    ("でない", "ではありません"),
    ("してはならない", "してはなりません"),
    ("ならない", "なりません"),
    ("できない", "できません"),
    ("しない", "しません"),
    ("負わない", "負いません"),
    ("問わない", "問いません"),
    ("である", "です"),
    ("できる", "できます"),
    ("する", "します"),
    ("する", "いたします"),
    ("をいう", "をいいます"),
    ("による", "によります"),
    ("がある", "があります"),
    ("となる", "となります"),
    ("負う", "負います"),
    ("限る", "限ります"),
    ("定める", "定めます"),
    ("含む", "含みます"),
    ("従う", "従います"),
    ("行う", "行います"),
    ("除く", "除きます"),
];

/// A judged sentence end: provision, range of its final predicate (with 。), its style
/// and the sentence body (for the help).
struct SentenceEnd<'a> {
    p: &'a Provision,
    range: Range<usize>,
    style: Politeness,
    body: &'a str,
}

violation! {
    /// A sentence ending in the style the document does not use: the predicate, its style,
    /// the document's, and the ending to write for it (from, to) when one is known.
    struct Ending { pred: String, minor: String, major: String, pair: Option<(String, String)> }

    fn message(&self) -> String {
        let Ending { pred, minor, major, .. } = self;
        format!("「{pred}」 ends the sentence in {minor}; this document is written in {major}")
    }

    fn help(&self) -> Option<String> {
        let major = &self.major;
        Some(match &self.pair {
            Some((from, to)) => {
                format!("end the sentence in {major}: 「{to}。」 instead of 「{from}。」")
            }
            None => format!("end the sentence in {major}, as the rest of the document does"),
        })
    }
}

/// The judged sentence ends of a document, in order.
fn sentence_ends(doc: &Document) -> impl Iterator<Item = SentenceEnd<'_>> {
    doc.all_provisions().filter(|p| is_prose(p)).flat_map(|p| {
        main_sentences(&p.text)
            .into_iter()
            .filter(|(_, closed)| *closed)
            .filter_map(move |(r, _)| {
                let body_end = r.end - '。'.len_utf8();
                let body = &p.text[r.start..body_end];
                let (style, pred) = sentence_style(body)?;
                Some(SentenceEnd {
                    p,
                    range: r.start + pred.start..r.start + pred.end,
                    style,
                    body,
                })
            })
    })
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        // Counted first, and read again only when the styles mix: a long document has
        // a sentence end in most provisions, and is not held as one list of them.
        let (mut plain, mut polite, mut first) = (0usize, 0usize, None);
        for e in sentence_ends(doc) {
            first.get_or_insert(e.style);
            match e.style {
                Politeness::Plain => plain += 1,
                Politeness::Polite => polite += 1,
            }
        }
        let Some(first) = first else { continue };
        if plain == 0 || polite == 0 {
            continue;
        }
        // The minority style is the odd one out; on a tie, the style that comes second.
        let major = match plain.cmp(&polite) {
            std::cmp::Ordering::Greater => Politeness::Plain,
            std::cmp::Ordering::Less => Politeness::Polite,
            std::cmp::Ordering::Equal => first,
        };
        let minor = if major == Politeness::Plain {
            Politeness::Polite
        } else {
            Politeness::Plain
        };
        let note = format!(
            "sentence ends in this document: {polite} in です・ます調, {plain} in である調"
        );
        for e in sentence_ends(doc).filter(|e| e.style == minor) {
            let pred = e.p.text.get(e.range.clone()).unwrap_or_default();
            let pair = STYLE_PAIRS
                .iter()
                .map(|(pl, po)| {
                    if minor == Politeness::Plain {
                        (*pl, *po)
                    } else {
                        (*po, *pl)
                    }
                })
                .filter(|(from, _)| e.body.ends_with(from))
                .fold(None, |best: Option<(&str, &str)>, x| match best {
                    Some(b) if b.0.len() >= x.0.len() => Some(b),
                    _ => Some(x),
                })
                .map(|(from, to)| (from.to_string(), to.to_string()));
            let ending = Ending {
                pred: pred.to_string(),
                minor: minor.name().to_string(),
                major: major.name().to_string(),
                pair,
            };
            out.push(
                Finding::of(
                    d,
                    e.p.text_map.src_range(e.range.clone()),
                    &e.p.path,
                    &ending,
                )
                .note(note.clone()),
            );
        }
    }
}
