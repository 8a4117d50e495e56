//! Style rules (Y6xx): how the running text is written — digit widths, counters,
//! politeness, dates, stray spaces, placeholders, weekdays, conjunction hierarchy.

use crate::corpus::Corpus;
use crate::lint::{Finding, Findings, Rule, RuleMeta};
use crate::model::{Provision, ProvisionKind};
use crate::text::{is_full_width_digit, is_hiragana, is_japanese, is_kanji};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

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

/// A run of digits in a provision's text.
struct DigitRun {
    full_width: bool,
    /// Byte range in the provision text.
    start: usize,
    end: usize,
}

fn digit_runs(text: &str) -> Vec<DigitRun> {
    let mut runs = Vec::new();
    let mut cur: Option<DigitRun> = None;
    for (i, c) in text.char_indices() {
        let fw = is_full_width_digit(c);
        let hw = c.is_ascii_digit();
        match (&mut cur, fw || hw) {
            (Some(r), true) if r.full_width == fw => r.end = i + c.len_utf8(),
            (_, true) => {
                if let Some(r) = cur.take() {
                    runs.push(r);
                }
                cur = Some(DigitRun {
                    full_width: fw,
                    start: i,
                    end: i + c.len_utf8(),
                });
            }
            (_, false) => {
                if let Some(r) = cur.take() {
                    runs.push(r);
                }
            }
        }
    }
    runs.extend(cur);
    // Digits inside Latin words (ISO27001, IPv4, Windows10) are half-width by nature.
    runs.retain(|r| {
        let before = text[..r.start].chars().last();
        let after = text[r.end..].chars().next();
        let latin = |c: Option<char>| {
            c.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '_' | '/' | ':'))
        };
        r.full_width || !(latin(before) || latin(after))
    });
    runs
}

declare_rule! {
    /// ## What it does
    /// Finds digits written half-width (1年間) in a document that otherwise writes them full-width (１ヵ月), or the other way round.
    ///
    /// ## Why is this bad?
    /// Mixed digit widths are a sign of text pasted from another source; they make search, diff and a 新旧対照表 noisy and look careless in a published document.
    ///
    /// ## Example
    ///     利用期間は、サービス開始日より 1年間とし、満了の日の１ヵ月前までに…
    ///
    /// Use instead:
    ///     利用期間は、サービス開始日より１年間とし、満了の日の１ヵ月前までに…
    pub struct MixedDigitWidth;
    static MIXED_DIGIT_WIDTH = ("Y601", "mixed-digit-width", Warning, "full-width and half-width digits mixed in running text (１ヵ月 … 1年間)");
}

impl Rule for MixedDigitWidth {
    fn meta(&self) -> &'static RuleMeta {
        &MIXED_DIGIT_WIDTH
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let provisions: Vec<_> = doc
                .all_provisions()
                .filter(|p| !p.text.is_empty())
                .collect();
            let runs: Vec<(usize, DigitRun)> = provisions
                .iter()
                .enumerate()
                .flat_map(|(i, p)| digit_runs(&p.text).into_iter().map(move |r| (i, r)))
                .collect();
            let full = runs.iter().filter(|(_, r)| r.full_width).count();
            let half = runs.len() - full;
            if full == 0 || half == 0 {
                continue;
            }
            // The minority width is the odd one out; on a tie, half-width.
            let flag_full = full < half;
            let example = runs
                .iter()
                .find(|(_, r)| r.full_width != flag_full)
                .map(|(i, r)| {
                    let t = &provisions[*i].text;
                    let end = t[r.end..]
                        .char_indices()
                        .nth(2)
                        .map_or(t.len(), |(k, _)| r.end + k);
                    t[r.start..end].to_string()
                });
            for (i, r) in runs.iter().filter(|(_, r)| r.full_width == flag_full) {
                let p = provisions[*i];
                let range = p.text_map.src_range(r.start..r.end);
                let digits = &p.text[r.start..r.end];
                let (this, other) = if flag_full {
                    ("full-width", "half-width")
                } else {
                    ("half-width", "full-width")
                };
                let converted: String = digits
                    .chars()
                    .map(|c| {
                        if flag_full {
                            char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                        } else {
                            char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
                        }
                    })
                    .collect();
                let mut f = Finding::new(d, range.clone(), &p.path, format!("「{digits}」 is written with {this} digits; this document writes digits {other}"))
                    .note(format!("{} runs of digits are {other}, {} {this}", if flag_full { half } else { full }, if flag_full { full } else { half }))
                    .help(format!("write 「{converted}」"));
                if let Some(e) = &example {
                    f = f.note(format!("for example 「{e}」"));
                }
                if doc.source.text.get(range.clone()) == Some(digits) {
                    f = f.fix(range, converted);
                }
                out.push(f);
            }
        }
    }
}

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
    for (i, c) in text.char_indices() {
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

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|t| t.chars().next_back())
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().next())
}

fn is_kanji_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
    )
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_full_width_digit(c) || is_kanji_numeral(c)
}

/// How a number is written, to answer in the same style.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NumStyle {
    Half,
    Full,
    Kanji,
}

fn num_style(s: &str) -> NumStyle {
    match s.chars().next() {
        Some(c) if c.is_ascii_digit() => NumStyle::Half,
        Some(c) if is_full_width_digit(c) => NumStyle::Full,
        _ => NumStyle::Kanji,
    }
}

/// The value of a number written in half-width, full-width or kanji numerals (二〇二四,
/// 二千二十四, 三十一). None when it is not a number or too large.
fn parse_number(s: &str) -> Option<u32> {
    if s.chars().count() > 8 {
        return None;
    }
    crate::parse::numeral::parse_number(s)
}

/// A number in the given style (kanji with units: 三十一, 二千二十四).
fn write_number(n: u32, style: NumStyle) -> String {
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
struct Era {
    name: &'static str,
    /// Gregorian year of its 元年 minus one.
    offset: i32,
    first: (i32, u32, u32),
    last: Option<(i32, u32, u32)>,
}

const ERAS: [Era; 5] = [
    // 明治元年 counts from 1 January 1868 (the era was proclaimed retroactively).
    Era {
        name: "明治",
        offset: 1867,
        first: (1868, 1, 1),
        last: Some((1912, 7, 29)),
    },
    Era {
        name: "大正",
        offset: 1911,
        first: (1912, 7, 30),
        last: Some((1926, 12, 24)),
    },
    Era {
        name: "昭和",
        offset: 1925,
        first: (1926, 12, 25),
        last: Some((1989, 1, 7)),
    },
    Era {
        name: "平成",
        offset: 1988,
        first: (1989, 1, 8),
        last: Some((2019, 4, 30)),
    },
    Era {
        name: "令和",
        offset: 2018,
        first: (2019, 5, 1),
        last: None,
    },
];

fn era_named(name: &str) -> Option<&'static Era> {
    ERAS.iter().find(|e| e.name == name)
}

/// The era a Gregorian date falls in (from 1868).
fn era_of(date: (i32, u32, u32)) -> Option<&'static Era> {
    ERAS.iter().rev().find(|e| date >= e.first)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month; without a year February has 29.
fn days_in_month(year: Option<i32>, month: u32) -> u32 {
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
fn weekday(y: i32, m: u32, d: u32) -> usize {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let idx = (m as usize).saturating_sub(1).min(11);
    (y + y / 4 - y / 100 + y / 400 + T[idx] + d as i32).rem_euclid(7) as usize
}

const WEEKDAYS: [char; 7] = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A date written in a provision's text.
struct DateMatch {
    /// Byte range of the date (year or month through 日) in the provision text.
    range: Range<usize>,
    era: Option<&'static Era>,
    /// The year as written (in its era when there is one), and how it was written.
    year: Option<(u32, NumStyle)>,
    month: Option<u32>,
    day: Option<u32>,
    /// The bracketed weekday after the date: its range and the weekday written.
    weekday: Option<(Range<usize>, char)>,
}

impl DateMatch {
    /// The Gregorian year, when the date says it: an era year, or a Western year written
    /// with at least three digits (２０２４年, 二〇二四年; not 6年, which may be an era year).
    fn gregorian_year(&self) -> Option<i32> {
        let (y, _) = self.year?;
        match self.era {
            Some(e) => Some(e.offset + y as i32),
            None if y >= 1000 => Some(y as i32),
            None => None,
        }
    }
}

const DATE_NUM: &str = "[0-9０-９]{1,2}|[〇一二三四五六七八九十]{1,3}";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<era>明治|大正|昭和|平成|令和)[ 　]*|西暦[ 　]*)?(?P<y>元|[0-9０-９]{{1,4}}|[〇一二三四五六七八九十百千]{{1,7}})[ 　]*年(?:[ 　]*(?P<m>{n})[ 　]*月(?:[ 　]*(?P<d>{n})[ 　]*日)?)?|(?P<m2>{n})[ 　]*月[ 　]*(?P<d2>{n})[ 　]*日|(?P<iy>[0-9]{{4}})/(?P<im>[0-9]{{1,2}})/(?P<id>[0-9]{{1,2}})|(?P<m3>[0-9０-９]{{2}})月",
        n = DATE_NUM
    ))
    .expect("date regex")
});

static WEEKDAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ 　]*(?P<wd>[（(][ 　]*(?P<w>[月火水木金土日])(?:曜日|曜)?(?:[・･][祝休]日?)?[ 　]*[）)])").expect("weekday regex")
});

/// Every date written in a text (年月日 with or without era, 月日, 2024/4/1, 13月).
fn dates(text: &str) -> Vec<DateMatch> {
    let mut out = Vec::new();
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

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds the month counter written in more than one way in one document (１ヵ月, ３ヶ月, ６か月, １２カ月, ケ月, 箇月) and flags each occurrence of the less frequent form(s). A counter counts only after a number (１, 三, 数, 何), and か月 before 曜 (火曜日か月曜日) is not one.
    ///
    /// ## Why is this bad?
    /// A document that writes the same unit two ways looks assembled from different sources; search, comparison tables and translation treat the forms as different words.
    ///
    /// ## Example
    ///     解約の申出は、１ヵ月前までに行うものとします。…最低利用期間は３か月とします。
    ///
    /// Use instead:
    ///     解約の申出は、１ヵ月前までに行うものとします。…最低利用期間は３ヵ月とします。
    pub struct CounterVariant;
    static COUNTER_VARIANT = ("Y602", "counter-variant", Warning, "ヵ月 / ヶ月 / か月 / カ月 mixed in one document");
}

const COUNTERS: [&str; 8] = ["ヵ月", "ヶ月", "か月", "カ月", "ケ月", "箇月", "ｶ月", "ｹ月"];

static COUNTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9０-９〇一二三四五六七八九十百千数何幾](ヵ月|ヶ月|か月|カ月|ケ月|箇月|ｶ月|ｹ月)")
        .expect("counter regex")
});

impl Rule for CounterVariant {
    fn meta(&self) -> &'static RuleMeta {
        &COUNTER_VARIANT
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            // (provision, text range, variant index), in document order.
            let mut found: Vec<(&Provision, Range<usize>, usize)> = Vec::new();
            for p in doc.all_provisions() {
                for c in COUNTER_RE.captures_iter(&p.text) {
                    let Some(m) = c.get(1) else { continue };
                    // 火曜日か月曜日: か is "or", not a counter.
                    if m.as_str() == "か月" && p.text[m.end()..].starts_with('曜') {
                        continue;
                    }
                    if let Some(v) = COUNTERS.iter().position(|x| *x == m.as_str()) {
                        found.push((p, m.range(), v));
                    }
                }
            }
            let mut counts = [0usize; COUNTERS.len()];
            for (_, _, v) in &found {
                counts[*v] += 1;
            }
            if counts.iter().filter(|n| **n > 0).count() < 2 {
                continue;
            }
            // The majority form; on a tie, the one the document writes first.
            let max = counts.iter().copied().max().unwrap_or(0);
            let Some(major) = found.iter().map(|(_, _, v)| *v).find(|v| counts[*v] == max) else {
                continue;
            };
            let first_major = found.iter().find(|(_, _, v)| *v == major);
            let others: Vec<String> = (0..COUNTERS.len())
                .filter(|v| *v != major && counts[*v] > 0)
                .map(|v| {
                    format!(
                        "「{}」 {} time{}",
                        COUNTERS[v],
                        counts[v],
                        if counts[v] == 1 { "" } else { "s" }
                    )
                })
                .collect();
            let mut all = vec![format!(
                "「{}」 {} time{}",
                COUNTERS[major],
                max,
                if max == 1 { "" } else { "s" }
            )];
            all.extend(others);
            let last = all.pop().unwrap_or_default();
            let note = format!("this document writes {} and {last}", all.join(", "));
            for (p, r, v) in found.iter().filter(|(_, _, v)| *v != major) {
                let range = p.text_map.src_range(r.clone());
                let written = doc.source.text.get(range.clone()) == Some(COUNTERS[*v]);
                let mut f = Finding::new(d, range.clone(), &p.path, format!("the month counter is written 「{}」 here and 「{}」 in the rest of the document", COUNTERS[*v], COUNTERS[major]))
                    .note(note.clone())
                    .help(format!("write 「{}」", COUNTERS[major]));
                if let Some((fp, fr, _)) = first_major {
                    f = f.label(
                        d,
                        fp.text_map.src_range(fr.clone()),
                        format!("「{}」 is written here", COUNTERS[major]),
                    );
                }
                if written {
                    f = f.fix(range, COUNTERS[major]);
                }
                out.push(f);
            }
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Judges the final predicate of every main sentence (…とします。 is です・ます調, …とする。 is である調) and, when a document uses both styles, flags each sentence end in the less frequent style. Text in brackets and quotations (（その原因の如何を問わない。）, 「…」), definition-table cells and items that end in a noun (…こと, …とき, …場合) are not judged.
    ///
    /// ## Why is this bad?
    /// A terms document speaks in one voice. A plain-style sentence in a polite document (or the reverse) is usually a clause pasted from another document, and it is a sign that the clause was not reviewed with the rest.
    ///
    /// ## Example
    ///     本約款は、サービスの利用条件を定めます。
    ///     ２　当社は、前項の条件を変更できるものとする。
    ///
    /// Use instead:
    ///     本約款は、サービスの利用条件を定めます。
    ///     ２　当社は、前項の条件を変更できるものとします。
    pub struct MixedPoliteness;
    static MIXED_POLITENESS = ("Y603", "mixed-politeness", Warning, "である調 and です・ます調 mixed in one document");
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

/// Common endings in both styles, for the help line. The longest ending the sentence
/// has wins (提供いたします → 提供する); on a tie, the first pair.
const STYLE_PAIRS: [(&str, &str); 25] = [
    ("ものとする", "ものとします"),
    ("とする", "とします"),
    ("ではない", "ではありません"),
    ("でない", "ではありません"),
    ("してはならない", "してはなりません"),
    ("ならない", "なりません"),
    ("できない", "できません"),
    ("しない", "しません"),
    ("負わない", "負いません"),
    ("問わない", "問いません"),
    ("である", "です"),
    ("できる", "できます"),
    ("する", "します"),
    ("する", "いたします"),
    ("をいう", "をいいます"),
    ("による", "によります"),
    ("がある", "があります"),
    ("となる", "となります"),
    ("負う", "負います"),
    ("限る", "限ります"),
    ("定める", "定めます"),
    ("含む", "含みます"),
    ("従う", "従います"),
    ("行う", "行います"),
    ("除く", "除きます"),
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

/// A judged sentence end: provision, range of its final predicate (with 。), its style
/// and the sentence body (for the help).
struct SentenceEnd<'a> {
    p: &'a Provision,
    range: Range<usize>,
    style: Politeness,
    body: &'a str,
}

impl Rule for MixedPoliteness {
    fn meta(&self) -> &'static RuleMeta {
        &MIXED_POLITENESS
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let mut ends: Vec<SentenceEnd> = Vec::new();
            for p in doc.all_provisions().filter(|p| is_prose(p)) {
                for (r, closed) in main_sentences(&p.text) {
                    if !closed {
                        continue;
                    }
                    let body_end = r.end - '。'.len_utf8();
                    let body = &p.text[r.start..body_end];
                    if let Some((style, pred)) = sentence_style(body) {
                        ends.push(SentenceEnd {
                            p,
                            range: r.start + pred.start..r.start + pred.end,
                            style,
                            body,
                        });
                    }
                }
            }
            let plain = ends.iter().filter(|e| e.style == Politeness::Plain).count();
            let polite = ends.len() - plain;
            if plain == 0 || polite == 0 {
                continue;
            }
            // The minority style is the odd one out; on a tie, the style that comes second.
            let major = match plain.cmp(&polite) {
                std::cmp::Ordering::Greater => Politeness::Plain,
                std::cmp::Ordering::Less => Politeness::Polite,
                std::cmp::Ordering::Equal => ends[0].style,
            };
            let minor = if major == Politeness::Plain {
                Politeness::Polite
            } else {
                Politeness::Plain
            };
            let note = format!(
                "sentence ends in this document: {polite} in です・ます調, {plain} in である調"
            );
            for e in ends.iter().filter(|e| e.style == minor) {
                let pred = e.p.text.get(e.range.clone()).unwrap_or_default();
                let help = STYLE_PAIRS
                    .iter()
                    .map(|(pl, po)| {
                        if minor == Politeness::Plain {
                            (*pl, *po)
                        } else {
                            (*po, *pl)
                        }
                    })
                    .filter(|(from, _)| e.body.ends_with(from))
                    .fold(None, |best: Option<(&str, &str)>, x| match best {
                        Some(b) if b.0.len() >= x.0.len() => Some(b),
                        _ => Some(x),
                    })
                    .map(|(from, to)| {
                        format!(
                            "end the sentence in {}: 「{to}。」 instead of 「{from}。」",
                            major.name()
                        )
                    })
                    .unwrap_or_else(|| {
                        format!(
                            "end the sentence in {}, as the rest of the document does",
                            major.name()
                        )
                    });
                out.push(
                    Finding::new(
                        d,
                        e.p.text_map.src_range(e.range.clone()),
                        &e.p.path,
                        format!(
                            "「{pred}」 ends the sentence in {}; this document is written in {}",
                            minor.name(),
                            major.name()
                        ),
                    )
                    .note(note.clone())
                    .help(help),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Checks every date written with 年 / 月 / 日 (in half-width, full-width or kanji numerals: ２０２４年２月２９日, 令和六年四月一日, ４月３１日) and every 2024/4/1: the month must exist, the day must exist in that month (February 29 only in a leap year), and an era year must lie in its era (明治1–45, 大正1–15, 昭和1–64, 平成1–31, 令和1–; 元年 is year 1), including the day the era changed (平成31年4月30日 was the last day of 平成).
    ///
    /// ## Why is this bad?
    /// A date that does not exist makes an effective date, a deadline or a term uncertain; a court will have to guess what the parties meant.
    ///
    /// ## Example
    ///     本約款は、令和６年２月３０日から適用します。
    ///
    /// Use instead:
    ///     本約款は、令和６年２月２９日から適用します。
    pub struct InvalidDate;
    static INVALID_DATE = ("Y604", "invalid-date", Error, "a date that does not exist (２月３０日), an era year out of range");
}

impl Rule for InvalidDate {
    fn meta(&self) -> &'static RuleMeta {
        &INVALID_DATE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let doc_written = doc.law_number.as_deref().and_then(written_in);
            // Main provisions are dated by the law number; each 附則 of an amending act by
            // its own heading (附　則　（平成二九年六月二日法律第四五号）).
            let parts =
                doc.provisions
                    .iter()
                    .map(|p| (p, doc_written))
                    .chain(doc.suppl.iter().map(|s| {
                        let own = s.caption.as_deref().and_then(written_in);
                        (s, own.or(doc_written))
                    }));
            for (root, written) in parts {
                for p in root.walk().filter(|p| !p.text.is_empty()) {
                    for date in dates(&p.text) {
                        let Some((why, help)) = date_problem(&date) else {
                            continue;
                        };
                        if past_era_written_in_era(&date, written) {
                            continue;
                        }
                        let written = p.text.get(date.range.clone()).unwrap_or_default();
                        let mut f = Finding::new(
                            d,
                            p.text_map.src_range(date.range.clone()),
                            &p.path,
                            format!("「{written}」 is not a valid date: {why}"),
                        );
                        if let Some(h) = help {
                            f = f.help(h);
                        }
                        out.push(f);
                    }
                }
            }
        }
    }
}

/// The era a text was written in, from its date or law number (平成二十九年法律第十六号,
/// 昭和二五年五月二三日法律第二〇〇号): the era's index in [`ERAS`].
fn written_in(s: &str) -> Option<(usize, u32)> {
    let d = dates(s).into_iter().next()?;
    let era = d.era?;
    let year = d.year.map_or(0, |(y, _)| y);
    ERAS.iter()
        .position(|e| e.name == era.name)
        .map(|i| (i, year))
}

/// 平成三十二年四月一日 in a text written in 平成 (a law of 2017, the 附則 of an amendment
/// of 2018) is the date as it was written before the era changed: the year simply
/// counts on past the era's end (the 元号法 makes it read as 令和二年). Only a year
/// *after* the era's end is excused, and only when the text is dated no later than
/// that era — or in the first year of the next (an act of 令和元年六月 drafted and
/// laid before the Diet under 平成).
fn past_era_written_in_era(d: &DateMatch, written: Option<(usize, u32)>) -> bool {
    let (Some(era), Some(written), Some(g)) = (d.era, written, d.gregorian_year()) else {
        return false;
    };
    let Some(idx) = ERAS.iter().position(|e| e.name == era.name) else {
        return false;
    };
    let Some(last) = era.last else { return false };
    let month = d.month.unwrap_or(12);
    let day = d.day.unwrap_or(31);
    let past_end = (g, month, day) > last;
    // The month and day must exist for the excuse to hold: 平成三十二年二月三十日 is
    // still no date.
    let real_day = d.month.is_none_or(|m| {
        (1..=12).contains(&m)
            && d.day
                .is_none_or(|x| x >= 1 && x <= days_in_month(Some(g), m))
    });
    let (w, w_year) = written;
    past_end && real_day && (w <= idx || (w == idx + 1 && w_year == 1))
}

// ---------------------------------------------------------------------------------

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

impl Rule for StraySpace {
    fn meta(&self) -> &'static RuleMeta {
        &STRAY_SPACE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let titles = title_splits(corpus);
        for (d, doc) in corpus.docs.iter().enumerate() {
            for p in doc.all_provisions().filter(|p| is_prose(p)) {
                let text = p.text.as_str();
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
                    let width = if r.full_width_only {
                        "full-width"
                    } else {
                        "half-width"
                    };
                    let range = p.text_map.src_range(r.start..r.end);
                    let mut f = Finding::new(d, range.clone(), &p.path, format!("a {width} space between 「{before}」 and 「{after}」 inside a sentence"))
                        .note("a space inside Japanese running text is usually left over from PDF extraction or a manual line break")
                        .help(format!("remove the space: 「{before}{after}」"));
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
}

// ---------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Checks the weekday written in brackets after a full date — （月）, (月), （月曜日）, （月・祝） — against the calendar. Western years (２０２４年, 2024/4/23) and era years (令和６年 is 2024) are understood, in half-width, full-width and kanji numerals. Dates without a year, and dates before 1873 (when Japan adopted the Gregorian calendar), are not checked.
    ///
    /// ## Why is this bad?
    /// When the date and the weekday disagree, a reader cannot tell which of the two was meant: the effective date or the deadline is in doubt.
    ///
    /// ## Example
    ///     本改定は、２０２４年４月２３日（月）から効力を生じます。
    ///
    /// Use instead:
    ///     本改定は、２０２４年４月２３日（火）から効力を生じます。
    pub struct WeekdayMismatch;
    static WEEKDAY_MISMATCH = ("Y607", "weekday-mismatch", Error, "a date written with the wrong weekday: ２０２４年４月２３日（月）");
}

impl Rule for WeekdayMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &WEEKDAY_MISMATCH
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
                for date in dates(&p.text) {
                    let (Some((wr, written)), Some(y), Some(m), Some(day)) = (
                        date.weekday.clone(),
                        date.gregorian_year(),
                        date.month,
                        date.day,
                    ) else {
                        continue;
                    };
                    if y < 1873
                        || !(1..=12).contains(&m)
                        || day == 0
                        || day > days_in_month(Some(y), m)
                    {
                        continue;
                    }
                    let actual = weekday(y, m, day);
                    let Some(w) = WEEKDAYS.iter().position(|c| *c == written) else {
                        continue;
                    };
                    if w == actual {
                        continue;
                    }
                    let date_text = p.text.get(date.range.clone()).unwrap_or_default();
                    let bracket = p.text.get(wr.clone()).unwrap_or_default();
                    let right: String = bracket.replacen(written, &WEEKDAYS[actual].to_string(), 1);
                    out.push(
                        Finding::new(
                            d,
                            p.text_map.src_range(wr),
                            &p.path,
                            format!(
                                "{date_text} ({y}-{m:02}-{day:02}) is a {} ({}曜日), not {}曜日",
                                WEEKDAYS_EN[actual], WEEKDAYS[actual], written
                            ),
                        )
                        .help(format!("write 「{right}」, or correct the date")),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds, within one sentence (split at 。 outside brackets), 並びに (ならびに) where no 及び (および) is written, and 若しくは (もしくは) where no 又は (または) is written. 並びに and 若しくは inside quotations (「…」) are not judged.
    ///
    /// ## Why is this bad?
    /// In legal drafting (法制執務) the conjunctions form a hierarchy: 及び joins the smaller group and 並びに the larger one; 若しくは joins the smaller alternatives and 又は the larger ones. 並びに without 及び (or 若しくは without 又は) tells the reader that there is a grouping which is not there, and the scope of the clause becomes ambiguous.
    ///
    /// ## Example
    ///     お客様は、本サービス並びに関連資料を利用できます。
    ///
    /// Use instead:
    ///     お客様は、本サービス及び関連資料を利用できます。
    pub struct ConjunctionHierarchy;
    static CONJUNCTION_HIERARCHY = ("Y608", "conjunction-hierarchy", Warning, "並びに without 及び, 若しくは without 又は in the same sentence (法制執務's hierarchy of conjunctions)");
}

impl Rule for ConjunctionHierarchy {
    fn meta(&self) -> &'static RuleMeta {
        &CONJUNCTION_HIERARCHY
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        const GROUPS: [(&[&str], &[&str], &str, &str); 2] = [
            (
                &["並びに", "ならびに"],
                &["及び", "および"],
                "及び",
                "並びに joins groups that are themselves joined by 及び",
            ),
            (
                &["若しくは", "もしくは"],
                &["又は", "または"],
                "又は",
                "若しくは joins alternatives inside a larger choice made with 又は",
            ),
        ];
        for (d, doc) in corpus.docs.iter().enumerate() {
            for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
                let text = p.text.as_str();
                for (r, _) in main_sentences(text) {
                    let sentence = &text[r.clone()];
                    for (upper, lower, lower_name, why) in GROUPS {
                        if !upper.iter().any(|u| sentence.contains(u))
                            || lower.iter().any(|l| sentence.contains(l))
                        {
                            continue;
                        }
                        for (i, w) in upper_positions(sentence, upper) {
                            let at = r.start + i;
                            // 文字の並びに従って: the noun 並び, not the conjunction.
                            if w == "並びに" && text[at + w.len()..].starts_with(['従', '沿'])
                            {
                                continue;
                            }
                            // 「並びに/若しくは」: the word mentioned, not used.
                            let mention = |c: Option<char>| {
                                c.is_some_and(|c| matches!(c, '/' | '／' | '`' | '\'' | '"' | '・'))
                            };
                            if mention(char_before(text, at))
                                || mention(char_after(text, at + w.len()))
                            {
                                continue;
                            }
                            out.push(
                                Finding::new(
                                    d,
                                    p.text_map.src_range(at..at + w.len()),
                                    &p.path,
                                    format!(
                                        "「{w}」 without 「{lower_name}」 in the same sentence"
                                    ),
                                )
                                .note(format!("in legal drafting {why}"))
                                .help(format!(
                                    "write 「{}」 when there is only one level of grouping",
                                    if lower_name == "及び" {
                                        "及び"
                                    } else {
                                        "又は"
                                    }
                                )),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Positions of the words in a sentence, outside quotations 「…」『…』.
fn upper_positions<'a>(sentence: &str, words: &[&'a str]) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut quote = 0u32;
    for (i, c) in sentence.char_indices() {
        match c {
            '「' | '『' => quote += 1,
            '」' | '』' => quote = quote.saturating_sub(1),
            _ if quote == 0 => {
                if let Some(w) = words.iter().find(|w| sentence[i..].starts_with(**w)) {
                    out.push((i, *w));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Manifest;
    use crate::source::SourceFile;
    use std::sync::Arc;

    /// The findings of one rule on one document: (span text, message).
    fn run(rule: &dyn Rule, text: &str) -> Vec<(String, String)> {
        let doc = crate::parse_text_source(Arc::new(SourceFile::from_text("t.txt", text)));
        let corpus = Corpus::link(vec![doc], Manifest::default(), None, String::new());
        let mut out = Findings::default();
        rule.check(&corpus, &mut out);
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
        assert!(problem("令和六年四月一日").is_none());
        assert!(problem("令和六年四月三十一日").is_some());
        assert!(problem("２０２４年２月２９日").is_none());
        assert!(problem("２１００年２月２９日").is_some());
        assert!(problem("二〇〇〇年二月二十九日").is_none());
        assert!(problem("2024年13月").is_some());
        assert!(problem("２月３０日").is_some());
        assert!(problem("２月２９日").is_none());
        assert!(problem("昭和６４年１月７日").is_none());
        assert!(problem("昭和６４年１月８日").is_some());
        assert!(problem("平成元年１月８日").is_none());
        assert!(problem("平成３１年４月３０日").is_none());
        assert!(problem("平成３１年５月１日").is_some());
        assert!(problem("令和元年４月３０日").is_some());
        assert!(problem("令和元年５月").is_none());
        assert!(problem("明治４５年７月３０日").is_some());
        assert!(problem("大正１６年").is_some());
        assert!(problem("令和０年").is_some());
        assert!(problem("2024/2/30").is_some());
        assert!(problem("毎年13月").is_some());
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
