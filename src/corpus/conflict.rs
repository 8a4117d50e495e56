//! What a conflict between two documents is: the data the conflict rules (Y501, Y502)
//! find and the precedence rule Y405 reads. The corpus keeps them once computed
//! ([`super::Corpus::conflicts`]), so that a run looks for them once.

use std::ops::Range;

/// One side of a conflict.
#[derive(Debug, Clone)]
pub struct Side {
    pub doc: usize,
    pub range: Range<usize>,
    pub path: String,
    pub text: String,
}

/// A conflict between two documents.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub code: &'static str,
    pub a: Side,
    pub b: Side,
    /// What differs: "「当社」 is defined differently", "period of （利用期間）".
    pub what: String,
}

impl Conflict {
    /// What differs, with the two values in the order of `first` and `second` (Y502:
    /// "period of （利用期間）: 「１年間」 / 「２年間」").
    pub fn describe(&self, first: &Side, second: &Side) -> String {
        match self.code {
            "Y502" => format!("{}: 「{}」 / 「{}」", self.what, first.text, second.text),
            _ => self.what.clone(),
        }
    }
}
