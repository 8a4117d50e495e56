//! Stale references: a reference in NEW still written as it was in OLD while the
//! provision it pointed at has another number now (or is gone), and what to write instead.

use super::paths::{named, place, short, Mapped, PathMap, ARTICLE_PREFIX};
use super::*;
use crate::corpus::{Corpus, RefTarget};
use crate::model::{Document, Provision, Reference};
use crate::text::name_key;
use foldhash::{HashMap, HashMapExt};
use regex::Regex;
use std::sync::LazyLock;

pub(super) fn paths_of(doc: &Document) -> HashMap<&str, &Provision> {
    doc.all_provisions().map(|p| (p.path.as_str(), p)).collect()
}

/// A path as the document holds it (第8条第2号 → 第8条第1項第2号 when that exists).
fn lookup<'a>(paths: &HashMap<&str, &'a Provision>, path: &str) -> Option<&'a Provision> {
    if let Some(p) = paths.get(path) {
        return Some(p);
    }
    let a = ARTICLE_PREFIX.find(path)?;
    let rest = &path[a.end()..];
    if rest.contains('号') && !rest.contains('項') {
        return paths
            .get(format!("{}第1項{rest}", a.as_str()).as_str())
            .copied();
    }
    None
}

/// The key of a reference for pairing it with its old self: the text and document name.
fn ref_key(r: &Reference) -> (String, String, String) {
    (
        r.path.to_string(),
        name_key(&r.text),
        r.document.as_deref().map(name_key).unwrap_or_default(),
    )
}

/// Both corpora with their provisions by path, and the matching of every document pair.
pub(super) struct Revisions<'a> {
    pub(super) old: &'a Corpus,
    pub(super) new: &'a Corpus,
    pub(super) old_paths: Vec<HashMap<&'a str, &'a Provision>>,
    pub(super) new_paths: Vec<HashMap<&'a str, &'a Provision>>,
    pub(super) maps: HashMap<(usize, usize), PathMap>,
    /// For every old document, its new revision.
    pub(super) new_of_old: Vec<Option<usize>>,
}

/// Stale references in new document `n` (whose old revision is `o`).
pub(super) fn stale_references(rv: &Revisions, o: usize, n: usize) -> Vec<Entry> {
    let (od, nd) = (&rv.old.docs[o], &rv.new.docs[n]);
    let Some(own_map) = rv.maps.get(&(o, n)) else {
        return Vec::new();
    };
    // Old references by (path, text, document), in order.
    let mut old_refs: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
    for (k, r) in od.references.iter().enumerate() {
        old_refs.entry(ref_key(r)).or_default().push(k);
    }
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    let mut stale_in: Option<String> = None;
    let mut out = Vec::new();
    for (k, r) in nd.references.iter().enumerate() {
        let key = ref_key(r);
        let nth = {
            let c = seen.entry(key.clone()).or_default();
            *c += 1;
            *c - 1
        };
        // The provision it stands in, in OLD, and the same reference written there.
        let Some(old_path) = own_map.new_to_old.get(r.path.as_str()) else {
            continue;
        };
        let old_key = (old_path.clone(), key.1, key.2);
        let Some(&ko) = old_refs.get(&old_key).and_then(|v| v.get(nth)) else {
            continue;
        };
        let r_old = &od.references[ko];
        // The document its target lived in (OLD), and that document in NEW.
        let xo = match rv.old.ref_targets.get(o).and_then(|t| t.get(ko)) {
            Some(RefTarget::Own) => o,
            Some(RefTarget::Documents(ds)) => {
                let Some(&x) = ds
                    .iter()
                    .find(|&&d| lookup(&rv.old_paths[d], &r_old.target).is_some())
                else {
                    continue;
                };
                x
            }
            _ => continue,
        };
        let Some(xn) = rv.new_of_old.get(xo).copied().flatten() else {
            continue;
        };
        let points_there = match rv.new.ref_targets.get(n).and_then(|t| t.get(k)) {
            Some(RefTarget::Own) => xn == n,
            Some(RefTarget::Documents(ds)) => ds.contains(&xn),
            _ => false,
        };
        if !points_there {
            continue;
        }
        let Some(map) = rv.maps.get(&(xo, xn)) else {
            continue;
        };
        let (old_paths, new_paths) = (&rv.old_paths[xo], &rv.new_paths[xn]);
        let Some(was) = lookup(old_paths, &r_old.target) else {
            continue;
        };
        let now = lookup(new_paths, &r.target);
        let was_now = match map.map_old(old_paths, &was.path) {
            Mapped::To(p) => Some(lookup(new_paths, &p).map_or(p, |q| q.path.to_string())),
            Mapped::Removed => None,
            Mapped::Unknown => continue,
        };
        let now_path = now.map_or(r.target.clone(), |p| p.path.clone());
        if was_now.as_deref() == Some(now_path.as_str()) {
            continue;
        }
        // 同条 / 同項 follow the reference before them: when that one is already reported
        // in this provision, correcting it corrects them.
        if r.text.starts_with('同') && stale_in.as_deref() == Some(r.path.as_str()) {
            continue;
        }
        stale_in = Some(r.path.to_string());
        let was_now_p = was_now.as_deref().and_then(|p| lookup(new_paths, p));
        let suggestion = was_now.as_deref().map(|p| {
            let style = ARTICLE_PREFIX
                .find(p)
                .and_then(|a| new_paths.get(a.as_str()))
                .map_or(r.text.as_str(), |a| a.label.as_str());
            suggest(r, p, style)
        });
        let (line, column) = crate::report::line_col(&nd.source, r.range.start);
        let holder = rv.new_paths[n].get(r.path.as_str()).map(|p| place(p));
        let of_doc = if xn == n {
            String::new()
        } else {
            format!(" of {}", rv.new.docs[xn].title)
        };
        let mut message = format!(
            "「{}」 in {} pointed at {}{of_doc} in the old revision",
            r.text,
            r.path,
            named(was)
        );
        match (&was_now_p, &was_now) {
            (Some(p), _) => message.push_str(&format!(", which is now {}", short(p))),
            (None, Some(p)) => message.push_str(&format!(", which is now {p}")),
            (None, None) => message.push_str(", which was removed"),
        }
        match now {
            Some(p) => message.push_str(&format!("; it now points at {}", named(p))),
            None => message.push_str(&format!("; {} no longer exists", r.target)),
        }
        if let Some(s) = &suggestion {
            message.push_str(&format!(": should probably say 「{s}」"));
        }
        out.push(Entry {
            kind: EntryKind::StaleReference,
            document: nd.id.clone(),
            level: "reference".into(),
            old: None,
            new: holder,
            renumbered: false,
            moved: false,
            message,
            parts: Vec::new(),
            lines: Vec::new(),
            reference: Some(StaleReference {
                file: nd.path.clone(),
                line,
                column,
                path: r.path.to_string(),
                text: r.text.to_string(),
                target: r.target.to_string(),
                target_document: rv.new.docs[xn].id.clone(),
                now: now.map(place),
                was: place(was),
                was_now: was_now_p.map(place).or_else(|| {
                    was_now.map(|p| Place {
                        path: p,
                        label: String::new(),
                        caption: None,
                        line: 0,
                    })
                }),
                suggestion,
            }),
        });
    }
    out
}

static PATH_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>附則[0-9]*)?第(?P<a>[0-9]+)条(?P<br>(?:の[0-9]+)*)(?:第(?P<p>[0-9]+)項)?(?:第(?P<i>[0-9]+)号)?(?P<rest>.*)$")
        .expect("path regex")
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum Digits {
    Ascii,
    Full,
    Kanji,
}

fn digits_of(label: &str) -> Digits {
    if label.chars().any(|c| ('０'..='９').contains(&c)) {
        Digits::Full
    } else if label.chars().any(|c| c.is_ascii_digit()) {
        Digits::Ascii
    } else if label
        .chars()
        .any(|c| "〇一二三四五六七八九十百千".contains(c))
    {
        Digits::Kanji
    } else {
        Digits::Full
    }
}

fn write_number(n: &str, d: Digits) -> String {
    match d {
        Digits::Ascii => n.to_string(),
        Digits::Full => n
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(v) => char::from_u32('０' as u32 + v).unwrap_or(c),
                None => c,
            })
            .collect(),
        Digits::Kanji => n.parse::<u32>().map_or(n.to_string(), kanji),
    }
}

/// 19 → 十九, 110 → 百十, 2024 → 二千二十四 (up to 9999; larger numbers as digits).
fn kanji(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return D[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let mut s = String::new();
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十")] {
        let q = (n / unit) % 10;
        if q > 0 {
            if q > 1 {
                s.push_str(D[q as usize]);
            }
            s.push_str(name);
        }
    }
    let r = n % 10;
    if r > 0 {
        s.push_str(D[r as usize]);
    }
    s
}

/// The reference written for the new numbering, in the style of the document.
fn suggest(r: &Reference, new_path: &str, style_label: &str) -> String {
    let prefix = r
        .document
        .as_deref()
        .and_then(|d| r.text.find(d).map(|i| &r.text[..i + d.len()]))
        .unwrap_or("");
    let written = &r.text[prefix.len()..];
    let d = digits_of(style_label);
    let Some(c) = PATH_PARTS.captures(new_path) else {
        return format!("{prefix}{new_path}");
    };
    let g = |n: &str| c.name(n).map_or("", |m| m.as_str());
    let bare = written.starts_with('第') && !written.contains('条');
    let own_article = ARTICLE_PREFIX
        .find(&r.path)
        .map(|m| m.as_str())
        .unwrap_or("");
    let target_article = ARTICLE_PREFIX
        .find(new_path)
        .map(|m| m.as_str())
        .unwrap_or("");
    let with_article = !bare || own_article != target_article || r.document.is_some();
    let mut s = String::from(prefix);
    if with_article {
        s.push_str(g("pre"));
        s.push('第');
        s.push_str(&write_number(g("a"), d));
        s.push('条');
        for b in g("br").split('の').filter(|b| !b.is_empty()) {
            s.push('の');
            s.push_str(&write_number(b, d));
        }
    }
    let (para, item) = (g("p"), g("i"));
    let relative_ref = !written.starts_with('第');
    if !para.is_empty()
        && (written.contains('項') || relative_ref || para != "1" || item.is_empty())
    {
        s.push('第');
        s.push_str(&write_number(para, d));
        s.push('項');
    }
    if !item.is_empty() {
        s.push('第');
        s.push_str(&write_number(item, d));
        s.push('号');
    }
    s.push_str(g("rest"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_numerals() {
        assert_eq!(kanji(9), "九");
        assert_eq!(kanji(19), "十九");
        assert_eq!(kanji(110), "百十");
        assert_eq!(kanji(2024), "二千二十四");
        assert_eq!(write_number("10", Digits::Full), "１０");
    }
}
