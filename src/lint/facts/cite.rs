//! The statute citations of a document, resolved against the statute tables: the
//! statute by the law number written with it, its full title, a shipped or user
//! abbreviation, or an abbreviation the document defines itself (（以下「法」という。）),
//! and 第N条第M項第K号 against the statute's articles. The references come from
//! `extract::references` (which also carries 同法 and 同条 forward); this module only
//! decides which statute each names and what is wrong with the citation.

use crate::corpus::{Corpus, RefTarget};
use crate::model::{Document, Reference};
use crate::parse::numeral::to_kanji;
use crate::statutes::{caption_key, law_number_key, law_number_range, num_parts, Statute, Table};
use crate::text::name_key;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// How the document writes numbers: ２７, 27 or 二十七.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitStyle {
    FullWidth,
    Ascii,
    Kanji,
}

impl DigitStyle {
    /// The style of the numbers in `text` (the first digit decides).
    pub fn of(text: &str) -> DigitStyle {
        for c in text.chars() {
            if c.is_ascii_digit() {
                return DigitStyle::Ascii;
            }
            if crate::text::is_full_width_digit(c) {
                return DigitStyle::FullWidth;
            }
        }
        DigitStyle::Kanji
    }

    pub fn write(self, n: u32) -> String {
        match self {
            DigitStyle::Ascii => n.to_string(),
            DigitStyle::FullWidth => n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
            DigitStyle::Kanji => to_kanji(n).unwrap_or_else(|| n.to_string()),
        }
    }

    /// An article number ("27", "3の2") in this style: 第２７条, 第三条の二.
    pub fn article(self, num: &str) -> String {
        let mut parts = num.split('の').filter_map(|p| p.parse::<u32>().ok());
        let mut s = format!(
            "第{}条",
            parts.next().map_or(String::new(), |n| self.write(n))
        );
        for b in parts {
            s.push('の');
            s.push_str(&self.write(b));
        }
        s
    }
}

/// What is wrong with the provision a citation points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No such article; the statute's last article.
    NoArticle { last: String },
    /// The article (or the range of articles holding it: `38:84`) is 削除.
    Deleted { num: String },
    /// The article has fewer paragraphs.
    NoParagraph { paragraph: u32, count: usize },
    /// The paragraph has fewer items (0: none).
    NoItem { item: u32, count: u32 },
    /// The caption written beside the citation is not the article's; `elsewhere`: the
    /// articles that have that caption now.
    Caption {
        written: String,
        actual: Option<String>,
        elsewhere: Vec<String>,
    },
}

/// A name or law number that is a close match, not an exact one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misspelling {
    /// The title or abbreviation as written, its decoded range, and the right one.
    Title {
        written: String,
        range: Range<usize>,
        correct: String,
    },
    /// The law number as written, its decoded range, and the right one.
    LawNumber {
        written: String,
        range: Range<usize>,
        correct: String,
    },
}

/// How the statute was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolvedBy {
    LawNumber,
    Name,
    /// 同法: the statute cited before.
    Same,
    /// An abbreviation the document defines (（以下「法」という。）).
    OwnAbbreviation,
    /// A close match to a title or law number.
    CloseMatch,
}

/// One statute citation, resolved.
#[derive(Debug, Clone)]
pub struct Citation<'t> {
    /// Index into the document's references.
    pub reference: usize,
    pub statute: &'t Statute,
    pub by: ResolvedBy,
    pub misspelling: Option<Misspelling>,
    pub problem: Option<Problem>,
    /// The citation as it should read, in the document's digit style, when it can be said.
    pub corrected: Option<String>,
}

static TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第(\d+)条((?:の\d+)*)(?:第(\d+)項)?(?:第(\d+)号((?:の\d+)*))?$")
        .expect("target regex")
});

/// Levenshtein distance over characters, two rows reused.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Is `written` a misspelling of `name`: one character off in a name of 7 or more, two in
/// one of 12 or more? Shorter names (民法, 商法, 保険法 / 保険業法) are different
/// statutes one character apart.
fn close(written: &str, name: &str) -> bool {
    close_keys(&name_key(written), &name_key(name)).is_some()
}

/// [`close`] on name keys: the distance when they are close. Two keys whose lengths differ
/// by more than two characters, or whose shorter one has fewer than seven, are never close,
/// and are told so without the distance.
fn close_keys(w: &str, n: &str) -> Option<usize> {
    if w == n {
        return None;
    }
    let (lw, ln) = (w.chars().count(), n.chars().count());
    let len = lw.min(ln);
    if len < 7 || lw.abs_diff(ln) > 2 {
        return None;
    }
    match distance(w, n) {
        1 => Some(1),
        2 if len >= 12 => Some(2),
        _ => None,
    }
}

/// The names a statute is known by, as written in the table.
fn names_of(s: &Statute) -> impl Iterator<Item = &str> {
    std::iter::once(s.short_title()).chain(s.abbrevs.iter().map(String::as_str))
}

/// The closest statute name to `written`, if it is a misspelling of one.
fn close_name<'t>(table: &'t Table, written: &str) -> Option<(&'t Statute, &'t str)> {
    let key = name_key(written);
    table
        .statutes
        .iter()
        .flat_map(|s| names_of(s).map(move |n| (s, n)))
        .filter_map(|(s, n)| close_keys(&key, &name_key(n)).map(|d| (d, s, n)))
        .min_by_key(|&(d, _, _)| d)
        .map(|(_, s, n)| (s, n))
}

/// The law number written in brackets right after a name: （平成１５年法律第５７号。…）.
fn law_number_after(text: &str, at: usize) -> Option<(String, Range<usize>)> {
    let rest = &text[at..];
    let inner = rest.strip_prefix('（').or_else(|| rest.strip_prefix('('))?;
    let close = inner.find(['）', ')']).unwrap_or(inner.len());
    let r = law_number_range(&inner[..close])?;
    let offset = at + (rest.len() - inner.len());
    Some((
        inner[r.clone()].to_string(),
        offset + r.start..offset + r.end,
    ))
}

/// The statute a long form names: it ends with the statute's title or abbreviation
/// (お客様は、個人情報の保護に関する法律 → 個人情報の保護に関する法律).
fn statute_ending<'t>(table: &'t Table, long: &str) -> Option<&'t Statute> {
    let key = name_key(long);
    table
        .statutes
        .iter()
        .flat_map(|s| {
            std::iter::once(s.title.as_str())
                .chain(names_of(s))
                .map(move |n| (s, n))
        })
        .filter(|(_, n)| key.ends_with(&name_key(n)))
        .max_by_key(|(_, n)| n.len())
        .map(|(s, _)| s)
}

/// The statute an abbreviation defined by the document stands for: 個人情報の保護に関する
/// 法律（平成十五年法律第五十七号。以下「法」という。）. The document's definitions are
/// asked first; a definition they do not hold (one with a law number in its brackets) is
/// read from the text.
fn own_abbreviation<'t>(
    doc: &Document,
    quoted: &Abbreviations,
    table: &'t Table,
    name: &str,
) -> Option<&'t Statute> {
    let key = name_key(name);
    if let Some(&i) = quoted.definitions.get(key.as_str()) {
        let d = &doc.definitions[i];
        let meaning = d.meaning.as_str();
        let base = meaning.split(['（', '(']).next().unwrap_or(meaning).trim();
        if let Some(s) = table
            .by_name(base)
            .or_else(|| table.by_law_number(meaning))
            .or_else(|| statute_ending(table, base))
        {
            return Some(s);
        }
    }
    let text = &*doc.source.text;
    for at in quoted.after_ika(text, name) {
        // The bracket that opens the definition: （平成十五年法律第五十七号。以下「法」…
        let Some(open) = text[..at].rfind(['（', '(']) else {
            continue;
        };
        let inside = &text[open..at];
        if inside.contains(['）', ')']) {
            continue;
        }
        if let Some(s) = table.by_law_number(inside) {
            return Some(s);
        }
        let long = &text[crate::extract::definitions::abbreviated(text, open)];
        if let Some(s) = statute_ending(table, long) {
            return Some(s);
        }
    }
    None
}

/// A document's own abbreviations, read once a document (a statute names a few hundred
/// documents; looking each up in the whole text was a scan of the text a name).
struct Abbreviations {
    /// The first definition of each term key.
    definitions: foldhash::HashMap<String, usize>,
    /// Where each 以下「X」 starts, by X (in the order of the text).
    after_ika: foldhash::HashMap<String, Vec<usize>>,
}

impl Abbreviations {
    fn new(doc: &Document) -> Abbreviations {
        let mut definitions = foldhash::HashMap::default();
        for (i, d) in doc.definitions.iter().enumerate() {
            definitions.entry(name_key(&d.term)).or_insert(i);
        }
        let text = &*doc.source.text;
        let mut after_ika: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
        for (at, open) in text.match_indices("以下「") {
            let from = at + open.len();
            if let Some(close) = text[from..].find('」') {
                after_ika
                    .entry(text[from..from + close].to_string())
                    .or_default()
                    .push(at);
            }
        }
        Abbreviations {
            definitions,
            after_ika,
        }
    }

    /// Where 以下「`name`」 starts in `text`, as `text.match_indices` finds it. A name that
    /// holds 」 or 以下「 itself is looked for in the text (the index splits at the first 」).
    fn after_ika(&self, text: &str, name: &str) -> Vec<usize> {
        if name.contains('」') || name.contains("以下「") {
            return text
                .match_indices(&format!("以下「{name}」"))
                .map(|(at, _)| at)
                .collect();
        }
        self.after_ika.get(name).cloned().unwrap_or_default()
    }
}

/// The caption written right after a citation: （第三者提供の制限）. Remarks in brackets
/// (（第一号に係る部分に限る。）, （以下「法」という。）, a law number) are not captions.
fn caption_after(text: &str, end: usize) -> Option<String> {
    let rest = text.get(end..)?;
    let inner = rest.strip_prefix('（').or_else(|| rest.strip_prefix('('))?;
    let close = inner.find(['）', ')'])?;
    let c = &inner[..close];
    let remark = c.is_empty()
        || c.chars().count() > 30
        || c.contains(['。', '（', '(', '「', '、'])
        || c.starts_with("以下")
        || law_number_range(c).is_some()
        || c.chars()
            .any(|ch| ch.is_ascii_digit() || crate::text::is_full_width_digit(ch))
        || [
            "除く",
            "限る",
            "含む",
            "同じ",
            "いう",
            "準用",
            "係る",
            "とする",
            "ます",
        ]
        .iter()
        .any(|w| c.ends_with(w))
        || c.chars().count() < 2;
    (!remark).then(|| c.to_string())
}

/// Words before a name that make it the statute as it was (or as it will be): 改正前の
/// 個人情報の保護に関する法律, 旧民法. Such a citation is not checked against today's
/// table.
fn cites_another_revision(before_name: &str, name: &str) -> bool {
    name.starts_with(['旧', '新'])
        || ["改正前", "施行前", "廃止前", "旧"]
            .iter()
            .any(|w| before_name.ends_with(&format!("{w}の")) || before_name.ends_with(w))
        || before_name.contains("改正前の")
}

/// The words ending at `end` that are a close match to the statute's title, when the
/// title itself is not written there: (as written, decoded range, the title).
fn title_before(text: &str, end: usize, s: &Statute) -> Option<(String, Range<usize>, String)> {
    let title = s.short_title();
    let n = title.chars().count();
    let starts: Vec<usize> = text[..end]
        .char_indices()
        .map(|(i, _)| i)
        .rev()
        .take(n + 2)
        .collect();
    if text[..end].ends_with(title) {
        return None;
    }
    starts
        .into_iter()
        .filter(|&st| close(&text[st..end], title))
        .min_by_key(|&st| distance(&text[st..end], title))
        .map(|st| (text[st..end].to_string(), st..end, title.to_string()))
}

/// Is `name` written earlier in the sentence that holds `at`, with no other statute
/// named (by a law number) after it?
fn named_in_sentence(text: &str, at: usize, name: &str) -> bool {
    let start = crate::text::sentence_start(text, at);
    let sentence = &text[start..at];
    let Some(last) = sentence.rfind(name) else {
        return false;
    };
    let after = &sentence[last + name.len()..];
    let after = match law_number_after(sentence, last + name.len()) {
        Some((_, r)) => &sentence[r.end..],
        None => after,
    };
    law_number_range(after).is_none()
}

static LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[、，・\s　]|及び|並びに|又は|若しくは|から|まで|ないし|および|ならびに|または|もしくは|本文|ただし書|前段|後段|各号|柱書|[ァ-ヺ]|（[^（）]*）)*$")
        .expect("list gap regex")
});

/// Does reference `i` continue a list begun by the reference before it (the same
/// statute, only connectors between)?
fn continues_list(doc: &Document, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|j| &doc.references[j]) else {
        return false;
    };
    let r = &doc.references[i];
    prev.document == r.document
        && prev.path == r.path
        && prev.range.end <= r.range.start
        && doc
            .source
            .text
            .get(prev.range.end..r.range.start)
            .is_some_and(|gap| LIST_GAP.is_match(gap))
}

/// The article part of a target: 第46条の3第5項 → 第46条の3.
fn article_of(target: &str) -> Option<&str> {
    let end = target.find('条')? + '条'.len_utf8();
    let rest = &target[end..];
    let branch = rest
        .char_indices()
        .take_while(|&(_, c)| c == 'の' || c.is_ascii_digit())
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8());
    Some(&target[..end + branch])
}

/// Is the document a statute (its law number on top)?
fn is_statute_text(doc: &Document) -> bool {
    doc.law_number.is_some()
}

/// Every statute citation of document `d` that resolves to a statute of the table.
pub fn citations<'t>(corpus: &Corpus, table: &'t Table, d: usize) -> Vec<Citation<'t>> {
    let doc = &corpus.docs[d];
    let text = &*doc.source.text;
    let mut out = Vec::new();
    // The references resolved so far: a list continues only an accepted citation.
    let mut accepted = foldhash::HashSet::default();
    // What a name stands for by this document's own abbreviations, looked up once a name:
    // the lookup reads the whole text.
    let mut own: foldhash::HashMap<&str, Option<&'t Statute>> = Default::default();
    let quoted = std::cell::OnceCell::new();
    for (i, r) in doc.references.iter().enumerate() {
        let Some(name) = r.document.as_deref() else {
            continue;
        };
        // Documents of the corpus are checked by the Y30x rules.
        if !matches!(
            corpus.ref_targets.get(d).and_then(|t| t.get(i)),
            Some(RefTarget::External | RefTarget::Unknown)
        ) {
            continue;
        }
        // A statute's 附則 (of the original act or of amending acts) cites statutes as
        // they were then; the tables hold main provisions only.
        if is_statute_text(doc) && r.path.starts_with("附則") {
            continue;
        }
        let Some(t) = TARGET.captures(&r.target) else {
            continue;
        };
        let same = r.text.starts_with("同法");
        // 同法 carries a statute forward within its sentence only, and only when no other
        // statute is named between (…法律（昭和二十二年法律第五十四号）の適用については、
        // 同法第二十二条).
        if same && !named_in_sentence(text, r.range.start, name) {
            continue;
        }
        // A reference that continues a list (著作権法第２７条及び第２８条) belongs to the
        // statute only when nothing but connectors stands between it and the one before.
        if r.document_range.is_none()
            && !same
            && !(continues_list(doc, i) && i > 0 && accepted.contains(&(i - 1)))
        {
            continue;
        }
        let name_range = r.document_range.clone().filter(|_| !same);
        let before_name = crate::text::window_before(
            text,
            name_range.as_ref().map_or(r.range.start, |n| n.start),
            30,
        );
        if cites_another_revision(before_name, name) {
            continue;
        }
        let written_number = name_range
            .as_ref()
            .and_then(|n| law_number_after(text, n.end));
        let by_number = written_number
            .as_ref()
            .and_then(|(n, _)| table.by_law_number(n));
        let mut by = if same {
            ResolvedBy::Same
        } else {
            ResolvedBy::Name
        };
        let mut misspelling = None;
        let named = table.by_name(name).or_else(|| {
            let found = *own.entry(name).or_insert_with(|| {
                own_abbreviation(
                    doc,
                    quoted.get_or_init(|| Abbreviations::new(doc)),
                    table,
                    name,
                )
            });
            found.inspect(|_| by = ResolvedBy::OwnAbbreviation)
        });
        let statute = match (named, by_number, &written_number) {
            (Some(s), Some(n), _) if std::ptr::eq(s, n) => s,
            // Name and number name two statutes: which one is meant cannot be told.
            (Some(_), Some(_), _) => continue,
            (Some(s), None, Some((written, range))) => {
                let key = law_number_key(written).unwrap_or_default();
                let right = law_number_key(&s.law_num).unwrap_or_default();
                if distance(&key, &right) <= 2 {
                    misspelling = Some(Misspelling::LawNumber {
                        written: written.clone(),
                        range: range.clone(),
                        correct: write_law_number(&s.law_num, DigitStyle::of(written)),
                    });
                } else {
                    // Not a slip of the pen: a law number of another statute, or an older
                    // one; leave it.
                    continue;
                }
                s
            }
            (Some(s), None, None) => s,
            (None, Some(n), _) => {
                if ["法", "法律", "同法"].contains(&name) {
                    by = ResolvedBy::LawNumber;
                    // 個人情報の保護に関する法（…）: a title cut short, read back from its end.
                    if let Some((written, range, correct)) = name_range
                        .as_ref()
                        .and_then(|nr| title_before(text, nr.end, n))
                    {
                        misspelling = Some(Misspelling::Title {
                            written,
                            range,
                            correct,
                        });
                        by = ResolvedBy::CloseMatch;
                    }
                } else if names_of(n).any(|t| close(name, t)) {
                    let key = name_key(name);
                    let correct = names_of(n)
                        .min_by_key(|t| distance(&key, &name_key(t)))
                        .unwrap_or(n.short_title());
                    misspelling = name_range.clone().map(|range| Misspelling::Title {
                        written: name.to_string(),
                        range,
                        correct: correct.to_string(),
                    });
                    by = ResolvedBy::CloseMatch;
                } else {
                    // An earlier title, or another way of naming it: as numbered then.
                    continue;
                }
                n
            }
            (None, None, _) => {
                if !r.is_statute {
                    continue;
                }
                let Some((s, correct)) = close_name(table, name) else {
                    continue;
                };
                let Some(range) = name_range.clone() else {
                    continue;
                };
                misspelling = Some(Misspelling::Title {
                    written: name.to_string(),
                    range,
                    correct: correct.to_string(),
                });
                by = ResolvedBy::CloseMatch;
                s
            }
        };
        let style = DigitStyle::of(&r.text[article_start(&r.text)..]);
        let caption = if is_statute_text(doc) {
            // A statute's brackets after a citation are qualifiers (第八百四十六条（合併無効
            // の訴え）の規定を準用する: the part on that action), not captions.
            None
        } else {
            r.caption
                .as_deref()
                .map(str::to_string)
                .or_else(|| caption_after(text, r.range.end))
        };
        let problem = check(statute, &t, caption.as_deref());
        // 同法第三百八十一条第三項又は第四十六条の三第五項において: a list that the text
        // alone cannot tell from one naming the document's own article. When the statute
        // lacks it and the document has it, it is the document's own.
        if problem.is_some() && r.document_range.is_none() && !same {
            let own = article_of(&r.target);
            if doc
                .all_provisions()
                .any(|p| p.path == r.target || Some(p.path.as_str()) == own)
            {
                continue;
            }
        }
        accepted.insert(i);
        let corrected = corrected(r, &misspelling, &problem, style);
        out.push(Citation {
            reference: i,
            statute,
            by,
            misspelling,
            problem,
            corrected,
        });
    }
    out
}

/// Where the article part of a citation as written starts (after the name and a law
/// number in brackets): 電気通信事業法（昭和５９年法律第８６号）|第４条.
fn article_start(written: &str) -> usize {
    let from = written.rfind(['）', ')']).map_or(0, |i| i + 1);
    let from = (from..=written.len())
        .find(|&i| written.is_char_boundary(i))
        .unwrap_or(written.len());
    written[from..]
        .find('第')
        .map_or(written.len(), |i| from + i)
}

/// A law number (平成十五年法律第五十七号) in a digit style.
fn write_law_number(law_num: &str, style: DigitStyle) -> String {
    if style == DigitStyle::Kanji {
        return law_num.to_string();
    }
    let Some(key) = law_number_key(law_num) else {
        return law_num.to_string();
    };
    // The key has ASCII digits: rewrite each run.
    let mut out = String::new();
    let mut run = String::new();
    for c in key.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            out.push_str(&style.write(run.parse().unwrap_or(0)));
            run.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

fn check(s: &Statute, t: &regex::Captures<'_>, caption: Option<&str>) -> Option<Problem> {
    let mut num: Vec<u32> = vec![t[1].parse().ok()?];
    if let Some(b) = t.get(2).filter(|b| !b.as_str().is_empty()) {
        num.extend(num_parts(b.as_str().trim_start_matches('の'))?);
    }
    let Some(article) = s.article(&num) else {
        return Some(Problem::NoArticle {
            last: s
                .articles()
                .iter()
                .rev()
                .find(|a| !a.num.contains(':'))
                .map_or(String::new(), |a| a.num.clone()),
        });
    };
    if article.is_deleted() {
        return Some(Problem::Deleted {
            num: article.num.clone(),
        });
    }
    let paragraph = t.get(3).and_then(|p| p.as_str().parse::<u32>().ok());
    if let Some(p) = paragraph {
        if p == 0 || p as usize > article.paragraphs.len() {
            return Some(Problem::NoParagraph {
                paragraph: p,
                count: article.paragraphs.len(),
            });
        }
    }
    if let Some(k) = t.get(4).and_then(|k| k.as_str().parse::<u32>().ok()) {
        let count = article.paragraphs[paragraph.unwrap_or(1) as usize - 1];
        // Items with branch numbers (第二号の二) count too, so a main number up to the
        // count always exists.
        if k == 0 || k > count {
            return Some(Problem::NoItem { item: k, count });
        }
    }
    let written = caption?;
    let key = caption_key(written);
    let actual = s.effective_caption(article);
    if let Some(a) = actual {
        let a = caption_key(a);
        // 第三者提供の制限 / 第三者提供の制限等: one written shorter is the same caption.
        if a.contains(&key) || key.contains(&a) {
            return None;
        }
        // 条項の無効 for 条項等の無効: a caption written with a slip is still this
        // article's, not a sign of renumbering.
        let d = distance(&a, &key);
        if d <= 2 && d * 5 <= a.chars().count() {
            return None;
        }
    }
    let elsewhere: Vec<String> = s
        .articles_captioned(written)
        .into_iter()
        .map(|a| a.num.clone())
        .collect();
    // An article without a caption of its own: a remark in brackets is not wrong unless
    // the caption is another article's.
    if actual.is_none() && elsewhere.is_empty() {
        return None;
    }
    Some(Problem::Caption {
        written: written.to_string(),
        actual: actual.map(str::to_string),
        elsewhere,
    })
}

/// The citation as it should read: the right article for a caption that moved, the right
/// title or law number, in the document's own digit style.
fn corrected(
    r: &Reference,
    misspelling: &Option<Misspelling>,
    problem: &Option<Problem>,
    style: DigitStyle,
) -> Option<String> {
    let start = article_start(&r.text);
    let mut head = r.text[..start].to_string();
    let mut tail = r.text[start..].to_string();
    match misspelling {
        Some(Misspelling::Title {
            written, correct, ..
        }) => {
            head = match r.document.as_deref().and_then(|n| head.strip_prefix(n)) {
                // The title was read back before the name the reference starts with.
                Some(rest) if !head.contains(written.as_str()) => format!("{correct}{rest}"),
                _ => head.replacen(written.as_str(), correct, 1),
            }
        }
        Some(Misspelling::LawNumber {
            written, correct, ..
        }) => head = head.replacen(written.as_str(), correct, 1),
        None => {}
    }
    match problem {
        Some(Problem::Caption {
            written, elsewhere, ..
        }) if elsewhere.len() == 1 => {
            tail = format!("{}（{written}）", style.article(&elsewhere[0]));
        }
        Some(_) => return None,
        None if misspelling.is_none() => return None,
        None => {}
    }
    Some(format!("{head}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_styles() {
        assert_eq!(DigitStyle::of("第２３条"), DigitStyle::FullWidth);
        assert_eq!(DigitStyle::of("第23条"), DigitStyle::Ascii);
        assert_eq!(DigitStyle::of("第二十三条"), DigitStyle::Kanji);
        assert_eq!(DigitStyle::FullWidth.article("27"), "第２７条");
        assert_eq!(DigitStyle::Kanji.article("3の2"), "第三条の二");
        assert_eq!(DigitStyle::Ascii.article("548の4"), "第548条の4");
        assert_eq!(
            write_law_number("平成十五年法律第五十七号", DigitStyle::FullWidth),
            "平成１５年法律第５７号"
        );
    }

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "民法"), 2);
        assert_eq!(distance("民法", ""), 2);
        assert_eq!(distance("保険業法", "保険法"), 1);
        assert_eq!(distance("電子消費者契約法", "電子消費者契約法律"), 1);
        assert_eq!(distance("消費者基本法", "消費者契約法"), 2);
        assert_eq!(
            close_keys("個人情報の保護に関する法", "個人情報の保護に関する法律"),
            Some(1)
        );
        // Three characters apart in length: never close, whatever the names.
        assert_eq!(
            close_keys("電子消費者契約法", "電子消費者契約法施行令"),
            None
        );
    }

    #[test]
    fn close_names() {
        assert!(close(
            "個人情報の保護に関する法",
            "個人情報の保護に関する法律"
        ));
        assert!(close("電子消費者契約法律", "電子消費者契約法"));
        assert!(!close("民法", "商法"));
        assert!(!close("消費者基本法", "消費者契約法"));
        assert!(!close("保険業法", "保険法"));
        assert!(!close("民法", "民法"));
    }

    #[test]
    fn article_part() {
        let w = "電気通信事業法（昭和５９年法律第８６号）第４条";
        assert_eq!(&w[article_start(w)..], "第４条");
        let w = "個人情報保護法第２３条";
        assert_eq!(&w[article_start(w)..], "第２３条");
    }
}
