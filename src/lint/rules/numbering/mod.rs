//! Numbering rules (Y101–Y104, Y107): gaps, duplicates, backward steps and mixed label
//! styles among the numbers of 条 articles, 項 paragraphs, 号 items, sub-items, chapters and
//! spec sections; and 「次の各号」 lists with one item or none.
//!
//! Siblings are compared at one level: the articles of the main provisions (numbered
//! through, across chapters), the articles of each 附則, and otherwise the children of one
//! provision of one kind and label form. A label that starts again at 1 (second document
//! in the file, chapters numbered on their own, a list after a proviso) begins a new run.

mod mixed_numbering_style;
mod numbering_duplicate;
mod numbering_gap;
mod numbering_order;
mod single_item_list;

use crate::lint::facts::numbering::{
    label_form, numeral_run, parse_number_path, render, suppl_is_extract, title_is_extract, Group,
    Level, Member, NumeralClass,
};
use crate::lint::facts::Facts;
use crate::lint::{Finding, Findings, Rule, Violation};
use crate::model::{Document, Provision, ProvisionKind};
use crate::parse::numeral::{parse_number, KanaOrder};
pub use mixed_numbering_style::MixedNumberingStyle;
pub use numbering_duplicate::NumberingDuplicate;
pub use numbering_gap::NumberingGap;
pub use numbering_order::NumberingOrder;
pub use single_item_list::SingleItemList;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

pub(super) const RULES: &[&dyn Rule] = &[
    &NumberingGap,
    &NumberingDuplicate,
    &NumberingOrder,
    &MixedNumberingStyle,
    &SingleItemList,
];

// ---------------------------------------------------------------------------------------
// Gaps, duplicates and order in a sibling group (the groups are `lint::facts::numbering`)

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
enum Missing {
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
                .filter(|m| m.end != m.key)
                .filter_map(|m| Some((*m.key.first()?, *m.end.first()?)))
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

enum Event {
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

/// Calls `f` with every event of every sibling group of every document (extracts
/// included): the document's index, the document, the group, its kana order, the event.
fn each_pair(facts: &Facts, mut f: impl FnMut(usize, &Document, &Group<'_>, KanaOrder, Event)) {
    for (d, doc) in facts.corpus.docs.iter().enumerate() {
        for (g, kana) in facts.groups(d) {
            for e in events(g) {
                f(d, doc, g, *kana, e);
            }
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
fn events(group: &Group<'_>) -> Vec<Event> {
    let m = &group.members;
    // The numbers present are needed only at a member out of step (a gap to explain),
    // which most groups never have: build them on first use.
    let present = std::cell::OnceCell::new();
    // Does member `i` go on from the list `f` (the next number, not yet used in it)?
    let goes_on = |f: &Frame<'_>, i: usize| {
        is_successor(&m[f.last].end, &m[i].key) && !f.seen.contains_key(m[i].key.as_slice())
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
                    || is_successor(&m[top.last].end, &n.key)
                    || below.is_some_and(|b| is_successor(&m[b.last].end, &n.key))
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
                    top.last = if is_successor(&m[b].end, key) { i } else { b };
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
        if key < m[last].end.as_slice() {
            if m[last].labelled() {
                out.push(Event::Backward(last, i));
            }
        } else if let Some(missing) =
            missing_between(&m[last].end, key, present.get_or_init(|| Present::new(m)))
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

// ---------------------------------------------------------------------------------------
// Messages

/// A number written like `template` (the label of a sibling): 第４条, （３）, ２．２.
fn render_like(template: &str, key: &[u32], level: Level, kana: KanaOrder) -> String {
    let last = level == Level::Section;
    let Some((run, class)) = numeral_run(template, last) else {
        return key
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("の");
    };
    let main = if last { key.last() } else { key.first() };
    let mut s = String::new();
    s.push_str(&template[..run.start]);
    s.push_str(&render(main.copied().unwrap_or(0), class, kana));
    let after = &template[run.end..];
    if matches!(level, Level::Article | Level::Division) {
        // Keep 条 / 章, drop the template's own branches and range (の２, から…まで).
        let cut = ["の", "ノ", "から", "及び", "、"]
            .iter()
            .filter_map(|m| after.find(m))
            .min()
            .unwrap_or(after.len());
        s.push_str(&after[..cut]);
        for b in key.iter().skip(1) {
            s.push('の');
            s.push_str(&render(*b, class, kana));
        }
    } else {
        s.push_str(after);
    }
    s
}

/// A member as a message names it: its label, or its number when the label does not say
/// it (the first, unlabelled paragraph; a range of deleted articles).
/// `last`: name a range of deleted articles by its last number (else its first).
fn shown(group: &Group<'_>, i: usize, kana: KanaOrder, last: bool) -> String {
    let m = &group.members[i];
    let label = m.p.label.trim();
    if label.is_empty() {
        return if group.level == Level::Paragraph && m.key == [1] {
            "the first paragraph".to_string()
        } else {
            render_like("", &m.key, group.level, kana)
        };
    }
    if m.end != m.key {
        return render_like(label, if last { &m.end } else { &m.key }, group.level, kana);
    }
    label.to_string()
}

fn scope_suffix(group: &Group<'_>) -> String {
    match group.scope {
        "" => String::new(),
        // Paths of spec sections are bare numbers (2, 2.1).
        s if s.starts_with(|c: char| c.is_ascii_digit()) => format!(" in section {s}"),
        s => format!(" in {s}"),
    }
}

/// The written form of an item label: （１） and (1) differ, （１） and （1） do not.
fn item_variant(label: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<NumeralClass> = None;
    let base = label.split(['の', 'ノ']).next().unwrap_or(label);
    for c in base.chars() {
        let k = NumeralClass::of(c);
        if let Some(k) = k {
            if !(k.runs() && prev == Some(k)) {
                // The bracket form is what differs; the width of the digits inside is
                // mixed-digit-width's business.
                out.push(match k {
                    NumeralClass::Ascii | NumeralClass::FullWidth => '1',
                    NumeralClass::Kanji => '一',
                    NumeralClass::Circled => '①',
                    NumeralClass::Katakana => 'ア',
                    NumeralClass::Latin | NumeralClass::FullWidthLatin => 'a',
                });
            }
        } else if !c.is_whitespace() {
            out.push(c);
        }
        prev = k;
    }
    out
}

/// A style and the provisions written in it.
type Occurrences<'t, 'a, K> = (&'t K, &'t Vec<&'a Provision>);

/// Words that announce a list of 号 items.
const LIST_WORDS: [&str; 3] = ["次の各号", "以下の各号", "次に掲げる"];

/// The first list-announcing words in a text that are not inside 「」 (a quoted amendment
/// such as 「次の各号」を「次に掲げる」に改める announces nothing).
fn list_words(text: &str) -> Option<Range<usize>> {
    let mut quote = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '「' | '『' => quote += 1,
            '」' | '』' => quote = quote.saturating_sub(1),
            _ if quote == 0 => {
                let rest = &text[i..];
                if let Some(w) = LIST_WORDS.iter().find(|w| rest.starts_with(**w)) {
                    let after = &rest[w.len()..];
                    // 次に掲げる表 announces a table.
                    if *w == "次に掲げる" && after.starts_with(['表', '図', '様']) {
                        continue;
                    }
                    return Some(i..i + w.len());
                }
            }
            _ => {}
        }
    }
    None
}

/// Characters that start the lines of a bulleted list.
const BULLETS: [char; 9] = ['・', '･', '-', '－', '●', '○', '■', '□', '◆'];

/// Does text that is not a sentence follow the sentence that announces the list (the
/// lines of a list the parser appended to the paragraph: bullets, or phrases without
/// 。)? A proviso (ただし、…。) is a sentence.
fn lines_follow(text: &str, from: usize) -> bool {
    let Some(after) = text.get(from..) else {
        return false;
    };
    let end = after.find(['。', '：', ':']).map_or(after.len(), |i| {
        i + after[i..].chars().next().map_or(0, char::len_utf8)
    });
    let rest = after[end..].trim();
    !rest.is_empty() && (rest.starts_with(BULLETS) || !rest.contains('。'))
}

/// A label with every number (digits or kanji) rewritten in another style: 第1条 → 第１条.
fn restyle(label: &str, to: NumeralClass) -> String {
    let label = label.trim();
    let mut out = String::new();
    let mut rest = label;
    while let Some((run, class)) = numeral_run(rest, false) {
        out.push_str(&rest[..run.start]);
        let digits = &rest[run.clone()];
        match (class.runs(), parse_number(digits)) {
            (true, Some(n)) => out.push_str(&render(n, to, KanaOrder::Iroha)),
            _ => out.push_str(digits),
        }
        rest = &rest[run.end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    #[test]
    fn numbers_in_the_style_of_a_label() {
        let k = KanaOrder::Iroha;
        assert_eq!(render_like("第５条", &[4], Level::Article, k), "第４条");
        assert_eq!(render_like("第三条", &[4], Level::Article, k), "第四条");
        assert_eq!(
            render_like("第５条の２", &[5, 3], Level::Article, k),
            "第５条の３"
        );
        assert_eq!(
            render_like("第三十八条から第八十四条まで", &[84], Level::Article, k),
            "第八十四条"
        );
        assert_eq!(render_like("（２）", &[3], Level::Item, k), "（３）");
        assert_eq!(render_like("ロ", &[3], Level::Subitem, k), "ハ");
        assert_eq!(
            render_like("イ", &[3], Level::Subitem, KanaOrder::Aiueo),
            "ウ"
        );
        assert_eq!(render_like("２．３", &[2], Level::Section, k), "２．２");
        assert_eq!(restyle("第4条", NumeralClass::FullWidth), "第４条");
        assert_eq!(restyle("第十二条", NumeralClass::Ascii), "第12条");
        assert_eq!(
            crate::parse::numeral::to_kanji(1984).as_deref(),
            Some("千九百八十四")
        );
    }

    #[test]
    fn label_forms() {
        assert_eq!(label_form("（１）"), label_form("(12)"));
        assert_ne!(label_form("（１）"), label_form("一"));
        assert_eq!(label_form("第五章の三"), label_form("第六章"));
        assert_ne!(item_variant("（１）"), item_variant("(1)"));
        assert_eq!(item_variant("（１）"), item_variant("（1）"));
    }

    #[test]
    fn list_words_outside_quotes() {
        assert!(list_words("当社は、次の各号のいずれかに該当するとき").is_some());
        assert!(
            list_words("第８条中「次の各号」とあるのは「次に掲げる場合」と読み替える。").is_none()
        );
        assert!(list_words("料金は、次に掲げる表のとおりとする。").is_none());
        assert!(lines_follow("次に掲げるもの。・申込書・一覧", 0));
        assert!(!lines_follow("次に掲げるもの。ただし、この限りでない。", 0));
    }

    proptest! {
        #[test]
        fn label_helpers_never_panic(s in "\\PC{0,12}", n in 0u32..100_000, b in 0u32..5) {
            let _ = label_form(&s);
            let _ = item_variant(&s);
            let _ = numeral_run(&s, true);
            let _ = restyle(&s, NumeralClass::Kanji);
            for level in [Level::Article, Level::Item, Level::Section, Level::Subitem] {
                let _ = render_like(&s, &[n, b], level, KanaOrder::Iroha);
            }
            let _ = list_words(&s);
            let _ = lines_follow(&s, s.len() / 2);
        }
    }
}
