//! Y107 `single-item-list`: the rule's text is the doc comment of [`SingleItemList`].

use super::*;
use crate::lint::facts::Facts;

/// One provision of the document in document order, with what follows it.
struct Visit<'a> {
    p: &'a Provision,
    /// The provision after all of its descendants (its next sibling, or an ancestor's),
    /// none at the end of the document.
    after: Option<&'a Provision>,
    /// It stands in an extract (抄), whose omitted items are no error.
    extract: bool,
}

impl<'a> Visit<'a> {
    /// The provision right after it in document order: its first child, or what
    /// follows its subtree.
    fn next(&self) -> Option<&'a Provision> {
        self.p.children.first().or(self.after)
    }
}

/// Every provision of the document in document order (main provisions, then the 附則),
/// each with what follows it: a stack of the provisions still to visit, each with what
/// follows its subtree. Nothing is held for the provisions already visited, so a large
/// document costs no list of its provisions here.
fn document_order(doc: &Document) -> impl Iterator<Item = Visit<'_>> {
    let main_extract = title_is_extract(doc);
    let roots: Vec<(&Provision, bool)> = doc
        .provisions
        .iter()
        .map(|p| (p, main_extract))
        .chain(doc.suppl.iter().map(|s| (s, suppl_is_extract(doc, s))))
        .collect();
    let mut stack: Vec<Visit<'_>> = (0..roots.len())
        .rev()
        .map(|i| Visit {
            p: roots[i].0,
            after: roots.get(i + 1).map(|&(n, _)| n),
            extract: roots[i].1,
        })
        .collect();
    std::iter::from_fn(move || {
        let v = stack.pop()?;
        for (k, c) in v.p.children.iter().enumerate().rev() {
            stack.push(Visit {
                p: c,
                after: v.p.children.get(k + 1).or(v.after),
                extract: v.extract,
            });
        }
        Some(v)
    })
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
        for visit in document_order(doc) {
            let p = visit.p;
            if visit.extract
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
            let next_is_list = visit.next().is_some_and(|n| {
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
                let next_num = only.num.parse::<u32>().ok().map(|k| k + 1);
                let continues = visit.after.is_some_and(|n| {
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

#[cfg(test)]
mod tests {
    use super::document_order;
    use crate::model::Provision;
    use crate::source::SourceFile;
    use std::sync::Arc;

    /// The walk gives every provision once, in document order (main provisions, then the
    /// 附則), each with the provision after its subtree: the first later provision that is
    /// not one of its descendants.
    #[test]
    fn the_walk_is_document_order_with_what_follows_each_subtree() {
        let text = "テスト約款\n\n第１条（目的）\n次の各号に掲げるとおりとします。\n一　甲\n二　乙\n２　第二項です。\n第２条（定義）\n本約款の用語は次のとおりです。\n一　丙\n\n附　則\n本約款は、令和６年４月１日から施行します。\n";
        let doc = crate::parse_text_source(Arc::new(SourceFile::from_text("t.txt", text)));
        // Document order and each provision's depth, read the plain way.
        fn flat<'a>(p: &'a Provision, depth: usize, out: &mut Vec<(&'a Provision, usize)>) {
            out.push((p, depth));
            for c in p.children.iter() {
                flat(c, depth + 1, out);
            }
        }
        let mut order = Vec::new();
        for p in doc.provisions.iter().chain(doc.suppl.iter()) {
            flat(p, 0, &mut order);
        }
        let walked: Vec<_> = document_order(&doc).collect();
        assert!(
            order.len() > 8,
            "the sample has its articles, items and 附則"
        );
        assert_eq!(walked.len(), order.len());
        for (i, (v, &(p, depth))) in walked.iter().zip(&order).enumerate() {
            assert!(std::ptr::eq(v.p, p), "provision {i} out of order");
            let after = order[i + 1..]
                .iter()
                .find(|(_, d)| *d <= depth)
                .map(|(q, _)| *q);
            assert_eq!(
                v.after.map(|q| q as *const _),
                after.map(|q| q as *const _),
                "after {}",
                p.path
            );
            let next = order.get(i + 1).map(|(q, _)| *q);
            assert_eq!(
                v.next().map(|q| q as *const _),
                next.map(|q| q as *const _),
                "next of {}",
                p.path
            );
        }
    }
}
