//! The numbering groups of a document: the siblings of each level (articles, paragraphs,
//! items, sub-items, chapters, sections) whose numbers must run on, with the number path
//! of each label. Read by the numbering rules (Y101–Y104).

use crate::model::{CompactString, Document, Provision, ProvisionKind};
use crate::parse::numeral::KanaOrder;
use std::collections::BTreeMap;
use std::ops::Range;

/// How the number of a label is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NumeralClass {
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
    pub(crate) fn of(c: char) -> Option<NumeralClass> {
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
    pub(crate) fn runs(self) -> bool {
        matches!(
            self,
            NumeralClass::Ascii | NumeralClass::FullWidth | NumeralClass::Kanji
        )
    }
}

/// The byte range and class of the first (or last) numeral in a label.
pub(crate) fn numeral_run(label: &str, last: bool) -> Option<(Range<usize>, NumeralClass)> {
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
pub(crate) fn render(n: u32, class: NumeralClass, kana: KanaOrder) -> String {
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

/// The level a group of siblings stands at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
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
    pub(crate) fn noun(self, plural: bool) -> &'static str {
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
pub(crate) struct Member<'a> {
    pub(crate) p: &'a Provision,
    /// Its number; for articles deleted as a range (第三十八条から第八十四条まで　削除,
    /// num "38:84"), which stand for every number from the first to the last, a
    /// [`NumberPath::Range`] that reads as the first ([`Member::end`] gives the last). A
    /// member is 24 bytes, and a large document has one for nearly every provision.
    pub(crate) key: NumberPath,
}

/// A number as a path of numbers (`[10, 2]` for 第10条の2), read as a slice. A large
/// document has a member for nearly every provision, each with a key and an end: up to
/// [`NumberPath::INLINE`] numbers (all but the rarest 第十条の二の三の四) are held in place
/// rather than in two allocations of their own.
#[derive(Clone)]
pub(crate) enum NumberPath {
    /// `len` numbers at the start of `numbers`; the others are 0.
    Short {
        len: u8,
        numbers: [u32; NumberPath::INLINE],
    },
    /// More than [`NumberPath::INLINE`] numbers, boxed: a thin pointer keeps the path at
    /// 16 bytes (a `Vec` or `Box<[u32]>` would make it 24 or 32).
    #[allow(clippy::box_collection)]
    Long(Box<Vec<u32>>),
    /// A range of numbers, its first and its last (neither a range): read as a slice, the
    /// first ([`NumberPath::last`] gives the last). Boxed: only a deleted range has one.
    Range(Box<[NumberPath; 2]>),
}

impl NumberPath {
    /// How many numbers a path holds in place.
    pub(crate) const INLINE: usize = 3;

    /// The path of one number.
    pub(crate) fn one(n: u32) -> NumberPath {
        std::iter::once(n).collect()
    }

    pub(crate) fn as_slice(&self) -> &[u32] {
        match self {
            NumberPath::Short { len, numbers } => &numbers[..usize::from(*len)],
            NumberPath::Long(numbers) => numbers,
            NumberPath::Range(ends) => ends[0].as_slice(),
        }
    }

    /// The last number the path stands for: itself, but for a range.
    pub(crate) fn last(&self) -> &NumberPath {
        match self {
            NumberPath::Range(ends) => &ends[1],
            _ => self,
        }
    }
}

impl FromIterator<u32> for NumberPath {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> NumberPath {
        let mut numbers = [0; NumberPath::INLINE];
        let mut len = 0;
        let mut iter = iter.into_iter();
        while let Some(n) = iter.next() {
            if len == NumberPath::INLINE {
                let mut long = numbers.to_vec();
                long.push(n);
                long.extend(iter);
                return NumberPath::Long(Box::new(long));
            }
            numbers[len] = n;
            len += 1;
        }
        NumberPath::Short {
            len: len as u8,
            numbers,
        }
    }
}

impl std::ops::Deref for NumberPath {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        self.as_slice()
    }
}

impl PartialEq for NumberPath {
    fn eq(&self, other: &NumberPath) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<const N: usize> PartialEq<[u32; N]> for NumberPath {
    fn eq(&self, other: &[u32; N]) -> bool {
        self.as_slice() == other
    }
}

impl Member<'_> {
    /// The last number it stands for: `key`, but for a range.
    pub(crate) fn end(&self) -> &NumberPath {
        self.key.last()
    }

    /// Does it stand for a range of numbers (articles deleted as a range)?
    pub(crate) fn is_range(&self) -> bool {
        matches!(self.key, NumberPath::Range(_))
    }

    /// Unlabelled provisions (paragraph 1, bullets) carry a number the parser counted.
    pub(crate) fn labelled(&self) -> bool {
        !self.p.label.trim().is_empty() && !self.p.label_range().is_empty()
    }
}

/// The scope of the groups at the top of the main provisions.
static NO_SCOPE: CompactString = CompactString::const_new("");

pub(crate) struct Group<'a> {
    pub(crate) level: Level,
    /// Where the siblings stand, for messages: "" at the top of the main provisions. The
    /// path of the provision they stand in, by reference (8 bytes, not a `str`'s 16: a
    /// long document has a group for nearly every article and list).
    pub(crate) scope: &'a CompactString,
    /// Boxed once the group is complete: no room left for growth, and 16 bytes.
    pub(crate) members: Box<[Member<'a>]>,
    /// The siblings stand in an extract (抄): numbers left out on purpose.
    pub(crate) extract: bool,
}

/// The label with its numerals replaced by placeholders: the form shared by siblings
/// ((1) and （１） are one form, 一 and イ are two).
pub(crate) fn label_form(label: &str) -> String {
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

pub(crate) fn parse_number_path(num: &str, level: Level) -> Option<NumberPath> {
    let key = match level {
        Level::Section => NumberPath::one(num.rsplit('.').next()?.parse().ok()?),
        // 10の2: branch numbers of articles, chapters and items (第三号の二).
        _ => num
            .split('の')
            .map(|s| s.parse::<u32>().ok())
            .collect::<Option<NumberPath>>()?,
    };
    (!key.is_empty()).then_some(key)
}

pub(crate) fn member(p: &Provision, level: Level) -> Option<Member<'_>> {
    // Most provisions stand for one number: only a range ("38:84") has an end to parse.
    let Some((first, last)) = p.num.split_once(':') else {
        let key = parse_number_path(&p.num, level)?;
        return Some(Member { p, key });
    };
    let key = parse_number_path(first, level)?;
    let end = parse_number_path(last, level)
        .filter(|e| e.as_slice() >= key.as_slice())
        .unwrap_or_else(|| key.clone());
    let key = if end != key {
        NumberPath::Range(Box::new([key, end]))
    } else {
        key
    };
    Some(Member { p, key })
}

/// The articles below `roots`, in document order.
pub(crate) fn articles<'a>(roots: &'a [Provision]) -> Vec<Member<'a>> {
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
pub(crate) fn child_level(p: &Provision) -> Option<Level> {
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
pub(crate) fn groups(doc: &Document) -> Vec<Group<'_>> {
    let main_extract = title_is_extract(doc);
    let mut out = vec![Group {
        level: Level::Article,
        scope: &NO_SCOPE,
        members: articles(&doc.provisions).into(),
        extract: main_extract,
    }];
    let mut stack: Vec<(&CompactString, &[Provision], bool)> =
        vec![(&NO_SCOPE, &doc.provisions, main_extract)];
    for s in &doc.suppl {
        let extract = suppl_is_extract(doc, s);
        out.push(Group {
            level: Level::Article,
            scope: &s.path,
            members: articles(&s.children).into(),
            extract,
        });
        stack.push((&s.path, &s.children[..], extract));
    }
    while let Some((scope, children, extract)) = stack.pop() {
        // Paragraphs share one count whatever their labels; other levels group by form.
        let mut by_form: BTreeMap<(u8, String), (Level, Vec<Member<'_>>)> = BTreeMap::new();
        for c in children {
            let Some(level) = child_level(c) else {
                continue;
            };
            let Some(m) = member(c, level) else { continue };
            let form = if level == Level::Paragraph {
                String::new()
            } else {
                label_form(&c.label)
            };
            by_form
                .entry((level as u8, form))
                .or_insert_with(|| (level, Vec::new()))
                .1
                .push(m);
        }
        out.extend(by_form.into_values().map(|(level, members)| {
            modern_iroha(Group {
                level,
                scope,
                members: members.into(),
                extract,
            })
        }));
        stack.extend(
            children
                .iter()
                .filter(|c| !c.children.is_empty())
                .map(|c| (&c.path, &c.children[..], extract)),
        );
    }
    out.retain(|g| g.members.iter().any(Member::labelled));
    out.shrink_to_fit();
    out
}

/// A title such as 民法（抄）: the document is an extract.
pub(crate) fn title_is_extract(doc: &Document) -> bool {
    doc.title.contains("（抄）") || doc.title.contains("(抄)")
}

/// A 附則 headed 「附　則　（平成五年法律第八十八号）　抄」 is an extract: the articles,
/// paragraphs and items it leaves out are not gaps. (The model keeps no flag for it, so
/// the heading line is read where the label stands.)
pub(crate) fn suppl_is_extract(doc: &Document, s: &Provision) -> bool {
    doc.source
        .text
        .get(s.label_range().end..)
        .and_then(|rest| rest.lines().next())
        .is_some_and(|line| line.trim_end().ends_with('抄'))
}

/// Statutes write the iroha order in modern kana: ヲ as オ, ヰ as イ, ヱ as エ (イ ロ … ル
/// オ ワ). The parser numbers オ by its other place in the order; put it back after ル.
pub(crate) fn modern_iroha(mut g: Group<'_>) -> Group<'_> {
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
        g.members[i].key = NumberPath::one(modern);
    }
    g
}

/// The kana order of a group's labels (ア starts the gojūon order).
pub(crate) fn kana_order(group: &Group<'_>) -> KanaOrder {
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

#[cfg(test)]
mod tests {
    use super::{member, parse_number_path, Level, Member, NumberPath};

    #[test]
    fn number_paths_read_as_their_numbers() {
        let key = |num| parse_number_path(num, Level::Article).map(|k| k.to_vec());
        assert_eq!(key("10"), Some(vec![10]));
        assert_eq!(key("10の2の3"), Some(vec![10, 2, 3]));
        // Past the numbers held in place.
        assert_eq!(key("10の2の3の4の5"), Some(vec![10, 2, 3, 4, 5]));
        assert_eq!(key("10のx"), None);
        let short: NumberPath = [1, 2].into_iter().collect();
        assert!(short == [1, 2] && short != NumberPath::one(1));
        let long: NumberPath = (1..=5).collect();
        assert!(long == [1, 2, 3, 4, 5] && long.as_slice() > short.as_slice());
        assert_eq!(std::mem::size_of::<NumberPath>(), 16);
        assert_eq!(std::mem::size_of::<Member<'_>>(), 24);
    }

    /// A member's end is its key but for a range, whose end is its last number.
    #[test]
    fn a_member_ends_at_its_key_but_for_a_range() {
        let text = "第一条　この法律は、目的を定める。\n第二条から第五条まで　削除\n第六条の二　この法律は、公布の日から施行する。\n";
        let doc = crate::parse_text_source(std::sync::Arc::new(
            crate::source::SourceFile::from_text("t.txt", text),
        ));
        let members: Vec<Member<'_>> = doc
            .provisions
            .iter()
            .filter_map(|p| member(p, Level::Article))
            .collect();
        let ends: Vec<(Vec<u32>, Vec<u32>, bool)> = members
            .iter()
            .map(|m| (m.key.to_vec(), m.end().to_vec(), m.is_range()))
            .collect();
        assert_eq!(
            ends,
            [
                (vec![1], vec![1], false),
                (vec![2], vec![5], true),
                (vec![6, 2], vec![6, 2], false)
            ]
        );
    }
}
