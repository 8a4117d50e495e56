//! Y606 `placeholder`: the rule's text is the doc comment of [`Placeholder`].

use super::*;

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
        r"|(?P<tpl>\$\{[^{}\n]{0,80}\}|\{\{[^{}\n]{0,80}\}\})",
    ))
    .expect("placeholder regex")
});

/// The drafting placeholders in a text, as byte ranges.
fn placeholders(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for c in PLACEHOLDER_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
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

impl Rule for Placeholder {
    fn meta(&self) -> &'static RuleMeta {
        &PLACEHOLDER
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        const HELP: &str = "fill in the placeholder or remove it before the document is published";
        for (d, doc) in corpus.docs.iter().enumerate() {
            // The title line (●●サービス利用規約) is no provision; its range is the source's.
            let title = doc
                .source
                .text
                .get(doc.title_range.clone())
                .unwrap_or_default();
            for r in placeholders(title) {
                let at = doc.title_range.start + r.start..doc.title_range.start + r.end;
                let written = &title[r];
                out.push(
                    Finding::new(
                        d,
                        at,
                        "",
                        format!("drafting placeholder 「{written}」 left in the title"),
                    )
                    .help(HELP),
                );
            }
            for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
                for r in placeholders(&p.text) {
                    let written = &p.text[r.clone()];
                    let at = p.text_map.src_range(r.clone());
                    if doc.title_range.start <= at.start && at.end <= doc.title_range.end {
                        continue; // reported for the title
                    }
                    out.push(
                        Finding::new(
                            d,
                            at,
                            &p.path,
                            format!("drafting placeholder 「{written}」 left in the text"),
                        )
                        .help(HELP),
                    );
                }
            }
        }
    }
}
