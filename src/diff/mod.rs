//! `yakkan diff OLD NEW` (SPEC §6): compare two revisions of one document (two files), or
//! of a corpus (two folders with or without `yakkan.yaml`, or two manifests; documents
//! are paired by id), and render a 新旧対照表 (Markdown or HTML) or a JSON report.
//!
//! # Matching
//!
//! Provisions are matched by what they say, never by their number:
//!
//! 1. *Units* — chapters, articles, sections and 附則 (and any other top-level provision)
//!    — are matched within their kind: first by identical content (caption and text,
//!    NFKC, white space ignored, labels ignored), then by the same normalised caption,
//!    then by the best character-bigram Jaccard similarity above a threshold. Candidates
//!    for the last pass come from an inverted bigram index (common bigrams skipped) and
//!    from the gap between matched neighbours, so the work stays linear-ish.
//! 2. Inside every matched unit its paragraphs, items, sub-items, tables and rows
//!    (*parts*) are matched the same way (by content, then by similarity).
//! 3. A matched pair is *renumbered* when its number differs, *moved* when it is not on
//!    the longest increasing run of matched positions (its neighbours changed), and
//!    *changed* when its content differs. Unmatched units and parts are *added* or
//!    *removed*. Layout (PDF-extracted, clean, Markdown) and character width are not
//!    content.
//! 4. A reference in NEW (in any document of the NEW corpus) is *stale* when it is
//!    written as it was in OLD (same text in the matched provision) but the provision it
//!    pointed at in OLD now has a different number (or was removed): 第８条 became
//!    第９条 and the reference still says 第８条. A reference whose provision is new, or
//!    whose text was updated, is left alone.
//!
//! # JSON (`--format json`)
//!
//! ```json
//! {
//!   "version": 1,
//!   "old": "terms_v1.txt",
//!   "new": "terms_v2.txt",
//!   "documents": [
//!     {"id": "terms_v2", "title": "…利用規約", "old_file": "terms_v1.txt", "new_file": "terms_v2.txt"}
//!   ],
//!   "entries": [
//!     {"kind": "changed", "document": "terms_v2", "level": "article",
//!      "old": {"path": "第3条", "label": "第３条", "caption": "会員登録", "line": 13},
//!      "new": {"path": "第3条", "label": "第３条", "caption": "会員登録", "line": 13},
//!      "renumbered": false, "moved": false,
//!      "message": "第３条（会員登録） changed: 第2項 changed",
//!      "parts": [{"kind": "changed", "level": "paragraph", "old": {…}, "new": {…},
//!                 "renumbered": false, "moved": false}],
//!      "lines": [
//!        {"segments": [{"op": "equal", "text": "第３条（会員登録）"}]},
//!        {"elided": true, "segments": []},
//!        {"segments": [{"op": "equal", "text": "２　…から"}, {"op": "delete", "text": "１"},
//!                      {"op": "insert", "text": "２"}, {"op": "equal", "text": "年間…"}]}
//!      ]},
//!     {"kind": "stale-reference", "document": "terms_v2", "level": "reference",
//!      "old": null, "new": {"path": "第10条第1項", …}, "renumbered": false, "moved": false,
//!      "message": "…",
//!      "reference": {"file": "terms_v2.txt", "line": 44, "column": 8, "path": "第10条第1項",
//!        "text": "第８条", "target": "第8条", "target_document": "terms_v2",
//!        "now": {"path": "第8条", …}, "was": {"path": "第8条", …}, "was_now": {"path": "第9条", …},
//!        "suggestion": "第９条"}}
//!   ],
//!   "summary": {"added": 1, "removed": 0, "moved": 0, "renumbered": 5, "changed": 2,
//!               "stale_references": 2}
//! }
//! ```
//!
//! * `kind`: `added` | `removed` | `moved` | `renumbered` | `changed` | `stale-reference`.
//!   An entry is one unit (or one whole document, `level` `document`); a unit that is both
//!   changed and renumbered is `changed` with `renumbered: true` (likewise `moved`).
//! * `level`: `document`, `chapter`, `article`, `section`, `suppl`, `paragraph`, `item`,
//!   `subitem`, `table`, `row`, `unplaced`, or `reference` (stale references).
//! * `old` / `new`: where the provision stands in each revision (`path` as in SPEC §2,
//!   `label` as written, `caption`, 1-based `line` in the original file); null when absent.
//!   For a stale reference, `new` is the provision the reference stands in.
//! * `parts` (changed units): the paragraphs, items … that were added, removed, changed,
//!   renumbered or moved inside the unit.
//! * `lines`: the rows of the 新旧対照表 cell pair, one per heading or part: `segments`
//!   (`equal` text is in both revisions, `insert` only in NEW, `delete` only in OLD; the
//!   NEW text is equal + insert, the OLD text equal + delete; `\n` separates visual lines),
//!   or `elided: true` for unchanged parts left out (（略）).
//! * `reference` (stale references): where it stands (`file`, 1-based `line` and `column`
//!   in Unicode scalars), what it says (`text`, normalised `target` in
//!   `target_document`), what now holds that number (`now`, null if nothing), what it
//!   pointed at in OLD (`was`) and where that provision is now (`was_now`, null when it
//!   was removed), and `suggestion`, the reference written for the new numbering.

mod html;
mod json;
mod markdown;
mod paths;
mod rows;
mod stale;
mod text;

pub use html::render_html;
pub use json::render_json;
pub use markdown::render_markdown;
pub use rows::diff_corpora;

use crate::corpus::{Corpus, CorpusError};
use crate::text::name_key;
use serde::Serialize;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------- output model

/// The result of a diff: what `--format json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub version: u32,
    /// OLD and NEW as given.
    pub old: String,
    pub new: String,
    pub documents: Vec<DocumentPair>,
    pub entries: Vec<Entry>,
    pub summary: DiffSummary,
    /// For every document, the range of its entries in `entries`.
    #[serde(skip)]
    pub document_entries: Vec<std::ops::Range<usize>>,
}

/// One document in either revision.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentPair {
    pub id: String,
    pub title: String,
    pub old_file: Option<String>,
    pub new_file: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Added,
    Removed,
    Moved,
    Renumbered,
    Changed,
    StaleReference,
}

/// Where a provision stands in one revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub path: String,
    pub label: String,
    pub caption: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub kind: EntryKind,
    pub document: String,
    pub level: String,
    pub old: Option<Place>,
    pub new: Option<Place>,
    pub renumbered: bool,
    pub moved: bool,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<Line>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<StaleReference>,
}

/// A change inside a changed unit.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub kind: EntryKind,
    pub level: String,
    pub old: Option<Place>,
    pub new: Option<Place>,
    pub renumbered: bool,
    pub moved: bool,
}

/// One line pair of a 新旧対照表 cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub elided: bool,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equal,
    Insert,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

/// A reference in NEW that still uses an old number.
#[derive(Debug, Clone, Serialize)]
pub struct StaleReference {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub path: String,
    pub text: String,
    pub target: String,
    pub target_document: String,
    pub now: Option<Place>,
    pub was: Place,
    pub was_now: Option<Place>,
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub renumbered: usize,
    pub changed: usize,
    pub stale_references: usize,
}

/// Output formats of `yakkan diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Html,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Md),
            "html" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Why `yakkan diff` cannot run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error(transparent)]
    Load(#[from] CorpusError),
    #[error("{old} and {new}: compare two files or two corpus folders, not one of each")]
    Mixed { old: PathBuf, new: PathBuf },
    #[error("{0}: refusing to write the output over an input (OLD, NEW or a file in them)")]
    OutputIsInput(PathBuf),
    #[error("{0}: cannot write the output: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("unknown format `{0}` (md, html or json)")]
    Format(String),
}

// ---------------------------------------------------------------- entry points

/// Is this path a corpus (a folder or a manifest) rather than one document?
fn is_corpus(p: &Path) -> bool {
    p.is_dir() || matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Load both revisions and diff them. The loaded corpora come back too: their documents
/// are the inputs that `-o` must not overwrite.
pub fn diff_paths(old: &Path, new: &Path) -> Result<(Diff, Corpus, Corpus), DiffError> {
    let corpus_mode = is_corpus(old);
    if corpus_mode != is_corpus(new) {
        return Err(DiffError::Mixed {
            old: old.to_path_buf(),
            new: new.to_path_buf(),
        });
    }
    let oc = Corpus::load(&[old.to_path_buf()])?;
    let nc = Corpus::load(&[new.to_path_buf()])?;
    let mut d = diff_corpora(&oc, &nc, !corpus_mode);
    d.old = old.display().to_string();
    d.new = new.display().to_string();
    Ok((d, oc, nc))
}

/// Render a diff in a format.
pub fn render(diff: &Diff, format: Format) -> String {
    match format {
        Format::Md => render_markdown(diff),
        Format::Html => render_html(diff),
        Format::Json => render_json(diff),
    }
}

/// The `yakkan diff` command: load, diff, render, and print or write (`-o`).
pub fn run(
    old: &Path,
    new: &Path,
    format: &str,
    output: Option<&Path>,
) -> Result<DiffSummary, DiffError> {
    let format = Format::parse(format).ok_or_else(|| DiffError::Format(format.to_string()))?;
    if let Some(out) = output {
        refuse_inputs(out, &[old, new])?;
    }
    let (diff, oc, nc) = diff_paths(old, new)?;
    let text = render(&diff, format);
    match output {
        Some(out) => {
            let mut inputs: Vec<PathBuf> = vec![old.to_path_buf(), new.to_path_buf()];
            for c in [&oc, &nc] {
                inputs.extend(c.docs.iter().map(|d| PathBuf::from(&d.path)));
                inputs.extend(c.manifest_path.iter().cloned());
            }
            let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
            refuse_inputs(out, &refs)?;
            crate::fmt::write_if_changed(out, &text)
                .map_err(|e| DiffError::Write(out.to_path_buf(), e))?;
            Ok(diff.summary)
        }
        None => {
            print!("{text}");
            Ok(diff.summary)
        }
    }
}

/// Refuse an output path that is an input or lies inside an input folder.
fn refuse_inputs(out: &Path, inputs: &[&Path]) -> Result<(), DiffError> {
    let o = crate::corpus::discover::resolve(out);
    for i in inputs {
        let r = crate::corpus::discover::resolve(i);
        if o == r || o.starts_with(&r) {
            return Err(DiffError::OutputIsInput(out.to_path_buf()));
        }
    }
    Ok(())
}

/// The kind of an entry in words (the HTML rows' class).
pub(super) fn kind_word(k: EntryKind) -> &'static str {
    match k {
        EntryKind::Added => "added",
        EntryKind::Removed => "removed",
        EntryKind::Moved => "moved",
        EntryKind::Renumbered => "renumbered",
        EntryKind::Changed => "changed",
        EntryKind::StaleReference => "stale reference",
    }
}

// ---------------------------------------------------------------- shared by the renderers

fn summary_line(s: &DiffSummary) -> String {
    format!(
        "変更 {}・新設 {}・削除 {}・移動 {}・改番 {}・参照の更新漏れ {}",
        s.changed, s.added, s.removed, s.moved, s.renumbered, s.stale_references
    )
}

/// The side of a line: NEW (equal + insert) or OLD (equal + delete).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    New,
    Old,
}

impl Col {
    fn shows(self, op: Op) -> bool {
        match op {
            Op::Equal => true,
            Op::Insert => self == Col::New,
            Op::Delete => self == Col::Old,
        }
    }
}

/// Lines of one cell: for each line with text on this side, its segments.
fn cell_lines(e: &Entry, col: Col) -> Vec<Option<Vec<&Segment>>> {
    e.lines
        .iter()
        .filter_map(|l| {
            if l.elided {
                return Some(None);
            }
            let segs: Vec<&Segment> = l.segments.iter().filter(|s| col.shows(s.op)).collect();
            (!segs.is_empty()).then_some(Some(segs))
        })
        .collect()
}

/// What a cell says when the provision is absent on its side.
fn absent(e: &Entry, col: Col) -> &'static str {
    match (e.kind, col) {
        (EntryKind::Added, Col::Old) => "（新設）",
        (EntryKind::Removed, Col::New) => "（削る）",
        _ => "",
    }
}

/// The entries of the k-th document.
fn entries_of(diff: &Diff, k: usize) -> Vec<&Entry> {
    match diff.document_entries.get(k) {
        Some(r) => diff
            .entries
            .get(r.clone())
            .unwrap_or_default()
            .iter()
            .collect(),
        None => diff
            .entries
            .iter()
            .filter(|e| diff.documents.get(k).is_some_and(|d| d.id == e.document))
            .collect(),
    }
}

fn doc_heading(d: &DocumentPair) -> String {
    if d.title.is_empty() {
        d.id.clone()
    } else {
        format!("{}（{}）", d.title, d.id)
    }
}

/// What the 新旧対照表 shows of one document pair: its entries, as the renderers read them.
pub(super) struct Section<'a> {
    pub doc: &'a DocumentPair,
    /// The rows of the table (units that changed; not whole documents, not references).
    pub rows: Vec<&'a Entry>,
    pub stale: Vec<&'a Entry>,
}

impl Section<'_> {
    /// Both revisions hold the document and nothing changed in it.
    pub fn unchanged(&self) -> bool {
        self.rows.is_empty()
            && self.stale.is_empty()
            && self.doc.old_file.is_some()
            && self.doc.new_file.is_some()
    }

    /// Nothing to show but the heading and the files.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.stale.is_empty()
    }
}

/// The document pairs of a diff, each with its rows and stale references.
pub(super) fn sections(diff: &Diff) -> Vec<Section<'_>> {
    diff.documents
        .iter()
        .enumerate()
        .map(|(k, doc)| {
            let entries = entries_of(diff, k);
            Section {
                doc,
                rows: entries
                    .iter()
                    .copied()
                    .filter(|e| e.kind != EntryKind::StaleReference && e.level != "document")
                    .collect(),
                stale: entries
                    .into_iter()
                    .filter(|e| e.kind == EntryKind::StaleReference)
                    .collect(),
            }
        })
        .collect()
}

/// The files of a document pair in words, each file name formatted by `file`:
/// 「旧 a → 新 b」, 「新設の文書: b」, 「削除された文書: a」.
pub(super) fn files_line(d: &DocumentPair, file: impl Fn(&str) -> String) -> String {
    match (&d.old_file, &d.new_file) {
        (Some(o), Some(n)) => format!("旧 {} → 新 {}", file(o), file(n)),
        (None, Some(n)) => format!("新設の文書: {}", file(n)),
        (Some(o), None) => format!("削除された文書: {}", file(o)),
        (None, None) => String::new(),
    }
}
