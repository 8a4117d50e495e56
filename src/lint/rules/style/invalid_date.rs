//! Y604 `invalid-date`: the rule's text is the doc comment of [`InvalidDate`].

use super::*;
use crate::lint::facts::Facts;

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

violation! {
    /// A date that does not exist: as written, why, and the date meant (when one can tell).
    struct Invalid { written: String, why: String, help: Option<String> }

    fn message(&self) -> String {
        let Invalid { written, why, .. } = self;
        format!("「{written}」 is not a valid date: {why}")
    }

    fn help(&self) -> Option<String> {
        self.help.clone()
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    out.per_document(&corpus.docs, |d, doc, out| {
        let doc_written = doc.law_number.as_deref().and_then(written_in);
        // Main provisions are dated by the law number; each 附則 of an amending act by
        // its own heading (附　則　（平成二九年六月二日法律第四五号）).
        let parts = doc
            .provisions
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
                    let invalid = Invalid {
                        written: written.to_string(),
                        why,
                        help,
                    };
                    out.push(Finding::of(
                        d,
                        p.text_map.src_range(date.range.clone()),
                        &p.path,
                        &invalid,
                    ));
                }
            }
        }
    });
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
