//! The precedence order of a corpus, in one place: which document prevails over which
//! (the documents' own statements, transitively, else the manifest's `precedence:`), as
//! the lint's precedence and conflict rules ask it pair by pair ([`prevails`], [`order`]),
//! as the index asks it of several documents at once ([`highest`]), and as a layered
//! graph for drawing ([`graph`]).

use super::{Corpus, PrecedenceEdge};
use std::collections::{BTreeMap, VecDeque};

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

/// Of `candidates` (in the order given), the one that prevails over the others: each
/// candidate replaces the best so far when it prevails over it ([`prevails`]); where no
/// order settles two of them, the earlier stays.
pub fn highest(corpus: &Corpus, candidates: impl IntoIterator<Item = usize>) -> Option<usize> {
    let mut best: Option<usize> = None;
    for c in candidates {
        best = match best {
            Some(b) if c == b || prevails(corpus, c, b).is_none() => Some(b),
            _ => Some(c),
        };
    }
    best
}

/// One edge of the precedence graph: `higher` prevails over `lower`, as the statements
/// `stated_by` (indices into `Corpus::edges`) and, when `manifest`, consecutive entries
/// of the manifest's `precedence:` say.
#[derive(Debug, Clone)]
pub struct GraphEdge {
    pub higher: usize,
    pub lower: usize,
    pub stated_by: Vec<usize>,
    pub manifest: bool,
}

/// The precedence graph laid out in ranks.
#[derive(Debug, Clone)]
pub struct Graph {
    /// Per document: 0 for the highest; every edge goes to a higher rank, except edges
    /// that close a cycle (broken at its first document in corpus order).
    pub rank: Vec<usize>,
    /// The documents by rank, then corpus order.
    pub nodes: Vec<usize>,
    /// By the ranks of their ends, then corpus order.
    pub edges: Vec<GraphEdge>,
}

/// The stated edges and the manifest's order, ranked by the longest path from the top
/// (Kahn), linear in documents and edges.
pub fn graph(corpus: &Corpus) -> Graph {
    let n = corpus.docs.len();
    // (higher, lower) → the statements that say so, and whether the manifest does.
    let mut pairs: BTreeMap<(usize, usize), (Vec<usize>, bool)> = BTreeMap::new();
    for (i, e) in corpus.edges.iter().enumerate() {
        if e.higher == e.lower || e.higher >= n || e.lower >= n {
            continue;
        }
        pairs.entry((e.higher, e.lower)).or_default().0.push(i);
    }
    let ordered: Vec<usize> = corpus
        .manifest
        .precedence
        .iter()
        .filter_map(|id| corpus.doc_by_id(id))
        .collect();
    for w in ordered.windows(2) {
        if w[0] != w[1] {
            pairs.entry((w[0], w[1])).or_default().1 = true;
        }
    }
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
    let mut edges: Vec<GraphEdge> = pairs
        .into_iter()
        .map(|((higher, lower), (stated_by, manifest))| GraphEdge {
            higher,
            lower,
            stated_by,
            manifest,
        })
        .collect();
    edges.sort_by_key(|e| (rank[e.higher], rank[e.lower], e.higher, e.lower));
    Graph { rank, nodes, edges }
}
