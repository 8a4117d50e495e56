//! Text helpers shared by the extractors and rules: NFKC normalisation that remembers
//! where every normalised character came from, character classes of Japanese text,
//! and bracket-aware scanning.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// The NFKC of a text with a map back to the original byte offsets.
///
/// Most provisions are their own NFKC already ([`kept_as_is`]: kana, kanji, ASCII and
/// 、。「」 only): then the normalised text borrows the original, no map is kept and every
/// range maps to itself. Otherwise it is a copy, and the map is run-length: the normalised
/// text is mostly runs copied byte for byte from the original, and only the characters
/// that change (full-width digits and brackets, half-width katakana, 　) need an entry of
/// their own. A provision of 300 bytes typically needs a handful of runs instead of two
/// offsets a byte.
pub struct Normalized<'a> {
    /// The original, and the normalised text itself when `changed` is `None`.
    original: &'a str,
    /// The normalised text and its map, when it is not the original itself. Boxed: most
    /// texts are their own NFKC, and a clause of every provision is kept for the whole
    /// lint ([`crate::lint::facts::clauses`]), so the value is 24 bytes, not 40.
    changed: Option<Box<Changed>>,
}

/// A normalised text that differs from its original, and where it came from.
struct Changed {
    text: Box<str>,
    /// In order of `text`: each run starts at its `norm` byte and lasts until the next run.
    runs: Box<[Run]>,
}

/// A stretch of the normalised text and where it came from.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// First byte of the run in the normalised text.
    norm: u32,
    /// First byte in the original of what the run came from.
    orig: u32,
    /// 0: the run is a byte-for-byte copy of the original from `orig` on. Otherwise the
    /// run is the NFKC of the one original character `orig..orig + changed` (a char is
    /// at most 4 bytes, so a byte holds its length and the run takes 12 bytes, not 16).
    changed: u8,
}

/// The one run of a text that is its own normalised form.
const IDENTITY: Run = Run {
    norm: 0,
    orig: 0,
    changed: 0,
};

impl<'a> Normalized<'a> {
    /// NFKC, character by character (so every output char has one source char).
    pub fn new(s: &'a str) -> Normalized<'a> {
        Normalized::build(s, false)
    }

    /// NFKC with all white space removed ("NetOne クラウド" → "NetOneクラウド").
    pub fn without_spaces(s: &'a str) -> Normalized<'a> {
        Normalized::build(s, true)
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        match &self.changed {
            Some(c) => &c.text,
            None => self.original,
        }
    }

    fn build(s: &'a str, drop_spaces: bool) -> Normalized<'a> {
        let stable = stable_prefix(s.as_bytes(), drop_spaces, &STABLE_E3);
        if stable == s.len() {
            return Normalized {
                original: s,
                changed: None,
            };
        }
        let mut text = String::with_capacity(s.len());
        let mut runs: Vec<Run> = Vec::new();
        // Runs of characters NFKC keeps are found byte by byte and copied whole; the
        // characters between them are normalised one by one.
        let mut i = 0;
        let mut run = stable;
        loop {
            if run > 0 {
                runs.push(Run {
                    norm: text.len() as u32,
                    orig: i as u32,
                    changed: 0,
                });
                text.push_str(&s[i..i + run]);
                i += run;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if !(drop_spaces && c.is_whitespace()) {
                let before = text.len();
                if let Some(a) = full_width_ascii(c) {
                    // （）０-９ and the like are common in Japanese text; the general NFKC
                    // iterator is much slower than this one table-free case.
                    text.push(a);
                } else {
                    text.extend(std::iter::once(c).nfkc());
                }
                if text.len() > before {
                    runs.push(Run {
                        norm: before as u32,
                        orig: i as u32,
                        changed: c.len_utf8() as u8,
                    });
                }
            }
            i += c.len_utf8();
            run = stable_prefix(&s.as_bytes()[i..], drop_spaces, &STABLE_E3);
        }
        Normalized {
            original: s,
            changed: Some(Box::new(Changed {
                text: text.into_boxed_str(),
                runs: runs.into_boxed_slice(),
            })),
        }
    }

    /// The runs of the map: none when the text is the original itself.
    fn runs(&self) -> &[Run] {
        self.changed.as_deref().map_or(&[], |c| &c.runs)
    }

    /// The original range of a normalised range.
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        map_back(self.text(), self.runs(), r)
    }

    /// The normalisation without its original, for a value kept beside the original (a
    /// clause beside its provision): 8 bytes. Read with the original again.
    pub fn detach(self) -> Detached {
        Detached(self.changed)
    }
}

/// A [`Normalized`] text without its original ([`Normalized::detach`]): nothing when
/// the text is its own NFKC, else the normalised text and its map. Each method takes the
/// original it was made from.
pub struct Detached(Option<Box<Changed>>);

impl Detached {
    /// The normalised text of `original`.
    pub fn text<'t>(&'t self, original: &'t str) -> &'t str {
        self.0.as_deref().map_or(original, |c| &c.text)
    }

    /// The range of `original` that a normalised range came from.
    pub fn original(&self, original: &str, r: Range<usize>) -> Range<usize> {
        let runs = self.0.as_deref().map_or(&[][..], |c| &c.runs);
        map_back(self.text(original), runs, r)
    }
}

/// The run that byte `k` of the normalised `text` belongs to (`k < text.len()`); with
/// no runs, the text is its original and maps to itself.
fn run(runs: &[Run], k: usize) -> &Run {
    if runs.is_empty() {
        return &IDENTITY;
    }
    let after = runs.partition_point(|r| r.norm as usize <= k);
    &runs[after - 1]
}

/// The offset in the original of the start of the char that byte `k` came from.
fn origin(text: &str, runs: &[Run], k: usize) -> usize {
    let run = run(runs, k);
    match run.changed {
        0 => {
            let mut start = k;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            run.orig as usize + (start - run.norm as usize)
        }
        _ => run.orig as usize,
    }
}

/// The offset in the original of the end of the char that byte `k` came from.
fn origin_end(text: &str, runs: &[Run], k: usize) -> usize {
    let run = run(runs, k);
    match run.changed {
        0 => {
            let mut end = k + 1;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            run.orig as usize + (end - run.norm as usize)
        }
        len => (run.orig + u32::from(len)) as usize,
    }
}

/// The original range of range `r` of the normalised `text`, whose map is `runs`.
fn map_back(text: &str, runs: &[Run], r: Range<usize>) -> Range<usize> {
    if text.is_empty() {
        return 0..0;
    }
    let last = text.len() - 1;
    let s = origin(text, runs, r.start.min(last));
    let e = if r.end == 0 {
        s
    } else {
        origin_end(text, runs, (r.end - 1).min(last))
    };
    s..e.max(s)
}

/// Would [`Normalized`] leave `s` as it is (every character its own NFKC, and no white
/// space when `drop_spaces`)? Then the normalised text is `s` and every range maps to
/// itself, and [`Normalized`] borrows `s` instead of copying it.
pub fn kept_as_is(s: &str, drop_spaces: bool) -> bool {
    stable_prefix(s.as_bytes(), drop_spaces, &STABLE_E3) == s.len()
}

/// Characters past ASCII that NFKC leaves alone, checked without the normalisation
/// tables: hiragana, katakana, the CJK unified ideographs and the Japanese punctuation
/// 、。「」, all three bytes long in UTF-8. (Full-width forms, half-width katakana, 　 and
/// compatibility ideographs do change.) With ASCII, what [`kept_as_is`] keeps.
#[inline]
const fn stable_beyond_ascii(c: u32) -> bool {
    matches!(c, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC | 0x4E00..=0x9FFF | 0x3001..=0x3035)
}

/// [`stays_nfkc`] past ASCII: three bytes long in UTF-8 too.
#[inline]
const fn stays_beyond_ascii(c: u32) -> bool {
    (stable_beyond_ascii(c) && !matches!(c, 0x302A..=0x302F)) || c == 0x30FB
}

/// Which characters of U+3000–U+3FFF (lead byte E3) a class of [`stable_prefix`] keeps: bit
/// `lo` of entry `hi` for U+3000 + 64·hi + lo, the two continuation bytes' low six bits.
/// Past them both classes keep U+4E00–U+9FFF, the CJK unified ideographs, and nothing else
/// of three bytes.
type E3Bits = [u64; 64];

/// [`stable_beyond_ascii`] on the lead byte E3.
const STABLE_E3: E3Bits = e3_bits(false);
/// [`stays_beyond_ascii`] on the lead byte E3.
const STAYS_E3: E3Bits = e3_bits(true);

const fn e3_bits(stays: bool) -> E3Bits {
    let mut bits = [0u64; 64];
    let mut hi = 0;
    while hi < 64 {
        let mut lo = 0;
        while lo < 64 {
            let c = 0x3000 | (hi << 6) | lo;
            let kept = if stays {
                stays_beyond_ascii(c)
            } else {
                stable_beyond_ascii(c)
            };
            if kept {
                bits[hi as usize] |= 1 << lo;
            }
            lo += 1;
        }
        hi += 1;
    }
    bits
}

/// The length of the longest start of `s` (UTF-8) whose characters are ASCII or kept by
/// the class `e3` (with the CJK unified ideographs), and are not white space when
/// `drop_spaces`. Read on the bytes, not through `chars()`: the classes only ever keep
/// three-byte characters past ASCII, so the lead byte tells an ideograph (E5–E9, or E4
/// with a second byte from B8 on), the table `e3` the kana and punctuation, and any other byte
/// past ASCII (a two- or four-byte character, another lead) ends the run. It ends on a
/// character boundary of `s`.
#[inline]
fn stable_prefix(s: &[u8], drop_spaces: bool, e3: &E3Bits) -> usize {
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        if b < 0x80 {
            // `char::is_whitespace` of ASCII: \t \n \x0B \x0C \r and the space.
            if drop_spaces && matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                break;
            }
            i += 1;
        } else if (0xE3..=0xE9).contains(&b) && i + 2 < s.len() {
            let kept = match b {
                0xE3 => e3[usize::from(s[i + 1] & 0x3F)] >> (s[i + 2] & 0x3F) & 1 == 1,
                // U+4000–U+4FFF: from U+4E00, the first ideograph, on.
                0xE4 => s[i + 1] >= 0xB8,
                _ => true,
            };
            if !kept {
                break;
            }
            i += 3;
        } else {
            break;
        }
    }
    i
}

/// A character that NFKC leaves alone wherever it stands: it has no decomposition, is
/// no combining mark, and composes with no neighbour (ASCII, kana without the voicing
/// marks, ・, the CJK unified ideographs, Japanese punctuation up to 〵; not the combining
/// tone marks U+302A–U+302F). A text of these alone is in NFKC, and the NFKC of a text is
/// that of its other characters with these left between them.
pub fn stays_nfkc(c: char) -> bool {
    c.is_ascii() || stays_beyond_ascii(c as u32)
}

/// Is every character of `s` one that [`stays_nfkc`]? Read on the bytes
/// ([`stable_prefix`]), not character by character.
pub fn all_stay_nfkc(s: &str) -> bool {
    stable_prefix(s.as_bytes(), false, &STAYS_E3) == s.len()
}

/// NFKC of a full-width ASCII form (U+FF01 ！ … U+FF5E ～) and of the ideographic
/// space: the ASCII character it stands for. `None` for every other character.
fn full_width_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// NFKC of a string.
pub fn nfkc(s: &str) -> String {
    match simple_nfkc(s, false) {
        Some(t) => t,
        None => s.nfkc().collect(),
    }
}

/// NFKC without white space: the key used to compare names and captions.
pub fn name_key(s: &str) -> String {
    match simple_nfkc(s, true) {
        Some(t) => t,
        None => s.nfkc().filter(|c| !c.is_whitespace()).collect(),
    }
}

/// NFKC of a text that holds only characters NFKC leaves alone or maps to one ASCII
/// character, computed character by character without the normalisation tables; `None`
/// for any other text (it needs the general algorithm).
///
/// Character by character is exact here because every such character is a starter that
/// composes with nothing: reordering and composition only ever act around combining
/// marks ([`stays_nfkc`] leaves out the ideographic tone marks U+302A–U+302F, which sit
/// inside the stable punctuation block: they are left to the general algorithm).
fn simple_nfkc(s: &str, drop_spaces: bool) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    loop {
        // A run of characters that stay, copied whole; then the one after it.
        let run = stable_prefix(&s.as_bytes()[i..], drop_spaces, &STAYS_E3);
        out.push_str(&s[i..i + run]);
        i += run;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let c = if stays_nfkc(c) {
            c
        } else {
            full_width_ascii(c)?
        };
        if !(drop_spaces && c.is_whitespace()) {
            out.push(c);
        }
    }
    Some(out)
}

pub fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

pub fn is_katakana(c: char) -> bool {
    ('\u{30A0}'..='\u{30FF}').contains(&c) || ('\u{FF66}'..='\u{FF9F}').contains(&c)
}

pub fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || matches!(c, '々' | '〆' | 'ヶ' | '〇')
}

/// Japanese script: kanji, kana, and the Japanese punctuation that stands between them.
pub fn is_japanese(c: char) -> bool {
    is_kanji(c) || is_hiragana(c) || is_katakana(c)
}

pub fn is_full_width_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// Every char of `text` that can be a mark, a bracket or a digit, with its byte offset:
/// ASCII, U+2000–U+207F (General Punctuation: “ ” ‥), U+3000–U+303F (CJK Symbols and
/// Punctuation: 「」『』【】〔〕〈〉《》。、) and U+FF00–U+FFFF (Halfwidth and Fullwidth
/// Forms: （）［］｛｝, the full-width digits and letters). Kana, kanji and the rest are
/// skipped by their first byte, never decoded: a scan for brackets or digits reads a
/// statute's text at a few instructions a char.
pub fn symbols(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&lead) = bytes.get(i) {
            let at = i;
            // Kana and kanji first: three bytes, the first E0–EF (valid UTF-8: `text` is a
            // str, so the two after it are there).
            if (0xE0..0xF0).contains(&lead) {
                i += 3;
                let (second, third) = match bytes.get(at + 1..at + 3) {
                    Some(&[second, third]) => (second, third),
                    _ => return None,
                };
                let wanted = match lead {
                    0xE3 => second == 0x80,
                    0xE2 => second <= 0x81,
                    0xEF => second >= 0xBC,
                    _ => false,
                };
                if wanted {
                    let code = (u32::from(lead & 0x0F) << 12)
                        | (u32::from(second & 0x3F) << 6)
                        | u32::from(third & 0x3F);
                    if let Some(c) = char::from_u32(code) {
                        return Some((at, c));
                    }
                }
                continue;
            }
            if lead < 0x80 {
                i += 1;
                return Some((at, char::from(lead)));
            }
            i += if lead >= 0xF0 { 4 } else { 2 };
        }
        None
    })
}

/// A few words, each with a finder built at the first search and kept (a `str::contains`
/// builds its searcher at every call): does a text say one of them? For the scans and
/// rules that ask every text for a word that every match of a long pattern holds, before
/// they run it: most texts say none. A `static` holds one: `Words::new(&WORDS)`.
pub struct Words {
    words: &'static [&'static str],
    finders: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>>,
}

impl Words {
    pub const fn new(words: &'static [&'static str]) -> Words {
        Words {
            words,
            finders: std::sync::OnceLock::new(),
        }
    }

    pub fn said_in(&self, text: &str) -> bool {
        let finders = self.finders.get_or_init(|| {
            (self.words.iter())
                .map(|w| memchr::memmem::Finder::new(*w))
                .collect()
        });
        finders.iter().any(|f| f.find(text.as_bytes()).is_some())
    }
}

/// For the tests of the scans and rules that ask a text for one of some [`Words`] before
/// they run a pattern: each text matches `pattern`, and its match holds one of `words`
/// (so a pattern given an alternative without them fails the test).
#[cfg(test)]
pub(crate) fn assert_every_match_holds(pattern: &regex::Regex, words: &[&str], texts: &[&str]) {
    for text in texts {
        let m = pattern
            .find(text)
            .unwrap_or_else(|| panic!("no match in {text}"));
        assert!(words.iter().any(|w| m.as_str().contains(w)), "{text}");
    }
}

/// Opening and closing brackets that must pair within a provision.
pub const BRACKETS: [(char, char); 6] = [
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('【', '】'),
    ('(', ')'),
    ('〔', '〕'),
];

/// The word a match quotes first: from `lead` bytes after its start (past 「, or を「)
/// to the first 」 after them, the whole match when it has none. For a pattern whose
/// match opens `…「(?P<term>[^「」]+)」…`, this is its `term` group, read without the
/// captures (their search costs more than finding the match).
pub fn quoted_in(text: &str, m: Range<usize>, lead: usize) -> Range<usize> {
    let start = (m.start + lead).min(m.end);
    let end = text[start..m.end].find('」').map_or(m.end, |i| start + i);
    start..end
}

/// The at most `n` bytes of `text` before `at`, from the first char boundary: the words
/// right before a match (empty when `at` is past the end or inside a char).
pub fn window_before(text: &str, at: usize, n: usize) -> &str {
    let at = at.min(text.len());
    let mut lo = at.saturating_sub(n);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    text.get(lo..at).unwrap_or_default()
}

/// The first `n` characters of `text` (all of it when it is shorter).
pub fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// The start of the sentence that contains `at` (after the previous 。).
pub fn sentence_start(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('。').map_or(0, |p| p + '。'.len_utf8());
    crate::work::add(at - start);
    start
}

/// The end of the sentence that contains `at` (after its 。, or the end of the text).
pub fn sentence_end(text: &str, at: usize) -> usize {
    let end = text[at..]
        .find('。')
        .map_or(text.len(), |p| at + p + '。'.len_utf8());
    crate::work::add(end - at);
    end
}

/// Sentences of a text as byte ranges (each ending with its 。 when it has one).
pub fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = sentence_end(text, start);
        let r = start..end;
        start = end;
        Some(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `symbols` yields exactly the chars of its ranges, at their offsets, whatever
    /// stands around them: every char of the planes in use, in one text.
    #[test]
    fn symbols_are_the_chars_of_their_ranges_and_no_other() {
        let in_ranges = |c: char| {
            c.is_ascii()
                || ('\u{2000}'..='\u{207F}').contains(&c)
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFFF}').contains(&c)
        };
        let text: String = (0..=0x2FFFF).filter_map(char::from_u32).collect();
        let want: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| in_ranges(c)).collect();
        let got: Vec<(usize, char)> = symbols(&text).collect();
        assert_eq!(got.len(), 128 + 128 + 64 + 256);
        assert_eq!(got, want);
        assert_eq!(
            symbols("第１条（目的）本規約は、「甲」による。")
                .map(|(_, c)| c)
                .collect::<String>(),
            "１（）、「」。"
        );
    }

    /// Every character `stays_nfkc` lets through is a starter (nothing to reorder) that
    /// the NFKC quick check says yes to (not "maybe": so it composes with no character
    /// before it, and one after it would be a "maybe" itself): a text of such
    /// characters is in NFKC.
    #[test]
    fn characters_that_stay_are_nfkc_whatever_their_neighbours() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfkc_quick, IsNormalized};
        let stay: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| stays_nfkc(c))
            .collect();
        assert!(stay.len() > 20_000);
        for c in stay {
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
        }
        // The voicing marks and half-width kana do change.
        assert!(!stays_nfkc('\u{3099}') && !stays_nfkc('ｶ') && !stays_nfkc('\u{302A}'));
    }

    #[test]
    fn normalized_maps_back() {
        let s = "ＶＰＮ装置の１ヵ月";
        let n = Normalized::new(s);
        assert_eq!(n.text(), "VPN装置の1ヵ月");
        let p = n.text().find("1").unwrap();
        assert_eq!(&s[n.original(p..p + 1)], "１");
        let n = Normalized::without_spaces("Net One 約款");
        assert_eq!(n.text(), "NetOne約款");
        assert_eq!(
            &"Net One 約款"[n.original(0..n.text().len())],
            "Net One 約款"
        );
    }

    /// The map as it was first written, two offsets for every byte of the normalised text:
    /// the run-length map must answer every range exactly as this one does.
    fn per_byte_map(s: &str, drop_spaces: bool) -> (String, Vec<usize>, Vec<usize>) {
        let (mut text, mut origin, mut origin_end) = (String::new(), vec![], vec![]);
        for (i, c) in s.char_indices() {
            if drop_spaces && c.is_whitespace() {
                continue;
            }
            let before = text.len();
            text.extend(std::iter::once(c).nfkc());
            let added = text.len() - before;
            origin.extend(std::iter::repeat_n(i, added));
            origin_end.extend(std::iter::repeat_n(i + c.len_utf8(), added));
        }
        (text, origin, origin_end)
    }

    proptest::proptest! {
        #[test]
        fn nfkc_and_name_key_agree_with_the_general_algorithm(
            s in "[a-zA-Z0-9 \t　０-９Ａ-Ｚａ-ｚ（）「」。、〪〭〫あ-んア-ンｱ-ﾝ漢字㍻①\\u{3099}\\u{0301}\\u{FA11}]{0,16}",
        ) {
            proptest::prop_assert_eq!(nfkc(&s), s.nfkc().collect::<String>());
            proptest::prop_assert_eq!(
                name_key(&s),
                s.nfkc().filter(|c| !c.is_whitespace()).collect::<String>()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn run_length_map_answers_as_the_per_byte_map(
            s in "[a-z 　０-９（）「」。、あ-んア-ンｱ-ﾝ漢字㍻①ｶﾞ\\u{3099}\\u{FA11}\\u{2F00}]{0,24}",
            drop_spaces: bool,
        ) {
            let n = Normalized::build(&s, drop_spaces);
            let (text, origin, origin_end) = per_byte_map(&s, drop_spaces);
            proptest::prop_assert_eq!(n.text(), &text);
            if kept_as_is(&s, drop_spaces) {
                // Borrowed, with the identity map.
                proptest::prop_assert!(n.changed.is_none());
                proptest::prop_assert_eq!(n.text(), &s);
                for (start, _) in s.char_indices() {
                    for end in (start + 1..=s.len()).filter(|&e| s.is_char_boundary(e)) {
                        proptest::prop_assert_eq!(n.original(start..end), start..end);
                    }
                }
            }
            for (start, &from) in origin.iter().enumerate() {
                for end in start..=text.len() {
                    let e = if end == 0 { from } else { origin_end[end - 1] };
                    let want = from..e.max(from);
                    proptest::prop_assert_eq!(n.original(start..end), want, "{}..{}", start, end);
                }
            }
            // Detached from its original, it answers the same when given it again.
            let d = Normalized::build(&s, drop_spaces).detach();
            proptest::prop_assert_eq!(d.text(&s), &text);
            for start in 0..=text.len() {
                for end in start..=text.len() {
                    proptest::prop_assert_eq!(d.original(&s, start..end), n.original(start..end));
                }
            }
        }
    }

    /// The character-by-character definitions the byte-level runs stand for: what
    /// `kept_as_is`, `stays_nfkc` and `simple_nfkc` were before `stable_prefix`.
    fn kept_by_chars(s: &str, drop_spaces: bool) -> bool {
        s.chars().all(|c| {
            (c.is_ascii()
                || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{4E00}'..='\u{9FFF}' | '\u{3001}'..='\u{3035}'))
                && !(drop_spaces && c.is_whitespace())
        })
    }

    fn stays_by_chars(c: char) -> bool {
        kept_by_chars(&c.to_string(), false) && !matches!(c, '\u{302A}'..='\u{302F}') || c == '・'
    }

    fn simple_nfkc_by_chars(s: &str, drop_spaces: bool) -> Option<String> {
        let mut out = String::new();
        for c in s.chars() {
            let c = if stays_by_chars(c) {
                c
            } else {
                full_width_ascii(c)?
            };
            if !(drop_spaces && c.is_whitespace()) {
                out.push(c);
            }
        }
        Some(out)
    }

    /// Every character below U+10000 and a sample above: the byte-level predicates say
    /// what the character ones say.
    #[test]
    fn byte_level_runs_classify_every_character_as_the_char_level_test() {
        for c in (0..0x1_0000)
            .chain(0x1_F000..0x2_1000)
            .filter_map(char::from_u32)
        {
            let one = c.to_string();
            for drop_spaces in [false, true] {
                assert_eq!(
                    kept_as_is(&one, drop_spaces),
                    kept_by_chars(&one, drop_spaces),
                    "U+{:04X} {drop_spaces}",
                    c as u32
                );
            }
            assert_eq!(stays_nfkc(c), stays_by_chars(c), "U+{:04X}", c as u32);
            assert_eq!(all_stay_nfkc(&one), stays_by_chars(c), "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        /// Runs stop where the first character fails, whatever stands around it.
        #[test]
        fn byte_level_runs_answer_as_the_char_level_definitions(
            s in "[a-z \t\u{0B}\u{0C}\r\n　０-９（）「」。、・ーゐゔゕゖゟ゠ヺヽヾあ-んア-ンｱ-ﾝ漢字㐀鿿ꀀ〪〯〵〶㍻①ｶﾞ\\u{3099}\\u{FA11}\\u{2F00}é𠮷😀]{0,24}",
            drop_spaces: bool,
        ) {
            proptest::prop_assert_eq!(kept_as_is(&s, drop_spaces), kept_by_chars(&s, drop_spaces));
            proptest::prop_assert_eq!(simple_nfkc(&s, drop_spaces), simple_nfkc_by_chars(&s, drop_spaces));
            proptest::prop_assert_eq!(all_stay_nfkc(&s), s.chars().all(stays_by_chars));
            let run = stable_prefix(s.as_bytes(), drop_spaces, &STABLE_E3);
            proptest::prop_assert!(s.is_char_boundary(run));
            let want = s
                .char_indices()
                .find(|&(_, c)| !kept_by_chars(&c.to_string(), drop_spaces))
                .map_or(s.len(), |(i, _)| i);
            proptest::prop_assert_eq!(run, want);
        }
    }

    #[test]
    fn the_stable_ranges_really_are_stable() {
        for c in (0u32..0x3100)
            .chain(0x4E00..0xA000)
            .filter_map(char::from_u32)
            .filter(|&c| c.is_ascii() || stable_beyond_ascii(c as u32))
        {
            assert_eq!(
                nfkc(&c.to_string()),
                c.to_string(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn full_width_ascii_is_nfkc() {
        for c in ('\u{3000}'..='\u{FFFF}').filter_map(|c| full_width_ascii(c).map(|a| (c, a))) {
            assert_eq!(
                nfkc(&c.0.to_string()),
                c.1.to_string(),
                "U+{:04X}",
                c.0 as u32
            );
        }
        assert_eq!(full_width_ascii('！'), Some('!'));
        assert_eq!(full_width_ascii('～'), Some('~'));
        assert_eq!(full_width_ascii('｟'), None);
    }

    #[test]
    fn sentence_ranges() {
        let t = "一文目。二文目。三";
        let v: Vec<&str> = sentences(t).map(|r| &t[r]).collect();
        assert_eq!(v, ["一文目。", "二文目。", "三"]);
    }
}
