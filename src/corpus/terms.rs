//! Uses of defined terms: one Aho-Corasick automaton over every term the corpus defines,
//! run once over the normalised text of every provision (longest match first, so
//! クラウドセキュリティ運用支援サービス does not count inside …サービス契約). Japanese has
//! no word boundaries; the automaton's leftmost-longest semantics stand in for them.

use crate::model::Document;
use crate::text::{name_key, Normalized};
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// One use of a defined term.
#[derive(Debug, Clone)]
pub struct TermUse {
    /// The term's key (NFKC, no spaces).
    pub term: String,
    /// Decoded source range.
    pub range: Range<usize>,
    /// The provision it stands in.
    pub path: String,
    /// Offset of the use in the provision's text, and that text's index among the
    /// document's text provisions (to look at the words around a use).
    pub offset: usize,
}

/// Find the uses of every defined term in every document.
pub fn find_uses(docs: &[Document]) -> Vec<Vec<TermUse>> {
    let mut terms: Vec<String> = docs
        .iter()
        .flat_map(|d| d.definitions.iter().map(|def| name_key(&def.term)))
        .filter(|t| !t.is_empty())
        .collect();
    terms.sort();
    terms.dedup();
    if terms.is_empty() {
        return docs.iter().map(|_| Vec::new()).collect();
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&terms)
    else {
        return docs.iter().map(|_| Vec::new()).collect();
    };
    docs.iter()
        .map(|d| {
            let defined_at: Vec<Range<usize>> =
                d.definitions.iter().map(|x| x.range.clone()).collect();
            // The long form of 「X（以下「X」）」 is not a use of X either.
            let long_forms: Vec<(String, Range<usize>)> = d
                .definitions
                .iter()
                .filter(|x| x.kind == crate::model::DefinitionKind::Abbreviation)
                .map(|x| (name_key(&x.term), x.meaning_range.clone()))
                .collect();
            let mut uses = Vec::new();
            for p in d.all_provisions() {
                if p.text.is_empty() {
                    continue;
                }
                let norm = Normalized::without_spaces(&p.text);
                for m in ac.find_iter(&norm.text) {
                    let orig = norm.original(m.range());
                    let range = p.text_map.src_range(orig.clone());
                    // The defining occurrence is not a use.
                    let term = &terms[m.pattern().as_usize()];
                    if defined_at
                        .iter()
                        .any(|r| r.start <= range.start && range.end <= r.end)
                        || long_forms
                            .iter()
                            .any(|(t, r)| t == term && r.start <= range.start && range.end <= r.end)
                    {
                        continue;
                    }
                    uses.push(TermUse {
                        term: terms[m.pattern().as_usize()].clone(),
                        range,
                        path: p.path.clone(),
                        offset: orig.start,
                    });
                }
            }
            uses.sort_by_key(|u| u.range.start);
            uses
        })
        .collect()
}
