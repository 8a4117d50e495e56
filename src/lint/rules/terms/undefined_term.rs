//! Y201 `undefined-term`: the rule's text is the doc comment of [`UndefinedTerm`].

use super::*;
use crate::lint::facts::Facts;
use crate::model::Provision;

/// Does one of `ranges` (sorted by start, not nested) contain `r`?
fn covered(ranges: &[std::ops::Range<usize>], r: &std::ops::Range<usize>) -> bool {
    let i = ranges.partition_point(|x| x.start <= r.start);
    i > 0 && r.end <= ranges[i - 1].end
}

/// The definitions of the whole corpus, by term key.
fn corpus_terms(corpus: &Corpus) -> HashSet<String> {
    let mut set: HashSet<String> = corpus
        .docs
        .iter()
        .flat_map(|d| d.definitions.iter().map(|x| name_key(&x.term)))
        .collect();
    set.extend(corpus.manifest.glossary.iter().map(|g| name_key(g)));
    set
}

declare_rule! {
    /// ## What it does
    /// Finds words written as defined terms — quoted 「X」 outside a definition, or 本X such as 本サービス — that no document of the corpus defines and the manifest's `glossary:` does not list.
    ///
    /// ## Why is this bad?
    /// A reader cannot tell what 本サービス covers unless a definition says so; in a dispute the undefined word is read against the drafter.
    ///
    /// ## Example
    ///     お客様は、本サービスを利用するにあたり…
    ///
    /// Use instead: define it where it first appears:
    ///     当社が提供するログ監視サービス（以下「本サービス」といいます。）
    pub struct UndefinedTerm;
    static UNDEFINED_TERM = ("Y201", "undefined-term", Warning, "a term used as defined (in 「」 without a definition, or 本X such as 本サービス) that no document of the corpus defines");
}

/// A word in 「」, of up to [`QUOTED_CHARS`] characters (longer ones are passed over in
/// [`quoted_terms`]). Matched unbounded and counted after: the same matches as `{1,20}`
/// (the class holds no 「, so no match can start inside a longer one passed over), for a
/// quarter of the compiling (0.05 ms against 0.21 with a copy of the class a step).
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"「(?P<t>[^「」]+)」").expect("quoted"));

/// The longest word in 「」 read as a term.
const QUOTED_CHARS: usize = 20;
static HON_X: LazyLock<Regex> = LazyLock::new(|| {
    // A katakana word may be joined by ・ (本パブリック・ライセンス).
    Regex::new(r"本(?P<x>[ァ-ヺー](?:・?[ァ-ヺー])+|(?:契約|規約|約款|仕様書|条件書|覚書|業務|製品|取引|施設|システム)(?:書)?)").expect("hon-x")
});

violation! {
    /// A word written as a defined term (`bracketed`: 「X」, else 本X) that nothing defines,
    /// and the definition to write, in the document's style.
    struct Undefined { word: String, bracketed: bool, definition: String }

    fn message(&self) -> String {
        let word = &self.word;
        if self.bracketed {
            format!(
                "「{word}」 is written as a defined term, but no document of the corpus defines it"
            )
        } else {
            format!("「{word}」 reads as a defined term, but no document of the corpus defines it")
        }
    }

    fn help(&self) -> Option<String> {
        let definition = &self.definition;
        Some(if self.bracketed {
            format!("define it where it first appears: …{definition}, add it to `glossary:` in yakkan.yaml, or drop the brackets")
        } else {
            format!("define it where it first appears: …{definition}")
        })
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let defined = corpus_terms(corpus);
    out.per_document(&corpus.docs, |d, doc, out| {
        let mut defined_here: Vec<std::ops::Range<usize>> =
            doc.definitions.iter().map(|x| x.range.clone()).collect();
        defined_here.sort_by_key(|r| r.start);
        // The provisions with text, walked twice (not listed: a large document has many).
        let provisions = || doc.all_provisions().filter(|p| !p.text.is_empty());
        // The quoted words that read as terms, provision by provision, in order. Whether
        // each is used again is decided after, for all of them at once.
        let quoted: Vec<Quoted<'_>> = provisions()
            .enumerate()
            .flat_map(|(i, p)| quoted_terms(i, p, &defined, &defined_here))
            .collect();
        let last_at = last_starts(&doc.source.text, quoted.iter().map(|q| q.word));
        let mut quoted = quoted.into_iter().peekable();
        let mut reported = HashSet::new();
        let polite = std::cell::OnceCell::new();
        for (i, p) in provisions().enumerate() {
            let text = &p.text;
            while let Some(q) = quoted.next_if(|q| q.provision == i) {
                // A name quoted once (a product, a button, a title, a word a licence
                // quotes) is no term: only a word the text goes on using is, which is
                // to say its last occurrence starts after this one ends.
                let used_again = last_at.get(q.word).is_some_and(|&at| at >= q.range.end);
                if !used_again || !reported.insert(q.key) {
                    continue;
                }
                let undefined = Undefined {
                    word: q.word.to_string(),
                    bracketed: true,
                    definition: definition_in_style(*polite.get_or_init(|| is_polite(doc)), q.word),
                };
                out.push(Finding::of(d, q.range, &p.path, &undefined));
            }
            for all in HON_X.find_iter(text) {
                let word = all.as_str();
                // 本 inside a word is not 本X: 基本プラン, 日本システム株式会社, 資本取引.
                if text[..all.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|b| is_kanji(b) || is_katakana(b))
                {
                    continue;
                }
                let key = name_key(word);
                // 本 + a defined term (本パブリック・ライセンス) is "this X": the `x` of
                // the pattern, all of the match after 本.
                let x = &word['本'.len_utf8()..];
                if defined.contains(&key)
                    || defined.contains(&name_key(x))
                    // 本約款, 本規約, 本契約…: the document names itself (SPEC §3).
                    || crate::extract::references::is_self_name(word)
                    || !reported.insert(key)
                {
                    continue;
                }
                let range = p.text_map.src_range(all.range());
                if covered(&defined_here, &range) {
                    continue;
                }
                let undefined = Undefined {
                    word: word.to_string(),
                    bracketed: false,
                    definition: definition_in_style(*polite.get_or_init(|| is_polite(doc)), word),
                };
                out.push(Finding::of(d, range, &p.path, &undefined));
            }
        }
    });
}

/// A word in 「」 that reads as a term of the document: not defined, not a quoted label
/// or wording. Whether it is used again is for [`check`] to see.
struct Quoted<'p> {
    /// Its provision's place in the list [`check`] walks.
    provision: usize,
    word: &'p str,
    key: String,
    /// Decoded source range.
    range: std::ops::Range<usize>,
}

/// The words quoted in `p` (the `i`-th provision) that read as terms.
fn quoted_terms<'p>(
    i: usize,
    p: &'p Provision,
    defined: &HashSet<String>,
    defined_here: &[std::ops::Range<usize>],
) -> Vec<Quoted<'p>> {
    let text: &'p str = &p.text;
    // Most provisions quote nothing: look for 「 before setting up the regex.
    if !text.contains('「') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for all in QUOTED.find_iter(text) {
        // The `t` of the pattern: the match within its brackets.
        let t_range = crate::text::quoted_in(text, all.range(), '「'.len_utf8());
        let t: &'p str = &text[t_range.clone()];
        if t.chars().nth(QUOTED_CHARS).is_some() {
            continue;
        }
        let key = name_key(t);
        let range = p.text_map.src_range(t_range);
        if defined.contains(&key) || covered(defined_here, &range) {
            continue;
        }
        // A quoted label or wording (「秘」等, 「同意する」ボタン) is not a term.
        let after = &text[all.end()..];
        let before = &text[..all.start()];
        let quoting = quoted_wording(before, after)
            || document_name(t)
            || placeholder(t)
            || inflected(defined, &key)
            || [
                "等",
                "という",
                "と表示",
                "の表示",
                "と記載",
                "と称",
                "旨",
                "ボタン",
                "欄",
                "、「",
                "又は「",
                "及び「",
                "とは",
                "とあるのは",
                "と読み替",
                "と読替",
                "と題する",
                // 「無保証」を参照する表示: the title of a part, referred to.
                "を参照",
                "参照",
                "の章",
                "の節",
                "の項目",
            ]
            .iter()
            .any(|k| after.starts_with(k))
            || before.ends_with(['、', '（']) && after.starts_with(['、', '）'])
            || t.chars().any(|c| {
                c.is_ascii_punctuation()
                    || matches!(c, '、' | '。' | '　' | ' ')
                    || c.is_ascii_digit()
            })
            || t.chars().count() < 2
            || t.ends_with(['る', 'す', 'た', 'い']);
        if quoting {
            continue;
        }
        out.push(Quoted {
            provision: i,
            word: t,
            key,
            range,
        });
    }
    out
}

/// Where the last occurrence of each word in `text` starts: one automaton for all the
/// words (a search from the end per word reads most of the text for each word used only
/// near the start: a statute quotes thousands), run over stretches of the text from its
/// end, each twice the one before, until every word has been seen (most words come
/// again near the end: the last stretch or two decides them all).
fn last_starts<'w>(text: &str, words: impl Iterator<Item = &'w str>) -> HashMap<&'w str, usize> {
    last_starts_by(text, words, 1 << 16)
}

/// [`last_starts`], its last stretch `first` bytes long.
fn last_starts_by<'w>(
    text: &str,
    words: impl Iterator<Item = &'w str>,
    first: usize,
) -> HashMap<&'w str, usize> {
    let mut distinct: Vec<&str> = words.collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.is_empty() {
        return HashMap::new();
    }
    // Most times the first stretch or two is all it reads, not the whole text.
    let Some(ac) = automaton(&distinct, MatchKind::Standard, first.min(text.len())) else {
        // Past what an automaton can hold: one search per word.
        return distinct
            .into_iter()
            .filter_map(|w| Some((w, text.rfind(w)?)))
            .collect();
    };
    let longest = distinct.iter().map(|w| w.len()).max().unwrap_or(0);
    let mut last: Vec<Option<usize>> = vec![None; distinct.len()];
    let mut missing = distinct.len();
    // Matches that start at or past `done` were seen in a stretch after this one.
    let (mut done, mut size) = (text.len(), first.max(1));
    while done > 0 && missing > 0 {
        let mut lo = done.saturating_sub(size);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        // Reach past `done` by a word's length less one: a match that starts before
        // `done` may end after it.
        let mut hi = (done + longest.saturating_sub(1)).min(text.len());
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        let mut found: Vec<(usize, usize)> = Vec::new();
        // Every occurrence in the stretch, in order of where it ends: a word's last one
        // is the one that starts last.
        for m in ac.find_overlapping_iter(&text[lo..hi]) {
            let at = lo + m.start();
            if at < done && last[m.pattern().as_usize()].is_none() {
                found.push((m.pattern().as_usize(), at));
            }
        }
        for (w, at) in found {
            if last[w].is_none_or(|x| x < at) {
                missing -= usize::from(last[w].is_none());
                last[w] = Some(at);
            }
        }
        done = lo;
        size = size.saturating_mul(2);
    }
    distinct
        .into_iter()
        .zip(last)
        .filter_map(|(w, at)| Some((w, at?)))
        .collect()
}

fn definition_in_style(polite: bool, term: &str) -> String {
    if polite {
        format!("（以下「{term}」といいます。）")
    } else {
        format!("（以下「{term}」という。）")
    }
}

/// Is the document written です・ます調 (more sentences end ます。/です。 than る。/ない。)?
/// Read once per document, when its first finding needs it.
/// One pass over each text's 。, each read by what it ends: ます。 and です。 count as
/// polite, る。 and ない。 as plain (four searches of every text were 2% of a statute's
/// check).
fn is_polite(doc: &Document) -> bool {
    let (mut polite, mut plain) = (0usize, 0usize);
    for p in doc.all_provisions() {
        for (at, _) in p.text.match_indices('。') {
            let before = &p.text[..at];
            if before.ends_with("ます") || before.ends_with("です") {
                polite += 1;
            } else if before.ends_with('る') || before.ends_with("ない") {
                plain += 1;
            }
        }
    }
    polite > plain
}

/// Is a quote wording being replaced (読み替え, 改め文) rather than a term?
/// 「利用者」とあるのは「法人利用者の代表者」と、…: the second quote follows とあるのは and
/// goes on with と、 / とする / と読み替える.
fn quoted_wording(before: &str, after: &str) -> bool {
    let before = before.trim_end_matches([' ', '\u{3000}', '、', '，']);
    before.ends_with("とあるのは")
        || before.ends_with("とあるは")
        || [
            "と、",
            "と，",
            "と。",
            "とする",
            "とし、",
            "と読み",
            "と改め",
            "に改め",
            "とあり",
            "を削",
            "を加え",
        ]
        .iter()
        .any(|k| after.starts_with(k))
        // 改め文: 「第二十三条」を「第二十一条の五」に改める
        || after.strip_prefix("を「").is_some_and(|rest| {
            rest.find('」')
                .is_some_and(|e| rest[e + '」'.len_utf8()..].starts_with("に改め"))
        })
}

/// A quoted name that ends like a document (「個人情報保護方針」, 「テレワーク勤務規程」)
/// names another rule or document, not a term.
fn document_name(t: &str) -> bool {
    const SUFFIXES: [&str; 17] = [
        "方針",
        "規程",
        "規則",
        "規約",
        "細則",
        "要領",
        "要綱",
        "基準",
        "指針",
        "マニュアル",
        "ポリシー",
        "ガイドライン",
        "約款",
        "契約書",
        "仕様書",
        "協定書",
        "覚書",
    ];
    SUFFIXES.iter().any(|s| t.ends_with(s) && t != *s)
}

/// A drafting placeholder in quotes (「●●」, 「○○株式会社」): Y606 reports it.
fn placeholder(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    chars.windows(2).any(|w| {
        w[0] == w[1]
            && matches!(
                w[0],
                '●' | '○' | '◯' | '〇' | '×' | '✕' | '△' | '▲' | '＿' | '_' | '＊'
            )
    })
}

/// A defined term with a kana ending (「あなたの」 where あなた is defined).
fn inflected(defined: &HashSet<String>, key: &str) -> bool {
    key.char_indices()
        .skip(1)
        .any(|(i, _)| key[i..].chars().all(is_hiragana) && defined.contains(&key[..i]))
}

#[cfg(test)]
mod tests {
    use super::{last_starts, last_starts_by, HON_X, QUOTED, QUOTED_CHARS};

    proptest::proptest! {
        /// QUOTED, matched unbounded and passed over past 20 characters, finds the words
        /// the bounded pattern `「[^「」]{1,20}」` finds.
        #[test]
        fn quoted_words_are_those_of_the_bounded_pattern(
            parts in proptest::collection::vec(("[「」。]", 0usize..30), 0..8),
        ) {
            // Brackets with runs of up to 29 characters between: quotes on both sides
            // of 20 characters, unclosed and nested ones.
            let text: String = parts.iter().map(|(b, n)| format!("{b}{}", "ア".repeat(*n))).collect();
            let bounded = regex::Regex::new(r"「(?P<t>[^「」]{1,20})」").unwrap();
            let want: Vec<_> = bounded.captures_iter(&text).map(|c| c["t"].to_string()).collect();
            let got: Vec<_> = QUOTED
                .captures_iter(&text)
                .map(|c| c["t"].to_string())
                .filter(|t| t.chars().count() <= QUOTED_CHARS)
                .collect();
            proptest::prop_assert_eq!(&got, &want);
            // The word read off each match, as `quoted_terms` reads it, is the group.
            let read: Vec<_> = QUOTED
                .find_iter(&text)
                .map(|m| text[crate::text::quoted_in(&text, m.range(), "「".len())].to_string())
                .filter(|t| t.chars().count() <= QUOTED_CHARS)
                .collect();
            proptest::prop_assert_eq!(read, want);
        }

        /// The `x` of HON_X, read as all of the match after 本, is the group.
        #[test]
        fn hon_x_is_all_of_the_match_after_hon(text in "[本契約書サービス・ー基a]{0,24}") {
            for c in HON_X.captures_iter(&text) {
                let (Some(all), Some(x)) = (c.get(0), c.name("x")) else { continue };
                proptest::prop_assert_eq!(&all.as_str()["本".len()..], x.as_str());
            }
        }

        /// One automaton over the text finds, for every word, where `rfind` finds it,
        /// words inside words and overlapping occurrences included.
        #[test]
        fn last_starts_are_where_rfind_finds_them(
            text in "[アイ「」第１]{0,60}",
            words in proptest::collection::vec("[アイ「」]{1,3}", 0..8),
        ) {
            let last = last_starts(&text, words.iter().map(String::as_str));
            for w in &words {
                proptest::prop_assert_eq!(last.get(w.as_str()).copied(), text.rfind(w.as_str()), "{}", w);
            }
            proptest::prop_assert!(last.len() <= words.len());
            // Read in stretches of a few bytes from the end: words across the seams.
            for first in [1, 2, 5] {
                let by = last_starts_by(&text, words.iter().map(String::as_str), first);
                proptest::prop_assert_eq!(&by, &last, "first stretch {}", first);
            }
        }
    }
    fn polite(text: &str) -> bool {
        let doc = crate::parse_text_source(std::sync::Arc::new(
            crate::source::SourceFile::from_text("t.md", text),
        ));
        super::is_polite(&doc)
    }

    /// A document is polite when more of its sentences end ます。 or です。 than る。 or
    /// ない。; other endings (した。, 」。) count for neither.
    #[test]
    fn politeness_is_read_from_the_sentence_ends() {
        assert!(polite(
            "規約\n\n第1条（目的）\n本規約を定めます。当社は提供します。責任を負いません。\n"
        ));
        assert!(!polite(
            "規約\n\n第1条（目的）\nこの規約を定める。当社は提供する。責任を負わない。\n"
        ));
        // Two plain, two polite: not more polite than plain.
        assert!(!polite("規約\n\n第1条\n定めます。です。定める。ない。\n"));
        // Endings of neither kind tip nothing: one polite sentence among them wins.
        assert!(polite("規約\n\n第1条\n定めました。「甲」。これです。\n"));
        assert!(!polite("規約\n\n第1条\n定めました。「甲」。\n"));
    }
}
