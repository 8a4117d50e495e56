//! Y107 `single-item-list`: the rule's text is the doc comment of [`SingleItemList`].

use super::*;
use crate::lint::facts::Facts;

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

violation! {
    /// 「次の各号」 with one item (`one`) or none.
    struct Single<'a> {
        /// The words that announce the list.
        said: &'a str,
        one: bool,
    }

    fn message(&self) -> String {
        let said = self.said;
        if self.one {
            format!("「{said}」 announces a list, but only one item follows")
        } else {
            format!("「{said}」 announces a list, but no item follows")
        }
    }

    fn help(&self) -> Option<String> {
        Some(
            if self.one {
                "write the single item into the sentence, or add the missing items"
            } else {
                "add the items the sentence refers to, or rewrite the sentence"
            }
            .to_string(),
        )
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    out.per_document(&corpus.docs, |d, doc, out| {
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
            let single = Single {
                said: &p.text[words.clone()],
                one: items == 1,
            };
            let range = p.text_map.src_range(words);
            out.push(Finding::of(d, range, &p.path, &single));
        }
    });
}
