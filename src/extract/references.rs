//! References: absolute (第５条, 第８条第３項, 第１０条の２), bare (第１項, 第２号 within
//! the current article or paragraph), relative (前条, 次条, 前項, 同項, 本条, 前各号 …),
//! with a document in front (基本約款第８条第３項) or a statute
//! (電気通信事業法（昭和５９年法律第８６号）第４条). Targets are normalised and, within the
//! document, resolved.

use super::definitions::{article_path, paragraph_path};
use super::text_provisions;
use crate::model::{Document, Provision, ProvisionKind, Reference, ReferenceKind};
use crate::parse::numeral::parse_number;
use regex::{Captures, Regex};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const N: &str = r"[0-9０-９]+|[〇一二三四五六七八九十百千]+";

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        concat!(
            r"第(?P<art>{n})条(?P<br>(?:の(?:{n}))*)(?:第(?P<para>{n})項)?(?:第(?P<item>{n})号)?",
            r"|(?P<relart>前条|次条|同条|本条|前(?P<nc>[二三四五六七八九])条)(?:第(?P<para2>{n})項)?(?:第(?P<item2>{n})号)?",
            r"|第(?P<para3>{n})項(?:第(?P<item3>{n})号)?(?P<kaku3>各号)?",
            r"|(?P<relpara>前項|次項|同項|本項|前各項|前(?P<np>[二三四五六七八九])項)(?:第(?P<item4>{n})号)?(?P<kaku>各号)?",
            r"|第(?P<item5>{n})号",
            r"|(?P<relitem>前各号|前号|次号|同号|前(?P<ni>[二三四五六七八九])号)",
        ),
        n = N
    );
    Regex::new(&pattern).expect("reference regex")
});

static OVERRIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:の規定|の定め|に定める(?:規定|定め|ところ)|に規定する[^、。]{0,20}|の(?:各号|本文|ただし書)の規定)?(?:にかかわらず|に関わらず|に拘らず|に拘わらず)").expect("override regex")
});
static DEFINED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:において|に|で)(?:定義(?:される|された|する|した|されている)|定める用語)")
        .expect("defined-in regex")
});
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(](?P<c>[^（）()]{1,40})[）)]").expect("caption regex"));

/// A reference inside a run of name characters: 第３条 in 第３条・基本約款.
static INNER_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"第[0-9０-９〇一二三四五六七八九十百千]+[条項号](?:の[0-9０-９〇一二三四五六七八九十]+)?",
    )
    .expect("inner reference regex")
});

/// Words that end a document name written before 第N条.
const DOC_SUFFIXES: [&str; 25] = [
    "約款",
    "規約",
    "規程",
    "規則",
    "仕様書",
    "条件書",
    "契約書",
    "契約",
    "覚書",
    "定款",
    "細則",
    "要領",
    "基準",
    "指針",
    "ガイドライン",
    "ポリシー",
    "法律",
    "法",
    "令",
    "条例",
    "協定",
    "同法",
    "条約",
    "議定書",
    "ライセンス",
];
/// What stands before 第N号 in a law number: 昭和５９年法律第８６号.
const LAW_NUMBER_KINDS: [&str; 9] = [
    "法律", "政令", "府令", "省令", "規則", "条例", "告示", "訓令", "勅令",
];
const CONNECTORS: [&str; 14] = [
    "、",
    "及び",
    "又は",
    "若しくは",
    "並びに",
    "から",
    "まで",
    "ないし",
    "・",
    "，",
    "および",
    "または",
    "もしくは",
    "ならびに",
];

/// The provision structure a reference resolves against.
struct Index<'a> {
    paths: HashSet<&'a str>,
    /// Article paths in order, per part ("" main, "附則" …).
    articles: HashMap<String, Vec<&'a str>>,
    /// Paragraph path → does it have items.
    has_items: HashMap<&'a str, bool>,
    /// Paragraphs written like items: a short phrase with no 。 (１　通信販売業).
    item_like: HashSet<&'a str>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a Document) -> Index<'a> {
        let mut paths = HashSet::new();
        let mut articles: HashMap<String, Vec<&str>> = HashMap::new();
        let mut has_items = HashMap::new();
        let mut item_like = HashSet::new();
        for p in doc.all_provisions() {
            paths.insert(p.path.as_str());
            match p.kind {
                ProvisionKind::Article => {
                    let part = p.path[..p.path.rfind('第').unwrap_or(0)].to_string();
                    articles.entry(part).or_default().push(p.path.as_str());
                }
                ProvisionKind::Paragraph => {
                    if !p.text.is_empty()
                        && !p.text.trim_end().ends_with('。')
                        && p.text.chars().count() <= 60
                    {
                        item_like.insert(p.path.as_str());
                    }
                    has_items.insert(
                        p.path.as_str(),
                        p.children.iter().any(|c| c.kind == ProvisionKind::Item),
                    );
                }
                _ => {}
            }
        }
        Index {
            paths,
            articles,
            has_items,
            item_like,
        }
    }

    /// The existing path for a target, allowing 第N条第M号 for 第N条第1項第M号.
    fn resolve(&self, target: &str) -> Option<String> {
        if self.paths.contains(target) {
            return Some(target.to_string());
        }
        if let (Some(a), true) = (
            article_path(target),
            target.contains('号') && !target.contains('項'),
        ) {
            let with_para = format!("{a}第1項{}", &target[a.len()..]);
            if self.paths.contains(with_para.as_str()) {
                return Some(with_para);
            }
        }
        None
    }

    fn sibling_article(&self, article: &str, delta: i64) -> Option<&'a str> {
        let part = &article[..article.rfind('第').unwrap_or(0)];
        let list = self.articles.get(part)?;
        let i = list.iter().position(|a| *a == article)? as i64 + delta;
        (i >= 0).then(|| list.get(i as usize).copied()).flatten()
    }
}

/// Where a reference stands: its article, paragraph and item.
struct Context {
    article: Option<String>,
    /// What the paragraph is a paragraph of: its article, or a spec section (2.1).
    container: Option<String>,
    paragraph: Option<String>,
    paragraph_no: Option<u32>,
    item: Option<String>,
    item_no: Option<u32>,
}

fn last_number(path: &str, unit: char) -> Option<u32> {
    let end = path.rfind(unit)?;
    let start = path[..end].rfind('第')? + '第'.len_utf8();
    path[start..end].parse().ok()
}

impl Context {
    fn of(p: &Provision) -> Context {
        let article = article_path(&p.path);
        let paragraph = paragraph_path(&p.path);
        let in_item = matches!(p.kind, ProvisionKind::Item | ProvisionKind::Subitem);
        let item = in_item.then(|| p.path.clone());
        Context {
            paragraph_no: paragraph.as_deref().and_then(|q| last_number(q, '項')),
            item_no: item.as_deref().and_then(|q| {
                last_number(
                    &q[..q.find('号').map_or(q.len(), |e| e + '号'.len_utf8())],
                    '号',
                )
            }),
            container: paragraph
                .as_deref()
                .and_then(|q| q.rfind('第').map(|i| q[..i].to_string()))
                .filter(|c| !c.is_empty()),
            article,
            paragraph,
            item,
        }
    }
}

fn num(c: &Captures<'_>, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| parse_number(m.as_str()))
}

fn kanji_count(c: &Captures<'_>, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| parse_number(m.as_str()))
}

/// Extract every reference of a document.
pub fn extract(doc: &Document) -> Vec<Reference> {
    let index = Index::new(doc);
    let mut out = Vec::new();
    // 同法 names the statute cited last, 同約款 the document cited last, possibly in an
    // earlier provision.
    let mut named = Named::default();
    for p in text_provisions(doc) {
        provision_references(doc, &index, p, &mut named, &mut out);
    }
    out
}

/// The statute and the document named last (for 同法, 同約款): name, cited with a law
/// number.
#[derive(Default)]
struct Named {
    statute: Option<(String, bool)>,
    document: Option<(String, bool)>,
}

/// The last reference seen in this provision: (document, article, paragraph, end offset).
#[derive(Default, Clone)]
struct Last {
    document: Option<String>,
    statute: bool,
    article: Option<String>,
    paragraph: Option<String>,
    end: usize,
}

fn provision_references(
    doc: &Document,
    index: &Index<'_>,
    p: &Provision,
    named: &mut Named,
    out: &mut Vec<Reference>,
) {
    let ctx = Context::of(p);
    let text = &p.text;
    let mut last = Last::default();
    for c in REFERENCE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let before = &text[..m.start()];
        // 昭和５９年法律第８６号: a law number, not an item.
        if c.name("item5").is_some() && LAW_NUMBER_KINDS.iter().any(|k| before.ends_with(k)) {
            continue;
        }
        let connected = m.start() >= last.end && {
            let gap = text[last.end..m.start()].trim();
            last.end > 0 && (gap.is_empty() || CONNECTORS.contains(&gap))
        };
        // The document written in front.
        let (mut document, mut doc_start, mut law_number) = document_before(text, m.start());
        // 同法 / 同約款: the statute or document named last. Without one, the word stays a
        // name the corpus does not know.
        if let Some(d) = document.as_deref().filter(|d| {
            DOC_SUFFIXES
                .iter()
                .any(|s| d.strip_prefix('同') == Some(*s))
        }) {
            let earlier = if d == "同法" {
                named.statute.clone()
            } else {
                named.document.clone()
            };
            if let Some((name, with_number)) = earlier {
                document = Some(name);
                law_number = with_number;
            }
        }
        let self_name = document.as_deref().is_some_and(is_self_name);
        if self_name {
            document = None;
        }
        if document.is_none() && connected && last.document.is_some() && !self_name {
            document = last.document.clone();
            doc_start = None;
            law_number = last.statute;
        }
        let is_statute = document
            .as_deref()
            .is_some_and(|d| d.ends_with('法') || d.ends_with("法律") || d.ends_with('令'))
            || law_number;
        if let Some(name) = &document {
            let slot = if is_statute {
                &mut named.statute
            } else {
                &mut named.document
            };
            *slot = Some((name.clone(), law_number));
        }
        let base_article = if connected {
            last.article.clone()
        } else {
            None
        };
        let base_paragraph = if connected {
            last.paragraph.clone()
        } else {
            None
        };
        let mut relative = None;
        let mut relative_error = None;
        let target: Option<String>;
        // 附則第２条: an article of the supplementary provisions, named as such.
        let suppl = document.is_none() && c.name("art").is_some() && before.ends_with("附則");
        if let Some(a) = num(&c, "art") {
            let mut t = format!("{}第{a}条", article_prefix(&ctx, document.is_some(), suppl));
            if let Some(br) = c.name("br") {
                for b in br.as_str().split('の').filter(|s| !s.is_empty()) {
                    if let Some(n) = parse_number(b) {
                        t.push_str(&format!("の{n}"));
                    }
                }
            }
            if let Some(q) = num(&c, "para") {
                t.push_str(&format!("第{q}項"));
            }
            if let Some(i) = num(&c, "item") {
                t.push_str(&format!("第{i}号"));
            }
            target = Some(t);
        } else if let Some(r) = c.name("relart") {
            relative = Some(r.as_str().to_string());
            let here = ctx.article.clone();
            let art = match r.as_str() {
                "前条" => here
                    .as_deref()
                    .and_then(|a| index.sibling_article(a, -1))
                    .map(str::to_string),
                "次条" => here
                    .as_deref()
                    .and_then(|a| index.sibling_article(a, 1))
                    .map(str::to_string),
                "同条" => last.article.clone().or(here),
                "本条" => here,
                _ => {
                    let n = kanji_count(&c, "nc").unwrap_or(2) as i64;
                    here.as_deref()
                        .and_then(|a| index.sibling_article(a, -n))
                        .map(str::to_string)
                }
            };
            if art.is_none() {
                relative_error = Some(match r.as_str() {
                    "次条" => {
                        "次条 stands in the last article: there is no next article".to_string()
                    }
                    _ => format!(
                        "{} stands in the first article: there is no article before it",
                        r.as_str()
                    ),
                });
            }
            target = art.map(|mut a| {
                if let Some(q) = num(&c, "para2") {
                    a.push_str(&format!("第{q}項"));
                }
                if let Some(i) = num(&c, "item2") {
                    a.push_str(&format!("第{i}号"));
                }
                a
            });
        } else if let Some(q) = num(&c, "para3") {
            // 基本約款第８条第２項及び第３項: 第３項 continues the other document's article.
            let art = if document.is_some() {
                base_article.clone()
            } else {
                base_article
                    .clone()
                    .or(ctx.article.clone())
                    .or(ctx.container.clone())
            };
            target = art.map(|a| {
                let mut t = format!("{a}第{q}項");
                if let Some(i) = num(&c, "item3") {
                    t.push_str(&format!("第{i}号"));
                }
                t
            });
            if c.name("kaku3").is_some() {
                if let Some(t) = &target {
                    if index.has_items.get(t.as_str()) == Some(&false) {
                        relative_error = Some(format!(
                            "{}各号: that paragraph has no items",
                            m.as_str().trim_end_matches("各号")
                        ));
                    }
                }
            }
        } else if let Some(r) = c.name("relpara") {
            relative = Some(r.as_str().to_string());
            let k = ctx.paragraph_no;
            let art = ctx.container.clone();
            let para = match (r.as_str(), k, &art) {
                ("前項", Some(k), Some(a)) if k > 1 => Some(format!("{a}第{}項", k - 1)),
                ("前各項", Some(k), Some(a)) if k > 1 => Some(format!("{a}第1項")),
                ("次項", Some(k), Some(a)) => Some(format!("{a}第{}項", k + 1)),
                ("同項", _, _) => last.paragraph.clone().or(ctx.paragraph.clone()),
                ("本項", _, _) => ctx.paragraph.clone(),
                (_, Some(k), Some(a)) if c.name("np").is_some() => {
                    let n = kanji_count(&c, "np").unwrap_or(2);
                    (k > n).then(|| format!("{a}第{}項", k - n))
                }
                _ => None,
            };
            let para = para.filter(|t| r.as_str() != "次項" || index.paths.contains(t.as_str()));
            // In an item of a first paragraph, 前項 usually reads the list as paragraphs
            // (a Markdown list nested under the text it continues): not reported.
            if para.is_none() && (ctx.item.is_none() || r.as_str() == "次項") {
                relative_error = Some(match r.as_str() {
                    "次項" => "次項 stands in the last paragraph: there is no next paragraph".to_string(),
                    w => format!("{w} stands in the first paragraph of its article: there is no paragraph before it"),
                });
            }
            if c.name("kaku").is_some() {
                if let Some(t) = &para {
                    if index.has_items.get(t.as_str()) == Some(&false) {
                        relative_error =
                            Some(format!("{}各号: that paragraph has no items", r.as_str()));
                    }
                }
            }
            target = para.map(|mut t| {
                if let Some(i) = num(&c, "item4") {
                    t.push_str(&format!("第{i}号"));
                }
                t
            });
        } else if let Some(i) = num(&c, "item5") {
            let para = if document.is_some() {
                base_paragraph.clone()
            } else {
                base_paragraph.clone().or_else(|| ctx.paragraph.clone())
            };
            target = para.map(|q| format!("{q}第{i}号"));
        } else if let Some(r) = c.name("relitem") {
            relative = Some(r.as_str().to_string());
            let para = ctx.paragraph.clone();
            target = match r.as_str() {
                "前各号" => match (&ctx.item, &para) {
                    (Some(_), Some(q)) => Some(q.clone()),
                    (None, Some(q)) if index.has_items.get(q.as_str()) == Some(&true) => {
                        Some(q.clone())
                    }
                    (None, Some(_)) => {
                        // 前各号 in the paragraph after a list: the previous paragraph's items.
                        let prev = ctx.paragraph_no.filter(|&k| k > 1).and_then(|k| {
                            ctx.container.as_ref().map(|a| format!("{a}第{}項", k - 1))
                        });
                        match prev {
                            Some(q) if index.has_items.get(q.as_str()) == Some(&true) => Some(q),
                            // Items written as numbered paragraphs (１　…, ２　…, ８　前各号に
                            // 附帯する事業): 前各号 means the paragraphs before it.
                            Some(q) if index.item_like.contains(q.as_str()) => Some(q),
                            _ => None,
                        }
                    }
                    _ => None,
                },
                "前号" => match (ctx.item_no, &para) {
                    (Some(j), Some(q)) if j > 1 => Some(format!("{q}第{}号", j - 1)),
                    _ => None,
                },
                "次号" => match (ctx.item_no, &para) {
                    (Some(j), Some(q)) => Some(format!("{q}第{}号", j + 1))
                        .filter(|t| index.paths.contains(t.as_str())),
                    _ => None,
                },
                "同号" => last.paragraph.clone().or(ctx.item.clone()),
                _ => {
                    let n = kanji_count(&c, "ni").unwrap_or(2);
                    match (ctx.item_no, &para) {
                        (Some(j), Some(q)) if j > n => Some(format!("{q}第{}号", j - n)),
                        _ => None,
                    }
                }
            };
            if target.is_none() {
                relative_error = Some(match r.as_str() {
                    "前各号" => {
                        "前各号 refers to items, but there are no items before it".to_string()
                    }
                    w => format!("{w} has no item to refer to here"),
                });
            }
        } else {
            continue;
        }
        let start = match doc_start {
            Some(s) => s,
            None if suppl => m.start() - "附則".len(),
            None => m.start(),
        };
        let after = &text[m.end()..];
        let caption = CAPTION
            .captures(after)
            .and_then(|cc| cc.name("c"))
            .map(|x| x.as_str().to_string())
            .filter(|cap| {
                !cap.starts_with("以下")
                    && !cap.contains("年")
                    && !cap.contains("号")
                    && !cap.starts_with('第')
                    && !is_remark(cap)
                    // 第2条（b）, 第３条（１）: a sub-clause label, not a caption.
                    && cap.chars().count() > 1
            });
        let after_caption = match CAPTION.find(after) {
            Some(f) if caption.is_some() => &after[f.end()..],
            _ => after,
        };
        let kind = if OVERRIDE.is_match(after_caption) {
            ReferenceKind::Override
        } else if DEFINED_IN.is_match(after_caption) {
            ReferenceKind::DefinedIn
        } else if text[m.end()..crate::text::sentence_end(text, m.end())].contains("準用") {
            ReferenceKind::ApplyMutatis
        } else {
            ReferenceKind::Cite
        };
        let (target, resolved) = match (&document, target) {
            (None, Some(t)) => match index.resolve(&t) {
                Some(found) => (found, Some(true)),
                None => (t, Some(false)),
            },
            (None, None) => (String::new(), Some(false)),
            (Some(_), t) => (t.unwrap_or_default(), None),
        };
        let range = p.text_map.src_range(start..m.end());
        last = Last {
            document: document.clone(),
            statute: law_number,
            article: article_path(&target).or(last.article.clone()),
            // 第３条第１号 names the items of 第３条's only paragraph.
            paragraph: paragraph_path(&target)
                .or_else(|| {
                    target
                        .contains('号')
                        .then(|| article_path(&target).map(|a| format!("{a}第1項")))
                        .flatten()
                })
                .or(last.paragraph.clone()),
            end: m.end(),
        };
        out.push(Reference {
            text: text[start..m.end()].to_string(),
            kind,
            document: document.clone(),
            target,
            resolved,
            path: p.path.clone(),
            span: doc.span(range.clone()),
            range,
            caption,
            relative,
            is_statute,
            with_law_number: law_number,
            relative_error,
            text_range: start..m.end(),
            document_range: doc_start.map(|s| p.text_map.src_range(s..m.start())),
        });
    }
}

/// A parenthetical remark after a reference, not a caption: （…に限ります。）,
/// （…を除く）, （…を含む。）.
fn is_remark(text: &str) -> bool {
    const ENDINGS: [&str; 11] = [
        "除く",
        "除きます",
        "限る",
        "限ります",
        "含む",
        "含みます",
        "同じ",
        "同様",
        "とする",
        "とします",
        "準用する",
    ];
    let t = text.trim_end_matches(['。', ' ', '　']);
    text.contains('。') || ENDINGS.iter().any(|k| t.ends_with(k))
}

/// 第N条 is an article of the main provisions, even inside a 附則 (法制執務: a 附則 cites
/// its own articles as 附則第N条); 附則第N条 is an article of the 附則 it stands in, or of
/// the first 附則.
fn article_prefix(ctx: &Context, other_document: bool, suppl: bool) -> String {
    if other_document || !suppl {
        return String::new();
    }
    match &ctx.article {
        Some(a) if a.starts_with("附則") => a[..a.rfind('第').unwrap_or(0)].to_string(),
        _ => "附則".to_string(),
    }
}

/// 本約款, 本規約, この約款: names of the document they stand in.
pub fn is_self_name(name: &str) -> bool {
    (name.starts_with('本') || name.starts_with("この"))
        && DOC_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// The document name written right before `at`: (name, its start, cited with a law number).
fn document_before(text: &str, at: usize) -> (Option<String>, Option<usize>, bool) {
    let mut end = at;
    let mut law_number = false;
    let mut abbreviated = false;
    // Skip a law number in brackets: 電気通信事業法（昭和５９年法律第８６号）第４条
    if text[..end].ends_with(['）', ')']) {
        let mut depth = 0;
        for (i, c) in text[..end].char_indices().rev() {
            match c {
                '）' | ')' => depth += 1,
                '（' | '(' => {
                    depth -= 1;
                    if depth == 0 {
                        let inner = &text[i..end];
                        if inner.contains('号')
                            && (inner.contains('年')
                                || LAW_NUMBER_KINDS.iter().any(|k| inner.contains(k)))
                        {
                            law_number = true;
                            end = i;
                        } else if inner[inner.chars().next().map_or(0, char::len_utf8)..]
                            .starts_with("以下")
                        {
                            // 労働基準法（以下「労基法」という。）第89条: the name stands
                            // before the abbreviation.
                            end = i;
                            abbreviated = true;
                        }
                        break;
                    }
                }
                _ => {}
            }
        }
        if !law_number && !abbreviated {
            return (None, None, false);
        }
    }
    let mut start = end;
    for (i, c) in text[..end].char_indices().rev() {
        let name_char = crate::text::is_kanji(c)
            || crate::text::is_katakana(c)
            || c.is_ascii_alphanumeric()
            || ('Ａ'..='Ｚ').contains(&c)
            || ('ａ'..='ｚ').contains(&c)
            || crate::text::is_full_width_digit(c)
            || matches!(c, 'ー' | '・' | '＆' | '&');
        if !name_char {
            break;
        }
        start = i;
    }
    if start == end {
        return (None, None, false);
    }
    let mut name = &text[start..end];
    // A name never starts inside a reference: 第３条・基本約款 … keep the part after 条.
    // (条 inside a word, as in 著作権条約, is not a reference.)
    if let Some(m) = INNER_REFERENCE.find_iter(name).last() {
        name = &name[m.end()..];
        start = end - name.len();
    }
    if name.is_empty() || !DOC_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return (None, None, false);
    }
    // "同約款" etc. are not handled; 同法 is resolved by the caller.
    (Some(name.to_string()), Some(start), law_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_names() {
        let t = "お客様及び当社は、基本約款第８条";
        let at = t.find("第８条").unwrap();
        assert_eq!(document_before(t, at).0.as_deref(), Some("基本約款"));
        let t = "について、電気通信事業法（昭和５９年法律第８６号）第４条";
        let (name, _, law) = document_before(t, t.find("第４条").unwrap());
        assert_eq!(name.as_deref(), Some("電気通信事業法"));
        assert!(law);
        let t = "第３条及び第５条";
        assert_eq!(document_before(t, t.find("第５条").unwrap()).0, None);
    }
}
