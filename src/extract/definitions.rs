//! Definitions: rows of a definitions table, abbreviations （以下「X」という。）,
//! definition sentences 「X」とは、…をいう。 / …を「X」という。, and law-style
//! definition items （一　X　…をいう。）.

use super::text_provisions;
use crate::model::{Definition, DefinitionKind, Document, Provision, ProvisionKind};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// （以下「X」という。）, （以下この条において「X」という。）, （以下あわせて「X」）…
static ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[（(](?:以下[、，]?",
        r"(?P<scope>(?:この|本)(?:条|項|号|章|節|款|目|規則|約款|規約|契約)(?:及び(?:この|本|次)(?:条|項|号))?において(?:は)?[、，]?|次条(?:及び第[0-9０-９一二三四五六七八九十]+条)?において[、，]?)?",
        // （次項において「旧商法」という。）: a limited definition written without 以下.
        r"|(?P<scope2>(?:次項|次条|前項|同項|同条|この項|この条|本条|本項)(?:及び(?:次|前|同)?(?:条|項))?において[、，]?))",
        r"(?:単に|あわせて|併せて|合わせて|総称して|これらを総称して|これらを併せて)?[、，]?",
        r"「(?P<term>[^「」（）()]{1,40})」"
    ))
    .expect("abbreviation regex")
});

/// （以下、本サイト）, （以下甲）, （以下、会社という。）: an abbreviation written without
/// brackets. The term is checked by [`bare_term`].
static BARE_ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[（(]以下[、，]?(?:単に|あわせて|併せて|合わせて|総称して|まとめて)?[、，]?",
        r"(?P<term>[^「」『』｢｣（）()、，。\s]{1,20}?)",
        r"(?:という|といいます|とする|とします|と称する|と称します|と略称する)?。?[）)]"
    ))
    .expect("bare abbreviation regex")
});

/// 「X」とは、…をいう。 (also 「X」 とは and **「X」** とは, a space or Markdown emphasis
/// between the quote and とは)
static TOHA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"「(?P<term>[^「」]{1,40})」[*＊]{0,2}[ \u{3000}]*[*＊]{0,2}とは[、，]?(?P<meaning>[^。]*?)(?:をいう|をいいます|を指す|を指します|を意味する|を意味します|とする|とします|をいい[、，])")
        .expect("toha regex")
});

/// …を「X」という。 / …を「X」と総称する。 (not inside （以下…）)
static WO_IU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"を「(?P<term>[^「」]{1,40})」(?:という|といいます|と総称する|と総称します|と称する|と称します|と略称する)").expect("wo-iu regex")
});

/// Intro sentences of a definitions article whose items define terms law-style.
static DEFINITION_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:用語の意義|用語の意味|用語の定義|次の意味|次の各号に掲げる用語|用語は)")
        .expect("intro regex")
});

/// Extract every definition of a document, in document order.
pub fn extract(doc: &Document) -> Vec<Definition> {
    let mut out = Vec::new();
    let articles = Articles::new(doc);
    let tables = definition_tables(doc);
    // Paragraphs by path, looked up once per item: a search of the whole tree per item
    // would be quadratic. The first paragraph of a path wins, as a tree walk would find.
    let mut paragraphs: HashMap<&str, &Provision> = HashMap::new();
    for p in doc
        .all_provisions()
        .filter(|p| p.kind == ProvisionKind::Paragraph)
    {
        paragraphs.entry(p.path.as_str()).or_insert(p);
    }
    for p in text_provisions(doc) {
        if p.kind == ProvisionKind::Row {
            if tables.contains(p.path.as_str()) {
                table_row(doc, p, &mut out);
            }
            continue;
        }
        abbreviations(doc, p, &articles, &mut out);
        sentences(doc, p, &articles, &mut out);
        if matches!(p.kind, ProvisionKind::Item) {
            definition_item(doc, &paragraphs, p, &mut out);
        }
    }
    // A definition in a 附則 (施行日, 旧法, 新法) speaks of that 附則 only: each amending
    // act's 附則 defines its own terms.
    for d in &mut out {
        if d.scope.is_none() && d.path.starts_with("附則") {
            let end = d.path.find('第').unwrap_or(d.path.len());
            d.scope = Some(d.path[..end].to_string());
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

fn make(
    doc: &Document,
    p: &Provision,
    term: Range<usize>,
    meaning: Range<usize>,
    kind: DefinitionKind,
    scope: Option<String>,
) -> Definition {
    let range = p.text_map.src_range(term.clone());
    Definition {
        term: p.text[term].trim().to_string(),
        meaning: p.text[meaning.clone()].trim().to_string(),
        kind,
        path: p.path.clone(),
        span: doc.span(range.clone()),
        scope,
        range,
        meaning_range: p.text_map.src_range(meaning),
    }
}

/// Header cells that make a table a definitions table: 「用語 用語の意味」.
fn is_definition_header(cells: &[String]) -> bool {
    let first = cells.first().map(|c| c.trim()).unwrap_or("");
    let second = cells.get(1).map(|c| c.trim()).unwrap_or("");
    matches!(first, "用語" | "語句" | "用語名" | "定義語" | "言葉")
        || (!second.is_empty()
            && ["意味", "定義", "説明"].iter().any(|k| second.contains(k))
            && first.chars().count() <= 6)
}

/// The rows that define terms: rows of a table whose header says so (「用語 用語の意味」,
/// or a first Markdown row of that kind), or of a two-column table in an article
/// captioned 定義. Other tables (a schedule of working days, a 読替表) define nothing.
fn definition_tables(doc: &Document) -> std::collections::HashSet<&str> {
    let mut rows = std::collections::HashSet::new();
    let mut stack: Vec<(&Provision, bool)> = doc
        .provisions
        .iter()
        .chain(doc.suppl.iter())
        .map(|p| (p, false))
        .collect();
    while let Some((p, in_definitions_article)) = stack.pop() {
        let here = in_definitions_article
            || (p.kind == ProvisionKind::Article
                && p.caption
                    .as_deref()
                    .is_some_and(|c| c.contains("定義") || c.contains("用語")));
        if p.kind == ProvisionKind::Table {
            let body: Vec<&Provision> = p
                .children
                .iter()
                .filter(|r| r.kind == ProvisionKind::Row)
                .collect();
            let (header_row, rows_from) = match body.first() {
                Some(first) if p.cells.is_empty() && is_definition_header(&first.cells) => {
                    (true, 1)
                }
                _ => (false, 0),
            };
            let two_columns = body.iter().all(|r| r.cells.len() == 2);
            if is_definition_header(&p.cells)
                || header_row
                || (here && two_columns && p.cells.is_empty())
            {
                rows.extend(body[rows_from..].iter().map(|r| r.path.as_str()));
            }
            continue;
        }
        stack.extend(p.children.iter().map(|c| (c, here)));
    }
    rows
}

/// A row of a definitions table: the first cell is the term, the second its meaning.
fn table_row(doc: &Document, row: &Provision, out: &mut Vec<Definition>) {
    if row.cells.len() < 2 || row.cells[0].trim().is_empty() {
        return;
    }
    let term_len = row.cells[0].len();
    let meaning_start = term_len + 1; // the tab between the cells
    let term = trim(&row.text, 0..term_len);
    if term.is_empty() || row.text[term.clone()].chars().count() > 40 {
        return;
    }
    let meaning_end = meaning_start + row.cells[1].len();
    out.push(make(
        doc,
        row,
        term,
        meaning_start..meaning_end,
        DefinitionKind::Table,
        None,
    ));
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}

fn abbreviations(
    doc: &Document,
    p: &Provision,
    articles: &Articles<'_>,
    out: &mut Vec<Definition>,
) {
    for c in ABBREVIATION.captures_iter(&p.text) {
        let (Some(whole), Some(term)) = (c.get(0), c.name("term")) else {
            continue;
        };
        let scope = c
            .name("scope")
            .and_then(|s| scope_path(articles, p, s.as_str()));
        let meaning = abbreviated(&p.text, whole.start());
        out.push(make(
            doc,
            p,
            term.range(),
            meaning,
            DefinitionKind::Abbreviation,
            scope,
        ));
    }
    for c in BARE_ABBREVIATION.captures_iter(&p.text) {
        let (Some(whole), Some(term)) = (c.get(0), c.name("term")) else {
            continue;
        };
        if !bare_term(term.as_str()) {
            continue;
        }
        let meaning = abbreviated(&p.text, whole.start());
        if meaning.is_empty() {
            continue;
        }
        out.push(make(
            doc,
            p,
            term.range(),
            meaning,
            DefinitionKind::Abbreviation,
            None,
        ));
    }
}

/// Is the X of （以下X） a term? Not 同じ (（以下同じ。）), 略, a scope phrase
/// (以下この節において同じ), a phrase that goes on (以下に定める, 以下の各号), or words
/// joined by particles (甲及び乙を総称して当事者).
fn bare_term(t: &str) -> bool {
    let first = t.chars().next();
    !first.is_some_and(crate::text::is_hiragana)
        && ![
            "同じ",
            "同様",
            "略",
            "省略",
            "参照",
            "において",
            "ニ於テ",
            "同ジ",
        ]
        .iter()
        .any(|k| t.contains(k))
        && !t.contains(['を', 'が', 'は', 'に', 'で', 'へ'])
}

fn sentences(doc: &Document, p: &Provision, articles: &Articles<'_>, out: &mut Vec<Definition>) {
    for c in TOHA.captures_iter(&p.text) {
        let (Some(term), Some(meaning)) = (c.name("term"), c.name("meaning")) else {
            continue;
        };
        let scope = sentence_scope(articles, p, &p.text[..term.start()]);
        out.push(make(
            doc,
            p,
            term.range(),
            meaning.range(),
            DefinitionKind::Sentence,
            scope,
        ));
    }
    for c in WO_IU.captures_iter(&p.text) {
        let Some(term) = c.name("term") else { continue };
        let Some(whole) = c.get(0) else { continue };
        // （以下「X」という。） is an abbreviation, already found.
        if p.text[..whole.start()].ends_with("以下") {
            continue;
        }
        let start = crate::text::sentence_start(&p.text, whole.start());
        let meaning = abbreviated(&p.text, whole.start()).start.max(start)..whole.start();
        let scope = sentence_scope(articles, p, &p.text[start..whole.start()]);
        out.push(make(
            doc,
            p,
            term.range(),
            meaning,
            DefinitionKind::Sentence,
            scope,
        ));
    }
}

/// 一　法令　法律…をいう。: an item of a definitions paragraph whose text begins with the
/// term, a space, and the meaning.
fn definition_item(
    doc: &Document,
    paragraphs: &HashMap<&str, &Provision>,
    item: &Provision,
    out: &mut Vec<Definition>,
) {
    let Some(parent) = parent_paragraph(paragraphs, item) else {
        return;
    };
    if !DEFINITION_INTRO.is_match(&parent.text) {
        return;
    }
    let text = &item.text;
    if text.starts_with('「') {
        return; // 「X」とは… is a sentence definition
    }
    let Some(sep) = text.find(['\u{3000}', ' ']) else {
        return;
    };
    let term = 0..sep;
    let term_text = &text[term.clone()];
    if term_text.is_empty() || term_text.chars().count() > 30 || term_text.contains(['、', '。'])
    {
        return;
    }
    let meaning = trim(text, sep..text.len());
    out.push(make(
        doc,
        item,
        term,
        meaning,
        DefinitionKind::Sentence,
        None,
    ));
}

fn parent_paragraph<'a>(
    paragraphs: &HashMap<&str, &'a Provision>,
    item: &Provision,
) -> Option<&'a Provision> {
    let (prefix, _) = item.path.rsplit_once('第')?;
    paragraphs.get(prefix).copied()
}

/// The scope a phrase such as この条において gives, as a path. この条及び次条において
/// keeps the defining article (the rules extend it to the next one); 次条において alone is
/// the next article.
fn scope_path(articles: &Articles<'_>, p: &Provision, phrase: &str) -> Option<String> {
    let article = article_path(&p.path);
    if phrase.starts_with("次条") {
        return article.and_then(|a| articles.after(&a));
    }
    // 次項 / 前項 / 同項: the paragraph is another one of the same article.
    if ["次項", "前項", "同項"]
        .iter()
        .any(|k| phrase.starts_with(k))
    {
        return article;
    }
    if phrase.contains("条") {
        return article;
    }
    if phrase.contains("項") {
        return paragraph_path(&p.path);
    }
    if phrase.contains("号") {
        return Some(p.path.clone());
    }
    None
}

/// The articles of a document in order, to find the one after an article (次条).
pub struct Articles<'a> {
    next: std::collections::HashMap<&'a str, &'a str>,
}

impl<'a> Articles<'a> {
    pub fn new(doc: &'a Document) -> Articles<'a> {
        let mut next = std::collections::HashMap::new();
        let mut prev: Option<&'a str> = None;
        for x in doc
            .all_provisions()
            .filter(|x| x.kind == ProvisionKind::Article)
        {
            let path = x.path.as_str();
            if let Some(p) = prev {
                // Only within one part (main provisions or one 附則).
                if p[..p.rfind('第').unwrap_or(0)] == path[..path.rfind('第').unwrap_or(0)] {
                    next.entry(p).or_insert(path);
                }
            }
            prev = Some(path);
        }
        Articles { next }
    }

    /// The article after `article` in the same part.
    pub fn after(&self, article: &str) -> Option<String> {
        self.next.get(article).map(|s| s.to_string())
    }
}

/// この条において「X」とは…: a definition sentence that begins with a scope phrase.
static SENTENCE_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:この|本)(?:条|項|号)(?:及び(?:この|本|次)(?:条|項|号))?において|次条において")
        .expect("sentence scope regex")
});

/// A definition sentence that begins with この条において is limited to the article.
fn sentence_scope(articles: &Articles<'_>, p: &Provision, before: &str) -> Option<String> {
    let s = crate::text::sentence_start(before, before.len());
    let head = &before[s..];
    let m = SENTENCE_SCOPE.find(head)?;
    scope_path(articles, p, m.as_str())
}

/// "第3条第2項第1号" → "第3条" (also inside 附則: "附則第2条第1項" → "附則第2条").
pub fn article_path(path: &str) -> Option<String> {
    // Branch numbers, one or more levels: 第10条の2, 第61条の2の10.
    let mut end = path.find('条')? + '条'.len_utf8();
    while let Some(b) = path[end..].strip_prefix('の') {
        let digits = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            break;
        }
        end += 'の'.len_utf8() + digits;
    }
    Some(path[..end].to_string())
}

/// "第3条第2項第1号" → "第3条第2項".
pub fn paragraph_path(path: &str) -> Option<String> {
    let end = path.find('項')? + '項'.len_utf8();
    Some(path[..end].to_string())
}

/// The long form an abbreviation stands for: the text before （以下…）, back to the
/// nearest clause boundary, a list of names joined by 、 kept whole.
pub fn abbreviated(text: &str, paren: usize) -> Range<usize> {
    let before = &text[..paren];
    let mut start = 0;
    let mut depth = 0i32;
    for (i, c) in before.char_indices().rev() {
        match c {
            '）' | ')'
                if depth == 0
                    && before[..i].rfind(['（', '(']).is_some_and(|o| {
                        before[o..]
                            .trim_start_matches(['（', '('])
                            .starts_with("以下")
                    }) =>
            {
                // The end of an earlier abbreviation: （以下「甲」）が…
                start = i + c.len_utf8();
                break;
            }
            '）' | ')' | '」' | '』' => depth += 1,
            '（' | '(' | '「' | '『' => {
                if depth == 0 {
                    start = i + c.len_utf8();
                    break;
                }
                depth -= 1;
            }
            '。' if depth == 0 => {
                start = i + c.len_utf8();
                break;
            }
            '、' | '，' if depth == 0 => {
                // Keep going over 「A、B及びC」 when the segment before the comma ends
                // like the last member (…仕様書、…仕様書及び…書).
                let after = &before[i + c.len_utf8()..];
                let has_conj = ["及び", "並びに", "又は", "若しくは", "および", "または"]
                    .iter()
                    .any(|k| after.contains(k));
                // The segment before the comma must end in a noun, not a clause
                // (…場合、 …とき、 …ため、).
                let prev = &before[..i];
                let clause_end = ["場合", "とき", "ため", "際", "後", "上", "時", "前"]
                    .iter()
                    .any(|k| prev.ends_with(k));
                let prev_end = prev.chars().last();
                if has_conj
                    && !clause_end
                    && prev_end.is_some_and(|p| {
                        !crate::text::is_hiragana(p) && !matches!(p, '）' | ')' | '」')
                    })
                {
                    continue;
                }
                start = i + c.len_utf8();
                break;
            }
            _ => {}
        }
    }
    trim(text, start..paren)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviated_text() {
        let t = "本約款のほか、当社のＡ仕様書、Ｂ仕様書及び案件個別の個別条件書（以下「仕様書」）に定めます。";
        let r = abbreviated(t, t.find('（').unwrap());
        assert_eq!(&t[r], "当社のＡ仕様書、Ｂ仕様書及び案件個別の個別条件書");
        let t = "お客様は、当社が提供する場合、調査のために必要な役員又は従業員（以下「従事者」）";
        let r = abbreviated(t, t.find('（').unwrap());
        assert_eq!(&t[r], "調査のために必要な役員又は従業員");
        let t = "電気通信事業法（昭和５９年法律第８６号）（以下「法」）";
        let r = abbreviated(t, t.rfind('（').unwrap());
        assert_eq!(&t[r], "電気通信事業法（昭和５９年法律第８６号）");
        let t = "株式会社サンプル商事（以下「甲」）が提供するサービス（以下「本サービス」）";
        let r = abbreviated(t, t.rfind('（').unwrap());
        assert_eq!(&t[r], "が提供するサービス");
    }

    fn terms(text: &str) -> Vec<(String, String)> {
        let src = crate::SourceFile::from_text("t.txt", text);
        let doc = crate::parse_text_source(std::sync::Arc::new(src));
        doc.definitions
            .iter()
            .map(|d| (d.term.clone(), d.meaning.clone()))
            .collect()
    }

    #[test]
    fn bare_abbreviations_and_spaced_sentences() {
        let t = terms(concat!(
            "規約\n\n第1条（定義）\n",
            "AlesInfiny Maris OSS Edition（以下、本サイト）は、文書を提供します。\n",
            "２　株式会社ミナト（以下、会社という。）は、医師又は助産師（以下医師等）と協議する。\n",
            "３　「翻案物」 とは、派生したマテリアルを意味します。\n",
            "４　**「許諾者」** とは、権利を付与する個人をいい、団体を含みます。\n",
            "５　前項の期間（以下同じ。）及び次の各号（以下この条において同じ。）並びに（以下に定めるもの）\n",
        ));
        let want = [
            ("本サイト", "AlesInfiny Maris OSS Edition"),
            ("会社", "株式会社ミナト"),
            ("医師等", "医師又は助産師"),
            ("翻案物", "派生したマテリアル"),
            ("許諾者", "権利を付与する個人"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(t, want);
    }

    #[test]
    fn paths() {
        assert_eq!(
            article_path("第10条の2第2項第1号").as_deref(),
            Some("第10条の2")
        );
        assert_eq!(article_path("附則第2条第1項").as_deref(), Some("附則第2条"));
        assert_eq!(
            article_path("第61条の2の10第1項").as_deref(),
            Some("第61条の2の10")
        );
        assert_eq!(article_path("第2項"), None);
        assert_eq!(
            paragraph_path("第3条第2項第1号").as_deref(),
            Some("第3条第2項")
        );
    }
}
