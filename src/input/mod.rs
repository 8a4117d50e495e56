//! Input formats other than text: Word (.docx) and PDF, detected by content and read into
//! text lines that carry their own location map (paragraph of a .docx, page and line of
//! a PDF), so the layout stage and everything after it treat them as text.

pub mod docx;
pub mod pdf;

use crate::origin::LayoutKind;
pub use crate::origin::{Format, Origin, Position, Segment};
use crate::source::{SourceError, SourceFile};
use std::path::Path;

/// Reading a file is this stage's: a .docx or PDF is extracted here, anything else is
/// decoded as text by `source`.
impl SourceFile {
    /// Read and decode a file.
    pub fn load(path: &Path) -> Result<SourceFile, SourceError> {
        let bytes = crate::limits::read_bounded(path, crate::limits::max_file_size()).map_err(
            |e| match e {
                crate::limits::ReadError::Io(source) => SourceError::Io {
                    path: path.to_path_buf(),
                    source,
                },
                source => SourceError::Refused {
                    path: path.to_path_buf(),
                    source,
                },
            },
        )?;
        SourceFile::from_bytes(path, &bytes)
    }

    /// Decode bytes that came from `path`.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, SourceError> {
        let src = match sniff(path, bytes) {
            Some(format) => read(path, bytes, format)?,
            None => SourceFile::from_text_bytes(path, bytes)?,
        };
        let len = src.text.len().max(bytes.len());
        if u32::try_from(len).is_err() {
            return Err(SourceError::TooLarge {
                path: path.to_path_buf(),
                len,
            });
        }
        Ok(src)
    }
}

/// Builds the extracted text and its segments together.
#[derive(Default)]
pub(crate) struct TextBuilder {
    pub(crate) text: String,
    segments: Vec<Segment>,
}

impl TextBuilder {
    /// Append `s`, which is the text of `line` (on `page`) from character `column` on.
    pub(crate) fn push(&mut self, s: &str, page: Option<usize>, line: usize, column: usize) {
        if s.is_empty() {
            return;
        }
        let seg = Segment {
            at: self.text.len(),
            page,
            line,
            column,
        };
        // A run that continues the last one where it left off needs no segment.
        let continues = self.segments.last().is_some_and(|l| {
            l.page == page
                && l.line == line
                && l.column + self.text[l.at..].chars().count() == column
        });
        if !continues {
            self.segments.push(seg);
        }
        self.text.push_str(s);
    }

    /// Text with no place of its own (line ends, a cell separator): it belongs to the
    /// segment before it.
    pub(crate) fn push_synthetic(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub(crate) fn finish(self, path: &Path, format: Format, layout: LayoutKind) -> SourceFile {
        let mut segments = self.segments;
        if segments.first().is_none_or(|s| s.at > 0) {
            segments.insert(
                0,
                Segment {
                    at: 0,
                    page: segments.first().and_then(|s| s.page),
                    line: 1,
                    column: 0,
                },
            );
        }
        SourceFile::from_extracted(
            path,
            self.text,
            Origin {
                format,
                layout,
                segments,
            },
        )
    }
}

/// Which non-text format the bytes are in, by content (a zip with `word/document.xml`,
/// `%PDF-`) or, for files too damaged to tell, by the extension.
pub fn sniff(path: &Path, bytes: &[u8]) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    // A PDF starts with its header; writers may put a few bytes of junk before it, so a
    // file named .pdf may have it anywhere in the first KiB (a text file that merely
    // mentions "%PDF-" stays text).
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.trim_ascii_start().starts_with(b"%PDF-")
        || (ext.as_deref() == Some("pdf") && head.windows(5).any(|w| w == b"%PDF-"))
    {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // Any zip that holds a Word body, or one that claims to be a .docx.
        let named = |n: &[u8]| bytes.windows(n.len()).any(|w| w == n);
        if ext.as_deref() == Some("docx") || named(b"word/document.xml") {
            return Some(Format::Docx);
        }
    }
    match ext.as_deref() {
        Some("docx") => Some(Format::Docx),
        Some("pdf") => Some(Format::Pdf),
        _ => None,
    }
}

/// Read a .docx or PDF.
pub fn read(path: &Path, bytes: &[u8], format: Format) -> Result<SourceFile, SourceError> {
    let damaged = |why: String| SourceError::Damaged {
        path: path.to_path_buf(),
        format: format.name(),
        why,
    };
    match format {
        Format::Docx => docx::read(path, bytes).map_err(damaged),
        Format::Pdf => pdf::read(path, bytes).map_err(damaged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_and_name() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(sniff(&p("a.bin"), b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(sniff(&p("a.txt"), "第１条 %PDF-1.7 の話".as_bytes()), None);
        assert_eq!(
            sniff(&p("a.zip"), b"PK\x03\x04 word/document.xml"),
            Some(Format::Docx)
        );
        assert_eq!(sniff(&p("a.zip"), b"PK\x03\x04 other"), None);
        assert_eq!(sniff(&p("broken.DOCX"), b"garbage"), Some(Format::Docx));
        assert_eq!(sniff(&p("terms.txt"), "第１条".as_bytes()), None);
    }

    #[test]
    fn positions_count_from_their_segment() {
        let mut b = TextBuilder::default();
        b.push("第１条", None, 3, 0);
        b.push("（目的）", None, 3, 3);
        b.push_synthetic("\n");
        b.push("本文", Some(2), 7, 0);
        let src = b.finish(Path::new("x.pdf"), Format::Pdf, LayoutKind::PdfExtracted);
        let o = src.origin.clone().unwrap();
        assert_eq!(
            o.segments.len(),
            2,
            "a run that continues its line adds no segment"
        );
        let at = src.text.find('目').unwrap();
        assert_eq!(
            o.position(&src.text, at),
            Position {
                page: None,
                line: 3,
                column: 5
            }
        );
        let at = src.text.find('文').unwrap();
        assert_eq!(
            o.position(&src.text, at),
            Position {
                page: Some(2),
                line: 7,
                column: 2
            }
        );
    }
}
