//! Y605 `stray-space`: the rule's text is the doc comment of [`StraySpace`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a half-width or full-width space between two Japanese characters (kanji, hiragana, katakana) inside a sentence that ends with 。. Left alone: spaces next to Latin letters, digits or operators (NetOne クラウド, より 1年間, 日数 × 単価) and in a name spaced around them (クリエイティブ・コモンズ 表示 4.0 国際); the space after a label (第二款　, 三の二　); the space after a short term or heading that opens a provision (一　法令　法律…をいう。); the two columns of a law-style item; table rows; the titles of the corpus documents written in the text (ミナトクラウド クラウドサービス基本約款); lines that are not sentences (signatures, lists of names).
    ///
    /// ## Why is this bad?
    /// A space inside a Japanese word is almost always left over from PDF extraction or a manual line break. It breaks search (サービス does not match サービ ス) and shows in the published text.
    ///
    /// ## Example
    ///     当社は、本サービ スを提供します。
    ///
    /// Use instead:
    ///     当社は、本サービスを提供します。
    pub struct StraySpace;
    static STRAY_SPACE = ("Y605", "stray-space", Info, "a space between two Japanese characters inside a sentence (an extraction artifact)");
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// For every corpus title written with spaces (ミナトクラウド クラウドサービス基本約款):
/// the text before and after each of its spaces.
fn title_splits(corpus: &Corpus) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for doc in &corpus.docs {
        let t = doc.title.trim();
        for (i, c) in t.char_indices().filter(|(_, c)| is_space(*c)) {
            let left = t[..i].trim_end_matches(is_space);
            let right = t[i + c.len_utf8()..].trim_start_matches(is_space);
            if !left.is_empty() && !right.is_empty() {
                out.push((left.to_string(), right.to_string()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A run of spaces in a provision's text.
struct SpaceRun {
    start: usize,
    end: usize,
    full_width_only: bool,
    /// Bracket depth at the run.
    depth: u32,
    /// Start of the sentence the run stands in (after the previous 。 outside brackets).
    sentence: usize,
    /// Is the character before or after the run a Latin letter, a digit or an operator
    /// (NetOne クラウド, 表示 4.0 国際, 日数 × 単価)?
    latin_side: bool,
}

fn is_latin_like(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
        || is_full_width_digit(c)
        || matches!(c, '.' | '×' | '÷' | '＋' | '+' | '＝' | '=')
}

fn space_runs(text: &str) -> Vec<SpaceRun> {
    let mut runs: Vec<SpaceRun> = Vec::new();
    let mut depth = 0u32;
    let mut sentence = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            match runs.last_mut() {
                Some(r) if r.end == i => {
                    r.end = i + c.len_utf8();
                    r.full_width_only &= c == '\u{3000}';
                }
                _ => runs.push(SpaceRun {
                    start: i,
                    end: i + c.len_utf8(),
                    full_width_only: c == '\u{3000}',
                    depth,
                    sentence,
                    latin_side: prev.is_some_and(is_latin_like),
                }),
            }
        } else {
            if let Some(r) = runs.last_mut().filter(|r| r.end == i) {
                r.latin_side |= is_latin_like(c);
            }
            if is_open_bracket(c) {
                depth += 1;
            } else if is_close_bracket(c) {
                depth = depth.saturating_sub(1);
            } else if c == '。' && depth == 0 {
                sentence = i + c.len_utf8();
            }
        }
        prev = Some(c);
    }
    runs
}

/// Labels that a space follows by rule: 第二款　, 第一条　 (anywhere, e.g. in a quoted
/// heading) and, at the start of a sentence, 三の二　, (a) , A. , イ　.
static LABEL_ANYWHERE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第[〇一二三四五六七八九十百千0-9０-９]+[編章節款目条項号](?:の[〇一二三四五六七八九十百千0-9０-９]+)*$").expect("label regex")
});
static LABEL_AT_START_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[〇一二三四五六七八九十百千]+(?:の[〇一二三四五六七八九十百千]+)*|[0-9０-９]+(?:の[0-9０-９]+)*[.．)）]?|[（(][0-9０-９〇一二三四五六七八九十]+[）)]|[A-Za-zＡ-Ｚａ-ｚ][.．)）]|[（(][A-Za-zａ-ｚ][）)]|[イロハニホヘトチリヌルヲワカヨタレソツネナラムウアエオキクケコサシスセ]|[①-⑳])$").expect("label regex")
});

/// The word before a space: back to the previous space, an opening bracket, a comma, a
/// slash or the start of the sentence.
fn word_before(text: &str, from: usize, at: usize) -> &str {
    let seg = text.get(from..at).unwrap_or_default();
    let cut = seg
        .char_indices()
        .rev()
        .find(|(_, c)| is_space(*c) || is_open_bracket(*c) || matches!(c, '、' | '，' | '／' | '/'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &seg[cut..]
}

/// The script a character is written in, for the words shown around a space.
fn script(c: char) -> u8 {
    if crate::text::is_katakana(c) || c == 'ー' {
        1
    } else if is_kanji(c) {
        2
    } else if ('ぁ'..='ゖ').contains(&c) {
        3
    } else {
        0
    }
}

/// The run of one script (katakana, kanji or hiragana) that ends at `at`, at most 8
/// characters: クラウドサービ in クラウドサービ ス.
fn script_run_before(text: &str, at: usize) -> &str {
    let seg = &text[..at];
    let Some(last) = seg.chars().next_back() else {
        return "";
    };
    let start = seg
        .char_indices()
        .rev()
        .take(8)
        .take_while(|(_, c)| script(*c) == script(last) && script(last) != 0)
        .last()
        .map_or(at, |(i, _)| i);
    &seg[start..]
}

/// The run of one script that starts at `at`, at most 8 characters.
fn script_run_after(text: &str, at: usize) -> &str {
    let seg = &text[at..];
    let Some(first) = seg.chars().next() else {
        return "";
    };
    let end = seg
        .char_indices()
        .take(8)
        .take_while(|(_, c)| script(*c) == script(first) && script(first) != 0)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    &seg[..end]
}

fn katakana_run_before(text: &str, at: usize) -> &str {
    let seg = &text[..at];
    let start = seg
        .char_indices()
        .rev()
        .take_while(|(_, c)| crate::text::is_katakana(*c) || *c == 'ー')
        .last()
        .map_or(at, |(i, _)| i);
    &seg[start..]
}

fn katakana_run_after(text: &str, at: usize) -> &str {
    let seg = &text[at..];
    let end = seg
        .char_indices()
        .find(|(_, c)| !(crate::text::is_katakana(*c) || *c == 'ー'))
        .map_or(seg.len(), |(i, _)| i);
    &seg[..end]
}

violation! {
    /// A space inside a sentence: its width, the characters around it, and the words around
    /// it joined.
    struct Stray { width: &'static str, before: String, after: String, joined: String }

    fn message(&self) -> String {
        let Stray { width, before, after, .. } = self;
        format!("a {width} space between 「{before}」 and 「{after}」 inside a sentence")
    }

    fn help(&self) -> Option<String> {
        Some(format!("remove the space: 「{}」", self.joined))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let titles = title_splits(corpus);
    for (d, doc) in corpus.docs.iter().enumerate() {
        for p in doc.all_provisions().filter(|p| is_prose(p)) {
            let text = p.text.as_str();
            // Every finding is a run of spaces (`is_space`: ' ' or '　'): a text without one
            // (most) is not walked.
            if !text.contains(' ') && !text.contains('\u{3000}') {
                continue;
            }
            let runs = space_runs(text);
            let last_maru = text.rfind('。');
            let is_item = matches!(p.kind, ProvisionKind::Item | ProvisionKind::Subitem);
            let mut first_full_width = true;
            // While only labels have been seen since the start of the sentence, the
            // next space may separate a term from its meaning (一　法令　法律…).
            let mut zone: Option<usize> = None;
            for (k, r) in runs.iter().enumerate() {
                let was_first_full_width =
                    r.full_width_only && std::mem::replace(&mut first_full_width, false);
                let prev = k
                    .checked_sub(1)
                    .and_then(|j| runs.get(j))
                    .filter(|q| q.sentence == r.sentence);
                if prev.is_none() {
                    zone = Some(r.sentence);
                }
                let head_start = zone.take();
                let (Some(before), Some(after)) =
                    (char_before(text, r.start), char_after(text, r.end))
                else {
                    continue;
                };
                let word_from = prev.map_or(r.sentence, |q| q.end);
                let word = word_before(text, word_from, r.start);
                let at_start = head_start.is_some_and(|h| text.get(h..r.start) == Some(word));
                let label = LABEL_ANYWHERE_RE.is_match(word)
                    || (at_start && LABEL_AT_START_RE.is_match(word));
                if label {
                    zone = Some(r.end);
                    continue;
                }
                if !is_japanese(before) || !is_japanese(after) {
                    continue;
                }
                // Only inside a sentence: the text goes on to a 。 (not a signature line,
                // a list of names or a heading).
                let goes_on = last_maru.is_some_and(|m| m >= r.end);
                if !goes_on {
                    continue;
                }
                // 法令　法律…をいう。 / 降職 始末書を…: a term or a heading, then its text.
                // A half-width space must stand between two nouns (not サービ ス, 当社 は).
                if let Some(h) = head_start {
                    let head = text.get(h..r.start).unwrap_or_default();
                    let chars = head.chars().count();
                    let unpunctuated = !head.contains(['、', '，', '。', '．']);
                    let kanji_word = chars <= 12
                        && is_kanji(before)
                        && (is_kanji(after) || crate::text::is_katakana(after));
                    if unpunctuated && chars <= 30 && (r.full_width_only || kanji_word) {
                        continue;
                    }
                }
                // The two columns of a law-style item: 公布の日から…の規定　平成…
                if is_item && was_first_full_width && r.depth == 0 && r.sentence == 0 {
                    continue;
                }
                // A name written with spaces around Latin or digits:
                // クリエイティブ・コモンズ 表示 4.0 国際 パブリック・ライセンス.
                let near = |q: &SpaceRun, gap: Range<usize>| {
                    q.sentence == r.sentence
                        && q.latin_side
                        && text.get(gap).is_some_and(|g| g.chars().count() <= 24)
                };
                if prev.is_some_and(|q| near(q, q.end..r.start))
                    || runs.get(k + 1).is_some_and(|q| near(q, r.end..q.start))
                {
                    continue;
                }
                let head = &text[..r.start];
                if titles.iter().any(|(l, rt)| {
                    head.ends_with(l.as_str()) && text[r.end..].starts_with(rt.as_str())
                }) {
                    continue;
                }
                // ミナトクラウド クラウドサービス, 株式会社ミナト ネットワーク事業部: a
                // space between two katakana words (three kana or more each) separates
                // names on purpose, unless the document writes the joined word
                // elsewhere (クラウ ドサービス beside クラウドサービス); サービ ス is
                // an artifact.
                if crate::text::is_katakana(before) && crate::text::is_katakana(after) {
                    let left = katakana_run_before(text, r.start);
                    let right = katakana_run_after(text, r.end);
                    let joined = format!("{left}{right}");
                    let words = left.chars().count() >= 3 && right.chars().count() >= 3;
                    if words && !doc.source.text.contains(joined.as_str()) {
                        continue;
                    }
                }
                let width = if r.full_width_only {
                    "full-width"
                } else {
                    "half-width"
                };
                let range = p.text_map.src_range(r.start..r.end);
                let stray = Stray {
                    width,
                    before: before.to_string(),
                    after: after.to_string(),
                    joined: format!(
                        "{}{}",
                        script_run_before(text, r.start),
                        script_run_after(text, r.end)
                    ),
                };
                let mut f = Finding::of(d, range.clone(), &p.path, &stray)
                    .note("a space inside Japanese running text is usually left over from PDF extraction or a manual line break");
                // Only spaces of the line itself: a wrap's line end is structure.
                if doc
                    .source
                    .text
                    .get(range.clone())
                    .is_some_and(|s| !s.is_empty() && s.chars().all(is_space))
                {
                    f = f.fix(range, "");
                }
                out.push(f);
            }
        }
    }
}
