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

use crate::corpus::{Corpus, CorpusError, RefTarget};
use crate::model::{Document, Provision, ProvisionKind, Reference};
use crate::text::name_key;
use regex::Regex;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Bigram Jaccard needed to pair two units (or parts) whose content and caption differ.
const THRESHOLD: f64 = 0.4;
/// Bigrams found in more unmatched units than this are too common to find candidates.
const POSTING_CAP: usize = 64;
/// Candidates per unit from the bigram index.
const CANDIDATES: usize = 6;
/// Candidates per unit from the gap between its matched neighbours.
const WINDOW: usize = 8;
/// Below this many pairs, every unmatched pair is scored.
const PAIRWISE_LIMIT: usize = 4096;
/// The largest character LCS table (cells) for one line; longer lines diff by sentence.
const LCS_CELLS: usize = 250_000;
/// LCS cells for the whole diff; beyond it, lines diff by sentence or as a whole.
const LCS_BUDGET: usize = 40_000_000;
/// Equal runs this short between two changes are folded into the change (readability).
const FOLD: usize = 2;

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

/// An absolute, symlink-resolved form of a path that may not exist yet.
fn resolved(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|c| c.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

/// Refuse an output path that is an input or lies inside an input folder.
fn refuse_inputs(out: &Path, inputs: &[&Path]) -> Result<(), DiffError> {
    let o = resolved(out);
    for i in inputs {
        let r = resolved(i);
        if o == r || o.starts_with(&r) {
            return Err(DiffError::OutputIsInput(out.to_path_buf()));
        }
    }
    Ok(())
}

/// Diff two loaded corpora. `single`: one document against one document, paired whatever
/// their ids; otherwise documents are paired by id.
pub fn diff_corpora(old: &Corpus, new: &Corpus, single: bool) -> Diff {
    let mut budget = Budget(LCS_BUDGET);
    // Pairs (old doc, new doc), in NEW order, then documents only in OLD.
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    if single {
        let o = (!old.docs.is_empty()).then_some(0);
        let n = (!new.docs.is_empty()).then_some(0);
        if o.is_some() || n.is_some() {
            pairs.push((o, n));
        }
    } else {
        // By id, in order (a folder may hold a.txt and a.md, both with the id a).
        let mut by_id: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for (o, d) in old.docs.iter().enumerate() {
            by_id.entry(d.id.as_str()).or_default().push_back(o);
        }
        let mut paired = vec![false; old.docs.len()];
        for (n, d) in new.docs.iter().enumerate() {
            let o = by_id.get_mut(d.id.as_str()).and_then(VecDeque::pop_front);
            if let Some(o) = o {
                paired[o] = true;
            }
            pairs.push((o, Some(n)));
        }
        for (o, done) in paired.iter().enumerate() {
            if !done {
                pairs.push((Some(o), None));
            }
        }
    }
    let mut documents = Vec::new();
    let mut per_doc: Vec<Vec<Entry>> = Vec::new();
    // The provision matching of every pair, by (old doc, new doc).
    let mut maps: HashMap<(usize, usize), PathMap> = HashMap::new();
    for &(o, n) in &pairs {
        let od = o.map(|i| &old.docs[i]);
        let nd = n.map(|i| &new.docs[i]);
        let shown = nd.or(od);
        documents.push(DocumentPair {
            id: shown.map(|d| d.id.clone()).unwrap_or_default(),
            title: shown.map(|d| d.title.clone()).unwrap_or_default(),
            old_file: od.map(|d| d.path.clone()),
            new_file: nd.map(|d| d.path.clone()),
        });
        let id = shown.map(|d| d.id.clone()).unwrap_or_default();
        let mut entries = Vec::new();
        match (od, nd) {
            (Some(od), Some(nd)) => {
                let (es, map) = diff_documents(od, nd, &id, &mut budget);
                entries = es;
                if let (Some(o), Some(n)) = (o, n) {
                    maps.insert((o, n), map);
                }
            }
            (None, Some(nd)) => entries.push(document_entry(EntryKind::Added, nd, &id)),
            (Some(od), None) => entries.push(document_entry(EntryKind::Removed, od, &id)),
            (None, None) => {}
        }
        per_doc.push(entries);
    }
    // Stale references, in every new document that has an old revision.
    let mut new_of_old = vec![None; old.docs.len()];
    for &(o, n) in &pairs {
        if let Some(o) = o {
            new_of_old[o] = n;
        }
    }
    let rv = Revisions {
        old,
        new,
        old_paths: old.docs.iter().map(paths_of).collect(),
        new_paths: new.docs.iter().map(paths_of).collect(),
        maps,
        new_of_old,
    };
    for (k, &(o, n)) in pairs.iter().enumerate() {
        let (Some(o), Some(n)) = (o, n) else { continue };
        per_doc[k].extend(stale_references(&rv, o, n));
    }
    let mut document_entries = Vec::with_capacity(per_doc.len());
    let mut entries: Vec<Entry> = Vec::new();
    for es in per_doc {
        let start = entries.len();
        entries.extend(es);
        document_entries.push(start..entries.len());
    }
    let mut summary = DiffSummary::default();
    for e in &entries {
        match e.kind {
            EntryKind::Added => summary.added += 1,
            EntryKind::Removed => summary.removed += 1,
            EntryKind::Moved => summary.moved += 1,
            EntryKind::Renumbered => summary.renumbered += 1,
            EntryKind::Changed => summary.changed += 1,
            EntryKind::StaleReference => summary.stale_references += 1,
        }
    }
    Diff {
        version: 1,
        old: String::new(),
        new: String::new(),
        documents,
        entries,
        summary,
        document_entries,
    }
}

fn document_entry(kind: EntryKind, d: &Document, id: &str) -> Entry {
    let place = Place {
        path: String::new(),
        label: d.title.clone(),
        caption: None,
        line: 1,
    };
    let (old, new, what) = match kind {
        EntryKind::Added => (None, Some(place), "added"),
        _ => (Some(place), None, "removed"),
    };
    Entry {
        kind,
        document: id.to_string(),
        level: "document".into(),
        old,
        new,
        renumbered: false,
        moved: false,
        message: format!("document {what}: {} ({})", d.title, d.path),
        parts: Vec::new(),
        lines: Vec::new(),
        reference: None,
    }
}

// ---------------------------------------------------------------- units and parts

/// A provision to match: its class (kind), content key, caption key and bigrams.
struct Item<'a> {
    p: &'a Provision,
    class: u8,
    key: String,
    caption: String,
    grams: Vec<u64>,
}

impl<'a> Item<'a> {
    fn new(p: &'a Provision, key: String) -> Item<'a> {
        let grams = bigrams(&key);
        Item {
            p,
            class: class_of(p.kind),
            caption: p.caption.as_deref().map(name_key).unwrap_or_default(),
            key,
            grams,
        }
    }
}

/// A chapter, article, section, 附則 or other top-level provision, with its parts.
struct Unit<'a> {
    item: Item<'a>,
    parts: Vec<Item<'a>>,
}

fn class_of(k: ProvisionKind) -> u8 {
    match k {
        ProvisionKind::Chapter => 0,
        ProvisionKind::Article => 1,
        ProvisionKind::Paragraph => 2,
        ProvisionKind::Item => 3,
        ProvisionKind::Subitem => 4,
        ProvisionKind::Section => 5,
        ProvisionKind::Table => 6,
        ProvisionKind::Row => 7,
        ProvisionKind::Suppl => 8,
        ProvisionKind::Unplaced => 9,
        ProvisionKind::Appendix => 10,
    }
}

fn level_name(k: ProvisionKind) -> &'static str {
    match k {
        ProvisionKind::Chapter => "chapter",
        ProvisionKind::Article => "article",
        ProvisionKind::Paragraph => "paragraph",
        ProvisionKind::Item => "item",
        ProvisionKind::Subitem => "subitem",
        ProvisionKind::Section => "section",
        ProvisionKind::Table => "table",
        ProvisionKind::Row => "row",
        ProvisionKind::Suppl => "suppl",
        ProvisionKind::Unplaced => "unplaced",
        ProvisionKind::Appendix => "appendix",
    }
}

fn is_unit_kind(k: ProvisionKind) -> bool {
    matches!(
        k,
        ProvisionKind::Chapter
            | ProvisionKind::Article
            | ProvisionKind::Section
            | ProvisionKind::Suppl
    )
}

/// The content of one provision for comparison: caption and text (or cells), NFKC,
/// without white space and without the label.
fn own_key(p: &Provision) -> String {
    let mut s = String::new();
    if let Some(c) = &p.caption {
        s.push_str(&name_key(c));
    }
    s.push('\u{2}');
    if p.text.is_empty() {
        s.push_str(&name_key(&p.cells.concat()));
    } else {
        s.push_str(&name_key(&p.text));
    }
    s
}

/// The units of a document, in document order (explicit stack, pre-order).
fn units(doc: &Document) -> Vec<Unit<'_>> {
    let mut out: Vec<Unit> = Vec::new();
    let mut stack: Vec<(&Provision, Option<usize>)> = doc
        .provisions
        .iter()
        .chain(doc.suppl.iter())
        .rev()
        .map(|p| (p, None))
        .collect();
    while let Some((p, owner)) = stack.pop() {
        let owner_now = match owner {
            Some(u) if !is_unit_kind(p.kind) => {
                let key = own_key(p);
                out[u].parts.push(Item::new(p, key));
                Some(u)
            }
            _ => {
                out.push(Unit {
                    item: Item::new(p, String::new()),
                    parts: Vec::new(),
                });
                Some(out.len() - 1)
            }
        };
        for c in p.children.iter().rev() {
            stack.push((c, owner_now));
        }
    }
    for u in &mut out {
        let mut key = own_key(u.item.p);
        for part in &u.parts {
            key.push('\u{1}');
            key.push_str(&part.key);
        }
        u.item.grams = bigrams(&key);
        u.item.key = key;
    }
    out
}

/// Sorted, deduplicated character bigrams of a key (separators skipped).
fn bigrams(key: &str) -> Vec<u64> {
    let chars: Vec<char> = key.chars().filter(|c| *c > '\u{2}').collect();
    let mut g: Vec<u64> = chars
        .windows(2)
        .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
        .collect();
    if g.is_empty() {
        if let Some(&c) = chars.first() {
            g.push(c as u64);
        }
    }
    g.sort_unstable();
    g.dedup();
    g
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// For every new item, the old item it continues: identical content first, then the same
/// caption, then the best bigram similarity at or above [`THRESHOLD`].
fn match_items(old: &[&Item], new: &[&Item]) -> Vec<Option<usize>> {
    let mut of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    // 1. identical content, in order.
    let mut by_key: HashMap<(u8, &str), VecDeque<usize>> = HashMap::new();
    for (i, it) in old.iter().enumerate() {
        by_key
            .entry((it.class, it.key.as_str()))
            .or_default()
            .push_back(i);
    }
    for (j, it) in new.iter().enumerate() {
        if let Some(i) = by_key
            .get_mut(&(it.class, it.key.as_str()))
            .and_then(VecDeque::pop_front)
        {
            of_new[j] = Some(i);
            taken[i] = true;
        }
    }
    // 2. the same caption, in order.
    let mut by_caption: HashMap<(u8, &str), VecDeque<usize>> = HashMap::new();
    for (i, it) in old.iter().enumerate() {
        if !taken[i] && !it.caption.is_empty() {
            by_caption
                .entry((it.class, it.caption.as_str()))
                .or_default()
                .push_back(i);
        }
    }
    for (j, it) in new.iter().enumerate() {
        if of_new[j].is_some() || it.caption.is_empty() {
            continue;
        }
        if let Some(i) = by_caption
            .get_mut(&(it.class, it.caption.as_str()))
            .and_then(VecDeque::pop_front)
        {
            of_new[j] = Some(i);
            taken[i] = true;
        }
    }
    // 3. similarity.
    let free_old: Vec<usize> = (0..old.len()).filter(|&i| !taken[i]).collect();
    let free_new: Vec<usize> = (0..new.len()).filter(|&j| of_new[j].is_none()).collect();
    if free_old.is_empty() || free_new.is_empty() {
        return of_new;
    }
    let mut scored: Vec<(f64, usize, usize, usize)> = Vec::new(); // score, distance, new, old
    let consider = |j: usize, i: usize, scored: &mut Vec<(f64, usize, usize, usize)>| {
        if old[i].class != new[j].class {
            return;
        }
        let s = jaccard(&old[i].grams, &new[j].grams);
        if s >= THRESHOLD {
            scored.push((s, i.abs_diff(j), j, i));
        }
    };
    if free_old.len().saturating_mul(free_new.len()) <= PAIRWISE_LIMIT {
        for &j in &free_new {
            for &i in &free_old {
                consider(j, i, &mut scored);
            }
        }
    } else {
        // Candidates from an inverted index of the free old items' bigrams …
        let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
        for &i in &free_old {
            for &g in &old[i].grams {
                index.entry(g).or_default().push(i);
            }
        }
        // … and from the gap between the matched neighbours.
        let prev_old: Vec<Option<usize>> = {
            let mut last = None;
            (0..new.len())
                .map(|j| {
                    let here = last;
                    if let Some(i) = of_new[j] {
                        last = Some(i);
                    }
                    here
                })
                .collect()
        };
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for &j in &free_new {
            counts.clear();
            for g in &new[j].grams {
                if let Some(post) = index.get(g) {
                    if post.len() <= POSTING_CAP {
                        for &i in post {
                            *counts.entry(i).or_default() += 1;
                        }
                    }
                }
            }
            let mut best: Vec<(usize, usize)> = counts.iter().map(|(&i, &c)| (c, i)).collect();
            best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut cands: Vec<usize> = best.iter().take(CANDIDATES).map(|&(_, i)| i).collect();
            let start = prev_old[j].map_or(0, |i| i + 1);
            let from = free_old.partition_point(|&i| i < start);
            cands.extend(free_old[from..].iter().take(WINDOW).copied());
            cands.sort_unstable();
            cands.dedup();
            for i in cands {
                consider(j, i, &mut scored);
            }
        }
    }
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for (_, _, j, i) in scored {
        if of_new[j].is_none() && !taken[i] {
            of_new[j] = Some(i);
            taken[i] = true;
        }
    }
    of_new
}

/// Which matched pairs keep their relative order: the longest increasing subsequence of
/// old positions (in new order). `seq[k]` is the old position of the k-th matched pair.
fn in_order(seq: &[usize]) -> Vec<bool> {
    let n = seq.len();
    let mut tails: Vec<usize> = Vec::new(); // indices into seq
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for k in 0..n {
        let pos = tails.partition_point(|&t| seq[t] < seq[k]);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut keep = vec![false; n];
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        keep[k] = true;
        cur = prev[k];
    }
    keep
}

/// The provision matching of a document pair, by path.
#[derive(Default)]
struct PathMap {
    old_to_new: HashMap<String, String>,
    new_to_old: HashMap<String, String>,
}

static ARTICLE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:附則[0-9]*)?第[0-9]+条(?:の[0-9]+)*").expect("article regex")
});

/// Where an old path went.
enum Mapped {
    To(String),
    Removed,
    Unknown,
}

impl PathMap {
    fn map_old(&self, old_paths: &HashMap<&str, &Provision>, path: &str) -> Mapped {
        let with_para = ARTICLE_PREFIX.find(path).and_then(|a| {
            let rest = &path[a.end()..];
            (rest.starts_with('第') && rest.contains('号') && !rest.contains('項'))
                .then(|| format!("{}第1項{rest}", a.as_str()))
        });
        for p in std::iter::once(path.to_string()).chain(with_para) {
            if let Some(n) = self.old_to_new.get(&p) {
                return Mapped::To(n.clone());
            }
            if old_paths.contains_key(p.as_str()) {
                return Mapped::Removed;
            }
        }
        // A path below an article that the parser does not know: map the article.
        if let Some(a) = ARTICLE_PREFIX.find(path) {
            if let Some(n) = self.old_to_new.get(a.as_str()) {
                return Mapped::To(format!("{n}{}", &path[a.end()..]));
            }
            if old_paths.contains_key(a.as_str()) {
                return Mapped::Removed;
            }
        }
        Mapped::Unknown
    }
}

// ---------------------------------------------------------------- one document pair

fn place(p: &Provision) -> Place {
    Place {
        path: p.path.clone(),
        label: p.label.clone(),
        caption: p.caption.clone(),
        line: p.span.line,
    }
}

/// How a provision is called in messages: its label for units (第５条), its path for
/// parts (第5条第2項).
fn short(p: &Provision) -> String {
    if is_unit_kind(p.kind) && !p.label.is_empty() {
        p.label.clone()
    } else {
        p.path.clone()
    }
}

/// 第５条（利用料金）: a provision named for messages.
fn named(p: &Provision) -> String {
    let mut s = short(p);
    if let Some(c) = &p.caption {
        s.push('（');
        s.push_str(c);
        s.push('）');
    }
    s
}

/// The heading of a unit as displayed: 第３条（会員登録）, 第一章　総則, １．目的; its own
/// text follows on the next visual line.
fn heading_text(p: &Provision) -> String {
    let mut s = p.label.clone();
    if let Some(c) = &p.caption {
        match p.kind {
            ProvisionKind::Article | ProvisionKind::Suppl => {
                s.push('（');
                s.push_str(c);
                s.push('）');
            }
            _ => {
                if !s.is_empty() && !s.ends_with(['．', '.']) {
                    s.push('　');
                }
                s.push_str(c);
            }
        }
    }
    let text = display_body(p);
    if !text.is_empty() {
        if !s.is_empty() {
            s.push('\n');
        }
        s.push_str(&text);
    }
    s
}

/// A part as displayed: （見出し） on its own line, then 「２　本文」.
fn part_text(p: &Provision) -> String {
    let mut s = String::new();
    if let Some(c) = &p.caption {
        s.push('（');
        s.push_str(c);
        s.push_str("）\n");
    }
    let body = display_body(p);
    s.push_str(&p.label);
    if !p.label.is_empty() && !body.is_empty() {
        s.push('　');
    }
    s.push_str(&body);
    s
}

fn display_body(p: &Provision) -> String {
    if p.text.is_empty() {
        p.cells.join("　")
    } else {
        p.text.replace('\t', "　")
    }
}

/// Diff one document pair: the entries and the path matching.
fn diff_documents(
    old: &Document,
    new: &Document,
    id: &str,
    budget: &mut Budget,
) -> (Vec<Entry>, PathMap) {
    let ou = units(old);
    let nu = units(new);
    let oi: Vec<&Item> = ou.iter().map(|u| &u.item).collect();
    let ni: Vec<&Item> = nu.iter().map(|u| &u.item).collect();
    let of_new = match_items(&oi, &ni);
    let mut map = PathMap::default();
    // Moved: per class, the matched pairs off the longest increasing run.
    let mut moved = vec![false; nu.len()];
    let mut classes: Vec<u8> = nu.iter().map(|u| u.item.class).collect();
    classes.sort_unstable();
    classes.dedup();
    for c in classes {
        let js: Vec<usize> = (0..nu.len())
            .filter(|&j| nu[j].item.class == c && of_new[j].is_some())
            .collect();
        let seq: Vec<usize> = js.iter().filter_map(|&j| of_new[j]).collect();
        for (k, keep) in in_order(&seq).into_iter().enumerate() {
            moved[js[k]] = !keep;
        }
    }
    let mut entries = Vec::new();
    for side in row_order(&of_new, ou.len()) {
        match side {
            Side::Old(i) => entries.push(unit_entry_one(EntryKind::Removed, &ou[i], id)),
            Side::New(j) => match of_new[j] {
                None => entries.push(unit_entry_one(EntryKind::Added, &nu[j], id)),
                Some(i) => {
                    let (o, n) = (&ou[i], &nu[j]);
                    map.old_to_new
                        .insert(o.item.p.path.clone(), n.item.p.path.clone());
                    map.new_to_old
                        .insert(n.item.p.path.clone(), o.item.p.path.clone());
                    // Only a moved unit names its new neighbour.
                    let after = if moved[j] {
                        (0..j)
                            .rev()
                            .find(|&k| nu[k].item.class == n.item.class)
                            .map(|k| named(nu[k].item.p))
                    } else {
                        None
                    };
                    if let Some(e) = unit_pair(o, n, moved[j], after, id, &mut map, budget) {
                        entries.push(e);
                    }
                }
            },
        }
    }
    (entries, map)
}

/// The order of the rows: NEW order, each unmatched old item after the new position of
/// its nearest matched old predecessor.
fn row_order(of_new: &[Option<usize>], old_len: usize) -> Vec<Side> {
    let mut new_of_old = vec![None; old_len];
    for (j, m) in of_new.iter().enumerate() {
        if let Some(slot) = m.and_then(|i| new_of_old.get_mut(i)) {
            *slot = Some(j);
        }
    }
    let mut order: Vec<(usize, u8, usize, Side)> = (0..of_new.len())
        .map(|j| (j + 1, 0, j, Side::New(j)))
        .collect();
    let mut last = 0;
    for (i, m) in new_of_old.iter().enumerate() {
        match m {
            Some(j) => last = j + 1,
            None => order.push((last, 1, i, Side::Old(i))),
        }
    }
    order.sort_by_key(|o| (o.0, o.1, o.2));
    order.into_iter().map(|o| o.3).collect()
}

#[derive(Clone, Copy)]
enum Side {
    Old(usize),
    New(usize),
}

/// An added or removed unit: every line marked.
fn unit_entry_one(kind: EntryKind, u: &Unit, id: &str) -> Entry {
    let op = if kind == EntryKind::Added {
        Op::Insert
    } else {
        Op::Delete
    };
    let mut lines = Vec::new();
    let head = heading_text(u.item.p);
    if !head.is_empty() {
        lines.push(whole(op, head));
    }
    for part in &u.parts {
        lines.push(whole(op, part_text(part.p)));
    }
    let (old, new, what) = if kind == EntryKind::Added {
        (None, Some(place(u.item.p)), "added")
    } else {
        (Some(place(u.item.p)), None, "removed")
    };
    Entry {
        kind,
        document: id.to_string(),
        level: level_name(u.item.p.kind).into(),
        old,
        new,
        renumbered: false,
        moved: false,
        message: format!("{what} {}", named(u.item.p)),
        parts: Vec::new(),
        lines,
        reference: None,
    }
}

fn whole(op: Op, text: String) -> Line {
    Line {
        elided: false,
        segments: vec![Segment { op, text }],
    }
}

fn elided() -> Line {
    Line {
        elided: true,
        segments: Vec::new(),
    }
}

/// A matched unit pair: its parts matched and mapped; an entry unless nothing changed.
fn unit_pair(
    o: &Unit,
    n: &Unit,
    moved: bool,
    after: Option<String>,
    id: &str,
    map: &mut PathMap,
    budget: &mut Budget,
) -> Option<Entry> {
    let renumbered = o.item.p.num != n.item.p.num;
    let changed = o.item.key != n.item.key;
    let op_items: Vec<&Item> = o.parts.iter().collect();
    let np_items: Vec<&Item> = n.parts.iter().collect();
    let of_new = match_items(&op_items, &np_items);
    for (j, m) in of_new.iter().enumerate() {
        if let Some(i) = *m {
            let (op, np) = (&o.parts[i].p.path, &n.parts[j].p.path);
            map.old_to_new.insert(op.clone(), np.clone());
            map.new_to_old.insert(np.clone(), op.clone());
        }
    }
    if !changed && !renumbered && !moved {
        return None;
    }
    let kind = if changed {
        EntryKind::Changed
    } else if moved {
        EntryKind::Moved
    } else {
        EntryKind::Renumbered
    };
    let (op, np) = (o.item.p, n.item.p);
    let mut lines = vec![Line {
        elided: false,
        segments: diff_text(&heading_text(op), &heading_text(np), budget),
    }];
    let mut parts = Vec::new();
    if !changed {
        if !n.parts.is_empty() || !o.parts.is_empty() {
            lines.push(elided());
        }
    } else {
        // Parts: moved ones off the increasing run; rows in NEW order, removed ones after
        // their old predecessor's new position.
        let js: Vec<usize> = (0..n.parts.len())
            .filter(|&j| of_new[j].is_some())
            .collect();
        let seq: Vec<usize> = js.iter().filter_map(|&j| of_new[j]).collect();
        let mut part_moved = vec![false; n.parts.len()];
        for (k, keep) in in_order(&seq).into_iter().enumerate() {
            part_moved[js[k]] = !keep;
        }
        for side in row_order(&of_new, o.parts.len()) {
            let (kind, old_p, new_p, line) = match side {
                Side::Old(i) => (
                    EntryKind::Removed,
                    Some(o.parts[i].p),
                    None,
                    whole(Op::Delete, part_text(o.parts[i].p)),
                ),
                Side::New(j) => match of_new[j] {
                    None => (
                        EntryKind::Added,
                        None,
                        Some(n.parts[j].p),
                        whole(Op::Insert, part_text(n.parts[j].p)),
                    ),
                    Some(i) => {
                        let (a, b) = (&o.parts[i], &n.parts[j]);
                        let p_changed = a.key != b.key;
                        let p_renum = a.p.num != b.p.num;
                        let p_moved = part_moved[j];
                        if !p_changed && !p_renum && !p_moved {
                            if !lines.last().is_some_and(|l| l.elided) {
                                lines.push(elided());
                            }
                            continue;
                        }
                        let kind = if p_changed {
                            EntryKind::Changed
                        } else if p_moved {
                            EntryKind::Moved
                        } else {
                            EntryKind::Renumbered
                        };
                        let line = Line {
                            elided: false,
                            segments: diff_text(&part_text(a.p), &part_text(b.p), budget),
                        };
                        parts.push(Part {
                            kind,
                            level: level_name(b.p.kind).into(),
                            old: Some(place(a.p)),
                            new: Some(place(b.p)),
                            renumbered: p_renum,
                            moved: p_moved,
                        });
                        lines.push(line);
                        continue;
                    }
                },
            };
            parts.push(Part {
                kind,
                level: level_name(old_p.or(new_p).map_or(ProvisionKind::Paragraph, |p| p.kind))
                    .into(),
                old: old_p.map(place),
                new: new_p.map(place),
                renumbered: false,
                moved: false,
            });
            lines.push(line);
        }
    }
    let mut message = match kind {
        EntryKind::Changed => {
            let what: Vec<String> = parts
                .iter()
                .map(|p| {
                    let path = match (&p.new, &p.old) {
                        (Some(x), _) => rel_str(&x.path, &np.path),
                        (None, Some(x)) => rel_str(&x.path, &op.path),
                        _ => String::new(),
                    };
                    format!("{path} {}", kind_word(p.kind))
                })
                .collect();
            let mut m = format!("{} changed", named(np));
            if op.caption != np.caption {
                m.push_str(&format!(
                    " (caption was {})",
                    op.caption.as_deref().unwrap_or("none")
                ));
            }
            if !what.is_empty() {
                m.push_str(": ");
                m.push_str(&what.join(", "));
            }
            m
        }
        EntryKind::Moved => format!("{} moved", named(np)),
        _ => format!("{} is now {}", named(op), np.label),
    };
    if renumbered && kind != EntryKind::Renumbered {
        message.push_str(&format!("; renumbered from {}", op.label));
    }
    if moved {
        match after {
            Some(a) => message.push_str(&format!("; now after {a}")),
            None => message.push_str("; now first"),
        }
    }
    Some(Entry {
        kind,
        document: id.to_string(),
        level: level_name(np.kind).into(),
        old: Some(place(op)),
        new: Some(place(np)),
        renumbered,
        moved,
        message,
        parts,
        lines,
        reference: None,
    })
}

fn rel_str(path: &str, unit: &str) -> String {
    path.strip_prefix(unit)
        .filter(|r| !r.is_empty())
        .unwrap_or(path)
        .to_string()
}

fn kind_word(k: EntryKind) -> &'static str {
    match k {
        EntryKind::Added => "added",
        EntryKind::Removed => "removed",
        EntryKind::Moved => "moved",
        EntryKind::Renumbered => "renumbered",
        EntryKind::Changed => "changed",
        EntryKind::StaleReference => "stale reference",
    }
}

// ---------------------------------------------------------------- stale references

fn paths_of(doc: &Document) -> HashMap<&str, &Provision> {
    doc.all_provisions().map(|p| (p.path.as_str(), p)).collect()
}

/// A path as the document holds it (第8条第2号 → 第8条第1項第2号 when that exists).
fn lookup<'a>(paths: &HashMap<&str, &'a Provision>, path: &str) -> Option<&'a Provision> {
    if let Some(p) = paths.get(path) {
        return Some(p);
    }
    let a = ARTICLE_PREFIX.find(path)?;
    let rest = &path[a.end()..];
    if rest.contains('号') && !rest.contains('項') {
        return paths
            .get(format!("{}第1項{rest}", a.as_str()).as_str())
            .copied();
    }
    None
}

/// The key of a reference for pairing it with its old self: the text and document name.
fn ref_key(r: &Reference) -> (String, String, String) {
    (
        r.path.clone(),
        name_key(&r.text),
        r.document.as_deref().map(name_key).unwrap_or_default(),
    )
}

/// Both corpora with their provisions by path, and the matching of every document pair.
struct Revisions<'a> {
    old: &'a Corpus,
    new: &'a Corpus,
    old_paths: Vec<HashMap<&'a str, &'a Provision>>,
    new_paths: Vec<HashMap<&'a str, &'a Provision>>,
    maps: HashMap<(usize, usize), PathMap>,
    /// For every old document, its new revision.
    new_of_old: Vec<Option<usize>>,
}

/// Stale references in new document `n` (whose old revision is `o`).
fn stale_references(rv: &Revisions, o: usize, n: usize) -> Vec<Entry> {
    let (od, nd) = (&rv.old.docs[o], &rv.new.docs[n]);
    let Some(own_map) = rv.maps.get(&(o, n)) else {
        return Vec::new();
    };
    // Old references by (path, text, document), in order.
    let mut old_refs: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
    for (k, r) in od.references.iter().enumerate() {
        old_refs.entry(ref_key(r)).or_default().push(k);
    }
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    let mut stale_in: Option<String> = None;
    let mut out = Vec::new();
    for (k, r) in nd.references.iter().enumerate() {
        let key = ref_key(r);
        let nth = {
            let c = seen.entry(key.clone()).or_default();
            *c += 1;
            *c - 1
        };
        // The provision it stands in, in OLD, and the same reference written there.
        let Some(old_path) = own_map.new_to_old.get(&r.path) else {
            continue;
        };
        let old_key = (old_path.clone(), key.1, key.2);
        let Some(&ko) = old_refs.get(&old_key).and_then(|v| v.get(nth)) else {
            continue;
        };
        let r_old = &od.references[ko];
        // The document its target lived in (OLD), and that document in NEW.
        let xo = match rv.old.ref_targets.get(o).and_then(|t| t.get(ko)) {
            Some(RefTarget::Own) => o,
            Some(RefTarget::Documents(ds)) => {
                let Some(&x) = ds
                    .iter()
                    .find(|&&d| lookup(&rv.old_paths[d], &r_old.target).is_some())
                else {
                    continue;
                };
                x
            }
            _ => continue,
        };
        let Some(xn) = rv.new_of_old.get(xo).copied().flatten() else {
            continue;
        };
        let points_there = match rv.new.ref_targets.get(n).and_then(|t| t.get(k)) {
            Some(RefTarget::Own) => xn == n,
            Some(RefTarget::Documents(ds)) => ds.contains(&xn),
            _ => false,
        };
        if !points_there {
            continue;
        }
        let Some(map) = rv.maps.get(&(xo, xn)) else {
            continue;
        };
        let (old_paths, new_paths) = (&rv.old_paths[xo], &rv.new_paths[xn]);
        let Some(was) = lookup(old_paths, &r_old.target) else {
            continue;
        };
        let now = lookup(new_paths, &r.target);
        let was_now = match map.map_old(old_paths, &was.path) {
            Mapped::To(p) => Some(lookup(new_paths, &p).map_or(p, |q| q.path.clone())),
            Mapped::Removed => None,
            Mapped::Unknown => continue,
        };
        let now_path = now.map_or(r.target.clone(), |p| p.path.clone());
        if was_now.as_deref() == Some(now_path.as_str()) {
            continue;
        }
        // 同条 / 同項 follow the reference before them: when that one is already reported
        // in this provision, correcting it corrects them.
        if r.text.starts_with('同') && stale_in.as_deref() == Some(r.path.as_str()) {
            continue;
        }
        stale_in = Some(r.path.clone());
        let was_now_p = was_now.as_deref().and_then(|p| lookup(new_paths, p));
        let suggestion = was_now.as_deref().map(|p| {
            let style = ARTICLE_PREFIX
                .find(p)
                .and_then(|a| new_paths.get(a.as_str()))
                .map_or(r.text.as_str(), |a| a.label.as_str());
            suggest(r, p, style)
        });
        let (line, column) = crate::report::line_col(&nd.source, r.range.start);
        let holder = rv.new_paths[n].get(r.path.as_str()).map(|p| place(p));
        let of_doc = if xn == n {
            String::new()
        } else {
            format!(" of {}", rv.new.docs[xn].title)
        };
        let mut message = format!(
            "「{}」 in {} pointed at {}{of_doc} in the old revision",
            r.text,
            r.path,
            named(was)
        );
        match (&was_now_p, &was_now) {
            (Some(p), _) => message.push_str(&format!(", which is now {}", short(p))),
            (None, Some(p)) => message.push_str(&format!(", which is now {p}")),
            (None, None) => message.push_str(", which was removed"),
        }
        match now {
            Some(p) => message.push_str(&format!("; it now points at {}", named(p))),
            None => message.push_str(&format!("; {} no longer exists", r.target)),
        }
        if let Some(s) = &suggestion {
            message.push_str(&format!(": should probably say 「{s}」"));
        }
        out.push(Entry {
            kind: EntryKind::StaleReference,
            document: nd.id.clone(),
            level: "reference".into(),
            old: None,
            new: holder,
            renumbered: false,
            moved: false,
            message,
            parts: Vec::new(),
            lines: Vec::new(),
            reference: Some(StaleReference {
                file: nd.path.clone(),
                line,
                column,
                path: r.path.clone(),
                text: r.text.clone(),
                target: r.target.clone(),
                target_document: rv.new.docs[xn].id.clone(),
                now: now.map(place),
                was: place(was),
                was_now: was_now_p.map(place).or_else(|| {
                    was_now.map(|p| Place {
                        path: p,
                        label: String::new(),
                        caption: None,
                        line: 0,
                    })
                }),
                suggestion,
            }),
        });
    }
    out
}

static PATH_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>附則[0-9]*)?第(?P<a>[0-9]+)条(?P<br>(?:の[0-9]+)*)(?:第(?P<p>[0-9]+)項)?(?:第(?P<i>[0-9]+)号)?(?P<rest>.*)$")
        .expect("path regex")
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum Digits {
    Ascii,
    Full,
    Kanji,
}

fn digits_of(label: &str) -> Digits {
    if label.chars().any(|c| ('０'..='９').contains(&c)) {
        Digits::Full
    } else if label.chars().any(|c| c.is_ascii_digit()) {
        Digits::Ascii
    } else if label
        .chars()
        .any(|c| "〇一二三四五六七八九十百千".contains(c))
    {
        Digits::Kanji
    } else {
        Digits::Full
    }
}

fn write_number(n: &str, d: Digits) -> String {
    match d {
        Digits::Ascii => n.to_string(),
        Digits::Full => n
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(v) => char::from_u32('０' as u32 + v).unwrap_or(c),
                None => c,
            })
            .collect(),
        Digits::Kanji => n.parse::<u32>().map_or(n.to_string(), kanji),
    }
}

/// 19 → 十九, 110 → 百十, 2024 → 二千二十四 (up to 9999; larger numbers as digits).
fn kanji(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return D[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let mut s = String::new();
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十")] {
        let q = (n / unit) % 10;
        if q > 0 {
            if q > 1 {
                s.push_str(D[q as usize]);
            }
            s.push_str(name);
        }
    }
    let r = n % 10;
    if r > 0 {
        s.push_str(D[r as usize]);
    }
    s
}

/// The reference written for the new numbering, in the style of the document.
fn suggest(r: &Reference, new_path: &str, style_label: &str) -> String {
    let prefix = r
        .document
        .as_deref()
        .and_then(|d| r.text.find(d).map(|i| &r.text[..i + d.len()]))
        .unwrap_or("");
    let written = &r.text[prefix.len()..];
    let d = digits_of(style_label);
    let Some(c) = PATH_PARTS.captures(new_path) else {
        return format!("{prefix}{new_path}");
    };
    let g = |n: &str| c.name(n).map_or("", |m| m.as_str());
    let bare = written.starts_with('第') && !written.contains('条');
    let own_article = ARTICLE_PREFIX
        .find(&r.path)
        .map(|m| m.as_str())
        .unwrap_or("");
    let target_article = ARTICLE_PREFIX
        .find(new_path)
        .map(|m| m.as_str())
        .unwrap_or("");
    let with_article = !bare || own_article != target_article || r.document.is_some();
    let mut s = String::from(prefix);
    if with_article {
        s.push_str(g("pre"));
        s.push('第');
        s.push_str(&write_number(g("a"), d));
        s.push('条');
        for b in g("br").split('の').filter(|b| !b.is_empty()) {
            s.push('の');
            s.push_str(&write_number(b, d));
        }
    }
    let (para, item) = (g("p"), g("i"));
    let relative_ref = !written.starts_with('第');
    if !para.is_empty()
        && (written.contains('項') || relative_ref || para != "1" || item.is_empty())
    {
        s.push('第');
        s.push_str(&write_number(para, d));
        s.push('項');
    }
    if !item.is_empty() {
        s.push('第');
        s.push_str(&write_number(item, d));
        s.push('号');
    }
    s.push_str(g("rest"));
    s
}

// ---------------------------------------------------------------- character diff

/// The LCS cells left for the whole diff.
struct Budget(usize);

/// A diff of two texts as segments: character LCS on the part between the common prefix
/// and suffix; by sentence when that is too large; as a whole when even that is.
fn diff_text(old: &str, new: &str, budget: &mut Budget) -> Vec<Segment> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let key = |c: char| if c.is_whitespace() { ' ' } else { c };
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && key(a[pre]) == key(b[pre]) {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre
        && suf < b.len() - pre
        && key(a[a.len() - 1 - suf]) == key(b[b.len() - 1 - suf])
    {
        suf += 1;
    }
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut chunks: Vec<Chunk> = Vec::new();
    if pre > 0 {
        chunks.push(Chunk::Equal(b[..pre].iter().collect()));
    }
    let cells = (am.len() + 1).saturating_mul(bm.len() + 1);
    if am.is_empty() || bm.is_empty() {
        chunks.push(Chunk::Change(am.iter().collect(), bm.iter().collect()));
    } else if cells <= LCS_CELLS && cells <= budget.0 {
        budget.0 -= cells;
        let ka: Vec<char> = am.iter().map(|&c| key(c)).collect();
        let kb: Vec<char> = bm.iter().map(|&c| key(c)).collect();
        let toks_a: Vec<String> = am.iter().map(|c| c.to_string()).collect();
        let toks_b: Vec<String> = bm.iter().map(|c| c.to_string()).collect();
        chunks.extend(lcs_chunks(&ka, &kb, &toks_a, &toks_b));
    } else {
        let sa = sentences(&am.iter().collect::<String>());
        let sb = sentences(&bm.iter().collect::<String>());
        let cells = (sa.len() + 1).saturating_mul(sb.len() + 1);
        if cells <= LCS_CELLS && cells <= budget.0 {
            budget.0 -= cells;
            let ka: Vec<String> = sa.iter().map(|s| name_key(s)).collect();
            let kb: Vec<String> = sb.iter().map(|s| name_key(s)).collect();
            chunks.extend(lcs_chunks(&ka, &kb, &sa, &sb));
        } else {
            chunks.push(Chunk::Change(am.iter().collect(), bm.iter().collect()));
        }
    }
    if suf > 0 {
        chunks.push(Chunk::Equal(b[b.len() - suf..].iter().collect()));
    }
    segments(fold(snap_numbers(fold(chunks))))
}

/// Split a text after every 。 and line break (the pieces concatenate to the text).
fn sentences(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if c == '。' || c == '\n' {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

enum Chunk {
    Equal(String),
    Change(String, String),
}

/// LCS of two token sequences (compared by key) as equal and changed chunks; the equal
/// text is NEW's tokens.
fn lcs_chunks<K: Eq>(ka: &[K], kb: &[K], ta: &[String], tb: &[String]) -> Vec<Chunk> {
    let (n, m) = (ka.len(), kb.len());
    let w = m + 1;
    let mut t = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * w + j] = if ka[i] == kb[j] {
                t[(i + 1) * w + j + 1] + 1
            } else {
                t[(i + 1) * w + j].max(t[i * w + j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut del, mut ins, mut eq) = (String::new(), String::new(), String::new());
    let flush_change = |del: &mut String, ins: &mut String, out: &mut Vec<Chunk>| {
        if !del.is_empty() || !ins.is_empty() {
            out.push(Chunk::Change(std::mem::take(del), std::mem::take(ins)));
        }
    };
    while i < n || j < m {
        if i < n && j < m && ka[i] == kb[j] {
            flush_change(&mut del, &mut ins, &mut out);
            eq.push_str(&tb[j]);
            i += 1;
            j += 1;
            continue;
        }
        if !eq.is_empty() {
            out.push(Chunk::Equal(std::mem::take(&mut eq)));
        }
        if j >= m || (i < n && t[(i + 1) * w + j] >= t[i * w + j + 1]) {
            del.push_str(&ta[i]);
            i += 1;
        } else {
            ins.push_str(&tb[j]);
            j += 1;
        }
    }
    if !eq.is_empty() {
        out.push(Chunk::Equal(eq));
    }
    flush_change(&mut del, &mut ins, &mut out);
    out
}

/// Fold equal runs of at most [`FOLD`] characters that stand between two changes into one
/// change, so that a rewritten phrase reads as one replacement.
fn fold(chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut it = chunks.into_iter().peekable();
    while let Some(c) = it.next() {
        match c {
            Chunk::Equal(e)
                if e.chars().count() <= FOLD
                    && matches!(out.last(), Some(Chunk::Change(..)))
                    && matches!(it.peek(), Some(Chunk::Change(..))) =>
            {
                if let (Some(Chunk::Change(d, i)), Some(Chunk::Change(d2, i2))) =
                    (out.last_mut(), it.next())
                {
                    d.push_str(&e);
                    d.push_str(&d2);
                    i.push_str(&e);
                    i.push_str(&i2);
                }
            }
            Chunk::Change(d, i) => {
                if let Some(Chunk::Change(pd, pi)) = out.last_mut() {
                    pd.push_str(&d);
                    pi.push_str(&i);
                } else {
                    out.push(Chunk::Change(d, i));
                }
            }
            Chunk::Equal(e) => {
                if let Some(Chunk::Equal(pe)) = out.last_mut() {
                    pe.push_str(&e);
                } else if !e.is_empty() {
                    out.push(Chunk::Equal(e));
                }
            }
        }
    }
    out
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇一二三四五六七八九十百千".contains(c)
}

/// A change of digits only takes the whole number: 第１~~０~~条 → 第~~１０~~条.
fn snap_numbers(chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = chunks;
    for k in 0..chunks.len() {
        let numeric = match &chunks[k] {
            Chunk::Change(d, i) => {
                !(d.is_empty() && i.is_empty()) && d.chars().chain(i.chars()).all(is_numeral)
            }
            Chunk::Equal(_) => false,
        };
        if !numeric {
            continue;
        }
        let mut head = String::new();
        if let Some(Chunk::Equal(e)) = k.checked_sub(1).and_then(|p| chunks.get_mut(p)) {
            let cut = e
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_numeral(c))
                .last()
                .map_or(e.len(), |(i, _)| i);
            head = e.split_off(cut);
        }
        let mut tail = String::new();
        if let Some(Chunk::Equal(e)) = chunks.get_mut(k + 1) {
            let cut = e
                .char_indices()
                .find(|&(_, c)| !is_numeral(c))
                .map_or(e.len(), |(i, _)| i);
            tail = e[..cut].to_string();
            e.replace_range(..cut, "");
        }
        if let Chunk::Change(d, i) = &mut chunks[k] {
            *d = format!("{head}{d}{tail}");
            *i = format!("{head}{i}{tail}");
        }
    }
    chunks
        .into_iter()
        .filter(|c| !matches!(c, Chunk::Equal(e) if e.is_empty()))
        .collect()
}

fn segments(chunks: Vec<Chunk>) -> Vec<Segment> {
    let mut out = Vec::new();
    for c in chunks {
        match c {
            Chunk::Equal(text) => out.push(Segment {
                op: Op::Equal,
                text,
            }),
            Chunk::Change(d, i) => {
                if !d.is_empty() {
                    out.push(Segment {
                        op: Op::Delete,
                        text: d,
                    });
                }
                if !i.is_empty() {
                    out.push(Segment {
                        op: Op::Insert,
                        text: i,
                    });
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------- rendering

/// The JSON report (see the module documentation).
pub fn render_json(diff: &Diff) -> String {
    serde_json::to_string_pretty(diff).unwrap_or_else(|_| "{}".into()) + "\n"
}

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

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\r' | '\t' => out.push(' '),
            c if crate::report::escape::is_unsafe(c) => out.push_str(&crate::mdsafe::visible(c)),
            _ => out.push(c),
        }
    }
    out
}

/// Wrap a marked piece in a Markdown marker, keeping white space outside the marker.
fn md_mark(s: &str, marker: &str) -> String {
    let mut out = String::new();
    for (k, piece) in s.split('\n').enumerate() {
        if k > 0 {
            out.push_str("<br>");
        }
        let t = piece.trim();
        if t.is_empty() {
            out.push_str(&md_escape(piece));
            continue;
        }
        let lead = &piece[..piece.len() - piece.trim_start().len()];
        let trail = &piece[piece.trim_end().len()..];
        out.push_str(&md_escape(lead));
        out.push_str(marker);
        out.push_str(&md_escape(t));
        out.push_str(marker);
        out.push_str(&md_escape(trail));
    }
    out
}

fn md_cell(e: &Entry, col: Col) -> String {
    let lines = cell_lines(e, col);
    if lines.is_empty() {
        return absent(e, col).to_string();
    }
    let mut out = Vec::new();
    for l in lines {
        match l {
            None => out.push("（略）".to_string()),
            Some(segs) => out.push(
                segs.iter()
                    .map(|s| match s.op {
                        Op::Equal => md_escape(&s.text),
                        Op::Insert => md_mark(&s.text, "**"),
                        Op::Delete => md_mark(&s.text, "~~"),
                    })
                    .collect(),
            ),
        }
    }
    out.join("<br>")
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

/// The 新旧対照表 in Markdown: 新 on the left, 旧 on the right; **inserted**,
/// ~~deleted~~; unchanged parts as （略）.
pub fn render_markdown(diff: &Diff) -> String {
    let mut s = String::from("# 新旧対照表\n\n");
    s.push_str(&format!(
        "- 旧 (old): {}\n- 新 (new): {}\n\n{}\n",
        crate::mdsafe::code(&diff.old.replace('`', "'")),
        crate::mdsafe::code(&diff.new.replace('`', "'")),
        summary_line(&diff.summary)
    ));
    for (k, d) in diff.documents.iter().enumerate() {
        let entries = entries_of(diff, k);
        s.push_str(&format!("\n## {}\n\n", md_escape(&doc_heading(d))));
        let files = match (&d.old_file, &d.new_file) {
            (Some(o), Some(n)) => format!(
                "旧 {} → 新 {}",
                crate::mdsafe::code(o),
                crate::mdsafe::code(n)
            ),
            (None, Some(n)) => format!("新設の文書: {}", crate::mdsafe::code(n)),
            (Some(o), None) => format!("削除された文書: {}", crate::mdsafe::code(o)),
            (None, None) => String::new(),
        };
        s.push_str(&files.replace('\n', " "));
        s.push('\n');
        let rows: Vec<&&Entry> = entries
            .iter()
            .filter(|e| e.kind != EntryKind::StaleReference && e.level != "document")
            .collect();
        let stale: Vec<&&Entry> = entries
            .iter()
            .filter(|e| e.kind == EntryKind::StaleReference)
            .collect();
        if rows.is_empty() && stale.is_empty() {
            if d.old_file.is_some() && d.new_file.is_some() {
                s.push_str("\n変更はありません。\n");
            }
            continue;
        }
        if !rows.is_empty() {
            s.push_str("\n| 新 | 旧 |\n| --- | --- |\n");
            for e in &rows {
                s.push_str(&format!(
                    "| {} | {} |\n",
                    md_cell(e, Col::New),
                    md_cell(e, Col::Old)
                ));
            }
        }
        if !stale.is_empty() {
            s.push_str("\n### 参照の更新漏れ (stale references)\n\n");
            for e in stale {
                if let Some(r) = &e.reference {
                    s.push_str(&format!(
                        "- {} {}\n",
                        crate::mdsafe::code(&format!(
                            "{}:{}:{}",
                            r.file.replace('`', "'"),
                            r.line,
                            r.column
                        )),
                        md_escape(&e.message)
                    ));
                }
            }
        }
    }
    s
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

fn html_cell(e: &Entry, col: Col) -> String {
    let lines = cell_lines(e, col);
    if lines.is_empty() {
        let a = absent(e, col);
        return if a.is_empty() {
            String::new()
        } else {
            format!("<div class=\"absent\">{a}</div>")
        };
    }
    let mut out = String::new();
    for l in lines {
        match l {
            None => out.push_str("<div class=\"elided\">（略）</div>"),
            Some(segs) => {
                out.push_str("<div class=\"line\">");
                for seg in segs {
                    let t = html_escape(&seg.text);
                    match seg.op {
                        Op::Equal => out.push_str(&t),
                        Op::Insert => out.push_str(&format!("<ins>{t}</ins>")),
                        Op::Delete => out.push_str(&format!("<del>{t}</del>")),
                    }
                }
                out.push_str("</div>");
            }
        }
    }
    out
}

// As official 新旧対照表: the changed passages are underlined (傍線) on both sides, the
// old text is never struck through.
const CSS: &str = "body{font-family:\"Hiragino Mincho ProN\",\"Yu Mincho\",\"Noto Serif JP\",serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1f2328;line-height:1.7}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #d0d7de}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{border:1px solid #8c959f;padding:.4em .6em;vertical-align:top;word-break:break-all}\
th{background:#f6f8fa;width:50%}\
ins,del{text-decoration:underline;text-decoration-thickness:1.5px;text-underline-offset:.2em}\
.elided,.absent{color:#57606a}.summary,.files{color:#424a53}\
code{font-family:ui-monospace,monospace;font-size:.9em}\
tr.renumbered td,tr.moved td{color:#424a53}";

/// The 新旧対照表 as one self-contained HTML page (inline CSS, no script).
pub fn render_html(diff: &Diff) -> String {
    // Titled by the document compared (the first one of a corpus), never by a path.
    let title = match diff.documents.first().map(|d| d.title.trim()) {
        Some(t) if !t.is_empty() => format!("新旧対照表 — {}", html_escape(t)),
        _ => "新旧対照表".to_string(),
    };
    let mut s = format!("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>");
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body>\n<h1>新旧対照表</h1>\n");
    s.push_str(&format!(
        "<p class=\"files\">旧: <code>{}</code><br>新: <code>{}</code></p>\n<p class=\"summary\">{}</p>\n<p class=\"note\">（傍線の部分は改正部分）</p>\n",
        html_escape(&diff.old),
        html_escape(&diff.new),
        html_escape(&summary_line(&diff.summary))
    ));
    for (k, d) in diff.documents.iter().enumerate() {
        let entries = entries_of(diff, k);
        s.push_str(&format!("<h2>{}</h2>\n", html_escape(&doc_heading(d))));
        let files = match (&d.old_file, &d.new_file) {
            (Some(o), Some(n)) => format!(
                "旧 <code>{}</code> → 新 <code>{}</code>",
                html_escape(o),
                html_escape(n)
            ),
            (None, Some(n)) => format!("新設の文書: <code>{}</code>", html_escape(n)),
            (Some(o), None) => format!("削除された文書: <code>{}</code>", html_escape(o)),
            (None, None) => String::new(),
        };
        s.push_str(&format!("<p class=\"files\">{files}</p>\n"));
        let rows: Vec<&&Entry> = entries
            .iter()
            .filter(|e| e.kind != EntryKind::StaleReference && e.level != "document")
            .collect();
        let stale: Vec<&&Entry> = entries
            .iter()
            .filter(|e| e.kind == EntryKind::StaleReference)
            .collect();
        if rows.is_empty() && stale.is_empty() {
            if d.old_file.is_some() && d.new_file.is_some() {
                s.push_str("<p>変更はありません。</p>\n");
            }
            continue;
        }
        if !rows.is_empty() {
            s.push_str("<table>\n<thead><tr><th>新</th><th>旧</th></tr></thead>\n<tbody>\n");
            for e in rows {
                s.push_str(&format!(
                    "<tr class=\"{}\" title=\"{}\"><td>{}</td><td>{}</td></tr>\n",
                    kind_word(e.kind),
                    html_escape(&e.message),
                    html_cell(e, Col::New),
                    html_cell(e, Col::Old)
                ));
            }
            s.push_str("</tbody>\n</table>\n");
        }
        if !stale.is_empty() {
            s.push_str("<h3>参照の更新漏れ</h3>\n<ul>\n");
            for e in stale {
                if let Some(r) = &e.reference {
                    s.push_str(&format!(
                        "<li><code>{}:{}:{}</code> {}</li>\n",
                        html_escape(&r.file),
                        r.line,
                        r.column,
                        html_escape(&e.message)
                    ));
                }
            }
            s.push_str("</ul>\n");
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Insert => format!("[+{}]", s.text),
                Op::Delete => format!("[-{}]", s.text),
            })
            .collect()
    }

    #[test]
    fn character_diff_marks_the_change() {
        let mut b = Budget(LCS_BUDGET);
        let d = diff_text(
            "承認した日から１年間とします。",
            "承認した日から２年間とします。",
            &mut b,
        );
        assert_eq!(show(&d), "承認した日から[-１][+２]年間とします。");
        let d = diff_text("予約を取り消す", "利用を停止する", &mut b);
        assert_eq!(show(&d), "[-予約を取り消す][+利用を停止する]");
        assert_eq!(show(&diff_text("", "新", &mut b)), "[+新]");
        assert_eq!(show(&diff_text("同じ", "同じ", &mut b)), "同じ");
        assert_eq!(
            show(&diff_text("第１０条", "第１１条", &mut b)),
            "第[-１０][+１１]条"
        );
        assert_eq!(
            show(&diff_text("第十条", "第十一条", &mut b)),
            "第[-十][+十一]条"
        );
    }

    #[test]
    fn long_texts_fall_back_to_sentences() {
        let mut b = Budget(LCS_BUDGET);
        let a = "あ".repeat(600) + "。変わる前。" + &"い".repeat(600);
        let c = "う".repeat(600) + "。変わる前。" + &"え".repeat(600);
        let d = diff_text(&a, &c, &mut b);
        let new: String = d
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        let old: String = d
            .iter()
            .filter(|s| s.op != Op::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!((old, new), (a, c));
        assert!(d
            .iter()
            .any(|s| s.op == Op::Equal && s.text == "変わる前。"));
    }

    #[test]
    fn kanji_numerals() {
        assert_eq!(kanji(9), "九");
        assert_eq!(kanji(19), "十九");
        assert_eq!(kanji(110), "百十");
        assert_eq!(kanji(2024), "二千二十四");
        assert_eq!(write_number("10", Digits::Full), "１０");
    }

    #[test]
    fn order_keeps_the_longest_run() {
        assert_eq!(in_order(&[0, 1, 2]), [true, true, true]);
        assert_eq!(in_order(&[0, 3, 1, 2]), [true, false, true, true]);
        assert!(in_order(&[]).is_empty());
    }
}
