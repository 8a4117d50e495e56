//! Numbering rules (Y101–Y104, Y107): gaps, duplicates, backward steps and mixed label
//! styles among the numbers of 条 articles, 項 paragraphs, 号 items, sub-items, chapters and
//! spec sections; and 「次の各号」 lists with one item or none.
//!
//! Siblings are compared at one level: the articles of the main provisions (numbered
//! through, across chapters), the articles of each 附則, and otherwise the children of one
//! provision of one kind and label form. A label that starts again at 1 (second document
//! in the file, chapters numbered on their own, a list after a proviso) begins a new run.

use crate::corpus::Corpus;
use crate::lint::{Finding, Findings, Rule, RuleMeta};
use crate::model::{Document, Provision, ProvisionKind};
use crate::parse::numeral::{parse_number, KanaOrder};
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
// Numerals in labels

/// How the number of a label is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NumeralClass {
    /// 1
    Ascii,
    /// １
    FullWidth,
    /// 一, 十九
    Kanji,
    /// ①
    Circled,
    /// イ, ア
    Katakana,
    /// a
    Latin,
    /// ａ
    FullWidthLatin,
}

impl NumeralClass {
    fn of(c: char) -> Option<NumeralClass> {
        Some(match c {
            '0'..='9' => NumeralClass::Ascii,
            '０'..='９' => NumeralClass::FullWidth,
            '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
            | '千' => NumeralClass::Kanji,
            '①'..='⑳' | '㉑'..='㉟' | '㊱'..='㊿' => NumeralClass::Circled,
            'ァ'..='ヺ' => NumeralClass::Katakana,
            'a'..='z' | 'A'..='Z' => NumeralClass::Latin,
            'ａ'..='ｚ' | 'Ａ'..='Ｚ' => NumeralClass::FullWidthLatin,
            _ => return None,
        })
    }

    /// Several characters make one number (１０, 十九); a kana or letter stands alone.
    fn runs(self) -> bool {
        matches!(
            self,
            NumeralClass::Ascii | NumeralClass::FullWidth | NumeralClass::Kanji
        )
    }
}

/// The byte range and class of the first (or last) numeral in a label.
fn numeral_run(label: &str, last: bool) -> Option<(Range<usize>, NumeralClass)> {
    let mut found: Option<(Range<usize>, NumeralClass)> = None;
    let mut cur: Option<(Range<usize>, NumeralClass)> = None;
    for (i, c) in label.char_indices() {
        let class = NumeralClass::of(c);
        match (&mut cur, class) {
            (Some((r, k)), Some(c2)) if *k == c2 && c2.runs() => r.end = i + c.len_utf8(),
            (_, Some(c2)) => {
                if let Some(done) = cur.take() {
                    if !last {
                        return Some(done);
                    }
                    found = Some(done);
                }
                cur = Some((i..i + c.len_utf8(), c2));
            }
            (_, None) => {
                if let Some(done) = cur.take() {
                    if !last {
                        return Some(done);
                    }
                    found = Some(done);
                }
            }
        }
    }
    cur.or(found)
}

/// `n` written in a numeral class (with the kana order of the list for katakana).
fn render(n: u32, class: NumeralClass, kana: KanaOrder) -> String {
    let shifted = |base: char, n: u32| char::from_u32(base as u32 + n);
    let out = match class {
        NumeralClass::Ascii => Some(n.to_string()),
        NumeralClass::FullWidth => Some(
            n.to_string()
                .chars()
                .filter_map(|c| shifted('０', c as u32 - '0' as u32))
                .collect(),
        ),
        NumeralClass::Kanji => crate::parse::numeral::to_kanji(n),
        NumeralClass::Circled => match n {
            1..=20 => shifted('①', n - 1),
            21..=35 => shifted('㉑', n - 21),
            36..=50 => shifted('㊱', n - 36),
            _ => None,
        }
        .map(String::from),
        NumeralClass::Katakana => ('ァ'..='ヺ')
            .find(|&c| kana.position(c) == Some(n))
            .map(String::from),
        NumeralClass::Latin => (1..=26)
            .contains(&n)
            .then(|| shifted('a', n - 1))
            .flatten()
            .map(String::from),
        NumeralClass::FullWidthLatin => (1..=26)
            .contains(&n)
            .then(|| shifted('ａ', n - 1))
            .flatten()
            .map(String::from),
    };
    out.unwrap_or_else(|| n.to_string())
}

// ---------------------------------------------------------------------------------------
// Sibling groups

/// The level a group of siblings stands at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Article,
    Paragraph,
    Item,
    Subitem,
    Section,
    /// 編 / 章 / 節 / 款 / 目
    Division,
}

impl Level {
    /// The noun written before a label in a message ("" when the label says it: 第５条).
    fn noun(self, plural: bool) -> &'static str {
        match (self, plural) {
            (Level::Article | Level::Division, _) => "",
            (Level::Paragraph, false) => "paragraph ",
            (Level::Paragraph, true) => "paragraphs ",
            (Level::Item, false) => "item ",
            (Level::Item, true) => "items ",
            (Level::Subitem, false) => "sub-item ",
            (Level::Subitem, true) => "sub-items ",
            (Level::Section, false) => "section ",
            (Level::Section, true) => "sections ",
        }
    }
}

/// A numbered provision among its siblings. `key` is its number: `[10, 2]` for 第10条の2,
/// `[3]` for （３）, the last component for a section 2.3.
struct Member<'a> {
    p: &'a Provision,
    key: Vec<u32>,
    /// The last number it stands for: articles deleted as a range (第三十八条から第八十四条
    /// まで　削除, num "38:84") stand for every number from `key` to `end`.
    end: Vec<u32>,
}

impl Member<'_> {
    /// Unlabelled provisions (paragraph 1, bullets) carry a number the parser counted.
    fn labelled(&self) -> bool {
        !self.p.label.trim().is_empty() && !self.p.label_range.is_empty()
    }
}

struct Group<'a> {
    level: Level,
    /// Where the siblings stand, for messages: "" at the top of the main provisions.
    scope: &'a str,
    members: Vec<Member<'a>>,
    /// The siblings stand in an extract (抄): numbers left out on purpose.
    extract: bool,
}

/// The label with its numerals replaced by placeholders: the form shared by siblings
/// ((1) and （１） are one form, 一 and イ are two).
fn label_form(label: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<NumeralClass> = None;
    // 第五章の三 is a 第N章 like 第六章: branch numbers do not change the form.
    let base = label.split(['の', 'ノ']).next().unwrap_or(label);
    for c in base.chars() {
        match NumeralClass::of(c) {
            Some(k) => {
                let folded = match k {
                    NumeralClass::Ascii | NumeralClass::FullWidth => '0',
                    NumeralClass::Kanji => '一',
                    NumeralClass::Circled => '①',
                    NumeralClass::Katakana => 'ア',
                    NumeralClass::Latin | NumeralClass::FullWidthLatin => 'a',
                };
                if !(k.runs() && prev == Some(k)) {
                    out.push(folded);
                }
                prev = Some(k);
                continue;
            }
            None => prev = None,
        }
        match c {
            '（' => out.push('('),
            '）' => out.push(')'),
            '．' => out.push('.'),
            '－' | '‐' => out.push('-'),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn parse_number_path(num: &str, level: Level) -> Option<Vec<u32>> {
    let key = match level {
        Level::Section => vec![num.rsplit('.').next()?.parse().ok()?],
        // 10の2: branch numbers of articles, chapters and items (第三号の二).
        _ => num
            .split('の')
            .map(|s| s.parse::<u32>().ok())
            .collect::<Option<Vec<u32>>>()?,
    };
    (!key.is_empty()).then_some(key)
}

fn member(p: &Provision, level: Level) -> Option<Member<'_>> {
    let (first, last) = p.num.split_once(':').unwrap_or((&p.num, &p.num));
    let key = parse_number_path(first, level)?;
    let end = parse_number_path(last, level)
        .filter(|e| *e >= key)
        .unwrap_or_else(|| key.clone());
    Some(Member { p, key, end })
}

/// The articles below `roots`, in document order.
fn articles<'a>(roots: &'a [Provision]) -> Vec<Member<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<&Provision> = roots.iter().rev().collect();
    while let Some(p) = stack.pop() {
        if p.kind == ProvisionKind::Article {
            // A tab-separated table row that starts with 第N条 (a 読替え table of a
            // statute) is not an article, whatever the parser made of it.
            let table_row = p.caption.as_deref().is_some_and(|c| c.contains('\t'))
                || p.children.first().is_some_and(|c| c.text.contains('\t'));
            if !table_row {
                out.extend(member(p, Level::Article));
            }
            continue; // nothing numbered like an article stands inside one
        }
        stack.extend(p.children.iter().rev());
    }
    out
}

/// The level of a child of a provision, for the groups other than articles.
fn child_level(p: &Provision) -> Option<Level> {
    match p.kind {
        ProvisionKind::Paragraph => Some(Level::Paragraph),
        ProvisionKind::Item => Some(Level::Item),
        ProvisionKind::Subitem => Some(Level::Subitem),
        ProvisionKind::Chapter => Some(Level::Division),
        ProvisionKind::Section if p.label.trim_start().starts_with('第') => Some(Level::Division),
        ProvisionKind::Section => Some(Level::Section),
        _ => None,
    }
}

/// Every group of siblings of a document.
fn groups(doc: &Document) -> Vec<Group<'_>> {
    let main_extract = title_is_extract(doc);
    let mut out = vec![Group {
        level: Level::Article,
        scope: "",
        members: articles(&doc.provisions),
        extract: main_extract,
    }];
    let mut stack: Vec<(&str, &[Provision], bool)> = vec![("", &doc.provisions, main_extract)];
    for s in &doc.suppl {
        let extract = suppl_is_extract(doc, s);
        out.push(Group {
            level: Level::Article,
            scope: &s.path,
            members: articles(&s.children),
            extract,
        });
        stack.push((s.path.as_str(), s.children.as_slice(), extract));
    }
    while let Some((scope, children, extract)) = stack.pop() {
        // Paragraphs share one count whatever their labels; other levels group by form.
        let mut by_form: BTreeMap<(u8, String), Group<'_>> = BTreeMap::new();
        for c in children {
            let Some(level) = child_level(c) else {
                continue;
            };
            let form = if level == Level::Paragraph {
                String::new()
            } else {
                label_form(&c.label)
            };
            let Some(m) = member(c, level) else { continue };
            by_form
                .entry((level as u8, form))
                .or_insert_with(|| Group {
                    level,
                    scope,
                    members: Vec::new(),
                    extract,
                })
                .members
                .push(m);
        }
        out.extend(by_form.into_values().map(modern_iroha));
        stack.extend(
            children
                .iter()
                .filter(|c| !c.children.is_empty())
                .map(|c| (c.path.as_str(), c.children.as_slice(), extract)),
        );
    }
    out.retain(|g| g.members.iter().any(Member::labelled));
    out
}

/// A title such as 民法（抄）: the document is an extract.
fn title_is_extract(doc: &Document) -> bool {
    doc.title.contains("（抄）") || doc.title.contains("(抄)")
}

/// A 附則 headed 「附　則　（平成五年法律第八十八号）　抄」 is an extract: the articles,
/// paragraphs and items it leaves out are not gaps. (The model keeps no flag for it, so
/// the heading line is read where the label stands.)
fn suppl_is_extract(doc: &Document, s: &Provision) -> bool {
    doc.source
        .text
        .get(s.label_range.end..)
        .and_then(|rest| rest.lines().next())
        .is_some_and(|line| line.trim_end().ends_with('抄'))
}

/// Statutes write the iroha order in modern kana: ヲ as オ, ヰ as イ, ヱ as エ (イ ロ … ル
/// オ ワ). The parser numbers オ by its other place in the order; put it back after ル.
fn modern_iroha(mut g: Group<'_>) -> Group<'_> {
    if !matches!(g.level, Level::Item | Level::Subitem) || kana_order(&g) != KanaOrder::Iroha {
        return g;
    }
    for i in 1..g.members.len() {
        let prev = g.members[i - 1].key.clone();
        let kana = g.members[i]
            .p
            .label
            .chars()
            .find(|&c| NumeralClass::of(c) == Some(NumeralClass::Katakana));
        let modern = match (prev.as_slice(), kana) {
            ([11], Some('オ')) => 12,
            ([23], Some('イ')) => 24,
            ([35], Some('エ')) => 36,
            _ => continue,
        };
        g.members[i].key = vec![modern];
        g.members[i].end = vec![modern];
    }
    g
}

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

/// Walk the siblings with a stack of lists. A label 1 starts a new list — a second
/// series (articles numbered per chapter, two documents in one file) or a list nested
/// in the last member that the layout flattened (`1.` paragraphs with `1.` items
/// below them, a Markdown list without its indentation) — when what follows it fits
/// (2, another 1, or the next number of the list it interrupts). A number that goes on
/// with the list below the top one closes the nested list. Anything else out of step is
/// a gap, a duplicate or a step back within the top list.
fn events(group: &Group<'_>) -> Vec<Event> {
    let m = &group.members;
    let present = Present::new(m);
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
        } else if let Some(missing) = missing_between(&m[last].end, key, &present) {
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

/// The kana order of a group's labels (ア starts the gojūon order).
fn kana_order(group: &Group<'_>) -> KanaOrder {
    group
        .members
        .iter()
        .find_map(|m| {
            m.p.label
                .chars()
                .find(|&c| NumeralClass::of(c) == Some(NumeralClass::Katakana))
        })
        .map_or(KanaOrder::Iroha, KanaOrder::for_first)
}

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

fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------
// Y101

declare_rule! {
    /// ## What it does
    /// Finds numbers that skip among siblings at one level: 第３条 followed by 第５条, paragraph ２ followed by ４, item （２） followed by （４）, sub-item ロ followed by ニ, section 2.1 followed by 2.3. Articles are numbered through the main provisions across chapters; each 附則 is numbered on its own. Branch articles (第３条の２) and articles deleted as a range (第三十八条から第八十四条まで　削除) are not gaps. A list that starts again at 1 (articles numbered per chapter, the items after a proviso, a list the layout flattened) begins a new run, and an extract (a 附則 marked 抄) leaves numbers out on purpose.
    ///
    /// ## Why is this bad?
    /// A skipped number usually means a provision was deleted or moved without renumbering, and references such as 第５条 may now point at the wrong provision. Readers and 新旧対照表 tools rely on consecutive numbers.
    ///
    /// ## Example
    ///     第３条（利用料金）
    ///     …
    ///     第５条（禁止事項）
    ///
    /// Use instead:
    ///     第３条（利用料金）
    ///     …
    ///     第４条（禁止事項）
    ///
    /// or keep the number and mark the provision deleted: 第４条　削除
    pub struct NumberingGap;
    static NUMBERING_GAP = ("Y101", "numbering-gap", Warning, "条/項/号/section numbers that skip (第３条 then 第５条)");
}

impl Rule for NumberingGap {
    fn meta(&self) -> &'static RuleMeta {
        &NUMBERING_GAP
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            for g in groups(doc).into_iter().filter(|g| !g.extract) {
                let kana = kana_order(&g);
                for e in events(&g) {
                    let Event::Gap(a, b, missing) = e else {
                        continue;
                    };
                    let pb = g.members[b].p;
                    let template = pb.label.trim();
                    let (names, count) = match &missing {
                        Missing::List(keys) => {
                            let names: Vec<String> = keys
                                .iter()
                                .map(|k| render_like(template, k, g.level, kana))
                                .collect();
                            let n = names.len();
                            let text = if n > 5 {
                                format!("{n} numbers from {} to {}", names[0], names[n - 1])
                            } else {
                                join_list(&names)
                            };
                            (text, n)
                        }
                        Missing::Span(from, to, n) => (
                            format!(
                                "{} to {}",
                                render_like(template, from, g.level, kana),
                                render_like(template, to, g.level, kana)
                            ),
                            *n as usize,
                        ),
                    };
                    let verb = if count == 1 { "is" } else { "are" };
                    let message = format!(
                        "{}{names} {verb} missing between {} and {}{}",
                        g.level.noun(count > 1),
                        shown(&g, a, kana, true),
                        shown(&g, b, kana, false),
                        scope_suffix(&g)
                    );
                    out.push(
                        Finding::new(d, pb.label_range.clone(), &pb.path, message)
                            .label(d, g.members[a].p.label_range.clone(), "the number before the gap")
                            .help("renumber the provisions that follow (and every reference to them), or keep the number as 削除"),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Y102

declare_rule! {
    /// ## What it does
    /// Finds a number used twice among siblings at one level: two 第５条 in the main provisions, two paragraphs ２ in one article, two items （３） in one paragraph.
    ///
    /// ## Why is this bad?
    /// A reference to 第５条 can no longer be resolved: the reader cannot tell which provision is meant, and neither can a court. It is usually a provision inserted without renumbering the ones after it.
    ///
    /// ## Example
    ///     第５条（保管データの管理）
    ///     …
    ///     第５条（バックアップ）
    ///
    /// Use instead:
    ///     第５条（保管データの管理）
    ///     …
    ///     第５条の２（バックアップ）
    pub struct NumberingDuplicate;
    static NUMBERING_DUPLICATE = ("Y102", "numbering-duplicate", Error, "the same number twice at one level");
}

impl Rule for NumberingDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &NUMBERING_DUPLICATE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            for g in groups(doc) {
                let kana = kana_order(&g);
                for e in events(&g) {
                    let Event::Duplicate(a, b) = e else { continue };
                    let (pa, pb) = (g.members[a].p, g.members[b].p);
                    let message = format!(
                        "{}{} is numbered twice{}",
                        g.level.noun(false),
                        shown(&g, b, kana, false),
                        scope_suffix(&g)
                    );
                    out.push(
                        Finding::new(d, pb.label_range.clone(), &pb.path, message)
                            .label(d, pa.label_range.clone(), "first used here")
                            .note(format!("line {} already has this number", doc.source.line_index(pa.label_range.start.min(doc.source.text.len())) + 1))
                            .help("renumber one of them (a provision inserted after another can take a branch number such as 第５条の２)"),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Y103

declare_rule! {
    /// ## What it does
    /// Finds a number lower than the sibling before it: 第５条 after 第６条, paragraph ２ after ３, item （１） after （２） in one list.
    ///
    /// ## Why is this bad?
    /// Provisions out of order are usually the result of moving text without renumbering; references and the reader's sense of the structure both go wrong.
    ///
    /// ## Example
    ///     第６条（禁止事項）
    ///     …
    ///     第５条（利用停止）
    ///
    /// Use instead:
    ///     第５条（禁止事項）
    ///     …
    ///     第６条（利用停止）
    pub struct NumberingOrder;
    static NUMBERING_ORDER = ("Y103", "numbering-order", Error, "numbers that go backwards");
}

impl Rule for NumberingOrder {
    fn meta(&self) -> &'static RuleMeta {
        &NUMBERING_ORDER
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            for g in groups(doc) {
                let kana = kana_order(&g);
                for e in events(&g) {
                    let Event::Backward(a, b) = e else { continue };
                    let (pa, pb) = (g.members[a].p, g.members[b].p);
                    let message = format!(
                        "{}{} comes after {}{}",
                        g.level.noun(false),
                        shown(&g, b, kana, false),
                        shown(&g, a, kana, true),
                        scope_suffix(&g)
                    );
                    out.push(
                        Finding::new(d, pb.label_range.clone(), &pb.path, message)
                            .label(d, pa.label_range.clone(), "the higher number before it")
                            .help("put the provisions in order, or renumber them (and every reference to them)"),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Y104

/// How an article or paragraph number is written.
fn digit_style(label: &str) -> Option<NumeralClass> {
    numeral_run(label, false).map(|(_, c)| c).filter(|c| {
        matches!(
            c,
            NumeralClass::Ascii | NumeralClass::FullWidth | NumeralClass::Kanji
        )
    })
}

fn style_name(c: NumeralClass) -> &'static str {
    match c {
        NumeralClass::Ascii => "half-width digits",
        NumeralClass::FullWidth => "full-width digits",
        NumeralClass::Kanji => "kanji numerals",
        _ => "another form",
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

/// Occurrences of one style in a document, in order.
struct Tally<'a, K> {
    styles: BTreeMap<K, Vec<&'a Provision>>,
    first: Vec<K>,
}

impl<'a, K: Ord + Clone> Tally<'a, K> {
    fn new() -> Self {
        Tally {
            styles: BTreeMap::new(),
            first: Vec::new(),
        }
    }

    fn add(&mut self, k: K, p: &'a Provision) {
        let v = self.styles.entry(k.clone()).or_default();
        if v.is_empty() {
            self.first.push(k);
        }
        v.push(p);
    }

    /// The document's style (the most used; on a tie, the first written) and the others.
    fn split(&self) -> Option<(&K, Vec<Occurrences<'_, 'a, K>>)> {
        if self.styles.len() < 2 {
            return None;
        }
        let rank = |k: &K| self.first.iter().position(|f| f == k).unwrap_or(usize::MAX);
        let main = self
            .styles
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(rank(b.0).cmp(&rank(a.0))))?
            .0;
        let others = self.styles.iter().filter(|(k, _)| *k != main).collect();
        Some((main, others))
    }
}

/// The typesetting convention 第１条 … 第９条, 第10条 …: one digit full-width, two or more
/// half-width. A document that follows it throughout is consistent.
fn width_by_digit_count(tally: &Tally<'_, NumeralClass>) -> bool {
    let digits =
        |p: &Provision| numeral_run(&p.label, false).map_or(0, |(r, _)| p.label[r].chars().count());
    tally
        .styles
        .keys()
        .all(|k| matches!(k, NumeralClass::Ascii | NumeralClass::FullWidth))
        && tally
            .styles
            .get(&NumeralClass::FullWidth)
            .is_some_and(|v| v.iter().all(|p| digits(p) == 1))
        && tally
            .styles
            .get(&NumeralClass::Ascii)
            .is_some_and(|v| v.iter().all(|p| digits(p) >= 2))
}

declare_rule! {
    /// ## What it does
    /// Finds labels written in a style different from the rest of the document: article numbers in half-width digits (第1条), full-width digits (第１条) or kanji (第一条) mixed; paragraph numbers of two widths (2 beside ２); item labels of one level in two bracket forms ((1) beside （１）). The minority style is reported, each occurrence. A statute that writes every number in kanji is consistent.
    ///
    /// ## Why is this bad?
    /// Mixed label styles are a sign of text pasted from another version or document; they make search and comparison unreliable and look careless in a published document.
    ///
    /// ## Example
    ///     第１条（目的）
    ///     …
    ///     第2条（定義）
    ///
    /// Use instead:
    ///     第１条（目的）
    ///     …
    ///     第２条（定義）
    pub struct MixedNumberingStyle;
    static MIXED_NUMBERING_STYLE = ("Y104", "mixed-numbering-style", Warning, "第1条 beside 第１条, （１） beside (1) in one document");
}

impl Rule for MixedNumberingStyle {
    fn meta(&self) -> &'static RuleMeta {
        &MIXED_NUMBERING_STYLE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let mut articles: Tally<NumeralClass> = Tally::new();
            let mut paragraphs: Tally<NumeralClass> = Tally::new();
            // (item depth, form) → written variant.
            let mut items: BTreeMap<(usize, String), Tally<String>> = BTreeMap::new();
            let mut last_range: Option<Range<usize>> = None;
            let roots = doc.provisions.iter().chain(doc.suppl.iter());
            let mut stack: Vec<(&Provision, usize)> = roots.rev().map(|p| (p, 0)).collect();
            while let Some((p, depth)) = stack.pop() {
                let labelled = !p.label.trim().is_empty() && !p.label_range.is_empty();
                let is_item = matches!(p.kind, ProvisionKind::Item | ProvisionKind::Subitem);
                match p.kind {
                    // Articles deleted as a range share one label: count it once.
                    ProvisionKind::Article if last_range.as_ref() != Some(&p.label_range) => {
                        last_range = Some(p.label_range.clone());
                        if let Some(s) = digit_style(&p.label) {
                            articles.add(s, p);
                        }
                    }
                    ProvisionKind::Paragraph if labelled => {
                        if let Some(s) = digit_style(&p.label).filter(|s| *s != NumeralClass::Kanji)
                        {
                            paragraphs.add(s, p);
                        }
                    }
                    ProvisionKind::Item | ProvisionKind::Subitem if labelled => {
                        items
                            .entry((depth, label_form(&p.label)))
                            .or_insert_with(Tally::new)
                            .add(item_variant(&p.label), p);
                    }
                    _ => {}
                }
                let child_depth = if is_item { depth + 1 } else { depth };
                stack.extend(p.children.iter().rev().map(|c| (c, child_depth)));
            }
            let mut report = |p: &Provision, message: String, note: String, help: String| {
                out.push(
                    Finding::new(d, p.label_range.clone(), &p.path, message)
                        .note(note)
                        .help(help),
                );
            };
            if let Some((main, others)) = articles
                .split()
                .filter(|_| !width_by_digit_count(&articles))
            {
                let main_n = articles.styles.get(main).map_or(0, Vec::len);
                let example = articles
                    .styles
                    .get(main)
                    .and_then(|v| v.first())
                    .map_or("", |p| p.label.as_str());
                for (k, ps) in others {
                    for p in ps {
                        report(
                            p,
                            format!("article label 「{}」 is written with {}; this document numbers articles with {}", p.label, style_name(*k), style_name(*main)),
                            format!("{main_n} article labels use {} (「{example}」), {} use {}", style_name(*main), ps.len(), style_name(*k)),
                            format!("write 「{}」", restyle(&p.label, *main)),
                        );
                    }
                }
            }
            if let Some((main, others)) = paragraphs
                .split()
                .filter(|_| !width_by_digit_count(&paragraphs))
            {
                let main_n = paragraphs.styles.get(main).map_or(0, Vec::len);
                for (k, ps) in others {
                    for p in ps {
                        let fixed = restyle(&p.label, *main);
                        report(
                            p,
                            format!("paragraph number 「{}」 is written with {}; this document numbers paragraphs with {}", p.label.trim(), style_name(*k), style_name(*main)),
                            format!("{main_n} paragraph labels use {}, {} use {}", style_name(*main), ps.len(), style_name(*k)),
                            format!("write 「{fixed}」"),
                        );
                    }
                }
            }
            for tally in items.values() {
                let Some((main, others)) = tally.split() else {
                    continue;
                };
                let main_n = tally.styles.get(main).map_or(0, Vec::len);
                let example = tally
                    .styles
                    .get(main)
                    .and_then(|v| v.first())
                    .map_or("", |p| p.label.trim());
                for (k, ps) in others {
                    for p in ps {
                        report(
                            p,
                            format!("item label 「{}」 is written differently from the other labels at its level (「{example}」)", p.label.trim()),
                            format!("{main_n} labels at this level are written like 「{example}」, {} like 「{}」", ps.len(), k),
                            format!("write it like 「{example}」"),
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Y107

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

/// Every provision in document order, with its depth and whether it stands in an extract
/// (抄), whose omitted items are no error.
fn document_order(doc: &Document) -> Vec<(&Provision, usize, bool)> {
    let main_extract = title_is_extract(doc);
    let mut out = Vec::new();
    let roots = doc
        .provisions
        .iter()
        .map(|p| (p, main_extract))
        .chain(doc.suppl.iter().map(|s| (s, suppl_is_extract(doc, s))));
    for (root, extract) in roots {
        let mut stack = vec![(root, 0usize)];
        while let Some((p, depth)) = stack.pop() {
            out.push((p, depth, extract));
            stack.extend(p.children.iter().rev().map(|c| (c, depth + 1)));
        }
    }
    out
}

/// For every provision in document order, the index of the first provision after all
/// of its descendants (one backward pass with a stack).
fn after_subtrees(order: &[(&Provision, usize, bool)]) -> Vec<usize> {
    let mut out = vec![order.len(); order.len()];
    let mut stack: Vec<usize> = Vec::new();
    for i in (0..order.len()).rev() {
        let depth = order[i].1;
        while stack.last().is_some_and(|&j| order[j].1 > depth) {
            stack.pop();
        }
        out[i] = stack.last().copied().unwrap_or(order.len());
        stack.push(i);
    }
    out
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

declare_rule! {
    /// ## What it does
    /// Finds a provision that announces a list (次の各号, 以下の各号, 次に掲げる) but is followed by only one item (号) or none. Words inside 「」 (a 読替え or an amendment that quotes them), 次に掲げる表, lists of bullets (・) and 附則 marked 抄 (an extract) are not reported.
    ///
    /// ## Why is this bad?
    /// 「各号」 promises several items. With one item the sentence reads as if items were deleted by mistake; with none, the list the sentence relies on is missing and the provision cannot be applied.
    ///
    /// ## Example
    ///     当社は、次の各号のいずれかに該当する場合、本サービスを停止できます。
    ///     （１）利用料金の支払を怠った場合
    ///
    /// Use instead:
    ///     当社は、利用者が利用料金の支払を怠った場合、本サービスを停止できます。
    pub struct SingleItemList;
    static SINGLE_ITEM_LIST = ("Y107", "single-item-list", Warning, "「次の各号」 followed by one 号 or none");
}

impl Rule for SingleItemList {
    fn meta(&self) -> &'static RuleMeta {
        &SINGLE_ITEM_LIST
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let order = document_order(doc);
            let after_subtree = after_subtrees(&order);
            for (i, &(p, _, extract)) in order.iter().enumerate() {
                if extract
                    || matches!(
                        p.kind,
                        ProvisionKind::Row | ProvisionKind::Table | ProvisionKind::Unplaced
                    )
                {
                    continue;
                }
                let Some(words) = list_words(&p.text) else {
                    continue;
                };
                if p.children.iter().any(|c| c.kind == ProvisionKind::Table) {
                    continue;
                }
                let items = p
                    .children
                    .iter()
                    .filter(|c| matches!(c.kind, ProvisionKind::Item | ProvisionKind::Subitem))
                    .count();
                if items > 1 {
                    continue;
                }
                // A list that follows in the text but that the parser hung elsewhere (after a
                // branch item 三の二 it could not read) is still a list.
                // So is a list the layout flattened into paragraphs numbered from 1 (`1.`
                // items under a `3.` paragraph in Markdown stripped of its indentation).
                // So is a bulleted list, which the parser keeps as text: in unlabelled
                // paragraphs after this one, or appended to this text after the sentence.
                let next_is_list = order.get(i + 1).is_some_and(|(n, _, _)| {
                    matches!(n.kind, ProvisionKind::Item | ProvisionKind::Subitem)
                        || (!n.label.trim().is_empty() && n.num == "1")
                        || (n.kind == ProvisionKind::Paragraph
                            && n.label.trim().is_empty()
                            && n.text.trim_start().starts_with(BULLETS))
                });
                if items == 0 && lines_follow(&p.text, words.end) {
                    continue;
                }
                if items == 0 && next_is_list {
                    continue;
                }
                // One item, and the next (unlabelled) paragraph goes on with item ２: the
                // parser split the list at a line it could not read (一の二).
                if let Some(only) = p
                    .children
                    .iter()
                    .find(|c| matches!(c.kind, ProvisionKind::Item | ProvisionKind::Subitem))
                {
                    let after = after_subtree.get(i).and_then(|&j| order.get(j));
                    let next_num = only.num.parse::<u32>().ok().map(|k| k + 1);
                    let continues = after.is_some_and(|(n, _, _)| {
                        let split = n.kind == ProvisionKind::Paragraph
                            && n.label.is_empty()
                            && n.children.first().is_some_and(|c| {
                                c.kind == only.kind && c.num.parse::<u32>().ok() == next_num
                            });
                        // ２. taken for a paragraph: the item list of a flattened layout.
                        let misread = !n.label.trim().is_empty()
                            && label_form(&n.label) == label_form(&only.label)
                            && n.num.parse::<u32>().ok() == next_num;
                        split || misread
                    });
                    if continues {
                        continue;
                    }
                }
                let said = &p.text[words.clone()];
                let range = p.text_map.src_range(words);
                let (message, help) = if items == 1 {
                    (
                        format!("「{said}」 announces a list, but only one item follows"),
                        "write the single item into the sentence, or add the missing items",
                    )
                } else {
                    (
                        format!("「{said}」 announces a list, but no item follows"),
                        "add the items the sentence refers to, or rewrite the sentence",
                    )
                };
                out.push(Finding::new(d, range, &p.path, message).help(help));
            }
        }
    }
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
