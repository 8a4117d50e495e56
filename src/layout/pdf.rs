//! PDF-extracted text (pdftotext): a blank line after every line, a trailing space at the
//! end of every block, hard wraps anywhere else.

use super::{closes_a_quote_first, is_space, physical_lines, trim_range, LineBuilder, LogicalLine};
use crate::source::SourceFile;

/// PDF-extracted text: join hard-wrapped lines until a line that ends with a trailing
/// space (a block end). A trailing space inside an open 「 is a wrap, not a block end
/// (「通信情 」+「報」 is one term), when the next line closes that 「: an unbalanced 「
/// (a drafting error) must not swallow the paragraphs after it.
pub(super) fn pdf_lines(src: &SourceFile) -> Vec<LogicalLine> {
    let mut out = Vec::new();
    let mut b = LineBuilder::counting_quotes();
    let mut blank_run = 0usize;
    let lines = physical_lines(src);
    // The next line with text after each line: an empty line is the blank line that
    // follows every line; a line of spaces is a break and has no "next" text.
    let mut next_text: Vec<Option<usize>> = vec![None; lines.len()];
    let mut after: Option<usize> = None;
    for (i, r) in lines.iter().enumerate().rev() {
        next_text[i] = after;
        if !r.is_empty() {
            let t = trim_range(&src.text, r.clone());
            after = (!t.is_empty()).then_some(i);
        }
    }
    for (i, r) in lines.iter().cloned().enumerate() {
        let raw = &src.text[r.clone()];
        let t = trim_range(&src.text, r.clone());
        if t.is_empty() {
            // A line of spaces is a page or section break: it ends a block.
            if !raw.is_empty() {
                b.finish(&mut out);
                blank_run += 2;
            } else {
                blank_run += 1;
            }
            continue;
        }
        // Every line is followed by one blank line; more than that is a break.
        b.set_blank_before(blank_run > 1 || out.is_empty());
        blank_run = 0;
        b.push(src, t, i);
        let block_end = raw.ends_with(is_space);
        let quote_wrap = b.open_quotes() > 0
            && next_text[i].is_some_and(|n| closes_a_quote_first(&src.text[lines[n].clone()]));
        if block_end && !quote_wrap {
            b.finish(&mut out);
        }
    }
    b.finish(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::{test_lines as lines, LayoutKind};

    #[test]
    fn pdf_wraps_join_and_quotes_survive_a_trailing_space() {
        let text = "\n表題 \n\n第１条 （目的） \n\n本約款は、サービ\n\nスを定めます。 \n\n２ 情報（以下「通信情 \n\n報」）を扱います。 \n\n";
        let (k, l) = lines(text);
        assert_eq!(k, LayoutKind::PdfExtracted);
        assert_eq!(
            l,
            [
                "表題",
                "第１条 （目的）",
                "本約款は、サービスを定めます。",
                "２ 情報（以下「通信情報」）を扱います。"
            ]
        );
    }
}
