//! Precedence rules (Y4xx): the order of documents that their own statements give
//! (「…と…に齟齬がある場合、…が優先される」), checked for contradictions, cycles, agreement
//! with the manifest, overrides against the order, and conflicts no order settles.

use super::conflicts::{conflicts, Conflict};
use crate::corpus::{Corpus, NameTarget, PrecedenceEdge, RefTarget};
use crate::lint::{Finding, Findings, Rule, RuleMeta};
use crate::model::{Provision, ReferenceKind};
use std::collections::{HashMap, HashSet, VecDeque};

pub(super) const RULES: &[&dyn Rule] = &[
    &PrecedenceConflict,
    &PrecedenceCycle,
    &PrecedenceManifestMismatch,
    &OverrideViolation,
    &UnorderedConflict,
];

/// How findings name a document: its title; with its file name when another document has
/// the same title, or the file name alone when it has none.
pub fn doc_name(corpus: &Corpus, d: usize) -> String {
    let Some(doc) = corpus.docs.get(d) else {
        return String::new();
    };
    let file = || {
        std::path::Path::new(&doc.path)
            .file_name()
            .map_or_else(|| doc.id.clone(), |f| f.to_string_lossy().into_owned())
    };
    if doc.title.trim().is_empty() {
        return file();
    }
    let shared = corpus
        .docs
        .iter()
        .enumerate()
        .any(|(i, o)| i != d && o.title == doc.title);
    if shared {
        format!("{} ({})", doc.title, file())
    } else {
        doc.title.clone()
    }
}

/// Why `winner` prevails over `loser`.
#[derive(Debug, Clone)]
pub enum Evidence {
    /// A chain of the documents' own statements (edges), first to last.
    Stated(Vec<PrecedenceEdge>),
    /// The manifest's `precedence:` order.
    Manifest,
}

/// Does `a` prevail over `b`? By the documents' statements (transitively), else by the
/// manifest's order.
pub fn prevails(corpus: &Corpus, a: usize, b: usize) -> Option<Evidence> {
    if let Some(path) = stated_path(corpus, a, b) {
        return Some(Evidence::Stated(path));
    }
    if stated_path(corpus, b, a).is_some() {
        return None;
    }
    let pos = |x: usize| {
        corpus
            .manifest
            .precedence
            .iter()
            .position(|id| *id == corpus.docs[x].id)
    };
    match (pos(a), pos(b)) {
        (Some(pa), Some(pb)) if pa < pb => Some(Evidence::Manifest),
        _ => None,
    }
}

/// The winner of two documents and why, if any order settles it.
pub fn order(corpus: &Corpus, a: usize, b: usize) -> Option<(usize, usize, Evidence)> {
    prevails(corpus, a, b)
        .map(|e| (a, b, e))
        .or_else(|| prevails(corpus, b, a).map(|e| (b, a, e)))
}

/// A chain of stated edges from `a` down to `b` (breadth first: the shortest).
fn stated_path(corpus: &Corpus, a: usize, b: usize) -> Option<Vec<PrecedenceEdge>> {
    if corpus.edges.is_empty() || a == b {
        return None;
    }
    // For every document reached: the edge that reached it.
    let mut via: Vec<Option<usize>> = vec![None; corpus.docs.len()];
    let mut seen = vec![false; corpus.docs.len()];
    seen[a] = true;
    let mut queue = VecDeque::from([a]);
    while let Some(x) = queue.pop_front() {
        for &ei in &corpus.out_edges[x] {
            let e = &corpus.edges[ei];
            if seen[e.lower] {
                continue;
            }
            seen[e.lower] = true;
            via[e.lower] = Some(ei);
            if e.lower == b {
                let mut chain = Vec::new();
                let mut cur = b;
                while let Some(ei) = via[cur].filter(|_| cur != a) {
                    chain.push(corpus.edges[ei].clone());
                    cur = corpus.edges[ei].higher;
                }
                chain.reverse();
                return Some(chain);
            }
            queue.push_back(e.lower);
        }
    }
    None
}

/// A note that says why a document prevails, quoting the statement.
pub fn evidence_note(corpus: &Corpus, winner: usize, loser: usize, e: &Evidence) -> String {
    let name = |x: usize| doc_name(corpus, x);
    match e {
        Evidence::Stated(chain) => {
            // Every statement of the chain, each with the group it speaks of.
            let says: Vec<String> = chain
                .iter()
                .map(|edge| {
                    let doc = &corpus.docs[edge.doc];
                    let Some(stmt) = doc.precedence.get(edge.statement) else {
                        return String::new();
                    };
                    let quote = doc.source.text.get(stmt.range.clone()).unwrap_or("");
                    let quote: String = quote.chars().filter(|c| !c.is_whitespace()).collect();
                    let mut s = format!(
                        "{} {} says 「{}」",
                        doc_name(corpus, edge.doc),
                        stmt.path,
                        quote
                    );
                    for (written, member) in
                        [(&stmt.higher, edge.higher), (&stmt.lower, edge.lower)]
                    {
                        if let Some(NameTarget::Docs(ds)) =
                            corpus.names.resolve(edge.doc, written, &corpus.docs)
                        {
                            if ds.len() > 1 {
                                s.push_str(&format!(
                                    " (「{}」 there includes {})",
                                    written,
                                    name(member)
                                ));
                            }
                        }
                    }
                    s
                })
                .collect();
            format!(
                "{} prevails over {}: {}",
                name(winner),
                name(loser),
                says.join("; ")
            )
        }
        Evidence::Manifest => format!(
            "{} prevails over {} by `precedence:` in yakkan.yaml",
            name(winner),
            name(loser)
        ),
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds two precedence statements that order the same two documents in opposite ways.
    ///
    /// ## Why is this bad?
    /// When the documents conflict, neither prevails: the clause that was meant to settle conflicts settles nothing.
    ///
    /// ## Example
    ///     約款:   本約款と仕様書に齟齬がある場合、本約款が優先されます。
    ///     仕様書: 本仕様書と約款に齟齬がある場合、本仕様書が優先されます。
    ///
    /// Use instead: state the order once, in the document that governs the others.
    pub struct PrecedenceConflict;
    static PRECEDENCE_CONFLICT = ("Y401", "precedence-conflict", Error, "two precedence statements that order the same pair both ways");
}

impl Rule for PrecedenceConflict {
    fn meta(&self) -> &'static RuleMeta {
        &PRECEDENCE_CONFLICT
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        // (higher, lower) → the first edge that states it
        let mut first: HashMap<(usize, usize), &PrecedenceEdge> = HashMap::new();
        let mut reported = HashSet::new();
        for e in &corpus.edges {
            first.entry((e.higher, e.lower)).or_insert(e);
            if let Some(f) = first.get(&(e.lower, e.higher)) {
                let pair = (e.higher.min(e.lower), e.higher.max(e.lower));
                if !reported.insert(pair) {
                    continue;
                }
                let s = &corpus.docs[e.doc].precedence[e.statement];
                let t = &corpus.docs[f.doc].precedence[f.statement];
                out.push(
                    Finding::new(
                        e.doc,
                        s.range.clone(),
                        &s.path,
                        format!(
                            "{} is put above {} here, but {} {} puts it below",
                            doc_name(corpus, e.higher),
                            doc_name(corpus, e.lower),
                            doc_name(corpus, f.doc),
                            t.path
                        ),
                    )
                    .label(f.doc, t.range.clone(), "the opposite order")
                    .help("state the order once, in the document that governs the others"),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds precedence statements that go round in a circle: A prevails over B, B over C, and C over A.
    ///
    /// ## Why is this bad?
    /// A circular order orders nothing; every conflict between the documents is open.
    ///
    /// ## Example
    ///     約款 > 仕様書, 仕様書 > 個別条件書, 個別条件書 > 約款
    ///
    /// Use instead: one linear order, highest first.
    pub struct PrecedenceCycle;
    static PRECEDENCE_CYCLE = ("Y402", "precedence-cycle", Error, "A over B over C over A");
}

impl Rule for PrecedenceCycle {
    fn meta(&self) -> &'static RuleMeta {
        &PRECEDENCE_CYCLE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        // For each edge a→b, a path b→…→a of length ≥ 2 closes a cycle of three or more.
        let mut reported: HashSet<Vec<usize>> = HashSet::new();
        for e in &corpus.edges {
            let Some(back) = stated_path(corpus, e.lower, e.higher) else {
                continue;
            };
            if back.len() < 2 {
                continue; // two documents both ways: Y401
            }
            let mut members: Vec<usize> = back.iter().map(|x| x.higher).collect();
            members.push(e.higher);
            members.sort_unstable();
            members.dedup();
            if !reported.insert(members) {
                continue;
            }
            let mut cycle = vec![doc_name(corpus, e.higher)];
            cycle.push(doc_name(corpus, e.lower));
            for x in &back {
                cycle.push(doc_name(corpus, x.lower));
            }
            let s = &corpus.docs[e.doc].precedence[e.statement];
            let mut f = Finding::new(
                e.doc,
                s.range.clone(),
                &s.path,
                format!(
                    "the precedence statements go round in a circle: {}",
                    cycle.join(" > ")
                ),
            );
            for x in &back {
                let t = &corpus.docs[x.doc].precedence[x.statement];
                f = f.label(x.doc, t.range.clone(), "part of the circle");
            }
            out.push(f.help("state one linear order, highest first"));
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Compares each precedence statement of the documents with the order in the manifest's `precedence:`.
    ///
    /// ## Why is this bad?
    /// The manifest is what reviewers and tools read; if the documents say otherwise, one of the two is out of date.
    ///
    /// ## Example
    ///     precedence: [cloud-service-base-terms, terms]   # but the terms say 本約款 prevails over 基本約款
    ///
    /// Use instead: make the manifest follow the documents (or fix the documents).
    pub struct PrecedenceManifestMismatch;
    static PRECEDENCE_MANIFEST_MISMATCH = ("Y403", "precedence-manifest-mismatch", Warning, "the order the documents state differs from `precedence:` in the manifest");
}

impl Rule for PrecedenceManifestMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &PRECEDENCE_MANIFEST_MISMATCH
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let order = &corpus.manifest.precedence;
        if order.is_empty() {
            return;
        }
        let pos = |x: usize| order.iter().position(|id| *id == corpus.docs[x].id);
        for e in &corpus.edges {
            let (Some(h), Some(l)) = (pos(e.higher), pos(e.lower)) else {
                continue;
            };
            if h < l {
                continue;
            }
            let s = &corpus.docs[e.doc].precedence[e.statement];
            let mut f = Finding::new(
                e.doc,
                s.range.clone(),
                &s.path,
                format!(
                    "this puts {} above {}, but `precedence:` in yakkan.yaml puts {} first",
                    doc_name(corpus, e.higher),
                    doc_name(corpus, e.lower),
                    corpus.docs[e.lower].id
                ),
            )
            .note(format!("precedence: [{}]", order.join(", ")));
            if let Some(m) = &corpus.manifest_path {
                f = f.note(format!("in {}", m.display()));
            }
            out.push(f.help(format!(
                "move {} before {} in `precedence:`, or correct the statement",
                corpus.docs[e.higher].id, corpus.docs[e.lower].id
            )));
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds 「…の規定にかかわらず」 that sets aside a provision of a document which, by the stated precedence, prevails over the document that says it.
    ///
    /// ## Why is this bad?
    /// A lower-ranking document cannot set aside a higher one: the override is void, and the reader is misled about which rule applies.
    ///
    /// ## Example
    ///     仕様書: 基本約款第８条の規定にかかわらず…   (基本約款 prevails over 仕様書)
    ///
    /// Use instead: put the exception in the higher document, or change the order.
    pub struct OverrideViolation;
    static OVERRIDE_VIOLATION = ("Y404", "override-violation", Error, "「…の規定にかかわらず」 overriding a provision of a document that outranks this one");
}

impl Rule for OverrideViolation {
    fn meta(&self) -> &'static RuleMeta {
        &OVERRIDE_VIOLATION
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            for (ri, r) in doc.references.iter().enumerate() {
                if r.kind != ReferenceKind::Override {
                    continue;
                }
                let RefTarget::Documents(ds) = &corpus.ref_targets[d][ri] else {
                    continue;
                };
                // The provision set aside, in each document the name stands for (a group
                // such as 仕様書: only the members that have it, when any has).
                let targets: Vec<(usize, Option<&Provision>)> = ds
                    .iter()
                    .map(|&t| {
                        let p = corpus
                            .docs
                            .get(t)
                            .and_then(|x| x.all_provisions().find(|p| p.path == r.target));
                        (t, p)
                    })
                    .collect();
                let any_found = targets.iter().any(|(_, p)| p.is_some());
                for &(t, target) in &targets {
                    if any_found && target.is_none() {
                        continue;
                    }
                    let Some(e) = prevails(corpus, t, d) else {
                        continue;
                    };
                    let mut f = Finding::new(
                        d,
                        r.range.clone(),
                        &r.path,
                        format!(
                            "this sets aside {} ({} {}), but {} prevails over {}",
                            r.text,
                            doc_name(corpus, t),
                            r.target,
                            doc_name(corpus, t),
                            doc_name(corpus, d)
                        ),
                    );
                    if let Some(p) = target {
                        f = f.label(t, p.label_range.clone(), "the provision set aside");
                    }
                    out.push(f.note(evidence_note(corpus, t, d, &e)).help(
                        "put the exception in the higher document, or change the precedence",
                    ));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds a conflict between two documents — a term defined differently (Y501) or a different period, deadline or amount on the same topic (Y502) — where neither the documents nor the manifest say which prevails.
    ///
    /// ## Why is this bad?
    /// With no order, the conflict is open: the customer may rely on whichever reading suits them.
    ///
    /// ## Example
    ///     約款 第７条（利用期間）１年間 / 個別条件書 第３条（利用期間）２年間, no precedence statement
    ///
    /// Use instead: state which document prevails (「…と…に齟齬がある場合、…が優先されます。」) or remove the conflict.
    pub struct UnorderedConflict;
    static UNORDERED_CONFLICT = ("Y405", "unordered-conflict", Error, "two documents conflict (Y501/Y502) and no precedence orders them");
}

impl Rule for UnorderedConflict {
    fn meta(&self) -> &'static RuleMeta {
        &UNORDERED_CONFLICT
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for c in conflicts(corpus) {
            let Conflict { a, b, .. } = &c;
            if order(corpus, a.doc, b.doc).is_some() {
                continue;
            }
            // Reported where Y502/Y501 report an unordered conflict: at the second side.
            let what = c.describe(b, a);
            out.push(
                Finding::new(
                    b.doc,
                    b.range.clone(),
                    &b.path,
                    format!(
                        "{} and {} conflict ({what}) and nothing says which prevails",
                        doc_name(corpus, b.doc),
                        doc_name(corpus, a.doc)
                    ),
                )
                .label(
                    a.doc,
                    a.range.clone(),
                    format!("the other side, in {} {}", doc_name(corpus, a.doc), a.path),
                )
                .help("state which document prevails, or remove the conflict"),
            );
        }
    }
}
