//! Y602 `counter-variant`: the rule's text is the doc comment of [`CounterVariant`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds the month counter written in more than one way in one document (１ヵ月, ３ヶ月, ６か月, １２カ月, ケ月, 箇月) and flags each occurrence of the less frequent form(s). A counter counts only after a number (１, 三, 数, 何), and か月 before 曜 (火曜日か月曜日) is not one.
    ///
    /// ## Why is this bad?
    /// A document that writes the same unit two ways looks assembled from different sources; search, comparison tables and translation treat the forms as different words.
    ///
    /// ## Example
    ///     解約の申出は、１ヵ月前までに行うものとします。…最低利用期間は３か月とします。
    ///
    /// Use instead:
    ///     解約の申出は、１ヵ月前までに行うものとします。…最低利用期間は３ヵ月とします。
    pub struct CounterVariant;
    static COUNTER_VARIANT = ("Y602", "counter-variant", Warning, "ヵ月 / ヶ月 / か月 / カ月 mixed in one document");
}

const COUNTERS: [&str; 8] = ["ヵ月", "ヶ月", "か月", "カ月", "ケ月", "箇月", "ｶ月", "ｹ月"];

static COUNTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9０-９〇一二三四五六七八九十百千数何幾](ヵ月|ヶ月|か月|カ月|ケ月|箇月|ｶ月|ｹ月)")
        .expect("counter regex")
});

violation! {
    /// A month counter written another way than in the rest of the document.
    struct Variant { written: &'static str, major: &'static str }

    fn message(&self) -> String {
        let Variant { written, major } = self;
        format!("the month counter is written 「{written}」 here and 「{major}」 in the rest of the document")
    }

    fn help(&self) -> Option<String> {
        Some(format!("write 「{}」", self.major))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        // (provision, text range, variant index), in document order.
        let mut found: Vec<(&Provision, Range<usize>, usize)> = Vec::new();
        // Every counter ends in 月: a text without one holds none (a fast byte search
        // in place of the regex, which has no literal to look for first).
        for p in doc.all_provisions().filter(|p| p.text.contains('月')) {
            for c in COUNTER_RE.captures_iter(&p.text) {
                let Some(m) = c.get(1) else { continue };
                // 火曜日か月曜日: か is "or", not a counter.
                if m.as_str() == "か月" && p.text[m.end()..].starts_with('曜') {
                    continue;
                }
                if let Some(v) = COUNTERS.iter().position(|x| *x == m.as_str()) {
                    found.push((p, m.range(), v));
                }
            }
        }
        let mut counts = [0usize; COUNTERS.len()];
        for (_, _, v) in &found {
            counts[*v] += 1;
        }
        if counts.iter().filter(|n| **n > 0).count() < 2 {
            continue;
        }
        // The majority form; on a tie, the one the document writes first.
        let max = counts.iter().copied().max().unwrap_or(0);
        let Some(major) = found.iter().map(|(_, _, v)| *v).find(|v| counts[*v] == max) else {
            continue;
        };
        let first_major = found.iter().find(|(_, _, v)| *v == major);
        let others: Vec<String> = (0..COUNTERS.len())
            .filter(|v| *v != major && counts[*v] > 0)
            .map(|v| {
                format!(
                    "「{}」 {} time{}",
                    COUNTERS[v],
                    counts[v],
                    if counts[v] == 1 { "" } else { "s" }
                )
            })
            .collect();
        let mut all = vec![format!(
            "「{}」 {} time{}",
            COUNTERS[major],
            max,
            if max == 1 { "" } else { "s" }
        )];
        all.extend(others);
        let last = all.pop().unwrap_or_default();
        let note = format!("this document writes {} and {last}", all.join(", "));
        for (p, r, v) in found.iter().filter(|(_, _, v)| *v != major) {
            let range = p.text_map.src_range(r.clone());
            let written = doc.source.text.get(range.clone()) == Some(COUNTERS[*v]);
            let variant = Variant {
                written: COUNTERS[*v],
                major: COUNTERS[major],
            };
            let mut f = Finding::of(d, range.clone(), &p.path, &variant).note(note.clone());
            if let Some((fp, fr, _)) = first_major {
                f = f.label(
                    d,
                    fp.text_map.src_range(fr.clone()),
                    format!("「{}」 is written here", COUNTERS[major]),
                );
            }
            if written {
                f = f.fix(range, COUNTERS[major]);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{COUNTERS, COUNTER_RE};

    /// `check` skips texts without 月: exact only while the pattern finds just the
    /// counters of `COUNTERS`, and each of them ends in 月.
    #[test]
    fn every_counter_holds_tsuki() {
        let alternatives = format!("({})", COUNTERS.join("|"));
        assert!(COUNTER_RE.as_str().ends_with(&alternatives));
        for c in COUNTERS {
            assert!(c.ends_with('月'), "{c}");
            let text = format!("三{c}");
            let m = COUNTER_RE.captures(&text).and_then(|m| m.get(1));
            assert_eq!(m.map(|m| m.as_str()), Some(c));
        }
    }
}
