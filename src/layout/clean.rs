//! Clean text (what `yakkan fmt` writes): one heading or paragraph per line.

use super::{physical_lines, trim_range, LineBuilder, LogicalLine};
use crate::source::SourceFile;

/// Clean text: every non-blank line is a logical line.
pub(super) fn clean_lines(src: &SourceFile) -> Vec<LogicalLine> {
    let mut out = Vec::new();
    let mut b = LineBuilder::default();
    let mut blank = false;
    for (i, r) in physical_lines(src).into_iter().enumerate() {
        let mut t = trim_range(&src.text, r.clone());
        if t.is_empty() {
            blank = true;
            continue;
        }
        // A table row whose first cell is empty starts with a tab: the tab separates
        // that cell, so it stays (a 読替え table row: <TAB>第十九条<TAB>…).
        let lead = &src.text[r.start..t.start];
        if let Some(tab) = lead
            .find('\t')
            .filter(|_| src.text[t.clone()].contains('\t'))
        {
            t.start = r.start + tab;
        }
        b.set_blank_before(blank);
        b.push(src, t, i);
        b.finish(&mut out);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{test_lines as lines, LayoutKind};

    #[test]
    fn clean_text_is_one_line_per_block() {
        let (k, l) = lines("表題\r\n\r\n第1条（目的）\r\n本規約は、定めます。\r\n");
        assert_eq!(k, LayoutKind::Clean);
        assert_eq!(l, ["表題", "第1条（目的）", "本規約は、定めます。"]);
    }
}
