//! The scopes of a document's definitions: the paths each definition applies in
//! (以下この款において, この条及び次条において), read once a document for the term rules.

use crate::extract::definitions::{article_path, Articles};
use crate::model::Document;
use regex::Regex;
use std::sync::LazyLock;

/// For every definition of a document, the paths it applies in: None for the whole
/// document; else its scope — the articles of a division (以下この款において) — and the
/// other articles a compound scope names (この条及び次条において, この条及び第十条において).
pub fn scope_table(doc: &Document) -> Vec<Option<Vec<String>>> {
    let src = &doc.source.text;
    // Built for the first definition with a scope: most have none, and then the
    // document's articles are not read at all.
    let articles = std::cell::OnceCell::new();
    doc.definitions
        .iter()
        .map(|def| {
            let scope = def.scope.clone()?;
            let articles = articles.get_or_init(|| Articles::new(doc));
            let members = articles.members(&scope);
            let mut paths: Vec<String> = if members.is_empty() {
                vec![scope.clone()]
            } else {
                members.iter().map(|m| m.to_string()).collect()
            };
            let before: String = crate::text::window_before(src, def.range.start, 90)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            // The scope phrase: from the last 以下 or opening parenthesis to において.
            let phrase_start = before
                .rfind("以下")
                .or_else(|| before.rfind(['（', '(']))
                .unwrap_or(0);
            let phrase = &before[phrase_start..];
            if phrase.contains("において") {
                if phrase.contains("次条") {
                    if let Some(next) = article_path(&scope).and_then(|a| articles.after(&a)) {
                        paths.push(next);
                    }
                }
                for c in SCOPE_ARTICLE.captures_iter(phrase) {
                    if let Some(n) = crate::parse::numeral::parse_number(&c[1]) {
                        paths.push(format!("第{n}条"));
                    }
                }
                // 第四章第一節第二款 named absolutely: the articles of that division.
                for m in SCOPE_DIVISION.find_iter(phrase) {
                    let mut path = String::new();
                    for c in SCOPE_UNIT.captures_iter(m.as_str()) {
                        if let Some(n) = crate::parse::numeral::parse_number(&c[1]) {
                            path.push_str(&format!("第{n}{}", &c[2]));
                        }
                    }
                    paths.extend(articles.members_ending(&path));
                }
            }
            Some(paths)
        })
        .collect()
}

/// 第四章第一節第二款, 第二節: a division named in a compound scope phrase.
static SCOPE_DIVISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:第[〇一二三四五六七八九十百千0-9０-９]+(?:の[〇一二三四五六七八九十0-9]+)?[編章節款目])+").expect("scope division")
});
static SCOPE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第([〇一二三四五六七八九十百千0-9０-９]+(?:の[〇一二三四五六七八九十0-9]+)?)([編章節款目])").expect("scope unit")
});

/// 第十条 named in a compound scope phrase.
static SCOPE_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第([〇一二三四五六七八九十百千0-9０-９]+)条").expect("scope article")
});
