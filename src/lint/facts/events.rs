//! The gaps, duplicates and steps back among the numbers of each numbering group
//! ([`super::numbering`]): what the numbering rules Y101 (gaps), Y102 (duplicates) and
//! Y103 (order) report, computed once a document for the three of them.

use crate::lint::facts::numbering::{label_form, parse_number_path, Group, Level, Member};
use crate::model::ProvisionKind;
use std::collections::{BTreeMap, BTreeSet};

/// Is `b` a number that may directly follow `a`: the next number at any level (第３条 →
/// 第４条, 第３条の２ → 第３条の３ or 第４条) or a first branch (第３条 → 第３条の２)?
fn is_successor(a: &[u32], b: &[u32]) -> bool {
    if b.len() == a.len() + 1 && b.starts_with(a) && b.last() == Some(&2) {
        return true;
    }
    (1..=a.len()).any(|k| {
        b.len() == k && b[..k - 1] == a[..k - 1] && Some(b[k - 1]) == a[k - 1].checked_add(1)
    })
}

/// The numbers that are missing between `a` and `b` (b > a) and do not appear elsewhere
/// among the siblings. `None` when the gap is too large to list and something stands in it.
pub(crate) enum Missing {
    List(Vec<Vec<u32>>),
    /// From, to (inclusive) and how many.
    Span(Vec<u32>, Vec<u32>, u32),
}

const LIST_LIMIT: u32 = 64;

/// The numbers that stand among a group of siblings.
struct Present<'k> {
    keys: BTreeSet<&'k [u32]>,
    /// Ranges of deleted articles: first main number → last.
    ranges: BTreeMap<u32, u32>,
}

impl<'k> Present<'k> {
    fn new(members: &'k [Member<'_>]) -> Self {
        Present {
            keys: members.iter().map(|m| m.key.as_slice()).collect(),
            ranges: members
                .iter()
                .filter(|m| m.is_range())
                .filter_map(|m| Some((*m.key.first()?, *m.end().first()?)))
                .collect(),
        }
    }

    fn contains(&self, k: &[u32]) -> bool {
        self.keys.contains(k)
            || matches!(k, [x] if self.ranges.range(..=*x).next_back().is_some_and(|(_, &e)| e >= *x))
    }

    /// Does any number stand in `from..to`?
    fn any_in(&self, from: &[u32], to: &[u32]) -> bool {
        use std::ops::Bound::{Excluded, Included};
        self.keys
            .range::<[u32], _>((Included(from), Excluded(to)))
            .next()
            .is_some()
            || matches!((from, to), ([f], [t]) if self.ranges.range(..*t).next_back().is_some_and(|(_, &e)| e >= *f))
    }
}

fn missing_between(a: &[u32], b: &[u32], present: &Present<'_>) -> Option<Missing> {
    let at = |v: &[u32], i: usize| v.get(i).copied().unwrap_or(1);
    let i = (0..b.len()).find(|&i| at(a, i) != b[i])?;
    let prefix = &b[..i];
    let (lo, hi) = (at(a, i), b[i]);
    let mut out: Vec<Vec<u32>> = Vec::new();
    let with = |x: u32| {
        let mut v = prefix.to_vec();
        v.push(x);
        v
    };
    let span = hi.saturating_sub(lo).saturating_sub(1);
    if span > LIST_LIMIT {
        // Too many to list: report the span only when nothing stands in it (else the
        // numbers are out of order, which Y103 reports).
        let (from, to) = (with(lo + 1), with(hi - 1));
        return (!present.any_in(&from, b)).then_some(Missing::Span(from, to, span));
    }
    for x in lo.saturating_add(1)..hi {
        let k = with(x);
        if !present.contains(&k) {
            out.push(k);
        }
    }
    // A branch needs its base: 第４条の２ after 第３条 needs 第４条.
    for j in i + 1..b.len() {
        let base = b[..j].to_vec();
        if !present.contains(&base) {
            out.push(base);
        }
        for x in 2..b[j].min(LIST_LIMIT) {
            let mut k = b[..j].to_vec();
            k.push(x);
            if !present.contains(&k) {
                out.push(k);
            }
        }
    }
    (!out.is_empty()).then_some(Missing::List(out))
}

pub(crate) enum Event {
    /// Members `a` and `b` (indices in the group) with numbers missing between them.
    Gap(usize, usize, Missing),
    /// Member `b` repeats the number of member `a`.
    Duplicate(usize, usize),
    /// Member `b` goes back behind member `a`.
    Backward(usize, usize),
}

/// One list being numbered: the members in it so far and the last of them.
struct Frame<'k> {
    last: usize,
    seen: BTreeMap<&'k [u32], usize>,
}

impl<'k> Frame<'k> {
    fn new(i: usize, key: &'k [u32]) -> Self {
        Frame {
            last: i,
            seen: BTreeMap::from([(key, i)]),
        }
    }
}

/// Walk the siblings with a stack of lists. A label 1 starts a new list — a second
/// series (articles numbered per chapter, two documents in one file) or a list nested
/// in the last member that the layout flattened (`1.` paragraphs with `1.` items
/// below them, a Markdown list without its indentation) — when what follows it fits
/// (2, another 1, or the next number of the list it interrupts). A number that goes on
/// with the list below the top one closes the nested list. Anything else out of step is
/// a gap, a duplicate or a step back within the top list.
pub(crate) fn events(group: &Group<'_>) -> Vec<Event> {
    let m = &group.members;
    // The numbers present are needed only at a member out of step (a gap to explain),
    // which most groups never have: build them on first use.
    let present = std::cell::OnceCell::new();
    // Does member `i` go on from the list `f` (the next number, not yet used in it)?
    let goes_on = |f: &Frame<'_>, i: usize| {
        is_successor(m[f.last].end(), &m[i].key) && !f.seen.contains_key(m[i].key.as_slice())
    };
    let mut out = Vec::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    for (i, member) in m.iter().enumerate() {
        let key = member.key.as_slice();
        let depth = stack.len();
        let (Some(top), below) = (
            stack.last(),
            depth.checked_sub(2).and_then(|b| stack.get(b)),
        ) else {
            stack.push(Frame::new(i, key));
            continue;
        };
        let action = if goes_on(top, i) {
            Step::Continue
        } else if below.is_some_and(|b| goes_on(b, i)) {
            Step::Close
        } else if key == [1] && member.labelled() {
            // A new list, if what follows fits it (or the list it interrupts).
            let fits = m.get(i + 1).is_none_or(|n| {
                n.key == [1]
                    || is_successor(&[1], &n.key)
                    || is_successor(m[top.last].end(), &n.key)
                    || below.is_some_and(|b| is_successor(m[b.last].end(), &n.key))
            });
            if fits {
                Step::Open
            } else {
                Step::Other
            }
        } else {
            Step::Other
        };
        // A list item the parser hung at this level goes on as a nested list.
        let action = if action == Step::Other && i > 0 && continues_nested_list(&m[i - 1], member) {
            Step::Open
        } else {
            action
        };
        match action {
            Step::Open => {
                stack.push(Frame::new(i, key));
                continue;
            }
            Step::Close => {
                stack.pop();
            }
            Step::Continue | Step::Other => {}
        }
        let Some(top) = stack.last_mut() else {
            continue;
        };
        let last = top.last;
        if action == Step::Other {
            if let Some(&first) = top.seen.get(key) {
                // The first one went on with a list nested in the sibling before it
                // (paragraph １ with item １, then ２ ３ that were items): that run was
                // the nested list, and this is the list's own next number.
                let before = first.checked_sub(1);
                let nested = i - first <= NESTED_LIMIT
                    && before.is_some_and(|b| {
                        top.seen.get(m[b].key.as_slice()) == Some(&b)
                            && continues_nested_list(&m[b], &m[first])
                    });
                if let (true, Some(b)) = (nested, before) {
                    for (j, x) in m.iter().enumerate().take(i).skip(first) {
                        if top.seen.get(x.key.as_slice()) == Some(&j) {
                            top.seen.remove(x.key.as_slice());
                        }
                    }
                    top.seen.insert(key, i);
                    top.last = if is_successor(m[b].end(), key) { i } else { b };
                    continue;
                }
                if member.labelled() && m[first].labelled() {
                    out.push(Event::Duplicate(first, i));
                }
                continue;
            }
        }
        top.seen.insert(key, i);
        top.last = i;
        if action != Step::Other || !member.labelled() {
            continue;
        }
        if key < m[last].end().as_slice() {
            if m[last].labelled() {
                out.push(Event::Backward(last, i));
            }
        } else if let Some(missing) =
            missing_between(m[last].end(), key, present.get_or_init(|| Present::new(m)))
        {
            out.push(Event::Gap(last, i, missing));
        }
    }
    out
}

/// Does `m` go on with the list of items nested in the sibling before it (the last item of
/// `prev`, or of its last item…)? Then the parser hung an item of that list at this level
/// (after a line it could not place, in a list the layout flattened): no numbering error.
fn continues_nested_list(prev: &Member<'_>, m: &Member<'_>) -> bool {
    let form = label_form(&m.p.label);
    let mut p = prev.p;
    for _ in 0..8 {
        let Some(last) = p
            .children
            .iter()
            .rev()
            .find(|c| matches!(c.kind, ProvisionKind::Item | ProvisionKind::Subitem))
        else {
            return false;
        };
        let key = parse_number_path(last.num.split(':').next().unwrap_or(""), Level::Item);
        if label_form(&last.label) == form && key.is_some_and(|k| is_successor(&k, &m.key)) {
            return true;
        }
        p = last;
    }
    false
}

/// How long a run may be re-read as a nested list (keeps the walk linear).
const NESTED_LIMIT: usize = 64;

/// What a member does to the stack of lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The next number of the top list.
    Continue,
    /// The next number of the list below: the nested list on top has ended.
    Close,
    /// A 1 that starts a new list.
    Open,
    /// None of these, out of step: a gap, a duplicate or a step back in the top list.
    Other,
}

#[cfg(test)]
mod tests {
    use super::is_successor;

    #[test]
    fn successors() {
        assert!(is_successor(&[3], &[4]));
        assert!(is_successor(&[3], &[3, 2]));
        assert!(is_successor(&[3, 2], &[3, 3]));
        assert!(is_successor(&[3, 2], &[4]));
        assert!(!is_successor(&[3], &[5]));
        assert!(!is_successor(&[3], &[3, 3]));
        assert!(!is_successor(&[u32::MAX], &[0]));
    }
}
