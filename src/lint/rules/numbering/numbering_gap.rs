//! Y101 `numbering-gap`: the rule's text is the doc comment of [`NumberingGap`].

use super::*;
use crate::lint::facts::Facts;

fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

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
    reads = [Groups, Events];
}

violation! {
    /// Numbers missing between two siblings.
    struct Gap {
        /// What is numbered (条, 項 …), in the plural when more than one is missing.
        noun: &'static str,
        /// The missing numbers, listed or as a range.
        names: String,
        count: usize,
        before: String,
        after: String,
        scope: String,
    }

    fn message(&self) -> String {
        let Gap { noun, names, count, before, after, scope } = self;
        let verb = if *count == 1 { "is" } else { "are" };
        format!("{noun}{names} {verb} missing between {before} and {after}{scope}")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for d in 0..corpus.docs.len() {
        let groups = facts.groups(d);
        for (gi, e) in facts.events(d) {
            let (g, kana) = &groups[*gi];
            if g.extract {
                continue;
            }
            let kana = *kana;
            let &Event::Gap(a, b, ref missing) = e else {
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
            let gap = Gap {
                noun: g.level.noun(count > 1),
                names,
                count,
                before: shown(g, a, kana, true),
                after: shown(g, b, kana, false),
                scope: scope_suffix(g),
            };
            out.push(
                Finding::of(d, pb.label_range(), &pb.path, &gap)
                    .label(d, g.members[a].p.label_range(), "the number before the gap")
                    .help("renumber the provisions that follow (and every reference to them), or keep the number as 削除"),
            );
        }
    }
}
