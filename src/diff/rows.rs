//! The rows of a diff: documents paired, units and parts matched, the entries of the
//! 新旧対照表 with their lines, and the stale references ([`super::stale`]).

use super::paths::{is_unit_kind, named, place, PathMap};
use super::stale::{paths_of, stale_references, Revisions};
use super::text::{diff_text, Budget, LCS_BUDGET};
use super::*;
use crate::corpus::Corpus;
use crate::model::{Document, Provision, ProvisionKind};
use crate::text::name_key;
use foldhash::{HashMap, HashMapExt};
use std::collections::VecDeque;

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
    s.to_string()
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
                        .insert(o.item.p.path.to_string(), n.item.p.path.to_string());
                    map.new_to_old
                        .insert(n.item.p.path.to_string(), o.item.p.path.to_string());
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
            map.old_to_new.insert(op.to_string(), np.to_string());
            map.new_to_old.insert(np.to_string(), op.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keeps_the_longest_run() {
        assert_eq!(in_order(&[0, 1, 2]), [true, true, true]);
        assert_eq!(in_order(&[0, 3, 1, 2]), [true, false, true, true]);
        assert!(in_order(&[]).is_empty());
    }
}
