//! Y601 `mixed-digit-width`: the rule's text is the doc comment of [`MixedDigitWidth`].

use super::*;
use crate::lint::facts::digits::digit_runs;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds digits written half-width (1年間) in a document that otherwise writes them full-width (１ヵ月), or the other way round.
    ///
    /// ## Why is this bad?
    /// Mixed digit widths are a sign of text pasted from another source; they make search, diff and a 新旧対照表 noisy and look careless in a published document.
    ///
    /// ## Example
    ///     利用期間は、サービス開始日より 1年間とし、満了の日の１ヵ月前までに…
    ///
    /// Use instead:
    ///     利用期間は、サービス開始日より１年間とし、満了の日の１ヵ月前までに…
    pub struct MixedDigitWidth;
    static MIXED_DIGIT_WIDTH = ("Y601", "mixed-digit-width", Warning, "full-width and half-width digits mixed in running text (１ヵ月 … 1年間)");
}

violation! {
    /// A run of digits in the width the document does not use: the digits, its width, the
    /// document's, and the digits converted.
    struct MixedWidth { digits: String, this: &'static str, other: &'static str, converted: String }

    fn message(&self) -> String {
        let MixedWidth { digits, this, other, .. } = self;
        format!("「{digits}」 is written with {this} digits; this document writes digits {other}")
    }

    fn help(&self) -> Option<String> {
        Some(format!("write 「{}」", self.converted))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    out.per_document(&corpus.docs, |d, doc, out| {
        // Two passes over the provisions, not one list of every run: a long document has a
        // run in most provisions, and only a document that mixes the widths is read twice.
        let runs = || {
            doc.all_provisions()
                .filter(|p| !p.text.is_empty())
                .flat_map(|p| digit_runs(&p.text).into_iter().map(move |r| (p, r)))
        };
        let (mut full, mut half) = (0usize, 0usize);
        for (_, r) in runs() {
            if r.full_width {
                full += 1;
            } else {
                half += 1;
            }
        }
        if full == 0 || half == 0 {
            return;
        }
        // The minority width is the odd one out; on a tie, half-width.
        let flag_full = full < half;
        let example = runs()
            .find(|(_, r)| r.full_width != flag_full)
            .map(|(p, r)| {
                let t = &p.text;
                let end = t[r.end..]
                    .char_indices()
                    .nth(2)
                    .map_or(t.len(), |(k, _)| r.end + k);
                t[r.start..end].to_string()
            });
        for (p, r) in runs().filter(|(_, r)| r.full_width == flag_full) {
            let range = p.text_map.src_range(r.start..r.end);
            let digits = &p.text[r.start..r.end];
            let (this, other) = if flag_full {
                ("full-width", "half-width")
            } else {
                ("half-width", "full-width")
            };
            let converted: String = digits
                .chars()
                .map(|c| {
                    if flag_full {
                        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                    } else {
                        char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
                    }
                })
                .collect();
            let mixed = MixedWidth {
                digits: digits.to_string(),
                this,
                other,
                converted: converted.clone(),
            };
            let mut f = Finding::of(d, range.clone(), &p.path, &mixed).note(format!(
                "{} runs of digits are {other}, {} {this}",
                if flag_full { half } else { full },
                if flag_full { full } else { half }
            ));
            if let Some(e) = &example {
                f = f.note(format!("for example 「{e}」"));
            }
            if doc.source.text.get(range.clone()) == Some(digits) {
                f = f.fix(range, converted);
            }
            out.push(f);
        }
    });
}
