//! The clause model (SPEC §2): plain serde types, the product's public format.
//!
//! Japanese names of the levels: 章 chapter, 条 article, 項 paragraph, 号 item,
//! イロハ sub-item, 附則 supplementary provision, 仕様書の節 section.

/// The short strings of the model (labels, numbers, captions, paths, reference texts and
/// targets): 24 bytes like a `String`, held in place up to 24 bytes of UTF-8 (most of
/// them), so a provision or a reference allocates for its text only.
pub use compact_str::CompactString;
use serde::Serialize;
use smallvec::SmallVec;
use std::ops::Range;
use std::sync::Arc;

use crate::source::SourceFile;

/// A place in the ORIGINAL file: byte offsets `start..end` and the 1-based line of `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
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
    pub label: CompactString,
    /// The normalised number: "10の2", "2", "1", "1.2".
    pub num: CompactString,
    /// The caption without brackets: 目的.
    pub caption: Option<CompactString>,
    /// The provision's own text, reflowed, in its original characters.
    pub text: String,
    /// The path from the document root: "第10条の2第2項第1号", "1.2".
    pub path: CompactString,
    pub span: Span,
    /// The text of each cell (rows; a table's header row).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    pub children: Vec<Provision>,
    /// Where `text` came from, for mapping text offsets back to the source.
    #[serde(skip)]
    pub text_map: TextMap,
    /// The decoded range of the label (or of the first line when unlabelled).
    #[serde(skip)]
    pub label_range: Range<usize>,
    /// A 附則 marked 抄: an excerpt, whose left-out articles are not errors.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub excerpt: bool,
}

impl Provision {
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
        match self.children.as_slice() {
            [] => deleted(&self.text),
            [only] => only.children.is_empty() && deleted(&only.text),
            _ => false,
        }
    }
}

/// How a reflowed text maps back to decoded source offsets: a list of pieces, each a
/// verbatim slice of the source (`text[text_start..text_start+len] ==
/// source[src_start..src_start+len]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMap {
    /// Most texts are one verbatim piece (a line of a clean text), held in place.
    pub pieces: SmallVec<[Piece; 1]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub text_start: usize,
    pub src_start: usize,
    pub len: usize,
}

impl TextMap {
    /// Decoded source offset of a byte offset in the reflowed text.
    pub fn src_offset(&self, text_offset: usize) -> usize {
        let i = match self
            .pieces
            .binary_search_by(|p| p.text_start.cmp(&text_offset))
        {
            Ok(i) => i,
            Err(0) => return self.pieces.first().map_or(0, |p| p.src_start),
            Err(i) => i - 1,
        };
        let p = self.pieces[i];
        p.src_start + (text_offset - p.text_start).min(p.len)
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
        let mut pieces = SmallVec::new();
        for p in &self.pieces {
            let (a, b) = (p.text_start, p.text_start + p.len);
            let (s, e) = (a.max(from), b.min(to));
            if s < e {
                pieces.push(Piece {
                    text_start: s - from,
                    src_start: p.src_start + (s - a),
                    len: e - s,
                });
            }
        }
        TextMap { pieces }
    }

    /// Append another map whose text starts at `at` in the combined text.
    pub fn append(&mut self, other: &TextMap, at: usize) {
        for p in &other.pieces {
            self.pieces.push(Piece {
                text_start: p.text_start + at,
                ..*p
            });
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
    Span {
        start: source.original_offset(r.start),
        end: source.original_offset(r.end),
        line: source.line_index(r.start.min(source.text.len())) + 1,
    }
}
