//! Style rules (Y6xx): how the running text is written — digit widths, counters,
//! politeness, dates, stray spaces, placeholders, weekdays, conjunction hierarchy.

mod conjunction_hierarchy;
mod counter_variant;
mod invalid_date;
mod mixed_digit_width;
mod mixed_politeness;
mod placeholder;
mod stray_space;
mod weekday_mismatch;

use crate::corpus::Corpus;
use crate::lint::facts::dates::{
    char_after, char_before, dates, days_in_month, era_of, is_kanji_numeral, is_numeral, weekday,
    write_number, DateMatch, NumStyle, ERAS,
};
use crate::lint::{Finding, Findings, Rule};
use crate::model::{Provision, ProvisionKind};
use crate::text::{is_full_width_digit, is_hiragana, is_japanese, is_kanji};
pub use conjunction_hierarchy::ConjunctionHierarchy;
pub use counter_variant::CounterVariant;
pub use invalid_date::InvalidDate;
pub use mixed_digit_width::MixedDigitWidth;
pub use mixed_politeness::MixedPoliteness;
pub use placeholder::Placeholder;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
pub use stray_space::StraySpace;
pub use weekday_mismatch::WeekdayMismatch;

pub(super) const RULES: &[&dyn Rule] = &[
    &MixedDigitWidth,
    &CounterVariant,
    &MixedPoliteness,
    &InvalidDate,
    &StraySpace,
    &Placeholder,
    &WeekdayMismatch,
    &ConjunctionHierarchy,
];

// ---------------------------------------------------------------------------------
// Shared helpers.

/// Opening brackets: text inside them is a parenthetical or a quotation, not the main
/// sentence.
fn is_open_bracket(c: char) -> bool {
    matches!(
        c,
        '（' | '(' | '「' | '『' | '【' | '〔' | '［' | '[' | '｛' | '{' | '〈' | '《' | '“'
    )
}

fn is_close_bracket(c: char) -> bool {
    matches!(
        c,
        '）' | ')' | '」' | '』' | '】' | '〕' | '］' | ']' | '｝' | '}' | '〉' | '》' | '”'
    )
}

/// The sentences of a text, split at every 。 outside brackets (so 「（…問わない。）」 stays
/// inside its sentence). Each range includes its 。; the flag says whether it has one.
fn main_sentences(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut depth = 0u32;
    let mut start = 0;
    // Every bracket and 。 is a symbol: the kana and kanji between them are skipped.
    for (i, c) in crate::text::symbols(text) {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth = depth.saturating_sub(1);
        } else if c == '。' && depth == 0 {
            let end = i + c.len_utf8();
            out.push((start..end, true));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start..text.len(), false));
    }
    out
}

/// Provisions whose text is running prose: not tables, rows (definition cells) or text
/// the parser could not place.
fn is_prose(p: &Provision) -> bool {
    !matches!(
        p.kind,
        ProvisionKind::Table | ProvisionKind::Row | ProvisionKind::Unplaced
    ) && !p.text.is_empty()
}

/// Why a date does not exist, and what to write instead (if known).
fn date_problem(d: &DateMatch) -> Option<(String, Option<String>)> {
    if let (Some(era), Some((y, style))) = (d.era, d.year) {
        if y == 0 {
            return Some((
                format!(
                    "there is no year 0 of {} (its first year is {}元年)",
                    era.name, era.name
                ),
                None,
            ));
        }
        if let Some(last) = era.last {
            let last_year = (last.0 - era.offset) as u32;
            if y > last_year {
                let g = era.offset + y as i32;
                let help = in_its_era(g, d.month, d.day, style).map(|r| {
                    format!(
                        "{}{}年 would be {g}: write {r}",
                        era.name,
                        era_year_text(y, style)
                    )
                });
                return Some((
                    format!(
                        "{} ended in its year {} ({}{}年, {}); there is no {}{}年",
                        era.name,
                        last_year,
                        era.name,
                        era_year_text(last_year, style),
                        last.0,
                        era.name,
                        era_year_text(y, style)
                    ),
                    help,
                ));
            }
        }
    }
    let month = d.month?;
    if !(1..=12).contains(&month) {
        return Some((format!("there is no month {month}"), None));
    }
    let gy = d.gregorian_year();
    if let Some(day) = d.day {
        let max = days_in_month(gy, month);
        if day == 0 || day > max {
            let why = match (month, gy) {
                _ if day == 0 => "there is no day 0 of a month".to_string(),
                (2, Some(y)) => format!("February {y} has {max} days"),
                (2, None) => "February has at most 29 days".to_string(),
                _ => format!(
                    "{} has {max} days",
                    MONTHS_EN
                        .get((month - 1) as usize)
                        .copied()
                        .unwrap_or("that month")
                ),
            };
            return Some((why, None));
        }
    }
    // A date outside its era: 平成31年5月1日 is 令和元年5月1日.
    if let (Some(era), Some(g), Some((_, style))) = (d.era, gy, d.year) {
        let date = (g, month, d.day.unwrap_or(1));
        let before = match d.day {
            Some(day) => (g, month, day) < era.first,
            None => (g, month) < (era.first.0, era.first.1),
        };
        let after = era.last.is_some_and(|l| match d.day {
            Some(day) => (g, month, day) > l,
            None => (g, month) > (l.0, l.1),
        });
        if before || after {
            let bound = if before {
                format!("{} began on {}", era.name, ymd(era.first))
            } else {
                format!(
                    "{} ended on {}",
                    era.name,
                    era.last.map(ymd).unwrap_or_default()
                )
            };
            let help = in_its_era(date.0, Some(month), d.day, style).map(|r| format!("write {r}"));
            return Some((format!("{bound}; the date is not in {}", era.name), help));
        }
    }
    None
}

/// A Gregorian date written in its own era: 令和二年四月一日.
fn in_its_era(g: i32, month: Option<u32>, day: Option<u32>, style: NumStyle) -> Option<String> {
    let e = era_of((g, month.unwrap_or(12), day.unwrap_or(31)))?;
    let mut s = format!(
        "{}{}年",
        e.name,
        era_year_text((g - e.offset).max(1) as u32, style)
    );
    if let Some(m) = month {
        s.push_str(&format!("{}月", write_number(m, style)));
        if let Some(d) = day {
            s.push_str(&format!("{}日", write_number(d, style)));
        }
    }
    Some(s)
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn ymd(d: (i32, u32, u32)) -> String {
    format!("{}-{:02}-{:02}", d.0, d.1, d.2)
}

/// An era year: 元 for the first year.
fn era_year_text(y: u32, style: NumStyle) -> String {
    if y == 1 {
        "元".to_string()
    } else {
        write_number(y, style)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Politeness {
    /// である調
    Plain,
    /// です・ます調
    Polite,
}

impl Politeness {
    fn name(self) -> &'static str {
        match self {
            Politeness::Plain => "である調",
            Politeness::Polite => "です・ます調",
        }
    }
}

const POLITE_ENDS: [&str; 8] = [
    "ます",
    "ません",
    "です",
    "でした",
    "ました",
    "ましょう",
    "ください",
    "でしょう",
];
const PLAIN_ENDS: [&str; 14] = [
    "である",
    "だ",
    "ない",
    "る",
    "う",
    "く",
    "ぐ",
    "す",
    "つ",
    "ぬ",
    "ぶ",
    "む",
    "い",
    "た",
];

/// Strip parentheticals that close a sentence (…とする（以下同じ）。 → …とする). None when
/// the sentence ends in a quotation or the brackets do not pair.
fn strip_trailing_parentheticals(mut body: &str) -> Option<&str> {
    for _ in 0..4 {
        body = body.trim_end_matches([' ', '　']);
        let last = body.chars().next_back()?;
        if matches!(last, '」' | '』' | '”' | '】' | '］' | ']') {
            return None;
        }
        if !matches!(last, '）' | ')' | '〕') {
            return Some(body);
        }
        let mut depth = 0i32;
        let mut open = None;
        for (i, c) in body.char_indices().rev() {
            if is_close_bracket(c) {
                depth += 1;
            } else if is_open_bracket(c) {
                depth -= 1;
                if depth == 0 {
                    open = Some(i);
                    break;
                }
            }
        }
        body = &body[..open?];
    }
    None
}

/// The style of a sentence (its text without 。) and the range of its final predicate
/// (with the 。 that follows the text).
fn sentence_style(body: &str) -> Option<(Politeness, Range<usize>)> {
    let full_len = body.len();
    let body = strip_trailing_parentheticals(body)?;
    let h_start = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_hiragana(*c))
        .last()
        .map(|(i, _)| i)?;
    let h = &body[h_start..];
    let style = if POLITE_ENDS.iter().any(|e| h.ends_with(e)) || body.ends_with("下さい") {
        Politeness::Polite
    } else if PLAIN_ENDS.iter().any(|e| h.ends_with(e)) {
        Politeness::Plain
    } else {
        return None;
    };
    // The predicate: とする / とします; else after the last particle of the trailing kana
    // (こと|が|できる); else with the kanji of its stem (定|める, 提供|します).
    // (Not や, も: 増やす, もらう.)
    const PARTICLES: [char; 5] = ['を', 'に', 'が', 'は', 'の'];
    let mut start = h_start;
    if let Some(suffix) = ["とする", "とします", "としない", "としません"]
        .iter()
        .find(|x| h.ends_with(**x))
    {
        start = body.len() - suffix.len();
    } else if let Some((i, c)) = h.char_indices().rev().find(|(_, c)| PARTICLES.contains(c)) {
        let s = h_start + i + c.len_utf8();
        if s < body.len() {
            start = s;
        }
    } else {
        let stem: Vec<usize> = body[..h_start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_kanji(*c))
            .map(|(i, _)| i)
            .take(3)
            .collect();
        // A kanji compound + する (提供します) keeps two kanji; a native verb (別途|定める) one.
        let keep = if stem.len() <= 2 {
            stem.len()
        } else if h.starts_with(['し', 'さ', 'す', 'せ']) {
            2
        } else {
            1
        };
        if let Some(i) = keep.checked_sub(1).and_then(|k| stem.get(k)) {
            start = *i;
        }
    }
    // The predicate with its 。, unless a parenthetical stands between them.
    let end = if body.len() == full_len {
        full_len + '。'.len_utf8()
    } else {
        body.len()
    };
    Some((style, start..end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Manifest;
    use crate::lint::facts::dates::{is_leap, parse_number};
    use crate::source::SourceFile;
    use std::sync::Arc;

    /// The findings of one rule on one document: (span text, message).
    fn run(rule: &dyn Rule, text: &str) -> Vec<(String, String)> {
        let doc = crate::parse_text_source(Arc::new(SourceFile::from_text("t.txt", text)));
        let corpus = Corpus::link(vec![doc], Manifest::default(), None, String::new());
        let mut out = Findings::default();
        rule.check(&crate::lint::facts::Facts::new(&corpus), &mut out);
        let src = &corpus.docs[0].source.text;
        out.items
            .iter()
            .map(|f| (src[f.range.clone()].to_string(), f.message.clone()))
            .collect()
    }

    fn doc(body: &str) -> String {
        format!("テスト約款\n\n第１条（目的）\n{body}\n")
    }

    #[test]
    fn numbers_in_every_notation() {
        assert_eq!(parse_number("二〇二四"), Some(2024));
        assert_eq!(parse_number("二千二十四"), Some(2024));
        assert_eq!(parse_number("三十一"), Some(31));
        assert_eq!(parse_number("十二"), Some(12));
        assert_eq!(parse_number("１２"), Some(12));
        assert_eq!(parse_number("二三十"), None);
        assert_eq!(write_number(31, NumStyle::Kanji), "三十一");
        assert_eq!(write_number(2024, NumStyle::Kanji), "二千二十四");
        assert_eq!(write_number(12, NumStyle::Full), "１２");
    }

    #[test]
    fn weekdays_and_leap_years() {
        assert_eq!(weekday(2024, 4, 23), 2);
        assert_eq!(weekday(2000, 2, 29), 2);
        assert_eq!(weekday(1873, 1, 1), 3);
        assert_eq!(weekday(2019, 5, 1), 3);
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(2100) && !is_leap(2023));
    }

    fn problem(text: &str) -> Option<String> {
        let ds = dates(text);
        assert_eq!(ds.len(), 1, "{text}");
        date_problem(&ds[0]).map(|(why, _)| why)
    }

    #[test]
    fn dates_that_do_not_exist() {
        // Two tables, a few dates a line.
        #[rustfmt::skip]
        let exist = [
            "令和六年四月一日", "２０２４年２月２９日", "二〇〇〇年二月二十九日", "２月２９日",
            "昭和６４年１月７日", "平成元年１月８日", "平成３１年４月３０日", "令和元年５月",
        ];
        #[rustfmt::skip]
        let missing = [
            "令和六年四月三十一日", "２１００年２月２９日", "2024年13月", "２月３０日",
            "昭和６４年１月８日", "平成３１年５月１日", "令和元年４月３０日", "明治４５年７月３０日",
            "大正１６年", "令和０年", "2024/2/30", "毎年13月",
        ];
        for text in exist {
            assert!(problem(text).is_none(), "{text}");
        }
        for text in missing {
            assert!(problem(text).is_some(), "{text}");
        }
        assert!(dates("13月分の賞与、第13月、18月間").is_empty());
        assert!(dates("1999-02-30").is_empty());
        // Durations and counters are no dates.
        assert!(dates("一年六月を経過する日")
            .iter()
            .all(|d| date_problem(d).is_none()));
        assert!(dates("１３か月").is_empty());
        assert!(dates("バージョン1.2024-13-45").is_empty());
    }

    #[test]
    fn sentence_ends() {
        let style = |s: &str| {
            sentence_style(s).map(|(st, r)| {
                (
                    st,
                    s.get(r.start..r.end.min(s.len()))
                        .unwrap_or_default()
                        .to_string(),
                )
            })
        };
        assert_eq!(
            style("当社は変更できるものとする"),
            Some((Politeness::Plain, "とする".into()))
        );
        assert_eq!(
            style("当社は変更できるものとします"),
            Some((Politeness::Polite, "とします".into()))
        );
        assert_eq!(
            style("責任を負いません（その原因の如何を問わない。）"),
            Some((Politeness::Polite, "負いません".into()))
        );
        assert_eq!(
            style("休憩の回数を増やす"),
            Some((Politeness::Plain, "増やす".into()))
        );
        assert_eq!(
            style("別途定める"),
            Some((Politeness::Plain, "定める".into()))
        );
        assert_eq!(style("お客様が支払わないとき"), None);
        assert_eq!(style("解約すること"), None);
        assert_eq!(style("前項の場合"), None);
        assert_eq!(style("「保守を完了した」"), None);
    }

    #[test]
    fn rules_on_small_documents() {
        let t = doc("本約款は、当社のサービ スを定めます。２　本約款の施行日は、２０２４年４月２３日（月）とし、料金は●●円とします。");
        assert_eq!(run(&StraySpace, &t).len(), 1);
        assert_eq!(run(&WeekdayMismatch, &t)[0].0, "（月）");
        assert_eq!(run(&Placeholder, &t)[0].0, "●●");
        let t = doc("西暦二〇二四年、一〇〇円、第一〇号、〇〇年、〇〇円、○印、二○二四年、一〇月一〇日、令和〇〇年");
        assert!(
            run(&Placeholder, &t).is_empty(),
            "{:?}",
            run(&Placeholder, &t)
        );
        let t = doc("令和〇年〇月〇日、○月○日、令和○○年度、20XX年、${name}、{{ 会社名 }}、［　］、××、＿＿＿");
        let found: Vec<String> = run(&Placeholder, &t).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            found,
            [
                "令和〇年〇月〇日",
                "○月○日",
                "令和○○年",
                "20XX年",
                "${name}",
                "{{ 会社名 }}",
                "［　］",
                "××",
                "＿＿＿"
            ]
        );
        let t = doc("甲若しくは乙は、丙並びに丁に通知する。甲又は乙は、丙若しくは丁に通知する。甲及び乙並びに丙は協議する。");
        let found = run(&ConjunctionHierarchy, &t);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn no_panic_on_odd_text() {
        let odd = [
            "",
            "。",
            "）」】",
            "（（（（",
            "年月日",
            "令和年月日",
            "９９９９９９９９９９年９９月９９日（月）",
            "平成元年（日）",
            "●",
            "${",
            "{{}}",
            "【",
            " 　 ",
            "ｶ月",
            "一か月曜",
            "並びに",
            "若しくは「",
            "２０２４/",
            "2024-1-",
        ];
        for s in odd {
            let t = doc(s);
            for r in RULES {
                let _ = run(*r, &t);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn no_panic_on_any_text(s in "[ 　。、（）「」【】\\[\\]{}$●○〇×＿＊年月日曜火水令和平成元0-9０-９一二三十並びに及若しくは又ヵヶか箇ますとるいサービスa-z\n]{0,80}") {
            let t = doc(&s);
            for r in RULES {
                let _ = run(*r, &t);
            }
        }
    }
}
