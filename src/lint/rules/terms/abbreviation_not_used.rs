//! Y207 `abbreviation-not-used`: the rule's text is the doc comment of [`AbbreviationNotUsed`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds the long form of an abbreviation written out again after the abbreviation was defined.
    ///
    /// ## Why is this bad?
    /// A reader wonders whether the long form means something other than the abbreviation; the point of defining it is lost.
    ///
    /// ## Example
    ///     株式会社ミナトクラウド（以下「当社」）…株式会社ミナトクラウドは、…
    ///
    /// Use instead:
    ///     …当社は、…
    pub struct AbbreviationNotUsed;
    static ABBREVIATION_NOT_USED = ("Y207", "abbreviation-not-used", Info, "the long form still written after its abbreviation was defined");
    reads = [Heads];
}

violation! {
    /// A long form written out after its abbreviation was defined: the long form, the
    /// abbreviation, where it was defined.
    struct WrittenOut { long: String, term: String, place: String }

    fn message(&self) -> String {
        let WrittenOut { long, term, place } = self;
        format!("「{long}」 is written out, but it was abbreviated as 「{term}」 in {place}")
    }

    fn help(&self) -> Option<String> {
        Some(format!("write 「{}」", self.term))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    out.per_document(&corpus.docs, |d, doc, out| {
        let defs: Vec<&Definition> = doc
            .definitions
            .iter()
            .filter(|x| {
                x.kind == DefinitionKind::Abbreviation
                    && !is_self_abbreviation(x)
                    && x.scope.is_none()
            })
            .filter(|x| {
                let key = name_key(&x.meaning);
                let n = key.chars().count();
                (4..=40).contains(&n) && !x.meaning.contains(['、', '。']) && noun_phrase(&key)
            })
            .collect();
        if defs.is_empty() {
            return;
        }
        let signature = signature_block(doc);
        let last_article = last_article_start(doc);
        let citer = Citer::new(facts.heads(d));
        let patterns: Vec<String> = defs.iter().map(|x| name_key(&x.meaning)).collect();
        let Some(ac) = crate::corpus::WordFinder::new(&patterns, doc.source.text.len()) else {
            return;
        };
        for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
            // Most texts are their own normalised form: it borrows those.
            let norm = Normalized::without_spaces(&p.text);
            for m in ac.find_iter(norm.text()) {
                let def = defs[m.pattern().as_usize()];
                let orig = norm.original(m.range());
                let range = p.text_map.src_range(orig.clone());
                if range.start <= def.meaning_range.end
                    || p.text[orig.end..].starts_with(['（', '('])
                    || continues_word(&p.text[..orig.end], &p.text[orig.end..])
                    || continues_word(&p.text[..orig.start], &p.text[orig.start..])
                    || signature.is_some_and(|s| range.start >= s)
                    || (range.start >= last_article && name_and_address(&p.text))
                {
                    continue;
                }
                let written_out = WrittenOut {
                    long: p.text[orig].to_string(),
                    term: def.term.to_string(),
                    place: citer.cite(&def.path),
                };
                out.push(Finding::of(d, range, &p.path, &written_out).label(
                    d,
                    def.range.clone(),
                    "abbreviation defined here",
                ));
            }
        }
    });
}

/// Is a long form a complete noun phrase? One cut at an earlier abbreviation or clause
/// starts with a particle or a verb ending (が提供する…, をいう…, する者) or a conjunction
/// (及び…), or ends with a particle.
fn noun_phrase(key: &str) -> bool {
    !key.starts_with(is_hiragana)
        && !["及び", "又は", "並びに", "若しくは", "等"]
            .iter()
            .any(|k| key.starts_with(k))
        && !key.ends_with(['を', 'に', 'が', 'は', 'で', 'へ', 'と'])
}

/// The source offset where the text after the last article stops being provisions: the
/// closing words and signature block of a contract (以上…。 then the date, 甲, 住所,
/// 氏名 株式会社…), lines without 。 after the last sentence of the last article.
fn signature_block(doc: &Document) -> Option<usize> {
    let start = last_article_start(doc);
    let src = &doc.source.text;
    let tail = src.get(start..)?;
    // A line 以上 alone ends the provisions.
    let mut offset = 0;
    for line in tail.split_inclusive('\n') {
        if line.trim().trim_start_matches('#').trim() == "以上" {
            return Some(start + offset);
        }
        offset += line.len();
    }
    let last = tail.rfind('。')? + '。'.len_utf8();
    let rest = &tail[last..];
    let signed = rest.lines().any(|l| {
        let l = l
            .trim()
            .trim_start_matches(['`', '-', '*', '>', ' '])
            .trim();
        matches!(
            l,
            "甲" | "乙" | "丙" | "（甲）" | "（乙）" | "(甲)" | "(乙)"
        ) || name_and_address(l)
            || signature_date(l)
            || l.ends_with('印')
    });
    signed.then_some(start + last)
}

/// The source offset of the last article of a document (its end when it has none).
fn last_article_start(doc: &Document) -> usize {
    doc.all_provisions()
        .filter(|p| p.kind == crate::model::ProvisionKind::Article)
        .map(|p| p.label_range().start)
        .max()
        .unwrap_or(doc.source.text.len())
}

/// Is `line` a date line of a signature block ([`SIGNATURE_DATE`])? The pattern is asked
/// only of a line that ends in 日 and says 年 and 月, as each of its matches does: most
/// documents have none, and leave it uncompiled (2.6 M instructions).
fn signature_date(line: &str) -> bool {
    line.ends_with('日')
        && line.contains('年')
        && line.contains('月')
        && SIGNATURE_DATE.is_match(line)
}

/// A date line of a signature block: 2024年4月1日, ${YYYY}年${MM}月${DD}日, 令和○年○月○日.
static SIGNATURE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:令和|平成|西暦)?\s*\S{1,12}年\s*\S{1,10}月\s*\S{1,10}日$").expect("date")
});

/// A line of a signature block that holds only a name or address: 住所 東京都…,
/// 氏名 株式会社…, 甲：株式会社…, 代表取締役 ….
fn name_and_address(text: &str) -> bool {
    let t = text.trim();
    !t.contains('。')
        && t.chars().count() <= 60
        && [
            "住所",
            "所在地",
            "氏名",
            "名称",
            "商号",
            "代表者",
            "代表取締役",
            "甲",
            "乙",
            "丙",
            "（甲）",
            "（乙）",
        ]
        .iter()
        .any(|k| {
            t.strip_prefix(k)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\u{3000}', '：', ':']))
        })
}

/// Does one word run across the boundary between `before` and `after`, after a match
/// (個人情報の保護に関する法律|施行規則, 株式会社ミナトクラウド|サポート) or before it
/// (出|産後1年を経過しない女性従業員)? Then the match is part of a longer word.
fn continues_word(before: &str, after: &str) -> bool {
    fn class(c: char) -> Option<u8> {
        if is_kanji(c) {
            Some(1)
        } else if is_katakana(c) {
            Some(2)
        } else if c.is_alphanumeric() && !is_hiragana(c) {
            Some(3)
        } else {
            None
        }
    }
    match (before.chars().next_back(), after.chars().next()) {
        (Some(a), Some(b)) => class(a).is_some() && class(a) == class(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The words asked first hold every line the date pattern matches.
        #[test]
        fn signature_date_asks_the_pattern_only_where_it_can_match(
            line in "(令和|平成|西暦)?[ 　]?[0-9０-９○年月日元 ${}YMD]{0,10}",
        ) {
            proptest::prop_assert_eq!(
                super::signature_date(&line),
                super::SIGNATURE_DATE.is_match(&line)
            );
        }
    }

    #[test]
    fn signature_dates() {
        for line in [
            "2024年4月1日",
            "令和○年○月○日",
            "${YYYY}年${MM}月${DD}日",
            "平成 3年 12月 1日",
        ] {
            assert!(super::signature_date(line), "{line}");
        }
        for line in ["2024年4月", "4月1日", "2024年4月1日 印", "以上"] {
            assert!(!super::signature_date(line), "{line}");
        }
    }
}
