//! The order of two documents of a corpus: which prevails, and the statement (or the
//! manifest's `precedence:`) that makes it prevail. Read by the precedence rules (Y4xx)
//! and by the conflicts (Y5xx), whose notes say which side prevails.

use crate::corpus::{Corpus, NameTarget, PrecedenceEdge};
use std::collections::VecDeque;

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
pub fn stated_path(corpus: &Corpus, a: usize, b: usize) -> Option<Vec<PrecedenceEdge>> {
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
