//! Uses of defined terms: one Aho-Corasick automaton over every term the corpus defines,
//! tried at each character of the normalised text of every provision that begins a term
//! ([`WordFinder`]; longest match first, so
//! クラウドセキュリティ運用支援サービス does not count inside …サービス契約). Japanese has
//! no word boundaries; the automaton's leftmost-longest semantics stand in for them.

use crate::model::{Document, Offsets};
use crate::text::{is_kanji, is_katakana, name_key, Normalized};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::ops::Range;

/// Every term the corpus defines, by key (NFKC, no spaces), each once: a use names its
/// term by its index here ([`TermKeys::of`], [`crate::corpus::Corpus::term`]).
#[derive(Debug, Default)]
pub struct TermKeys(Box<[Box<str>]>);

impl TermKeys {
    /// The key of the term a use is a use of.
    pub fn of(&self, u: &TermUse) -> &str {
        &self.0[u.term as usize]
    }
}

/// One use of a defined term.
#[derive(Debug, Clone)]
pub struct TermUse {
    /// The term's index in the corpus's [`TermKeys`]: 4 bytes, where a shared string takes
    /// 16 (and a reference count to change on every use), and a large document has a use
    /// for nearly every provision.
    term: u32,
    /// Decoded source range ([`TermUse::range`]), as 32-bit offsets: a large document
    /// has a use for nearly every provision.
    at: Offsets,
    /// The provision it stands in ([`TermUse::provision`]).
    provision: u32,
}

impl TermUse {
    /// The term's index in the corpus's [`TermKeys`]: the same for every use of a term.
    pub fn term_id(&self) -> u32 {
        self.term
    }

    /// Decoded source range.
    pub fn range(&self) -> Range<usize> {
        self.at.range()
    }

    /// The provision it stands in, as its index in the order of its document's
    /// [`Document::all_provisions`] (the lint's [`crate::lint::facts::PathMap::nth`]): a
    /// use is 16 bytes, and holds no copy of the provision's path.
    pub fn provision(&self) -> usize {
        self.provision as usize
    }
}

/// The largest DFA table a word automaton is given. A DFA reads Japanese text faster
/// than the contiguous NFA (a 10 MB document's 273 long forms: 21 ms against 33 ms a
/// pass, the best of three), but it fills its table at about 3 ns a byte, and the table
/// is held while the automaton searches.
const DFA_TABLE_BYTES: usize = 1 << 20;

/// The automaton of a list of words (terms, meanings, quoted words), with the prefilter
/// off: it looks for rare bytes, but in UTF-8 Japanese every byte is common, so it only
/// gets in the automaton's way (same matches either way). A DFA when its table
/// ([`dfa_table_bytes`]) is at most [`DFA_TABLE_BYTES`] and half the `haystack` bytes it
/// will read (about where filling the table costs what the faster search saves), else
/// what the crate picks. None when no automaton can hold the words.
pub(crate) fn automaton<P: AsRef<str>>(
    patterns: &[P],
    kind: MatchKind,
    haystack: usize,
) -> Option<AhoCorasick> {
    build(patterns, kind, haystack, StartKind::Unanchored)
}

/// [`automaton`], anchored or not.
fn build<P: AsRef<str>>(
    patterns: &[P],
    kind: MatchKind,
    haystack: usize,
    start: StartKind,
) -> Option<AhoCorasick> {
    let build = |dfa: bool| {
        AhoCorasick::builder()
            .match_kind(kind)
            .start_kind(start)
            .prefilter(false)
            .kind(dfa.then_some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(AsRef::as_ref))
    };
    if dfa_table_bytes(patterns) <= DFA_TABLE_BYTES.min(haystack / 2) {
        if let Ok(ac) = build(true) {
            return Some(ac);
        }
    }
    build(false).ok()
}

/// A list of words found leftmost-longest (the longest of those that start first, then
/// from its end on), as [`AhoCorasick::find_iter`] finds them, but searched only where
/// one of them can start: at a character some word begins with. The automaton is
/// anchored and tried at each such character. An unanchored automaton reads every byte
/// of the text (a DFA about 10 instructions a byte, the contiguous NFA of a statute's
/// hundreds of terms about 30), while most characters of a text begin no word; a
/// character is tested against a table of first characters in a few instructions.
pub(crate) struct WordFinder {
    anchored: AhoCorasick,
    firsts: FirstChars,
}

impl WordFinder {
    /// The finder of `patterns` (none empty) for `haystack` bytes of text (see
    /// [`automaton`]); None when no automaton can hold them.
    pub(crate) fn new<P: AsRef<str>>(patterns: &[P], haystack: usize) -> Option<WordFinder> {
        let anchored = build(
            patterns,
            MatchKind::LeftmostLongest,
            haystack,
            StartKind::Anchored,
        )?;
        let mut firsts = FirstChars::default();
        for p in patterns {
            firsts.insert(p.as_ref().chars().next()?);
        }
        Some(WordFinder { anchored, firsts })
    }

    /// The matches in `text`, left to right, none overlapping.
    pub(crate) fn find_iter<'h>(
        &'h self,
        text: &'h str,
    ) -> impl Iterator<Item = aho_corasick::Match> + 'h {
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < bytes.len() {
                let (c, len) = decode(&bytes[at..]);
                if self.firsts.contains(c) {
                    let input = Input::new(text)
                        .span(at..text.len())
                        .anchored(Anchored::Yes);
                    if let Some(m) = self.anchored.find(input) {
                        at = m.end();
                        return Some(m);
                    }
                }
                at += len;
            }
            None
        })
    }
}

/// The code of the character `rest` starts with (valid UTF-8 from a char boundary) and
/// its length. A character past U+FFFF is 0x10000 for all of them.
fn decode(rest: &[u8]) -> (u32, usize) {
    match *rest {
        [lead @ 0xE0..0xF0, second, third, ..] => (
            (u32::from(lead & 0x0F) << 12)
                | (u32::from(second & 0x3F) << 6)
                | u32::from(third & 0x3F),
            3,
        ),
        [lead @ 0..0x80, ..] => (u32::from(lead), 1),
        [lead @ 0xC0..0xE0, second, ..] => {
            ((u32::from(lead & 0x1F) << 6) | u32::from(second & 0x3F), 2)
        }
        _ => (0x10000, 4),
    }
}

/// A set of characters as a bit for each of U+0000–U+FFFF and one for all past it.
struct FirstChars(Box<[u64; 0x10000 / 64 + 1]>);

impl Default for FirstChars {
    fn default() -> FirstChars {
        FirstChars(Box::new([0; 0x10000 / 64 + 1]))
    }
}

impl FirstChars {
    fn insert(&mut self, c: char) {
        let code = u32::from(c).min(0x10000) as usize;
        self.0[code / 64] |= 1 << (code % 64);
    }

    fn contains(&self, code: u32) -> bool {
        let code = code as usize;
        self.0[code / 64] & (1 << (code % 64)) != 0
    }
}

/// The size of the DFA table of `patterns`, as the crate lays it out: a row for each state
/// of the patterns' trie (a state for each distinct prefix, plus the crate's three
/// special states), a 4-byte transition for each class of bytes, the row's length rounded
/// up to a power of two. The classes are the runs of bytes that no pattern tells apart.
fn dfa_table_bytes<P: AsRef<str>>(patterns: &[P]) -> usize {
    let mut words: Vec<&[u8]> = patterns.iter().map(|p| p.as_ref().as_bytes()).collect();
    words.sort_unstable();
    let mut states = 3;
    let mut used = [false; 256];
    let mut before: &[u8] = &[];
    for w in words {
        let shared = w.iter().zip(before).take_while(|(a, b)| a == b).count();
        states += w.len() - shared;
        w.iter().for_each(|&b| used[usize::from(b)] = true);
        before = w;
    }
    // A class boundary before and after every byte a pattern uses.
    let classes = 1 + (1..256).filter(|&b| used[b] || used[b - 1]).count();
    states * classes.next_power_of_two() * 4
}

/// Prefixes that do not make a longer word of the term after them (各仕様書, 当該契約者).
const PREFIXES: [&str; 14] = [
    "各", "当該", "同", "全", "前", "次", "新", "旧", "他", "諸", "上記", "下記", "別", "貴",
];

/// Is the match at `at` the tail of a longer word (仕様書 in ログ監視基本仕様書, 約款 in
/// サービス約款)? Japanese compounds join kanji to kanji and katakana to katakana.
fn inside_a_word(text: &str, at: usize) -> bool {
    let (Some(before), Some(first)) = (text[..at].chars().next_back(), text[at..].chars().next())
    else {
        return false;
    };
    let same_script = (is_kanji(before) && is_kanji(first))
        || (is_katakana(before) && is_katakana(first) && before != '・');
    same_script && !PREFIXES.iter().any(|p| text[..at].ends_with(p))
}

/// Find the uses of every defined term in every document.
pub fn find_uses(docs: &[Document]) -> (TermKeys, Vec<Vec<TermUse>>) {
    let mut terms: Vec<String> = docs
        .iter()
        .flat_map(|d| d.definitions.iter().map(|def| name_key(&def.term)))
        .filter(|t| !t.is_empty())
        .collect();
    terms.sort();
    terms.dedup();
    let none = || docs.iter().map(|_| Vec::new()).collect();
    if terms.is_empty() {
        return (TermKeys::default(), none());
    }
    let texts = docs.iter().map(|d| d.source.text.len()).sum();
    let Some(ac) = WordFinder::new(&terms, texts) else {
        return (TermKeys::default(), none());
    };
    let uses = docs
        .par_iter()
        .map(|d| {
            let defined_at: Vec<Range<usize>> =
                d.definitions.iter().map(|x| x.range.clone()).collect();
            // The long form of 「X（以下「X」）」 is not a use of X either.
            let mut long_forms: HashMap<String, Vec<Range<usize>>> = HashMap::new();
            for x in &d.definitions {
                if x.kind == crate::model::DefinitionKind::Abbreviation {
                    long_forms
                        .entry(name_key(&x.term))
                        .or_default()
                        .push(x.meaning_range.clone());
                }
            }
            // The provisions are read in parallel too (a single large document keeps both
            // cores busy); each gives its uses, collected in document order.
            let provisions: Vec<(usize, &crate::model::Provision)> = d
                .all_provisions()
                .enumerate()
                .filter(|(_, p)| !p.text.is_empty())
                .collect();
            let in_provision = |&(i, p): &(usize, &crate::model::Provision)| {
                let mut uses = Vec::new();
                // Most texts are their own normalised form: it borrows those.
                let norm = Normalized::without_spaces(&p.text);
                for m in ac.find_iter(norm.text()) {
                    let orig = norm.original(m.range());
                    let range = p.text_map.src_range(orig.clone());
                    // The defining occurrence is not a use.
                    let term = &terms[m.pattern().as_usize()];
                    // (A one-character term such as 甲 or 乙 is written in compounds: 甲乙間.)
                    if term.chars().count() > 1 && inside_a_word(&p.text, orig.start) {
                        continue;
                    }
                    // Definitions are sorted by start: the one that could contain this
                    // match is the last that starts at or before it.
                    let k = defined_at.partition_point(|r| r.start <= range.start);
                    if (k > 0 && range.end <= defined_at[k - 1].end)
                        || long_forms.get(term.as_str()).is_some_and(|rs| {
                            rs.iter()
                                .any(|r| r.start <= range.start && range.end <= r.end)
                        })
                    {
                        continue;
                    }
                    uses.push(TermUse {
                        term: m.pattern().as_u32(),
                        at: Offsets::new(range),
                        provision: i as u32,
                    });
                }
                uses
            };
            let mut uses: Vec<TermUse> =
                provisions.par_iter().flat_map_iter(in_provision).collect();
            uses.sort_by_key(|u| u.at.range().start);
            // Kept for the whole run: not the up to twice as many that growing left room for.
            uses.shrink_to_fit();
            uses
        })
        .collect();
    let keys = TermKeys(terms.into_iter().map(String::into_boxed_str).collect());
    (keys, uses)
}

#[cfg(test)]
mod tests {
    /// A use names the provision it stands in by its place in the document's order: the
    /// provision there holds the use in its own text.
    #[test]
    fn a_use_names_the_provision_it_stands_in() {
        let text = "第1条　この規約において「会員」とは、登録した者をいう。\n\
                    第2条　会員は、次の事項を守る。\n\
                    （1）　会員は、料金を支払う。\n\
                    2　当社は、会員に通知する。\n";
        let doc = crate::parse_text_source(std::sync::Arc::new(
            crate::source::SourceFile::from_text("t.txt", text),
        ));
        let (keys, uses) = super::find_uses(std::slice::from_ref(&doc));
        let order: Vec<&crate::model::Provision> = doc.all_provisions().collect();
        let found: Vec<(&str, &str)> = uses[0]
            .iter()
            .map(|u| (keys.of(u), order[u.provision()].path.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("会員", "第2条第1項"),
                ("会員", "第2条第1項第1号"),
                ("会員", "第2条第2項"),
            ]
        );
        for u in &uses[0] {
            let p = order[u.provision()];
            let r = u.range();
            assert_eq!(&doc.source.text[r], "会員");
            assert!(p.text.contains("会員"));
        }
    }

    /// The estimate of a DFA's table is what the crate builds (its memory less the
    /// pattern and match lists), and it decides the kind: a DFA for a large text, what the
    /// crate picks for a small one.
    #[test]
    fn the_dfa_table_is_estimated_as_the_crate_lays_it_out() {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
        let terms: Vec<String> = (0..150)
            .map(|i| format!("{}サービス利用契約{i}", ["基本", "個別", "追加"][i % 3]))
            .collect();
        for words in [&terms[..], &terms[..7], &["甲", "乙"].map(String::from)[..]] {
            let estimate = super::dfa_table_bytes(words);
            let built = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(words)
                .unwrap()
                .memory_usage();
            // The rest is the lists of patterns and matches, a few words for each.
            assert!(
                estimate <= built && built - estimate < 1024 + 64 * words.len(),
                "{estimate} against {built}"
            );
        }
        let kind = |haystack| {
            super::automaton(&terms, MatchKind::LeftmostLongest, haystack)
                .unwrap()
                .kind()
        };
        assert_eq!(kind(10_000_000), AhoCorasickKind::DFA);
        // 150 words: past the 100 for which the crate would pick a DFA itself.
        assert_ne!(kind(1000), AhoCorasickKind::DFA);
    }

    /// Characters of each length in UTF-8, some of them doubled.
    const CHARS: [&str; 8] = ["a", "1", "é", "会", "員", "社", "𠮷", "　"];

    fn words_and_text() -> impl proptest::strategy::Strategy<Value = (Vec<String>, String)> {
        use proptest::prelude::*;
        let word = proptest::collection::vec(0..CHARS.len(), 1..4)
            .prop_map(|w| w.iter().map(|&i| CHARS[i]).collect::<String>());
        let text = proptest::collection::vec(0..CHARS.len(), 0..60)
            .prop_map(|t| t.iter().map(|&i| CHARS[i]).collect::<String>());
        (proptest::collection::vec(word, 1..8), text)
    }

    proptest::proptest! {
        /// The finder finds what the unanchored automaton finds, match by match, whether
        /// it is a DFA (a long text) or not.
        #[test]
        fn the_finder_finds_what_the_automaton_finds((words, text) in words_and_text()) {
            let mut words = words;
            words.sort();
            words.dedup();
            for haystack in [10, 10_000_000] {
                let ac = super::automaton(&words, super::MatchKind::LeftmostLongest, haystack).unwrap();
                let finder = super::WordFinder::new(&words, haystack).unwrap();
                let by_automaton: Vec<_> = ac.find_iter(&text).collect();
                let by_finder: Vec<_> = finder.find_iter(&text).collect();
                proptest::prop_assert_eq!(by_finder, by_automaton, "{:?} in {}", words, text);
            }
        }
    }
}
