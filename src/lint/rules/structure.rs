//! Structure rules (Y105–Y106): brackets that do not pair within a provision, and text
//! the parser could not place in the provision tree.

use crate::corpus::Corpus;
use crate::lint::{Finding, Findings, Rule, RuleMeta};
use crate::model::{Document, Provision, ProvisionKind};
use crate::text::BRACKETS;
use std::ops::Range;

pub(super) const RULES: &[&dyn Rule] = &[&UnbalancedBracket, &UnplacedText];

// ---------------------------------------------------------------------------------------
// Y105

/// The pair a bracket belongs to, and whether it opens. （ and ( are one pair: a
/// full-width bracket closed by a half-width one is a width slip, not an unpaired bracket.
fn bracket(c: char) -> Option<(usize, bool)> {
    let fold = |i: usize| {
        if BRACKETS[i].0 == '(' {
            paren_pair()
        } else {
            i
        }
    };
    BRACKETS.iter().enumerate().find_map(|(i, &(open, close))| {
        if c == open {
            Some((fold(i), true))
        } else if c == close {
            Some((fold(i), false))
        } else {
            None
        }
    })
}

/// The index of （） in [`BRACKETS`].
fn paren_pair() -> usize {
    BRACKETS.iter().position(|&(o, _)| o == '（').unwrap_or(0)
}

fn is_list_marker_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('０'..='９').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
        || ('ァ'..='ヺ').contains(&c)
}

/// Is the closing parenthesis at `at` the end of a list marker written in running text
/// (…次のとおり。１）… ２）…, a) …): a short number, letter or kana that starts the text
/// or follows a space or a punctuation mark?
fn closes_list_marker(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let mut token = 0;
    let mut start = at;
    for (i, c) in before.char_indices().rev() {
        if !is_list_marker_char(c) || token == 3 {
            break;
        }
        token += 1;
        start = i;
    }
    if token == 0 {
        return false;
    }
    // A katakana word (サービス) is not a marker: one kana at most.
    if before[start..].chars().any(|c| ('ァ'..='ヺ').contains(&c)) && token > 1 {
        return false;
    }
    match before[..start].chars().next_back() {
        None => true,
        Some(c) => c.is_whitespace() || "。、，．：:；;・".contains(c),
    }
}

/// Text that quotes fragments of other text: a 読替え (「取締役（」とあるのは「清算人（」と)
/// or an amendment (「前各号」を「前三号」に改める). A quoted fragment may hold half a
/// bracket, or an opening 「 of its own, on purpose.
fn quotes_fragments(text: &str) -> bool {
    const MARKS: [&str; 6] = [
        "とあるのは",
        "」を「",
        "」を削",
        "」を加え",
        "」の下に「",
        "」の次に「",
    ];
    MARKS.iter().any(|m| text.contains(m))
}

/// The rows of 読替え tables (「同表の第三欄に掲げる字句は、それぞれ同表の第四欄に掲げる字句
/// に読み替える」): their cells are fragments of wording, cut anywhere, brackets included.
fn reading_table_rows(doc: &Document) -> std::collections::HashSet<*const Provision> {
    let mut rows = std::collections::HashSet::new();
    for p in doc.all_provisions() {
        if !(p.text.contains("字句") || p.text.contains("読み替") || p.text.contains("読替"))
        {
            continue;
        }
        for t in p.children.iter().filter(|c| c.kind == ProvisionKind::Table) {
            rows.extend(t.walk().map(|r| r as *const Provision));
        }
    }
    rows
}

/// An unpaired bracket: its byte range in the text of `owner` (an index into the texts
/// scanned together) and what is wrong with it.
struct Unpaired {
    owner: usize,
    range: Range<usize>,
    bracket: char,
    /// The bracket that would pair it.
    partner: char,
    opening: bool,
    /// For an opening bracket closed over: the closing bracket that came first.
    cut_by: Option<char>,
}

/// Scan texts that read as one (a paragraph the layout broke into several) once, with a
/// stack of open brackets: no recursion, whatever the nesting.
fn unpaired(texts: &[&str]) -> Vec<Unpaired> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, usize, usize, char)> = Vec::new(); // (pair, owner, offset, char)
    let mut open_count = [0usize; BRACKETS.len()];
    for (owner, text) in texts.iter().enumerate() {
        for (i, c) in text.char_indices() {
            let Some((pair, opening)) = bracket(c) else {
                continue;
            };
            if opening {
                stack.push((pair, owner, i, c));
                open_count[pair] += 1;
                continue;
            }
            if open_count[pair] == 0 {
                if pair == paren_pair() && closes_list_marker(text, i) {
                    continue;
                }
                out.push(Unpaired {
                    owner,
                    range: i..i + c.len_utf8(),
                    bracket: c,
                    partner: BRACKETS[pair].0,
                    opening: false,
                    cut_by: None,
                });
                continue;
            }
            // Close the nearest open bracket of this pair; the ones opened after it were
            // never closed. Each bracket is pushed and popped once: linear.
            while let Some((p, o, at, oc)) = stack.pop() {
                open_count[p] -= 1;
                if p == pair {
                    break;
                }
                out.push(Unpaired {
                    owner: o,
                    range: at..at + oc.len_utf8(),
                    bracket: oc,
                    partner: BRACKETS[p].1,
                    opening: true,
                    cut_by: Some(c),
                });
            }
        }
    }
    for (p, owner, at, oc) in stack {
        out.push(Unpaired {
            owner,
            range: at..at + oc.len_utf8(),
            bracket: oc,
            partner: BRACKETS[p].1,
            opening: true,
            cut_by: None,
        });
    }
    out.sort_by_key(|u| (u.owner, u.range.start));
    out
}

/// Does `next` read on from `prev`: an unlabelled paragraph after a paragraph with nothing
/// below it (old statutes and hard-wrapped plain text, where the parser makes a paragraph
/// of every line)? A bracket may then open in one and close in the other.
fn reads_on(prev: &Provision, next: &Provision) -> bool {
    prev.kind == ProvisionKind::Paragraph
        && prev.children.is_empty()
        && next.kind == ProvisionKind::Paragraph
        && next.label.trim().is_empty()
        && !quotes_fragments(&next.text)
}

/// The provisions of a document in runs that are scanned together (see [`reads_on`]).
fn chains(doc: &Document) -> Vec<Vec<&Provision>> {
    let mut out: Vec<Vec<&Provision>> = Vec::new();
    let mut lists: Vec<&[Provision]> = vec![&doc.suppl, &doc.provisions];
    while let Some(list) = lists.pop() {
        let mut chain: Vec<&Provision> = Vec::new();
        for p in list {
            let continues = chain.last().is_some_and(|prev| reads_on(prev, p));
            if !continues && !chain.is_empty() {
                out.push(std::mem::take(&mut chain));
            }
            chain.push(p);
        }
        if !chain.is_empty() {
            out.push(chain);
        }
        lists.extend(
            list.iter()
                .rev()
                .filter(|p| !p.children.is_empty())
                .map(|p| p.children.as_slice()),
        );
    }
    out
}

fn unpaired_message(u: &Unpaired, place: &str) -> (String, String) {
    let (b, partner) = (u.bracket, u.partner);
    if !u.opening {
        return (
            format!("「{b}」 closes a bracket that was never opened in {place}"),
            format!("add the opening 「{partner}」 or delete this one"),
        );
    }
    match u.cut_by {
        Some(cut) => (
            format!("「{b}」 is not closed before 「{cut}」 in {place}"),
            format!("close it with 「{partner}」 before 「{cut}」"),
        ),
        None => (
            format!("「{b}」 is never closed in {place}"),
            format!("close it with 「{partner}」, or delete it"),
        ),
    }
}

/// Where a caption stands in the source: near the label of its provision (on the same
/// line, or on the caption line above it). `None` when it cannot be found verbatim (a
/// caption broken by a hard wrap).
fn caption_range(doc: &Document, p: &Provision, caption: &str) -> Option<Range<usize>> {
    let src = &doc.source.text;
    let mut from = p
        .label_range
        .start
        .saturating_sub(caption.len() + 64)
        .min(src.len());
    while !src.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (p.label_range.end + caption.len() + 64).min(src.len());
    while !src.is_char_boundary(to) {
        to += 1;
    }
    let window = src.get(from..to)?;
    // The occurrence nearest the label.
    let label_at = p.label_range.start;
    window
        .match_indices(caption)
        .map(|(i, _)| from + i)
        .min_by_key(|&s| s.abs_diff(label_at))
        .map(|s| s..s + caption.len())
}

declare_rule! {
    /// ## What it does
    /// Finds brackets (「」『』（）【】〔〕 and half-width ()) that do not pair within the text of one provision or within a caption: an opening bracket that is never closed, a closing bracket with no opening one, brackets that cross (「…（…」…）). Not reported: a closing parenthesis that ends a list marker in running text (１）, a)); half brackets inside quoted fragments of a 読替え or an amendment (「取締役（」とあるのは「清算人（」と); a bracket that opens in one unlabelled paragraph and closes in the next (a line the parser took for a new paragraph). （ closed by ) counts as a pair.
    ///
    /// The scan is linear, with a stack of open brackets; no nesting depth is too deep.
    ///
    /// ## Why is this bad?
    /// An unclosed 「 leaves the reader unsure where a defined term or a quotation ends, and an unclosed （ where a parenthetical ends — which changes what the provision says. It is usually a slip left by an edit.
    ///
    /// ## Example
    ///     当社は、利用者の個人情報（氏名、住所等をいいます。を適切に管理します。
    ///
    /// Use instead:
    ///     当社は、利用者の個人情報（氏名、住所等をいいます。）を適切に管理します。
    pub struct UnbalancedBracket;
    static UNBALANCED_BRACKET = ("Y105", "unbalanced-bracket", Error, "「」『』（）【】 that do not pair within a provision");
}

impl Rule for UnbalancedBracket {
    fn meta(&self) -> &'static RuleMeta {
        &UNBALANCED_BRACKET
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let fragment_rows = reading_table_rows(doc);
            for chain in chains(doc) {
                // Y106 reports unplaced lines as a whole; 読替え and amendments quote
                // fragments with half a bracket on purpose, in their text or in the
                // cells of a 読替え table.
                let checked: Vec<&Provision> = chain
                    .into_iter()
                    .filter(|p| {
                        p.kind != ProvisionKind::Unplaced
                            && !quotes_fragments(&p.text)
                            && !fragment_rows.contains(&(*p as *const Provision))
                    })
                    .collect();
                let texts: Vec<&str> = checked.iter().map(|p| p.text.as_str()).collect();
                // One finding per provision: the first unpaired bracket, with a count of
                // the others (a provision of 100,000 「 is one problem, not 100,000).
                let all = unpaired(&texts);
                let mut per_owner: Vec<(usize, usize)> = Vec::new(); // (owner, count)
                for u in &all {
                    match per_owner.last_mut() {
                        Some((o, n)) if *o == u.owner => *n += 1,
                        _ => per_owner.push((u.owner, 1)),
                    }
                }
                let mut reported = std::collections::HashSet::new();
                for u in all {
                    if !reported.insert(u.owner) {
                        continue;
                    }
                    let more = per_owner
                        .iter()
                        .filter(|(o, _)| *o == u.owner)
                        .map(|(_, n)| n)
                        .sum::<usize>()
                        - 1;
                    let Some(p) = checked.get(u.owner) else {
                        continue;
                    };
                    let place = if p.path.is_empty() {
                        "this provision"
                    } else {
                        p.path.as_str()
                    };
                    let (message, help) = unpaired_message(&u, place);
                    let mut f =
                        Finding::new(d, p.text_map.src_range(u.range.clone()), &p.path, message)
                            .help(help);
                    if more > 0 {
                        f = f.note(format!(
                            "{more} more unpaired bracket{} in this provision",
                            if more == 1 { "" } else { "s" }
                        ));
                    }
                    out.push(f);
                }
            }
            for p in doc.all_provisions() {
                let Some(caption) = p.caption.as_deref() else {
                    continue;
                };
                let bad = unpaired(&[caption]);
                if bad.is_empty() {
                    continue;
                }
                let Some(at) = caption_range(doc, p, caption) else {
                    continue;
                };
                let place = format!(
                    "the caption of {}",
                    if p.path.is_empty() {
                        "this provision"
                    } else {
                        p.path.as_str()
                    }
                );
                for u in bad {
                    let (message, help) = unpaired_message(&u, &place);
                    let r = at.start + u.range.start..at.start + u.range.end;
                    out.push(Finding::new(d, r, &p.path, message).help(help));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Y106

/// The decoded range of the first source line of a provision's text, without the trailing
/// spaces that end a block.
fn first_line(doc: &Document, p: &Provision) -> Range<usize> {
    let src = &doc.source.text;
    let lead = p.text.len() - p.text.trim_start().len();
    if p.text.trim().is_empty() {
        return p.label_range.clone();
    }
    let whole = p.text_map.src_range(lead..p.text.len());
    let start = whole.start;
    let Some(rest) = src.get(start..) else {
        return whole;
    };
    let line_end = rest.find(['\n', '\r']).map_or(src.len(), |i| start + i);
    let end = line_end.min(whole.end.max(start));
    match src.get(start..end) {
        Some(line) => start..start + line.trim_end().len(),
        None => whole,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports every piece of text that yakkan could not place in the structure of 条, 項 and 号 — for example text after the end marker 以上 that is not a 附則.
    ///
    /// ## Why is this bad?
    /// Text outside the structure cannot be cited and is not covered by the other checks: it is either stray text left by an edit (a note, a draft comment) or a heading written in a form yakkan does not recognise, which then hides the provisions below it.
    ///
    /// ## Example
    ///     以上
    ///     （社内メモ：第５条は要確認）
    ///
    /// Use instead: delete the stray text, or move it into a provision (a 附則 for dates of enactment and revision).
    pub struct UnplacedText;
    static UNPLACED_TEXT = ("Y106", "unplaced-text", Warning, "text the parser could not place in the structure");
}

impl Rule for UnplacedText {
    fn meta(&self) -> &'static RuleMeta {
        &UNPLACED_TEXT
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            for p in doc
                .all_provisions()
                .filter(|p| p.kind == ProvisionKind::Unplaced)
            {
                let text = p.text.trim();
                let mut quoted: String = text.chars().take(20).collect();
                if text.chars().nth(20).is_some() {
                    quoted.push('…');
                }
                let message = format!("text outside the structure: 「{quoted}」");
                out.push(
                    Finding::new(d, first_line(doc, p), &p.path, message)
                        .note("yakkan could not place this text in an article, paragraph or item")
                        .help("delete stray text, or give it a heading yakkan recognises (第N条, 附則)"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brackets(text: &str) -> Vec<(char, bool)> {
        unpaired(&[text])
            .iter()
            .map(|u| (u.bracket, u.opening))
            .collect()
    }

    #[test]
    fn pairs_and_strays() {
        assert!(brackets("個人情報（氏名、「住所」等）を管理します。").is_empty());
        assert_eq!(
            brackets("個人情報（氏名、住所等を管理します。"),
            [('（', true)]
        );
        assert_eq!(brackets("「保守記録」を作成します」。"), [('」', false)]);
        assert_eq!(brackets("「ア（イ」ウ）"), [('（', true), ('）', false)]);
        assert!(brackets("手順は次のとおり。１）受付、２）調査、a) 修理").is_empty());
        assert!(brackets("（注)").is_empty());
        assert_eq!(brackets("サービス）"), [('）', false)]);
    }

    #[test]
    fn texts_read_on() {
        let u = unpaired(&["当社は（利用者の", "同意を得て）提供します。"]);
        assert!(u.is_empty());
    }

    #[test]
    fn deep_nesting_stays_off_the_stack() {
        let deep = "「".repeat(200_000) + &"」".repeat(200_000);
        assert!(unpaired(&[&deep]).is_empty());
        let open = "（".repeat(100_000);
        assert_eq!(unpaired(&[&open]).len(), 100_000);
    }

    proptest! {
        #[test]
        fn never_panics(s in "[「」『』（）()【】〔〕１）a-zア-ン 。、]{0,40}") {
            let _ = unpaired(&[&s, &s]);
            for (i, _) in s.char_indices() {
                let _ = closes_list_marker(&s, i);
            }
        }
    }
}
