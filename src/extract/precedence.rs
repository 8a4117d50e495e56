//! Precedence statements: 「AとBに齟齬がある場合、Aが優先される」 and its variants
//! (異なる / 矛盾する / 抵触する; 優先する / 優先して適用される).

use super::text_provisions;
use crate::model::{Document, Precedence};
use crate::text::{is_hiragana, sentences};
use regex::Regex;
use std::sync::LazyLock;

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<x>[^、。]+?)と[、，]?(?P<y>[^。]+?)(?:との間|の間)?(?:に|で|が|とが)",
        r"(?P<cond>(?:齟齬|矛盾|抵触|相違|不一致|差異)(?:が)?(?:ある|生じた|生じる|あった)?|異なる(?:定め)?(?:がある)?|矛盾する|抵触する)",
        r"場合(?:には|は|において)?[、，]?(?P<z>[^。]+?)(?:が|を|は)(?:他に)?(?:優先)"
    ))
    .expect("precedence regex")
});

/// Suffixes that name a part of a document rather than the document.
const PART_SUFFIXES: [&str; 8] = [
    "の内容",
    "の定め",
    "の規定",
    "の記載",
    "の条項",
    "の各条項",
    "に定める事項",
    "の記載事項",
];

/// The document name a phrase ends with: 第６条に定義される仕様書の内容 → 仕様書.
pub fn name_in(phrase: &str) -> Option<String> {
    let mut s = phrase.trim();
    for suffix in PART_SUFFIXES {
        if let Some(t) = s.strip_suffix(suffix) {
            s = t;
            break;
        }
    }
    let s = s
        .trim_start_matches("また")
        .trim_start_matches(['、', '，']);
    // The name is the run after the last hiragana (particles end names).
    let start = s
        .char_indices()
        .filter(|(_, c)| is_hiragana(*c) || matches!(c, '、' | '，' | '「' | '」'))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    let name = s[start..].trim();
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_string())
}

/// Split 「A又はB」 into its members.
fn members(phrase: &str) -> Vec<String> {
    let mut parts = vec![phrase.to_string()];
    for sep in ["並びに", "若しくは", "及び", "又は", "、"] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts.iter().filter_map(|p| name_in(p)).collect()
}

pub fn extract(doc: &Document) -> Vec<Precedence> {
    let mut out = Vec::new();
    for p in text_provisions(doc) {
        for sentence in sentences(&p.text) {
            let s = &p.text[sentence.clone()];
            let Some(c) = STATEMENT.captures(s) else {
                continue;
            };
            let (Some(x), Some(y), Some(z), Some(cond), Some(all)) = (
                c.name("x"),
                c.name("y"),
                c.name("z"),
                c.name("cond"),
                c.get(0),
            ) else {
                continue;
            };
            let Some(winner) = name_in(z.as_str()) else {
                continue;
            };
            let xs = members(x.as_str());
            let ys = members(y.as_str());
            let condition = format!("{}場合", cond.as_str());
            let range = p
                .text_map
                .src_range(sentence.start + all.start()..sentence.start + all.end());
            let key = crate::text::name_key(&winner);
            let (winners, losers) = if xs.iter().any(|n| crate::text::name_key(n) == key) {
                (xs, ys)
            } else if ys.iter().any(|n| crate::text::name_key(n) == key) {
                (ys, xs)
            } else {
                continue;
            };
            let _ = winners;
            for lower in losers {
                out.push(Precedence {
                    higher: winner.clone(),
                    lower,
                    condition: condition.clone(),
                    path: p.path.clone(),
                    span: doc.span(range.clone()),
                    range: range.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            name_in("第６条に定義される仕様書の内容").as_deref(),
            Some("仕様書")
        );
        assert_eq!(name_in("また、本約款の内容").as_deref(), Some("本約款"));
        assert_eq!(
            members("ログ監視基本仕様書又はインシデント対応仕様書の内容"),
            ["ログ監視基本仕様書", "インシデント対応仕様書"]
        );
    }
}
