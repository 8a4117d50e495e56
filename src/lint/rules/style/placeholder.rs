//! Y606 `placeholder`: the rule's text is the doc comment of [`Placeholder`].

use super::*;
use crate::lint::facts::Facts;
use crate::model::Document;
use foldhash::{HashMap, HashMapExt};

declare_rule! {
    /// ## What it does
    /// Finds drafting placeholders left in the text: two or more ●, ○, ◯, 〇, ×, △, ▲ or ＿ in a row, three or more ＊, empty brackets (【　】, 【】, [ ], ［　］), template fields (${name}, {{name}}), dates to be filled in (令和○年○月○日, 20XX年). 〇 next to kanji numerals is the kanji zero (二〇二四年, 一〇〇円), and 〇〇 before 年, 円, 号 or 条 is left alone; a single ○ used as a bullet is not a placeholder.
    ///
    /// ## Why is this bad?
    /// A placeholder in a published document leaves a party, a date or an amount undetermined: the clause cannot be applied as written.
    ///
    /// ## Example
    ///     本サービスの利用料金は、月額●●円とします。
    ///
    /// Use instead:
    ///     本サービスの利用料金は、月額５，０００円とします。
    pub struct Placeholder;
    static PLACEHOLDER = ("Y606", "placeholder", Error, "a drafting placeholder left in the text: ●●, 〇〇, ○○, ××, ＿＿, 【　】, [ ]");
}

static PLACEHOLDER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // A date to fill in: ○年○月○日, 令和○年, ○月○日 (〇 alone before 年 may be a
        // kanji zero, so an era year written 令和〇〇年 needs its month to count).
        r"(?P<date>(?:(?:令和|平成|昭和|西暦)[ 　]*)?[○◯〇●×＿]+[ 　]*年[ 　]*[○◯〇●×＿]+[ 　]*月(?:[ 　]*[○◯〇●×＿]+[ 　]*日)?",
        r"|(?:令和|平成|昭和|西暦)[ 　]*[○◯●×＿]+[ 　]*年|[○◯〇●×＿]+[ 　]*月[ 　]*[○◯〇●×＿]+[ 　]*日)",
        r"|(?P<xx>[0-9０-９]{2}(?:XX|ＸＸ|xx|ｘｘ)年)",
        r"|(?P<run>●{2,}|○{2,}|◯{2,}|〇{2,}|×{2,}|✕{2,}|△{2,}|▲{2,}|＿{2,}|＊{3,})",
        r"|(?P<box>【[ 　]*】|［[ 　]*］|\[[ 　]+\])",
        // The bound on a template's name is [`TEMPLATE_NAME`], checked on the match: the
        // pattern's `{0,80}` would be 80 copies of the class, twice (forward and reverse),
        // and cost more to build than the rest of the pattern (about 8 M instructions).
        r"|(?P<tpl>\$\{[^{}\n]*\}|\{\{[^{}\n]*\}\})",
    ))
    .expect("placeholder regex")
});

/// The longest name between the braces of a template placeholder (`${期間}`, `{{name}}`),
/// in characters.
const TEMPLATE_NAME: usize = 80;

/// Is a `tpl` match a template placeholder: its name no longer than [`TEMPLATE_NAME`]?
/// The name holds no brace, so a match is the only one that can start where it starts:
/// one too long means no placeholder starts there, as `{0,80}` in the pattern would say.
fn template_within_bounds(m: &str) -> bool {
    let close = if m.starts_with('$') { 1 } else { 2 };
    m.get(2..m.len() - close)
        .is_some_and(|name| name.chars().count() <= TEMPLATE_NAME)
}

/// Does `text` hold a character every match of [`PLACEHOLDER_RE`] holds one of: a blank
/// mark (○◯〇●×＿ ✕△▲＊), an X of ＸＸ年, a bracket of a box (【［[) or a brace of a
/// template? The marks among the symbols ([`crate::text::symbols`]) are read there; the
/// others (×, U+00D7, and the geometric shapes and ✕ of U+25xx and U+27xx) are looked for
/// only where their first bytes (C3, E2) stand, rare in Japanese text.
fn holds_a_mark(text: &str) -> bool {
    crate::text::symbols(text).any(|(_, c)| {
        matches!(
            c,
            '〇' | '【' | '＿' | '＊' | '［' | 'Ｘ' | 'ｘ' | '[' | '{' | 'X' | 'x'
        )
    }) || (memchr::memchr2(0xC3, 0xE2, text.as_bytes()).is_some()
        && text.contains(['×', '○', '◯', '●', '△', '▲', '✕']))
}

/// The drafting placeholders in a text, as byte ranges.
fn placeholders(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Most texts hold none: asking first needs no capture groups (which `captures_iter`
    // allocates on every call) and stops at the first candidate; a text without one of the
    // marks every match holds is not searched at all.
    if !holds_a_mark(text) || !PLACEHOLDER_RE.is_match(text) {
        return out;
    }
    let mut at = 0;
    while let Some(c) = PLACEHOLDER_RE.captures_at(text, at) {
        let Some(m) = c.get(0) else { break };
        // Every placeholder holds two characters or more: the next search starts where
        // this match ends (as `captures_iter` would), or, for a template too long to be
        // one, at the next character (a placeholder may stand inside it).
        at = m.end();
        if c.name("tpl").is_some() && !template_within_bounds(m.as_str()) {
            at = m.start() + char_after(text, m.start()).map_or(1, char::len_utf8);
            continue;
        }
        let before = char_before(text, m.start());
        let after = char_after(text, m.end());
        if c.name("date").is_some() {
            // 二〇年〇月: the year is a number after all.
            if before.is_some_and(is_numeral) || after.is_some_and(is_numeral) {
                continue;
            }
        } else if c.name("run").is_some() {
            let first = m.as_str().chars().next().unwrap_or(' ');
            if matches!(first, '〇' | '○' | '◯') {
                // The kanji zero (二〇二四年, 一〇〇円, 二○二四年 typed with ○).
                if before.is_some_and(is_numeral) || after.is_some_and(is_numeral) {
                    continue;
                }
                // A group of a kanji number written with separators: 四、〇〇〇 (4,000),
                // 一，〇〇〇ミリグラム.
                let separator = |c: char| matches!(c, '、' | '，' | ',' | '・' | '．');
                let grouped_before = before.is_some_and(separator)
                    && char_before(text, m.start() - before.map_or(0, char::len_utf8))
                        .is_some_and(is_kanji_numeral);
                let grouped_after = after.is_some_and(separator)
                    && char_after(text, m.end() + after.map_or(0, char::len_utf8))
                        .is_some_and(is_kanji_numeral);
                if first == '〇' && (grouped_before || grouped_after) {
                    continue;
                }
                if first == '〇' && after.is_some_and(|a| matches!(a, '年' | '円' | '号' | '条'))
                {
                    continue;
                }
            }
            // A line of symbols alone is a separator, not a placeholder.
            if m.as_str().chars().count() >= 3 && text.trim() == m.as_str() {
                continue;
            }
        } else if c.name("box").is_some() {
            // - [ ] at the start of a line is a Markdown check box; name[ ] is code.
            if m.as_str().starts_with('[')
                && (text[..m.start()].trim().is_empty()
                    || before.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, '_' | '`')))
            {
                continue;
            }
        }
        out.push(m.range());
    }
    out
}

/// Words that mark a sample to copy (出典記載例, 記入例, （例）): its ○○ are the blanks the
/// reader fills in, not the drafter's. Each holds 例 (`example_start` relies on it).
const EXAMPLE_MARKS: [&str; 11] = [
    "記載例",
    "記入例",
    "書式例",
    "表示例",
    "入力例",
    "文例",
    "（例）",
    "(例)",
    "【例】",
    "例：",
    "例:",
];

/// 例, which every mark of [`EXAMPLE_MARKS`] holds.
static EXAMPLE_SAID: crate::text::Words = crate::text::Words::new(&["例"]);

/// Where the example starts in a provision's text: 0 when its caption marks it, else the
/// first mark in the text (期間: ${期間} （例: 2020年10月01日…）: the blank before the
/// mark is the drafter's).
fn example_start(p: &Provision) -> Option<usize> {
    let caption = p.caption.as_deref().unwrap_or_default();
    // Every mark holds 例: a text without one holds no mark (most texts).
    if caption.contains('例') && EXAMPLE_MARKS.iter().any(|m| caption.contains(m)) {
        return Some(0);
    }
    if !EXAMPLE_SAID.said_in(&p.text) {
        return None;
    }
    EXAMPLE_MARKS.iter().filter_map(|m| p.text.find(m)).min()
}

/// The provisions that are, or stand in, an example, with the offset of their text the
/// example starts at: one that names itself a sample (from the mark on), its children,
/// and the provision right after a short line that announces one (出典記載例).
fn example_provisions(doc: &Document) -> HashMap<*const Provision, usize> {
    let mut out = HashMap::new();
    let mut stack: Vec<(&[Provision], bool)> = vec![(&doc.provisions, false), (&doc.suppl, false)];
    while let Some((siblings, inside)) = stack.pop() {
        let mut announced = false;
        for p in siblings {
            let start = if inside || announced {
                Some(0)
            } else {
                example_start(p)
            };
            let example = start.is_some();
            if let Some(start) = start {
                out.insert(std::ptr::from_ref(p), start);
            }
            let t = p.text.trim_end_matches([' ', '　', '：', ':']);
            announced = t.chars().count() <= 20 && t.ends_with('例') && p.children.is_empty();
            stack.push((&p.children, example));
        }
    }
    out
}

violation! {
    /// A drafting placeholder left in the text, or in the `title`.
    struct Left { written: String, title: bool }

    fn message(&self) -> String {
        let place = if self.title { "title" } else { "text" };
        format!(
            "drafting placeholder 「{}」 left in the {place}",
            self.written
        )
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    const HELP: &str = "fill in the placeholder or remove it before the document is published";
    out.per_document(&corpus.docs, |d, doc, out| {
        // The title line (●●サービス利用規約) is no provision; its range is the source's.
        let title = doc
            .source
            .text
            .get(doc.title_range.clone())
            .unwrap_or_default();
        for r in placeholders(title) {
            let at = doc.title_range.start + r.start..doc.title_range.start + r.end;
            let written = &title[r];
            let left = Left {
                written: written.to_string(),
                title: true,
            };
            out.push(Finding::of(d, at, "", &left).help(HELP));
        }
        let examples = example_provisions(doc);
        for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
            let example = examples.get(&std::ptr::from_ref(p)).copied();
            for r in placeholders(&p.text) {
                if example.is_some_and(|start| r.start >= start) {
                    continue;
                }
                let written = &p.text[r.clone()];
                let at = p.text_map.src_range(r.clone());
                if doc.title_range.start <= at.start && at.end <= doc.title_range.end {
                    continue; // reported for the title
                }
                let left = Left {
                    written: written.to_string(),
                    title: false,
                };
                out.push(Finding::of(d, at, &p.path, &left).help(HELP));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// A text without one of the marks is one the pattern finds nothing in.
        #[test]
        fn a_text_the_pattern_matches_holds_a_mark(
            text in "[○◯〇●×＿ＸｘXx✕△▲＊【】［］\\[\\]{}$年月日令和 　あ0０]{0,12}",
        ) {
            if super::PLACEHOLDER_RE.is_match(&text) {
                proptest::prop_assert!(super::holds_a_mark(&text), "{}", text);
            }
        }
    }

    #[test]
    fn each_kind_of_placeholder_holds_a_mark() {
        for text in [
            "○年○月○日",
            "令和●年",
            "20XX年",
            "２０ｘｘ年",
            "●●",
            "××",
            "✕✕",
            "△△",
            "▲▲",
            "＿＿",
            "＊＊＊",
            "【　】",
            "［ ］",
            "[ ]",
            "${期間}",
            "{{name}}",
        ] {
            assert!(super::PLACEHOLDER_RE.is_match(text), "{text}");
            assert!(super::holds_a_mark(text), "{text}");
        }
        assert!(!super::holds_a_mark(
            "本規約は、当社が提供するサービスに適用されます。"
        ));
    }
    #[test]
    fn every_example_mark_holds_the_character_the_scan_looks_for() {
        assert!(super::EXAMPLE_MARKS.iter().all(|m| m.contains('例')));
    }

    /// Template placeholders are those the pattern with the bound written in it finds
    /// (`{0,80}` on the name), matches after a too long one included.
    #[test]
    fn templates_are_bounded_as_the_pattern_with_the_bound_would_bound_them() {
        let bounded = regex::Regex::new(r"\$\{[^{}\n]{0,80}\}|\{\{[^{}\n]{0,80}\}\}").unwrap();
        let long = "あ".repeat(80);
        let longer = "あ".repeat(81);
        let texts = [
            format!("期間: ${{{long}}} まで"),
            format!("期間: ${{{longer}}} まで"),
            format!("{{{{{long}}}}}と{{{{{longer}}}}}"),
            format!("${{{longer}${{名前}}}}"),
            format!("${{{}●●{}}}", "い".repeat(40), "う".repeat(41)),
            format!("{{{{{longer}}}}} ${{x}} {{{{y}}}} ${{}}"),
            "${改行\nのある名前}".to_string(),
        ];
        for text in &texts {
            let found: Vec<_> = super::placeholders(text)
                .into_iter()
                .filter(|r| text[r.clone()].starts_with(['$', '{']))
                .collect();
            let expected: Vec<_> = bounded.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(found, expected, "{text}");
        }
        // The placeholder inside a too long template is still found.
        let text = &texts[4];
        let inner = text.find("●●").unwrap();
        assert!(super::placeholders(text).contains(&(inner..inner + "●●".len())));
    }
}
