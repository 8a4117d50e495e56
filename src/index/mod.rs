//! `yakkan index` (SPEC §6): the clause index of a corpus — a table of contents per
//! document (目次), a defined-term index (定義語索引), a reference index (参照索引) and the
//! document precedence graph (優先関係) — rendered as Markdown, one self-contained HTML
//! page, or JSON. The HTML page also lists the findings of `lint` (指摘), each linked to
//! the provision it stands in and marked there with a link back.
//!
//! This module computes the rows; one renderer per format reads them and nothing else:
//! `markdown.rs`, `html.rs`, `json.rs`. [`build`] computes an [`Index`] (what every format
//! shows) from a linked [`Corpus`], [`build_page`] a [`Page`] for HTML (the index, the
//! findings, the documents' text as blocks with their anchors, links and marks), in time
//! linear in the corpus (every provision, definition, reference, term use and precedence
//! edge is visited a bounded number of times, through hash maps). Output is
//! deterministic: documents in corpus order, provisions in document order, terms sorted.
//!
//! # JSON (`--format json`)
//!
//! The serde structure of [`Index`]; keys are stable:
//!
//! ```text
//! {"version": 1,
//!  "corpus": "clauses/yakkan.yaml",            // the manifest, or "" for loose files
//!  "documents": [{"id", "title", "name", "path", "kind",
//!     "toc": [{"depth": 0, "kind": "article", "label": "第１条", "caption": "目的",
//!              "heading": "第１条（目的）", "path": "第1条", "deleted": false}],
//!     "checklist": [{"clause": "準拠法", "document": "<id>"|null, "path": "第21条"|null}]}],
//!  "terms": [{"term": "本サービス", "reading": "ほんさーびす",   // reading: only when given
//!     "definitions": [{"meaning", "kind": "table"|"abbreviation"|"sentence",
//!        "document": "<id>", "path": "第1条第1項", "scope": null,
//!        "uses": [{"document": "<id>", "path": "第3条第1項", "count": 2}]}]}],
//!  "references": [{"document": "<id>", "path": "第9条第1項", "unit": "第9条",
//!     "cites": [{"text": "基本約款第８条第３項", "kind": "override",
//!        "target": {"status": "resolved"|"dangling"|"external"|"unknown",
//!                   "document": "<id>"|null, "name": "基本約款"|null, "path": "第8条第3項"}}],
//!     "cited_by": [{"document": "<id>", "path": "第9条第1項", "text", "kind"}]}],
//!  "precedence": {"nodes": [{"document": "<id>", "rank": 0}],
//!     "edges": [{"higher": "<id>", "lower": "<id>",
//!                "stated_by": [{"document": "<id>", "path": "第1条第3項"}],
//!                "manifest": true}]}}
//! ```
//!
//! * `checklist` (absent when empty) lists the clauses a document of its kind is
//!   expected to hold (Y706: terms and specs, changed by the manifest's `checklist:`)
//!   and the document and provision that hold each, or null.
//! * `toc` lists chapters, articles, sections and 附則 in document order; `depth` is the
//!   nesting among those entries (an article in a chapter has depth 1).
//! * `terms` are in 五十音順: kana terms by the syllabary, then kanji terms by code point;
//!   a term with a `reading` (a definition gives it: 「瑕疵（かし）」, a 読み column) sorts
//!   by the reading, among the kana. A use is attributed to the
//!   definition of its own document (the one whose `scope` contains it first); a use in
//!   a document that does not define the term goes to a definition in a related document
//!   (`Corpus::related`), the one of the document that prevails first, by the order the
//!   lint uses (`corpus::precedence::highest`).
//! * `references` has one entry per provision that cites or is cited, in corpus and
//!   document order; `unit` is the article, section, chapter or 附則 it stands in.
//!   `cited_by` lists the references whose resolved target is exactly this provision.
//!   Statutes and the manifest's `external:` names are `external`.
//! * `precedence` is `corpus::precedence::graph` by id. `nodes` are sorted by rank
//!   (0 = highest), then corpus order; `edges`
//!   are the documents' own statements (`stated_by`) and consecutive pairs of the
//!   manifest's `precedence:` (`manifest: true`).

use crate::corpus::{Corpus, RefTarget};

mod html;
mod json;
mod markdown;

pub use html::to_html;
pub use json::to_json;
pub use markdown::to_markdown;

use crate::lint::facts::Facts;
use crate::lint::rules::legal::{checklist, ChecklistEntry};
use crate::model::{
    DefinitionKind, Document, DocumentKind, Provision, ProvisionKind, ReferenceKind,
};
use crate::text::name_key;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An output format of `yakkan index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    /// `md`, `html` or `json`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The index of a corpus (see the module documentation for its JSON form).
#[derive(Debug, Clone, Serialize)]
pub struct Index {
    pub version: u32,
    /// The manifest the corpus was loaded from, or "".
    pub corpus: String,
    pub documents: Vec<DocumentIndex>,
    pub terms: Vec<TermEntry>,
    pub references: Vec<ReferenceEntry>,
    pub precedence: PrecedenceGraph,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentIndex {
    pub id: String,
    pub title: String,
    /// How the index names the document: its title (with the file name when another
    /// document has the same title), or the file name.
    pub name: String,
    pub path: String,
    pub kind: DocumentKind,
    pub toc: Vec<TocEntry>,
    /// The clauses a document of its kind is expected to hold and where each stands
    /// (Y706); empty for a document without a checklist.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub depth: usize,
    pub kind: ProvisionKind,
    /// As written: 第１条, ２．１, 附則.
    pub label: String,
    pub caption: Option<String>,
    /// Label and caption as a heading: 第１条（目的）, ２．１　監視対象.
    pub heading: String,
    pub path: String,
    /// An article marked 削除.
    pub deleted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermEntry {
    pub term: String,
    /// The reading a definition gives the term (「瑕疵（かし）」, a 読み column), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    pub definitions: Vec<TermDefinition>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermDefinition {
    pub meaning: String,
    pub kind: DefinitionKind,
    pub document: String,
    pub path: String,
    pub scope: Option<String>,
    pub uses: Vec<UseEntry>,
}

/// The uses of a term in one provision.
#[derive(Debug, Clone, Serialize)]
pub struct UseEntry {
    pub document: String,
    pub path: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferenceEntry {
    pub document: String,
    pub path: String,
    /// The path of the article, section, chapter or 附則 the provision stands in.
    pub unit: Option<String>,
    pub cites: Vec<Citation>,
    pub cited_by: Vec<CitedBy>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// As written: 基本約款第８条第３項, 前項.
    pub text: String,
    pub kind: ReferenceKind,
    pub target: Target,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// The provision exists in a corpus document.
    Resolved,
    /// The document is in the corpus, the provision is not.
    Dangling,
    /// A statute, or a name the manifest lists as external.
    External,
    /// A document name the corpus does not know.
    Unknown,
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub status: TargetStatus,
    /// The corpus document (its id), when there is one.
    pub document: Option<String>,
    /// The document name as written (基本約款, 電気通信事業法), when one is written.
    pub name: Option<String>,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitedBy {
    pub document: String,
    pub path: String,
    pub text: String,
    pub kind: ReferenceKind,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrecedenceGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    pub document: String,
    /// 0 for the highest documents; every edge goes to a higher rank, except edges that
    /// close a cycle.
    pub rank: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    pub higher: String,
    pub lower: String,
    pub stated_by: Vec<Place>,
    pub manifest: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub document: String,
    pub path: String,
}

/// Build the index and render it.
pub fn render(corpus: &Corpus, format: Format) -> String {
    match format {
        Format::Markdown => to_markdown(&build(corpus)),
        Format::Html => to_html(&build_page(corpus)),
        Format::Json => to_json(&build(corpus)),
    }
}

/// Write a rendered index to `file`, refusing to touch an input of the corpus (a
/// document or the manifest).
pub fn write_output(corpus: &Corpus, file: &Path, text: &str) -> Result<(), String> {
    if is_input(corpus, file) {
        return Err(format!(
            "{}: is an input of the corpus; refusing to overwrite it (choose another -o FILE)",
            file.display()
        ));
    }
    crate::fmt::write_if_changed(file, text)
        .map(|_| ())
        .map_err(|e| format!("{}: cannot write the file: {e}", file.display()))
}

fn is_input(corpus: &Corpus, file: &Path) -> bool {
    let inputs: Vec<PathBuf> = corpus
        .docs
        .iter()
        .map(|d| PathBuf::from(&d.path))
        .chain(corpus.manifest_path.iter().cloned())
        .collect();
    crate::fmt::names_an_input(file, &inputs)
}

// ───────────────────────────── building ─────────────────────────────

/// Per-document lookups shared by the builder and the HTML renderer.
struct Lookup {
    /// Per document: provision path → its position in document order (first occurrence).
    order: Vec<HashMap<String, usize>>,
    /// Per document: provision path → path of its unit (article, section, chapter, 附則).
    unit: Vec<HashMap<String, String>>,
    /// Per document: its table of contents.
    toc: Vec<Vec<TocEntry>>,
}

impl Lookup {
    fn new(corpus: &Corpus) -> Lookup {
        let mut order = Vec::with_capacity(corpus.docs.len());
        let mut unit = Vec::with_capacity(corpus.docs.len());
        let mut toc = Vec::with_capacity(corpus.docs.len());
        for doc in &corpus.docs {
            let (o, u, t) = walk_document(doc);
            order.push(o);
            unit.push(u);
            toc.push(t);
        }
        Lookup { order, unit, toc }
    }

    fn exists(&self, d: usize, path: &str) -> bool {
        self.order.get(d).is_some_and(|m| m.contains_key(path))
    }

    /// Sort key of a provision path in document `d` (unknown paths last, by path).
    fn pos(&self, d: usize, path: &str) -> usize {
        self.order[d].get(path).copied().unwrap_or(usize::MAX)
    }
}

fn is_unit(kind: ProvisionKind) -> bool {
    matches!(
        kind,
        ProvisionKind::Chapter
            | ProvisionKind::Article
            | ProvisionKind::Section
            | ProvisionKind::Suppl
    )
}

/// Label and caption as a heading.
fn heading(p: &Provision) -> String {
    let label = if p.label.is_empty() {
        p.path.as_str()
    } else {
        p.label.as_str()
    };
    let mut h = label.to_string();
    if let Some(c) = p.caption.as_deref().filter(|c| !c.is_empty()) {
        if p.kind == ProvisionKind::Article {
            h.push('（');
            h.push_str(c);
            h.push('）');
        } else {
            // １．概要, 1. 概要, 1.1　概要, 第１章　総則
            if label.ends_with('.') {
                h.push(' ');
            } else if !label.ends_with('．') {
                h.push('\u{3000}');
            }
            h.push_str(c);
        }
    }
    if p.kind == ProvisionKind::Article && p.is_deleted() {
        h.push_str("\u{3000}削除");
    }
    h
}

type Walked = (
    HashMap<String, usize>,
    HashMap<String, String>,
    Vec<TocEntry>,
);

/// One pass over a document (explicit stack): provision order, units, table of contents.
fn walk_document(doc: &Document) -> Walked {
    let mut order = HashMap::new();
    let mut unit = HashMap::new();
    let mut toc = Vec::new();
    // (provision, depth among toc entries, enclosing unit path)
    let mut stack: Vec<(&Provision, usize, Option<&str>)> = doc
        .provisions
        .iter()
        .chain(doc.suppl.iter())
        .rev()
        .map(|p| (p, 0, None))
        .collect();
    let mut n = 0;
    while let Some((p, depth, enclosing)) = stack.pop() {
        order.entry(p.path.to_string()).or_insert(n);
        n += 1;
        let (child_depth, here) = if is_unit(p.kind) {
            toc.push(TocEntry {
                depth,
                kind: p.kind,
                label: p.label.to_string(),
                caption: p.caption.as_deref().map(str::to_string),
                heading: heading(p),
                path: p.path.to_string(),
                deleted: p.kind == ProvisionKind::Article && p.is_deleted(),
            });
            (depth + 1, Some(p.path.as_str()))
        } else {
            (depth, enclosing)
        };
        if let Some(u) = here {
            unit.entry(p.path.to_string())
                .or_insert_with(|| u.to_string());
        }
        for c in p.children.iter().rev() {
            stack.push((c, child_depth, here));
        }
    }
    (order, unit, toc)
}

/// How the index names each document (see [`DocumentIndex::name`]).
fn doc_names(corpus: &Corpus) -> Vec<String> {
    let mut titles: HashMap<&str, usize> = HashMap::new();
    for d in &corpus.docs {
        *titles.entry(d.title.trim()).or_default() += 1;
    }
    corpus
        .docs
        .iter()
        .map(|d| {
            let file = Path::new(&d.path)
                .file_name()
                .map_or_else(|| d.id.clone(), |f| f.to_string_lossy().into_owned());
            let title = d.title.trim();
            if title.is_empty() {
                file
            } else if titles.get(title).copied().unwrap_or(0) > 1 {
                format!("{title} ({file})")
            } else {
                title.to_string()
            }
        })
        .collect()
}

/// Build the index of a corpus.
pub fn build(corpus: &Corpus) -> Index {
    build_with(corpus, &Lookup::new(corpus))
}

fn build_with(corpus: &Corpus, lookup: &Lookup) -> Index {
    let names = doc_names(corpus);
    let precedence = precedence_graph(corpus);
    // The clauses of a document, built once however many checklists read them.
    let facts = Facts::new(corpus);
    let documents = corpus
        .docs
        .iter()
        .zip(names)
        .zip(lookup.toc.iter())
        .enumerate()
        .map(|(i, ((d, name), toc))| DocumentIndex {
            id: d.id.clone(),
            title: d.title.clone(),
            name,
            path: d.path.clone(),
            kind: d.kind,
            toc: toc.clone(),
            checklist: checklist(corpus, i, &|x| facts.clauses(x)),
        })
        .collect();
    Index {
        version: 1,
        corpus: corpus
            .manifest_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        documents,
        terms: term_index(corpus, lookup),
        references: reference_index(corpus, lookup),
        precedence,
    }
}

/// Where an expected clause stands, for people: 「第３条」, 「cloud-service-base-terms 第21条」,
/// 「なし」.
fn checklist_place(doc: &str, e: &ChecklistEntry) -> String {
    match (&e.document, &e.path) {
        (Some(d), Some(p)) if d == doc => p.clone(),
        (Some(d), Some(p)) => format!("{d} {p}"),
        _ => "なし".into(),
    }
}

/// The checklist of expected clauses (Y706) under a document's 目次.
/// Is `path` inside `scope` (a path prefix that ends where a number ends)?
fn in_scope(path: &str, scope: &str) -> bool {
    path.strip_prefix(scope)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

fn term_index(corpus: &Corpus, lookup: &Lookup) -> Vec<TermEntry> {
    // Term key → its definitions (document, definition index), in corpus order.
    let mut by_key: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (d, doc) in corpus.docs.iter().enumerate() {
        for (k, def) in doc.definitions.iter().enumerate() {
            let key = name_key(&def.term);
            if !key.is_empty() {
                by_key.entry(key).or_default().push((d, k));
            }
        }
    }
    // Per document: term key → its own definitions.
    let mut own_defs: Vec<HashMap<&str, Vec<usize>>> = vec![HashMap::new(); corpus.docs.len()];
    for (key, defs) in &by_key {
        for &(d, k) in defs {
            own_defs[d].entry(key.as_str()).or_default().push(k);
        }
    }
    // (document, definition) → (use document, provision position) → (path, count).
    type Uses = BTreeMap<(usize, usize), (String, usize)>;
    let mut uses: HashMap<(usize, usize), Uses> = HashMap::new();
    // (document, term key) → the definition a use there means, when it defines none.
    let mut borrowed: HashMap<(usize, &str), Option<(usize, usize)>> = HashMap::new();
    for (d, doc_uses) in corpus.uses.iter().enumerate() {
        // A use names its provision by its place in the document's order.
        let order: Vec<&crate::model::Provision> = corpus.docs[d].all_provisions().collect();
        for u in doc_uses {
            let path = order[u.provision()].path.as_str();
            let term = corpus.term(u);
            let Some(cands) = by_key.get(term) else {
                continue;
            };
            let own = own_defs[d].get(term).and_then(|mine| {
                let def = |k: usize| &corpus.docs[d].definitions[k];
                mine.iter()
                    .find(|&&k| def(k).scope.as_deref().is_some_and(|s| in_scope(path, s)))
                    .or_else(|| mine.iter().find(|&&k| def(k).scope.is_none()))
                    .or_else(|| mine.first())
                    .map(|&k| (d, k))
            });
            let chosen = match own {
                Some(c) => Some(c),
                None => *borrowed.entry((d, term)).or_insert_with(|| {
                    // The definitions of related documents (whichever list is shorter
                    // is walked), else all of them.
                    let related = &corpus.related[d];
                    let near: Vec<(usize, usize)> = if cands.len() <= related.len() {
                        cands
                            .iter()
                            .filter(|(x, _)| related.binary_search(x).is_ok())
                            .copied()
                            .collect()
                    } else {
                        related
                            .iter()
                            .filter_map(|&x| own_defs[x].get(term).map(|ks| (x, ks[0])))
                            .collect()
                    };
                    let mut pool = if near.is_empty() { cands.clone() } else { near };
                    pool.sort_unstable();
                    // The definition of the document that prevails, by the order the
                    // lint uses; the first in corpus order where none does.
                    let top =
                        crate::corpus::precedence::highest(corpus, pool.iter().map(|&(x, _)| x))?;
                    pool.into_iter().find(|&(x, _)| x == top)
                }),
            };
            let Some(def) = chosen else { continue };
            let slot = uses
                .entry(def)
                .or_default()
                .entry((d, lookup.pos(d, path)))
                .or_insert_with(|| (path.to_string(), 0));
            slot.1 += 1;
        }
    }
    let entries: Vec<TermEntry> = by_key
        .into_iter()
        .map(|(key, defs)| {
            let term = defs
                .first()
                .map(|&(d, k)| corpus.docs[d].definitions[k].term.trim().to_string())
                .unwrap_or(key);
            let reading = defs
                .iter()
                .find_map(|&(d, k)| corpus.docs[d].definitions[k].reading.clone());
            let definitions = defs
                .into_iter()
                .map(|(d, k)| {
                    let def = &corpus.docs[d].definitions[k];
                    TermDefinition {
                        meaning: def.meaning.clone(),
                        kind: def.kind,
                        document: corpus.docs[d].id.clone(),
                        path: def.path.clone(),
                        scope: def.scope.clone(),
                        uses: uses
                            .remove(&(d, k))
                            .unwrap_or_default()
                            .into_iter()
                            .map(|((x, _), (path, count))| UseEntry {
                                document: corpus.docs[x].id.clone(),
                                path,
                                count,
                            })
                            .collect(),
                    }
                })
                .collect();
            TermEntry {
                term,
                reading,
                definitions,
            }
        })
        .collect();
    in_gojuon_order(entries)
}

/// 五十音順 for the defined-term index: kana terms first, in the order of the syllabary
/// (katakana read as hiragana, ガ beside カ), then kanji terms by code point, then the
/// rest. A term whose definition gives its reading is sorted by the reading, among the
/// kana; for the other kanji terms code point is the order that can be told from the
/// text.
fn gojuon_key(term: &str) -> (u8, String, String) {
    use unicode_normalization::UnicodeNormalization;
    let hira = |c: char| match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    };
    let mut folded = String::with_capacity(term.len());
    for c in term.nfkc().map(hira) {
        // The long-vowel mark reads as the vowel before it (カード as かあど).
        let c = match (c, folded.chars().last()) {
            ('ー', Some(p)) => vowel_of(p).unwrap_or(c),
            _ => c,
        };
        folded.push(c);
    }
    // Dakuten and handakuten are a second-order difference (か < が < き).
    let primary: String = folded
        .nfd()
        .filter(|c| !matches!(c, '\u{3099}' | '\u{309A}'))
        .collect();
    let group = match folded.chars().next() {
        Some('ぁ'..='ゖ' | 'ー') => 0,
        Some(c) if crate::text::is_kanji(c) => 1,
        Some(c) if c.is_ascii_alphanumeric() => 2,
        _ => 3,
    };
    (group, primary, folded)
}

/// The vowel of a hiragana syllable (か → あ), for reading ー.
fn vowel_of(c: char) -> Option<char> {
    const COLUMNS: [(&str, char); 5] = [
        ("あかさたなはまやらわがざだばぱぁゃゎ", 'あ'),
        ("いきしちにひみりぎじぢびぴぃ", 'い'),
        ("うくすつぬふむゆるぐずづぶぷぅっゅゔ", 'う'),
        ("えけせてねへめれげぜでべぺぇ", 'え'),
        ("おこそとのほもよろをごぞどぼぽぉょ", 'お'),
    ];
    COLUMNS
        .iter()
        .find(|(column, _)| column.contains(c))
        .map(|(_, v)| *v)
}

/// The entries in 五十音順 ([`gojuon_key`]), by reading where one is given.
fn in_gojuon_order(mut entries: Vec<TermEntry>) -> Vec<TermEntry> {
    entries.sort_by_cached_key(|e| gojuon_key(e.reading.as_deref().unwrap_or(&e.term)));
    entries
}

/// Where reference `r` of document `d` leads: the corpus document (if any) and the status.
fn resolve_target(corpus: &Corpus, lookup: &Lookup, d: usize, r: usize) -> (Option<usize>, Target) {
    let reference = &corpus.docs[d].references[r];
    let target = corpus.ref_targets.get(d).and_then(|t| t.get(r));
    let path = reference.target.to_string();
    let name = reference.document.as_deref().map(str::to_string);
    let (doc, status) = match target {
        Some(RefTarget::Own) | None => (
            Some(d),
            if reference.resolved == Some(true) || lookup.exists(d, &path) {
                TargetStatus::Resolved
            } else {
                TargetStatus::Dangling
            },
        ),
        Some(RefTarget::Documents(ds)) => {
            match ds.iter().copied().find(|&x| lookup.exists(x, &path)) {
                Some(x) => (Some(x), TargetStatus::Resolved),
                None if ds.len() == 1 => (Some(ds[0]), TargetStatus::Dangling),
                None => (None, TargetStatus::Dangling),
            }
        }
        Some(RefTarget::External) => (None, TargetStatus::External),
        Some(RefTarget::Unknown) if reference.is_statute => (None, TargetStatus::External),
        Some(RefTarget::Unknown) => (None, TargetStatus::Unknown),
    };
    // A resolved target must be a provision that exists.
    let status =
        if status == TargetStatus::Resolved && !doc.is_some_and(|x| lookup.exists(x, &path)) {
            TargetStatus::Dangling
        } else {
            status
        };
    (
        doc,
        Target {
            status,
            document: doc.map(|x| corpus.docs[x].id.clone()),
            name,
            path,
        },
    )
}

fn reference_index(corpus: &Corpus, lookup: &Lookup) -> Vec<ReferenceEntry> {
    // (document, provision path) → entry.
    let mut entries: HashMap<(usize, String), ReferenceEntry> = HashMap::new();
    let entry = |entries: &mut HashMap<(usize, String), ReferenceEntry>, d: usize, path: &str| {
        // A closure cannot return a borrow of its argument; index after inserting.
        entries
            .entry((d, path.to_string()))
            .or_insert_with(|| ReferenceEntry {
                document: corpus.docs[d].id.clone(),
                path: path.to_string(),
                unit: lookup.unit[d].get(path).cloned(),
                cites: Vec::new(),
                cited_by: Vec::new(),
            });
    };
    for (d, doc) in corpus.docs.iter().enumerate() {
        for (r, reference) in doc.references.iter().enumerate() {
            let (to, target) = resolve_target(corpus, lookup, d, r);
            if target.status == TargetStatus::Resolved {
                if let Some(t) = to {
                    entry(&mut entries, t, &target.path);
                    if let Some(e) = entries.get_mut(&(t, target.path.clone())) {
                        e.cited_by.push(CitedBy {
                            document: doc.id.clone(),
                            path: reference.path.to_string(),
                            text: reference.text.to_string(),
                            kind: reference.kind,
                        });
                    }
                }
            }
            entry(&mut entries, d, &reference.path);
            if let Some(e) = entries.get_mut(&(d, reference.path.to_string())) {
                e.cites.push(Citation {
                    text: reference.text.to_string(),
                    kind: reference.kind,
                    target,
                });
            }
        }
    }
    let mut out: Vec<((usize, usize), ReferenceEntry)> = entries
        .into_iter()
        .map(|((d, path), e)| ((d, lookup.pos(d, &path)), e))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
    // cited_by were pushed in corpus order already (documents, then references).
    out.into_iter().map(|(_, e)| e).collect()
}

/// The precedence graph of the corpus ([`crate::corpus::precedence::graph`]) by document
/// id, each edge with the provisions that state it.
fn precedence_graph(corpus: &Corpus) -> PrecedenceGraph {
    let graph = crate::corpus::precedence::graph(corpus);
    let id = |d: usize| corpus.docs[d].id.clone();
    PrecedenceGraph {
        nodes: graph
            .nodes
            .iter()
            .map(|&d| GraphNode {
                document: id(d),
                rank: graph.rank[d],
            })
            .collect(),
        edges: graph
            .edges
            .into_iter()
            .map(|e| {
                let mut stated_by: Vec<Place> = e
                    .stated_by
                    .iter()
                    .map(|&i| {
                        let edge = &corpus.edges[i];
                        Place {
                            document: id(edge.doc),
                            path: corpus.docs[edge.doc]
                                .precedence
                                .get(edge.statement)
                                .map(|s| s.path.clone())
                                .unwrap_or_default(),
                        }
                    })
                    .collect();
                stated_by.sort();
                stated_by.dedup();
                GraphEdge {
                    higher: id(e.higher),
                    lower: id(e.lower),
                    stated_by,
                    manifest: e.manifest,
                }
            })
            .collect(),
    }
}

// ───────────────────────────── shared wording ─────────────────────────────

fn definition_kind(k: DefinitionKind) -> &'static str {
    match k {
        DefinitionKind::Table => "定義表",
        DefinitionKind::Abbreviation => "略称",
        DefinitionKind::Sentence => "定義文",
    }
}

fn reference_kind(k: ReferenceKind) -> Option<&'static str> {
    match k {
        ReferenceKind::Cite => None,
        ReferenceKind::Override => Some("かかわらず"),
        ReferenceKind::DefinedIn => Some("定義箇所"),
        ReferenceKind::ApplyMutatis => Some("準用"),
    }
}

fn status_tag(s: TargetStatus) -> Option<&'static str> {
    match s {
        TargetStatus::Resolved => None,
        TargetStatus::Dangling => Some("存在しない"),
        TargetStatus::External => Some("外部"),
        TargetStatus::Unknown => Some("不明な文書"),
    }
}

/// Tags in full-width brackets: （かかわらず・外部）.
fn tags(items: &[Option<&str>]) -> String {
    let t: Vec<&str> = items.iter().flatten().copied().collect();
    if t.is_empty() {
        String::new()
    } else {
        format!("（{}）", t.join("・"))
    }
}

/// Names of the documents by id.
struct Names<'a> {
    by_id: HashMap<&'a str, (usize, &'a str)>,
}

impl<'a> Names<'a> {
    fn new(index: &'a Index) -> Names<'a> {
        Names {
            by_id: index
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), (i, d.name.as_str())))
                .collect(),
        }
    }

    fn name(&self, id: &'a str) -> &'a str {
        self.by_id.get(id).map_or(id, |x| x.1)
    }

    fn idx(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|x| x.0)
    }
}

/// Group consecutive items by a key (the input is sorted so that groups are contiguous).
fn groups<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        if i == items.len() || key(&items[i]) != key(&items[start]) {
            if start < i {
                out.push(&items[start..i]);
            }
            start = i;
        }
    }
    out
}

/// The uses of a definition by document, each use written by `path` and its count
/// (「第3条第1項 ×2」); empty when the term is never used.
fn uses_by_document(
    def: &TermDefinition,
    path: impl Fn(&UseEntry) -> String,
) -> Vec<(&str, Vec<String>)> {
    groups(&def.uses, |u| u.document.clone())
        .into_iter()
        .map(|g| {
            let list = g
                .iter()
                .map(|u| {
                    let p = path(u);
                    if u.count > 1 {
                        format!("{p} ×{}", u.count)
                    } else {
                        p
                    }
                })
                .collect();
            (g[0].document.as_str(), list)
        })
        .collect()
}

/// The reference index by document, then by unit: each unit with its path (none for
/// provisions outside every unit), its heading as the 目次 gives it, and its entries.
type ReferenceUnits<'a> = Vec<(
    &'a str,
    Vec<(Option<&'a str>, &'a str, &'a [ReferenceEntry])>,
)>;

fn reference_units(index: &Index) -> ReferenceUnits<'_> {
    let headings: HashMap<(&str, &str), &str> = index
        .documents
        .iter()
        .flat_map(|d| {
            d.toc
                .iter()
                .map(move |t| ((d.id.as_str(), t.path.as_str()), t.heading.as_str()))
        })
        .collect();
    groups(&index.references, |e| e.document.clone())
        .into_iter()
        .map(|per_doc| {
            let doc = per_doc[0].document.as_str();
            let units = groups(per_doc, |e| e.unit.clone())
                .into_iter()
                .map(|unit| {
                    let path = unit[0].unit.as_deref();
                    let heading = match path {
                        Some(u) => headings.get(&(doc, u)).copied().unwrap_or(u),
                        None => "（条項外）",
                    };
                    (path, heading, unit)
                })
                .collect();
            (doc, units)
        })
        .collect()
}

/// A citation's target as text, seen from document `from`.
fn target_text(names: &Names<'_>, from: &str, t: &Target) -> String {
    let doc = match (&t.document, &t.name) {
        (Some(d), _) if d == from => None,
        (Some(d), _) => Some(names.name(d).to_string()),
        (None, Some(n)) => Some(n.clone()),
        (None, None) => None,
    };
    match doc {
        Some(d) if t.path.is_empty() => d,
        Some(d) => format!("{d} {}", t.path),
        None => t.path.clone(),
    }
}

// ───────────────────────────── anchors ─────────────────────────────

/// A fragment-safe id: letters (any script), digits, `-`, `_` and `.` are kept.
fn id_part(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if t.is_empty() {
        "_".to_string()
    } else {
        t
    }
}

/// The anchor of a document.
fn doc_anchor(id: &str) -> String {
    id_part(id)
}

/// The anchor of a provision: `doc-id--第7条第1項`.
fn anchor(id: &str, path: &str) -> String {
    format!("{}--{}", id_part(id), id_part(path))
}

/// A finding of the lint as the HTML index lists it: numbered in the order `lint`
/// gives (document, position, code).
#[derive(Debug, Clone)]
pub struct FindingEntry {
    /// 1, 2, …: the anchors `_f{n}` (in the list) and `_m{n}` (its mark in the text).
    pub number: usize,
    pub code: &'static str,
    pub severity: crate::lint::Severity,
    pub message: String,
    /// The document (its position in the corpus and its id).
    pub doc: usize,
    pub document: String,
    /// The provision it stands in.
    pub path: String,
    /// The line in the original file.
    pub line: usize,
    /// The text it points at (shortened).
    pub text: String,
}

/// Every finding of the corpus (the rules and levels of its manifest, its suppressions).
pub fn findings(corpus: &Corpus) -> Vec<FindingEntry> {
    crate::lint::lint(corpus)
        .into_iter()
        .filter(|d| d.finding.doc < corpus.docs.len())
        .enumerate()
        .map(|(i, d)| {
            let doc = &corpus.docs[d.finding.doc];
            let text: String = doc
                .source
                .text
                .get(d.finding.range.clone())
                .unwrap_or("")
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let head = crate::text::first_chars(&text, 40);
            let text = if head.len() < text.len() {
                format!("{head}…")
            } else {
                text
            };
            FindingEntry {
                number: i + 1,
                code: d.code,
                severity: d.severity,
                message: d.finding.message.clone(),
                doc: d.finding.doc,
                document: doc.id.clone(),
                path: d.finding.path.to_string(),
                line: doc.span(d.finding.range.clone()).line(),
                text,
            }
        })
        .collect()
}

// ───────────────────────────── the page's text ─────────────────────────────

/// What the HTML page shows: the index, the findings, and the documents' text as rows.
#[derive(Debug, Clone)]
pub struct Page {
    pub index: Index,
    pub findings: Vec<FindingEntry>,
    /// One per document, in corpus order (as `index.documents`).
    pub text: Vec<TextDocument>,
    /// Per document: the paths of its provisions (links are made only to these).
    pub paths: Vec<HashSet<String>>,
}

/// A document's text: its provisions in document order, as blocks.
#[derive(Debug, Clone)]
pub struct TextDocument {
    /// Findings outside every provision of the document (positions in `Page::findings`).
    pub outside: Vec<usize>,
    pub blocks: Vec<Block>,
    /// Findings on a provision whose anchor another element holds (a repeated path).
    pub rest: Vec<usize>,
}

/// A provision opens (and a later `Close` closes it, after its children), or a table
/// stands whole.
#[derive(Debug, Clone)]
pub enum Block {
    Open(TextProvision),
    Close,
    Table(TextTable),
}

#[derive(Debug, Clone)]
pub struct TextProvision {
    pub kind: ProvisionKind,
    /// The element id; none for a repeated path (the first holds it).
    pub anchor: Option<String>,
    /// Label and caption of a chapter, article, section or 附則.
    pub heading: Option<String>,
    pub label: String,
    pub text: String,
    /// The resolved references in `text` (byte ranges, sorted) and their targets' anchors.
    pub links: Vec<(Range<usize>, String)>,
    /// The findings that stand here (positions in `Page::findings`).
    pub marks: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct TextTable {
    pub anchor: Option<String>,
    pub header: Vec<String>,
    pub marks: Vec<usize>,
    pub rows: Vec<TextRow>,
}

#[derive(Debug, Clone)]
pub struct TextRow {
    pub anchor: Option<String>,
    /// The cells, or none for a row that has only text.
    pub cells: Vec<String>,
    pub text: String,
    pub marks: Vec<usize>,
}

/// Build what the HTML page shows.
pub fn build_page(corpus: &Corpus) -> Page {
    let lookup = Lookup::new(corpus);
    let index = build_with(corpus, &lookup);
    let findings = findings(corpus);
    let text = text_rows(corpus, &lookup, &findings);
    Page {
        index,
        findings,
        text,
        paths: lookup
            .order
            .into_iter()
            .map(|m| m.into_keys().collect())
            .collect(),
    }
}

/// The documents' text, every provision with its anchor (unique across the page), its
/// resolved references and the findings that stand in it.
fn text_rows(corpus: &Corpus, lookup: &Lookup, findings: &[FindingEntry]) -> Vec<TextDocument> {
    let mut ids: HashSet<String> = HashSet::new();
    // Per document: provision path → the findings that stand in it, in list order.
    let mut by_doc: Vec<HashMap<&str, Vec<usize>>> = vec![HashMap::new(); corpus.docs.len()];
    for (i, f) in findings.iter().enumerate() {
        by_doc[f.doc].entry(f.path.as_str()).or_default().push(i);
    }
    let mut out = Vec::with_capacity(corpus.docs.len());
    for ((d, doc), mut marks) in corpus.docs.iter().enumerate().zip(by_doc) {
        let mut outside: Vec<usize> = marks
            .iter()
            .filter(|(path, _)| !lookup.exists(d, path))
            .flat_map(|(_, fs)| fs.iter().copied())
            .collect();
        outside.sort_unstable();
        // Provision path → the references that stand in it (as linked spans).
        let mut refs: HashMap<&str, Vec<(Range<usize>, String)>> = HashMap::new();
        for (r, reference) in doc.references.iter().enumerate() {
            let (to, target) = resolve_target(corpus, lookup, d, r);
            if let (Some(t), TargetStatus::Resolved) = (to, target.status) {
                refs.entry(reference.path.as_str()).or_default().push((
                    reference.text_range.clone(),
                    anchor(&corpus.docs[t].id, &target.path),
                ));
            }
        }
        for v in refs.values_mut() {
            v.sort_by_key(|(r, _)| (r.start, r.end));
        }
        enum Step<'p> {
            Open(&'p Provision),
            Close,
        }
        let mut stack: Vec<Step<'_>> = doc
            .provisions
            .iter()
            .chain(doc.suppl.iter())
            .rev()
            .map(Step::Open)
            .collect();
        let mut blocks = Vec::new();
        while let Some(step) = stack.pop() {
            let p = match step {
                Step::Close => {
                    blocks.push(Block::Close);
                    continue;
                }
                Step::Open(p) => p,
            };
            // Paths are unique in a well-numbered document; a duplicate keeps no id.
            let id = anchor(&doc.id, &p.path);
            let anchor = ids.insert(id.clone()).then_some(id);
            let own_marks = match anchor {
                Some(_) => marks.remove(p.path.as_str()).unwrap_or_default(),
                None => Vec::new(),
            };
            if p.kind == ProvisionKind::Table {
                // Rows are leaves (the parser gives them cells, never children); walk
                // them all.
                let rows = p
                    .children
                    .iter()
                    .flat_map(|c| c.walk())
                    .map(|row| {
                        let id = self::anchor(&doc.id, &row.path);
                        let anchor = ids.insert(id.clone()).then_some(id);
                        let marks = match anchor {
                            Some(_) => marks.remove(row.path.as_str()).unwrap_or_default(),
                            None => Vec::new(),
                        };
                        TextRow {
                            anchor,
                            cells: row.cells.to_vec(),
                            text: row.text.to_string(),
                            marks,
                        }
                    })
                    .collect();
                blocks.push(Block::Table(TextTable {
                    anchor,
                    header: p.cells.to_vec(),
                    marks: own_marks,
                    rows,
                }));
                continue;
            }
            let links = match anchor {
                Some(_) => refs.get(p.path.as_str()).cloned().unwrap_or_default(),
                None => Vec::new(),
            };
            blocks.push(Block::Open(TextProvision {
                kind: p.kind,
                anchor,
                heading: is_unit(p.kind).then(|| heading(p)),
                label: p.label.to_string(),
                text: p.text.to_string(),
                links,
                marks: own_marks,
            }));
            stack.push(Step::Close);
            for c in p.children.iter().rev() {
                stack.push(Step::Open(c));
            }
        }
        let mut rest: Vec<usize> = marks
            .into_values()
            .flatten()
            .filter(|&i| lookup.exists(d, &findings[i].path))
            .collect();
        rest.sort_unstable();
        out.push(TextDocument {
            outside,
            blocks,
            rest,
        });
    }
    out
}

#[cfg(test)]
mod gojuon_tests {
    use super::gojuon_key;

    #[test]
    fn terms_follow_the_syllabary_then_kanji() {
        let mut terms = vec![
            "約款",
            "サービス",
            "あらかじめ",
            "ガイド",
            "カード",
            "API",
            "お客様",
        ];
        terms.sort_by_cached_key(|t| gojuon_key(t));
        assert_eq!(
            terms,
            [
                "あらかじめ",
                "お客様",
                "カード",
                "ガイド",
                "サービス",
                "約款",
                "API"
            ]
        );
    }
}
