//! Runs of digits in running text, half-width (1年) or full-width (１年): read by Y601.

use crate::text::{is_full_width_digit, symbols};

/// A run of digits in a provision's text.
pub(crate) struct DigitRun {
    pub(crate) full_width: bool,
    /// Byte range in the provision text.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

pub(crate) fn digit_runs(text: &str) -> Vec<DigitRun> {
    let mut runs = Vec::new();
    let mut cur: Option<DigitRun> = None;
    // Every digit is a symbol: the kana and kanji between them are skipped, and a run goes
    // on only where the next digit starts at its end.
    for (i, c) in symbols(text) {
        let fw = is_full_width_digit(c);
        if !fw && !c.is_ascii_digit() {
            continue;
        }
        let end = i + c.len_utf8();
        match &mut cur {
            Some(r) if r.full_width == fw && r.end == i => r.end = end,
            _ => {
                runs.extend(cur.take());
                cur = Some(DigitRun {
                    full_width: fw,
                    start: i,
                    end,
                });
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
