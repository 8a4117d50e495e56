//! What the reference scan asks again and again about one provision's text, computed
//! once per text so that no question restarts a scan from a position: where each 「
//! closes (a stack, not a scan per 「), where each sentence ends, where 準用 stands, and
//! the bracket depth and last open bracket before a position (advanced as the matches
//! move forward). Work is counted in [`crate::work`].

/// One provision text, scanned once.
pub(crate) struct TextScan {
    /// (offset of a 「, offset after its matching 」), in text order.
    closes: Vec<(usize, usize)>,
    /// Offsets right after each 。.
    stops: Vec<usize>,
    /// Offsets of 準用.
    applies: Vec<usize>,
    len: usize,
}

impl TextScan {
    pub(crate) fn new(text: &str) -> TextScan {
        let mut closes = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut stops = Vec::new();
        // 「, 」 and 。 are symbols: the kana and kanji between them are skipped.
        for (i, c) in crate::text::symbols(text) {
            match c {
                '「' => open.push(i),
                '」' => {
                    if let Some(o) = open.pop() {
                        closes.push((o, i + c.len_utf8()));
                    }
                }
                '。' => stops.push(i + c.len_utf8()),
                _ => {}
            }
        }
        closes.sort_unstable();
        crate::work::add(text.len());
        TextScan {
            closes,
            stops,
            applies: text.match_indices("準用").map(|(i, _)| i).collect(),
            len: text.len(),
        }
    }

    /// The end of the quotation that opens at `open` (after its 」): what a scan from
    /// `open` counting 「 and 」 finds.
    pub(crate) fn quote_end(&self, open: usize) -> Option<usize> {
        self.closes
            .binary_search_by_key(&open, |&(o, _)| o)
            .ok()
            .map(|k| self.closes[k].1)
    }

    /// The end of the sentence that contains `at` (after its 。, or the end of the text),
    /// as `crate::text::sentence_end`.
    pub(crate) fn sentence_end(&self, at: usize) -> usize {
        let k = self.stops.partition_point(|&s| s <= at);
        self.stops.get(k).copied().unwrap_or(self.len)
    }

    /// Does 準用 stand wholly inside `from..to`?
    pub(crate) fn applies_within(&self, from: usize, to: usize) -> bool {
        let k = self.applies.partition_point(|&s| s < from);
        self.applies.get(k).is_some_and(|&s| s + "準用".len() <= to)
    }
}

/// The bracket depth and the last open bracket before a position that only moves
/// forward: each character is looked at once.
pub(crate) struct Brackets {
    pos: usize,
    depth: usize,
    last_open: Option<usize>,
}

impl Brackets {
    pub(crate) fn new() -> Brackets {
        Brackets {
            pos: 0,
            depth: 0,
            last_open: None,
        }
    }

    /// Move to `to` (not before the last position): (brackets open at `to`, the offset
    /// of the last （ or ( before it).
    pub(crate) fn advance(&mut self, text: &str, to: usize) -> (usize, Option<usize>) {
        if to > self.pos {
            crate::work::add(to - self.pos);
            for (i, c) in crate::text::symbols(&text[self.pos..to]) {
                match c {
                    '（' | '(' => {
                        self.depth += 1;
                        self.last_open = Some(self.pos + i);
                    }
                    '）' | ')' => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
            }
            self.pos = to;
        }
        (self.depth, self.last_open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan from the open quote that the table stands for.
    fn quote_end_by_scan(text: &str, open: usize) -> Option<usize> {
        let mut depth = 0;
        for (i, c) in text[open..].char_indices() {
            match c {
                '「' => depth += 1,
                '」' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(open + i + c.len_utf8());
                    }
                }
                _ => {}
            }
        }
        None
    }

    #[test]
    fn quote_table_agrees_with_a_scan() {
        for text in [
            "「a」」「b」",
            "「「a」",
            "」「「x」「y」」z「",
            "「前各号」を「前三号」に改める。",
        ] {
            let scan = TextScan::new(text);
            for (open, _) in text.match_indices('「') {
                assert_eq!(
                    scan.quote_end(open),
                    quote_end_by_scan(text, open),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn sentence_ends_and_brackets() {
        let text = "第1条（a。b）準用する。c";
        let scan = TextScan::new(text);
        for (at, _) in text.char_indices() {
            assert_eq!(scan.sentence_end(at), crate::text::sentence_end(text, at));
        }
        let mut b = Brackets::new();
        let open = text.find('（').unwrap();
        assert_eq!(b.advance(text, open + 3), (1, Some(open)));
        assert_eq!(b.advance(text, text.len()), (0, Some(open)));
        assert!(scan.applies_within(0, text.len()));
        assert!(!scan.applies_within(text.find('す').unwrap(), text.len()));
    }
}
