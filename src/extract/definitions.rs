//! Definitions: rows of a definitions table, abbreviations （以下「X」という。）,
//! definition sentences 「X」とは、…をいう。 / …を「X」という。, and law-style
//! definition items （一　X　…をいう。）.

use super::text_provisions;
use crate::model::{Definition, DefinitionKind, Document, Provision, ProvisionKind};
use foldhash::{HashMap, HashMapExt};
use regex::Regex;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

/// （以下「X」という。）, （以下この条において「X」という。）, （以下あわせて「X」）,
/// （次項において「X」という。）, （以下この款及び次款において「X」という。）, and
/// （平成二十九年法律第十六号。以下「法」という。） — 以下 after an earlier clause of the
/// same parenthesis, so the match may start at that clause's 。.
static ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<open>[（(]|。)(?:以下[、，,]?",
        // The scopes, like the term below, unbounded and passed over past SCOPE_CHARS
        // ([`long_scope`]): the same matches as `{1,40}?` (a scope too long leaves no
        // other way to match from its opening, and holds no opening of its own), for a
        // fifth of the compiling (1.4 M instructions against 6.7).
        r"(?P<scope>[^「」『』（）()、。，,]+?において(?:は)?[、，,]?)?",
        // （次項において「旧商法」という。）: a limited definition written without 以下.
        r"|(?P<scope2>[^「」『』（）()、。，,以]+?において[、，,]?))",
        r"(?:単に|あわせて|併せて|合わせて|総称して|これらを総称して|これらを併せて)?[、，,]?",
        // The term unbounded, passed over past TERM_CHARS ([`long_term`]): the same
        // matches as `{1,40}` (the term holds no 「 and is reached from the first 「
        // after the opening, so no match can start inside a longer one), for less
        // than two thirds of the compiling.
        r"「(?P<term>[^「」（）()]+)」"
    ))
    .expect("abbreviation regex")
});

/// （本サービス）, （「当社」）: a parenthesis that holds nothing but the short name. The
/// name is unbounded and passed over past [`SHORT_NAME_CHARS`] characters
/// ([`long_short_name`]): the same matches as `{1,20}` (it holds no parenthesis, so no
/// match can start inside a longer one), for a quarter of the compiling.
static SHORT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[（(](?:「(?P<quoted>[^「」（）()、。]+)」|(?P<hon>本[^「」『』（）()、，。\s]+))[）)]",
    )
    .expect("short name regex")
});

/// （以下、本サイト）, （以下甲）, （以下、会社という。）: an abbreviation written without
/// brackets. The term is checked by [`bare_term`].
static BARE_ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[（(]以下[、，,]?(?:単に|あわせて|併せて|合わせて|総称して|まとめて)?[、，,]?",
        // The term unbounded, passed over past BARE_TERM_CHARS: the same matches as
        // `{1,20}?` (the shortest term that ends the match is the one both take, and no
        // match starts inside a longer one: it holds no parenthesis), for half the
        // compiling (1.9 M instructions against 3.8).
        r"(?P<term>[^「」『』｢｣（）()、，,。\s]+?)",
        r"(?:という|といいます|とする|とします|と称する|と称します|と略称する)?。?[）)]"
    ))
    .expect("bare abbreviation regex")
});

/// 「X」とは、…をいう。 (also 「X」 とは and **「X」** とは, a space or Markdown emphasis
/// between the quote and とは). X is matched unbounded and passed over past
/// [`TERM_CHARS`] characters ([`long_term`]): the same matches as `{1,40}` (no match can
/// start inside a longer quote passed over: the class holds no 「, nor does what follows
/// it), for a fifth of the compiling (0.08 ms against 0.36).
static TOHA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"「(?P<term>[^「」]+)」[*＊]{0,2}[ \u{3000}]*[*＊]{0,2}とは[、，,]?")
        .expect("toha regex")
});

/// …を「X」という。 / …を「X」と総称する。 (not inside （以下…）), X as in [`TOHA`] (0.11
/// ms against 0.38 to compile).
static WO_IU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"を「(?P<term>[^「」]+)」(?:という|といいます|と総称する|と総称します|と称する|と称します|と略称する)").expect("wo-iu regex")
});

/// The longest term a 「X」とは or を「X」という sentence defines.
const TERM_CHARS: usize = 40;

/// The matches of [`ABBREVIATION`] in `text` whose term is no longer than [`TERM_CHARS`]
/// and whose scope, if any, no longer than [`SCOPE_CHARS`].
fn abbreviation_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    ABBREVIATION.captures_iter(text).filter(|c| {
        c.name("term").is_some_and(|t| !long_term(t.as_str()))
            && !c
                .name("scope")
                .or(c.name("scope2"))
                .is_some_and(|s| long_scope(s.as_str()))
    })
}

/// The most characters an [`ABBREVIATION`] or [`SAME_HEREAFTER`] scope holds before its
/// において.
const SCOPE_CHARS: usize = 40;

/// Is a scope (…において, and what may follow it: は, 、) longer than [`SCOPE_CHARS`]
/// before its last において (no match)?
fn long_scope(scope: &str) -> bool {
    let words = scope.rfind("において").map_or(scope, |i| &scope[..i]);
    words.chars().nth(SCOPE_CHARS).is_some()
}

/// The longest term of a [`BARE_ABBREVIATION`], in characters.
const BARE_TERM_CHARS: usize = 20;

/// Is the term of a [`BARE_ABBREVIATION`] match longer than [`BARE_TERM_CHARS`] (no
/// match)?
fn long_bare_term(term: &str) -> bool {
    term.chars().nth(BARE_TERM_CHARS).is_some()
}

/// The matches of [`SHORT_NAME`] in `text` whose name is no longer than
/// [`SHORT_NAME_CHARS`].
fn short_name_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    SHORT_NAME
        .captures_iter(text)
        .filter(|c| !long_short_name(c))
}

/// The longest short name in [`SHORT_NAME`], in characters (after 本 for a 本… name).
const SHORT_NAME_CHARS: usize = 20;

/// Is the name of a [`SHORT_NAME`] match longer than [`SHORT_NAME_CHARS`] (no match)?
fn long_short_name(c: &regex::Captures<'_>) -> bool {
    let name = match (c.name("quoted"), c.name("hon")) {
        (Some(q), _) => q.as_str(),
        (None, Some(h)) => &h.as_str()["本".len()..],
        (None, None) => return false,
    };
    name.chars().nth(SHORT_NAME_CHARS).is_some()
}

/// Is a term of [`TOHA`], [`WO_IU`] or [`ABBREVIATION`] longer than [`TERM_CHARS`] (no
/// definition)?
fn long_term(term: &str) -> bool {
    term.chars().nth(TERM_CHARS).is_some()
}

/// Intro sentences of a definitions article whose items define terms law-style.
static DEFINITION_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:用語の意義|用語の意味|用語の定義|次の意味|次の各号に掲げる用語|用語は)")
        .expect("intro regex")
});

/// Extract every definition of a document, in document order.
pub fn extract(doc: &Document) -> Vec<Definition> {
    extract_from(doc, &text_provisions(doc))
}

/// [`extract`] over the text provisions of `doc`, walked once for all kinds of fact.
pub(crate) fn extract_from(doc: &Document, provisions: &[&Provision]) -> Vec<Definition> {
    let mut out = Vec::new();
    let articles = ArticlesOnce::new(doc);
    let tables = definition_tables(doc);
    let paragraphs = ParagraphsOnce::new(doc);
    for &p in provisions {
        if p.kind == ProvisionKind::Row {
            if let Some(&reading) = tables.get(p.path.as_str()) {
                table_row(doc, p, reading, &mut out);
            }
            continue;
        }
        let anchors = Anchors::of(&p.text);
        abbreviations(doc, p, &articles, &anchors, &mut out);
        if anchors.quote {
            sentences(doc, p, &articles, &mut out);
        }
        if matches!(p.kind, ProvisionKind::Item) {
            definition_item(doc, &paragraphs, p, &mut out);
        }
    }
    definition_lists(doc, &mut out);
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

/// The words the definition patterns cannot match without, looked for once per text:
/// most provisions hold none of them, and then no pattern runs there.
struct Anchors {
    /// 「: [`ABBREVIATION`], the quoted form of [`SHORT_NAME`], [`TOHA`], [`WO_IU`].
    quote: bool,
    /// 以下: [`BARE_ABBREVIATION`], [`SAME_HEREAFTER`].
    hereafter: bool,
    /// （本 or (本: the 本 form of [`SHORT_NAME`].
    short_hon: bool,
}

static HEREAFTER_SAID: crate::text::Words = crate::text::Words::new(&["以下"]);
static SHORT_HON_SAID: crate::text::Words = crate::text::Words::new(&["（本", "(本"]);

impl Anchors {
    fn of(text: &str) -> Anchors {
        Anchors {
            quote: text.contains('「'),
            hereafter: HEREAFTER_SAID.said_in(text),
            short_hon: SHORT_HON_SAID.said_in(text),
        }
    }
}

/// [`Articles`] of a document, built when a scope phrase first asks (この章において,
/// 次条において): most definitions have no such scope, and most documents never ask.
struct ArticlesOnce<'a> {
    doc: &'a Document,
    articles: OnceCell<Articles<'a>>,
}

impl<'a> ArticlesOnce<'a> {
    fn new(doc: &'a Document) -> ArticlesOnce<'a> {
        ArticlesOnce {
            doc,
            articles: OnceCell::new(),
        }
    }

    fn get(&self) -> &Articles<'a> {
        self.articles.get_or_init(|| Articles::new(self.doc))
    }
}

/// Paragraphs by path, looked up once per item that may define a term: a search of the
/// whole tree per item would be quadratic. The first paragraph of a path wins, as a tree
/// walk would find. Built at the first lookup: most items read as no definition before
/// their paragraph is needed.
struct ParagraphsOnce<'a> {
    doc: &'a Document,
    paragraphs: OnceCell<HashMap<&'a str, &'a Provision>>,
}

impl<'a> ParagraphsOnce<'a> {
    fn new(doc: &'a Document) -> ParagraphsOnce<'a> {
        ParagraphsOnce {
            doc,
            paragraphs: OnceCell::new(),
        }
    }

    fn get(&self, path: &str) -> Option<&'a Provision> {
        self.paragraphs
            .get_or_init(|| {
                let mut paragraphs: HashMap<&str, &Provision> = HashMap::new();
                for p in self
                    .doc
                    .all_provisions()
                    .filter(|p| p.kind == ProvisionKind::Paragraph)
                {
                    paragraphs.entry(p.path.as_str()).or_insert(p);
                }
                paragraphs
            })
            .get(path)
            .copied()
    }
}

/// A definition list (Markdown Extra, kramdown; kept in plain text the same way): a
/// short line with the term, then a line starting with `:` and a space that gives the
/// meaning.
///
/// ```text
/// 各種ドキュメント
/// :   本サイトの提供するすべての文書を指します。
/// ```
fn definition_lists(doc: &Document, out: &mut Vec<Definition>) {
    let lists = [doc.provisions.as_slice(), doc.suppl.as_slice()]
        .into_iter()
        .chain(doc.all_provisions().map(|p| &p.children[..]));
    for siblings in lists {
        for pair in siblings.windows(2) {
            let (t, m) = (&pair[0], &pair[1]);
            // The term's line first (its own text), then the marker (which may need
            // the source).
            if !t.children.is_empty() {
                continue;
            }
            let term = trim(&t.text, 0..t.text.len());
            let word = &t.text[term.clone()];
            if word.is_empty()
                || word.chars().count() > 30
                || word.ends_with('。')
                || word.contains([':', '：', '「', '」'])
            {
                continue;
            }
            // The marker is in the text (plain text), or in front of it in the source
            // (the Markdown layout takes it off as markup).
            let body = match m.text.strip_prefix([':', '：']) {
                Some(body) if body.starts_with([' ', '\t', '\u{3000}']) => body,
                Some(_) => continue,
                None => {
                    let src = &doc.source.text;
                    let at = m.text_map.src_range(0..0).start.min(src.len());
                    let line = src[..at].rfind('\n').map_or(0, |n| n + 1);
                    match src.get(line..at) {
                        Some(lead) if lead.trim() == ":" => m.text.as_str(),
                        _ => continue,
                    }
                }
            };
            let meaning = trim(&m.text, m.text.len() - body.len()..m.text.len());
            if meaning.is_empty() {
                continue;
            }
            let range = t.text_map.src_range(term);
            out.push(Definition {
                term: word.to_string(),
                meaning: m.text[meaning.clone()].to_string(),
                kind: DefinitionKind::Table,
                path: t.path.to_string(),
                span: doc.span(range.clone()),
                scope: None,
                reading: None,
                range,
                meaning_range: m.text_map.src_range(meaning),
            });
        }
    }
}

fn make(
    doc: &Document,
    p: &Provision,
    term: Range<usize>,
    meaning: Range<usize>,
    kind: DefinitionKind,
    scope: Option<String>,
) -> Definition {
    // 「瑕疵（かし）」: the term is 瑕疵, read かし.
    let (term, reading) = match reading_in(&p.text[term.clone()]) {
        Some((len, reading)) => (term.start..term.start + len, Some(reading)),
        None => (term, None),
    };
    let range = p.text_map.src_range(term.clone());
    Definition {
        term: p.text[term].trim().to_string(),
        meaning: p.text[meaning.clone()].trim().to_string(),
        kind,
        path: p.path.to_string(),
        span: doc.span(range.clone()),
        scope,
        reading,
        range,
        meaning_range: p.text_map.src_range(meaning),
    }
}

/// A term written with its reading in brackets after it, 瑕疵（かし） or 約款(やっかん):
/// the length of the term before the bracket and the reading. Only a reading in kana
/// after a term that holds a kanji counts, so that （注） or （1） is not one.
fn reading_in(term: &str) -> Option<(usize, String)> {
    let body = term.trim_end();
    let inner = body.strip_suffix('）').or_else(|| body.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let base = inner[..open].trim_end();
    let reading = inner[open..].trim_start_matches(['（', '(']).trim();
    let kana = |c: char| {
        crate::text::is_hiragana(c) || crate::text::is_katakana(c) || matches!(c, 'ー' | '・')
    };
    (!reading.is_empty() && reading.chars().all(kana) && base.chars().any(crate::text::is_kanji))
        .then(|| (base.len(), reading.to_string()))
}

/// The header of a definitions table that gives each term's reading in a column of its
/// own (用語 | 読み | 意味): the index of that column.
fn reading_column(cells: &[String]) -> Option<usize> {
    let k = cells.iter().position(|c| {
        matches!(
            c.trim(),
            "読み" | "よみ" | "読み方" | "よみがな" | "ふりがな" | "読み仮名"
        )
    })?;
    (k > 0 && k + 1 < cells.len()).then_some(k)
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
/// Each row with the column that gives the terms' readings, when the header has one.
fn definition_tables(doc: &Document) -> HashMap<&str, Option<usize>> {
    let mut rows = HashMap::new();
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
            let reading = if header_row {
                reading_column(&body[0].cells)
            } else {
                reading_column(&p.cells)
            };
            let two_columns = body.iter().all(|r| r.cells.len() == 2);
            if is_definition_header(&p.cells)
                || header_row
                || (here && two_columns && p.cells.is_empty())
            {
                rows.extend(body[rows_from..].iter().map(|r| (r.path.as_str(), reading)));
            }
            continue;
        }
        stack.extend(p.children.iter().map(|c| (c, here)));
    }
    rows
}

/// A row of a definitions table: the first cell is the term, the second its meaning;
/// with a reading column (`reading`), that cell is the term's reading and the meaning
/// is the cell after it.
fn table_row(doc: &Document, row: &Provision, reading: Option<usize>, out: &mut Vec<Definition>) {
    if row.cells.len() < 2 || row.cells[0].trim().is_empty() {
        return;
    }
    let term_len = row.cells[0].len();
    let term = trim(&row.text, 0..term_len);
    if term.is_empty() || row.text[term.clone()].chars().count() > 40 {
        return;
    }
    // The cells are joined by one tab each in the row's text.
    let cell_start = |k: usize| row.cells[..k].iter().map(|c| c.len() + 1).sum::<usize>();
    let (meaning_cell, reading) = match reading {
        Some(k) if k + 1 < row.cells.len() => (k + 1, Some(row.cells[k].trim())),
        _ => (1, None),
    };
    let meaning_start = cell_start(meaning_cell);
    let meaning_end = meaning_start + row.cells[meaning_cell].len();
    let mut def = make(
        doc,
        row,
        term,
        meaning_start..meaning_end,
        DefinitionKind::Table,
        None,
    );
    if let Some(r) = reading.filter(|r| !r.is_empty()) {
        def.reading = Some(r.to_string());
    }
    out.push(def);
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
    articles: &ArticlesOnce<'_>,
    anchors: &Anchors,
    out: &mut Vec<Definition>,
) {
    let text = p.text.as_str();
    // Each pattern runs only where its anchor stands.
    let only = |anchor: bool, re: &'static Regex| anchor.then(|| re.captures_iter(text));
    for c in anchors
        .quote
        .then(|| abbreviation_matches(text))
        .into_iter()
        .flatten()
    {
        let (Some(open), Some(term)) = (c.name("open"), c.name("term")) else {
            continue;
        };
        // （…。以下「X」という。）: the parenthesis opened before the earlier clause.
        let paren = if open.as_str() == "。" {
            match unclosed_open(text, open.start()) {
                Some(o) => o,
                None => continue,
            }
        } else {
            open.start()
        };
        if inside_quote(text, paren) {
            continue; // a definition quoted by an amendment or a 読替え belongs to that text
        }
        let phrase = c.name("scope").or(c.name("scope2")).map(|s| s.as_str());
        let scope = phrase.and_then(|s| scope_path(articles, p, s));
        let meaning = abbreviated(text, paren);
        out.push(make(
            doc,
            p,
            term.range(),
            meaning,
            DefinitionKind::Abbreviation,
            scope,
        ));
    }
    for c in only(anchors.hereafter, &BARE_ABBREVIATION)
        .into_iter()
        .flatten()
    {
        let (Some(whole), Some(term)) = (c.get(0), c.name("term")) else {
            continue;
        };
        if long_bare_term(term.as_str())
            || !bare_term(term.as_str())
            || inside_quote(text, whole.start())
        {
            continue;
        }
        let meaning = abbreviated(text, whole.start());
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
    // サービス（本サービス）, 株式会社ミナト（「当社」）: the name in the parenthesis stands
    // for what precedes it.
    let short = anchors.quote || anchors.short_hon;
    for c in short
        .then(|| short_name_matches(text))
        .into_iter()
        .flatten()
    {
        let (Some(whole), Some(term)) = (c.get(0), c.name("quoted").or(c.name("hon"))) else {
            continue;
        };
        if inside_quote(text, whole.start()) || !bare_term(term.as_str()) {
            continue;
        }
        let meaning = abbreviated(text, whole.start());
        // The long form ends in a noun written right before the parenthesis.
        let ends_in_noun = text[..whole.start()].chars().next_back().is_some_and(|ch| {
            !crate::text::is_hiragana(ch)
                && !ch.is_ascii_punctuation()
                && !matches!(ch, '、' | '。' | '）' | '」')
        });
        if meaning.is_empty() || !ends_in_noun {
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
    if anchors.hereafter {
        parenthetical_definitions(doc, p, articles, out);
    }
}

/// The （ or ( left open before `at` (brackets in between paired), within the text.
fn unclosed_open(text: &str, at: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[..at].char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// Is `at` inside a 「」 quotation (the text an amendment inserts, the wording a 読替え
/// substitutes)? A definition there is the quoted text's, not this document's.
fn inside_quote(text: &str, at: usize) -> bool {
    let mut depth = 0usize;
    for c in text[..at].chars() {
        match c {
            '「' => depth += 1,
            '」' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth > 0 && text[at..].contains('」')
}

/// Statute style, the commonest definition of all: 推定相続人（相続が開始した場合に相続人と
/// なるべき者をいう。以下同じ。）, 個人情報（…をいい、…を含む。以下この章において同じ。）.
/// The term is the word right before the parenthesis, the meaning what it says the word
/// means (without をいう).
static SAME_HEREAFTER: LazyLock<Regex> = LazyLock::new(|| {
    // The scope unbounded and passed over past SCOPE_CHARS ([`hereafter_scope`]): the
    // same matches as `{0,40}?` (without its scope the match cannot go on, and no match
    // starts inside it), for a seventh of the compiling (0.4 M instructions against 2.8).
    Regex::new(r"。[ 　]*以下(?P<scope>[^「」『』（）()、。]*?において)?[、，]?同じ。?[）)]")
        .expect("same hereafter regex")
});

/// The `scope` of a [`SAME_HEREAFTER`] match, read off the match (its captures cost more
/// than finding it): from 以下 to the end of its last において. Nothing else in the
/// pattern holds において, so a match says it exactly when it has a scope, which runs
/// from right after the first 以下 (。 and spaces hold none) to the end of the scope's
/// において (only 、, 同じ, 。 and the bracket follow it).
fn hereafter_scope(m: &str) -> Option<&str> {
    let end = m.rfind("において")? + "において".len();
    let start = m.find("以下")? + "以下".len();
    m.get(start..end)
}

/// Is the scope of a [`SAME_HEREAFTER`] match longer than [`SCOPE_CHARS`] (no match)?
fn long_hereafter_scope(m: &str) -> bool {
    hereafter_scope(m).is_some_and(long_scope)
}

fn parenthetical_definitions(
    doc: &Document,
    p: &Provision,
    articles: &ArticlesOnce<'_>,
    out: &mut Vec<Definition>,
) {
    let text = p.text.as_str();
    let matches = SAME_HEREAFTER.find_iter(text);
    for whole in matches.filter(|m| !long_hereafter_scope(m.as_str())) {
        let Some(open) = unclosed_open(text, whole.start()) else {
            continue;
        };
        if inside_quote(text, open) {
            continue;
        }
        let inner = open + text[open..].chars().next().map_or(1, char::len_utf8);
        let body = &text[inner..whole.start()];
        // The meaning ends at the last をいい / をいう of the parenthesis' own level.
        let Some(end) = meaning_verb(body) else {
            continue;
        };
        let term = term_before(text, open);
        if term.is_empty() {
            continue;
        }
        let scope = hereafter_scope(whole.as_str()).and_then(|s| scope_path(articles, p, s));
        out.push(make(
            doc,
            p,
            term,
            inner..inner + end,
            DefinitionKind::Sentence,
            scope,
        ));
    }
}

/// Where the meaning of 「…をいう」 ends in `body` (a parenthesis' content): the last
/// をいう / をいい / を指す at depth 0. None when the parenthesis defines nothing
/// (（第三条第一項に規定する者に限る。以下同じ。）).
fn meaning_verb(body: &str) -> Option<usize> {
    const VERBS: [&str; 5] = ["をいう", "をいい、", "をいい，", "を指す", "をいいます"];
    let mut depth = 0i32;
    let mut found = None;
    for (i, c) in body.char_indices() {
        match c {
            '（' | '(' | '「' | '『' => depth += 1,
            '）' | ')' | '」' | '』' => depth -= 1,
            _ if depth == 0 && VERBS.iter().any(|v| body[i..].starts_with(v)) => found = Some(i),
            _ => {}
        }
    }
    found
}

/// The word written right before a parenthesis: kanji, katakana, Latin letters and
/// digits back to the first kana particle or punctuation (被相続人の|推定相続人（).
fn term_before(text: &str, open: usize) -> Range<usize> {
    let mut start = open;
    for (i, c) in text[..open].char_indices().rev() {
        let word = crate::text::is_kanji(c)
            || crate::text::is_katakana(c)
            || c.is_alphanumeric() && !crate::text::is_hiragana(c)
            || matches!(c, '・' | 'ー' | '々' | 'ヶ');
        if !word {
            break;
        }
        start = i;
    }
    let t = &text[start..open];
    // A reference (同項第一号, 第三条) or a number is no term.
    let reference = t.starts_with(['第', '同', '前', '次']) && t.ends_with(['条', '項', '号']);
    if t.chars().count() > 30 || reference || t.chars().all(|c| c.is_numeric()) {
        return open..open;
    }
    start..open
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

fn sentences(
    doc: &Document,
    p: &Provision,
    articles: &ArticlesOnce<'_>,
    out: &mut Vec<Definition>,
) {
    let text = p.text.as_str();
    // The term is the word the match quotes first ([`crate::text::quoted_in`]).
    for whole in TOHA.find_iter(text) {
        let term = crate::text::quoted_in(text, whole.range(), '「'.len_utf8());
        if long_term(&text[term.clone()]) {
            continue;
        }
        let quote = term.start - '「'.len_utf8();
        if inside_quote(text, quote) {
            continue;
        }
        let Some(end) = toha_meaning_end(&text[whole.end()..]) else {
            continue;
        };
        let meaning = trim(text, whole.end()..whole.end() + end);
        let scope = sentence_scope(articles, p, &text[..term.start]);
        out.push(make(doc, p, term, meaning, DefinitionKind::Sentence, scope));
    }
    for whole in WO_IU.find_iter(text) {
        let term = crate::text::quoted_in(text, whole.range(), "を「".len());
        if long_term(&text[term.clone()]) {
            continue;
        }
        // （以下「X」という。） is an abbreviation, already found.
        if text[..whole.start()].ends_with("以下") || inside_quote(text, whole.start()) {
            continue;
        }
        let start = crate::text::sentence_start(text, whole.start());
        let meaning = abbreviated(text, whole.start()).start.max(start)..whole.start();
        let scope = sentence_scope(articles, p, &text[start..whole.start()]);
        out.push(make(doc, p, term, meaning, DefinitionKind::Sentence, scope));
    }
}

/// Where the meaning after 「X」とは ends: before をいう (をいい、, を指す, を意味する) at the
/// sentence's own level — a parenthetical inside the meaning may hold its own 。 and
/// をいう — or, failing that, before とする. None when the sentence has neither.
fn toha_meaning_end(rest: &str) -> Option<usize> {
    const VERBS: [&str; 7] = [
        "をいう",
        "をいいます",
        "をいい、",
        "をいい，",
        "を指す",
        "を指します",
        "を意味",
    ];
    let mut depth = 0i32;
    let mut fallback = None;
    for (i, c) in rest.char_indices() {
        match c {
            '（' | '(' | '「' | '『' => depth += 1,
            '）' | ')' | '」' | '』' => depth = (depth - 1).max(0),
            '。' if depth == 0 => break,
            _ if depth == 0 => {
                if VERBS.iter().any(|v| rest[i..].starts_with(v)) {
                    return Some(i);
                }
                if fallback.is_none()
                    && (rest[i..].starts_with("とする") || rest[i..].starts_with("とします"))
                {
                    fallback = Some(i);
                }
            }
            _ => {}
        }
    }
    fallback
}

/// 一　法令　法律…をいう。: an item of a definitions paragraph whose text begins with the
/// term, a space, and the meaning.
fn definition_item(
    doc: &Document,
    paragraphs: &ParagraphsOnce<'_>,
    item: &Provision,
    out: &mut Vec<Definition>,
) {
    // The item's own shape first, then its paragraph's intro (a lookup).
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
    let Some(parent) = parent_paragraph(paragraphs, item) else {
        return;
    };
    if !DEFINITION_INTRO.is_match(&parent.text) {
        return;
    }
    // 一　会社　株式会社…をいう。: the meaning is what the word stands for, without the
    // closing をいう。.
    let mut end = text.len();
    for tail in ["をいう。", "をいいます。", "をいう", "をいいます", "。"] {
        if let Some(stripped) = text[..end].strip_suffix(tail) {
            end = stripped.len();
            break;
        }
    }
    let meaning = trim(text, sep..end.max(sep));
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
    paragraphs: &ParagraphsOnce<'a>,
    item: &Provision,
) -> Option<&'a Provision> {
    let (prefix, _) = item.path.rsplit_once('第')?;
    paragraphs.get(prefix)
}

/// The scope a phrase such as この条において gives, as a path: この条 the article, この項
/// the paragraph, この号 the item, この款 / この節 / この章 / この編 the division of the tree
/// that holds the provision, 次条 the next article, 第三条 that article. A compound
/// phrase (この項及び第三項, この条及び次条) keeps the smallest provision that holds every
/// part of the same article — the article — and the rules add the other articles it
/// names (次条, 第十条).
fn scope_path(articles: &ArticlesOnce<'_>, p: &Provision, phrase: &str) -> Option<String> {
    let phrase = phrase.trim_start_matches(['、', '，', ',', ' ', '\u{3000}']);
    let article = article_path(&p.path);
    let compound = ["及び", "並びに", "、", "から", "又は"]
        .iter()
        .any(|k| phrase.contains(k));
    let base = phrase
        .strip_prefix("この")
        .or_else(|| phrase.strip_prefix("本"))
        .or_else(|| phrase.strip_prefix("同"));
    if let Some(rest) = base {
        let unit = rest.chars().next()?;
        return match unit {
            '条' => article,
            '項' if compound => article,
            '項' => paragraph_path(&p.path).or(article),
            '号' if compound => paragraph_path(&p.path).or(article),
            '号' => Some(p.path.to_string()),
            '款' | '節' | '章' | '編' | '目' => articles.get().division(&p.path, unit),
            _ => None,
        };
    }
    if phrase.starts_with("次条") {
        return article.and_then(|a| articles.get().after(&a));
    }
    // 次項 / 前項 / 第三項 / 第一号: other parts of the same article.
    if phrase.starts_with("次項")
        || phrase.starts_with("前項")
        || phrase.starts_with("次号")
        || phrase.starts_with("前号")
        || FIRST_PART.captures(phrase).is_some_and(|c| &c[2] != "条")
    {
        return article;
    }
    if let Some(c) = FIRST_PART.captures(phrase) {
        let n = crate::parse::numeral::parse_number(&c[1])?;
        let mut path = format!("第{n}条");
        for b in c[3].split('の').filter(|b| !b.is_empty()) {
            path.push_str(&format!("の{}", crate::parse::numeral::parse_number(b)?));
        }
        // A 附則's article: 附則第三条 within the same 附則.
        if let Some(prefix) = p
            .path
            .find("第")
            .map(|i| &p.path[..i])
            .filter(|x| x.starts_with("附則"))
        {
            return Some(format!("{prefix}{path}"));
        }
        return Some(path);
    }
    None
}

/// 第三条 / 第二項 / 第一号 / 第十条の二 at the start of a scope phrase.
static FIRST_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第([〇一二三四五六七八九十百千0-9０-９]+)(条|項|号)((?:の[〇一二三四五六七八九十百千0-9０-９]+)*)")
        .expect("first part regex")
});

/// The articles of a document in order, to find the one after an article (次条), and the
/// divisions (編, 章, 節, 款, 目) that hold each article.
pub struct Articles<'a> {
    next: foldhash::HashMap<&'a str, &'a str>,
    /// Article path → the divisions above it, outermost first: (unit, path).
    divisions: foldhash::HashMap<&'a str, Vec<(char, &'a str)>>,
    /// Division path → the articles in it, in order.
    members: foldhash::HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Articles<'a> {
    pub fn new(doc: &'a Document) -> Articles<'a> {
        let mut next = foldhash::HashMap::default();
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
        // The divisions: chapters and statute sections (第一節, 第二款) above articles.
        let mut divisions = foldhash::HashMap::default();
        let mut members: foldhash::HashMap<&'a str, Vec<&'a str>> = foldhash::HashMap::default();
        let mut stack: Vec<(&'a Provision, Vec<(char, &'a str)>)> = doc
            .provisions
            .iter()
            .rev()
            .map(|p| (p, Vec::new()))
            .collect();
        while let Some((p, above)) = stack.pop() {
            match p.kind {
                ProvisionKind::Article => {
                    for (_, d) in &above {
                        members.entry(*d).or_default().push(p.path.as_str());
                    }
                    divisions.insert(p.path.as_str(), above);
                }
                ProvisionKind::Chapter | ProvisionKind::Section => {
                    let mut here = above.clone();
                    if let Some(unit) = p
                        .label
                        .trim()
                        .chars()
                        .last()
                        .filter(|u| "編章節款目".contains(*u))
                    {
                        here.push((unit, p.path.as_str()));
                    }
                    for c in p.children.iter().rev() {
                        stack.push((c, here.clone()));
                    }
                }
                _ => {}
            }
        }
        Articles {
            next,
            divisions,
            members,
        }
    }

    /// The article after `article` in the same part.
    pub fn after(&self, article: &str) -> Option<String> {
        self.next.get(article).map(|s| s.to_string())
    }

    /// The division of kind `unit` (章, 節, 款…) that holds the provision at `path`.
    pub fn division(&self, path: &str, unit: char) -> Option<String> {
        let article = article_path(path)?;
        self.divisions
            .get(article.as_str())?
            .iter()
            .rev()
            .find(|(u, _)| *u == unit)
            .map(|(_, d)| d.to_string())
    }

    /// The articles of the divisions whose path ends with `tail` (第4章第1節第2款 inside
    /// 第2編…, or the whole path).
    pub fn members_ending(&self, tail: &str) -> Vec<String> {
        if tail.is_empty() {
            return Vec::new();
        }
        let mut keys: Vec<&&str> = self
            .members
            .keys()
            .filter(|k| {
                k.ends_with(tail)
                    && (k.len() == tail.len()
                        || k[..k.len() - tail.len()].ends_with(['編', '章', '節', '款']))
            })
            .collect();
        keys.sort();
        keys.iter()
            .flat_map(|k| self.members[**k].iter().map(|a| a.to_string()))
            .collect()
    }

    /// The articles of a division (empty when `path` is no division).
    pub fn members(&self, division: &str) -> &[&'a str] {
        self.members.get(division).map_or(&[], |v| v.as_slice())
    }
}

/// この条において「X」とは…: a definition sentence that begins with a scope phrase.
static SENTENCE_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:この|本)(?:条|項|号|款|節|章|編)(?:(?:及び|並びに)[^「」、。]{1,20}?)?において|次条において")
        .expect("sentence scope regex")
});

/// A definition sentence that begins with この条において is limited to the article.
fn sentence_scope(articles: &ArticlesOnce<'_>, p: &Provision, before: &str) -> Option<String> {
    let s = crate::text::sentence_start(before, before.len());
    let head = before[s..].trim_end_matches('「');
    // 前項に規定する「反対株主」とは…: the word as another provision of the article uses
    // it, defined for that article.
    if ["に規定する", "に掲げる", "に定める"]
        .iter()
        .any(|k| head.ends_with(k))
        && ["前項", "同項", "前各項", "項", "前号", "号", "前条", "同条"]
            .iter()
            .any(|k| head.contains(k))
    {
        return article_path(&p.path);
    }
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
                // The end of an earlier abbreviation. A list goes on after it
                // (甲（以下「甲」）及び乙): the long form starts after the conjunction. A
                // modifier goes on through it (株式会社サンプル（以下「甲」）が提供するサービス):
                // the long form takes the earlier name in, as written.
                let after = &before[i + c.len_utf8()..];
                let joined = [
                    "及び",
                    "並びに",
                    "又は",
                    "若しくは",
                    "および",
                    "または",
                    "と",
                    "や",
                    "、",
                    "，",
                ]
                .iter()
                .find(|k| after.starts_with(**k));
                if let Some(k) = joined {
                    start = i + c.len_utf8() + k.len();
                    break;
                }
                if after.starts_with(crate::text::is_hiragana) {
                    depth += 1;
                    continue;
                }
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
                let clause_end = [
                    "場合",
                    "とき",
                    "ため",
                    "際",
                    "後",
                    "上",
                    "時",
                    "前",
                    "年度",
                    "において",
                    "により",
                    "で",
                    "に",
                ]
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
    let r = trim(text, start..paren);
    let r = drop_lead(text, r);
    law_title(text, r, paren)
}

/// Words in front of the long form that belong to the sentence, not to the name: an
/// adverb (引き続き, 毎事業年度、) or a phrase ending in a particle before a plain noun or a
/// list of nouns (その者に無利息で|矯正医官修学資金, 当該場において|商品、役務又は権利).
fn drop_lead(text: &str, r: Range<usize>) -> Range<usize> {
    const ADVERBS: [&str; 7] = [
        "引き続き",
        "引き続いて",
        "直ちに",
        "あらかじめ",
        "併せて",
        "毎事業年度、",
        "毎年度、",
    ];
    let mut start = r.start;
    for a in ADVERBS {
        if text[start..r.end].starts_with(a) {
            start += a.len();
        }
    }
    // Not による / により / に: …の規定による臨床研修 is the name's own modifier.
    const PARTICLES: [&str; 4] = ["において", "では", "で", "は"];
    let s = &text[start..r.end];
    let mut cut = None;
    for (i, _) in s.char_indices() {
        if let Some(p) = PARTICLES.iter().find(|p| s[i..].starts_with(**p)) {
            let rest = &s[i + p.len()..];
            let plain = !rest.is_empty()
                && !rest.starts_with(['、', '，'])
                && ["及び", "又は", "並びに", "若しくは"]
                    .iter()
                    .fold(rest.to_string(), |acc, k| acc.replace(k, ""))
                    .chars()
                    .all(|c| !crate::text::is_hiragana(c) && !matches!(c, '（' | '(' | '「'));
            // 又は and 並びに are conjunctions, not particles.
            let conjunction = s[..i].ends_with('又') || s[..i].ends_with("並び");
            let after_word = !conjunction
                && s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| !crate::text::is_hiragana(c));
            if plain && after_word {
                cut = Some(i + p.len());
            }
        }
    }
    match cut {
        Some(c) => start + c..r.end,
        None => start..r.end,
    }
}

/// この法律及び独立行政法人通則法（平成十一年法律第百三号。以下「通則法」という。）: an
/// abbreviation of a statute cited with its law number names that statute alone, not
/// the list it stands in.
fn law_title(text: &str, r: Range<usize>, paren: usize) -> Range<usize> {
    let inner = &text[paren..];
    let cited = inner
        .split(['。', '）', ')'])
        .next()
        .is_some_and(|n| n.contains("法律第") || n.contains("政令第") || n.contains("省令第"));
    if !cited {
        return r;
    }
    let s = &text[r.clone()];
    // Cut only after another statute of the list (この法律及び|…通則法): 及び inside a title
    // (海洋汚染等及び海上災害の防止に関する法律) stays.
    let cut = ["及び", "並びに", "又は", "、"]
        .iter()
        .filter_map(|k| {
            s.match_indices(k)
                .filter(|(i, _)| {
                    let prev = &s[..*i];
                    prev.ends_with('法') || prev.ends_with("法律") || prev.ends_with('令')
                })
                .map(|(i, _)| i + k.len())
                .last()
        })
        .max();
    match cut {
        Some(c) if c < s.len() => r.start + c..r.end,
        _ => r,
    }
}

/// Compiles the definition patterns every document with definitions reaches, ahead of
/// their first use ([`crate::extract::warm_up`]).
pub(crate) fn warm_up() {
    for pattern in [
        &ABBREVIATION,
        &SHORT_NAME,
        &BARE_ABBREVIATION,
        &TOHA,
        &WO_IU,
        &SAME_HEREAFTER,
    ] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// TOHA and WO_IU, their term unbounded and passed over past 40 characters, find
        /// what the bounded patterns (`{1,40}`) find.
        #[test]
        fn toha_and_wo_iu_find_what_the_bounded_patterns_find(
            parts in proptest::collection::vec(("(「|」|を「|」とは|」という|とは)", 0usize..50), 0..8),
        ) {
            let text: String = parts.iter().map(|(b, n)| format!("{b}{}", "ア".repeat(*n))).collect();
            for (new, old, lead) in [
                (&*super::TOHA, r"「(?P<term>[^「」]{1,40})」[*＊]{0,2}[ \u{3000}]*[*＊]{0,2}とは[、，,]?", "「".len()),
                (&*super::WO_IU, r"を「(?P<term>[^「」]{1,40})」(?:という|といいます|と総称する|と総称します|と称する|と称します|と略称する)", "を「".len()),
            ] {
                let old = regex::Regex::new(old).unwrap();
                let want: Vec<_> = old.captures_iter(&text).map(|c| (c.get(0).unwrap().range(), c["term"].to_string())).collect();
                let got: Vec<_> = new
                    .captures_iter(&text)
                    .filter(|c| !super::long_term(&c["term"]))
                    .map(|c| (c.get(0).unwrap().range(), c["term"].to_string()))
                    .collect();
                proptest::prop_assert_eq!(&got, &want);
                // The term read off each match, as extraction reads it, is the group.
                let read: Vec<_> = new
                    .find_iter(&text)
                    .map(|m| (m.range(), crate::text::quoted_in(&text, m.range(), lead)))
                    .filter(|(_, t)| !super::long_term(&text[t.clone()]))
                    .map(|(m, t)| (m, text[t].to_string()))
                    .collect();
                proptest::prop_assert_eq!(read, want);
            }
        }
    }

    proptest::proptest! {
        /// SAME_HEREAFTER and BARE_ABBREVIATION, their scope and term unbounded and
        /// passed over past their bounds, find what the bounded patterns find.
        #[test]
        fn hereafter_and_bare_abbreviation_find_what_the_bounded_patterns_find(
            parts in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "。以下{}において同じ。）", "。以下{}において、同じ）", "。 以下同じ）",
                        "（以下{}）", "（以下、{}という。）", "（以下{}と称する）", "（以下単に{}）",
                        "において", "同じ", "以下", "（", "）", "。", "{}",
                    ]),
                    proptest::sample::select(vec![0usize, 1, 19, 20, 21, 39, 40, 41]),
                ),
                0..6,
            ),
        ) {
            let text: String = parts
                .iter()
                .map(|(t, n)| t.replace("{}", &"ア".repeat(*n)))
                .collect();
            let bounded = |pattern: String| -> Vec<_> {
                regex::Regex::new(&pattern).unwrap().captures_iter(&text)
                    .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                    .collect()
            };
            let hereafter = super::SAME_HEREAFTER.as_str().replace("]*?において", "]{0,40}?において");
            proptest::prop_assert_ne!(&hereafter, super::SAME_HEREAFTER.as_str());
            let found: Vec<_> = super::SAME_HEREAFTER
                .captures_iter(&text)
                .filter(|c| !super::long_hereafter_scope(&c[0]))
                .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                .collect();
            proptest::prop_assert_eq!(found, bounded(hereafter));
            let bare = super::BARE_ABBREVIATION.as_str().replace(r"\s]+?)", r"\s]{1,20}?)");
            proptest::prop_assert_ne!(&bare, super::BARE_ABBREVIATION.as_str());
            let found: Vec<_> = super::BARE_ABBREVIATION
                .captures_iter(&text)
                .filter(|c| !super::long_bare_term(&c["term"]))
                .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                .collect();
            proptest::prop_assert_eq!(found, bounded(bare));
        }
    }

    proptest::proptest! {
        /// The scope read off a SAME_HEREAFTER match is its `scope` group.
        #[test]
        fn hereafter_scope_is_the_group(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "。", "以下", "において", "同じ", "、", "）", ")", "この章", "次条", " ", "　", "（",
                ]),
                0..12,
            ),
        ) {
            let text: String = parts.concat();
            for c in super::SAME_HEREAFTER.captures_iter(&text) {
                let (Some(whole), scope) = (c.get(0), c.name("scope")) else { continue };
                proptest::prop_assert_eq!(
                    super::hereafter_scope(whole.as_str()),
                    scope.map(|s| s.as_str())
                );
            }
        }
    }

    proptest::proptest! {
        /// ABBREVIATION and SHORT_NAME, their names unbounded and passed over past their
        /// bounds, find what the bounded patterns (`{1,40}`, `{1,20}`) find.
        #[test]
        fn abbreviation_and_short_name_find_what_the_bounded_patterns_find(
            parts in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "（「{}」）", "（本{}）", "(本{})", "（以下「{}」という。）",
                        "。以下{}において「{}」", "（{}において「{}」", "（以下、単に「{}」",
                        "（", "「", "」", "。", "{}",
                    ]),
                    proptest::sample::select(vec![0usize, 1, 2, 19, 20, 21, 39, 40, 41]),
                ),
                0..6,
            ),
        ) {
            let text: String = parts
                .iter()
                .map(|(t, n)| t.replace("{}", &"ア".repeat(*n)))
                .collect();
            let abbreviation = ABBREVIATION
                .as_str()
                .replace("「(?P<term>[^「」（）()]+)」", "「(?P<term>[^「」（）()]{1,40})」")
                .replace("]+?において", "]{1,40}?において");
            proptest::prop_assert_eq!(abbreviation.matches("{1,40}").count(), 3);
            let short_name = SHORT_NAME
                .as_str()
                .replace("、。]+)」", "、。]{1,20})」")
                .replace("\\s]+))", "\\s]{1,20}))");
            proptest::prop_assert_ne!(&abbreviation, ABBREVIATION.as_str());
            proptest::prop_assert_eq!(short_name.matches("{1,20}").count(), 2);
            let groups = |c: regex::Captures<'_>| -> Vec<_> {
                c.iter().map(|m| m.map(|m| m.range())).collect()
            };
            let bounded = |pattern: &str| -> Vec<_> {
                regex::Regex::new(pattern).unwrap().captures_iter(&text).map(groups).collect()
            };
            proptest::prop_assert_eq!(
                abbreviation_matches(&text).map(groups).collect::<Vec<_>>(),
                bounded(&abbreviation)
            );
            proptest::prop_assert_eq!(
                short_name_matches(&text).map(groups).collect::<Vec<_>>(),
                bounded(&short_name)
            );
        }
    }

    use super::*;

    #[test]
    fn readings_in_brackets_after_a_kanji_term() {
        assert_eq!(
            reading_in("瑕疵（かし）"),
            Some(("瑕疵".len(), "かし".into()))
        );
        assert_eq!(
            reading_in("約款(やっかん)"),
            Some(("約款".len(), "やっかん".into()))
        );
        assert_eq!(
            reading_in("貸主（カシヌシ）"),
            Some(("貸主".len(), "カシヌシ".into()))
        );
        // Not a reading: no kanji before it, no kana inside, nothing before it.
        assert_eq!(reading_in("サービス（さーびす）"), None);
        assert_eq!(reading_in("料金（注）"), None);
        assert_eq!(reading_in("料金（1）"), None);
        assert_eq!(reading_in("（かし）"), None);
        assert_eq!(reading_in("瑕疵"), None);
        assert_eq!(reading_in("瑕疵（）"), None);
        assert_eq!(
            reading_column(&["用語".into(), "読み".into(), "意味".into()]),
            Some(1)
        );
        assert_eq!(
            reading_column(&["用語".into(), "意味".into(), "読み".into()]),
            None
        );
        assert_eq!(reading_column(&["用語".into(), "用語の意味".into()]), None);
    }

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
        assert_eq!(
            &t[r],
            "株式会社サンプル商事（以下「甲」）が提供するサービス"
        );
        let t = "株式会社サンプル商事（以下「甲」）と株式会社ミナト（以下「乙」）";
        let r = abbreviated(t, t.rfind('（').unwrap());
        assert_eq!(&t[r], "株式会社ミナト");
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
