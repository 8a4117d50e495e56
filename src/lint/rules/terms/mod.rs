//! Definition and term rules (Y2xx): terms used without a definition, definitions never
//! or only once used, duplicates, self-abbreviations, use before definition, pointers to
//! the wrong article, long forms written after their abbreviation, out-of-scope uses.

mod abbreviation_not_used;
mod defined_in_mismatch;
mod duplicate_definition;
mod out_of_scope_use;
mod self_abbreviation;
mod undefined_term;
mod unused_definition;
mod use_before_definition;
mod used_once;

use super::references::Citer;
use crate::corpus::{automaton, Corpus, TermUse};
use crate::extract::definitions::article_path;
use crate::lint::facts::PathMap;
use crate::lint::{Finding, Findings, Rule};
use crate::model::{Definition, DefinitionKind, Document, ReferenceKind};
use crate::text::{is_hiragana, is_kanji, is_katakana, name_key, Normalized};
pub use abbreviation_not_used::AbbreviationNotUsed;
use aho_corasick::MatchKind;
pub use defined_in_mismatch::DefinedInMismatch;
pub use duplicate_definition::DuplicateDefinition;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
pub use out_of_scope_use::OutOfScopeUse;
use regex::Regex;
pub use self_abbreviation::SelfAbbreviation;
use std::sync::LazyLock;
pub use undefined_term::UndefinedTerm;
pub use unused_definition::UnusedDefinition;
pub use use_before_definition::UseBeforeDefinition;
pub use used_once::UsedOnce;

pub(super) const RULES: &[&dyn Rule] = &[
    &UndefinedTerm,
    &UnusedDefinition,
    &DuplicateDefinition,
    &SelfAbbreviation,
    &UseBeforeDefinition,
    &DefinedInMismatch,
    &AbbreviationNotUsed,
    &OutOfScopeUse,
    &UsedOnce,
];

/// Is `d` 「X（以下「X」）」: an abbreviation whose long form is the term itself?
pub(crate) fn is_self_abbreviation(d: &Definition) -> bool {
    if d.kind != DefinitionKind::Abbreviation {
        return false;
    }
    let term = name_key(&d.term);
    let meaning = name_key(&d.meaning);
    match meaning.strip_suffix(term.as_str()) {
        // A modifier in front is dropped by the abbreviation, which is its point:
        // 「…第一項の指定都市（以下「指定都市」という。）」, 「…に関する基本方針（以下「基本方針」）」,
        // 「当社が提供するサービス（以下「サービス」）」. Only an empty or adverbial front
        // (これにより, 、) leaves the term abbreviating itself.
        Some(prefix) => prefix.chars().last().is_none_or(|c| {
            let modifier =
                c == 'の' || (matches!(c, 'る' | 'た' | 'い' | 'な') && !prefix.ends_with("より"));
            (is_hiragana(c) && !modifier) || matches!(c, '、' | '，' | '。' | '」' | '）')
        }),
        None => false,
    }
}

/// Does a use fall in a definition's scope (after the definition, within its scope paths)?
/// `order` is the document's provisions in order ([`crate::lint::facts::Facts::paths`]).
fn in_scope(d: &Definition, scope: Option<&[String]>, order: &PathMap, u: &TermUse) -> bool {
    u.range().start >= d.range.end
        && scope.is_none_or(|s| s.iter().any(|s| within(&order.nth(u.provision()).path, s)))
}

/// Is `path` the provision `scope` or below it? (第1条の2 is not below 第1条.)
fn within(path: &str, scope: &str) -> bool {
    path.strip_prefix(scope).is_some_and(|rest| {
        !rest.starts_with('の') && !rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Term keys used in each document that the document does not define itself: a base
/// terms' 契約者 may be used by the terms and specs built on it.
struct OutsideUses(HashMap<String, Vec<usize>>);

impl OutsideUses {
    fn new(corpus: &Corpus) -> OutsideUses {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for (o, uses) in corpus.uses.iter().enumerate() {
            let defined: HashSet<String> = corpus.docs[o]
                .definitions
                .iter()
                .map(|x| name_key(&x.term))
                .collect();
            let used: HashSet<&str> = uses
                .iter()
                .map(|u| corpus.term(u))
                .filter(|t| !defined.contains(*t))
                .collect();
            for t in used {
                m.entry(t.to_string()).or_default().push(o);
            }
        }
        OutsideUses(m)
    }

    /// Is the term `key`, defined in document `d`, used by another document?
    fn used_elsewhere(&self, d: usize, key: &str) -> bool {
        self.0.get(key).is_some_and(|ds| ds.iter().any(|&o| o != d))
    }
}

/// Uses of each term key in one document.
fn uses_by_term<'c>(corpus: &'c Corpus, uses: &'c [TermUse]) -> HashMap<&'c str, Vec<&'c TermUse>> {
    let mut m: HashMap<&str, Vec<&TermUse>> = HashMap::new();
    for u in uses {
        m.entry(corpus.term(u)).or_default().push(u);
    }
    m
}

/// Is a use the tail of a longer word (仕様書 in ログ監視基本仕様書, 条件書 in 個別条件書)?
/// Determiners (当該契約者, 各契約者) still make a use of the term.
fn word_tail(corpus: &Corpus, doc: &Document, u: &TermUse) -> bool {
    const DETERMINERS: [&str; 9] = [
        "当該", "各", "全", "同", "前記", "上記", "下記", "上述", "別",
    ];
    let src = &doc.source.text;
    let before: String = crate::text::window_before(src, u.range().start, 24)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(prev) = before.chars().next_back() else {
        return false;
    };
    let first = corpus.term(u).chars().next();
    let joined = (is_kanji(prev) && first.is_some_and(is_kanji))
        || (is_katakana(prev) && first.is_some_and(is_katakana));
    joined && !DETERMINERS.iter().any(|d| before.ends_with(d))
}

/// The article of a path as the document writes it (第６条), falling back to the path.
fn written_label(doc: &Document, path: &str) -> String {
    let article = article_label(path);
    doc.all_provisions()
        .find(|p| p.path == article)
        .map_or(article, |p| p.label.to_string())
}

fn article_label(path: &str) -> String {
    article_path(path).unwrap_or_else(|| path.to_string())
}
