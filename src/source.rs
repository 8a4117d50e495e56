//! Source loading: read bytes, detect the encoding, decode, and map offsets in the
//! decoded text back to byte offsets in the original file.
//!
//! Every later stage works on the decoded text (`SourceFile::text`, BOM removed, line
//! ends untouched). The model and every diagnostic report positions in the ORIGINAL
//! file, so [`SourceFile::original_offset`] converts a decoded offset to the byte offset
//! it came from (identical for BOM-less UTF-8, the common case).

use std::ops::Range;
use std::path::{Path, PathBuf};

/// The encodings yakkan reads (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    ShiftJis,
}

impl Encoding {
    /// Bytes that the encoding puts before the text.
    fn bom_len(self) -> usize {
        match self {
            Encoding::Utf8 | Encoding::ShiftJis => 0,
            Encoding::Utf8Bom => 3,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
        }
    }

    /// Bytes one character takes in the original file.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => c.len_utf8(),
            Encoding::Utf16Le | Encoding::Utf16Be => c.len_utf16() * 2,
            // CP932: ASCII, U+0080 (0x80 in WHATWG Shift_JIS) and half-width katakana are
            // one byte, everything else two.
            Encoding::ShiftJis => {
                if c.is_ascii() || c == '\u{80}' || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                    1
                } else {
                    2
                }
            }
        }
    }
}

/// Why a file could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A FIFO, a device, a folder, a file over `--max-file-size` (`crate::limits`).
    #[error("{path}: {source}")]
    Refused {
        path: PathBuf,
        #[source]
        source: crate::limits::ReadError,
    },
    #[error("{path}: this is a binary file, not a text document ({why})")]
    Binary { path: PathBuf, why: String },
    #[error(
        "{path}: cannot decode the file: it is not valid UTF-8, UTF-16 (with BOM) or Shift_JIS"
    )]
    Undecodable { path: PathBuf },
    /// A file or its decoded text past what the model's 32-bit offsets address
    /// (`crate::model::Piece`, `crate::model::Span`); only a `--max-file-size` raised past
    /// 4 GiB lets one through.
    #[error("{path}: {len} bytes (the file or its decoded text), more than the 4 GiB (4294967295 bytes) a document can hold")]
    TooLarge { path: PathBuf, len: usize },
    /// A .docx or PDF that cannot be read (`crate::input`).
    #[error("{path}: cannot read this {format} file: {why}")]
    Damaged {
        path: PathBuf,
        format: &'static str,
        why: String,
    },
}

/// One document's text as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (used in diagnostics).
    pub path: PathBuf,
    /// The decoded text, BOM removed, line ends as in the file.
    pub text: std::sync::Arc<str>,
    pub encoding: Encoding,
    /// Byte offset (decoded) of the start of every line, for line numbers and offset mapping.
    line_starts: Vec<u32>,
    /// For encodings other than UTF-8: (decoded offset, original offset) every
    /// [`CHECKPOINT`] bytes or so, so that mapping an offset sums the widths of a few
    /// characters, not of the whole text before it (linear overall, not quadratic).
    checkpoints: Vec<(usize, usize)>,
    /// (decoded offset, characters before it) every [`CHECKPOINT`] bytes or so: a column
    /// counts the characters of a few hundred bytes, never of the whole line, so many
    /// findings on one long line stay linear.
    char_marks: Vec<(u32, u32)>,
    /// For Shift_JIS: the bytes of the characters written in a form the encoder would
    /// not choose (NEC/IBM extensions, user-defined area), so writing back is byte for
    /// byte (`crate::sjis`).
    pub sjis_forms: Option<std::sync::Arc<crate::sjis::Forms>>,
    /// For a .docx or PDF: the extracted text's map back to paragraphs or pages.
    pub origin: Option<std::sync::Arc<crate::origin::Origin>>,
}

/// Distance in decoded bytes between two offset checkpoints.
const CHECKPOINT: usize = 256;

impl SourceFile {
    /// Decode the bytes of a text file (a .docx or PDF is read by `crate::input`, whose
    /// [`SourceFile::from_bytes`] tells them apart).
    pub(crate) fn from_text_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, SourceError> {
        let (text, encoding) = decode(path, bytes)?;
        let forms = (encoding == Encoding::ShiftJis)
            .then(|| crate::sjis::forms(bytes, &text))
            .filter(|f| !f.is_empty());
        let mut src = SourceFile::from_decoded(path, text, encoding);
        src.sjis_forms = forms.map(std::sync::Arc::new);
        Ok(src)
    }

    /// A source whose text is already decoded (tests, `fmt` round trips).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile::from_decoded(&path.into(), text.into(), Encoding::Utf8)
    }

    /// The text extracted from a .docx or PDF, with its map back to the document.
    pub(crate) fn from_extracted(
        path: &Path,
        text: String,
        origin: crate::origin::Origin,
    ) -> SourceFile {
        let mut src = SourceFile::from_decoded(path, text, Encoding::Utf8);
        src.origin = Some(std::sync::Arc::new(origin));
        src
    }

    fn from_decoded(path: &Path, text: String, encoding: Encoding) -> SourceFile {
        let line_starts = line_starts(text.as_bytes());
        let char_marks = char_marks(&text);
        crate::work::add(text.len());
        let mut checkpoints = Vec::new();
        if !matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom) {
            let mut original = encoding.bom_len();
            let mut next = 0;
            for (i, c) in text.char_indices() {
                if i >= next {
                    checkpoints.push((i, original));
                    next = i + CHECKPOINT;
                }
                original += encoding.width(c);
            }
            checkpoints.push((text.len(), original));
        }
        SourceFile {
            path: path.to_path_buf(),
            text: text.into(),
            encoding,
            line_starts,
            checkpoints,
            char_marks,
            sjis_forms: None,
            origin: None,
        }
    }

    /// How many lines the text has (one for an empty text).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The decoded range of line `i` (0-based), without its line end.
    pub fn line_range(&self, i: usize) -> Range<usize> {
        let start = self.line_starts[i] as usize;
        let mut end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// 0-based line index of a decoded offset.
    pub fn line_index(&self, offset: usize) -> usize {
        // Past what a start can be: after every start (a text is at most 4 GiB).
        match self.line_starts.binary_search(&at32(offset)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and 1-based column (in Unicode scalar values) of a decoded offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line] as usize;
        let col = self.chars_before(offset) - self.chars_before(start);
        (line + 1, col + 1)
    }

    /// How many characters stand before a decoded offset (a character boundary or not:
    /// the character it falls in is not counted).
    fn chars_before(&self, offset: usize) -> usize {
        let k = self
            .char_marks
            .partition_point(|&(d, _)| d as usize <= offset);
        let Some(&(d, n)) = k.checked_sub(1).and_then(|k| self.char_marks.get(k)) else {
            return 0;
        };
        let (d, n) = (d as usize, n as usize);
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        crate::work::add(end.saturating_sub(d));
        n + self.text[d..end.max(d)].chars().count()
    }

    /// The byte offset in the original file of a decoded offset.
    pub fn original_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.encoding {
            Encoding::Utf8 => offset,
            Encoding::Utf8Bom => offset + 3,
            enc => {
                // The last checkpoint at or before `offset`, then the widths after it.
                let k = self.checkpoints.partition_point(|&(d, _)| d <= offset);
                let (d, o) = self.checkpoints[k.saturating_sub(1)];
                let mut start = d.min(offset);
                while !self.text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = offset;
                while !self.text.is_char_boundary(end) {
                    end -= 1;
                }
                o + self.text[start..end]
                    .chars()
                    .map(|c| enc.width(c))
                    .sum::<usize>()
            }
        }
    }

    /// The decoded offset of a byte offset in the original file (inverse of
    /// [`SourceFile::original_offset`]; an offset inside a character maps to its start).
    pub fn decoded_offset(&self, original: usize) -> usize {
        match self.encoding {
            Encoding::Utf8 => original.min(self.text.len()),
            Encoding::Utf8Bom => original.saturating_sub(3).min(self.text.len()),
            enc => {
                let k = self.checkpoints.partition_point(|&(_, o)| o <= original);
                let (d, mut pos) = self.checkpoints[k.saturating_sub(1)];
                for (i, c) in self.text[d..].char_indices() {
                    let w = enc.width(c);
                    if pos + w > original {
                        return d + i;
                    }
                    pos += w;
                }
                self.text.len()
            }
        }
    }
}

/// Detect the encoding and decode. UTF-8 is validated with SIMD (`simdutf8`): the
/// standard library's check reads Japanese text a character at a time, about ten
/// instructions a byte, and it runs before anything else can start.
fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding), SourceError> {
    let undecodable = || SourceError::Undecodable {
        path: path.to_path_buf(),
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let text = simdutf8::basic::from_utf8(rest).map_err(|_| undecodable())?;
        return check_text(path, text.to_string(), Encoding::Utf8Bom);
    }
    for (bom, enc, encoding) in [
        (&[0xFF, 0xFE], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (&[0xFE, 0xFF], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(undecodable());
            }
            return check_text(path, text.into_owned(), encoding);
        }
    }
    if bytes.contains(&0) {
        return Err(SourceError::Binary {
            path: path.to_path_buf(),
            why: "it contains NUL bytes".into(),
        });
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return check_text(path, text.to_string(), Encoding::Utf8);
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(undecodable());
    }
    check_text(path, text.into_owned(), Encoding::ShiftJis)
}

/// The offsets where lines start: 0 and after every line end ("\r\n", "\n" or a lone
/// "\r"), found with `memchr` rather than byte by byte.
fn line_starts(bytes: &[u8]) -> Vec<u32> {
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            starts.push(at32(i + 1));
        }
    }
    // Kept as long as the source: not the up to twice as many that growing left room for.
    starts.shrink_to_fit();
    starts
}

/// (offset, characters before it) at the first character boundary at or past every
/// [`CHECKPOINT`] bytes: the characters of each stretch counted as the bytes that do not
/// continue a character (a loop the compiler vectorises), not decoded one by one.
fn char_marks(text: &str) -> Vec<(u32, u32)> {
    let bytes = text.as_bytes();
    let mut marks = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
    let (mut at, mut chars) = (0, 0);
    while at < bytes.len() {
        marks.push((at32(at), at32(chars)));
        let mut next = (at + CHECKPOINT).min(bytes.len());
        while !text.is_char_boundary(next) {
            next += 1;
        }
        chars += char_count(&bytes[at..next]);
        at = next;
    }
    marks
}

/// An offset, count or line of a text, as 32 bits (saturated: a text past 4 GiB is
/// refused when it is read, [`SourceError::TooLarge`]).
pub(crate) fn at32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The characters of UTF-8 bytes: the bytes that start one.
fn char_count(bytes: &[u8]) -> usize {
    count_bytes(bytes, |b| (b as i8) >= -0x40)
}

/// The bytes that pass `test`, counted 255 at a time in a byte: a loop the compiler
/// vectorises (32 bytes a step), where `filter().count()` adds one to a `usize` for each.
/// `test` should not branch (`&` and `|` on its comparisons, not `&&` and `||`).
#[inline]
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let n: u8 = chunk.iter().fold(0u8, |n, &b| n + u8::from(test(b)));
            usize::from(n)
        })
        .sum()
}

/// The control characters (Unicode Cc: U+0000–U+001F, U+007F–U+009F) of UTF-8 bytes
/// other than tab, line ends and form feed. Every one but the C1 controls is one ASCII
/// byte; a C1 control is 0xC2 and a byte 0x80–0x9F.
fn controls(bytes: &[u8]) -> usize {
    let ascii = count_bytes(bytes, |b| {
        ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C)) | (b == 0x7F)
    });
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    ascii + c1
}

/// Reject decoded text that is really binary (control characters other than tab and
/// line ends, e.g. an image that happens to decode).
fn check_text(
    path: &Path,
    text: String,
    encoding: Encoding,
) -> Result<(String, Encoding), SourceError> {
    let controls = controls(text.as_bytes());
    if controls > 0 && controls * 100 >= char_count(text.as_bytes()).max(1) {
        return Err(SourceError::Binary {
            path: path.to_path_buf(),
            why: format!("{controls} control characters"),
        });
    }
    Ok((text, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-level scans find what reading the text character by character finds.
        #[test]
        fn byte_scans_agree_with_chars(s in "[a\r\n\t\u{0}-\u{1f}\u{7f}-\u{a0}あ第１]{0,700}") {
            let b = s.as_bytes();
            let mut starts = vec![0u32];
            for (i, &c) in b.iter().enumerate() {
                if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                    starts.push(i as u32 + 1);
                }
            }
            proptest::prop_assert_eq!(line_starts(b), starts);
            let mut marks = Vec::new();
            let mut next = 0;
            for (n, (i, _)) in s.char_indices().enumerate() {
                if i >= next {
                    marks.push((i as u32, n as u32));
                    next = i + CHECKPOINT;
                }
            }
            proptest::prop_assert_eq!(char_marks(&s), marks);
            proptest::prop_assert_eq!(char_count(b), s.chars().count());
            let cc = s
                .chars()
                .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
                .count();
            proptest::prop_assert_eq!(controls(b), cc);
        }
    }

    #[test]
    fn shift_jis_offsets_map_back_to_original_bytes() {
        let text = "第１条 abc";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let src = SourceFile::from_bytes(Path::new("x.txt"), &bytes).unwrap();
        assert_eq!(src.encoding, Encoding::ShiftJis);
        assert_eq!(&*src.text, text);
        let a = src.text.find('a').unwrap();
        assert_eq!(src.original_offset(a), 7);
        assert_eq!(src.decoded_offset(7), a);
    }

    /// A line's range leaves out its line end, whichever it is; a final line end starts
    /// an empty last line.
    #[test]
    fn line_ranges_leave_out_line_ends() {
        let src = SourceFile::from_text("t.txt", "a\r\nbb\rc\n");
        let lines: Vec<_> = (0..src.line_count()).map(|i| src.line_range(i)).collect();
        assert_eq!(lines, [0..1, 3..5, 6..7, 8..8]);
    }

    #[test]
    fn offsets_map_back_through_checkpoints() {
        // Long enough for many checkpoints, with characters of every width.
        let text = "第１条 abc ｱｲｳ\r\n（以下「本約款」）𠮷\n".repeat(200);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        for bytes in [&sjis[..], &utf16[..]] {
            let src = SourceFile::from_bytes(Path::new("x.txt"), bytes).unwrap();
            let enc = src.encoding;
            let mut original = enc.bom_len();
            for (i, c) in src.text.char_indices() {
                assert_eq!(src.original_offset(i), original, "{enc:?} at {i}");
                assert_eq!(src.decoded_offset(original), i, "{enc:?} at {i}");
                original += enc.width(c);
            }
            assert_eq!(src.original_offset(src.text.len()), original);
            assert_eq!(original, bytes.len());
        }
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "第１条".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let src = SourceFile::from_bytes(Path::new("x.txt"), &bytes).unwrap();
        assert_eq!(&*src.text, "第１条");
        assert_eq!(src.encoding, Encoding::Utf16Le);
        assert_eq!(src.original_offset(src.text.len()), 8);
    }

    #[test]
    fn binary_is_an_error_naming_the_file() {
        let err = SourceFile::from_bytes(Path::new("img.png"), &[0x89, b'P', 0, 1, 2]).unwrap_err();
        assert!(err.to_string().starts_with("img.png: "), "{err}");
    }

    #[test]
    fn line_col_counts_scalars_and_cr_lines() {
        let src = SourceFile::from_text("x", "ab\r\n第１条\rxy");
        assert_eq!(src.line_col(src.text.find('１').unwrap()), (2, 2));
        assert_eq!(src.line_col(src.text.find('y').unwrap()), (3, 2));
    }
}
