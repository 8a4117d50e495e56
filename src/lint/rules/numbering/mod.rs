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

use crate::lint::facts::events::{Event, Missing};
use crate::lint::facts::numbering::{
    label_form, numeral_run, render, suppl_is_extract, title_is_extract, Group, Level, NumeralClass,
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
use std::collections::BTreeMap;
use std::ops::Range;

pub(super) const RULES: &[&dyn Rule] = &[
    &NumberingGap,
    &NumberingDuplicate,
    &NumberingOrder,
    &MixedNumberingStyle,
    &SingleItemList,
];

// ---------------------------------------------------------------------------------------
// Gaps, duplicates and order in a sibling group (the groups are `lint::facts::numbering`,
// their events `lint::facts::events`)

/// Calls `f` with every event of every sibling group of every document (extracts
/// included): the document's index, the document, the group, its kana order, the event
/// (`lint::facts::events`, computed once for the three rules that read them).
fn each_pair(facts: &Facts, mut f: impl FnMut(usize, &Document, &Group<'_>, KanaOrder, &Event)) {
    for (d, doc) in facts.corpus.docs.iter().enumerate() {
        let groups = facts.groups(d);
        for (g, e) in facts.events(d) {
            let (group, kana) = &groups[*g];
            f(d, doc, group, *kana, e);
        }
    }
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
    if m.is_range() {
        return render_like(
            label,
            if last { m.end() } else { &m.key },
            group.level,
            kana,
        );
    }
    label.to_string()
}

fn scope_suffix(group: &Group<'_>) -> String {
    match group.scope.as_str() {
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
static LIST_WORDS_SAID: crate::text::Words = crate::text::Words::new(&LIST_WORDS);

/// The first list-announcing words in a text that are not inside 「」 (a quoted amendment
/// such as 「次の各号」を「次に掲げる」に改める announces nothing).
fn list_words(text: &str) -> Option<Range<usize>> {
    // Most texts announce no list: one search for each of the words, before the walk
    // that asks every character outside quotes.
    if !LIST_WORDS_SAID.said_in(text) {
        return None;
    }
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
