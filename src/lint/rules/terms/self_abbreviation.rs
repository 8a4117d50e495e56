//! Y204 `self-abbreviation`: the rule's text is the doc comment of [`SelfAbbreviation`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds an abbreviation that abbreviates nothing: 「X（以下「X」）」.
    ///
    /// ## Why is this bad?
    /// It defines nothing — the term still has no meaning of its own — and it usually hides a second, real definition elsewhere.
    ///
    /// ## Example
    ///     クラウド監視サービス（以下「クラウド監視サービス」）を提供します。
    ///
    /// Use instead: drop the parenthesis, or give the term its meaning in the definitions article.
    pub struct SelfAbbreviation;
    static SELF_ABBREVIATION = ("Y204", "self-abbreviation", Warning, "「X（以下「X」）」: an abbreviation identical to what it abbreviates");
}

violation! {
    /// （以下「X」） after X itself: the term and the parenthesis as written.
    struct AbbreviatesItself { term: String, written: String }

    fn message(&self) -> String {
        let AbbreviatesItself { term, written } = self;
        format!("「{term}」 abbreviates itself: {written} defines nothing")
    }

    fn help(&self) -> Option<String> {
        Some(format!("drop 「{}」", self.written))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        // The first definition of each term that is not a self-abbreviation.
        let mut real: HashMap<String, &Definition> = HashMap::new();
        for x in doc.definitions.iter().filter(|x| !is_self_abbreviation(x)) {
            real.entry(name_key(&x.term)).or_insert(x);
        }
        for def in doc.definitions.iter().filter(|x| is_self_abbreviation(x)) {
            let other = real.get(&name_key(&def.term));
            let written = parenthesis_around(&doc.source.text, def.range.clone())
                .unwrap_or_else(|| format!("（以下「{}」）", def.term));
            let itself = AbbreviatesItself {
                term: def.term.to_string(),
                written,
            };
            let mut f = Finding::of(d, def.range.clone(), &def.path, &itself);
            if let Some(r) = parenthesis_range(&doc.source.text, def.range.clone()) {
                f = f.fix(r, "");
            }
            if let Some(o) = other {
                f = f.label(d, o.range.clone(), "the term's real definition");
            }
            out.push(f);
        }
    }
}

/// The parenthesis around a term as written — （以下「X」といいます。） — without the
/// line breaks and wrap spaces of the source.
fn parenthesis_around(src: &str, term: std::ops::Range<usize>) -> Option<String> {
    let r = parenthesis_range(src, term)?;
    Some(
        src[r]
            .chars()
            .filter(|c| !matches!(c, '\n' | '\r' | ' ' | '\t'))
            .collect(),
    )
}

/// The decoded range of the parenthesis around a term, brackets included.
fn parenthesis_range(src: &str, term: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    const WINDOW: usize = 160;
    let mut lo = term.start.saturating_sub(WINDOW);
    while !src.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (term.end + WINDOW).min(src.len());
    while !src.is_char_boundary(hi) {
        hi -= 1;
    }
    let before = src.get(lo..term.start)?;
    let open = lo + before.rfind(['（', '('])?;
    if src[open..term.start].contains(['）', ')']) {
        return None;
    }
    let after = src.get(term.end..hi)?;
    let close = term.end + after.find(['）', ')'])?;
    let close_end = close + src[close..].chars().next()?.len_utf8();
    Some(open..close_end)
}
