//! Precedence rules (Y4xx): the order of documents that their own statements give
//! (「…と…に齟齬がある場合、…が優先される」), checked for contradictions, cycles, agreement
//! with the manifest, overrides against the order, and conflicts no order settles.

use super::conflicts::{conflicts, Conflict};
use crate::corpus::precedence::stated_path;
pub use crate::corpus::precedence::{order, prevails, Evidence};
use crate::corpus::{Corpus, NameTarget, PrecedenceEdge, RefTarget};
use crate::lint::{Finding, Findings, Rule, RuleMeta};
use crate::model::{Provision, ReferenceKind};
use std::collections::{HashMap, HashSet};

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

/// Y401: two statements that order the same pair both ways.
pub struct PrecedenceConflict;
rule_meta!(PRECEDENCE_CONFLICT, "Y401", "precedence-conflict", Error,
    "two precedence statements that order the same pair both ways",
    "## What it does\nFinds two precedence statements that order the same two documents in opposite ways.\n\n## Why is this bad?\nWhen the documents conflict, neither prevails: the clause that was meant to settle conflicts settles nothing.\n\n## Example\n    約款:   本約款と仕様書に齟齬がある場合、本約款が優先されます。\n    仕様書: 本仕様書と約款に齟齬がある場合、本仕様書が優先されます。\n\nUse instead: state the order once, in the document that governs the others.\n");

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

/// Y402: A over B over C over A.
pub struct PrecedenceCycle;
rule_meta!(PRECEDENCE_CYCLE, "Y402", "precedence-cycle", Error,
    "A over B over C over A",
    "## What it does\nFinds precedence statements that go round in a circle: A prevails over B, B over C, and C over A.\n\n## Why is this bad?\nA circular order orders nothing; every conflict between the documents is open.\n\n## Example\n    約款 > 仕様書, 仕様書 > 個別条件書, 個別条件書 > 約款\n\nUse instead: one linear order, highest first.\n");

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

/// Y403: the stated order differs from the manifest's `precedence:`.
pub struct PrecedenceManifestMismatch;
rule_meta!(PRECEDENCE_MANIFEST_MISMATCH, "Y403", "precedence-manifest-mismatch", Warning,
    "the order the documents state differs from `precedence:` in the manifest",
    "## What it does\nCompares each precedence statement of the documents with the order in the manifest's `precedence:`.\n\n## Why is this bad?\nThe manifest is what reviewers and tools read; if the documents say otherwise, one of the two is out of date.\n\n## Example\n    precedence: [cloud-service-base-terms, terms]   # but the terms say 本約款 prevails over 基本約款\n\nUse instead: make the manifest follow the documents (or fix the documents).\n");

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

/// Y404: 「…の規定にかかわらず」 overriding a document that outranks this one.
pub struct OverrideViolation;
rule_meta!(OVERRIDE_VIOLATION, "Y404", "override-violation", Error,
    "「…の規定にかかわらず」 overriding a provision of a document that outranks this one",
    "## What it does\nFinds 「…の規定にかかわらず」 that sets aside a provision of a document which, by the stated precedence, prevails over the document that says it.\n\n## Why is this bad?\nA lower-ranking document cannot set aside a higher one: the override is void, and the reader is misled about which rule applies.\n\n## Example\n    仕様書: 基本約款第８条の規定にかかわらず…   (基本約款 prevails over 仕様書)\n\nUse instead: put the exception in the higher document, or change the order.\n");

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
            // 仕様書の規定にかかわらず: a whole document set aside.
            for p in doc.all_provisions() {
                for (range, name) in crate::extract::references::document_overrides(p) {
                    let Some(NameTarget::Docs(ds)) = corpus.names.resolve(d, &name, &corpus.docs)
                    else {
                        continue;
                    };
                    for t in ds.into_iter().filter(|&t| t != d) {
                        let Some(e) = prevails(corpus, t, d) else {
                            continue;
                        };
                        let (higher, lower) = (doc_name(corpus, t), doc_name(corpus, d));
                        let message = format!(
                            "this sets aside {name} ({higher}) as a whole, but {higher} prevails over {lower}"
                        );
                        out.push(
                            Finding::new(d, range.clone(), &p.path, message)
                                .note(evidence_note(corpus, t, d, &e))
                                .help("put the exception in the higher document, or change the precedence"),
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------

/// Y405: two documents conflict (Y501/Y502) and no precedence orders them.
pub struct UnorderedConflict;
rule_meta!(UNORDERED_CONFLICT, "Y405", "unordered-conflict", Error,
    "two documents conflict (Y501/Y502) and no precedence orders them",
    "## What it does\nFinds a conflict between two documents — a term defined differently (Y501) or a different period, deadline or amount on the same topic (Y502) — where neither the documents nor the manifest say which prevails.\n\n## Why is this bad?\nWith no order, the conflict is open: the customer may rely on whichever reading suits them.\n\n## Example\n    約款 第７条（利用期間）１年間 / 個別条件書 第３条（利用期間）２年間, no precedence statement\n\nUse instead: state which document prevails (「…と…に齟齬がある場合、…が優先されます。」) or remove the conflict.\n");

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
