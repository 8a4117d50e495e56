//! Precedence statements: 「AとBに齟齬がある場合、Aが優先される」 and its variants
//! (異なる / 矛盾する / 抵触する; 優先する / 優先して適用される).

use super::text_provisions;
use crate::model::{Document, Precedence, Provision};
use crate::text::{is_hiragana, sentences, Words};
use regex::Regex;
use std::sync::LazyLock;

/// What follows the condition: 場合 / とき, then the winner and 優先 (「Bが優先」,
/// 「Bを優先」, 「Bの定めがAの定めに優先」).
macro_rules! outcome {
    () => {
        r"(?P<when>場合|とき)(?:には|は|において)?[、，]?(?P<z>[^。]+?)(?:が|を|は)(?:[^、。]{0,40}?に)?優先"
    };
}

/// 「AとBに齟齬がある場合、Aが優先」, anchored at the start of a clause.
static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<x>[^、。]+?)と[、，]?(?P<y>[^。]+?)(?:との間|の間)?(?:に|で|が|とが)",
        r"(?P<cond>(?:齟齬|矛盾|抵触|相違|不一致|差異)(?:が)?(?:ある|生じた|生じる|あった)?|異なる(?:定め)?(?:がある)?|矛盾する|抵触する)",
        outcome!()
    ))
    .expect("precedence regex")
});

/// 「AがBと異なる場合、Aが優先」, 「AにBと異なる定めがある場合、Aの定めがBに優先」,
/// anchored at the start of a clause.
static STATEMENT_GA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<x>[^、。]+?)(?:が|は|において|に)(?P<y>[^、。]+?)と",
        r"(?P<cond>異なる(?:定め|規定)?(?:がある|をした)?|矛盾する|抵触する|相違する|齟齬がある|齟齬を生じた|齟齬が生じた)",
        outcome!()
    ))
    .expect("precedence regex")
});

/// 「Aの定めは、Bの定めに優先する」: an order with no condition, anchored at the start of
/// a clause. Only between names that read as documents (see [`DOCUMENT_WORDS`]).
static DIRECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<z>[^、。]+?)(?:は|が)[、，]?(?P<y>[^、。]+?)に優先")
        .expect("precedence regex")
});

/// How the names of documents end (for statements without a condition).
const DOCUMENT_WORDS: [&str; 14] = [
    "約款",
    "規約",
    "規程",
    "規則",
    "細則",
    "仕様書",
    "条件書",
    "契約書",
    "契約",
    "覚書",
    "特約",
    "要領",
    "ポリシー",
    "ガイドライン",
];

fn reads_as_document(name: &str) -> bool {
    let key = crate::text::name_key(name);
    DOCUMENT_WORDS.iter().any(|w| key.ends_with(w))
}

/// Suffixes that name a part of a document rather than the document.
const PART_SUFFIXES: [&str; 9] = [
    "の内容",
    "の約定",
    "の定め",
    "の規定",
    "の記載",
    "の条項",
    "の各条項",
    "に定める事項",
    "の記載事項",
];

/// The document name a phrase ends with: 第６条に定義される仕様書の内容 → 仕様書.
pub fn name_in(phrase: &str) -> Option<String> {
    let mut s = phrase.trim();
    for suffix in PART_SUFFIXES {
        if let Some(t) = s.strip_suffix(suffix) {
            s = t;
            break;
        }
    }
    let s = s
        .trim_start_matches("また")
        .trim_start_matches(['、', '，']);
    // The name is the run after the last hiragana (particles end names).
    let start = s
        .char_indices()
        .filter(|(_, c)| is_hiragana(*c) || matches!(c, '、' | '，' | '「' | '」'))
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(0);
    let name = s[start..].trim();
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_string())
}

/// Split 「A又はB」 into its members; `None` when one of them names nothing (then the
/// phrase is not a list of documents: 「…に定めるものとし、…」).
fn members(phrase: &str) -> Option<Vec<String>> {
    split_list(phrase)
        .filter(|p| !p.trim().is_empty())
        .map(name_in)
        .collect()
}

/// The words that join the members of a list. No one of them ends with what another
/// begins with, so they never overlap: splitting at each in turn cuts where one pass
/// finds them all.
const LIST_JOINS: [&str; 6] = ["並びに", "若しくは", "及び", "又は", "、", "，"];

/// The pieces of `phrase` between the words that join a list ([`LIST_JOINS`]), in one
/// pass.
fn split_list(phrase: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while at < phrase.len() {
            let rest = &phrase[at..];
            if let Some(join) = LIST_JOINS.iter().find(|j| rest.starts_with(**j)) {
                let piece = &phrase[from..at];
                at += join.len();
                from = at;
                return Some(piece);
            }
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
        (!std::mem::replace(&mut done, true)).then(|| &phrase[from..])
    })
}

/// Where a statement may start in a sentence: its start and after every 、.
fn clause_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        s.char_indices()
            .filter(|(_, c)| matches!(c, '、' | '，'))
            .map(|(i, c)| i + c.len_utf8()),
    )
}

/// One statement read at the start of `s`: (winner, losers, condition, match end).
/// `conditional`: whether the sentence `s` stands in may hold a statement with a
/// condition ([`may_be_conditional`]), asked once for all its clauses.
fn statement_at(s: &str, conditional: bool) -> Option<(String, Vec<String>, String, usize)> {
    conditional
        .then(|| conditional_at(s))
        .flatten()
        .or_else(|| direct_at(s))
}

/// 「Aの定めは、Bの定めに優先する」.
fn direct_at(s: &str) -> Option<(String, Vec<String>, String, usize)> {
    let c = DIRECT.captures(s)?;
    let (z, y, all) = (c.name("z")?, c.name("y")?, c.get(0)?);
    let winner = name_in(z.as_str())?;
    let losers = members(y.as_str())?;
    let documents = reads_as_document(&winner) && losers.iter().all(|l| reads_as_document(l));
    // Both sides must read as documents: 「障害対応は、定期点検に優先して行う」 orders work.
    (documents && !losers.is_empty()).then(|| (winner, losers, String::new(), all.end()))
}

/// Words every match of [`STATEMENT`] and [`STATEMENT_GA`] holds one of: the conflict
/// (齟齬, 矛盾, 抵触, 相違, 不一致, 差異, 異なる) and, in the outcome, 場合 or とき.
const CONFLICTS: [&str; 7] = ["齟齬", "矛盾", "抵触", "相違", "不一致", "差異", "異なる"];
const WHEN: [&str; 2] = ["場合", "とき"];
static CONFLICT_SAID: Words = Words::new(&CONFLICTS);
static WHEN_SAID: Words = Words::new(&WHEN);

/// Can a sentence hold a statement with a condition: does it name a conflict and say 場合
/// or とき, as every match of [`STATEMENT`] and [`STATEMENT_GA`] does? Most sentences
/// that say 優先 (優先して対応する) do not, and are not searched with them.
fn may_be_conditional(sentence: &str) -> bool {
    CONFLICT_SAID.said_in(sentence) && WHEN_SAID.said_in(sentence)
}

/// 「AとBに齟齬がある場合、Aが優先」 and the like.
fn conditional_at(s: &str) -> Option<(String, Vec<String>, String, usize)> {
    [&*STATEMENT, &*STATEMENT_GA].iter().find_map(|re| {
        let c = re.captures(s)?;
        let (x, y, z, cond, all) = (
            c.name("x")?,
            c.name("y")?,
            c.name("z")?,
            c.name("cond")?,
            c.get(0)?,
        );
        let winner = name_in(z.as_str())?;
        let xs = members(x.as_str())?;
        let ys = members(y.as_str())?;
        let key = crate::text::name_key(&winner);
        let is_winner = |n: &String| crate::text::name_key(n) == key;
        let losers = if xs.iter().any(is_winner) {
            ys
        } else if ys.iter().any(is_winner) {
            xs
        } else {
            return None;
        };
        Some((
            winner,
            losers,
            format!(
                "{}{}",
                cond.as_str(),
                c.name("when").map_or("場合", |w| w.as_str())
            ),
            all.end(),
        ))
    })
}

/// The word every statement holds ([`STATEMENT`], [`STATEMENT_GA`] and [`DIRECT`] all
/// end in it): a clause with no 優先 after its start reads as no statement, so the
/// regexes never run there.
const ANCHOR: &str = "優先";
static ANCHOR_SAID: Words = Words::new(&[ANCHOR]);

pub fn extract(doc: &Document) -> Vec<Precedence> {
    extract_from(doc, &text_provisions(doc))
}

/// [`extract`] over the text provisions of `doc`, walked once for all kinds of fact.
pub(crate) fn extract_from(doc: &Document, provisions: &[&Provision]) -> Vec<Precedence> {
    let mut out = Vec::new();
    for &p in provisions {
        if !ANCHOR_SAID.said_in(&p.text) {
            continue;
        }
        for sentence in sentences(&p.text) {
            let s = &p.text[sentence.clone()];
            let Some(last_anchor) = s.rfind(ANCHOR) else {
                continue;
            };
            // A sentence may hold more than one statement; each starts a clause.
            let conditional = may_be_conditional(s);
            let mut from = 0;
            for start in clause_starts(s) {
                if start > last_anchor {
                    break;
                }
                if start < from {
                    continue;
                }
                let Some((winner, losers, condition, end)) = statement_at(&s[start..], conditional)
                else {
                    continue;
                };
                // The statement runs to the end of its predicate (…優先されるものとします。).
                let rest = &s[start + end..];
                let end = end
                    + rest.find(['。', '、', '，']).map_or(rest.len(), |k| {
                        if rest[k..].starts_with('。') {
                            k + '。'.len_utf8()
                        } else {
                            k
                        }
                    });
                from = start + end;
                let range = p
                    .text_map
                    .src_range(sentence.start + start..sentence.start + start + end);
                for lower in losers {
                    out.push(Precedence {
                        higher: winner.clone(),
                        lower,
                        condition: condition.clone(),
                        path: p.path.to_string(),
                        span: doc.span(range.clone()),
                        range: range.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Compiles the precedence patterns ahead of their first use ([`crate::extract::warm_up`]).
pub(crate) fn warm_up() {
    for pattern in [&STATEMENT, &STATEMENT_GA, &DIRECT] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            name_in("第６条に定義される仕様書の内容").as_deref(),
            Some("仕様書")
        );
        assert_eq!(name_in("また、本約款の内容").as_deref(), Some("本約款"));
        assert_eq!(
            members("ログ監視基本仕様書又はインシデント対応仕様書の内容").unwrap(),
            ["ログ監視基本仕様書", "インシデント対応仕様書"]
        );
        assert_eq!(
            members("サンプル障害対応仕様書（以下「仕様書」）に定めるもの"),
            None
        );
    }

    /// A text for each form of the conflict: each matches, and its match holds a word of
    /// each list asked first.
    #[test]
    fn every_statement_holds_the_words_asked_first() {
        let texts = [
            "本約款と仕様書に齟齬がある場合、仕様書が優先",
            "本約款と仕様書との間に矛盾が生じた場合、仕様書を優先",
            "本約款と仕様書が抵触するときは、仕様書が優先",
            "本約款と仕様書に相違がある場合、仕様書が優先",
            "本約款と仕様書に不一致がある場合、仕様書が優先",
            "本約款と仕様書に差異がある場合、仕様書が優先",
            "本約款と仕様書で異なる定めがある場合には、仕様書が優先",
        ];
        let texts_ga = [
            "仕様書が本約款と異なる場合、仕様書が優先",
            "仕様書に本約款と異なる定めがある場合、仕様書の定めが本約款に優先",
            "仕様書が本約款と矛盾するときは、仕様書が優先",
            "仕様書が本約款と抵触する場合、仕様書が優先",
            "仕様書が本約款と相違する場合、仕様書が優先",
            "仕様書が本約款と齟齬がある場合、仕様書が優先",
            "仕様書が本約款と齟齬を生じた場合、仕様書が優先",
            "仕様書が本約款と齟齬が生じた場合、仕様書が優先",
        ];
        for (re, texts) in [(&*STATEMENT, &texts[..]), (&*STATEMENT_GA, &texts_ga[..])] {
            for words in [&CONFLICTS[..], &WHEN] {
                crate::text::assert_every_match_holds(re, words, texts);
            }
        }
    }

    fn read(s: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let conditional = may_be_conditional(s);
        let mut from = 0;
        for start in clause_starts(s) {
            if start < from {
                continue;
            }
            if let Some((w, l, _, end)) = statement_at(&s[start..], conditional) {
                from = start + end;
                out.push((w, l));
            }
        }
        out
    }

    #[test]
    fn statements() {
        let one = |w: &str, l: &[&str]| {
            (
                w.to_string(),
                l.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            )
        };
        // A clause before the statement that contains と (…ものとし、) is not part of it.
        assert_eq!(
            read("作業内容は、当社が定めるA仕様書及びB仕様書（以下「仕様書」）に定めるものとし、本約款の内容と仕様書の内容に齟齬がある場合、仕様書の内容が優先されるものとします。"),
            [one("仕様書", &["本約款"])]
        );
        assert_eq!(
            read("本約款と個別契約の内容が異なるときは、個別契約の内容が優先するものとします。"),
            [one("個別契約", &["本約款"])]
        );
        assert_eq!(
            read("本約款の定めと仕様書の定めとが抵触する場合は、仕様書の定めが本約款の定めに優先して適用される。"),
            [one("仕様書", &["本約款"])]
        );
        assert_eq!(
            read("本規約の定めが個別規約の定めと異なる場合には、個別規約の定めが優先されます。"),
            [one("個別規約", &["本規約"])]
        );
        // Two statements in one sentence.
        assert_eq!(
            read("本約款と基本約款に齟齬がある場合は本約款が優先し、本約款と仕様書に齟齬がある場合は仕様書が優先する。"),
            [one("本約款", &["基本約款"]), one("仕様書", &["本約款"])]
        );
        assert!(read("本約款と基本約款に齟齬がある場合は、当社と協議する。").is_empty());
        // 「AにBと異なる定めがある場合」
        assert_eq!(
            read("ただし、個別条件書に本約款と異なる定めがある場合には、個別条件書の定めが本約款に優先して適用されます。"),
            [one("個別条件書", &["本約款"])]
        );
        // No condition: 「Aの定めは、Bの定めに優先する」, between documents only.
        assert_eq!(
            read("本規約の定めは、利用ガイドラインの定めに優先するものとします。"),
            [one("本規約", &["利用ガイドライン"])]
        );
        assert!(read("障害対応は、定期点検の作業に優先して行います。").is_empty());
    }

    /// The list is split where splitting at each joining word in turn splits it.
    #[test]
    fn a_list_is_split_at_every_joining_word() {
        fn in_turn(phrase: &str) -> Vec<&str> {
            let mut parts = vec![phrase];
            for join in super::LIST_JOINS {
                parts = parts.iter().flat_map(|p| p.split(join)).collect();
            }
            parts
        }
        use proptest::prelude::*;
        let pieces = [
            "並びに",
            "若しくは",
            "及び",
            "又は",
            "、",
            "，",
            "並び",
            "に",
            "若し",
            "くは",
            "及",
            "び",
            "又",
            "は",
            "約款",
            "A",
            "",
        ];
        proptest!(|(picks in proptest::collection::vec(0..pieces.len(), 0..12))| {
            let phrase: String = picks.iter().map(|&i| pieces[i]).collect();
            prop_assert_eq!(super::split_list(&phrase).collect::<Vec<_>>(), in_turn(&phrase));
        });
    }
}
