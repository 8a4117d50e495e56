//! Layout: turn the decoded text of a PDF-extracted, clean or Markdown document into
//! logical lines (a heading, a paragraph, a table cell), each remembering where every
//! piece of its text came from.
//!
//! This is the only place that knows about hard wraps, trailing spaces, page-break blank
//! lines and Markdown markup; everything later sees logical lines. One file per layout
//! (`pdf.rs`, `clean.rs`, `markdown.rs`, `lawtext.rs`); what they share — physical lines, the
//! [`LineBuilder`] that joins pieces into a logical line with its [`TextMap`], the
//! detection of the layout — is here, and they import nothing from each other.

mod clean;
mod lawtext;
mod markdown;
mod pdf;

use crate::model::{Offsets, Piece, Text, TextMap};
pub use crate::origin::LayoutKind;
use crate::source::SourceFile;
use std::ops::Range;
use std::sync::Arc;

/// Markdown structure that the tree builder may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarkdownHint {
    /// `#` count of a heading line.
    pub heading: Option<u8>,
    /// Nesting depth (0 = top) of a list item, and whether the list is ordered.
    pub list: Option<(u8, bool)>,
    /// Decoded source range of a list item's marker (`1.`, `-`), which is not part of
    /// the line's text: the label of the item as written. In [`Offsets`], as the model's
    /// ranges: a hint is 16 bytes, not 32, on every logical line.
    pub marker: Option<Offsets>,
}

impl MarkdownHint {
    /// The marker's decoded source range.
    pub fn marker_range(&self) -> Option<Range<usize>> {
        self.marker.map(Offsets::range)
    }

    /// Record the marker at `range`.
    pub fn set_marker(&mut self, range: Range<usize>) {
        self.marker = Some(Offsets::new(range));
    }
}

/// One logical line.
#[derive(Debug, Clone)]
pub struct LogicalLine {
    /// The text, reflowed: wraps joined, block-end spaces and markup removed.
    pub text: Text,
    pub map: TextMap,
    /// 0-based index of the physical line it starts on (32 bits, as the hint's offsets).
    pub line: u32,
    /// A blank line (or a page break) stands before it.
    pub blank_before: bool,
    pub markdown: MarkdownHint,
}

impl LogicalLine {
    /// Decoded source range of the whole line.
    pub fn src_range(&self) -> Range<usize> {
        self.map.src_range(0..self.text.len())
    }

    /// Decoded source range of a range of `text`.
    pub fn src(&self, r: Range<usize>) -> Range<usize> {
        self.map.src_range(r)
    }
}

/// Spaces that carry no text: half-width, full-width, tabs, and the form feed that PDF
/// extraction (pdftotext) puts at the start of every page.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\t' | '\u{0C}')
}

/// Physical lines of the source: (decoded range without the line end).
fn physical_lines(src: &SourceFile) -> Vec<Range<usize>> {
    let text = &src.text;
    let mut lines: Vec<Range<usize>> = (0..src.line_count()).map(|i| src.line_range(i)).collect();
    // A final line end does not start another line.
    if lines.len() > 1 && lines.last().is_some_and(|r| r.is_empty()) && text.ends_with(['\n', '\r'])
    {
        lines.pop();
    }
    lines
}

/// Decide the layout from the file name and its content.
pub fn detect(src: &SourceFile) -> LayoutKind {
    // A .docx or PDF reader wrote its text in a known layout.
    if let Some(origin) = &src.origin {
        return origin.layout;
    }
    let ext = src
        .path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("md" | "markdown")) {
        return LayoutKind::Markdown;
    }
    let lines = physical_lines(src);
    let text = &src.text;
    // Lawtext layout, from its unambiguous signs only (before the Markdown guess: its
    // `# 別表` headings are not Markdown).
    if lawtext::looks_like_lawtext(text, &lines) {
        return LayoutKind::Lawtext;
    }
    let blank = |r: &Range<usize>| text[r.clone()].trim_matches(is_space).is_empty();
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !blank(&lines[i])).collect();
    if nonblank.is_empty() {
        return LayoutKind::Clean;
    }
    let followed_by_blank = nonblank
        .iter()
        .filter(|&&i| lines.get(i + 1).is_none_or(blank))
        .count();
    let trailing = nonblank
        .iter()
        .filter(|&&i| text[lines[i].clone()].ends_with(is_space))
        .count();
    let headings = nonblank
        .iter()
        .filter(|&&i| {
            text[lines[i].clone()].starts_with("# ") || text[lines[i].clone()].starts_with("## ")
        })
        .count();
    if headings * 10 >= nonblank.len().min(50) && headings >= 2 {
        return LayoutKind::Markdown;
    }
    // PDF extraction: (nearly) every line followed by a blank line, and block ends marked
    // by trailing spaces on a part of the lines, not on all of them and not on none.
    if nonblank.len() >= 2
        && followed_by_blank * 10 >= nonblank.len() * 9
        && trailing * 20 >= nonblank.len()
        && trailing < nonblank.len()
    {
        return LayoutKind::PdfExtracted;
    }
    LayoutKind::Clean
}

/// Build logical lines with the detected layout.
pub fn logical_lines(src: &SourceFile) -> (LayoutKind, Vec<LogicalLine>) {
    let kind = detect(src);
    let lines = match kind {
        LayoutKind::PdfExtracted => pdf::pdf_lines(src),
        LayoutKind::Clean => clean::clean_lines(src),
        LayoutKind::Markdown => markdown::markdown_lines(src),
        LayoutKind::Lawtext => lawtext::lawtext_lines(src),
    };
    (kind, lines)
}

/// Accumulates pieces of one logical line.
#[derive(Default)]
pub(crate) struct LineBuilder {
    /// The text, once it is more than one verbatim piece of the source.
    text: String,
    /// The text while it is one verbatim piece: the source and the piece's range (the
    /// logical line then shares the source's bytes).
    lone: Option<(Arc<str>, Range<usize>)>,
    map: TextMap,
    line: Option<usize>,
    blank_before: bool,
    pub(crate) markdown: MarkdownHint,
    /// 「 『 opened minus 」 』 closed in `text` (kept as pieces are pushed: linear).
    quotes: i32,
    /// Keep `quotes`: only the PDF layout asks for it ([`LineBuilder::counting_quotes`]);
    /// the others would walk every character of every line for nothing.
    count_quotes: bool,
}

/// 「 『 opened minus 」 』 closed in `s`.
fn quote_balance(s: &str) -> i32 {
    s.chars()
        .map(|c| match c {
            '「' | '『' => 1,
            '」' | '』' => -1,
            _ => 0,
        })
        .sum()
}

/// Does `s` close a quote before it opens one (`報」）を収集し` after `「通信情`)?
fn closes_a_quote_first(s: &str) -> bool {
    for c in s.chars() {
        match c {
            '」' | '』' => return true,
            '「' | '『' => return false,
            _ => {}
        }
    }
    false
}

impl LineBuilder {
    /// A builder that keeps the quote balance of its text ([`LineBuilder::open_quotes`]).
    pub(crate) fn counting_quotes() -> LineBuilder {
        LineBuilder {
            count_quotes: true,
            ..Default::default()
        }
    }

    pub(crate) fn push(&mut self, src: &SourceFile, r: Range<usize>, line: usize) {
        if r.is_empty() {
            return;
        }
        self.line.get_or_insert(line);
        let piece = &src.text[r.clone()];
        if self.count_quotes {
            self.quotes += quote_balance(piece);
        }
        if self.is_empty() {
            // Nothing before it, so no piece either (pieces come with text).
            self.map = TextMap::verbatim(r.start, r.len());
            self.lone = Some((Arc::clone(&src.text), r));
            return;
        }
        self.spell_out();
        self.map.push(Piece::new(self.text.len(), r.start, r.len()));
        self.text.push_str(piece);
    }

    /// Text that is not in the source (a tab between Markdown table cells).
    pub(crate) fn push_synthetic(&mut self, s: &str) {
        self.spell_out();
        self.text.push_str(s);
    }

    /// A lone piece becomes the start of a text of its own, to be added to.
    fn spell_out(&mut self) {
        if let Some((source, r)) = self.lone.take() {
            self.text.push_str(&source[r]);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty() && self.lone.is_none()
    }

    pub(crate) fn set_blank_before(&mut self, b: bool) {
        if self.is_empty() {
            self.blank_before = b;
        }
    }

    /// How many 「 『 the text opens and does not close (negative: more closed).
    pub(crate) fn open_quotes(&self) -> i32 {
        debug_assert!(
            self.count_quotes,
            "open_quotes on a builder made without counting_quotes"
        );
        self.quotes
    }

    pub(crate) fn finish(&mut self, out: &mut Vec<LogicalLine>) {
        // Removed Markdown markup can leave spaces at either end (`** 第1条`). Tabs stay:
        // in a Markdown table row they separate cells, and an empty first cell is a cell.
        let whole = match &self.lone {
            Some((source, r)) => &source[r.clone()],
            None => self.text.as_str(),
        };
        let end = whole.trim_end_matches([' ', '\u{3000}']).len();
        let start = end - whole[..end].trim_start_matches([' ', '\u{3000}']).len();
        let trimmed = start > 0 || end < whole.len();
        if trimmed {
            self.map = self.map.slice(start, end);
        }
        let text = match self.lone.take() {
            Some((source, r)) => Text::shared(&source, r.start + start..r.start + end),
            None if trimmed => Text::from(&self.text[start..end]),
            None => Text::from(std::mem::take(&mut self.text)),
        };
        if !text.is_empty() {
            out.push(LogicalLine {
                text,
                map: std::mem::take(&mut self.map),
                line: self
                    .line
                    .take()
                    .map_or(0, |l| u32::try_from(l).unwrap_or(u32::MAX)),
                blank_before: self.blank_before,
                markdown: std::mem::take(&mut self.markdown),
            });
        }
        self.text.clear();
        self.quotes = 0;
        self.map = TextMap::default();
        self.markdown = MarkdownHint::default();
        self.line = None;
        self.blank_before = false;
    }
}

/// Trim spaces ([`is_space`]) from both ends of a decoded range.
pub(crate) fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    if lead == s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// The layout and the logical lines' texts of `text` (for the layouts' tests).
#[cfg(test)]
fn test_lines(text: &str) -> (LayoutKind, Vec<String>) {
    let src = crate::source::SourceFile::from_text("t.txt", text);
    let (k, l) = logical_lines(&src);
    (k, l.into_iter().map(|l| l.text.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_points_into_the_source() {
        let text = "\nあい \n\nうえ\n\nお \n\n";
        let src = SourceFile::from_text("t.txt", text);
        let (_, l) = logical_lines(&src);
        let line = &l[1];
        assert_eq!(line.text, "うえお");
        let r = line.src(line.text.find('お').unwrap()..line.text.len());
        assert_eq!(&src.text[r], "お");
        // A line of one verbatim piece shares the source; one joined from wraps has its own.
        assert!(l[0].text.is_shared());
        assert_eq!(l[0].text, "あい");
        assert!(!line.text.is_shared());
    }
}
