//! Y607 `weekday-mismatch`: the rule's text is the doc comment of [`WeekdayMismatch`].

use super::*;
use crate::lint::facts::Facts;

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

violation! {
    /// A weekday that is not the date's: the date as written and in ISO form, the weekday it
    /// is (an index into `WEEKDAYS`), the one written, and the bracket corrected.
    struct WrongWeekday { date_text: String, iso: String, actual: usize, written: char, right: String }

    fn message(&self) -> String {
        let WrongWeekday { date_text, iso, actual, written, .. } = self;
        format!(
            "{date_text} ({iso}) is a {} ({}曜日), not {written}曜日",
            WEEKDAYS_EN[*actual], WEEKDAYS[*actual]
        )
    }

    fn help(&self) -> Option<String> {
        Some(format!("write 「{}」, or correct the date", self.right))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    out.per_document(&corpus.docs, |d, doc, out| {
        // The weekday follows the date in brackets (WEEKDAY_RE): a text without an
        // opening bracket has no date to check here, so its dates are not read.
        let bracketed = |p: &&Provision| p.text.contains(['（', '(']);
        for p in doc.all_provisions().filter(bracketed) {
            for date in dates(&p.text) {
                let (Some((wr, written)), Some(y), Some(m), Some(day)) = (
                    date.weekday.clone(),
                    date.gregorian_year(),
                    date.month,
                    date.day,
                ) else {
                    continue;
                };
                if y < 1873 || !(1..=12).contains(&m) || day == 0 || day > days_in_month(Some(y), m)
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
                let wrong = WrongWeekday {
                    date_text: date_text.to_string(),
                    iso: format!("{y}-{m:02}-{day:02}"),
                    actual,
                    written,
                    right,
                };
                out.push(Finding::of(d, p.text_map.src_range(wr), &p.path, &wrong));
            }
        }
    });
}
