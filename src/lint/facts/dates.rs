//! Dates written in running text (年月日 with or without an era, 月日, 2024/4/1) and
//! what they stand for: the era table, the calendar, numerals as they are written. Read
//! by Y604 (dates that do not exist) and Y607 (the wrong weekday).

use crate::text::{is_full_width_digit, Words};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(crate) fn is_kanji_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
    )
}

pub(crate) fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_full_width_digit(c) || is_kanji_numeral(c)
}

/// How a number is written, to answer in the same style.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumStyle {
    Half,
    Full,
    Kanji,
}

pub(crate) fn num_style(s: &str) -> NumStyle {
    match s.chars().next() {
        Some(c) if c.is_ascii_digit() => NumStyle::Half,
        Some(c) if is_full_width_digit(c) => NumStyle::Full,
        _ => NumStyle::Kanji,
    }
}

/// The value of a number written in half-width, full-width or kanji numerals (二〇二四,
/// 二千二十四, 三十一). None when it is not a number or too large.
pub(crate) fn parse_number(s: &str) -> Option<u32> {
    if s.chars().count() > 8 {
        return None;
    }
    crate::parse::numeral::parse_number(s)
}

/// A number in the given style (kanji with units: 三十一, 二千二十四).
pub(crate) fn write_number(n: u32, style: NumStyle) -> String {
    match style {
        NumStyle::Half => n.to_string(),
        NumStyle::Full => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        NumStyle::Kanji => crate::parse::numeral::to_kanji(n).unwrap_or_else(|| n.to_string()),
    }
}

// ---------------------------------------------------------------------------------
// Dates (Y604, Y607).

/// A Japanese era (元号): its first and last day in the Gregorian calendar.
pub(crate) struct Era {
    pub(crate) name: &'static str,
    /// Gregorian year of its 元年 minus one.
    pub(crate) offset: i32,
    pub(crate) first: (i32, u32, u32),
    pub(crate) last: Option<(i32, u32, u32)>,
}

/// An era from its name, 元年 offset, first and last day (`None`: the current era).
const fn era(
    name: &'static str,
    offset: i32,
    first: (i32, u32, u32),
    last: Option<(i32, u32, u32)>,
) -> Era {
    Era {
        name,
        offset,
        first,
        last,
    }
}

pub(crate) const ERAS: [Era; 5] = [
    // 明治元年 counts from 1 January 1868 (the era was proclaimed retroactively).
    era("明治", 1867, (1868, 1, 1), Some((1912, 7, 29))),
    era("大正", 1911, (1912, 7, 30), Some((1926, 12, 24))),
    era("昭和", 1925, (1926, 12, 25), Some((1989, 1, 7))),
    era("平成", 1988, (1989, 1, 8), Some((2019, 4, 30))),
    era("令和", 2018, (2019, 5, 1), None),
];

pub(crate) fn era_named(name: &str) -> Option<&'static Era> {
    ERAS.iter().find(|e| e.name == name)
}

/// The era a Gregorian date falls in (from 1868).
pub(crate) fn era_of(date: (i32, u32, u32)) -> Option<&'static Era> {
    ERAS.iter().rev().find(|e| date >= e.first)
}

pub(crate) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month; without a year February has 29.
pub(crate) fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day of the week, 0 = Sunday (Sakamoto's method, proleptic Gregorian).
pub(crate) fn weekday(y: i32, m: u32, d: u32) -> usize {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let idx = (m as usize).saturating_sub(1).min(11);
    (y + y / 4 - y / 100 + y / 400 + T[idx] + d as i32).rem_euclid(7) as usize
}

/// A date written in a provision's text.
pub(crate) struct DateMatch {
    /// Byte range of the date (year or month through 日) in the provision text.
    pub(crate) range: Range<usize>,
    pub(crate) era: Option<&'static Era>,
    /// The year as written (in its era when there is one), and how it was written.
    pub(crate) year: Option<(u32, NumStyle)>,
    pub(crate) month: Option<u32>,
    pub(crate) day: Option<u32>,
    /// The bracketed weekday after the date: its range and the weekday written.
    pub(crate) weekday: Option<(Range<usize>, char)>,
}

impl DateMatch {
    /// The Gregorian year, when the date says it: an era year, or a Western year written
    /// with at least three digits (２０２４年, 二〇二四年; not 6年, which may be an era year).
    pub(crate) fn gregorian_year(&self) -> Option<i32> {
        let (y, _) = self.year?;
        match self.era {
            Some(e) => Some(e.offset + y as i32),
            None if y >= 1000 => Some(y as i32),
            None => None,
        }
    }
}

pub(crate) const DATE_NUM: &str = "[0-9０-９]{1,2}|[〇一二三四五六七八九十]{1,3}";

pub(crate) static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<era>明治|大正|昭和|平成|令和)[ 　]*|西暦[ 　]*)?(?P<y>元|[0-9０-９]{{1,4}}|[〇一二三四五六七八九十百千]{{1,7}})[ 　]*年(?:[ 　]*(?P<m>{n})[ 　]*月(?:[ 　]*(?P<d>{n})[ 　]*日)?)?|(?P<m2>{n})[ 　]*月[ 　]*(?P<d2>{n})[ 　]*日|(?P<iy>[0-9]{{4}})/(?P<im>[0-9]{{1,2}})/(?P<id>[0-9]{{1,2}})|(?P<m3>[0-9０-９]{{2}})月",
        n = DATE_NUM
    ))
    .expect("date regex")
});

pub(crate) static WEEKDAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ 　]*(?P<wd>[（(][ 　]*(?P<w>[月火水木金土日])(?:曜日|曜)?(?:[・･][祝休]日?)?[ 　]*[）)])").expect("weekday regex")
});

/// Every form of [`DATE_RE`] holds one of these: 年 (a year), 月 (月日, 13月) or the slash
/// of 2024/4/1. A text without any of them has no date, and most provisions have none,
/// so [`dates`] looks for them first (a fast byte search) instead of running the regex.
pub(crate) const DATE_MARKS: [&str; 3] = ["年", "月", "/"];
static DATE_MARKS_SAID: Words = Words::new(&DATE_MARKS);

/// Every date written in a text (年月日 with or without era, 月日, 2024/4/1, 13月).
pub(crate) fn dates(text: &str) -> Vec<DateMatch> {
    let mut out = Vec::new();
    if !DATE_MARKS_SAID.said_in(text) {
        return out;
    }
    for c in DATE_RE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let era = c.name("era").and_then(|m| era_named(m.as_str()));
        let mut date = if let Some(y) = c.name("y") {
            // A year that is the tail of a longer number (１２０２４年) is no year.
            if era.is_none() && char_before(text, whole.start()).is_some_and(is_numeral) {
                continue;
            }
            let year = if y.as_str() == "元" {
                if era.is_none() {
                    continue;
                }
                Some((1, NumStyle::Kanji))
            } else {
                parse_number(y.as_str()).map(|n| (n, num_style(y.as_str())))
            };
            DateMatch {
                range: whole.range(),
                era,
                year,
                month: c.name("m").and_then(|m| parse_number(m.as_str())),
                day: c.name("d").and_then(|m| parse_number(m.as_str())),
                weekday: None,
            }
        } else if let Some(m) = c.name("m2") {
            if char_before(text, whole.start()).is_some_and(is_numeral) {
                continue;
            }
            DateMatch {
                range: whole.range(),
                era: None,
                year: None,
                month: parse_number(m.as_str()),
                day: c.name("d2").and_then(|m| parse_number(m.as_str())),
                weekday: None,
            }
        } else if let Some(m) = c.name("m3") {
            // 13月 standing alone (not 第13月, 13月分, 18月間): only a month that cannot be.
            let month = parse_number(m.as_str()).unwrap_or(0);
            let before = char_before(text, whole.start());
            let after = char_after(text, whole.end());
            if month <= 12
                || before.is_some_and(|b| is_numeral(b) || b == '第' || b.is_ascii_alphabetic())
                || after.is_some_and(|a| matches!(a, '分' | '間' | '目' | '額' | '曜'))
            {
                continue;
            }
            DateMatch {
                range: whole.range(),
                era: None,
                year: None,
                month: Some(month),
                day: None,
                weekday: None,
            }
        } else {
            // 2024/4/1: only when it stands alone (not in a version, a path or a number).
            let before = char_before(text, whole.start());
            let after = char_after(text, whole.end());
            if before
                .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, '-' | '/' | '.' | '_'))
                || after.is_some_and(|a| a.is_ascii_alphanumeric() || matches!(a, '-' | '/' | '_'))
            {
                continue;
            }
            let year = c.name("iy").and_then(|m| parse_number(m.as_str()));
            if !year.is_some_and(|y| (1873..2200).contains(&y)) {
                continue;
            }
            DateMatch {
                range: whole.range(),
                era: None,
                year: year.map(|y| (y, NumStyle::Half)),
                month: c.name("im").and_then(|m| parse_number(m.as_str())),
                day: c.name("id").and_then(|m| parse_number(m.as_str())),
                weekday: None,
            }
        };
        if date.day.is_some() {
            if let Some(w) = text
                .get(whole.end()..)
                .and_then(|rest| WEEKDAY_RE.captures(rest))
            {
                if let (Some(wd), Some(ch)) = (
                    w.name("wd"),
                    w.name("w").and_then(|m| m.as_str().chars().next()),
                ) {
                    date.weekday = Some((whole.end() + wd.start()..whole.end() + wd.end(), ch));
                }
            }
        }
        out.push(date);
    }
    out
}

pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|t| t.chars().next_back())
}

pub(crate) fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().next())
}

/// Compiles the date patterns ahead of their first use ([`crate::lint::facts::warm_up`]).
pub(crate) fn warm_up() {
    for pattern in [&DATE_RE, &WEEKDAY_RE] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::{dates, DATE_MARKS, DATE_RE};

    /// The top-level alternatives of a pattern, each with the characters it holds outside
    /// any group or class (those every match of the alternative has, unless quantified).
    fn required_literals(pattern: &str) -> Vec<Vec<char>> {
        let mut alternatives = vec![Vec::new()];
        let (mut depth, mut in_class) = (0usize, false);
        let chars: Vec<char> = pattern.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '[' if !in_class => in_class = true,
                ']' if in_class => in_class = false,
                _ if in_class => {}
                '(' => depth += 1,
                ')' => depth -= 1,
                '|' if depth == 0 => alternatives.push(Vec::new()),
                _ if depth == 0 => {
                    let quantified = matches!(chars.get(i + 1), Some('?' | '*' | '{'));
                    if !quantified {
                        alternatives.last_mut().unwrap().push(c);
                    }
                }
                _ => {}
            }
        }
        alternatives
    }

    /// The prefilter of `dates` is exact only while every form of the date pattern needs
    /// one of the marks: a new form without one must add its mark.
    #[test]
    fn every_date_form_holds_a_mark() {
        let alternatives = required_literals(DATE_RE.as_str());
        assert_eq!(alternatives.len(), 4);
        for alt in alternatives {
            assert!(
                alt.iter()
                    .any(|c| DATE_MARKS.contains(&c.to_string().as_str())),
                "a date form without 年, 月 or /: {alt:?}"
            );
        }
        // The finders look for exactly the marks.
        for c in DATE_MARKS {
            assert!(super::DATE_MARKS_SAID.said_in(&format!("第{c}条")));
        }
        assert!(!super::DATE_MARKS_SAID.said_in("令和六日、２０２４・４・１"));
        // A text without the marks has no date; with one it may.
        assert!(dates("令和六年四日、２０２４・４・１").len() == 1);
        assert!(dates("二〇二四、四日、2024-4-1").is_empty());
        assert_eq!(dates("2024/4/1").len(), 1);
    }

    /// Y607 reads the dates only of texts with an opening bracket: a weekday is read only
    /// in brackets, and only after a day (…日, or 2024/4/1).
    #[test]
    fn a_weekday_needs_a_bracket_and_a_day() {
        assert!(super::WEEKDAY_RE.as_str().contains("[（(]"));
        for text in [
            "2024/4/1(月)",
            "２０２４年４月２３日（火）",
            "4月1日 （月・祝）",
            "令和6年4月1日(月曜日)",
        ] {
            let ds = dates(text);
            assert!(ds.iter().any(|d| d.weekday.is_some()), "{text}");
        }
        for text in ["２０２４年４月（火）", "13月（月）", "令和6年（月）"] {
            assert!(dates(text).iter().all(|d| d.weekday.is_none()), "{text}");
        }
    }
}
