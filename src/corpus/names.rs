//! Name resolution: a document is known by its title, by 本約款 / 本規約 / 本仕様書 inside
//! itself, and by every abbreviation a document defines for it (「…約款（以下「基本約款」）」);
//! an abbreviation may name a group (「A仕様書、B仕様書及び個別条件書（以下「仕様書」）」).

use super::{Manifest, PrecedenceEdge, RefTarget};
use crate::extract::references::is_self_name;
use crate::model::{DefinitionKind, Document};
use crate::text::name_key;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;

/// What a name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameTarget {
    /// The document the name is written in.
    SelfDoc,
    Docs(Vec<usize>),
}

/// The names of the corpus documents.
pub struct Names {
    /// Title key → document.
    titles: HashMap<String, usize>,
    /// The longest title key, in bytes.
    longest_title: usize,
    /// The titles of terms documents (no law number) as written → the first document of
    /// each, for [`Names::completed_title`].
    terms_titles: HashMap<String, usize>,
    /// The longest of those titles, in bytes.
    longest_terms_title: usize,
    /// Per document: abbreviation key → the documents it names.
    abbreviations: Vec<HashMap<String, Vec<usize>>>,
    /// Abbreviations of all documents (the first document to define one wins).
    global: HashMap<String, Vec<usize>>,
    /// Per document: abbreviations of a statute cited with a law number that no corpus
    /// document of that title has (道路整備特別措置法（昭和二十七年法律第百六十九号。以下
    /// 「旧法」という。） in the 道路整備特別措置法 of 昭和三十一年): another law.
    other_laws: Vec<HashSet<String>>,
    /// Per document: abbreviations of a statute cited with its law number (個人情報の保護に
    /// 関する法律（平成１５年法律第５７号。以下「個人情報保護法」という。）): external.
    cited_laws: Vec<HashSet<String>>,
}

const CONJUNCTIONS: [&str; 6] = ["並びに", "若しくは", "及び", "又は", "および", "または"];

impl Names {
    pub fn build(docs: &[Document]) -> Names {
        let (mut titles, mut terms_titles) = (HashMap::new(), HashMap::new());
        for (i, d) in docs.iter().enumerate() {
            if !d.title.is_empty() {
                titles.entry(name_key(&d.title)).or_insert(i);
            }
            if d.law_number.is_none() {
                terms_titles.entry(d.title.clone()).or_insert(i);
            }
        }
        let longest = |m: &HashMap<String, usize>| m.keys().map(String::len).max().unwrap_or(0);
        let mut names = Names {
            longest_title: longest(&titles),
            longest_terms_title: longest(&terms_titles),
            titles,
            terms_titles,
            abbreviations: Vec::new(),
            global: HashMap::new(),
            other_laws: Vec::new(),
            cited_laws: Vec::new(),
        };
        for d in docs {
            let mut map = HashMap::new();
            let mut other = HashSet::new();
            let mut cited_laws = HashSet::new();
            for def in &d.definitions {
                if def.kind != DefinitionKind::Abbreviation {
                    continue;
                }
                let mut members = names.members_of(&def.meaning);
                if let Some(cited) = cited_law_number(d, def) {
                    cited_laws.insert(name_key(&def.term));
                    let before = members.len();
                    members.retain(|&m| {
                        docs[m]
                            .law_number
                            .as_deref()
                            .is_none_or(|n| name_key(n) == name_key(cited))
                    });
                    if before > 0 && members.is_empty() {
                        other.insert(name_key(&def.term));
                    }
                }
                if !members.is_empty() {
                    map.insert(name_key(&def.term), members);
                }
            }
            names.other_laws.push(other);
            names.cited_laws.push(cited_laws);
            for (k, v) in &map {
                names.global.entry(k.clone()).or_insert_with(|| v.clone());
            }
            names.abbreviations.push(map);
        }
        names
    }

    /// The corpus documents a long form names: each list member matched to the longest
    /// title it ends with (当社の…仕様書 → …仕様書).
    fn members_of(&self, meaning: &str) -> Vec<usize> {
        let mut parts = vec![meaning.to_string()];
        for sep in CONJUNCTIONS.iter().chain(["、", "，"].iter()) {
            parts = parts
                .iter()
                .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
                .collect();
        }
        let mut out = Vec::new();
        for p in parts {
            // 改正前の酒税法, 旧酒税法: the law as it was, not the document of that title.
            if is_other_version(&p) {
                continue;
            }
            let key = name_key(&p);
            // A statute is named by its exact title (旧酒税法 is not 酒税法).
            let found = if is_statute_name(&p) {
                self.titles.get(&key).copied()
            } else {
                self.longest_title_in(&key)
            };
            if let Some(d) = found {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
        }
        out
    }

    /// The documents that the abbreviations defined in document `d` name.
    pub fn named_by(&self, d: usize) -> impl Iterator<Item = usize> + '_ {
        self.abbreviations
            .get(d)
            .into_iter()
            .flat_map(|m| m.values().flatten().copied())
    }

    /// What `name`, written in document `from`, stands for.
    pub fn resolve(&self, from: usize, name: &str, docs: &[Document]) -> Option<NameTarget> {
        let key = name_key(name);
        if let Some(own) = self.abbreviations.get(from).and_then(|m| m.get(&key)) {
            return Some(Self::target(from, own));
        }
        if self.other_laws.get(from).is_some_and(|o| o.contains(&key)) {
            return None;
        }
        if docs.get(from).is_some_and(|d| name_key(&d.title) == key) || is_self_name(name) {
            return Some(NameTarget::SelfDoc);
        }
        if let Some(&d) = self.titles.get(&key) {
            return Some(Self::target(from, &[d]));
        }
        if let Some(g) = self.global.get(&key) {
            return Some(Self::target(from, g));
        }
        // A name with a modifier in front: 当社のログ監視基本仕様書. Not a statute's: 旧商法,
        // 改正後の航空法, 平成十七年度における…に関する法律 are other laws or other versions.
        if is_statute_name(name) || is_other_version(name) {
            return None;
        }
        self.longest_title_in(&key)
            .map(|d| Self::target(from, &[d]))
    }

    /// The document of the longest title key that `key` ends with. A title ends `key` at
    /// one of its char boundaries, and two titles that end it differ in length, so asking
    /// the titles for each end of `key` no longer than the longest title, longest first,
    /// finds it: a handful of lookups, where a walk of the titles is one per document for
    /// every name (quadratic in a corpus whose documents name each other).
    fn longest_title_in(&self, key: &str) -> Option<usize> {
        let start_of_longest = key.len().saturating_sub(self.longest_title);
        (key.char_indices().map(|(i, _)| i))
            .chain([key.len()])
            .skip_while(|&i| i < start_of_longest)
            .find_map(|i| self.titles.get(&key[i..]).copied())
    }

    /// Is `name` an abbreviation document `from` defines for a statute it cites with
    /// its law number?
    fn is_cited_law(&self, from: usize, name: &str) -> bool {
        self.cited_laws
            .get(from)
            .is_some_and(|c| c.contains(&name_key(name)))
    }

    /// さくら写真共有サービス利用規約第１条: the name a reference carries stops at the kana a
    /// title starts with; the text right before it completes a corpus title. Terms
    /// documents only: a statute's title cut at 及び or の (改正前の出入国管理及び難民認定法)
    /// is cited as another version of it, or as numbered then.
    ///
    /// The first such document: a title is the end of `before` (at a char boundary, no
    /// longer than the longest title) followed by `name`, so each of those ends is asked
    /// for, not each document.
    fn completed_title(&self, name: &str, before: &str) -> Option<usize> {
        let room = self.longest_terms_title.checked_sub(name.len())?;
        let mut title = String::with_capacity(self.longest_terms_title);
        let mut first: Option<usize> = None;
        for (i, _) in before.char_indices().rev() {
            if before.len() - i > room {
                break;
            }
            title.clear();
            title.push_str(&before[i..]);
            title.push_str(name);
            if let Some(&d) = self.terms_titles.get(&title) {
                first = Some(first.map_or(d, |f| f.min(d)));
            }
        }
        first
    }

    fn target(from: usize, docs: &[usize]) -> NameTarget {
        if docs == [from] {
            NameTarget::SelfDoc
        } else {
            NameTarget::Docs(docs.to_vec())
        }
    }
}

/// The law number an abbreviation's long form is cited with: 道路整備特別措置法（昭和二十七年
/// 法律第百六十九号。以下「旧法」という。）.
fn cited_law_number<'d>(d: &'d Document, def: &crate::model::Definition) -> Option<&'d str> {
    let text = &d.source.text;
    let after = text.get(def.meaning_range.end..)?;
    let inner = after.strip_prefix(['（', '('])?;
    let number = &inner[..inner.find(['。', '）', ')'])?];
    ["法律第", "政令第", "省令第", "規則第"]
        .iter()
        .any(|k| number.contains(k))
        .then_some(number)
}

/// 改正前の民法, 改正後の航空法: a version of a law other than the text at hand.
fn is_other_version(name: &str) -> bool {
    let name = name.trim();
    ["改正前", "改正後", "廃止前"]
        .iter()
        .any(|w| name.contains(w))
}

/// A statute's name: it ends in 法, 法律, 令, 条例 or 典範.
fn is_statute_name(name: &str) -> bool {
    let name = name.trim();
    ["法", "法律", "令", "条例", "典範"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// Does `name` appear in the manifest's `external:` list (or start with one of them)?
pub fn is_external(name: &str, manifest: &Manifest) -> bool {
    let key = name_key(name);
    manifest.external.iter().any(|e| {
        let e = name_key(e);
        !e.is_empty() && (key == e || key.starts_with(&e) || key.ends_with(&e))
    })
}

/// What checking a reference's target found: its index in the document's references,
/// whether the target exists (`None`: not checked), and the path found for it.
type Checked = (usize, Option<bool>, Option<String>);

/// Resolve every reference that names a document; set `resolved` accordingly.
pub fn resolve_references(
    docs: &mut [Document],
    names: &Names,
    manifest: &Manifest,
) -> Vec<Vec<RefTarget>> {
    // The paths of a document, gathered the first time a reference checks a target in
    // it (most references name no document: their documents' paths are never needed).
    // The decisions are made on a shared `docs` and applied afterwards, so the sets can
    // borrow the paths instead of copying them.
    let paths: Vec<std::sync::OnceLock<HashSet<&str>>> =
        docs.iter().map(|_| std::sync::OnceLock::new()).collect();
    let docs_ref: &[Document] = docs;
    let paths_of = |d: usize| {
        paths[d].get_or_init(|| {
            docs_ref[d]
                .all_provisions()
                .map(|p| p.path.as_str())
                .collect()
        })
    };
    let exists = |d: usize, target: &str| -> Option<String> {
        let paths = paths_of(d);
        if paths.contains(target) {
            return Some(target.to_string());
        }
        let a = crate::extract::definitions::article_path(target)?;
        if target.contains('号') && !target.contains('項') {
            let with = format!("{a}第1項{}", &target[a.len()..]);
            if paths.contains(with.as_str()) {
                return Some(with);
            }
        }
        None
    };
    // Per document, in parallel (each reads the shared names and paths only): its
    // references' targets, and what to write back into its references.
    let decided: Vec<(Vec<RefTarget>, Vec<Checked>)> = docs_ref
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let mut targets = Vec::with_capacity(doc.references.len());
            let mut doc_updates = Vec::new();
            for (r, reference) in doc.references.iter().enumerate() {
                let Some(name) = reference.document.as_deref() else {
                    targets.push(RefTarget::Own);
                    continue;
                };
                let resolved = names.resolve(i, name, docs_ref).or_else(|| {
                    doc.law_number.is_none().then_some(())?;
                    let start = reference.document_range.as_ref()?.start;
                    let before = doc.source.text.get(..start)?;
                    names
                        .completed_title(name, before)
                        .map(|d| Names::target(i, &[d]))
                });
                // 別表 (appended tables) are not in the structure: such a target is not checked.
                let unchecked = reference.target.starts_with("別表");
                let (target, resolved_flag, found) = match resolved {
                    Some(NameTarget::SelfDoc) if unchecked => (RefTarget::Own, None, None),
                    Some(NameTarget::Docs(ds)) if unchecked => {
                        (RefTarget::Documents(ds), None, None)
                    }
                    Some(NameTarget::SelfDoc) => {
                        let f = exists(i, &reference.target);
                        (RefTarget::Own, Some(f.is_some()), f)
                    }
                    Some(NameTarget::Docs(ds)) => {
                        let f = ds.iter().find_map(|&d| exists(d, &reference.target));
                        (RefTarget::Documents(ds), Some(f.is_some()), f)
                    }
                    None if reference.with_law_number
                        || names.is_cited_law(i, name)
                        || is_external(name, manifest) =>
                    {
                        (RefTarget::External, None, None)
                    }
                    None => (RefTarget::Unknown, None, None),
                };
                doc_updates.push((r, resolved_flag, found));
                targets.push(target);
            }
            (targets, doc_updates)
        })
        .collect();
    drop(paths);
    let (all, updates): (Vec<Vec<RefTarget>>, Vec<Vec<Checked>>) = decided.into_iter().unzip();
    for (doc, doc_updates) in docs.iter_mut().zip(updates) {
        for (r, resolved_flag, found) in doc_updates {
            let reference = &mut doc.references[r];
            reference.resolved = resolved_flag;
            if let Some(f) = found {
                reference.target = f.into();
            }
        }
    }
    all
}

/// The precedence graph from the documents' own statements; a statement about a group
/// applies to each member.
pub fn precedence_edges(docs: &[Document], names: &Names) -> Vec<PrecedenceEdge> {
    let mut edges = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for (s, stmt) in d.precedence.iter().enumerate() {
            let members = |name: &str| -> Vec<usize> {
                match names.resolve(i, name, docs) {
                    Some(NameTarget::SelfDoc) => vec![i],
                    Some(NameTarget::Docs(ds)) => ds,
                    None => vec![],
                }
            };
            for &h in &members(&stmt.higher) {
                for &l in &members(&stmt.lower) {
                    if h != l {
                        edges.push(PrecedenceEdge {
                            higher: h,
                            lower: l,
                            doc: i,
                            statement: s,
                        });
                    }
                }
            }
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// A document of that title, a statute (with a law number) or a terms document.
    fn document(title: &str, statute: bool) -> Document {
        let mut d = crate::parse_text_source(Arc::new(SourceFile::from_text(
            "t.txt",
            "第1条　本文とする。\n",
        )));
        d.title = title.to_string();
        d.law_number = statute.then(|| "平成五年法律第八十八号".to_string());
        d
    }

    /// The walk [`Names::longest_title_in`] replaces: the titles longest first (then in
    /// order), the first that ends `key`.
    fn longest_title_walk(names: &Names, key: &str) -> Option<usize> {
        let mut by_len: Vec<(&String, &usize)> = names.titles.iter().collect();
        by_len.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        (by_len.into_iter())
            .find(|(t, _)| key.ends_with(t.as_str()))
            .map(|(_, &d)| d)
    }

    /// The walk [`Names::completed_title`] replaces: the first terms document whose title
    /// is longer than `name`, ends with it, and begins with the end of `before`.
    fn completed_title_walk(name: &str, before: &str, docs: &[Document]) -> Option<usize> {
        docs.iter().position(|d| {
            d.law_number.is_none()
                && d.title.len() > name.len()
                && d.title.ends_with(name)
                && before.ends_with(&d.title[..d.title.len() - name.len()])
        })
    }

    /// Characters of titles (kana, kanji, full- and half-width letters, both spaces, so
    /// that a key differs from what is written), few enough that titles often end one
    /// another and the text before a name.
    const WORDS: &str = "[サ規Aａ 　]";

    proptest! {
        /// The lookups find what the walks over every title found. Half the titles are
        /// some of the words before the name and the name (so that several complete it),
        /// the rest are drawn from the same characters.
        #[test]
        fn title_lookups_find_what_the_walks_found(
            titles in proptest::collection::vec(
                (
                    proptest::option::of(0..9usize),
                    proptest::string::string_regex(&format!("{WORDS}{{0,4}}")).unwrap(),
                    any::<bool>(),
                ),
                0..10,
            ),
            name in proptest::string::string_regex(&format!("{WORDS}{{0,2}}")).unwrap(),
            before in proptest::string::string_regex(&format!("(?:{WORDS}|の){{0,8}}")).unwrap(),
        ) {
            let chars: Vec<char> = before.chars().collect();
            let docs: Vec<Document> = (titles.iter())
                .map(|(cut, words, statute)| {
                    let title = match cut {
                        Some(k) => {
                            let k = (*k).min(chars.len());
                            chars[chars.len() - k..].iter().collect::<String>() + &name
                        }
                        None => words.clone(),
                    };
                    document(&title, *statute)
                })
                .collect();
            let names = Names::build(&docs);
            prop_assert_eq!(
                names.completed_title(&name, &before),
                completed_title_walk(&name, &before, &docs)
            );
            for key in [name_key(&name), name_key(&format!("{before}{name}"))] {
                prop_assert_eq!(names.longest_title_in(&key), longest_title_walk(&names, &key));
            }
        }
    }

    /// A title is completed from the words before the name (the first document of it),
    /// never from a statute's title, and never with nothing before the name.
    #[test]
    fn a_title_is_completed_from_the_text_before_the_name() {
        let docs = [
            document("写真共有サービス利用規約", true),
            document("写真共有サービス利用規約", false),
            document("サービス利用規約", false),
        ];
        let names = Names::build(&docs);
        assert_eq!(
            names.completed_title("サービス利用規約", "当社の写真共有"),
            Some(1)
        );
        assert_eq!(names.completed_title("利用規約", "当社の"), None);
        assert_eq!(names.completed_title("利用規約", "このサービス"), Some(2));
        assert_eq!(names.completed_title("サービス利用規約", ""), None);
        // Two titles completed from the same words: the first document's.
        let docs = [
            document("共有サービス", false),
            document("写真共有サービス", false),
        ];
        let names = Names::build(&docs);
        assert_eq!(names.completed_title("サービス", "当社の写真共有"), Some(0));
    }
}
