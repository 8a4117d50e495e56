//! Y105 `unbalanced-bracket`: the rule's text is the doc comment of [`UnbalancedBracket`].

use super::*;
use crate::lint::facts::Facts;

/// The words of a 読替え: 「…」とあるのは「…」と.
static READING: crate::text::Words = crate::text::Words::new(&["とあるのは"]);

/// Text that quotes fragments of other text: a 読替え (「取締役（」とあるのは「清算人（」と)
/// or an amendment (「前各号」を「前三号」に改める). A quoted fragment may hold half a
/// bracket, or an opening 「 of its own, on purpose.
///
/// Every mark but とあるのは starts with 」, so the text is searched for とあるのは and then
/// only at each 」 for what follows it: two scans instead of six.
fn quotes_fragments(text: &str) -> bool {
    /// What follows 」 in an amendment: 「…」を「…」, 「…」を削る, 「…」を加え, 「…」の下に「…」,
    /// 「…」の次に「…」.
    const AFTER_CLOSE: [&str; 5] = ["を「", "を削", "を加え", "の下に「", "の次に「"];
    READING.said_in(text)
        || text.match_indices('」').any(|(i, _)| {
            AFTER_CLOSE
                .iter()
                .any(|m| text[i + '」'.len_utf8()..].starts_with(m))
        })
}

/// The words of a provision that announces a 読替え table.
static READING_SAID: crate::text::Words = crate::text::Words::new(&["字句", "読み替", "読替"]);

/// The rows of 読替え tables (「同表の第三欄に掲げる字句は、それぞれ同表の第四欄に掲げる字句
/// に読み替える」): their cells are fragments of wording, cut anywhere, brackets included.
fn reading_table_rows(doc: &Document) -> foldhash::HashSet<*const Provision> {
    let mut rows = foldhash::HashSet::default();
    for p in doc.all_provisions() {
        if !READING_SAID.said_in(&p.text) {
            continue;
        }
        for t in p.children.iter().filter(|c| c.kind == ProvisionKind::Table) {
            rows.extend(t.walk().map(|r| r as *const Provision));
        }
    }
    rows
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

/// The provisions of a document in runs that are scanned together (see [`reads_on`]),
/// each run handed to `f` in turn (one buffer for all of them: most runs are one
/// provision, and a list of them all would hold a small vector for each).
fn for_each_chain<'a>(doc: &'a Document, mut f: impl FnMut(&[&'a Provision])) {
    let mut chain: Vec<&Provision> = Vec::new();
    let mut lists: Vec<&[Provision]> = vec![&doc.suppl, &doc.provisions];
    while let Some(list) = lists.pop() {
        for p in list {
            let continues = chain.last().is_some_and(|prev| reads_on(prev, p));
            if !continues && !chain.is_empty() {
                f(&chain);
                chain.clear();
            }
            chain.push(p);
        }
        if !chain.is_empty() {
            f(&chain);
            chain.clear();
        }
        lists.extend(
            list.iter()
                .rev()
                .filter(|p| !p.children.is_empty())
                .map(|p| &p.children[..]),
        );
    }
}

violation! {
    struct Unbalanced<'a> {
        u: &'a Unpaired,
        /// Where it stands: the provision's path, or its caption.
        place: &'a str,
    }

    fn message(&self) -> String {
        let (u, place) = (self.u, self.place);
        let b = u.bracket;
        match u.cut_by {
            _ if !u.opening => format!("「{b}」 closes a bracket that was never opened in {place}"),
            Some(cut) => format!("「{b}」 is not closed before 「{cut}」 in {place}"),
            None => format!("「{b}」 is never closed in {place}"),
        }
    }

    fn help(&self) -> Option<String> {
        let partner = self.u.partner;
        Some(match self.u.cut_by {
            _ if !self.u.opening => format!("add the opening 「{partner}」 or delete this one"),
            Some(cut) => format!("close it with 「{partner}」 before 「{cut}」"),
            None => format!("close it with 「{partner}」, or delete it"),
        })
    }
}

/// Where a caption stands in the source: near the label of its provision (on the same
/// line, or on the caption line above it). `None` when it cannot be found verbatim (a
/// caption broken by a hard wrap).
fn caption_range(doc: &Document, p: &Provision, caption: &str) -> Option<Range<usize>> {
    let src = &doc.source.text;
    let label = p.label_range();
    let mut from = label
        .start
        .saturating_sub(caption.len() + 64)
        .min(src.len());
    while !src.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (label.end + caption.len() + 64).min(src.len());
    while !src.is_char_boundary(to) {
        to += 1;
    }
    let window = src.get(from..to)?;
    // The occurrence nearest the label.
    let label_at = label.start;
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

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    out.per_document(&corpus.docs, |d, doc, out| {
        let fragment_rows = reading_table_rows(doc);
        for_each_chain(doc, |chain| {
            // Y106 reports unplaced lines as a whole; 読替え and amendments quote
            // fragments with half a bracket on purpose, in their text or in the
            // cells of a 読替え table.
            let checked: Vec<&Provision> = chain
                .iter()
                .copied()
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
            let mut reported = foldhash::HashSet::default();
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
                let unbalanced = Unbalanced { u: &u, place };
                let mut f = Finding::of(
                    d,
                    p.text_map.src_range(u.range.clone()),
                    &p.path,
                    &unbalanced,
                );
                if more > 0 {
                    f = f.note(format!(
                        "{more} more unpaired bracket{} in this provision",
                        if more == 1 { "" } else { "s" }
                    ));
                }
                out.push(f);
            }
        });
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
                let unbalanced = Unbalanced {
                    u: &u,
                    place: &place,
                };
                let r = at.start + u.range.start..at.start + u.range.end;
                out.push(Finding::of(d, r, &p.path, &unbalanced));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::quotes_fragments;

    /// Each mark of a quoted fragment is found wherever it stands, and a text with 」
    /// but none of the marks is not taken for one.
    #[test]
    fn marks_of_quoted_fragments() {
        for text in [
            "「取締役（」とあるのは「清算人（」と",
            "「前各号」を「前三号」に改める。",
            "第二項中「及び」を削る。",
            "「又は」を加える。",
            "「第一条」の下に「（目的）」を加える。",
            "「その他」の次に「、」を加える",
            "「甲」の「乙」を「丙」に改める",
        ] {
            assert!(quotes_fragments(text), "{text}");
        }
        for text in [
            "「当社」をいう。",
            "「本規約」の下に定める",
            "とある",
            "「乙」を",
            "」",
            "",
        ] {
            assert!(!quotes_fragments(text), "{text}");
        }
    }
}
