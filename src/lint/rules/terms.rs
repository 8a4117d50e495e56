//! Definition and term rules (Y2xx): terms used without a definition, definitions never
//! or only once used, duplicates, self-abbreviations, use before definition, pointers to
//! the wrong article, long forms written after their abbreviation, out-of-scope uses.

use super::references::Citer;
use crate::corpus::{Corpus, TermUse};
use crate::extract::definitions::{article_path, Articles};
use crate::lint::{Finding, Findings, Rule, RuleMeta};
use crate::model::{Definition, DefinitionKind, Document, ReferenceKind};
use crate::text::{is_hiragana, is_kanji, is_katakana, name_key, Normalized};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub(super) const RULES: &[&dyn Rule] = &[
    &UndefinedTerm,
    &UnusedDefinition,
    &DuplicateDefinition,
    &SelfAbbreviation,
    &UseBeforeDefinition,
    &DefinedInMismatch,
    &AbbreviationNotUsed,
    &OutOfScopeUse,
    &UsedOnce,
];

/// Is `d` 「X（以下「X」）」: an abbreviation whose long form is the term itself?
pub(crate) fn is_self_abbreviation(d: &Definition) -> bool {
    if d.kind != DefinitionKind::Abbreviation {
        return false;
    }
    let term = name_key(&d.term);
    let meaning = name_key(&d.meaning);
    match meaning.strip_suffix(term.as_str()) {
        // A modifier in front is dropped by the abbreviation, which is its point:
        // 「…第一項の指定都市（以下「指定都市」という。）」, 「…に関する基本方針（以下「基本方針」）」,
        // 「当社が提供するサービス（以下「サービス」）」. Only an empty or adverbial front
        // (これにより, 、) leaves the term abbreviating itself.
        Some(prefix) => prefix.chars().last().is_none_or(|c| {
            let modifier =
                c == 'の' || (matches!(c, 'る' | 'た' | 'い' | 'な') && !prefix.ends_with("より"));
            (is_hiragana(c) && !modifier) || matches!(c, '、' | '，' | '。' | '」' | '）')
        }),
        None => false,
    }
}

/// Does a use fall in a definition's scope (after the definition, within its scope paths)?
fn in_scope(d: &Definition, scope: Option<&[String]>, u: &TermUse) -> bool {
    u.range.start >= d.range.end && scope.is_none_or(|s| s.iter().any(|s| within(&u.path, s)))
}

/// Is `path` the provision `scope` or below it? (第1条の2 is not below 第1条.)
fn within(path: &str, scope: &str) -> bool {
    path.strip_prefix(scope).is_some_and(|rest| {
        !rest.starts_with('の') && !rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// For every definition of a document, the paths it applies in: None for the whole
/// document; else its scope — the articles of a division (以下この款において) — and the
/// other articles a compound scope names (この条及び次条において, この条及び第十条において).
fn scope_table(doc: &Document) -> Vec<Option<Vec<String>>> {
    let src = &doc.source.text;
    let articles = Articles::new(doc);
    doc.definitions
        .iter()
        .map(|def| {
            let scope = def.scope.clone()?;
            let members = articles.members(&scope);
            let mut paths: Vec<String> = if members.is_empty() {
                vec![scope.clone()]
            } else {
                members.iter().map(|m| m.to_string()).collect()
            };
            let mut lo = def.range.start.saturating_sub(90);
            while !src.is_char_boundary(lo) {
                lo += 1;
            }
            let before: String = src
                .get(lo..def.range.start)
                .unwrap_or_default()
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

/// Term keys used in each document that the document does not define itself: a base
/// terms' 契約者 may be used by the terms and specs built on it.
struct OutsideUses(HashMap<String, Vec<usize>>);

impl OutsideUses {
    fn new(corpus: &Corpus) -> OutsideUses {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for (o, uses) in corpus.uses.iter().enumerate() {
            let defined: HashSet<String> = corpus.docs[o]
                .definitions
                .iter()
                .map(|x| name_key(&x.term))
                .collect();
            let used: HashSet<&str> = uses
                .iter()
                .map(|u| u.term.as_str())
                .filter(|t| !defined.contains(*t))
                .collect();
            for t in used {
                m.entry(t.to_string()).or_default().push(o);
            }
        }
        OutsideUses(m)
    }

    /// Is the term `key`, defined in document `d`, used by another document?
    fn used_elsewhere(&self, d: usize, key: &str) -> bool {
        self.0.get(key).is_some_and(|ds| ds.iter().any(|&o| o != d))
    }
}

/// Uses of each term key in one document.
fn uses_by_term(uses: &[TermUse]) -> HashMap<&str, Vec<&TermUse>> {
    let mut m: HashMap<&str, Vec<&TermUse>> = HashMap::new();
    for u in uses {
        m.entry(u.term.as_str()).or_default().push(u);
    }
    m
}

/// Is a use the tail of a longer word (仕様書 in ログ監視基本仕様書, 条件書 in 個別条件書)?
/// Determiners (当該契約者, 各契約者) still make a use of the term.
fn word_tail(doc: &Document, u: &TermUse) -> bool {
    const DETERMINERS: [&str; 9] = [
        "当該", "各", "全", "同", "前記", "上記", "下記", "上述", "別",
    ];
    let src = &doc.source.text;
    let mut lo = u.range.start.saturating_sub(24);
    while !src.is_char_boundary(lo) {
        lo += 1;
    }
    let before: String = src
        .get(lo..u.range.start)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(prev) = before.chars().next_back() else {
        return false;
    };
    let first = u.term.chars().next();
    let joined = (is_kanji(prev) && first.is_some_and(is_kanji))
        || (is_katakana(prev) && first.is_some_and(is_katakana));
    joined && !DETERMINERS.iter().any(|d| before.ends_with(d))
}

/// Does one of `ranges` (sorted by start, not nested) contain `r`?
fn covered(ranges: &[std::ops::Range<usize>], r: &std::ops::Range<usize>) -> bool {
    let i = ranges.partition_point(|x| x.start <= r.start);
    i > 0 && r.end <= ranges[i - 1].end
}

/// The definitions of the whole corpus, by term key.
fn corpus_terms(corpus: &Corpus) -> HashSet<String> {
    let mut set: HashSet<String> = corpus
        .docs
        .iter()
        .flat_map(|d| d.definitions.iter().map(|x| name_key(&x.term)))
        .collect();
    set.extend(corpus.manifest.glossary.iter().map(|g| name_key(g)));
    set
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds words written as defined terms — quoted 「X」 outside a definition, or 本X such as 本サービス — that no document of the corpus defines and the manifest's `glossary:` does not list.
    ///
    /// ## Why is this bad?
    /// A reader cannot tell what 本サービス covers unless a definition says so; in a dispute the undefined word is read against the drafter.
    ///
    /// ## Example
    ///     お客様は、本サービスを利用するにあたり…
    ///
    /// Use instead: define it where it first appears:
    ///     当社が提供するログ監視サービス（以下「本サービス」といいます。）
    pub struct UndefinedTerm;
    static UNDEFINED_TERM = ("Y201", "undefined-term", Warning, "a term used as defined (in 「」 without a definition, or 本X such as 本サービス) that no document of the corpus defines");
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"「(?P<t>[^「」]{1,20})」").expect("quoted"));
static HON_X: LazyLock<Regex> = LazyLock::new(|| {
    // A katakana word may be joined by ・ (本パブリック・ライセンス).
    Regex::new(r"本(?P<x>[ァ-ヺー](?:・?[ァ-ヺー])+|(?:契約|規約|約款|仕様書|条件書|覚書|業務|製品|取引|施設|システム)(?:書)?)").expect("hon-x")
});

impl Rule for UndefinedTerm {
    fn meta(&self) -> &'static RuleMeta {
        &UNDEFINED_TERM
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let defined = corpus_terms(corpus);
        for (d, doc) in corpus.docs.iter().enumerate() {
            let mut defined_here: Vec<std::ops::Range<usize>> =
                doc.definitions.iter().map(|x| x.range.clone()).collect();
            defined_here.sort_by_key(|r| r.start);
            let mut reported = HashSet::new();
            for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
                let text = &p.text;
                for c in QUOTED.captures_iter(text) {
                    let (Some(all), Some(t)) = (c.get(0), c.name("t")) else {
                        continue;
                    };
                    let key = name_key(t.as_str());
                    let range = p.text_map.src_range(t.range());
                    if defined.contains(&key) || covered(&defined_here, &range) {
                        continue;
                    }
                    // A quoted label or wording (「秘」等, 「同意する」ボタン) is not a term.
                    let after = &text[all.end()..];
                    let before = &text[..all.start()];
                    let quoting = quoted_wording(before, after)
                        || document_name(t.as_str())
                        || placeholder(t.as_str())
                        || inflected(&defined, &key)
                        || [
                            "等",
                            "という",
                            "と表示",
                            "の表示",
                            "と記載",
                            "と称",
                            "旨",
                            "ボタン",
                            "欄",
                            "、「",
                            "又は「",
                            "及び「",
                            "とは",
                            "とあるのは",
                            "と読み替",
                            "と読替",
                            "と題する",
                        ]
                        .iter()
                        .any(|k| after.starts_with(k))
                        || before.ends_with(['、', '（']) && after.starts_with(['、', '）'])
                        || t.as_str().chars().any(|c| {
                            c.is_ascii_punctuation()
                                || matches!(c, '、' | '。' | '　' | ' ')
                                || c.is_ascii_digit()
                        })
                        || t.as_str().chars().count() < 2
                        || t.as_str().ends_with(['る', 'す', 'た', 'い']);
                    // A name quoted once (a product, a button, a title, a word a licence
                    // quotes) is no term: only a word the text goes on using is.
                    let used_again = doc
                        .source
                        .text
                        .get(range.end..)
                        .is_some_and(|rest| rest.contains(t.as_str()));
                    if quoting || !used_again || !reported.insert(key.clone()) {
                        continue;
                    }
                    out.push(
                        Finding::new(d, range, &p.path, format!("「{}」 is written as a defined term, but no document of the corpus defines it", t.as_str()))
                            .help(format!("define it where it first appears: …{}, add it to `glossary:` in yakkan.yaml, or drop the brackets", definition_in_style(doc, t.as_str()))),
                    );
                }
                for c in HON_X.captures_iter(text) {
                    let Some(all) = c.get(0) else { continue };
                    let word = all.as_str();
                    // 本 inside a word is not 本X: 基本プラン, 日本システム株式会社, 資本取引.
                    if text[..all.start()]
                        .chars()
                        .next_back()
                        .is_some_and(|b| is_kanji(b) || is_katakana(b))
                    {
                        continue;
                    }
                    let key = name_key(word);
                    // 本 + a defined term (本パブリック・ライセンス) is "this X".
                    let x = c.name("x").map_or("", |x| x.as_str());
                    if defined.contains(&key)
                        || defined.contains(&name_key(x))
                        // 本約款, 本規約, 本契約…: the document names itself (SPEC §3).
                        || crate::extract::references::is_self_name(word)
                        || !reported.insert(key)
                    {
                        continue;
                    }
                    let range = p.text_map.src_range(all.range());
                    if covered(&defined_here, &range) {
                        continue;
                    }
                    out.push(
                        Finding::new(d, range, &p.path, format!("「{word}」 reads as a defined term, but no document of the corpus defines it"))
                            .help(format!("define it where it first appears: …{}", definition_in_style(doc, word))),
                    );
                }
            }
        }
    }
}

/// A definition of `term` in the document's own style: （以下「X」という。） in a text
/// written である調, （以下「X」といいます。） in one written です・ます調.
fn definition_in_style(doc: &Document, term: &str) -> String {
    let (mut polite, mut plain) = (0usize, 0usize);
    for p in doc.all_provisions() {
        polite += p.text.matches("ます。").count() + p.text.matches("です。").count();
        plain += p.text.matches("る。").count() + p.text.matches("ない。").count();
    }
    if polite > plain {
        format!("（以下「{term}」といいます。）")
    } else {
        format!("（以下「{term}」という。）")
    }
}

/// Is a quote wording being replaced (読み替え, 改め文) rather than a term?
/// 「利用者」とあるのは「法人利用者の代表者」と、…: the second quote follows とあるのは and
/// goes on with と、 / とする / と読み替える.
fn quoted_wording(before: &str, after: &str) -> bool {
    let before = before.trim_end_matches([' ', '\u{3000}', '、', '，']);
    before.ends_with("とあるのは")
        || before.ends_with("とあるは")
        || [
            "と、",
            "と，",
            "と。",
            "とする",
            "とし、",
            "と読み",
            "と改め",
            "に改め",
            "とあり",
            "を削",
            "を加え",
        ]
        .iter()
        .any(|k| after.starts_with(k))
        // 改め文: 「第二十三条」を「第二十一条の五」に改める
        || after.strip_prefix("を「").is_some_and(|rest| {
            rest.find('」')
                .is_some_and(|e| rest[e + '」'.len_utf8()..].starts_with("に改め"))
        })
}

/// A quoted name that ends like a document (「個人情報保護方針」, 「テレワーク勤務規程」)
/// names another rule or document, not a term.
fn document_name(t: &str) -> bool {
    const SUFFIXES: [&str; 17] = [
        "方針",
        "規程",
        "規則",
        "規約",
        "細則",
        "要領",
        "要綱",
        "基準",
        "指針",
        "マニュアル",
        "ポリシー",
        "ガイドライン",
        "約款",
        "契約書",
        "仕様書",
        "協定書",
        "覚書",
    ];
    SUFFIXES.iter().any(|s| t.ends_with(s) && t != *s)
}

/// A drafting placeholder in quotes (「●●」, 「○○株式会社」): Y606 reports it.
fn placeholder(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    chars.windows(2).any(|w| {
        w[0] == w[1]
            && matches!(
                w[0],
                '●' | '○' | '◯' | '〇' | '×' | '✕' | '△' | '▲' | '＿' | '_' | '＊'
            )
    })
}

/// A defined term with a kana ending (「あなたの」 where あなた is defined).
fn inflected(defined: &HashSet<String>, key: &str) -> bool {
    key.char_indices()
        .skip(1)
        .any(|(i, _)| key[i..].chars().all(is_hiragana) && defined.contains(&key[..i]))
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds a defined term that is never used after its definition, within the scope the definition gives.
    ///
    /// ## Why is this bad?
    /// An unused definition is dead text: either the provisions that needed it were rewritten, or they still use the long form.
    ///
    /// ## Example
    ///     お客様の従業員（以下「従事者」）…   (従事者 never appears again)
    ///
    /// Use instead: remove the definition, or use the term where the long form is still written.
    pub struct UnusedDefinition;
    static UNUSED_DEFINITION = ("Y202", "unused-definition", Warning, "a defined term never used in its scope after its definition");
}

impl Rule for UnusedDefinition {
    fn meta(&self) -> &'static RuleMeta {
        &UNUSED_DEFINITION
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let outside = OutsideUses::new(corpus);
        for (d, doc) in corpus.docs.iter().enumerate() {
            let uses = uses_by_term(&corpus.uses[d]);
            let citer = Citer::new(doc);
            let scopes = scope_table(doc);
            for (def, scope) in doc.definitions.iter().zip(&scopes) {
                let key = name_key(&def.term);
                let n = uses.get(key.as_str()).map_or(0, |v| {
                    v.iter()
                        .filter(|u| in_scope(def, scope.as_deref(), u))
                        .count()
                });
                if n == 0 && !is_self_abbreviation(def) && !outside.used_elsewhere(d, &key) {
                    let message = match &def.scope {
                        Some(s) => format!(
                            "「{}」 is defined for {} but never used there after its definition",
                            def.term,
                            citer.cite(s)
                        ),
                        None => format!(
                            "「{}」 is defined but never used after its definition",
                            def.term
                        ),
                    };
                    out.push(
                        Finding::new(d, def.range.clone(), &def.path, message)
                            .help("remove the definition, or use the term where the long form is still written"),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds a term that one document defines twice in the same scope. The finding is an error when the two meanings differ.
    ///
    /// ## Why is this bad?
    /// Two definitions of one term leave the reader to guess which applies; when they differ, the document contradicts itself.
    ///
    /// ## Example
    ///     第１条 …サービス（以下「本サービス」）…
    ///     第２条 本サービス　当社が提供する監視サービス
    ///
    /// Use instead: define the term once, in the definitions article.
    pub struct DuplicateDefinition;
    static DUPLICATE_DEFINITION = ("Y203", "duplicate-definition", Warning, "a term defined twice in one document (error when the meanings differ)");
}

impl Rule for DuplicateDefinition {
    fn meta(&self) -> &'static RuleMeta {
        &DUPLICATE_DEFINITION
    }

    fn check(&self, _corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in _corpus.docs.iter().enumerate() {
            let citer = Citer::new(doc);
            let mut first: HashMap<(String, Option<String>), &Definition> = HashMap::new();
            for def in &doc.definitions {
                let k = (name_key(&def.term), def.scope.clone());
                let Some(prev) = first.get(&k) else {
                    first.insert(k, def);
                    continue;
                };
                // 同条の許可に係る食鳥処理場（以下単に「食鳥処理場」という。）narrows the word
                // on purpose; a term read from before a parenthesis (合併後の|組合（…をいう。
                // 以下同じ。）) may be longer than the word taken: neither is a duplicate one
                // can be sure of.
                if narrows_on_purpose(&doc.source.text, def)
                    || unsure_term(&doc.source.text, def)
                    || unsure_term(&doc.source.text, prev)
                {
                    continue;
                }
                let differ = !is_self_abbreviation(prev)
                    && !is_self_abbreviation(def)
                    && !same_meaning(&prev.meaning, &def.meaning);
                let mut f = Finding::new(
                    d,
                    def.range.clone(),
                    &def.path,
                    format!(
                        "「{}」 is defined again here; it was already defined in {}",
                        def.term,
                        citer.cite(&prev.path)
                    ),
                )
                .label(d, prev.range.clone(), "first defined here")
                .help("keep one definition, in the definitions article");
                if differ {
                    f = f.note(format!(
                        "the meanings differ: 「{}」 / 「{}」",
                        clip(&prev.meaning),
                        clip(&def.meaning)
                    ));
                    f.escalate = true;
                }
                out.push(f);
            }
        }
    }
}

/// （以下単に「X」という。）: a definition that says it narrows the word.
fn narrows_on_purpose(src: &str, d: &Definition) -> bool {
    let mut lo = d.range.start.saturating_sub(12);
    while !src.is_char_boundary(lo) {
        lo += 1;
    }
    src.get(lo..d.range.start)
        .is_some_and(|b| b.trim_end_matches('「').ends_with("単に"))
}

/// A term written without brackets before its parenthesis (statute style) whose word
/// follows a modifier (合併後の組合（…）): where the term starts is a guess.
fn unsure_term(src: &str, d: &Definition) -> bool {
    let after = src.get(d.range.end..).and_then(|a| a.chars().next());
    let before = src.get(..d.range.start).and_then(|b| b.chars().next_back());
    matches!(after, Some('（' | '(')) && before.is_some_and(|c| is_hiragana(c) || c == '」')
}

/// Do two meanings say the same? A long form cut at an earlier abbreviation
/// (「…（以下「当社」）が提供するサービス」 gives 「が提供するサービス」) is a fragment that
/// matches the full wording it ends.
fn same_meaning(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short == long || (short.starts_with(is_hiragana) && long.ends_with(short.as_str()))
}

fn clip(s: &str) -> String {
    let mut t: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        t.push('…');
    }
    t
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds an abbreviation that abbreviates nothing: 「X（以下「X」）」.
    ///
    /// ## Why is this bad?
    /// It defines nothing — the term still has no meaning of its own — and it usually hides a second, real definition elsewhere.
    ///
    /// ## Example
    ///     クラウド監視サービス（以下「クラウド監視サービス」）を提供します。
    ///
    /// Use instead: drop the parenthesis, or give the term its meaning in the definitions article.
    pub struct SelfAbbreviation;
    static SELF_ABBREVIATION = ("Y204", "self-abbreviation", Warning, "「X（以下「X」）」: an abbreviation identical to what it abbreviates");
}

impl Rule for SelfAbbreviation {
    fn meta(&self) -> &'static RuleMeta {
        &SELF_ABBREVIATION
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            // The first definition of each term that is not a self-abbreviation.
            let mut real: HashMap<String, &Definition> = HashMap::new();
            for x in doc.definitions.iter().filter(|x| !is_self_abbreviation(x)) {
                real.entry(name_key(&x.term)).or_insert(x);
            }
            for def in doc.definitions.iter().filter(|x| is_self_abbreviation(x)) {
                let other = real.get(&name_key(&def.term));
                let written = parenthesis_around(&doc.source.text, def.range.clone())
                    .unwrap_or_else(|| format!("（以下「{}」）", def.term));
                let mut f = Finding::new(
                    d,
                    def.range.clone(),
                    &def.path,
                    format!(
                        "「{}」 abbreviates itself: {written} defines nothing",
                        def.term
                    ),
                )
                .help(format!("drop 「{written}」"));
                if let Some(r) = parenthesis_range(&doc.source.text, def.range.clone()) {
                    f = f.fix(r, "");
                }
                if let Some(o) = other {
                    f = f.label(d, o.range.clone(), "the term's real definition");
                }
                out.push(f);
            }
        }
    }
}

/// The parenthesis around a term as written — （以下「X」といいます。） — without the
/// line breaks and wrap spaces of the source.
fn parenthesis_around(src: &str, term: std::ops::Range<usize>) -> Option<String> {
    let r = parenthesis_range(src, term)?;
    Some(
        src[r]
            .chars()
            .filter(|c| !matches!(c, '\n' | '\r' | ' ' | '\t'))
            .collect(),
    )
}

/// The decoded range of the parenthesis around a term, brackets included.
fn parenthesis_range(src: &str, term: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    const WINDOW: usize = 160;
    let mut lo = term.start.saturating_sub(WINDOW);
    while !src.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (term.end + WINDOW).min(src.len());
    while !src.is_char_boundary(hi) {
        hi -= 1;
    }
    let before = src.get(lo..term.start)?;
    let open = lo + before.rfind(['（', '('])?;
    if src[open..term.start].contains(['）', ')']) {
        return None;
    }
    let after = src.get(term.end..hi)?;
    let close = term.end + after.find(['）', ')'])?;
    let close_end = close + src[close..].chars().next()?.len_utf8();
    Some(open..close_end)
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds the first use of a defined term that comes before its definition, when the text gives no pointer such as 「第６条に定義される仕様書」.
    ///
    /// ## Why is this bad?
    /// The reader meets the word before learning what it means, and may read it in its everyday sense.
    ///
    /// ## Example
    ///     第１条 仕様書の内容が優先されます。
    ///     第６条 …（以下「仕様書」）
    ///
    /// Use instead:
    ///     第１条 第６条に定義される仕様書の内容が優先されます。
    pub struct UseBeforeDefinition;
    static USE_BEFORE_DEFINITION = ("Y205", "use-before-definition", Info, "a defined term used before its definition, with no pointer such as 第６条に定義される");
}

static POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:に|で|において)(?:定義(?:される|された|する|した|されている)|定める)(?:の)?$")
        .expect("pointer")
});

impl Rule for UseBeforeDefinition {
    fn meta(&self) -> &'static RuleMeta {
        &USE_BEFORE_DEFINITION
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
            let citer = Citer::new(doc);
            let mut ends: Vec<(usize, usize)> = doc
                .references
                .iter()
                .enumerate()
                .map(|(i, r)| (r.range.end, i))
                .collect();
            ends.sort_unstable();
            let mut first_def: HashMap<String, &Definition> = HashMap::new();
            for def in doc.definitions.iter().filter(|x| x.scope.is_none()) {
                first_def.entry(name_key(&def.term)).or_insert(def);
            }
            let mut reported = HashSet::new();
            for u in &corpus.uses[d] {
                let Some(def) = first_def.get(&u.term) else {
                    continue;
                };
                if u.range.start >= def.range.start
                    || reported.contains(&u.term)
                    || word_tail(doc, u)
                {
                    continue;
                }
                // Once the text has pointed to the definition, later uses are fine.
                if has_pointer(doc, &ends, u) {
                    reported.insert(u.term.clone());
                    continue;
                }
                // Uses inside the definitions article itself (one table row citing another).
                if article_path(&u.path).is_some()
                    && article_path(&u.path) == article_path(&def.path)
                {
                    continue;
                }
                reported.insert(u.term.clone());
                out.push(
                    Finding::new(
                        d,
                        u.range.clone(),
                        &u.path,
                        format!(
                            "「{}」 is used here before its definition in {}",
                            def.term,
                            citer.cite(&def.path)
                        ),
                    )
                    .label(d, def.range.clone(), "defined here")
                    .help(format!(
                        "point to the definition: 「{}に定義される{}」",
                        written_label(doc, &def.path),
                        def.term
                    )),
                );
            }
        }
    }
}

/// The article of a path as the document writes it (第６条), falling back to the path.
fn written_label(doc: &Document, path: &str) -> String {
    let article = article_label(path);
    doc.all_provisions()
        .find(|p| p.path == article)
        .map_or(article, |p| p.label.clone())
}

fn article_label(path: &str) -> String {
    article_path(path).unwrap_or_else(|| path.to_string())
}

/// 「第６条に定義される仕様書」, 「第４条に定める月次報告書」: a reference just before the
/// use, joined to it by 定義される / 定める. `ends` holds (end, index) of the document's
/// references, sorted: only the nearest reference before the use can be joined to it.
fn has_pointer(doc: &Document, ends: &[(usize, usize)], u: &TermUse) -> bool {
    let i = ends.partition_point(|&(end, _)| end <= u.range.start);
    let Some(&(_, ri)) = i.checked_sub(1).and_then(|i| ends.get(i)) else {
        return false;
    };
    let r = &doc.references[ri];
    matches!(r.kind, ReferenceKind::DefinedIn | ReferenceKind::Cite) && r.path == u.path && {
        let between = doc
            .source
            .text
            .get(r.range.end..u.range.start)
            .unwrap_or_default();
        let between: String = between.chars().filter(|c| !c.is_whitespace()).collect();
        POINTER.is_match(&between)
    }
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Checks pointers such as 「第６条に定義される仕様書」: the term must really be defined in the article named.
    ///
    /// ## Why is this bad?
    /// After articles are renumbered, a pointer to the wrong article sends the reader to a provision that does not define the term.
    ///
    /// ## Example
    ///     第５条に定義される仕様書   (仕様書 is defined in 第６条)
    ///
    /// Use instead:
    ///     第６条に定義される仕様書
    pub struct DefinedInMismatch;
    static DEFINED_IN_MISMATCH = ("Y206", "defined-in-mismatch", Error, "「第N条に定義されるX」 where X is not defined in 第N条");
}

static AFTER_POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:に|で|において)定義(?:される|された|する|した|されている)(?P<term>[^、。「」（）]{1,40})").expect("after pointer")
});

impl Rule for DefinedInMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &DEFINED_IN_MISMATCH
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let by_key: Vec<HashMap<String, Vec<&Definition>>> = corpus
            .docs
            .iter()
            .map(|doc| {
                let mut m: HashMap<String, Vec<&Definition>> = HashMap::new();
                for x in &doc.definitions {
                    m.entry(name_key(&x.term)).or_default().push(x);
                }
                m
            })
            .collect();
        for (d, doc) in corpus.docs.iter().enumerate() {
            let mut by_path: HashMap<&str, Vec<&crate::model::Provision>> = HashMap::new();
            for p in doc.all_provisions() {
                by_path.entry(p.path.as_str()).or_default().push(p);
            }
            for (ri, r) in doc.references.iter().enumerate() {
                if r.kind != ReferenceKind::DefinedIn || r.target.is_empty() {
                    continue;
                }
                // The documents whose definitions count.
                let docs: Vec<usize> = match &corpus.ref_targets[d][ri] {
                    crate::corpus::RefTarget::Own => vec![d],
                    crate::corpus::RefTarget::Documents(ds) => ds.clone(),
                    _ => continue,
                };
                let Some(article) = article_path(&r.target) else {
                    continue;
                };
                // The provision the reference was read from (a path may repeat when the
                // numbering is broken).
                let Some(p) = by_path.get(r.path.as_str()).and_then(|ps| {
                    ps.iter()
                        .find(|p| p.text.get(r.text_range.clone()) == Some(r.text.as_str()))
                }) else {
                    continue;
                };
                let Some(rest) = p.text.get(r.text_range.end..) else {
                    continue;
                };
                // The term: the longest defined term starting right after the pointer words.
                let Some(c) = AFTER_POINTER.captures(rest) else {
                    continue;
                };
                let Some(tail) = c.name("term") else { continue };
                let tail_key = name_key(tail.as_str());
                // Every prefix of the words after the pointer that some document defines.
                let mut candidates: Vec<&Definition> = Vec::new();
                for (i, ch) in tail_key.char_indices() {
                    let prefix = &tail_key[..i + ch.len_utf8()];
                    for &x in &docs {
                        if let Some(found) = by_key[x].get(prefix) {
                            candidates.extend(found.iter().copied());
                        }
                    }
                }
                let Some(longest) = candidates
                    .iter()
                    .map(|x| name_key(&x.term))
                    .max_by_key(|k| k.len())
                else {
                    continue;
                };
                let defined_there = candidates.iter().any(|x| {
                    name_key(&x.term) == longest
                        && article_path(&x.path).as_deref() == Some(article.as_str())
                });
                if defined_there {
                    continue;
                }
                let where_defined: Vec<String> = candidates
                    .iter()
                    .filter(|x| name_key(&x.term) == longest)
                    .map(|x| written_label(doc, &x.path))
                    .collect();
                let start = r.text_range.end + tail.start();
                let term_text = &p.text[start..start + longest_len(tail.as_str(), &longest)];
                let term_range = p.text_map.src_range(start..start + term_text.len());
                let mut f = Finding::new(
                    d,
                    r.range.clone(),
                    &r.path,
                    format!("「{term_text}」 is not defined in {}", r.text),
                )
                .label(d, term_range, "the term");
                if let Some(w) = where_defined.first() {
                    f = f.help(format!("it is defined in {w}: write 「{w}に定義される」"));
                }
                out.push(f);
            }
        }
    }
}

/// Byte length in `s` of the prefix whose key is `key`.
fn longest_len(s: &str, key: &str) -> usize {
    let mut acc = String::new();
    for (i, c) in s.char_indices() {
        if acc == key {
            return i;
        }
        acc.extend(std::iter::once(c).filter(|c| !c.is_whitespace()));
        let k = name_key(&acc);
        if k.len() > key.len() {
            return i;
        }
        acc = k;
    }
    s.len()
}

// ---------------------------------------------------------------------------------

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
}

impl Rule for AbbreviationNotUsed {
    fn meta(&self) -> &'static RuleMeta {
        &ABBREVIATION_NOT_USED
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        for (d, doc) in corpus.docs.iter().enumerate() {
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
                continue;
            }
            let signature = signature_block(doc);
            let last_article = last_article_start(doc);
            let citer = Citer::new(doc);
            let patterns: Vec<String> = defs.iter().map(|x| name_key(&x.meaning)).collect();
            let Ok(ac) = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                // The prefilter looks for rare bytes, but in UTF-8 Japanese every byte is
                // common: it only gets in the automaton's way (same matches either way).
                .prefilter(false)
                .build(&patterns)
            else {
                continue;
            };
            for p in doc.all_provisions().filter(|p| !p.text.is_empty()) {
                let norm = Normalized::without_spaces(&p.text);
                for m in ac.find_iter(&norm.text) {
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
                    out.push(
                        Finding::new(
                            d,
                            range,
                            &p.path,
                            format!(
                                "「{}」 is written out, but it was abbreviated as 「{}」 in {}",
                                &p.text[orig],
                                def.term,
                                citer.cite(&def.path)
                            ),
                        )
                        .label(d, def.range.clone(), "abbreviation defined here")
                        .help(format!("write 「{}」", def.term)),
                    );
                }
            }
        }
    }
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
            || SIGNATURE_DATE.is_match(l)
            || l.ends_with('印')
    });
    signed.then_some(start + last)
}

/// The source offset of the last article of a document (its end when it has none).
fn last_article_start(doc: &Document) -> usize {
    doc.all_provisions()
        .filter(|p| p.kind == crate::model::ProvisionKind::Article)
        .map(|p| p.label_range.start)
        .max()
        .unwrap_or(doc.source.text.len())
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

// ---------------------------------------------------------------------------------

/// A definition with the paths it applies in (None: the whole document).
type ScopedDefinition<'a> = (&'a Definition, Option<&'a [String]>);

declare_rule! {
    /// ## What it does
    /// Finds a term whose definition is limited (以下この条において「X」という。) used outside the article or paragraph it is limited to.
    ///
    /// ## Why is this bad?
    /// Outside its scope the term has no definition; the reader must guess whether the limited meaning still applies.
    ///
    /// ## Example
    ///     第５条 …（以下この条において「対象データ」という。）
    ///     第８条 対象データは…
    ///
    /// Use instead: define the term for the whole document, or write it out in 第８条.
    pub struct OutOfScopeUse;
    static OUT_OF_SCOPE_USE = ("Y208", "out-of-scope-use", Warning, "a term defined 「この条において」 used outside that article");
}

impl Rule for OutOfScopeUse {
    fn meta(&self) -> &'static RuleMeta {
        &OUT_OF_SCOPE_USE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        // Term → the documents that define it document-wide, collected once: gathering
        // the other documents' terms anew for every document would be quadratic.
        let mut defined_in: HashMap<String, Vec<usize>> = HashMap::new();
        for (o, x) in corpus.docs.iter().enumerate() {
            for y in x.definitions.iter().filter(|y| y.scope.is_none()) {
                let docs = defined_in.entry(name_key(&y.term)).or_default();
                if docs.last() != Some(&o) {
                    docs.push(o);
                }
            }
        }
        for (d, doc) in corpus.docs.iter().enumerate() {
            let scopes = scope_table(doc);
            let mut by_term: HashMap<String, Vec<ScopedDefinition<'_>>> = HashMap::new();
            for (def, scope) in doc.definitions.iter().zip(&scopes) {
                by_term
                    .entry(name_key(&def.term))
                    .or_default()
                    .push((def, scope.as_deref()));
            }
            let defined_elsewhere = |term: &str| {
                defined_in
                    .get(term)
                    .is_some_and(|ds| ds.iter().any(|&o| o != d))
            };
            let citer = Citer::new(doc);
            let mut reported = HashSet::new();
            for u in &corpus.uses[d] {
                let Some(defs) = by_term.get(&u.term) else {
                    continue;
                };
                // A 附則's own definitions (新法, 旧法) are limited to it by position, not by
                // words such as この条において: other 附則 may use such a term (an
                // excerpt, 抄, leaves out where it defined it).
                let whole_suppl = |x: &Definition| {
                    x.scope
                        .as_deref()
                        .is_some_and(|sc| sc.starts_with("附則") && !sc.contains('第'))
                };
                // A limited definition that narrows an ordinary word (…以外の出資者（以下この条
                // において「出資者」）) leaves the word its ordinary meaning elsewhere; only a
                // coined term (…データ（以下この条において「対象データ」）) relies on it.
                let narrows_a_word =
                    |x: &Definition| name_key(&x.meaning).ends_with(&name_key(&x.term));
                if defs
                    .iter()
                    .any(|(x, _)| x.scope.is_none() || whole_suppl(x) || narrows_a_word(x))
                    || defined_elsewhere(&u.term)
                {
                    continue;
                }
                // The definitions before the use: the use must fall in one of their scopes.
                let before: Vec<&ScopedDefinition<'_>> = defs
                    .iter()
                    .filter(|(x, _)| u.range.start >= x.range.end)
                    .collect();
                let Some(&&(scoped, _)) = before.last() else {
                    continue;
                };
                let Some(scope) = scoped.scope.as_deref() else {
                    continue;
                };
                // A 附則 speaks of the main provisions' words in their own sense; a use
                // after a pointer (第六項に規定する…) borrows the definition on purpose.
                let suppl_use = u.path.starts_with("附則") && !scoped.path.starts_with("附則");
                if before.iter().any(|(x, sc)| in_scope(x, *sc, u))
                    || suppl_use
                    || pointed_use(&doc.source.text, u)
                    || word_tail(doc, u)
                    || !reported.insert((u.term.clone(), u.path.clone()))
                {
                    continue;
                }
                out.push(
                    Finding::new(
                        d,
                        u.range.clone(),
                        &u.path,
                        format!(
                            "「{}」 is used in {}, outside {} where its definition applies",
                            scoped.term,
                            citer.cite(&u.path),
                            citer.cite(scope)
                        ),
                    )
                    .label(d, scoped.range.clone(), "defined for this scope only")
                    .help("define the term for the whole document, or write it out here"),
                );
            }
        }
    }
}

/// A use right after words that point to where the term is defined: 第六項に規定する…,
/// 同条に定める…, 前条の規定による….
fn pointed_use(src: &str, u: &TermUse) -> bool {
    let mut lo = u.range.start.saturating_sub(30);
    while !src.is_char_boundary(lo) {
        lo += 1;
    }
    let before = src.get(lo..u.range.start).unwrap_or_default();
    [
        "に規定する",
        "に定める",
        "に掲げる",
        "の規定による",
        "において同じ",
        "をいう。）",
    ]
    .iter()
    .any(|k| before.ends_with(k))
}

// ---------------------------------------------------------------------------------

declare_rule! {
    /// ## What it does
    /// Finds a defined term used exactly once after its definition.
    ///
    /// ## Why is this bad?
    /// A definition used once adds a level of indirection without saving any words; writing the meaning where it is used reads better.
    ///
    /// ## Example
    ///     …ライセンス等（以下「ライセンス等」）… (used once more, in 第３条第２項)
    ///
    /// Use instead: write the meaning in place and drop the definition — unless the term is kept on purpose for later revisions.
    pub struct UsedOnce;
    static USED_ONCE = ("Y209", "used-once", Info, "a defined term used only once after its definition (the definition adds nothing)");
}

impl Rule for UsedOnce {
    fn meta(&self) -> &'static RuleMeta {
        &USED_ONCE
    }

    fn check(&self, corpus: &Corpus, out: &mut Findings) {
        let outside = OutsideUses::new(corpus);
        for (d, doc) in corpus.docs.iter().enumerate() {
            let uses = uses_by_term(&corpus.uses[d]);
            let scopes = scope_table(doc);
            let mut count: HashMap<String, usize> = HashMap::new();
            for def in &doc.definitions {
                *count.entry(name_key(&def.term)).or_default() += 1;
            }
            for (def, scope) in doc.definitions.iter().zip(&scopes) {
                let key = name_key(&def.term);
                if is_self_abbreviation(def) || count.get(&key).copied().unwrap_or(0) > 1 {
                    continue;
                }
                let in_scope_uses: Vec<&&TermUse> = uses
                    .get(key.as_str())
                    .map(|v| {
                        v.iter()
                            .filter(|u| in_scope(def, scope.as_deref(), u))
                            .collect()
                    })
                    .unwrap_or_default();
                if in_scope_uses.len() == 1 && !outside.used_elsewhere(d, &key) {
                    out.push(
                        Finding::new(
                            d,
                            def.range.clone(),
                            &def.path,
                            format!("「{}」 is used only once after its definition", def.term),
                        )
                        .label(d, in_scope_uses[0].range.clone(), "the only use")
                        .help("write the meaning where it is used and drop the definition"),
                    );
                }
            }
        }
    }
}
