//! References: absolute (第５条, 第８条第３項, 第１０条の２), bare (第１項, 第２号 within
//! the current article or paragraph), relative (前条, 次条, 前項, 同項, 本条, 前各号 …),
//! with a document in front (基本約款第８条第３項) or a statute
//! (電気通信事業法（昭和５９年法律第８６号）第４条). Targets are normalised and, within the
//! document, resolved.

use super::definitions::{article_path, paragraph_path};
use super::forms::{forms, Part};
use super::text_provisions;
use crate::model::{Document, Provision, ProvisionKind, Reference, ReferenceKind};
use crate::parse::numeral::parse_number;
use crate::text::name_key;
use compact_str::ToCompactString;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use memchr::memmem;
use rayon::prelude::*;
use regex::Regex;
use std::sync::Arc;
use std::sync::LazyLock;

const N: &str = r"[0-9０-９]+|[〇一二三四五六七八九十百千]+";

/// One division component: 第四章の二 → (4, 章, "の2").
static DIVISION_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"第({N})([編章節款目])((?:[のノ](?:{N}))*)")).expect("division regex")
});

static OVERRIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:の規定|の定め|に定める(?:規定|定め|ところ)|に規定する[^、。]{0,20}|の(?:各号|本文|ただし書)の規定)?(?:にかかわらず|に関わらず|に拘らず|に拘わらず)").expect("override regex")
});
static DEFINED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:において|に|で)(?:定義(?:される|された|する|した|されている)|定める用語)")
        .expect("defined-in regex")
});
/// A caption written after a reference: 基本約款第２条（約款の変更）. Unbounded in the
/// pattern, and passed over past [`CAPTION_CHARS`] characters ([`caption_after`]): the
/// same match as `{1,40}` (anchored, and the caption holds no parenthesis: one match at
/// most), for a seventh of the compiling.
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(](?P<c>[^（）()]+)[）)]").expect("caption regex"));

/// The longest caption [`CAPTION`] reads, in characters.
const CAPTION_CHARS: usize = 40;

/// The caption at the start of `after`, if one is written there: the whole match and
/// the caption within it.
fn caption_after(after: &str) -> Option<(std::ops::Range<usize>, &str)> {
    let c = CAPTION.captures(after)?;
    let (whole, caption) = (c.get(0)?, c.name("c")?.as_str());
    caption
        .chars()
        .nth(CAPTION_CHARS)
        .is_none()
        .then(|| (whole.range(), caption))
}

/// A reference inside a run of name characters: 第３条 in 第３条・基本約款.
static INNER_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"第[0-9０-９〇一二三四五六七八九十百千]+[条項号](?:の[0-9０-９〇一二三四五六七八九十]+)?",
    )
    .expect("inner reference regex")
});

/// Words that end a document name written before 第N条.
const DOC_SUFFIXES: [&str; 28] = [
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
    "典範",
    "附属書",
    "会則",
];
/// What stands before 第N号 in a law number: 昭和５９年法律第８６号.
const LAW_NUMBER_KINDS: [&str; 9] = [
    "法律", "政令", "府令", "省令", "規則", "条例", "告示", "訓令", "勅令",
];
const CONNECTORS: [&str; 23] = [
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
    "乃至",
    // 第九百七十六条中第十九号: "in 第九百七十六条, its 第十九号".
    "中",
    // The old style: 第二号及第四号, 第一項並ニ第三項, 第五条若ハ第六条.
    "及",
    "並ニ",
    "若クハ",
    "若ハ",
    "又ハ",
    // A reading-in list: 第七十三条第一項中「甲」とあるのは「乙」と、第七十四条中….
    "とあるのは",
    "と",
];

/// The provision structure a reference resolves against.
struct Index<'a> {
    paths: HashSet<&'a str>,
    /// Article paths in order, per part ("" main, "附則" …).
    articles: HashMap<&'a str, Vec<&'a str>>,
    /// Article path → its place in its part's list of `articles` (the first, if written
    /// twice): 前条 and 次条 of each of thousands of articles, without a search of the list.
    article_at: HashMap<&'a str, usize>,
    /// Paragraph path → does it have items.
    has_items: HashMap<&'a str, bool>,
    /// Paragraphs written like items: a short phrase with no 。 (１　通信販売業).
    item_like: HashSet<&'a str>,
    /// 附則 of amending acts (captioned with a law number: 附　則　（平成一三年…法律第一二一
    /// 号）): path → caption.
    amending: HashMap<&'a str, &'a str>,
    /// 附則 marked 抄 (excerpts): their left-out articles cannot be checked.
    excerpts: Vec<&'a str>,
    /// Article path → the divisions (編, 章, 節, 款, 目) it stands in, outermost first
    /// (one list shared by the articles of a division).
    divisions: HashMap<&'a str, Arc<Vec<&'a str>>>,
    /// Divisions of one parent and one unit, in order: (parent path, unit) → paths.
    division_groups: HashMap<(&'a str, char), Vec<&'a str>>,
    /// Tables of reading-in provisions (読み替え, 字句): their cells cite the law being read.
    reading_tables: HashSet<&'a str>,
    /// Articles that amend another law (地域振興法の一部を次のように改正する): article path →
    /// the law's name. The amendment lines after that sentence cite that law.
    amending_articles: HashMap<&'a str, String>,
    /// Spec sections (1.2, or a heading-less list 1. 2. 3.) → the sections before and
    /// after it among its siblings: a specification's 項.
    sections: HashMap<&'a str, (Option<&'a str>, Option<&'a str>)>,
}

/// The unit of a division path's last part: 第5章の2第3節 → 節.
fn division_unit(path: &str) -> Option<char> {
    let last = &path[path.rfind('第')?..];
    last.chars().find(|c| "編章節款目".contains(*c))
}

/// The unit above a division unit: 章 for 節, 編 for 章.
fn division_above(unit: char) -> Option<[char; 2]> {
    match unit {
        '章' => Some(['編', '編']),
        '節' => Some(['章', '章']),
        '款' => Some(['節', '節']),
        '目' => Some(['款', '款']),
        _ => None,
    }
}

/// The part of a division path down to its division of `unit`: (第2編第4章第1節, 章) →
/// 第2編第4章.
fn division_prefix(path: &str, unit: char) -> Option<&str> {
    let mut end = None;
    for (i, c) in path.char_indices() {
        if c == unit {
            let after = i + c.len_utf8();
            // Branch numbers stay with their division: 第4章の2.
            let rest = &path[after..];
            let branch = rest.find('第').unwrap_or(rest.len());
            end = Some(after + branch);
        }
    }
    end.map(|e| &path[..e])
}

/// 第二編第十一章 → 第2編第11章, 第四章の二 → 第4章の2.
fn division_path(written: &str) -> String {
    DIVISION_PART
        .captures_iter(written)
        .map(|c| {
            let n = c.get(1).and_then(|x| parse_number(x.as_str())).unwrap_or(0);
            let branches: String = c
                .get(3)
                .into_iter()
                .flat_map(|b| b.as_str().split(['の', 'ノ']))
                .filter_map(parse_number)
                .map(|b| format!("の{b}"))
                .collect();
            format!("第{n}{}{branches}", &c[2])
        })
        .collect()
}

/// Words of a provision that reads another's text in: its table's cells name provisions of
/// the law being read.
const READING_WORDS: [&str; 4] = ["読み替", "読替", "字句", "とあるのは"];

impl<'a> Index<'a> {
    fn new(doc: &'a Document) -> Index<'a> {
        // The maps are sized up front: growing them rehashes every path again.
        let (mut provisions, mut paragraphs, mut article_count) = (0, 0, 0);
        for p in doc.all_provisions() {
            provisions += 1;
            match p.kind {
                ProvisionKind::Paragraph => paragraphs += 1,
                ProvisionKind::Article => article_count += 1,
                _ => {}
            }
        }
        let mut paths = HashSet::with_capacity(provisions);
        let mut articles: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut article_at = HashMap::with_capacity(article_count);
        let mut has_items = HashMap::with_capacity(paragraphs);
        let mut item_like = HashSet::new();
        let mut divisions = HashMap::with_capacity(article_count);
        let mut division_groups: HashMap<(&str, char), Vec<&str>> = HashMap::new();
        let mut reading_tables = HashSet::new();
        let mut amending_articles = HashMap::new();
        // An explicit stack: (provision, the divisions above it). Siblings share the list;
        // a division copies it to add itself.
        let mut stack: Vec<(&Provision, Arc<Vec<&str>>)> = doc
            .provisions
            .iter()
            .chain(doc.suppl.iter())
            .rev()
            .map(|p| (p, Arc::default()))
            .collect();
        while let Some((p, mut above)) = stack.pop() {
            match p.kind {
                ProvisionKind::Chapter | ProvisionKind::Section if p.path.contains('第') => {
                    if let Some(unit) = division_unit(&p.path) {
                        let parent = &p.path[..p.path.rfind('第').unwrap_or(0)];
                        division_groups
                            .entry((parent, unit))
                            .or_default()
                            .push(p.path.as_str());
                        Arc::make_mut(&mut above).push(p.path.as_str());
                    }
                }
                ProvisionKind::Article => {
                    divisions.insert(p.path.as_str(), Arc::clone(&above));
                    let first = p
                        .children
                        .first()
                        .map_or(p.text.as_str(), |c| c.text.as_str());
                    let first = if p.text.is_empty() {
                        first
                    } else {
                        p.text.as_str()
                    };
                    if let Some(at) = AMENDS.find(first.as_bytes()) {
                        if let Some(name) = document_before(first, at) {
                            amending_articles.insert(p.path.as_str(), name.name);
                        }
                    }
                }
                _ => {}
            }
            let tables = p.children.iter().filter(|c| c.kind == ProvisionKind::Table);
            if tables.clone().next().is_some() && READING_WORDS.iter().any(|w| p.text.contains(w)) {
                for t in tables {
                    reading_tables.insert(t.path.as_str());
                }
            }
            for c in p.children.iter().rev() {
                stack.push((c, Arc::clone(&above)));
            }
        }
        for p in doc.all_provisions() {
            paths.insert(p.path.as_str());
            match p.kind {
                ProvisionKind::Article => {
                    let part = &p.path[..p.path.rfind('第').unwrap_or(0)];
                    let list = articles.entry(part).or_default();
                    article_at.entry(p.path.as_str()).or_insert(list.len());
                    list.push(p.path.as_str());
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
        let mut sections = HashMap::new();
        let lists = std::iter::once(doc.provisions.as_slice())
            .chain(doc.all_provisions().map(|p| &p.children[..]));
        for siblings in lists {
            let spec: Vec<&str> = siblings
                .iter()
                .filter(|p| p.kind == ProvisionKind::Section && !p.path.contains('第'))
                .map(|p| p.path.as_str())
                .collect();
            for (i, &path) in spec.iter().enumerate() {
                let prev = i.checked_sub(1).map(|j| spec[j]);
                sections.insert(path, (prev, spec.get(i + 1).copied()));
            }
        }
        let amending = doc
            .suppl
            .iter()
            .filter_map(|s| Some((s.path.as_str(), s.caption.as_deref()?)))
            .filter(|(_, caption)| is_law_number(caption))
            .collect();
        let excerpts = doc
            .suppl
            .iter()
            .filter(|s| s.excerpt)
            .map(|s| s.path.as_str())
            .collect();
        Index {
            paths,
            articles,
            article_at,
            has_items,
            item_like,
            amending,
            excerpts,
            divisions,
            division_groups,
            reading_tables,
            amending_articles,
            sections,
        }
    }

    /// The nearest division of one of `units` that the article `article` stands in.
    fn enclosing(&self, article: &str, units: &[char]) -> Option<String> {
        self.divisions
            .get(article)?
            .iter()
            .rev()
            .find(|d| division_unit(d).is_some_and(|u| units.contains(&u)))
            .map(|d| d.to_string())
    }

    /// The division before (-1) or after (+1) `division`, of the same unit and parent.
    fn sibling_division(&self, division: &str, delta: i64) -> Option<String> {
        let parent = &division[..division.rfind('第')?];
        let list = self
            .division_groups
            .get(&(parent, division_unit(division)?))?;
        let i = list.iter().position(|d| *d == division)? as i64 + delta;
        (i >= 0)
            .then(|| list.get(i as usize).map(|d| d.to_string()))
            .flatten()
    }

    /// Is `target` an article of the main provisions numbered past their last article?
    fn past_main_end(&self, target: &str) -> bool {
        let number = |path: &str| -> Option<u32> {
            let rest = path.strip_prefix('第')?;
            rest[..rest.find('条')?].parse().ok()
        };
        let last = self
            .articles
            .get("")
            .and_then(|a| a.last())
            .and_then(|a| number(a));
        matches!((number(target), last), (Some(t), Some(l)) if t > l)
    }

    /// Is `target` an article of the main provisions whose number falls between two
    /// articles of the text but that the text lacks?
    fn in_numbering_gap(&self, target: &str) -> bool {
        let number = |path: &str| -> Option<u32> {
            let rest = path.strip_prefix('第')?;
            rest[..rest.find('条')?].parse().ok()
        };
        let (Some(t), Some(list)) = (number(target), self.articles.get("")) else {
            return false;
        };
        let numbers: Vec<u32> = list.iter().filter_map(|a| number(a)).collect();
        !numbers.contains(&t) && numbers.iter().any(|&n| n < t) && numbers.iter().any(|&n| n > t)
    }

    /// Does `path` lie in a row of a reading-in table?
    fn in_reading_table(&self, path: &str) -> bool {
        path.contains('表')
            && self
                .reading_tables
                .contains(path.trim_end_matches(|c: char| c.is_ascii_digit()))
    }

    /// Does this path fall inside a 附則 marked 抄?
    fn in_excerpt(&self, path: &str) -> bool {
        self.excerpts.iter().any(|e| {
            path.strip_prefix(e)
                .is_some_and(|rest| rest.starts_with('第'))
        })
    }

    /// The law number of the amending act whose 附則 holds `path`, if it is one.
    fn amending_act(&self, path: &str) -> Option<&'a str> {
        let part = &path[..path.find('第').unwrap_or(path.len())];
        self.amending.get(part).copied()
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
        let i = *self.article_at.get(article)? as i64 + delta;
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
        let item = in_item.then(|| p.path.to_string());
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

fn num(group: Option<Part<'_>>) -> Option<u32> {
    group.and_then(|m| parse_number(m.as_str()))
}

/// Branch numbers as a path writes them: の二の三 → "の2の3".
fn branches(group: Option<Part<'_>>) -> String {
    group
        .into_iter()
        .flat_map(|br| br.as_str().split(['の', 'ノ']))
        .filter_map(parse_number)
        .map(|n| format!("の{n}"))
        .collect()
}

/// Extract every reference of a document.
/// A provision of an appendix (別表第1…), whose numbering is its own.
fn in_appendix(p: &Provision) -> bool {
    ["別表", "別記", "別図", "様式"]
        .iter()
        .any(|m| p.path.starts_with(m))
}

pub fn extract(doc: &Document) -> Vec<Reference> {
    extract_from(doc, &text_provisions(doc))
}

/// Provisions read in one piece when a document's references are read in parallel: below
/// two of them the document is read in one.
const CHUNK: usize = 512;

/// [`extract`] over the text provisions of `doc`, walked once for all kinds of fact.
///
/// 同法 names the statute cited last, 同約款 the document cited last, possibly in an
/// earlier provision: the only thing one provision's references take from the ones
/// before. A large document is read in chunks side by side (rayon), each but the first
/// without knowing those names; a chunk that needed one (rare: a 同法 before any statute
/// of its own chunk) is read again, in order, once the chunks before it are done. The
/// references are the same, in the same order, whatever the number of threads.
pub(crate) fn extract_from(doc: &Document, provisions: &[&Provision]) -> Vec<Reference> {
    let index = Index::new(doc);
    let read = |chunk: &[&Provision], mut named: Named| {
        let mut out = Vec::new();
        for &p in chunk {
            provision_references(doc, &index, p, &mut named, &mut out);
        }
        (out, named)
    };
    let threads = rayon::current_num_threads();
    if threads < 2 || provisions.len() < 2 * CHUNK {
        return read(provisions, Named::default()).0;
    }
    let size = provisions.len().div_ceil(4 * threads).max(CHUNK);
    let runs: Vec<(Vec<Reference>, Named)> = provisions
        .par_chunks(size)
        .enumerate()
        .map(|(i, chunk)| {
            let named = if i == 0 {
                Named::default()
            } else {
                Named::unknown()
            };
            read(chunk, named)
        })
        .collect();
    let mut out = Vec::with_capacity(runs.iter().map(|(r, _)| r.len()).sum());
    let mut carried = Named::default();
    for (chunk, (refs, named)) in provisions.chunks(size).zip(runs) {
        let (refs, named) = if named.missed() {
            read(chunk, carried.clone())
        } else {
            (refs, named)
        };
        carried = carried.then(named);
        out.extend(refs);
    }
    out
}

/// The statute and the document named last (for 同法, 同約款): name, cited with a law
/// number. Slot [`STATUTE`] is the statute's, [`DOCUMENT`] the document's.
#[derive(Default, Clone)]
struct Named {
    last: [Option<(String, bool)>; 2],
    /// Read without the names of the provisions before (a chunk of [`extract_from`]).
    unknown: Option<Unknown>,
}

/// The slots of [`Named`] and [`Unknown`].
const STATUTE: usize = 0;
const DOCUMENT: usize = 1;

/// The slot of a statute's name (`statute`) or a document's.
fn slot(statute: bool) -> usize {
    if statute {
        STATUTE
    } else {
        DOCUMENT
    }
}

/// Which names still are those of the provisions before, not known (by slot), and
/// whether one was needed.
#[derive(Clone, Copy)]
struct Unknown {
    before: [bool; 2],
    missed: bool,
}

impl Named {
    /// The names at the start of a chunk read before the chunks ahead of it.
    fn unknown() -> Named {
        Named {
            unknown: Some(Unknown {
                before: [true; 2],
                missed: false,
            }),
            ..Named::default()
        }
    }

    /// The statute (`statute`) or document named last, as 同法 / 同約款 reads it.
    fn last(&mut self, statute: bool) -> Option<(String, bool)> {
        let k = slot(statute);
        if let Some(u) = &mut self.unknown {
            u.missed |= u.before[k];
        }
        self.last[k].clone()
    }

    /// A statute (`statute`) or document is named.
    fn name(&mut self, statute: bool, name: String, law_number: bool) {
        let k = slot(statute);
        if let Some(u) = &mut self.unknown {
            u.before[k] = false;
        }
        self.last[k] = Some((name, law_number));
    }

    /// Was a name read that the provisions before would have given?
    fn missed(&self) -> bool {
        self.unknown.is_some_and(|u| u.missed)
    }

    /// The names after `self` and then a chunk that ended with `next`: a name the chunk
    /// gave, else the one before.
    fn then(self, next: Named) -> Named {
        let before = next.unknown.map_or([false; 2], |u| u.before);
        let mut last = next.last;
        for (k, mine) in self.last.into_iter().enumerate() {
            if before[k] {
                last[k] = mine;
            }
        }
        Named {
            last,
            unknown: None,
        }
    }
}

/// The last reference seen in this provision: (document, article, paragraph, end offset).
#[derive(Default, Clone)]
struct Last {
    document: Option<String>,
    statute: bool,
    article: Option<String>,
    paragraph: Option<String>,
    /// The document of `paragraph` (for 同項, 同号): (name, cited with a law number).
    paragraph_document: (Option<String>, bool),
    /// The last 条 cited explicitly (第N条, 前条 …, not the article of 前項), with its
    /// document: what 同条 means.
    cited_article: Option<(String, Option<String>, bool)>,
    /// The full target of the last reference (第３条（第３項を除く。）: what a qualifier
    /// in brackets continues).
    target: String,
    end: usize,
    /// A provision this document's structure does not hold (a 別表, a table row, a cell of
    /// a reading-in table): the references that continue it are not checked either.
    foreign: bool,
    /// The division cited last (第2編第4章), for 同章 and a list of its sections.
    division: Option<String>,
    /// Read through 同条 / 同項 / 同号 (or listed after such a reference): the article
    /// it repeats is a reading of the sentence, not something the text states.
    anaphoric: bool,
}

/// The longest gap (bytes) across a remark in brackets that still continues a list:
/// remarks are a sentence or two, and a bound keeps the scan linear.
const MAX_GAP: usize = 4096;
/// The longest run of name characters (chars) read back as a document name, and the most
/// words a statute's name is read back over: names are far shorter, and the bounds keep
/// 前項前項… linear.
const MAX_NAME_RUN: usize = 128;
const MAX_NAME_WORDS: usize = 32;
/// How far back (chars) a bracket after a name is matched: a law number or an
/// abbreviation (（以下「…」という。）) is short.
const MAX_NAME_BRACKET: usize = 256;

/// Words that name a part of the provision cited just before: 第一項ただし書、第二項.
const PART_WORDS: [&str; 8] = [
    "本文",
    "ただし書",
    "但書",
    "ただし書き",
    "前段",
    "後段",
    "各号",
    "柱書",
];

/// 第二編第四章第十二節: a reference to a part, chapter or section.
static STRUCTURE_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^第(?:{N})[編章節款目](?:の(?:{N}))*")).expect("structure regex")
});

/// Does a gap keep two references in one list, so the second continues the first (its
/// document, article and paragraph)? It may hold connector words (、 及び まで及び …),
/// words naming a part of the first (ただし書, 本文, sub-item labels イ ロ), structural
/// references (第二編第四章) and remarks in brackets (（第一号に係る部分に限る。）), and
/// nothing else.
fn joinable(gap: &str) -> bool {
    let mut rest = gap.trim();
    while !rest.is_empty() {
        let skip = if rest.starts_with(['（', '(']) {
            let mut depth = 0;
            let close = rest.char_indices().find_map(|(i, c)| {
                match c {
                    '（' | '(' => depth += 1,
                    '）' | ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(i + c.len_utf8())
            });
            match close {
                Some(close) => close,
                None => return false,
            }
        } else if let Some(w) = CONNECTORS
            .iter()
            .chain(PART_WORDS.iter())
            .find(|w| rest.starts_with(*w))
        {
            w.len()
        } else if rest.starts_with("の項") {
            // 同条の表第十一条第一項第五号の項、第五十八条及び…の項: a list of a table's rows.
            "の項".len()
        } else if rest.starts_with('「') {
            // Quoted words of a reading-in list: 中「職員」とあるのは「外務公務員」と、.
            match rest.find('」') {
                Some(close) => close + '」'.len_utf8(),
                None => return false,
            }
        } else if let Some(m) = STRUCTURE_REFERENCE.find(rest) {
            m.end()
        } else {
            // イ, ロ: a sub-item label (a single katakana).
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(k), next)
                    if crate::text::is_katakana(k)
                        && k != 'ー'
                        && !next.is_some_and(crate::text::is_katakana) =>
                {
                    k.len_utf8()
                }
                _ => return false,
            }
        };
        rest = rest[skip..].trim_start();
    }
    true
}

fn provision_references(
    doc: &Document,
    index: &Index<'_>,
    p: &Provision,
    named: &mut Named,
    out: &mut Vec<Reference>,
) {
    let text = &p.text;
    // Most provisions cite nothing: the first match decides whether the context and the
    // scans of quotes and brackets below are needed at all.
    let mut matches = forms(text).peekable();
    if matches.peek().is_none() {
        return;
    }
    let ctx = Context::of(p);
    let mut last = Last::default();
    // The last reference at each depth of brackets.
    let mut levels: Vec<Option<Last>> = Vec::new();
    // The 附則 of an amending act (captioned with its law number) that `p` stands in.
    let amending_act = index.amending_act(&p.path);
    let scan = super::scan::TextScan::new(text);
    let quoted = amendment_quotes(text, &scan);
    // The quotations that open before the match (in order), and the furthest end among
    // them: a match lies inside one of them when that end reaches past it.
    let (mut next_quote, mut quoted_to) = (0, 0);
    let mut brackets = super::scan::Brackets::new();
    for found in matches {
        let (m, g) = (found.whole, found.form);
        crate::work::add(m.len());
        // 「前各号」を「前三号」に改める, 「前項」とあるのは「第二項」と読み替える: quoted text
        // of another provision, not a reference of this one.
        while next_quote < quoted.len() && quoted[next_quote].start <= m.start() {
            quoted_to = quoted_to.max(quoted[next_quote].end);
            next_quote += 1;
        }
        if m.end() <= quoted_to {
            continue;
        }
        let before = &text[..m.start()];
        // 昭和５９年法律第８６号: a law number, not an item.
        if g.item5.is_some() && LAW_NUMBER_KINDS.iter().any(|k| before.ends_with(k)) {
            continue;
        }
        let bare = g.para3.is_some() || g.item5.is_some();
        // 第一号法定受託事務, 決議第千二百六十七号, 明治六年第二百九十二号布告, 下欄第一号: a
        // number inside a compound word, or a row of a table.
        let mut foreign = false;
        if bare && !(g.para3.is_some() && before.ends_with("附則")) {
            match bare_number_use(before, &text[m.end()..]) {
                BareUse::Reference => {}
                BareUse::Table => foreign = true,
                BareUse::Word => continue,
            }
        }
        // 第十九号を第十八号の二とし, 同条を同法第四十七条の五とする: the new number a
        // renumbering gives, not a reference.
        if last.end > 0
            && text[last.end..m.start()].trim() == "を"
            && ["とし", "とする", "に改め"]
                .iter()
                .any(|w| text[m.end()..].starts_with(w))
        {
            continue;
        }
        // 第十八条第一項及び附則第三十八条: the list goes on before 附則.
        let written_start = if (g.art.is_some() || g.para3.is_some()) && before.ends_with("附則")
        {
            m.start() - "附則".len()
        } else {
            m.start()
        };
        let gap =
            (last.end > 0 && written_start >= last.end).then(|| &text[last.end..written_start]);
        // 第四十七条（ただし書及び第二号を除く。）: in brackets right after a reference, after
        // words that name its parts.
        let in_brackets_after = gap.is_some_and(|g| {
            let g = g.trim();
            g.find(['（', '(']).is_some_and(|open| {
                let inside = &g[open + g[open..].chars().next().map_or(1, char::len_utf8)..];
                (open == 0 || joinable(&g[..open]))
                    && !inside.contains(['（', '(', '）', ')'])
                    && (inside.is_empty() || joinable(inside))
            })
        });
        // 第３条（第３項を除く。）, 民法第548条の4第1項（第2号を除く。）, 第二十四条各号（第四号
        // を除く。）: a bare 項 or 号 in brackets right after a reference belongs to it.
        let qualifier = bare && in_brackets_after;
        // 民法第九十条（第九十一条において準用する場合を含む。）: an article in brackets right
        // after a reference into another act is that act's too.
        let qualifier_article = g.art.is_some() && in_brackets_after;
        // 第五章（第二節並びに第五十二条…を除く。）: a division in brackets right after a
        // division is its part.
        let qualifier_division = g.div.is_some() && in_brackets_after && last.division.is_some();
        // 第548条の2から第548条の4まで及び第549条: one list.
        let joined =
            qualifier || qualifier_article || qualifier_division || gap.is_some_and(joinable);
        // 第十九条の十八第一項（第一号に係る部分に限る。）若しくは第二項: the reference before
        // a remark in brackets goes on after it.
        let (depth, last_open) = brackets.advance(text, m.start());
        let across = levels.get(depth).and_then(Option::as_ref).filter(|l| {
            !joined
                && m.start() >= l.end
                && m.start() - l.end <= MAX_GAP
                && joinable(&text[l.end..m.start()])
        });
        let connected = joined || across.is_some();
        let link = across.unwrap_or(&last);
        let anaphoric = ["同条", "同項", "同号"]
            .iter()
            .any(|w| m.as_str().starts_with(w))
            || (connected && link.anaphoric);
        // The document written in front.
        // 附則第２条 of this document or of another: 民法の一部を改正する法律（平成十一年法律
        // 第百四十九号）附則第三条.
        let in_suppl = (g.art.is_some() || g.para3.is_some()) && before.ends_with("附則");
        let written = document_before(text, m.start()).or_else(|| {
            in_suppl
                .then(|| document_before(text, m.start() - "附則".len()))
                .flatten()
        });
        // 漁業法（昭和二十四年法律第二百六十七号）（第百二十八条第一項…を除く。）, 労働組合法
        // （昭和二十四年法律第百七十四号。第五条第二項第八号…）: the first reference in
        // brackets right after a name is a provision of the document named.
        let bracketed = if written.is_none() && !connected {
            last_open.and_then(|open| bracket_document(text, open, m.start()))
        } else {
            None
        };
        let mut doc_range = written.as_ref().map(|w| w.range.clone());
        let mut law_number = written.as_ref().is_some_and(|w| w.law_number);
        let mut document = written.map(|w| w.name).or(bracketed);
        // 同法 / 同約款: the statute or document named last. Without one, the word stays a
        // name the corpus does not know.
        if let Some(d) = document.as_deref().filter(|d| {
            DOC_SUFFIXES
                .iter()
                .any(|s| d.strip_prefix('同') == Some(*s))
        }) {
            let earlier = named.last(d == "同法");
            if let Some((name, with_number)) = earlier {
                document = Some(name);
                law_number = with_number;
            }
        }
        let self_name = document.as_deref().is_some_and(is_self_name);
        if self_name {
            document = None;
        }
        if document.is_none() && connected && link.document.is_some() && !self_name {
            document = link.document.clone();
            doc_range = None;
            law_number = link.statute;
        }
        // 民法第95条の規定は、同条第3項の場合に: 同条, 同項 and 同号 repeat a provision of
        // the document cited there.
        if document.is_none() && !self_name {
            let w = m.as_str();
            let repeated = if w.starts_with("同条") {
                last.cited_article.as_ref().map(|(_, d, s)| (d.clone(), *s))
            } else if w.starts_with("同項") || w.starts_with("同号") {
                Some(last.paragraph_document.clone())
            } else {
                None
            };
            if let Some((Some(d), with_number)) = repeated {
                document = Some(d);
                law_number = with_number;
            }
        }
        // 附則第２条: an article of the supplementary provisions, named as such.
        let suppl = document.is_none() && in_suppl;
        // 附則 of an amending act: 第N条, 新法第N条, 旧法第N条 cite the amending act or the
        // law it amends (as numbered then), not this document.
        let of_act = |d: &str, act: &str| d == act || d.ends_with(&format!("（{act}）"));
        if let Some(act) =
            amending_act.filter(|_| (g.art.is_some() && !suppl) || (in_suppl && document.is_some()))
        {
            // 新法, 旧商法: the short names an amending act gives the laws it amends.
            let amended = |d: &str| {
                d.strip_prefix(['新', '旧'])
                    .is_some_and(|rest| rest.chars().count() <= 8)
                    || name_key(d) == name_key(&doc.title)
            };
            match document.as_deref() {
                // 同法 with no statute named before it: a law the act amends.
                None | Some("同法") => document = Some(act.to_string()),
                Some(d) if amended(d) && !of_act(d, act) => {
                    document = Some(format!("{d}（{act}）"));
                }
                _ => {}
            }
        }
        // 第二条第一項中第二十三号を第二十四号とし: an amendment line after 「…法の一部を次の
        // ように改正する。」 cites the law it amends, as numbered then.
        if let Some(law) = ctx
            .article
            .as_deref()
            .and_then(|a| index.amending_articles.get(a))
        {
            let opening = p.path.ends_with("第1項") || p.kind == ProvisionKind::Article;
            if document.is_none() && !(opening && text.contains("次のように改正する")) {
                document = Some(law.clone());
                law_number = true;
            }
        }
        // 附則第二項の改正規定, 第三十二章の規定 in the 附則 of an amending act: the law it
        // amends, as numbered then.
        if let (Some(act), None) = (amending_act, document.as_deref()) {
            let after = &text[m.end()..];
            if g.div.is_some() || g.reldiv.is_some() || after.starts_with("の改正規定") {
                document = Some(act.to_string());
            }
        }
        // Cited as numbered then: external, like a statute cited with its law number.
        let of_amending_act =
            amending_act.is_some_and(|act| document.as_deref().is_some_and(|d| of_act(d, act)));
        if of_amending_act {
            law_number = true;
        }
        let is_statute = document
            .as_deref()
            .is_some_and(|d| d.ends_with('法') || d.ends_with("法律") || d.ends_with('令'))
            || law_number;
        if let Some(name) = document.as_ref().filter(|_| !of_amending_act) {
            named.name(is_statute, name.clone(), law_number);
        }
        let (base_article, base_paragraph) = if qualifier {
            // The qualified reference itself: 第３条 → 第３条第３項, 第３条第１項 → …第２号.
            (
                article_path(&last.target),
                paragraph_path(&last.target).or_else(|| article_path(&last.target)),
            )
        } else if connected {
            (link.article.clone(), link.paragraph.clone())
        } else {
            (None, None)
        };
        let mut relative = None;
        let mut relative_error = None;
        let target: Option<String>;
        // A bare 第N項 / 第N号 and the other provisions it may belong to (see below).
        let mut bare_suffix: Option<String> = None;
        // The division this reference names (第三章第一節), for 同章 and 同節 after it.
        let mut division: Option<String> = None;
        let mut alt_bases: Vec<String> = Vec::new();
        if let Some(a) = num(g.art) {
            // 附則第四条第一項及び第五条第一項: the list stays in the 附則.
            let listed_suppl = document.is_none()
                && connected
                && link
                    .article
                    .as_deref()
                    .is_some_and(|a| a.starts_with("附則"));
            let prefix = if listed_suppl && !in_suppl {
                link.article.as_deref().map_or(String::new(), |a| {
                    a[..a.rfind('第').unwrap_or(0)].to_string()
                })
            } else {
                article_prefix(&ctx, document.is_some(), in_suppl)
            };
            let mut t = format!("{prefix}第{a}条");
            t.push_str(&branches(g.br));
            if let Some(q) = num(g.para) {
                t.push_str(&format!("第{q}項"));
            }
            if let Some(i) = num(g.item) {
                t.push_str(&format!("第{i}号"));
                t.push_str(&branches(g.ib));
            }
            // 第千三百一条 in a 附則 whose articles run on from the main provisions'
            // numbers: an article of that 附則 when the main provisions have none such.
            if let (None, false, Some(i)) = (&document, in_suppl, p.path.find('第')) {
                if p.path.starts_with("附則") {
                    bare_suffix = Some(t.clone());
                    alt_bases = vec![p.path[..i].to_string()];
                }
            }
            target = Some(t);
        } else if let Some(r) = g.relart {
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
                "同条" => last
                    .cited_article
                    .as_ref()
                    .map(|(a, _, _)| a.clone())
                    .or(here),
                "本条" => here,
                _ => {
                    let n = num(g.nc).unwrap_or(2) as i64;
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
            // 前条各号 where 前条 has no items.
            if let (Some(a), true, None) = (&art, g.kaku2.is_some(), &document) {
                if g.para2.is_none() && g.item2.is_none() {
                    let flags: Vec<bool> = (1..)
                        .map_while(|k| index.has_items.get(format!("{a}第{k}項").as_str()).copied())
                        .collect();
                    if !flags.is_empty() && !flags.contains(&true) {
                        relative_error =
                            Some(format!("{}各号: that article has no items", r.as_str()));
                    }
                }
            }
            target = art.map(|mut a| {
                if let Some(q) = num(g.para2) {
                    a.push_str(&format!("第{q}項"));
                }
                if let Some(i) = num(g.item2) {
                    a.push_str(&format!("第{i}号"));
                    a.push_str(&branches(g.ib2));
                }
                a
            });
        } else if let (Some(q), true) = (num(g.para3), in_suppl) {
            // 附則第三項: a paragraph of a 附則 without articles — the one it stands in, or
            // the first (of another document: …法律（平成五年法律第十四号）附則第二項).
            let part = match p.path.find('第') {
                Some(i) if document.is_none() && p.path.starts_with("附則") => &p.path[..i],
                _ => "附則",
            };
            let mut t = format!("{part}第{q}項");
            if let Some(i) = num(g.item3) {
                t.push_str(&format!("第{i}号"));
                t.push_str(&branches(g.ib3));
            }
            target = Some(t);
        } else if let Some(q) = num(g.para3) {
            bare_suffix = Some(format!(
                "第{q}項{}",
                num(g.item3).map_or(String::new(), |i| format!("第{i}号{}", branches(g.ib3)))
            ));
            alt_bases = [&ctx.article, &ctx.container, &last.article]
                .into_iter()
                .flatten()
                .cloned()
                .chain(
                    last.cited_article
                        .iter()
                        .filter(|a| a.1.is_none())
                        .map(|a| a.0.clone()),
                )
                .collect();
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
                if let Some(i) = num(g.item3) {
                    t.push_str(&format!("第{i}号"));
                    t.push_str(&branches(g.ib3));
                }
                t
            });
            // 各号 of another document's paragraph is not checked here.
            if g.kaku3.is_some() && document.is_none() {
                if let Some(t) = &target {
                    if index.has_items.get(t.as_str()) == Some(&false) {
                        relative_error = Some(format!(
                            "{}各号: that paragraph has no items",
                            m.as_str().trim_end_matches("各号")
                        ));
                    }
                }
            }
        } else if let Some(r) = g.relpara {
            relative = Some(r.as_str().to_string());
            let k = ctx.paragraph_no;
            // A statute of paragraphs only (第1項, 第2項 at the root): no article holds them.
            let art = ctx.container.clone().or_else(|| {
                (ctx.article.is_none()
                    && ctx
                        .paragraph
                        .as_deref()
                        .is_some_and(|q| q.starts_with('第')))
                .then(String::new)
            });
            let para = match (r.as_str(), k, &art) {
                ("前項", Some(k), Some(a)) if k > 1 => Some(format!("{a}第{}項", k - 1)),
                ("前各項", Some(k), Some(a)) if k > 1 => Some(format!("{a}第1項")),
                ("次項", Some(k), Some(a)) => Some(format!("{a}第{}項", k + 1)),
                ("同項", _, _) => last.paragraph.clone().or(ctx.paragraph.clone()),
                ("本項", _, _) => ctx.paragraph.clone(),
                (_, Some(k), Some(a)) if g.np.is_some() => {
                    let n = num(g.np).unwrap_or(2);
                    (k > n).then(|| format!("{a}第{}項", k - n))
                }
                _ => None,
            };
            let para = para.filter(|t| r.as_str() != "次項" || index.paths.contains(t.as_str()));
            // Spec sections (１．２) are a specification's 項: 前項 in the first paragraph of
            // １．２ is １．１, and a heading-less list (1. 2. 3.) reads the same way.
            let para = para.or_else(|| {
                if ctx.article.is_some() || k.is_some_and(|k| k > 1) {
                    return None;
                }
                let here = p.path.split('第').next()?;
                let &(prev, next) = index.sections.get(here)?;
                match r.as_str() {
                    "前項" | "前各項" => prev.map(str::to_string),
                    "次項" => next.map(str::to_string),
                    _ => None,
                }
            });
            // In an item of a first paragraph, 前項 usually reads the list as paragraphs
            // (a Markdown list nested under the text it continues): not reported.
            if para.is_none() && (ctx.item.is_none() || r.as_str() == "次項") {
                relative_error = Some(match r.as_str() {
                    "次項" => "次項 stands in the last paragraph: there is no next paragraph".to_string(),
                    w => format!("{w} stands in the first paragraph of its article: there is no paragraph before it"),
                });
            }
            if g.kaku.is_some() && document.is_none() {
                if let Some(t) = &para {
                    if index.has_items.get(t.as_str()) == Some(&false) {
                        relative_error =
                            Some(format!("{}各号: that paragraph has no items", r.as_str()));
                    }
                }
            }
            target = para.map(|mut t| {
                if let Some(i) = num(g.item4) {
                    t.push_str(&format!("第{i}号"));
                    t.push_str(&branches(g.ib4));
                }
                t
            });
        } else if let Some(i) = num(g.item5) {
            bare_suffix = Some(format!("第{i}号{}", branches(g.ib5)));
            alt_bases = [&ctx.paragraph, &last.paragraph, &link.paragraph]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            let para = if document.is_some() {
                base_paragraph.clone()
            } else {
                base_paragraph.clone().or_else(|| ctx.paragraph.clone())
            };
            target = para.map(|q| format!("{q}第{i}号{}", branches(g.ib5)));
        } else if let Some(r) = g.relitem {
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
                    let n = num(g.ni).unwrap_or(2);
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
        } else if g.item6.is_some() || m.as_str().starts_with("別表") {
            // An appended table: the structure does not hold 別表, so it is not checked.
            let mut t = "別表".to_string();
            if let Some(n) = num(g.appx) {
                t.push_str(&format!("第{n}{}", branches(g.appxb)));
            }
            if let Some(i) = num(g.item6) {
                t.push_str(&format!("第{i}号{}", branches(g.ib6)));
            }
            foreign = foreign || !index.paths.contains(t.as_str());
            target = Some(t);
        } else if let Some(d) = g.div {
            let path = division_path(d.as_str());
            // 第三節 alone is a section of the chapter it stands in, 第五章 a chapter of its
            // 編; when that does not exist, the path as written.
            let here = ctx.article.as_deref().unwrap_or(&p.path);
            let within = (document.is_none() && !connected)
                .then(|| {
                    let unit =
                        division_unit(&path[..path[3..].find('第').map_or(path.len(), |i| i + 3)])?;
                    let above = division_above(unit)?;
                    index.enclosing(here, &above)
                })
                .flatten()
                .map(|e| format!("{e}{path}"))
                .filter(|t| index.paths.contains(t.as_str()));
            // 同章第七節及び第八節並びに第七章, 第五章（第二節…を除く。）: a division listed
            // after another is its part, or a part of the same division above.
            let within = if document.is_none() && connected {
                let first = &path[..path[3..].find('第').map_or(path.len(), |i| i + 3)];
                let listed = link.division.as_deref().and_then(|prev| {
                    let unit = division_unit(first)?;
                    let above = division_above(unit)?;
                    [Some(prev), division_prefix(prev, above[0])]
                        .into_iter()
                        .flatten()
                        .map(|b| format!("{b}{path}"))
                        .find(|t| index.paths.contains(t.as_str()))
                });
                listed.or(within)
            } else {
                within
            };
            division = Some(within.unwrap_or(path));
            target = division.clone();
        } else if let Some(r) = g.reldiv {
            relative = Some(r.as_str().to_string());
            let unit = r.as_str().chars().nth(1).unwrap_or('章');
            let here = ctx.article.as_deref().unwrap_or(&p.path);
            let base = if r.as_str().starts_with('同') {
                // 同章: the chapter of the division cited last.
                last.division
                    .as_deref()
                    .and_then(|d| division_prefix(d, unit))
                    .map(str::to_string)
            } else {
                index.enclosing(here, &[unit, unit])
            };
            // Without the division it stands in (a tree without 章), it cannot be checked.
            let Some(current) = base else {
                continue;
            };
            let found = match r.as_str().chars().next() {
                Some('前') => index.sibling_division(&current, -1),
                Some('次') => index.sibling_division(&current, 1),
                _ => Some(current.clone()),
            };
            if found.is_none() {
                relative_error = Some(if r.as_str().starts_with('次') {
                    format!(
                        "{} stands in the last {unit}: there is none after it",
                        r.as_str()
                    )
                } else {
                    format!(
                        "{} stands in the first {unit}: there is none before it",
                        r.as_str()
                    )
                });
            }
            division = found.map(|f| {
                format!(
                    "{f}{}",
                    g.divrest
                        .map_or(String::new(), |x| division_path(x.as_str()))
                )
            });
            target = division.clone();
        } else {
            continue;
        }
        let start = match &doc_range {
            Some(r) => r.start,
            None if suppl => m.start() - "附則".len(),
            None => m.start(),
        };
        // 第四号イ, 前条第一号イ又はロ: a sub-item after an item, and the bare labels listed
        // after it (ロ, ハ), sub-items of the same item.
        let mut end = m.end();
        let mut list_end = end;
        let mut listed_subitems: Vec<(std::ops::Range<usize>, char)> = Vec::new();
        let mut target = target;
        let mut subitem = false;
        if let Some(t) = target.as_mut().filter(|t| ends_with_item(t)) {
            if let Some(k) = subitem_label(&text[end..]) {
                t.push(k);
                end += k.len_utf8();
                list_end = end;
                subitem = true;
                loop {
                    let rest = &text[list_end..];
                    let Some(w) = SUBITEM_CONNECTORS.iter().find(|w| rest.starts_with(*w)) else {
                        break;
                    };
                    let Some(k) = subitem_label(&rest[w.len()..]) else {
                        break;
                    };
                    let at = list_end + w.len();
                    listed_subitems.push((at..at + k.len_utf8(), k));
                    list_end = at + k.len_utf8();
                }
            }
        }
        let after = &text[list_end..];
        let written = caption_after(after);
        let caption = written.as_ref().map(|(_, c)| c.to_string()).filter(|cap| {
            !cap.starts_with("以下")
                    && !cap.contains("年")
                    && !cap.contains("号")
                    && !cap.starts_with('第')
                    && !is_remark(cap)
                    // 第2条（b）, 第３条（１）: a sub-clause label, not a caption.
                    && cap.chars().count() > 1
        });
        let after_caption = match written {
            Some((whole, _)) if caption.is_some() => &after[whole.end..],
            _ => after,
        };
        let kind = if OVERRIDE.is_match(after_caption) {
            ReferenceKind::Override
        } else if DEFINED_IN.is_match(after_caption) {
            ReferenceKind::DefinedIn
        } else if scan.applies_within(list_end, scan.sentence_end(list_end)) {
            ReferenceKind::ApplyMutatis
        } else {
            ReferenceKind::Cite
        };
        // An excerpt (抄) leaves articles out: a reference that stands in one, or points
        // into one, at something that is not there cannot be checked.
        if index.in_excerpt(&p.path) {
            relative_error = None;
        }
        // 同条の表第十一条第一項第五号の項: the label of a table's row, not a citation.
        if text[list_end..].starts_with("の項") {
            foreign = true;
        }
        // In a reading-in table (…中同表の中欄に掲げる字句は、…下欄に掲げる字句とする), the
        // cells cite the provisions of the law being read, which may be another act.
        // A 別表 (appendix) is not this document's 条/項/号: its 前号 and 第N号 count the
        // entries of the appendix itself.
        foreign = foreign
            || index.in_reading_table(&p.path)
            || (connected && link.foreign)
            || in_appendix(p);
        // In a table's row, 前号 / 次号 / 前各号 count the rows of the table, not items;
        // and a statute's table cells cite the provisions of whatever law the table is
        // about (a terms document's definitions table cites its own articles).
        if p.kind == ProvisionKind::Row {
            relative_error = None;
            foreign = foreign || doc.law_number.is_some();
        }
        if foreign {
            relative_error = None;
        }
        let (target, resolved) = match (&document, target) {
            (None, t) if foreign => (t.unwrap_or_default(), None),
            (None, Some(t)) => match index.resolve(&t) {
                Some(found) => (found, Some(true)),
                None if index.in_excerpt(&t) || index.in_excerpt(&p.path) => (t, None),
                // A statute's 附則 speaks of the law as it was then: an article past the end
                // of today's main provisions was taken out by a later amendment.
                None if doc.law_number.is_some()
                    && p.path.starts_with("附則")
                    && index.past_main_end(&t) =>
                {
                    (t, None)
                }
                // A statute whose article numbers skip (第三条, then 第七十六条) shows only the
                // provisions in force: the articles in between are not in the text.
                None if doc.law_number.is_some() && index.in_numbering_gap(&t) => (t, None),
                // 第九十四条並びに第二項及び第三項, 第二十七条（第四項を除き、…）: a bare 項 or
                // 号 may continue the article cited before it or stand for one of the
                // provision's own; it is wrong only when neither reading exists.
                None => match bare_suffix.as_ref().and_then(|suffix| {
                    alt_bases
                        .iter()
                        .find_map(|b| index.resolve(&format!("{b}{suffix}")))
                }) {
                    Some(found) => (found, Some(true)),
                    // 同条第四項 after a quoted reading-in (…中…トアルハ…ト同条第四項中),
                    // 同項第一号から第四号まで: which provision 同 repeats is a reading of
                    // the sentence; when that reading finds nothing, it is not checked.
                    None if anaphoric => (t, None),
                    // The 附則 of an amending act quotes the laws it amends (「各号を除く。）
                    // 及び第四項中」を「第三号及び第四号を除く。）中…」に改め), quotations
                    // that may hold half a bracket: a bare 第N号 there is not checked.
                    None if amending_act.is_some() && bare => (t, None),
                    None => (t, Some(false)),
                },
            },
            (None, None) => (String::new(), Some(false)),
            (Some(_), t) => (t.unwrap_or_default(), None),
        };
        // A sub-item of an item whose sub-items the structure does not hold (no イ): the
        // label cannot be checked.
        let sub_resolved = |t: &str, resolved: Option<bool>| match resolved {
            Some(false) => {
                let base = t.trim_end_matches(|c: char| !c.is_ascii_digit() && c != '号');
                let has_subitems = index.resolve(&format!("{base}イ")).is_some();
                (has_subitems || index.resolve(base).is_none()).then_some(false)
            }
            r => r,
        };
        let resolved = if subitem {
            sub_resolved(&target, resolved)
        } else {
            resolved
        };
        let range = p.text_map.src_range(start..end);
        // What the next reference reads on from. The last one's parts it keeps are moved,
        // not copied.
        let before = std::mem::take(&mut last);
        let article = article_path(&target);
        let cited_article = match &article {
            Some(a) if g.art.is_some() || g.relart.is_some() => {
                Some((a.clone(), document.clone(), law_number))
            }
            _ => before.cited_article,
        };
        // 第３条第１号 names the items of 第３条's only paragraph.
        let paragraph = paragraph_path(&target).or_else(|| {
            target
                .contains('号')
                .then(|| article.as_ref().map(|a| format!("{a}第1項")))
                .flatten()
        });
        last = Last {
            document: document.clone(),
            statute: law_number,
            article: article.or(before.article),
            paragraph_document: if paragraph.is_some() {
                (document.clone(), law_number)
            } else {
                before.paragraph_document
            },
            paragraph: paragraph.or(before.paragraph),
            cited_article,
            target: target.clone(),
            end: list_end,
            foreign,
            division: division.or(before.division),
            anaphoric,
        };
        levels.truncate(depth);
        levels.resize(depth + 1, None);
        levels[depth] = Some(last.clone());
        let reference = Reference {
            text: text[start..end].to_compact_string(),
            kind,
            document: document.as_deref().map(Into::into),
            target: target.into(),
            resolved,
            path: p.path.clone(),
            span: doc.span(range.clone()),
            range,
            caption: caption.map(Into::into),
            relative: relative.map(Into::into),
            is_statute,
            with_law_number: law_number,
            relative_error: relative_error.map(Into::into),
            text_range: start..end,
            document_range: doc_range.map(|r| p.text_map.src_range(r)),
        };
        // イ又はロ: each listed label is a reference to the same item's sub-item.
        let base = reference
            .target
            .trim_end_matches(|c: char| !c.is_ascii_digit() && c != '号');
        let listed: Vec<Reference> = listed_subitems
            .iter()
            .map(|(r, k)| {
                let target = format!("{base}{k}");
                let resolved = match reference.resolved {
                    Some(_) => match index.resolve(&target) {
                        Some(_) => Some(true),
                        None => sub_resolved(&target, Some(false)),
                    },
                    None => None,
                };
                let range = p.text_map.src_range(r.clone());
                Reference {
                    text: k.to_compact_string(),
                    target: target.into(),
                    resolved,
                    span: doc.span(range.clone()),
                    range,
                    caption: None,
                    text_range: r.clone(),
                    document_range: None,
                    ..reference.clone()
                }
            })
            .collect();
        out.push(reference);
        out.extend(listed);
    }
}

/// Words that list the sub-items of one item: 第一号イ又はロ, イ、ロ及びハ, イからニまで.
const SUBITEM_CONNECTORS: [&str; 9] = [
    "又は",
    "及び",
    "若しくは",
    "並びに",
    "、",
    "・",
    "から",
    "まで及び",
    "まで又は",
];

/// Does a target end with an item (第1条第1項第2号, 第3号の2)?
fn ends_with_item(t: &str) -> bool {
    t.rfind('号').is_some_and(|i| {
        t[i + '号'.len_utf8()..]
            .chars()
            .all(|c| c == 'の' || c.is_ascii_digit())
    })
}

/// A sub-item label at the start of `s` (イ, ロ … in いろは order): one katakana that
/// does not begin a word (第一号イベント is no sub-item).
fn subitem_label(s: &str) -> Option<char> {
    const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";
    let mut chars = s.chars();
    let k = chars.next().filter(|k| IROHA.contains(*k))?;
    let next = chars.next();
    (!next.is_some_and(|n| crate::text::is_katakana(n) || n == 'ー')).then_some(k)
}

/// What a bare 第N項 / 第N号 (no article before it) stands for.
#[derive(Debug, PartialEq, Eq)]
enum BareUse {
    /// A paragraph or item of a provision.
    Reference,
    /// A row of a table (下欄第一号, 同表の第三号, 別表第一の二の表の…の項の下欄に掲げる第一号):
    /// not a provision this document's structure holds.
    Table,
    /// Part of a word or a number: 第一号法定受託事務, 第二号施行日, 決議第千二百六十七号,
    /// 明治六年第二百九十二号布告.
    Word,
}

/// Kanji that may stand right before a bare 第N項 / 第N号 that cites a provision: the end of
/// a reference (条, 項, 号, 則 of 附則, a branch numeral), a connector (及, 並, 又, 若, 中, 至),
/// a part (ただし書, 本文, 前段).
const BEFORE_BARE: &str = "条項号則及並又若中至書文段〇一二三四五六七八九十百千";
/// Kanji that may follow a bare 第N号 that cites an item: connectors and parts
/// (及び, 並びに, 又は, 若しくは, 中, 本文, 前段, 後段, 柱書, 各号 …).
const AFTER_BARE: &str = "及並又若中乃本前後柱各所";

fn bare_number_use(before: &str, after: &str) -> BareUse {
    let prev = before.chars().next_back();
    if let Some(k) = prev.filter(|&k| crate::text::is_kanji(k) && !BEFORE_BARE.contains(k)) {
        return if k == '欄' || k == '表' {
            BareUse::Table
        } else {
            BareUse::Word
        };
    }
    if after
        .chars()
        .next()
        .is_some_and(|k| crate::text::is_kanji(k) && !AFTER_BARE.contains(k))
    {
        return BareUse::Word;
    }
    // The clause it stands in speaks of a table's columns: 同表の特定技能の項の下欄に掲げる
    // 第一号.
    let clause = &before[before
        .rfind(['、', '。', '（', '）', '(', ')'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(0, char::len_utf8)
        })..];
    if clause.contains("欄") || clause.contains("表の") {
        return BareUse::Table;
    }
    BareUse::Reference
}

/// The document named right before the bracket a reference opens: 漁業法（昭和二十四年法律
/// 第二百六十七号）（第百二十八条…, 労働組合法（昭和二十四年法律第百七十四号。第五条…,
/// 同法（第二条第七項を除く。）.
fn bracket_document(text: &str, open: usize, at: usize) -> Option<String> {
    let inside = &text[open..at];
    let inner = &inside[inside.chars().next().map_or(0, char::len_utf8)..];
    if !(inner.is_empty()
        || (inner.len() <= 4 * MAX_NAME_BRACKET && inner.ends_with('。') && is_law_number(inner)))
    {
        return None;
    }
    let name = document_before(text, open)?;
    (!is_self_name(&name.name)).then_some(name.name)
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
/// the first 附則 (of another document: 基本約款附則第２条).
fn article_prefix(ctx: &Context, other_document: bool, suppl: bool) -> String {
    if !suppl {
        return String::new();
    }
    if other_document {
        return "附則".to_string();
    }
    match &ctx.article {
        Some(a) if a.starts_with("附則") => a[..a.rfind('第').unwrap_or(0)].to_string(),
        _ => "附則".to_string(),
    }
}

/// 本約款, 本規約, この約款: names of the document they stand in.
pub fn is_self_name(name: &str) -> bool {
    // 本会会則: the rules of this association, another document.
    // 本州四国連絡橋公団法, 本店…規程: 本 as the first character of a word.
    const WORDS: [&str; 14] = [
        "本会", "本州", "本店", "本部", "本社", "本邦", "本籍", "本人", "本院", "本庁", "本省",
        "本局", "本土", "本島",
    ];
    (name.starts_with('本') && !WORDS.iter().any(|w| name.starts_with(w))
        || name.starts_with("この"))
        && DOC_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// A document name written right before a reference.
struct DocumentName {
    name: String,
    /// Byte range of the name itself in the text (without a law number or an
    /// abbreviation in brackets after it).
    range: std::ops::Range<usize>,
    /// Cited with a law number: 電気通信事業法（昭和５９年法律第８６号）.
    law_number: bool,
}

/// A character that can stand in a document name.
fn is_name_char(c: char) -> bool {
    crate::text::is_kanji(c)
        || crate::text::is_katakana(c)
        || c.is_ascii_alphanumeric()
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
        || crate::text::is_full_width_digit(c)
        || matches!(c, 'ー' | '・' | '＆' | '&')
}

/// The start of the run of name characters that ends at `end`.
fn name_run_start(text: &str, end: usize) -> usize {
    let mut start = end;
    for (i, c) in text[..end].char_indices().rev().take(MAX_NAME_RUN) {
        if !is_name_char(c) {
            break;
        }
        start = i;
    }
    crate::work::add(end - start);
    start
}

/// The generic last words of a statute's name that the words before them make a name:
/// 個人情報の保護に関する法律.
const STATUTE_NAME_ENDS: [&str; 6] = [
    "法律",
    "条約",
    "国際条約",
    "特別措置法",
    "臨時措置法",
    "特例法",
];
/// Phrases that join the words of a statute's name and sit right before its last word.
const STATUTE_NAME_JOINS: [&str; 5] = [
    "に関する",
    "に係る",
    "のための",
    "に対する",
    "の一部を改正する",
];
/// What joins the earlier words of such a name: 労働保険の保険料の徴収等に関する法律.
const STATUTE_NAME_PARTICLES: [&str; 10] = [
    "に関する",
    "に係る",
    "に対する",
    "のための",
    "による",
    "における",
    "及び",
    "並びに",
    "等",
    "の",
];
/// Words that are never part of a statute's name and end it: 第四条の規定による改正後の
/// 暴力行為等処罰に関する法律.
const STATUTE_NAME_STOPS: [&str; 7] = [
    "規定",
    "改正後",
    "改正前",
    "施行後",
    "施行前",
    "廃止後",
    "廃止前",
];
/// What may stand right before a statute's name: the start of a clause.
fn clause_boundary(before: &str) -> bool {
    before.is_empty()
        || before.ends_with([
            '、', '，', '。', '（', '(', '「', '」', '）', ')', '『', '』', ' ', '　', 'は', 'が',
            'を', 'に', 'で', 'も', 'と',
        ])
}

/// 個人情報の保護に関する法律: a name that is only a generic last word (法律, 条約 …) right
/// after one of [`STATUTE_NAME_JOINS`] runs back over the words and particles of the
/// statute's name to the start of the clause. When the words do not lead cleanly to a
/// clause start (火炎びんの使用等…), the name stays as it was. Returns the new start.
fn statute_name_start(text: &str, start: usize, end: usize) -> usize {
    if !STATUTE_NAME_ENDS.contains(&&text[start..end]) {
        return start;
    }
    let mut s = start;
    let mut first = true;
    for _ in 0..MAX_NAME_WORDS {
        let before = &text[..s];
        let joins: &[&str] = if first {
            &STATUTE_NAME_JOINS
        } else {
            &STATUTE_NAME_PARTICLES
        };
        let Some(join) = joins.iter().find(|j| before.ends_with(*j)) else {
            // Back at a clause start, or stuck inside a phrase.
            return if first || clause_boundary(before) {
                s
            } else {
                start
            };
        };
        let word_end = s - join.len();
        let word = name_run_start(text, word_end);
        // 第十七条中高齢者の医療の確保に関する法律: the name starts after the reference
        // (and the 中 of 第十七条中, "in article 17").
        let after_reference = INNER_REFERENCE
            .find_iter(&text[word..word_end])
            .last()
            .map(|m| word + m.end())
            .or_else(|| {
                ["同条", "同項", "同号"]
                    .iter()
                    .find(|w| text[word..word_end].starts_with(*w))
                    .map(|w| word + w.len())
            });
        if let Some(mut cut) = after_reference {
            cut += text[cut..word_end]
                .strip_prefix('中')
                .map_or(0, |_| '中'.len_utf8());
            return if cut < word_end { cut } else { s };
        }
        if word == word_end {
            // 火炎びんの使用等…: stuck inside a phrase.
            return start;
        }
        if STATUTE_NAME_STOPS.contains(&&text[word..word_end]) {
            // 規定による改正後の…: the join ends a clause.
            return if first { start } else { s };
        }
        s = word;
        first = false;
    }
    start
}

/// 昭和５９年法律第８６号, 平成一三年一一月一六日法律第一二一号.
fn is_law_number(text: &str) -> bool {
    text.contains('号')
        && (text.contains('年') || LAW_NUMBER_KINDS.iter().any(|k| text.contains(k)))
}

/// Quotations of amendment or reading-in text: 「前各号」を「前三号」に改める, 「前項」とあるのは
/// 「第二項」と読み替える. What they quote is text of another provision (or of the
/// provision as amended), not a reference of this one.
fn amendment_quotes(text: &str, scan: &super::scan::TextScan) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('「') {
        let Some(end) = scan.quote_end(open) else {
            continue;
        };
        let after = &text[end..];
        let before = text[..open].trim_end_matches(['、', ' ', '　']);
        // The replacement after を: 「前各号」を「前三号」に改める.
        let replaced = |q: usize| {
            scan.quote_end(q).is_some_and(|e| {
                ["に改め", "と読み替え", "とし", "とする", "に、"]
                    .iter()
                    .any(|w| text[e..].starts_with(w))
            })
        };
        // 「前号イ」とあり、及び同号ロ中「前号ロ」とあるのは: とあり is とあるのは too.
        let amendment = after.starts_with("とあるのは")
            || after.starts_with("とあり")
            || after.starts_with("と読み替え")
            || after.starts_with("を削")
            // 「第九十二条第一項」の下に「及び第三項」を加える: where words go, and the words.
            || after.starts_with("の下に")
            || after.starts_with("の次に")
            || after.starts_with("を加え")
            || (after.starts_with("を「") && replaced(end + "を".len()))
            || (before.ends_with("」を") && after.starts_with("に改め"))
            || (before.ends_with("とあるのは") && after.starts_with('と'));
        if amendment {
            out.push(open..end);
        }
    }
    out
}

/// にかかわらず, searched for in every provision ([`document_overrides`]) with a searcher
/// built once: `match_indices` and `str::find` set one up on every call, which cost more
/// than the search itself in the short text of a provision.
static NOTWITHSTANDING: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("にかかわらず"));
/// の一部を次のように改正する (an amending act's article), searched for in every article
/// the same way.
static AMENDS: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("の一部を次のように改正する"));

/// 仕様書の規定にかかわらず, 基本約款の定めにかかわらず: a whole document set aside, with no
/// article named (an article is a reference of its own). Decoded source range of the
/// name, and the name.
pub fn document_overrides(p: &Provision) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    for at in NOTWITHSTANDING.find_iter(p.text.as_bytes()) {
        let before = &p.text[..at];
        let Some(head) = ["の規定", "の定め", "の条項"]
            .iter()
            .find_map(|w| before.strip_suffix(w))
        else {
            continue;
        };
        let Some(name) = document_before(&p.text, head.len()) else {
            continue;
        };
        if !is_self_name(&name.name) {
            out.push((p.text_map.src_range(name.range), name.name));
        }
    }
    out
}

/// （以下「労基法」という。）, （次項において「公労法」という。）: a bracket that gives the
/// name before it a short form, and may stand between the name and its reference.
fn is_abbreviation_remark(bracket: &str) -> bool {
    let inner = &bracket[bracket.chars().next().map_or(0, char::len_utf8)..];
    let inner = inner.trim_end_matches(['）', ')', '。']);
    inner.starts_with("以下") || (inner.contains('「') && inner.ends_with("という"))
}

/// The document name written right before `at`.
fn document_before(text: &str, at: usize) -> Option<DocumentName> {
    let mut end = at;
    let mut law_number = false;
    let mut abbreviated = false;
    // Skip a law number in brackets: 電気通信事業法（昭和５９年法律第８６号）第４条, and an
    // abbreviation after it: 教育職員免許法（昭和二十四年法律第百四十七号）（以下「免許法」
    // という。）第五条.
    let mut skipped = 0;
    while skipped < 2 && text[..end].ends_with(['）', ')']) {
        skipped += 1;
        let (was_number, was_abbreviation) = (law_number, abbreviated);
        let mut depth = 0;
        crate::work::add(MAX_NAME_BRACKET.min(end));
        for (i, c) in text[..end].char_indices().rev().take(MAX_NAME_BRACKET) {
            match c {
                '）' | ')' => depth += 1,
                '（' | '(' => {
                    depth -= 1;
                    if depth == 0 {
                        let inner = &text[i..end];
                        if is_law_number(inner) {
                            law_number = true;
                            end = i;
                        } else if is_abbreviation_remark(inner) {
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
        if (law_number, abbreviated) == (was_number, was_abbreviation) {
            // Not a bracket that may stand between a name and its reference.
            if skipped == 1 {
                return None;
            }
            break;
        }
    }
    let mut start = name_run_start(text, end);
    if start == end {
        return None;
    }
    // 昭和二十五年法律第百三十五号附則第三項: a law cited by its number alone.
    if is_law_number(&text[start..end])
        && text[start..end].ends_with('号')
        && LAW_NUMBER_KINDS
            .iter()
            .any(|k| text[start..end].contains(k))
    {
        return Some(DocumentName {
            name: text[start..end].to_string(),
            range: start..end,
            law_number: true,
        });
    }
    let mut name = &text[start..end];
    // A name never starts inside a reference: 第３条・基本約款 … keep the part after 条.
    // (条 inside a word, as in 著作権条約, is not a reference.)
    // 第五条中地方自治法: 中 after a reference is "in (第五条)".
    if let Some(m) = INNER_REFERENCE.find_iter(name).last() {
        name = &name[m.end()..];
        name = name.strip_prefix('中').unwrap_or(name);
        start = end - name.len();
    }
    if name.is_empty() || !DOC_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return None;
    }
    start = statute_name_start(text, start, end);
    // "同約款" etc. are not handled; 同法 is resolved by the caller.
    Some(DocumentName {
        name: text[start..end].to_string(),
        range: start..end,
        law_number,
    })
}

/// Compiles the reference patterns every document with references reaches, ahead of
/// their first use ([`crate::extract::warm_up`]).
pub(crate) fn warm_up() {
    super::forms::warm_up();
    for pattern in [&CAPTION, &OVERRIDE, &DEFINED_IN, &STRUCTURE_REFERENCE] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A caption after a reference is what the bounded pattern (`{1,40}`) reads: up to 40
    /// characters between the parentheses, and nothing when longer.
    #[test]
    fn captions_are_bounded_as_the_bounded_pattern_bounds_them() {
        let bounded = Regex::new(r"^[（(](?P<c>[^（）()]{1,40})[）)]").unwrap();
        for n in [0, 1, 39, 40, 41, 80] {
            for (open, close) in [("（", "）"), ("(", ")"), ("（", ")")] {
                for tail in ["", "の規定にかかわらず", "（注）"] {
                    let after = format!("{open}{}{close}{tail}", "変".repeat(n));
                    let want = bounded
                        .captures(&after)
                        .map(|c| (c.get(0).unwrap().range(), c["c"].to_string()));
                    let got = caption_after(&after).map(|(r, c)| (r, c.to_string()));
                    assert_eq!(got, want, "{after}");
                }
            }
        }
    }

    /// The references of a large document read in parallel chunks are those of a reading
    /// in one, in the same order: a 同法 at the start of a chunk still names the statute
    /// the chunk before cited last, and one with none before stays unnamed.
    #[test]
    fn chunks_read_in_parallel_read_as_one() {
        let mut text = String::from("利用規約\n\n");
        // Early articles: 同法 with no statute before it, in every chunk but the first
        // (so every chunk is read before it knows the names before it).
        for n in 1..=6 * CHUNK {
            let body = match n % 700 {
                1 => "同法第２条の定めによる。",
                2 => "電気通信事業法（昭和５９年法律第８６号）第４条を守る。",
                _ if n % 97 == 0 => "同法第３条による。",
                _ if n % 89 == 0 => "基本約款第５条を適用する。",
                _ if n % 83 == 0 => "同約款第６条を適用する。",
                _ => "前条の定めに従う。",
            };
            text.push_str(&format!("第{n}条\n{body}\n"));
        }
        let src = std::sync::Arc::new(crate::SourceFile::from_text("t.txt", text));
        let doc = crate::parse_text_source(src);
        let provisions = text_provisions(&doc);
        assert!(provisions.len() >= 6 * CHUNK);
        let pool = |n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("a thread pool")
        };
        let one = pool(1).install(|| extract_from(&doc, &provisions));
        let four = pool(4).install(|| extract_from(&doc, &provisions));
        let show = |r: &Reference| format!("{} {:?} {} {}", r.path, r.document, r.target, r.text);
        assert_eq!(
            one.iter().map(show).collect::<Vec<_>>(),
            four.iter().map(show).collect::<Vec<_>>()
        );
        // 同法 after the statute is the statute; 同約款 after 基本約款 is 基本約款.
        let of = |path: &str| {
            one.iter()
                .find(|r| r.path == path)
                .and_then(|r| r.document.as_deref().map(str::to_string))
        };
        // 第582条 opens no chunk of its own but is read before its chunk knows the statute
        // the first chunk named (第2条); 第776条 follows one its own chunk names.
        assert_eq!(of("第582条第1項").as_deref(), Some("電気通信事業法"));
        assert_eq!(of("第776条第1項").as_deref(), Some("電気通信事業法"));
        assert_eq!(of("第830条第1項").as_deref(), Some("基本約款"));
    }

    #[test]
    fn gaps_that_keep_a_list() {
        assert!(joinable("まで及び"));
        assert!(joinable("、"));
        assert!(joinable("ただし書、"));
        assert!(joinable("（第一号に係る部分に限る。）若しくは"));
        assert!(joinable("イ若しくはロ、"));
        assert!(joinable(
            "、第二編第四章第十二節（第四百三十条の二第五項を除く。）及び"
        ));
        assert!(!joinable("の規定は、"));
        assert!(!joinable("に定める場合を除き、"));
    }

    #[test]
    fn amendment_quotations() {
        let quoted = |t: &str| -> Vec<String> {
            amendment_quotes(t, &super::super::scan::TextScan::new(t))
                .into_iter()
                .map(|r| t[r].to_string())
                .collect()
        };
        assert_eq!(
            quoted("第五条中「前各号」を「前三号」に改める。"),
            ["「前各号」", "「前三号」"]
        );
        assert_eq!(
            quoted("同項中「前項」とあるのは「第二項」と、「甲」とあるのは「乙」と読み替える。"),
            ["「前項」", "「第二項」", "「甲」", "「乙」"]
        );
        assert!(quoted("「前項」の規定による届出をした者").is_empty());
    }

    #[test]
    fn document_names() {
        let name = |t: &str, at: &str| document_before(t, t.find(at).unwrap());
        let t = "お客様及び当社は、基本約款第８条";
        assert_eq!(name(t, "第８条").unwrap().name, "基本約款");
        let t = "について、電気通信事業法（昭和５９年法律第８６号）第４条";
        let d = name(t, "第４条").unwrap();
        assert_eq!(d.name, "電気通信事業法");
        assert_eq!(&t[d.range], "電気通信事業法");
        assert!(d.law_number);
        assert!(name("第３条及び第５条", "第５条").is_none());
        // The name without the abbreviation after it.
        let t = "労働基準法（以下「労基法」という。）第89条";
        assert_eq!(&t[name(t, "第89条").unwrap().range], "労働基準法");
        // Long statute names keep their words.
        let t = "当社は、個人情報の保護に関する法律第23条に基づき";
        assert_eq!(
            name(t, "第23条").unwrap().name,
            "個人情報の保護に関する法律"
        );
        let t = "ただし、労働保険の保険料の徴収等に関する法律第二十七条";
        assert_eq!(
            name(t, "第二十七条").unwrap().name,
            "労働保険の保険料の徴収等に関する法律"
        );
        let t = "利用者は個人情報の保護に関する法律第23条";
        assert_eq!(
            name(t, "第23条").unwrap().name,
            "個人情報の保護に関する法律"
        );
        // A reference ends the name: 第５条の規定に関する法律 is not a name.
        let t = "第５条に関する法律第２条";
        assert_eq!(name(t, "第２条").unwrap().name, "法律");
        let t = "第四条の規定による改正後の暴力行為等処罰に関する法律第一条";
        assert_eq!(
            name(t, "第一条").unwrap().name,
            "暴力行為等処罰に関する法律"
        );
        let t = "第十七条中高齢者の医療の確保に関する法律第百二十一条";
        assert_eq!(
            name(t, "第百二十一条").unwrap().name,
            "高齢者の医療の確保に関する法律"
        );
        let t = "第五条中地方自治法第二条";
        assert_eq!(name(t, "第二条").unwrap().name, "地方自治法");
        // A name that does not lead back to a clause start stays as it was; a name that
        // is not a generic last word is not extended.
        let t = "、火炎びんの使用等の処罰に関する法律第四条";
        assert_eq!(name(t, "第四条").unwrap().name, "法律");
        let t = "措置命令に係る行政手続法第三十条";
        assert_eq!(name(t, "第三十条").unwrap().name, "行政手続法");
    }
}
