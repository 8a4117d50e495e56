//! Y106 `unplaced-text`: the rule's text is the doc comment of [`UnplacedText`].

use super::*;
use crate::lint::facts::Facts;

/// The decoded range of the first source line of a provision's text, without the trailing
/// spaces that end a block.
fn first_line(doc: &Document, p: &Provision) -> Range<usize> {
    let src = &doc.source.text;
    let lead = p.text.len() - p.text.trim_start().len();
    if p.text.trim().is_empty() {
        return p.label_range();
    }
    let whole = p.text_map.src_range(lead..p.text.len());
    let start = whole.start;
    let Some(rest) = src.get(start..) else {
        return whole;
    };
    let line_end = rest.find(['\n', '\r']).map_or(src.len(), |i| start + i);
    let end = line_end.min(whole.end.max(start));
    match src.get(start..end) {
        Some(line) => start..start + line.trim_end().len(),
        None => whole,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports every piece of text that yakkan could not place in the structure of 条, 項 and 号 — for example text after the end marker 以上 that is not a 附則.
    ///
    /// ## Why is this bad?
    /// Text outside the structure cannot be cited and is not covered by the other checks: it is either stray text left by an edit (a note, a draft comment) or a heading written in a form yakkan does not recognise, which then hides the provisions below it.
    ///
    /// ## Example
    ///     以上
    ///     （社内メモ：第５条は要確認）
    ///
    /// Use instead: delete the stray text, or move it into a provision (a 附則 for dates of enactment and revision).
    pub struct UnplacedText;
    static UNPLACED_TEXT = ("Y106", "unplaced-text", Warning, "text the parser could not place in the structure");
}

violation! {
    /// Text the parser could not place.
    struct Unplaced {
        /// Its first twenty characters (with … when it goes on).
        quoted: String,
    }

    fn message(&self) -> String {
        format!("text outside the structure: 「{}」", self.quoted)
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        for p in doc
            .all_provisions()
            .filter(|p| p.kind == ProvisionKind::Unplaced)
        {
            let text = p.text.trim();
            let mut quoted: String = text.chars().take(20).collect();
            if text.chars().nth(20).is_some() {
                quoted.push('…');
            }
            out.push(
                Finding::of(d, first_line(doc, p), &p.path, &Unplaced { quoted })
                    .note("yakkan could not place this text in an article, paragraph or item")
                    .help(
                        "delete stray text, or give it a heading yakkan recognises (第N条, 附則)",
                    ),
            );
        }
    }
}
