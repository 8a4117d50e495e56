//! Structure rules (Y105–Y106): brackets that do not pair within a provision, and text
//! the parser could not place in the provision tree.

mod unbalanced_bracket;
mod unplaced_text;

use crate::lint::{Finding, Findings, Rule};
use crate::model::{Document, Provision, ProvisionKind};
use crate::text::BRACKETS;
use std::ops::Range;
pub use unbalanced_bracket::UnbalancedBracket;
pub use unplaced_text::UnplacedText;

pub(super) const RULES: &[&dyn Rule] = &[&UnbalancedBracket, &UnplacedText];

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
        Some(c) => c.is_whitespace() || "。、，．：:；;・条項号".contains(c),
    }
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
        // Every bracket is a symbol: the kana and kanji between them are skipped.
        for (i, c) in crate::text::symbols(text) {
            let Some((pair, opening)) = bracket(c) else {
                continue;
            };
            if opening {
                stack.push((pair, owner, i, c));
                open_count[pair] += 1;
                continue;
            }
            // 第１条１)に, イ）の: a label written with a closing bracket only, cited
            // inside a full-width bracket (（第１条１)に定めるものを除く。）) or outside any.
            let other_width = stack
                .iter()
                .rev()
                .find(|s| s.0 == pair)
                .is_some_and(|s| (s.3 == '(') != (c == ')'));
            if pair == paren_pair()
                && (open_count[pair] == 0 || other_width)
                && closes_list_marker(text, i)
            {
                continue;
            }
            if open_count[pair] == 0 {
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
