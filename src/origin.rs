//! Where the text of a source came from, below `source` (which holds it) and `input`
//! (which extracts it from a .docx or PDF): the format, the layout it is written in, and
//! the map from the extracted text back to paragraphs or pages.

/// The physical layout of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutKind {
    /// Text extracted from a PDF: a blank line after every line, a trailing space at the
    /// end of every block, hard wraps anywhere else.
    PdfExtracted,
    /// One heading or paragraph per line (what `yakkan fmt` writes).
    Clean,
    Markdown,
    /// The text layout of the Lawtext tool (`[LawType="Act"]`, indented captions and
    /// items, `:tag:` prefixes, tables as `* - cell` lists), read as the e-Gov text.
    Lawtext,
}

/// A document format that is not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "Word (.docx)",
            Format::Pdf => "PDF",
        }
    }
}

/// Where one run of the extracted text came from: from decoded offset `at` on, the
/// characters are those of `line` (a .docx paragraph ordinal, or a PDF line on `page`)
/// starting at character `column` (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub at: usize,
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
}

/// What the extracted text of a .docx or PDF stands for.
#[derive(Debug, Clone)]
pub struct Origin {
    pub format: Format,
    /// The layout the extracted text is written in (no guessing from its look).
    pub layout: LayoutKind,
    /// Sorted by `at`; the first starts at 0.
    pub segments: Vec<Segment>,
}

/// A position for people and JSON: a .docx paragraph (1-based ordinal) or a PDF page
/// and line (1-based), and the 1-based column in it (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
}

impl Origin {
    /// The position of a decoded offset of the extracted text.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let k = self.segments.partition_point(|s| s.at <= offset);
        let Some(seg) = self.segments.get(k.saturating_sub(1)) else {
            return Position {
                page: None,
                line: 1,
                column: 1,
            };
        };
        let from = seg.at.min(offset);
        Position {
            page: seg.page,
            line: seg.line,
            column: seg.column + text[from..offset].chars().count() + 1,
        }
    }
}
