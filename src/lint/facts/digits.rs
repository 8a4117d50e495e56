//! Runs of digits in running text, half-width (1年) or full-width (１年): read by Y601.

use crate::text::is_full_width_digit;

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
