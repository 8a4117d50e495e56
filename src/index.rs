//! `yakkan index` (SPEC §6): the clause index of a corpus — a table of contents per
//! document (目次), a defined-term index (定義語索引), a reference index (参照索引) and the
//! document precedence graph (優先関係) — rendered as Markdown, one self-contained HTML
//! page, or JSON.
//!
//! [`build`] computes an [`Index`] from a linked [`Corpus`] in time linear in the corpus
//! (every provision, definition, reference, term use and precedence edge is visited a
//! bounded number of times, through hash maps); the renderers only format it. Output is
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
//!  "terms": [{"term": "本サービス",
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
//! * `terms` are in 五十音順: kana terms by the syllabary, then kanji terms by code point. A use is attributed to the
//!   definition of its own document (the one whose `scope` contains it first); a use in
//!   a document that does not define the term goes to a definition in a related document
//!   (`Corpus::related`), the highest in the precedence graph first.
//! * `references` has one entry per provision that cites or is cited, in corpus and
//!   document order; `unit` is the article, section, chapter or 附則 it stands in.
//!   `cited_by` lists the references whose resolved target is exactly this provision.
//!   Statutes and the manifest's `external:` names are `external`.
//! * `precedence.nodes` are sorted by rank (0 = highest), then corpus order; `edges`
//!   are the documents' own statements (`stated_by`) and consecutive pairs of the
//!   manifest's `precedence:` (`manifest: true`).

use crate::corpus::{Corpus, RefTarget};
use crate::lint::rules::legal::{checklist, ChecklistEntry};
use crate::model::{
    DefinitionKind, Document, DocumentKind, Provision, ProvisionKind, ReferenceKind,
};
use crate::text::name_key;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
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
    let index = build(corpus);
    match format {
        Format::Markdown => to_markdown(&index),
        Format::Html => to_html(corpus, &index),
        Format::Json => to_json(&index),
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
        order.entry(p.path.clone()).or_insert(n);
        n += 1;
        let (child_depth, here) = if is_unit(p.kind) {
            toc.push(TocEntry {
                depth,
                kind: p.kind,
                label: p.label.clone(),
                caption: p.caption.clone(),
                heading: heading(p),
                path: p.path.clone(),
                deleted: p.kind == ProvisionKind::Article && p.is_deleted(),
            });
            (depth + 1, Some(p.path.as_str()))
        } else {
            (depth, enclosing)
        };
        if let Some(u) = here {
            unit.entry(p.path.clone()).or_insert_with(|| u.to_string());
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
    let lookup = Lookup::new(corpus);
    let names = doc_names(corpus);
    let precedence = precedence_graph(corpus);
    let ranks: Vec<usize> = {
        let mut r = vec![0; corpus.docs.len()];
        let ids: HashMap<&str, usize> = corpus
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        for n in &precedence.nodes {
            if let Some(&i) = ids.get(n.document.as_str()) {
                r[i] = n.rank;
            }
        }
        r
    };
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
            checklist: checklist(corpus, i),
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
        terms: term_index(corpus, &lookup, &ranks),
        references: reference_index(corpus, &lookup),
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
fn md_checklist(s: &mut String, d: &DocumentIndex) {
    if d.checklist.is_empty() {
        return;
    }
    s.push_str("| 必要条項 | 所在 |\n|---|---|\n");
    for e in &d.checklist {
        let mark = if e.document.is_some() { "✓" } else { "✗" };
        s.push_str(&format!(
            "| {mark} {} | {} |\n",
            md(&e.clause),
            md(&checklist_place(&d.id, e))
        ));
    }
    s.push('\n');
}

/// Is `path` inside `scope` (a path prefix that ends where a number ends)?
fn in_scope(path: &str, scope: &str) -> bool {
    path.strip_prefix(scope)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

fn term_index(corpus: &Corpus, lookup: &Lookup, ranks: &[usize]) -> Vec<TermEntry> {
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
        for u in doc_uses {
            let Some(cands) = by_key.get(&u.term) else {
                continue;
            };
            let own = own_defs[d].get(u.term.as_str()).and_then(|mine| {
                let def = |k: usize| &corpus.docs[d].definitions[k];
                mine.iter()
                    .find(|&&k| {
                        def(k)
                            .scope
                            .as_deref()
                            .is_some_and(|s| in_scope(&u.path, s))
                    })
                    .or_else(|| mine.iter().find(|&&k| def(k).scope.is_none()))
                    .or_else(|| mine.first())
                    .map(|&k| (d, k))
            });
            let chosen = match own {
                Some(c) => Some(c),
                None => *borrowed.entry((d, u.term.as_str())).or_insert_with(|| {
                    // The definitions of related documents (whichever list is shorter
                    // is walked), else all of them; the highest ranked document first.
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
                            .filter_map(|&x| own_defs[x].get(u.term.as_str()).map(|ks| (x, ks[0])))
                            .collect()
                    };
                    let pool = if near.is_empty() { cands } else { &near };
                    pool.iter().copied().min_by_key(|&(x, k)| (ranks[x], x, k))
                }),
            };
            let Some(def) = chosen else { continue };
            let slot = uses
                .entry(def)
                .or_default()
                .entry((d, lookup.pos(d, &u.path)))
                .or_insert_with(|| (u.path.clone(), 0));
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
            TermEntry { term, definitions }
        })
        .collect();
    in_gojuon_order(entries)
}

/// 五十音順 for the defined-term index: kana terms first, in the order of the syllabary
/// (katakana read as hiragana, ガ beside カ), then kanji terms by code point, then the
/// rest. The documents give no readings for kanji terms, so code point is the order
/// that can be told from the text.
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

/// The entries in 五十音順 ([`gojuon_key`]).
fn in_gojuon_order(mut entries: Vec<TermEntry>) -> Vec<TermEntry> {
    entries.sort_by_cached_key(|e| gojuon_key(&e.term));
    entries
}

/// Where reference `r` of document `d` leads: the corpus document (if any) and the status.
fn resolve_target(corpus: &Corpus, lookup: &Lookup, d: usize, r: usize) -> (Option<usize>, Target) {
    let reference = &corpus.docs[d].references[r];
    let target = corpus.ref_targets.get(d).and_then(|t| t.get(r));
    let path = reference.target.clone();
    let name = reference.document.clone();
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
                            path: reference.path.clone(),
                            text: reference.text.clone(),
                            kind: reference.kind,
                        });
                    }
                }
            }
            entry(&mut entries, d, &reference.path);
            if let Some(e) = entries.get_mut(&(d, reference.path.clone())) {
                e.cites.push(Citation {
                    text: reference.text.clone(),
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

/// The precedence graph: stated edges and the manifest's order, ranked (longest path
/// from the top; a cycle is broken at its first document in corpus order).
fn precedence_graph(corpus: &Corpus) -> PrecedenceGraph {
    let n = corpus.docs.len();
    // (higher, lower) → the statements that say so, and whether the manifest does.
    type Reasons = (Vec<Place>, bool);
    let mut pairs: BTreeMap<(usize, usize), Reasons> = BTreeMap::new();
    for e in &corpus.edges {
        if e.higher == e.lower || e.higher >= n || e.lower >= n {
            continue;
        }
        let path = corpus.docs[e.doc]
            .precedence
            .get(e.statement)
            .map(|s| s.path.clone())
            .unwrap_or_default();
        pairs.entry((e.higher, e.lower)).or_default().0.push(Place {
            document: corpus.docs[e.doc].id.clone(),
            path,
        });
    }
    let ids: HashMap<&str, usize> = corpus
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let ordered: Vec<usize> = corpus
        .manifest
        .precedence
        .iter()
        .filter_map(|id| ids.get(id.as_str()).copied())
        .collect();
    for w in ordered.windows(2) {
        if w[0] != w[1] {
            pairs.entry((w[0], w[1])).or_default().1 = true;
        }
    }
    // Longest-path layering (Kahn), linear in documents and edges.
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for &(h, l) in pairs.keys() {
        out[h].push(l);
        indeg[l] += 1;
    }
    let mut rank = vec![0usize; n];
    let mut done = vec![false; n];
    let mut queue: VecDeque<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut next = 0;
    loop {
        while let Some(u) = queue.pop_front() {
            if done[u] {
                continue;
            }
            done[u] = true;
            for &v in &out[u] {
                if done[v] {
                    continue;
                }
                rank[v] = rank[v].max(rank[u] + 1);
                indeg[v] -= 1;
                if indeg[v] == 0 {
                    queue.push_back(v);
                }
            }
        }
        while next < n && done[next] {
            next += 1;
        }
        if next == n {
            break;
        }
        queue.push_back(next);
    }
    let mut nodes: Vec<usize> = (0..n).collect();
    nodes.sort_by_key(|&i| (rank[i], i));
    let mut edges: Vec<((usize, usize), Reasons)> = pairs.into_iter().collect();
    edges.sort_by_key(|&((h, l), _)| (rank[h], rank[l], h, l));
    PrecedenceGraph {
        nodes: nodes
            .into_iter()
            .map(|i| GraphNode {
                document: corpus.docs[i].id.clone(),
                rank: rank[i],
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|((h, l), (mut stated_by, manifest))| {
                stated_by.sort();
                stated_by.dedup();
                GraphEdge {
                    higher: corpus.docs[h].id.clone(),
                    lower: corpus.docs[l].id.clone(),
                    stated_by,
                    manifest,
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

// ───────────────────────────── JSON ─────────────────────────────

/// The index as pretty JSON (with a final newline).
pub fn to_json(index: &Index) -> String {
    serde_json::to_string_pretty(index).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

// ───────────────────────────── Markdown ─────────────────────────────

fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if crate::report::escape::is_unsafe(c) => out.push_str(&crate::mdsafe::visible(c)),
            _ => out.push(c),
        }
    }
    out
}

/// A node id for Mermaid: the document id in ASCII letters, digits and `_`, unique.
fn mermaid_ids(index: &Index) -> HashMap<&str, String> {
    let mut seen = HashSet::new();
    let mut out = HashMap::new();
    for (i, d) in index.documents.iter().enumerate() {
        let clean: String =
            d.id.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
        let mut id = format!("doc_{clean}");
        if !seen.insert(id.clone()) {
            id = format!("doc{i}_{clean}");
            seen.insert(id.clone());
        }
        out.insert(d.id.as_str(), id);
    }
    out
}

/// The index as Markdown (GitHub flavour; the precedence graph as a Mermaid block).
pub fn to_markdown(index: &Index) -> String {
    let names = Names::new(index);
    let mut s = String::new();
    let title = if index.corpus.is_empty() {
        "索引".to_string()
    } else {
        format!("索引: {}", md(&index.corpus))
    };
    s.push_str(&format!("# {title}\n\n"));
    let cites: usize = index.references.iter().map(|e| e.cites.len()).sum();
    s.push_str(&format!(
        "{} documents, {} defined terms, {} references.\n\n",
        index.documents.len(),
        index.terms.len(),
        cites
    ));
    s.push_str("- [目次](#目次)\n- [定義語索引](#定義語索引)\n- [参照索引](#参照索引)\n- [優先関係](#優先関係)\n\n");

    // 目次
    s.push_str("## 目次\n\n");
    for d in &index.documents {
        s.push_str(&format!("### {}\n\n", md(&d.name)));
        s.push_str(&format!(
            "{} — {}\n\n",
            crate::mdsafe::code(&d.id),
            md(&d.path)
        ));
        if d.toc.is_empty() {
            s.push_str("（見出しなし）\n\n");
            continue;
        }
        for t in &d.toc {
            s.push_str(&format!("{}- {}\n", "  ".repeat(t.depth), md(&t.heading)));
        }
        s.push('\n');
        md_checklist(&mut s, d);
    }

    // 定義語索引
    s.push_str("## 定義語索引\n\n");
    if index.terms.is_empty() {
        s.push_str("（定義語なし）\n\n");
    }
    for t in &index.terms {
        s.push_str(&format!("### {}\n\n", md(&t.term)));
        for def in &t.definitions {
            s.push_str(&format!("- {}\n", md(def.meaning.trim())));
            let scope = def
                .scope
                .as_deref()
                .map(|x| format!("、{}に限る", md(x)))
                .unwrap_or_default();
            s.push_str(&format!(
                "  - 定義: {} {}（{}{}）\n",
                md(names.name(&def.document)),
                md(&def.path),
                definition_kind(def.kind),
                scope
            ));
            let total: usize = def.uses.iter().map(|u| u.count).sum();
            if total == 0 {
                s.push_str("  - 使用: なし\n");
            }
            for g in groups(&def.uses, |u| u.document.clone()) {
                let list: Vec<String> = g
                    .iter()
                    .map(|u| {
                        if u.count > 1 {
                            format!("{} ×{}", md(&u.path), u.count)
                        } else {
                            md(&u.path)
                        }
                    })
                    .collect();
                s.push_str(&format!(
                    "  - 使用: {} — {}\n",
                    md(names.name(&g[0].document)),
                    list.join(", ")
                ));
            }
        }
        s.push('\n');
    }

    // 参照索引
    s.push_str("## 参照索引\n\n");
    s.push_str("→ この条項が引用するもの　← この条項を引用するもの\n\n");
    let headings: HashMap<(&str, &str), &str> = index
        .documents
        .iter()
        .flat_map(|d| {
            d.toc
                .iter()
                .map(move |t| ((d.id.as_str(), t.path.as_str()), t.heading.as_str()))
        })
        .collect();
    for per_doc in groups(&index.references, |e| e.document.clone()) {
        let doc = per_doc[0].document.as_str();
        s.push_str(&format!("### {}\n\n", md(names.name(doc))));
        for unit in groups(per_doc, |e| e.unit.clone()) {
            let h = match unit[0].unit.as_deref() {
                Some(u) => headings.get(&(doc, u)).copied().unwrap_or(u),
                None => "（条項外）",
            };
            s.push_str(&format!("#### {}\n\n", md(h)));
            for e in unit {
                s.push_str(&format!("- {}\n", md(&e.path)));
                for c in &e.cites {
                    s.push_str(&format!(
                        "  - → 「{}」: {}{}\n",
                        md(&c.text),
                        md(&target_text(&names, doc, &c.target)),
                        tags(&[reference_kind(c.kind), status_tag(c.target.status)])
                    ));
                }
                for c in &e.cited_by {
                    let from = if c.document == doc {
                        md(&c.path)
                    } else {
                        format!("{} {}", md(names.name(&c.document)), md(&c.path))
                    };
                    s.push_str(&format!(
                        "  - ← {}「{}」{}\n",
                        from,
                        md(&c.text),
                        tags(&[reference_kind(c.kind)])
                    ));
                }
            }
            s.push('\n');
        }
    }
    if index.references.is_empty() {
        s.push_str("（参照なし）\n\n");
    }

    // 優先関係
    s.push_str("## 優先関係\n\n");
    s.push_str(
        "A → B: A が B に優先する（実線は文書の定め、破線は yakkan.yaml の `precedence:`）。\n\n",
    );
    let ids = mermaid_ids(index);
    s.push_str("```mermaid\ngraph TD\n");
    for n in &index.precedence.nodes {
        let label = crate::mdsafe::mermaid_label(names.name(&n.document));
        s.push_str(&format!("  {}[\"{}\"]\n", ids[n.document.as_str()], label));
    }
    for e in &index.precedence.edges {
        let arrow = if e.stated_by.is_empty() {
            "-.->|manifest|"
        } else {
            "-->"
        };
        s.push_str(&format!(
            "  {} {} {}\n",
            ids[e.higher.as_str()],
            arrow,
            ids[e.lower.as_str()]
        ));
    }
    s.push_str("```\n\n");
    for e in &index.precedence.edges {
        let mut why: Vec<String> = e
            .stated_by
            .iter()
            .map(|p| format!("{} {}", md(names.name(&p.document)), md(&p.path)))
            .collect();
        if e.manifest {
            why.push("yakkan.yaml `precedence:`".to_string());
        }
        s.push_str(&format!(
            "- {} → {}: {}\n",
            md(names.name(&e.higher)),
            md(names.name(&e.lower)),
            why.join("; ")
        ));
    }
    if index.precedence.edges.is_empty() {
        s.push_str("（優先関係の定めなし）\n");
    }
    s
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

// ───────────────────────────── HTML ─────────────────────────────

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

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

/// Links to provisions, only for paths that exist (so that every link has its target).
struct Linker<'a> {
    lookup: &'a Lookup,
    names: &'a Names<'a>,
}

impl Linker<'_> {
    fn path(&self, doc: &str, path: &str, text: &str) -> String {
        match self.names.idx(doc) {
            Some(d) if self.lookup.exists(d, path) => {
                format!("<a href=\"#{}\">{}</a>", esc(&anchor(doc, path)), esc(text))
            }
            _ => esc(text),
        }
    }

    /// 「Document path」 with the document name linked to the document and the path to
    /// the provision; the name is left out for `from`.
    fn place(&self, from: Option<&str>, doc: &str, path: &str) -> String {
        let p = self.path(doc, path, path);
        if from == Some(doc) {
            p
        } else {
            format!(
                "<a class=\"doc\" href=\"#{}\">{}</a> {}",
                esc(&doc_anchor(doc)),
                esc(self.names.name(doc)),
                p
            )
        }
    }
}

const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #5f6670; --line: #d8dce1; --accent: #0b5cad; --soft: #f5f7fa; --warn: #a4361b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", YuGothic, Meiryo, "Noto Sans CJK JP", "Noto Sans JP", sans-serif;
  font-size: 16px; line-height: 1.85; letter-spacing: 0.02em;
  line-break: strict; word-break: normal; overflow-wrap: anywhere; font-kerning: normal; }
header, main { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; font-feature-settings: "palt"; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); font-feature-settings: "palt"; }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; font-feature-settings: "palt"; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
nav ul { list-style: none; padding: 0; margin: .5rem 0 1rem; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.meta, .legend { color: var(--muted); font-size: .875rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
ul.toc, ul.toc ul { list-style: none; margin: 0; padding-left: 1.5em; }
ul.toc { padding-left: 0; }
.terms dt { font-weight: bold; margin-top: 1rem; font-size: 1.05rem; }
.terms dd { margin: 0 0 0 1.5em; }
.def { border-left: 3px solid var(--line); padding: .1rem 0 .1rem .75rem; margin: .35rem 0; }
.def p { margin: 0; }
.meaning { font-family: "Hiragino Mincho ProN", "Yu Mincho", YuMincho, "Noto Serif CJK JP", "Noto Serif JP", serif; }
.uses { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; font-size: .925rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--soft); font-weight: 600; }
td.path { white-space: nowrap; width: 9em; }
.tag { display: inline-block; font-size: .75rem; line-height: 1.4; padding: 0 .35em; margin-left: .25em; border: 1px solid var(--line); border-radius: 3px; color: var(--muted); }
.tag.dangling, .tag.unknown { color: var(--warn); border-color: var(--warn); }
.graph { overflow-x: auto; margin: .5rem 0 1rem; }
.graph svg { display: block; max-width: 100%; height: auto; }
.graph .box rect { fill: #fff; stroke: var(--ink); stroke-width: 1.2; }
.graph .box:hover rect { fill: var(--soft); }
.graph .title { font-size: 13px; fill: var(--ink); }
.graph .id { font-size: 10px; fill: var(--muted); }
.graph .edge { fill: none; stroke: var(--ink); stroke-width: 1.2; }
.graph .edge.manifest { stroke: var(--muted); stroke-dasharray: 5 4; }
.text { font-family: "Hiragino Mincho ProN", "Yu Mincho", YuMincho, "Noto Serif CJK JP", "Noto Serif JP", serif; }
.text article { margin: 1.5rem 0 3rem; }
.prov { margin: 0; }
.prov .prov { margin-left: 1.25em; }
.k-chapter > .head, .k-section > .head, .k-suppl > .head { font-weight: bold; margin-top: 1.25rem; }
.k-article > .head { font-weight: bold; margin-top: .9rem; }
.prov p { margin: .1rem 0; text-indent: -1em; padding-left: 1em; }
.num { font-weight: bold; margin-right: .5em; }
.unplaced p { color: var(--muted); }
:target { background: #fff6d6; scroll-margin-top: 1rem; }
@media print { a { color: inherit; } h2 { break-before: page; } }
"#;

/// The index as one self-contained HTML page: inline CSS, an inline SVG graph, no
/// script and no external resource; every provision path is a link into the documents'
/// text, which the page carries at the end.
pub fn to_html(corpus: &Corpus, index: &Index) -> String {
    let lookup = Lookup::new(corpus);
    let names = Names::new(index);
    let link = Linker {
        lookup: &lookup,
        names: &names,
    };
    let mut s = String::new();
    // Titled by what it indexes — the document, or the corpus by its first document —
    // never by a path.
    let title = match index.documents.as_slice() {
        [] => "索引".to_string(),
        [one] => format!("索引 — {}", one.name),
        [first, rest @ ..] => format!("索引 — {}ほか{}文書", first.name, rest.len()),
    };
    s.push_str("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<meta name=\"generator\" content=\"yakkan index\">\n");
    s.push_str(&format!(
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        esc(&title),
        CSS
    ));
    let cites: usize = index.references.iter().map(|e| e.cites.len()).sum();
    s.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}文書・定義語{}語・参照{}件</p>\n",
        esc(&title),
        index.documents.len(),
        index.terms.len(),
        cites
    ));
    s.push_str("<nav><ul><li><a href=\"#_toc\">目次</a></li><li><a href=\"#_terms\">定義語索引</a></li><li><a href=\"#_refs\">参照索引</a></li><li><a href=\"#_graph\">優先関係</a></li><li><a href=\"#_text\">本文</a></li></ul></nav>\n</header>\n<main>\n");

    html_toc(&mut s, index, &link);
    html_terms(&mut s, index, &link);
    html_refs(&mut s, index, &link);
    html_graph(&mut s, index, &link);
    html_text(&mut s, corpus, &lookup, &link);

    s.push_str("</main>\n</body>\n</html>\n");
    s
}

fn html_toc(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_toc\">\n<h2>目次</h2>\n");
    for d in &index.documents {
        s.push_str(&format!(
            "<h3><a href=\"#{}\">{}</a></h3>\n<p class=\"meta\"><code>{}</code> {}</p>\n",
            esc(&doc_anchor(&d.id)),
            esc(&d.name),
            esc(&d.id),
            esc(&d.path)
        ));
        if d.toc.is_empty() {
            s.push_str("<p class=\"meta\">（見出しなし）</p>\n");
            continue;
        }
        s.push_str("<ul class=\"toc\">");
        let mut depth = 0;
        for (i, t) in d.toc.iter().enumerate() {
            if i > 0 {
                if t.depth > depth {
                    // Depth grows one level at a time (see walk_document).
                    s.push_str("<ul>");
                } else {
                    s.push_str("</li>");
                    for _ in t.depth..depth {
                        s.push_str("</ul></li>");
                    }
                }
            }
            depth = t.depth;
            s.push_str(&format!("\n<li>{}", link.path(&d.id, &t.path, &t.heading)));
        }
        s.push_str("</li>");
        for _ in 0..depth {
            s.push_str("</ul></li>");
        }
        s.push_str("</ul>\n");
        if !d.checklist.is_empty() {
            s.push_str("<p class=\"meta\">必要条項</p>\n<ul class=\"checklist\">");
            for e in &d.checklist {
                let place = match (&e.document, &e.path) {
                    (Some(doc), Some(p)) => link.path(doc, p, &checklist_place(&d.id, e)),
                    _ => esc("なし"),
                };
                let mark = if e.document.is_some() { "✓" } else { "✗" };
                s.push_str(&format!("\n<li>{mark} {} — {place}</li>", esc(&e.clause)));
            }
            s.push_str("</ul>\n");
        }
    }
    s.push_str("</section>\n");
}

fn html_terms(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_terms\">\n<h2>定義語索引</h2>\n");
    if index.terms.is_empty() {
        s.push_str("<p class=\"meta\">（定義語なし）</p>\n");
    }
    s.push_str("<dl class=\"terms\">\n");
    for t in &index.terms {
        s.push_str(&format!("<dt>{}</dt>\n<dd>\n", esc(&t.term)));
        for def in &t.definitions {
            s.push_str("<div class=\"def\">\n");
            s.push_str(&format!(
                "<p class=\"meaning\">{}</p>\n",
                esc(def.meaning.trim())
            ));
            let scope = def
                .scope
                .as_deref()
                .map(|x| format!("<span class=\"tag\">{}に限る</span>", esc(x)))
                .unwrap_or_default();
            s.push_str(&format!(
                "<p>定義: {}<span class=\"tag\">{}</span>{}</p>\n",
                link.place(None, &def.document, &def.path),
                definition_kind(def.kind),
                scope
            ));
            let total: usize = def.uses.iter().map(|u| u.count).sum();
            if total == 0 {
                s.push_str("<p class=\"uses\">使用: なし</p>\n");
            }
            for g in groups(&def.uses, |u| u.document.clone()) {
                let list: Vec<String> = g
                    .iter()
                    .map(|u| {
                        let p = link.path(&u.document, &u.path, &u.path);
                        if u.count > 1 {
                            format!("{p} ×{}", u.count)
                        } else {
                            p
                        }
                    })
                    .collect();
                s.push_str(&format!(
                    "<p class=\"uses\">使用: <a class=\"doc\" href=\"#{}\">{}</a> — {}</p>\n",
                    esc(&doc_anchor(&g[0].document)),
                    esc(link.names.name(&g[0].document)),
                    list.join("、")
                ));
            }
            s.push_str("</div>\n");
        }
        s.push_str("</dd>\n");
    }
    s.push_str("</dl>\n</section>\n");
}

fn html_tags(items: &[(Option<&str>, &str)]) -> String {
    items
        .iter()
        .filter_map(|(t, class)| {
            t.map(|t| format!("<span class=\"tag {class}\">{}</span>", esc(t)))
        })
        .collect()
}

fn status_class(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Resolved => "resolved",
        TargetStatus::Dangling => "dangling",
        TargetStatus::External => "external",
        TargetStatus::Unknown => "unknown",
    }
}

fn html_refs(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_refs\">\n<h2>参照索引</h2>\n");
    if index.references.is_empty() {
        s.push_str("<p class=\"meta\">（参照なし）</p>\n");
    }
    let headings: HashMap<(&str, &str), &str> = index
        .documents
        .iter()
        .flat_map(|d| {
            d.toc
                .iter()
                .map(move |t| ((d.id.as_str(), t.path.as_str()), t.heading.as_str()))
        })
        .collect();
    for per_doc in groups(&index.references, |e| e.document.clone()) {
        let doc = per_doc[0].document.as_str();
        s.push_str(&format!(
            "<h3><a href=\"#{}\">{}</a></h3>\n",
            esc(&doc_anchor(doc)),
            esc(link.names.name(doc))
        ));
        for unit in groups(per_doc, |e| e.unit.clone()) {
            let h = match unit[0].unit.as_deref() {
                Some(u) => link.path(doc, u, headings.get(&(doc, u)).copied().unwrap_or(u)),
                None => "（条項外）".to_string(),
            };
            s.push_str(&format!(
                "<h4>{h}</h4>\n<table>\n<thead><tr><th>条項</th><th>引用（→）</th><th>被引用（←）</th></tr></thead>\n<tbody>\n"
            ));
            for e in unit {
                let cites: Vec<String> = e
                    .cites
                    .iter()
                    .map(|c| {
                        let t = &c.target;
                        let to = match (&t.document, t.status) {
                            (Some(d), TargetStatus::Resolved) => link.place(Some(doc), d, &t.path),
                            _ => esc(&target_text(link.names, doc, t)),
                        };
                        format!(
                            "→ 「{}」 {}{}",
                            esc(&c.text),
                            to,
                            html_tags(&[
                                (reference_kind(c.kind), "kind"),
                                (status_tag(t.status), status_class(t.status)),
                            ])
                        )
                    })
                    .collect();
                let cited: Vec<String> = e
                    .cited_by
                    .iter()
                    .map(|c| {
                        format!(
                            "← {}「{}」{}",
                            link.place(Some(doc), &c.document, &c.path),
                            esc(&c.text),
                            html_tags(&[(reference_kind(c.kind), "kind")])
                        )
                    })
                    .collect();
                s.push_str(&format!(
                    "<tr><td class=\"path\">{}</td><td>{}</td><td>{}</td></tr>\n",
                    link.path(doc, &e.path, &e.path),
                    cites.join("<br>"),
                    cited.join("<br>")
                ));
            }
            s.push_str("</tbody>\n</table>\n");
        }
    }
    s.push_str("</section>\n");
}

/// Display width of a text in px at a font size (wide characters one em, others 0.6).
fn text_width(t: &str, size: f64) -> f64 {
    t.chars()
        .map(|c| {
            let u = c as u32;
            if u >= 0x2E80 && !(0xFF61..=0xFFDC).contains(&u) {
                size
            } else {
                size * 0.6
            }
        })
        .sum()
}

fn html_graph(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_graph\">\n<h2>優先関係</h2>\n");
    s.push_str("<p class=\"legend\">矢印は上位の文書から下位の文書へ（A → B: A が B に優先する）。実線は文書の定め、破線は yakkan.yaml の <code>precedence:</code>。</p>\n");
    s.push_str(&graph_svg(index, link.names));
    s.push_str("<ul>\n");
    for e in &index.precedence.edges {
        let mut why: Vec<String> = e
            .stated_by
            .iter()
            .map(|p| link.place(None, &p.document, &p.path))
            .collect();
        if e.manifest {
            why.push("yakkan.yaml <code>precedence:</code>".to_string());
        }
        s.push_str(&format!(
            "<li><a class=\"doc\" href=\"#{}\">{}</a> → <a class=\"doc\" href=\"#{}\">{}</a>: {}</li>\n",
            esc(&doc_anchor(&e.higher)),
            esc(link.names.name(&e.higher)),
            esc(&doc_anchor(&e.lower)),
            esc(link.names.name(&e.lower)),
            why.join("; ")
        ));
    }
    s.push_str("</ul>\n");
    if index.precedence.edges.is_empty() {
        s.push_str("<p class=\"meta\">（優先関係の定めなし）</p>\n");
    }
    s.push_str("</section>\n");
}

/// The precedence graph as an inline SVG: one row of boxes per rank (highest on top),
/// arrows from higher to lower. Edges between adjacent rows are straight; longer edges
/// (and edges that close a cycle) run in their own lane right of the boxes, through the
/// gaps between the rows, so no edge crosses a box. Every edge has its own port on the
/// side of a box; lanes nest (the shortest edge innermost), so lane edges do not cross
/// each other where they share ends.
fn graph_svg(index: &Index, names: &Names<'_>) -> String {
    const PAD: f64 = 16.0;
    const H: f64 = 44.0;
    const VGAP: f64 = 48.0;
    const HGAP: f64 = 24.0;
    const LANE: f64 = 14.0;
    let nodes = &index.precedence.nodes;
    if nodes.is_empty() {
        return String::new();
    }
    let rows = nodes.iter().map(|n| n.rank).max().unwrap_or(0) + 1;
    // Box geometry per document id: (x, y, width).
    let mut boxes: HashMap<&str, (f64, f64, f64)> = HashMap::new();
    let mut row_nodes: Vec<Vec<(&str, f64)>> = vec![Vec::new(); rows];
    for n in nodes {
        let name = names.name(&n.document);
        let w = (text_width(name, 13.0).max(text_width(&n.document, 10.0)) + 24.0).max(96.0);
        row_nodes[n.rank].push((n.document.as_str(), w));
    }
    let row_width = |r: &Vec<(&str, f64)>| -> f64 {
        r.iter().map(|x| x.1).sum::<f64>() + HGAP * (r.len().saturating_sub(1)) as f64
    };
    let max_w = row_nodes.iter().map(row_width).fold(0.0, f64::max);
    for (r, row) in row_nodes.iter().enumerate() {
        let mut x = PAD + (max_w - row_width(row)) / 2.0;
        let y = PAD + r as f64 * (H + VGAP);
        for &(id, w) in row {
            boxes.insert(id, (x, y, w));
            x += w + HGAP;
        }
    }
    let rank: HashMap<&str, usize> = nodes
        .iter()
        .map(|n| (n.document.as_str(), n.rank))
        .collect();
    let edges = &index.precedence.edges;
    let ends = |e: &GraphEdge| (rank[e.higher.as_str()], rank[e.lower.as_str()]);
    // Lanes: the edges that do not join adjacent rows, shortest span innermost.
    let mut long: Vec<usize> = (0..edges.len())
        .filter(|&i| {
            let (h, l) = ends(&edges[i]);
            l != h + 1
        })
        .collect();
    long.sort_by_key(|&i| {
        let (h, l) = ends(&edges[i]);
        (h.abs_diff(l), h, l, i)
    });
    let mut lane_of: Vec<Option<usize>> = vec![None; edges.len()];
    for (k, &i) in long.iter().enumerate() {
        lane_of[i] = Some(k);
    }
    let lanes = long.len();
    // Ports: per (document, side), the edges that meet it there, ordered left to right:
    // straight edges by the x of their other end, then lane edges, outermost last.
    // side: true = bottom. A downward edge leaves the bottom and enters the top; an edge
    // that closes a cycle leaves the top (the bottom, within a row) and enters the bottom.
    let center = |id: &str| {
        let (x, _, w) = boxes[id];
        x + w / 2.0
    };
    // (sort key, edge, whether the edge starts here)
    type Port = ((usize, i64), usize, bool);
    let mut sides: HashMap<(&str, bool), Vec<Port>> = HashMap::new();
    for (i, e) in edges.iter().enumerate() {
        let (h, l) = ends(e);
        let down = l > h;
        let key = |other: &str| match lane_of[i] {
            None => (0, (center(other) * 10.0) as i64),
            Some(k) => (1, k as i64),
        };
        sides
            .entry((e.higher.as_str(), down || l == h))
            .or_default()
            .push((key(&e.lower), i, true));
        sides
            .entry((e.lower.as_str(), !down))
            .or_default()
            .push((key(&e.higher), i, false));
    }
    // Edge → (x of its start port, x of its end port).
    let mut ports: Vec<(f64, f64)> = vec![(0.0, 0.0); edges.len()];
    for ((id, _), list) in sides.iter_mut() {
        list.sort();
        let (x, _, w) = boxes[id];
        let k = list.len() as f64;
        for (j, &(_, i, start)) in list.iter().enumerate() {
            let px = x + w * (j as f64 + 1.0) / (k + 1.0);
            if start {
                ports[i].0 = px;
            } else {
                ports[i].1 = px;
            }
        }
    }
    let width = PAD * 2.0
        + max_w
        + if lanes > 0 {
            12.0 + LANE * lanes as f64
        } else {
            0.0
        };
    let height = PAD * 2.0 + rows as f64 * H + (rows - 1) as f64 * VGAP;
    // Lane edges' horizontal runs: the outermost nearest to the boxes.
    let step = if lanes > 0 {
        ((VGAP / 2.0 - 6.0) / lanes as f64).min(4.0)
    } else {
        0.0
    };
    let mut s = format!(
        "<div class=\"graph\"><svg viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"文書の優先関係\">\n"
    );
    s.push_str("<defs><marker id=\"yakkan-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f2328\"/></marker></defs>\n");
    for (i, e) in edges.iter().enumerate() {
        let (_, hy, _) = boxes[e.higher.as_str()];
        let (_, ly, _) = boxes[e.lower.as_str()];
        let (rh, rl) = ends(e);
        let (sx, tx) = ports[i];
        let d = match lane_of[i] {
            None => format!("M{sx:.1},{:.1} L{tx:.1},{ly:.1}", hy + H),
            Some(k) => {
                let x = PAD + max_w + 12.0 + LANE * k as f64;
                // Distance of the horizontal runs from the rows they leave and enter.
                let dist = VGAP / 2.0 - step * (k as f64 + 1.0);
                let (sy, gs) = if rl >= rh {
                    (hy + H, hy + H + dist)
                } else {
                    (hy, hy - dist)
                };
                let (ty, gt) = if rl > rh {
                    (ly, ly - dist)
                } else {
                    (ly + H, ly + H + dist)
                };
                format!(
                    "M{sx:.1},{sy:.1} L{sx:.1},{gs:.1} L{x:.1},{gs:.1} L{x:.1},{gt:.1} L{tx:.1},{gt:.1} L{tx:.1},{ty:.1}"
                )
            }
        };
        let class = if e.stated_by.is_empty() {
            "edge manifest"
        } else {
            "edge"
        };
        let mut why: Vec<String> = e
            .stated_by
            .iter()
            .map(|p| format!("{} {}", names.name(&p.document), p.path))
            .collect();
        if e.manifest {
            why.push("yakkan.yaml precedence:".to_string());
        }
        s.push_str(&format!(
            "<path class=\"{class}\" d=\"{d}\" marker-end=\"url(#yakkan-arrow)\"><title>{} → {}: {}</title></path>\n",
            esc(names.name(&e.higher)),
            esc(names.name(&e.lower)),
            esc(&why.join("; "))
        ));
    }
    for n in nodes {
        let (x, y, w) = boxes[n.document.as_str()];
        s.push_str(&format!(
            "<a class=\"box\" href=\"#{}\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{H:.0}\" rx=\"4\"/><text class=\"title\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text class=\"id\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></a>\n",
            esc(&doc_anchor(&n.document)),
            x + w / 2.0,
            y + 19.0,
            esc(names.name(&n.document)),
            x + w / 2.0,
            y + 35.0,
            esc(&n.document)
        ));
    }
    s.push_str("</svg></div>\n");
    s
}

/// The documents' text, every provision with its anchor and every reference a link.
fn html_text(s: &mut String, corpus: &Corpus, lookup: &Lookup, link: &Linker<'_>) {
    s.push_str("<section id=\"_text\" class=\"text\">\n<h2>本文</h2>\n");
    let mut ids: HashSet<String> = HashSet::new();
    for (d, doc) in corpus.docs.iter().enumerate() {
        s.push_str(&format!(
            "<article id=\"{}\">\n<h3>{}</h3>\n<p class=\"meta\"><code>{}</code> {}</p>\n",
            esc(&doc_anchor(&doc.id)),
            esc(link.names.name(&doc.id)),
            esc(&doc.id),
            esc(&doc.path)
        ));
        // Provision path → the references that stand in it (as linked spans).
        let mut refs: HashMap<&str, Vec<(std::ops::Range<usize>, String)>> = HashMap::new();
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
        while let Some(step) = stack.pop() {
            let p = match step {
                Step::Close => {
                    s.push_str("</div>\n");
                    continue;
                }
                Step::Open(p) => p,
            };
            let id = anchor(&doc.id, &p.path);
            // Paths are unique in a well-numbered document; a duplicate keeps no id.
            let id_attr = if ids.insert(id.clone()) {
                format!(" id=\"{}\"", esc(&id))
            } else {
                String::new()
            };
            let own_refs = refs.get(p.path.as_str()).filter(|_| !id_attr.is_empty());
            if p.kind == ProvisionKind::Table {
                html_table(s, doc, p, &id_attr, &mut ids);
                continue;
            }
            let kind = format!("{:?}", p.kind).to_lowercase();
            s.push_str(&format!("<div class=\"prov k-{kind}\"{id_attr}>\n"));
            match p.kind {
                ProvisionKind::Chapter
                | ProvisionKind::Article
                | ProvisionKind::Section
                | ProvisionKind::Suppl => {
                    s.push_str(&format!("<div class=\"head\">{}</div>\n", esc(&heading(p))));
                    if !p.text.trim().is_empty() {
                        s.push_str(&format!("<p>{}</p>\n", linked_text(&p.text, own_refs)));
                    }
                }
                _ => {
                    if !p.label.is_empty() || !p.text.is_empty() {
                        let num = if p.label.is_empty() {
                            String::new()
                        } else {
                            format!("<span class=\"num\">{}</span>", esc(&p.label))
                        };
                        s.push_str(&format!("<p>{num}{}</p>\n", linked_text(&p.text, own_refs)));
                    }
                }
            }
            stack.push(Step::Close);
            for c in p.children.iter().rev() {
                stack.push(Step::Open(c));
            }
        }
        s.push_str("</article>\n");
    }
    s.push_str("</section>\n");
}

/// A table (the definitions table of 第２条) with its rows.
fn html_table(
    s: &mut String,
    doc: &Document,
    p: &Provision,
    id_attr: &str,
    ids: &mut HashSet<String>,
) {
    s.push_str(&format!("<div class=\"prov k-table\"{id_attr}>\n<table>\n"));
    if !p.cells.is_empty() {
        s.push_str("<thead><tr>");
        for c in &p.cells {
            s.push_str(&format!("<th>{}</th>", esc(c)));
        }
        s.push_str("</tr></thead>\n");
    }
    s.push_str("<tbody>\n");
    // Rows are leaves (the parser gives them cells, never children); walk them all.
    for row in p.children.iter().flat_map(|c| c.walk()) {
        let id = anchor(&doc.id, &row.path);
        let attr = if ids.insert(id.clone()) {
            format!(" id=\"{}\"", esc(&id))
        } else {
            String::new()
        };
        s.push_str(&format!("<tr{attr}>"));
        if row.cells.is_empty() {
            s.push_str(&format!("<td colspan=\"2\">{}</td>", esc(&row.text)));
        } else {
            for c in &row.cells {
                s.push_str(&format!("<td>{}</td>", esc(c)));
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
}

/// A provision's text with its references as links (spans that overlap an earlier
/// one or do not fall on character boundaries stay plain).
fn linked_text(text: &str, refs: Option<&Vec<(std::ops::Range<usize>, String)>>) -> String {
    let Some(refs) = refs else {
        return esc(text);
    };
    let mut out = String::with_capacity(text.len() + refs.len() * 40);
    let mut at = 0;
    for (r, target) in refs {
        if r.start < at || r.start >= r.end {
            continue;
        }
        let (Some(before), Some(inner)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        out.push_str(&esc(before));
        out.push_str(&format!("<a href=\"#{}\">{}</a>", esc(target), esc(inner)));
        at = r.end;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
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
