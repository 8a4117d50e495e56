//! Y608 `conjunction-hierarchy`: the rule's text is the doc comment of [`ConjunctionHierarchy`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds, within one sentence (split at 。 outside brackets), 並びに (ならびに) where no 及び (および) is written, and 若しくは (もしくは) where no 又は (または) is written. 並びに and 若しくは inside quotations (「…」) are not judged.
    ///
    /// ## Why is this bad?
    /// In legal drafting (法制執務) the conjunctions form a hierarchy: 及び joins the smaller group and 並びに the larger one; 若しくは joins the smaller alternatives and 又は the larger ones. 並びに without 及び (or 若しくは without 又は) tells the reader that there is a grouping which is not there, and the scope of the clause becomes ambiguous.
    ///
    /// ## Example
    ///     お客様は、本サービス並びに関連資料を利用できます。
    ///
    /// Use instead:
    ///     お客様は、本サービス及び関連資料を利用できます。
    pub struct ConjunctionHierarchy;
    static CONJUNCTION_HIERARCHY = ("Y608", "conjunction-hierarchy", Warning, "並びに without 及び, 若しくは without 又は in the same sentence (法制執務's hierarchy of conjunctions)");
}

violation! {
    /// 並びに / 若しくは (`word`) in a sentence without the 及び / 又は (`lower`) they group.
    struct Ungrouped { word: String, lower: String }

    fn message(&self) -> String {
        let Ungrouped { word, lower } = self;
        format!("「{word}」 without 「{lower}」 in the same sentence")
    }

    fn help(&self) -> Option<String> {
        Some(format!(
            "write 「{}」 when there is only one level of grouping",
            if self.lower == "及び" {
                "及び"
            } else {
                "又は"
            }
        ))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    const GROUPS: [(&[&str], &[&str], &str, &str); 2] = [
        (
            &["並びに", "ならびに"],
            &["及び", "および"],
            "及び",
            "並びに joins groups that are themselves joined by 及び",
        ),
        (
            &["若しくは", "もしくは"],
            &["又は", "または"],
            "又は",
            "若しくは joins alternatives inside a larger choice made with 又は",
        ),
    ];
    out.per_document(&corpus.docs, |d, doc, out| {
        for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
            let text = p.text.as_str();
            // A sentence is judged only for a 並びに or 若しくは in it: most provisions hold
            // neither, and are not split into sentences at all.
            if !GROUPS
                .iter()
                .any(|(upper, ..)| upper.iter().any(|u| text.contains(u)))
            {
                continue;
            }
            for (r, _) in main_sentences(text) {
                let sentence = &text[r.clone()];
                for (upper, lower, lower_name, why) in GROUPS {
                    if !upper.iter().any(|u| sentence.contains(u))
                        || lower.iter().any(|l| sentence.contains(l))
                    {
                        continue;
                    }
                    for (i, w) in upper_positions(sentence, upper) {
                        let at = r.start + i;
                        // 文字の並びに従って: the noun 並び, not the conjunction.
                        if w == "並びに" && text[at + w.len()..].starts_with(['従', '沿']) {
                            continue;
                        }
                        // 「並びに/若しくは」: the word mentioned, not used.
                        let mention = |c: Option<char>| {
                            c.is_some_and(|c| matches!(c, '/' | '／' | '`' | '\'' | '"' | '・'))
                        };
                        if mention(char_before(text, at)) || mention(char_after(text, at + w.len()))
                        {
                            continue;
                        }
                        let ungrouped = Ungrouped {
                            word: w.to_string(),
                            lower: lower_name.to_string(),
                        };
                        out.push(
                            Finding::of(
                                d,
                                p.text_map.src_range(at..at + w.len()),
                                &p.path,
                                &ungrouped,
                            )
                            .note(format!("in legal drafting {why}")),
                        );
                    }
                }
            }
        }
    });
}

/// Positions of the words in a sentence, outside quotations 「…」『…』.
fn upper_positions<'a>(sentence: &str, words: &[&'a str]) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut quote = 0u32;
    for (i, c) in sentence.char_indices() {
        match c {
            '「' | '『' => quote += 1,
            '」' | '』' => quote = quote.saturating_sub(1),
            _ if quote == 0 => {
                if let Some(w) = words.iter().find(|w| sentence[i..].starts_with(**w)) {
                    out.push((i, *w));
                }
            }
            _ => {}
        }
    }
    out
}
