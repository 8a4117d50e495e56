//! The clause model (SPEC §2): plain serde types, the product's public format.
//!
//! Japanese names of the levels: 章 chapter, 条 article, 項 paragraph, 号 item,
//! イロハ sub-item, 附則 supplementary provision, 仕様書の節 section.

/// The short strings of the model (labels, numbers, captions, paths, reference texts and
/// targets): 24 bytes like a `String`, held in place up to 24 bytes of UTF-8 (most of
/// them), so a provision or a reference allocates for its text only.
pub use compact_str::CompactString;
/// The shortest strings, a provision's label and number ("第１０条の２", "10の2"): 16
/// bytes, held in place up to 15 bytes of UTF-8 (nearly all of them). A large document
/// has a provision for nearly every line, so each is 8 bytes less than a `CompactString`.
pub use ecow::EcoString;
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

use crate::source::SourceFile;

/// A place in the ORIGINAL file: byte offsets `start..end` and the 1-based line of `start`.
/// 32-bit values: 12 bytes on every provision, reference and definition, where three
/// `usize` take 24. A file (or decoded text) past 4 GiB is refused when it is read
/// (`SourceError::TooLarge`), so every offset and line of one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub line: u32,
}

impl Span {
    /// A span of these offsets and line (saturated at `u32::MAX`, which no file that is
    /// read reaches).
    pub fn new(start: usize, end: usize, line: usize) -> Span {
        use crate::source::at32;
        Span {
            start: at32(start),
            end: at32(end),
            line: at32(line),
        }
    }

    /// The byte range `start..end`, to slice the file with.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The 1-based line.
    pub fn line(&self) -> usize {
        self.line as usize
    }
}

/// What a document is, from its title and structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 約款, 利用規約, 契約書, 個別条件書: documents in 条.
    Terms,
    /// 仕様書: documents in numbered sections.
    Spec,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    /// 編 / 章
    Chapter,
    /// 条
    Article,
    /// 項 (also the unlabelled text of a section, and a preamble 前文)
    Paragraph,
    /// 号
    Item,
    /// イ ロ ハ, ア イ ウ, (a), ① below an item
    Subitem,
    /// 節 / 款 / 目, and the numbered sections of a spec (１．, 1.1)
    Section,
    /// A two-column table (the definitions table after 「用語 用語の意味」)
    Table,
    /// One row of a table, with its `cells`
    Row,
    /// 附則
    Suppl,
    /// Text the parser could not place in the structure
    Unplaced,
    /// 別表 / 別記 / 様式: an appendix after the 附則 (its rows and items are its own).
    Appendix,
}

/// One node of the provision tree.
#[derive(Debug, Clone, Serialize)]
pub struct Provision {
    pub kind: ProvisionKind,
    /// The label as written: "第１０条の２", "２", "（１）", "イ", "１．１"; "" when unlabelled.
    pub label: EcoString,
    /// The normalised number: "10の2", "2", "1", "1.2".
    pub num: EcoString,
    /// The caption without brackets: 目的.
    pub caption: Option<CompactString>,
    /// The provision's own text, reflowed, in its original characters.
    pub text: Text,
    /// The path from the document root: "第10条の2第2項第1号", "1.2".
    pub path: CompactString,
    pub span: Span,
    /// The text of each cell (rows; a table's header row): [`Cells`], read as a slice.
    #[serde(skip_serializing_if = "Cells::is_empty")]
    pub cells: Cells,
    pub children: Box<[Provision]>,
    /// Where `text` came from, for mapping text offsets back to the source.
    #[serde(skip)]
    pub text_map: TextMap,
    /// The decoded range of the label (or of the first line when unlabelled):
    /// [`Provision::label_range`].
    #[serde(skip)]
    pub label_offsets: Offsets,
    /// A 附則 marked 抄: an excerpt, whose left-out articles are not errors.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub excerpt: bool,
}

impl Provision {
    /// The decoded range of the label (or of the first line when unlabelled).
    pub fn label_range(&self) -> Range<usize> {
        self.label_offsets.range()
    }

    pub fn set_label_range(&mut self, range: Range<usize>) {
        self.label_offsets = Offsets::new(range);
    }

    /// Depth-first walk over this provision and all below it.
    pub fn walk(&self) -> impl Iterator<Item = &Provision> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let p = stack.pop()?;
            stack.extend(p.children.iter().rev());
            Some(p)
        })
    }

    /// An article marked 削除 (deleted): its only text is 削除.
    pub fn is_deleted(&self) -> bool {
        let deleted = |t: &str| matches!(t.trim(), "削除" | "削除。");
        match &self.children[..] {
            [] => deleted(&self.text),
            [only] => only.children.is_empty() && deleted(&only.text),
            _ => false,
        }
    }
}

/// The cells of a row, read as a slice of their texts. Held behind one thin pointer, none
/// for the provisions that are not rows (nearly all): 8 bytes on every provision, where a
/// boxed slice would take 16.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells(Option<Box<Box<[String]>>>);

impl Cells {
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl From<Vec<String>> for Cells {
    fn from(cells: Vec<String>) -> Cells {
        Cells((!cells.is_empty()).then(|| Box::new(cells.into_boxed_slice())))
    }
}

impl FromIterator<String> for Cells {
    fn from_iter<I: IntoIterator<Item = String>>(cells: I) -> Cells {
        Cells::from(cells.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Cells {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::ops::Deref for Cells {
    type Target = [String];
    fn deref(&self) -> &[String] {
        self.0.as_deref().map_or(&[], |c| &c[..])
    }
}

impl Serialize for Cells {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A decoded range held as two 32-bit offsets: 8 bytes on every provision rather than
/// 16. A decoded text past 4 GiB is refused when it is read (`SourceError::TooLarge`),
/// so every offset of one fits; were one not to, the range would be empty at the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Offsets {
    start: u32,
    end: u32,
}

impl Offsets {
    pub const EMPTY: Offsets = Offsets { start: 0, end: 0 };

    pub fn new(range: Range<usize>) -> Offsets {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) => Offsets { start, end },
            _ => Offsets {
                start: u32::MAX,
                end: u32::MAX,
            },
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// Widen to cover `other` as well.
    pub fn cover(&mut self, other: Range<usize>) {
        let r = self.range();
        *self = Offsets::new(r.start.min(other.start)..r.end.max(other.end));
    }
}

impl From<Range<usize>> for Offsets {
    fn from(range: Range<usize>) -> Offsets {
        Offsets::new(range)
    }
}

/// A text of a document (a provision's, a logical line's): a range of the decoded source,
/// shared with it, or a string of its own where the text is not one verbatim piece of
/// the source (wraps joined, markup removed, cells joined by tabs). Most texts of a clean
/// document are a line of it, so most texts are shared: no copy, no allocation. It reads
/// as a `str` (`Deref`), compares and hashes as one, and serialises as one (SPEC §2).
#[derive(Clone, Default)]
pub struct Text(TextRepr);

#[derive(Clone)]
enum TextRepr {
    /// `source[start..end]`.
    Shared {
        source: Arc<str>,
        start: u32,
        end: u32,
    },
    Owned(String),
}

impl Default for TextRepr {
    fn default() -> TextRepr {
        TextRepr::Owned(String::new())
    }
}

impl Text {
    /// `source[range]`, shared with the source (copied, past the 4 GiB that the offsets
    /// of a shared text can address).
    pub fn shared(source: &Arc<str>, range: Range<usize>) -> Text {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) => {
                debug_assert!(source.is_char_boundary(range.start));
                debug_assert!(source.is_char_boundary(range.end));
                Text(TextRepr::Shared {
                    source: Arc::clone(source),
                    start,
                    end,
                })
            }
            _ => Text(TextRepr::Owned(source[range].to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Shared { source, start, end } => &source[*start as usize..*end as usize],
            TextRepr::Owned(s) => s,
        }
    }

    /// `self[range]`: shared when this text is.
    pub fn slice(&self, range: Range<usize>) -> Text {
        match &self.0 {
            TextRepr::Shared { source, start, .. } => {
                let at = *start as usize;
                Text::shared(source, at + range.start..at + range.end)
            }
            TextRepr::Owned(s) => Text(TextRepr::Owned(s[range].to_string())),
        }
    }

    /// Does it share the source's bytes (rather than hold its own)?
    pub fn is_shared(&self) -> bool {
        matches!(self.0, TextRepr::Shared { .. })
    }

    /// The text as a string of its own, to change it.
    fn owned(&mut self) -> &mut String {
        if let TextRepr::Shared { .. } = self.0 {
            self.0 = TextRepr::Owned(self.as_str().to_string());
        }
        match &mut self.0 {
            TextRepr::Owned(s) => s,
            TextRepr::Shared { .. } => unreachable!("made owned above"),
        }
    }

    /// Append `s` (the text becomes its own string).
    pub fn push_str(&mut self, s: &str) {
        self.owned().push_str(s);
    }

    /// Append `c` (the text becomes its own string).
    pub fn push(&mut self, c: char) {
        self.owned().push(c);
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(TextRepr::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(TextRepr::Owned(s.to_string()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        match t.0 {
            TextRepr::Owned(s) => s,
            TextRepr::Shared { .. } => t.as_str().to_string(),
        }
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// How a reflowed text maps back to decoded source offsets: a list of pieces
/// ([`TextMap::pieces`]), each a verbatim slice of the source
/// (`text[text_start..text_start+len] == source[src_start..src_start+len]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMap(Pieces);

/// The pieces of a [`TextMap`]. Most texts are one verbatim piece (a line of a clean
/// text), held in place; a text of several pieces holds them behind one thin pointer. 16
/// bytes on every provision and logical line, where a small vector of one piece takes 24.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Pieces {
    #[default]
    None,
    One(Piece),
    #[allow(clippy::box_collection)] // a thin pointer: 16 bytes in all, not the vector's 24 + 8
    Many(Box<Vec<Piece>>),
}

/// One verbatim piece of a text: `len` bytes at `text_start` of the text are the bytes at
/// `src_start` of the decoded source. Held as 32-bit offsets (a piece is 12 bytes and a
/// one-piece map stays in place in 24): a source over 4 GiB of decoded text is refused
/// when it is read (`SourceError::TooLarge`), and a text is never longer than the source
/// it is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    text_start: u32,
    src_start: u32,
    len: u32,
}

/// A text or source offset as a piece holds it (see [`Piece`]).
fn offset32(n: usize) -> u32 {
    debug_assert!(n <= u32::MAX as usize, "an offset past 4 GiB of text");
    n as u32
}

impl Piece {
    pub fn new(text_start: usize, src_start: usize, len: usize) -> Piece {
        Piece {
            text_start: offset32(text_start),
            src_start: offset32(src_start),
            len: offset32(len),
        }
    }

    pub fn text_start(&self) -> usize {
        self.text_start as usize
    }

    pub fn src_start(&self) -> usize {
        self.src_start as usize
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl TextMap {
    /// The map of a text that is one verbatim piece of the source, from `src_start`.
    pub fn verbatim(src_start: usize, len: usize) -> TextMap {
        TextMap(Pieces::One(Piece::new(0, src_start, len)))
    }

    /// The pieces, in text order.
    pub fn pieces(&self) -> &[Piece] {
        match &self.0 {
            Pieces::None => &[],
            Pieces::One(p) => std::slice::from_ref(p),
            Pieces::Many(v) => v,
        }
    }

    /// Add a piece after the others.
    pub fn push(&mut self, piece: Piece) {
        self.0 = match std::mem::take(&mut self.0) {
            Pieces::None => Pieces::One(piece),
            Pieces::One(first) => Pieces::Many(Box::new(vec![first, piece])),
            Pieces::Many(mut v) => {
                v.push(piece);
                Pieces::Many(v)
            }
        };
    }

    /// Decoded source offset of a byte offset in the reflowed text.
    pub fn src_offset(&self, text_offset: usize) -> usize {
        let pieces = self.pieces();
        let i = match pieces.binary_search_by(|p| p.text_start().cmp(&text_offset)) {
            Ok(i) => i,
            Err(0) => return pieces.first().map_or(0, Piece::src_start),
            Err(i) => i - 1,
        };
        let p = pieces[i];
        p.src_start() + (text_offset - p.text_start()).min(p.len())
    }

    /// Decoded source range of a range in the reflowed text. A range that ends exactly at
    /// a piece boundary ends in the earlier piece (so a term split by a wrap keeps its end).
    pub fn src_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.src_offset(r.start);
        let end = if r.end > r.start {
            self.src_offset(r.end - 1) + 1
        } else {
            start
        };
        // src_offset(r.end - 1) + 1 may land inside a multi-byte char; extend to its end.
        start..end.max(start)
    }

    /// The map of `text[from..]` re-based so that `from` becomes 0.
    pub fn slice(&self, from: usize, to: usize) -> TextMap {
        let mut map = TextMap::default();
        for p in self.pieces() {
            let (a, b) = (p.text_start(), p.text_start() + p.len());
            let (s, e) = (a.max(from), b.min(to));
            if s < e {
                map.push(Piece::new(s - from, p.src_start() + (s - a), e - s));
            }
        }
        map
    }

    /// Append another map whose text starts at `at` in the combined text.
    pub fn append(&mut self, other: &TextMap, at: usize) {
        for p in other.pieces() {
            self.push(Piece::new(p.text_start() + at, p.src_start(), p.len()));
        }
    }
}

/// How a definition is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DefinitionKind {
    /// A row of a definitions table.
    Table,
    /// （以下「X」という。）
    Abbreviation,
    /// 「X」とは、…をいう。 / 一　X　…をいう。
    Sentence,
}

#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    pub term: String,
    pub meaning: String,
    pub kind: DefinitionKind,
    pub path: String,
    pub span: Span,
    /// null = the whole document; else the path the definition is limited to.
    pub scope: Option<String>,
    /// The reading the document gives the term, in kana (「瑕疵（かし）」, a 読み column of
    /// a definitions table); absent from the serialized model when it gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// Decoded range of the term where it is defined.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Decoded range of the meaning (the abbreviated long form or the definition text).
    #[serde(skip)]
    pub meaning_range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    Cite,
    /// 「…の規定にかかわらず」
    Override,
    /// 「第N条に定義される」
    DefinedIn,
    /// 準用
    ApplyMutatis,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    /// As written: "基本約款第８条第３項".
    pub text: CompactString,
    pub kind: ReferenceKind,
    /// null = this document; else the document name as written ("基本約款").
    pub document: Option<CompactString>,
    /// Normalised target path: "第8条第3項".
    pub target: CompactString,
    /// true|false; null when it cannot be checked: the target document is not in the
    /// corpus, or the target lies in a 附則 marked 抄 (an excerpt that leaves it out).
    pub resolved: Option<bool>,
    /// Path of the provision the reference stands in.
    pub path: CompactString,
    pub span: Span,
    #[serde(skip)]
    pub range: Range<usize>,
    /// The caption written after the reference: 基本約款第２条（約款の変更）.
    #[serde(skip)]
    pub caption: Option<CompactString>,
    /// The relative form it was written in (前項, 次条 …), if any.
    #[serde(skip)]
    pub relative: Option<CompactString>,
    /// The document named is a statute (電気通信事業法（昭和５９年法律第８６号）).
    #[serde(skip)]
    pub is_statute: bool,
    /// The statute was cited with its law number, which makes it external by itself.
    #[serde(skip)]
    pub with_law_number: bool,
    /// Why a relative reference has no target (前項 in a first paragraph …).
    #[serde(skip)]
    pub relative_error: Option<CompactString>,
    /// Byte range of the reference in its provision's `text`.
    #[serde(skip)]
    pub text_range: Range<usize>,
    /// Decoded range of the document name written in front of the reference.
    #[serde(skip)]
    pub document_range: Option<Range<usize>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Precedence {
    /// The document that prevails, as written.
    pub higher: String,
    pub lower: String,
    pub condition: String,
    pub path: String,
    pub span: Span,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// One parsed document.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub path: String,
    pub kind: DocumentKind,
    /// The law number of a statute (平成五年法律第八十八号), when the text gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub law_number: Option<String>,
    pub provisions: Vec<Provision>,
    pub suppl: Vec<Provision>,
    pub definitions: Vec<Definition>,
    pub references: Vec<Reference>,
    pub precedence: Vec<Precedence>,
    /// 目次 entries (kept out of the structure).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub toc: Vec<String>,
    /// The source the spans point into.
    #[serde(skip)]
    pub source: Arc<SourceFile>,
    /// Decoded range of the title line.
    #[serde(skip)]
    pub title_range: Range<usize>,
}

impl Document {
    /// Every provision, main provisions then 附則, depth first.
    pub fn all_provisions(&self) -> impl Iterator<Item = &Provision> {
        self.provisions
            .iter()
            .chain(self.suppl.iter())
            .flat_map(|p| p.walk())
    }

    /// A model span for a decoded range of this document's source.
    pub fn span(&self, r: Range<usize>) -> Span {
        span_of(&self.source, r)
    }
}

/// A model span (original bytes, 1-based line) for a decoded range.
pub fn span_of(source: &SourceFile, r: Range<usize>) -> Span {
    Span::new(
        source.original_offset(r.start),
        source.original_offset(r.end),
        source.line_index(r.start.min(source.text.len())) + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_text_reads_its_range_of_the_source_and_slices_shared() {
        let source: Arc<str> = Arc::from("第1条 目的。本約款は、");
        let start = source.find('目').unwrap();
        let t = Text::shared(&source, start..source.len());
        assert!(t.is_shared());
        assert_eq!(t, "目的。本約款は、");
        let s = t.slice(0.."目的".len());
        assert!(s.is_shared());
        assert_eq!(s.as_str(), "目的");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"目的\"");
        assert_eq!(format!("{s:?}"), "\"目的\"");
    }

    #[test]
    fn a_changed_text_is_its_own_and_the_source_is_untouched() {
        let source: Arc<str> = Arc::from("本約款は、");
        let mut t = Text::shared(&source, 0..source.len());
        t.push_str("次の");
        t.push('と');
        assert!(!t.is_shared());
        assert_eq!(t, "本約款は、次のと");
        assert_eq!(&*source, "本約款は、");
        assert_eq!(t.slice(0..3), Text::from("本"));
        assert!(!t.slice(0..3).is_shared());
        assert_eq!(String::from(t), "本約款は、次のと");
    }

    #[test]
    fn short_strings_of_the_model_stay_in_place() {
        assert_eq!(std::mem::size_of::<CompactString>(), 24);
        assert!(!CompactString::from("第10条第2項第3号").is_heap_allocated());
        // A label or a number: 16 bytes, in place up to 15 bytes of UTF-8.
        assert_eq!(std::mem::size_of::<EcoString>(), 16);
        assert!(EcoString::INLINE_LIMIT >= 15 && "第10条の2".len() <= 15);
        assert_eq!(std::mem::size_of::<Text>(), 32);
        assert_eq!(std::mem::size_of::<TextMap>(), 16);
        assert_eq!(std::mem::size_of::<Cells>(), 8);
    }

    #[test]
    fn a_text_map_holds_its_pieces_in_order_one_in_place() {
        let mut map = TextMap::default();
        assert!(map.pieces().is_empty());
        assert_eq!(map.src_offset(3), 0);
        map.push(Piece::new(0, 10, 4));
        assert_eq!(map, TextMap::verbatim(10, 4));
        map.push(Piece::new(4, 20, 2));
        map.push(Piece::new(6, 30, 3));
        let starts: Vec<usize> = map.pieces().iter().map(Piece::src_start).collect();
        assert_eq!(starts, [10, 20, 30]);
        assert_eq!(map.src_offset(5), 21);
        assert_eq!(map.src_range(4..7), 20..31);
        let tail = map.slice(5, 9);
        assert_eq!(tail.pieces(), [Piece::new(0, 21, 1), Piece::new(1, 30, 3)]);
        let mut joined = TextMap::verbatim(0, 2);
        joined.append(&tail, 2);
        assert_eq!(joined.pieces().len(), 3);
        assert_eq!(joined.src_offset(3), 30);
    }

    #[test]
    fn cells_read_as_a_slice_and_serialise_as_a_list() {
        let none = Cells::from(Vec::new());
        assert!(none.is_empty() && none.iter().next().is_none());
        let row = Cells::from(vec!["用語".to_string(), "意味".to_string()]);
        assert_eq!(&row[..], ["用語", "意味"]);
        assert_eq!(serde_json::to_string(&row).unwrap(), r#"["用語","意味"]"#);
    }
}
