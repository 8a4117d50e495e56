//! Y706 missing-expected-clause: the clauses a 約款 or a 仕様書 is expected to hold, found
//! by caption and by content, in the document or in the documents it applies.

use super::{doc_class, Clause, DocClass};
use crate::corpus::manifest::{ChecklistChange, ChecklistKind};
use crate::corpus::{Corpus, RefTarget};
use crate::lint::facts::Facts;
use crate::lint::{Finding, Findings};
use crate::model::{Document, Provision, ProvisionKind};
use crate::text::{name_key, nfkc, Words};
use rayon::prelude::*;
use regex::Regex;
use serde::Serialize;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::{LazyLock, OnceLock};

declare_rule! {
    /// ## What it does
    /// Checks every 約款 or 規約 for the clauses terms are expected to hold — 適用範囲, 定義, 変更, 禁止事項, 免責, 損害賠償, 解除, 反社会的勢力の排除, 準拠法, 合意管轄 — and every 仕様書 for 位置付け, 内容 and 提供時間. A clause is found by its caption (第３条（適用範囲）) or by its content (「本規約は、…に適用されます」, 「…を専属的合意管轄裁判所とします」), in the document itself or in a corpus document it applies (the base terms it names or cites, or that it prevails over). The manifest extends or shortens the list, for the corpus (`checklist: {terms: {add: [個人情報], remove: [合意管轄]}}`) or for one document (`checklist:` in its `documents:` entry); an added clause is found by a caption or a sentence that contains its name. `yakkan index` shows the checklist of every document. 契約書, 就業規則, 定款 and statutes have no built-in checklist.
    ///
    /// ## Why is this bad?
    /// A 定型約款 binds the customer only through its text (民法第５４８条の２): what it does not say falls back to the 民法 and 商法 defaults — no 準拠法 or 管轄 agreed (民事訴訟法第１１条 needs a written agreement on jurisdiction), no ground to cancel for the customer's breach beyond 民法第５４１条, no change without consent unless the terms provide for it (民法第５４８条の４第１項). Banks, exchanges and public bodies require a clause excluding 反社会的勢力 (the 暴力団排除条例 of every prefecture ask for one), and a court reads an exemption or a cap only where one is written. A missing clause is a question to the drafter, so this is information, not a warning.
    ///
    /// ## Example
    ///     サービス利用規約
    ///     第１条（適用）…
    ///     第２条（禁止事項）…
    ///     (no 準拠法, no 合意管轄)
    ///
    /// ## Use instead
    ///     第１５条（準拠法及び合意管轄）
    ///     本規約は日本法に準拠し、本規約に関する紛争は東京地方裁判所を第一審の専属的合意管轄裁判所とします。
    pub struct ExpectedClauses;
    static META = ("Y706", "missing-expected-clause", Info, "a clause that a document of its kind is expected to hold is missing (terms: 適用範囲, 定義, 変更, 禁止事項, 免責, 損害賠償, 解除, 反社会的勢力の排除, 準拠法, 合意管轄; specs: 位置付け, 内容, 提供時間)");
    reads = [Clauses];
}

/// One expected clause: its name and the words of its caption and of its content.
struct Expected {
    name: &'static str,
    caption: &'static str,
    content: &'static str,
    /// Words every match of `content` holds one of: a text without one is not searched.
    said: &'static [&'static str],
}

const TERMS: &[Expected] = &[
    Expected {
        name: "適用範囲",
        caption: r"適用|目的|総則",
        content: r"(?:本|この)(?:利用)?(?:約款|規約|条件|契約)[^。]{0,40}?(?:は|を)、?[^。]{0,80}?(?:適用|を対象と)",
        said: &["適用", "を対象と"],
    },
    Expected {
        name: "定義",
        caption: r"定義|用語",
        content: r"」とは、|とは、[^。]{0,80}?(?:をいう|を指す|をいいます|を指します|を意味)",
        said: &["とは、"],
    },
    Expected {
        name: "変更",
        caption: r"(?:約款|規約|条件|契約|本規約|本約款)の(?:変更|改定|改訂)|^(?:変更|改定|改訂)$",
        content: r"(?:約款|規約|利用条件)[^。]{0,20}?(?:を|は)、?[^。]{0,30}?(?:変更|改定|改訂)",
        said: &["変更", "改定", "改訂"],
    },
    Expected {
        name: "禁止事項",
        caption: r"禁止",
        content: r"(?:してはならない|してはなりません|行ってはならない|行ってはなりません|禁止します|禁止する|禁じ)",
        said: &["してはな", "行ってはな", "禁止", "禁じ"],
    },
    Expected {
        name: "免責",
        caption: r"免責|責任の制限|非保証|保証の否認",
        content: r"責任を負(?:わ|いません)|免責",
        said: &["責任を負", "免責"],
    },
    Expected {
        name: "損害賠償",
        caption: r"損害賠償|賠償",
        content: r"損害を賠償|賠償(?:する|します|責任)",
        said: &["賠償"],
    },
    Expected {
        name: "解除",
        caption: r"解除|解約|契約の終了|退会|利用停止|登録抹消|資格の(?:取消|喪失)",
        content: r"(?:解除|解約)(?:することが)?でき|(?:解除|解約)(?:する|します)",
        said: &["解除", "解約"],
    },
    Expected {
        name: "反社会的勢力の排除",
        caption: r"反社会的勢力|暴力団",
        content: r"反社会的勢力|暴力団",
        said: &["反社会的勢力", "暴力団"],
    },
    Expected {
        name: "準拠法",
        caption: r"準拠法",
        content: r"準拠法|日本(?:国)?法(?:に|を)準拠|日本(?:国)?の法令に準拠",
        said: &["準拠"],
    },
    Expected {
        name: "合意管轄",
        caption: r"管轄",
        content: r"合意管轄|管轄裁判所|第一審の[^。]{0,10}?管轄",
        said: &["管轄"],
    },
];

const SPEC: &[Expected] = &[
    Expected {
        name: "位置付け",
        caption: r"位置付け|位置づけ|適用|目的|本書|本仕様書|はじめに",
        content: r"(?:本|この)仕様書は、",
        said: &["仕様書は、"],
    },
    Expected {
        name: "内容",
        caption: r"内容|機能|メニュー",
        content: r"(?:サービス|提供|作業)(?:の)?内容",
        said: &["内容"],
    },
    Expected {
        name: "提供時間",
        caption: r"(?:提供|サービス|受付|対応|営業|稼働|サポート|運用|監視)時間",
        content: r"(?:提供|サービス|受付|対応|営業|稼働|サポート|運用|監視)時間|24時間|[0-9]+時(?:[0-9]+分)?(?:から|~|〜|－|-)[0-9]+時",
        said: &["時"],
    },
];

/// The caption and content regexes of a list, compiled once.
/// An expected clause's patterns: the caption's, compiled with the list, and the
/// content's, compiled the first time a document has no provision of that caption (most
/// terms documents caption their clauses; the content patterns, with their bounded gaps,
/// are most of the list's compiling).
struct Patterns {
    caption: Regex,
    content_source: &'static str,
    content: OnceLock<Regex>,
    /// [`Expected::said`].
    said: Words,
}

impl Patterns {
    fn content(&self) -> &Regex {
        self.content
            .get_or_init(|| Regex::new(self.content_source).expect("content regex"))
    }
}

fn compile(list: &[Expected]) -> Vec<Patterns> {
    list.iter()
        .map(|e| Patterns {
            caption: Regex::new(e.caption).expect("caption regex"),
            content_source: e.content,
            content: OnceLock::new(),
            said: Words::new(e.said),
        })
        .collect()
}

static TERMS_RE: LazyLock<Vec<Patterns>> = LazyLock::new(|| compile(TERMS));
static SPEC_RE: LazyLock<Vec<Patterns>> = LazyLock::new(|| compile(SPEC));

/// One line of a document's checklist: where the clause was found, if anywhere.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistEntry {
    /// The clause expected: 準拠法.
    pub clause: String,
    /// The id of the document that holds it (this one or one it applies), if found.
    pub document: Option<String>,
    /// The provision that holds it.
    pub path: Option<String>,
}

/// The checklist of document `d`: every expected clause and where it stands. Empty for a
/// document without a checklist (契約書, statutes, internal rules), unless the manifest
/// gives it one. `clauses_of(x)` gives the clauses of document `x`
/// ([`Facts::clauses`], or [`super::clauses`] built once a document where there are
/// no facts): they are read for `d` and for the documents it applies.
pub fn checklist<'f, 'c: 'f>(
    corpus: &'c Corpus,
    d: usize,
    clauses_of: &dyn Fn(usize) -> &'f [Clause<'c>],
) -> Vec<ChecklistEntry> {
    let doc = &corpus.docs[d];
    let (builtin, kind): (&[Expected], Option<ChecklistKind>) = match doc_class(doc) {
        DocClass::StandardTerms => (TERMS, Some(ChecklistKind::Terms)),
        DocClass::Spec => (SPEC, Some(ChecklistKind::Spec)),
        _ => (&[], None),
    };
    let entry = corpus.manifest_entry(&doc.id);
    let changes: Vec<&ChecklistChange> = kind
        .and_then(|k| corpus.manifest.checklist.get(&k))
        .into_iter()
        .chain(entry.and_then(|e| e.checklist.as_ref()))
        .collect();
    let removed = |name: &str| {
        changes
            .iter()
            .any(|c| c.remove.iter().any(|r| name_key(r) == name_key(name)))
    };
    let compiled: &[Patterns] = match kind {
        Some(ChecklistKind::Terms) => &TERMS_RE,
        Some(ChecklistKind::Spec) => &SPEC_RE,
        None => &[],
    };
    let mut items: Vec<(String, Option<&Patterns>)> = builtin
        .iter()
        .zip(compiled)
        .filter(|(e, _)| !removed(e.name))
        .map(|(e, re)| (e.name.to_string(), Some(re)))
        .collect();
    for c in &changes {
        for a in &c.add {
            if !removed(a) && !items.iter().any(|(n, _)| name_key(n) == name_key(a)) {
                items.push((a.clone(), None));
            }
        }
    }
    if items.is_empty() {
        return Vec::new();
    }
    let mut docs = vec![d];
    docs.extend(applied_documents(corpus, d));
    // Each document's captions and texts are read once, for every item of the list;
    // those of a document the list does not reach are never read.
    let searched: Vec<OnceCell<Searchable<'_>>> = docs.iter().map(|_| OnceCell::new()).collect();
    items
        .into_iter()
        .map(|(name, res)| {
            let found = docs.iter().zip(&searched).find_map(|(&x, s)| {
                let s = s.get_or_init(|| Searchable::new(&corpus.docs[x], clauses_of(x)));
                s.find_clause(&name, res, x == d)
                    .map(|p| (corpus.docs[x].id.clone(), p.path.clone()))
            });
            ChecklistEntry {
                clause: name,
                document: found.as_ref().map(|f| f.0.clone()),
                path: found.map(|f| f.1.to_string()),
            }
        })
        .collect()
}

/// Each (index, provision, text in place) with the text held for its index in `held`
/// (sorted by index) where there is one: the strings NFKC changes, beside those it keeps.
fn held_or_in_place<'s, 'a: 's>(
    items: impl Iterator<Item = (usize, &'a Provision, &'s str)> + 's,
    held: &'s [(usize, String)],
) -> impl Iterator<Item = (&'a Provision, &'s str)> + 's {
    let mut held = held.iter().peekable();
    items.map(
        move |(i, p, in_place)| match held.next_if(|(j, _)| *j == i) {
            Some((_, t)) => (p, t.as_str()),
            None => (p, in_place),
        },
    )
}

/// The corpus documents that document `d` applies: those it names by an abbreviation
/// (基本約款), those it cites, and those it prevails over. Not those that cite it.
fn applied_documents(corpus: &Corpus, d: usize) -> Vec<usize> {
    let mut out: Vec<usize> = corpus.names.named_by(d).collect();
    for t in &corpus.ref_targets[d] {
        if let RefTarget::Documents(ds) = t {
            out.extend(ds);
        }
    }
    for &e in &corpus.out_edges[d] {
        out.push(corpus.edges[e].lower);
    }
    out.retain(|&x| x != d && doc_class(&corpus.docs[x]) != DocClass::NotTerms);
    out.sort_unstable();
    out.dedup();
    out
}

/// What [`Searchable::find_clause`] reads of one document, computed once for every
/// item of a checklist: the captions as name keys, and the texts of its clauses in NFKC
/// (chapters left out: a chapter's text is not a clause). Most captions are their own
/// key and most texts their own NFKC, so those are read in place, and only the keys and
/// texts NFKC changes are held (a 10 MB document's list of every text took 4 MB, of
/// every caption with its key 1 MB, at the run's peak).
struct Searchable<'a> {
    doc: &'a Document,
    /// Every provision with a caption, in document order.
    captioned: Vec<&'a Provision>,
    /// The name key of each caption (by index) that is not its own key.
    changed_keys: Vec<(usize, String)>,
    /// The clauses, in document order.
    clauses: &'a [Clause<'a>],
    /// The NFKC of each clause (by index) whose normalised text is not that already.
    changed: Vec<(usize, String)>,
}

impl<'a> Searchable<'a> {
    fn new(doc: &'a Document, clauses: &'a [Clause<'a>]) -> Searchable<'a> {
        // Counted first: a vector grown while collecting would hold up to twice the room
        // at the run's peak, where this rule runs.
        let count = doc.all_provisions().filter(|p| p.caption.is_some()).count();
        let mut captioned = Vec::with_capacity(count);
        captioned.extend(doc.all_provisions().filter(|p| p.caption.is_some()));
        let changed_keys = captioned
            .iter()
            .enumerate()
            .filter_map(
                |(i, p)| match caption_key(p.caption.as_deref().unwrap_or("")) {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(k) => Some((i, k)),
                },
            )
            .collect();
        let changed = clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| c.provision.kind != ProvisionKind::Chapter)
            .filter_map(|(i, c)| match nfkc_of(c) {
                Cow::Borrowed(_) => None,
                Cow::Owned(t) => Some((i, t)),
            })
            .collect();
        Searchable {
            doc,
            captioned,
            changed_keys,
            clauses,
            changed,
        }
    }

    /// Every provision with a caption, in document order, with the caption's name key.
    fn captions(&self) -> impl Iterator<Item = (&'a Provision, &str)> + '_ {
        let captions = (self.captioned.iter().enumerate())
            .map(|(i, &p)| (i, p, p.caption.as_deref().unwrap_or("")));
        held_or_in_place(captions, &self.changed_keys)
    }

    /// Every provision with text but a chapter, in document order, with its NFKC text.
    fn texts(&self) -> impl Iterator<Item = (&'a Provision, &str)> + '_ {
        let texts = (self.clauses.iter().enumerate())
            .filter(|(_, c)| c.provision.kind != ProvisionKind::Chapter)
            .map(|(i, c)| (i, c.provision, c.text()));
        held_or_in_place(texts, &self.changed)
    }

    /// The provision that holds the clause: the first whose caption matches, else the
    /// first whose text says it. A clause added in the manifest is found by its name in
    /// a caption or a text. Definitions count for 定義 in the document itself.
    fn find_clause(&self, name: &str, res: Option<&Patterns>, own: bool) -> Option<&'a Provision> {
        let key = name_key(name);
        let by_caption = self.captions().find(|(_, c)| match res {
            Some(patterns) => patterns.caption.is_match(c),
            None => c.contains(&key),
        });
        if let Some((p, _)) = by_caption {
            return Some(p);
        }
        if name == "定義" && own {
            if let Some(def) = self.doc.definitions.first() {
                return super::find_path(self.doc, &def.path);
            }
        }
        if res.is_none() && key.is_empty() {
            // An empty name is in every text, even an empty one: the first provision.
            return self
                .doc
                .all_provisions()
                .find(|p| p.kind != ProvisionKind::Chapter);
        }
        // A provision without text says nothing: no pattern matches blank text, and a
        // name that is not empty is not in it.
        self.texts()
            .find(|(_, t)| match res {
                // A text that says none of the words is not searched, and a document whose
                // texts say none never compiles the pattern.
                Some(patterns) => patterns.said.said_in(t) && patterns.content().is_match(t),
                None => t
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .contains(&key),
            })
            .map(|(p, _)| p)
    }
}

/// The NFKC of a clause's provision text. The clause's normalised text, normalised
/// character by character, is that already unless two characters compose or reorder
/// (ｶ and ﾞ make ガ): when it is itself in NFKC the two are equal, since NFKC of a
/// text is NFKC of its characters' NFKC put together. Most texts are only characters
/// that are in NFKC whatever stands around them, which is quicker to see than the full
/// check.
fn nfkc_of<'a>(c: &'a Clause<'_>) -> Cow<'a, str> {
    let t = c.text();
    if crate::text::all_stay_nfkc(t) || unicode_normalization::is_nfkc(t) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(nfkc(&c.provision.text))
    }
}

/// The name key of a caption ([`name_key`]): without its spaces, and in NFKC, which it
/// is already when it is only characters that stay (and then the caption itself, when
/// it has no spaces either).
fn caption_key(c: &str) -> Cow<'_, str> {
    if crate::text::all_stay_nfkc(c) {
        if c.chars().any(char::is_whitespace) {
            Cow::Owned(c.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(c)
        }
    } else {
        Cow::Owned(name_key(c))
    }
}

violation! {
    /// A clause of the document's checklist that neither it nor what it applies has.
    struct NoClause { clause: String }

    fn message(&self) -> String {
        format!(
            "no clause on {} (by caption or content), here or in a corpus document this one applies",
            self.clause
        )
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    // Each document's checklist reads its clauses (and those of the documents it
    // applies): computed for the documents in parallel, reported in document order.
    let lists: Vec<Vec<ChecklistEntry>> = (0..corpus.docs.len())
        .into_par_iter()
        .map(|d| checklist(corpus, d, &|x| facts.clauses(x)))
        .collect();
    for ((d, doc), list) in corpus.docs.iter().enumerate().zip(lists) {
        let missing: Vec<&ChecklistEntry> = list.iter().filter(|e| e.document.is_none()).collect();
        // Documents it applies that the corpus does not hold may hold the clause.
        let mut absent: Vec<&str> = doc
            .references
            .iter()
            .zip(&corpus.ref_targets[d])
            .filter(|(_, t)| **t == RefTarget::Unknown)
            .filter_map(|(r, _)| r.document.as_deref())
            .collect();
        absent.sort_unstable();
        absent.dedup();
        for e in missing {
            let range = if doc.title_range.is_empty() {
                first_range(doc)
            } else {
                doc.title_range.clone()
            };
            let missing = NoClause {
                clause: e.clause.to_string(),
            };
            let mut f = Finding::of(d, range, "", &missing);
            if !absent.is_empty() {
                f = f.note(format!(
                    "it applies {}, which the corpus does not hold: the clause may stand there",
                    absent.join(", ")
                ));
            }
            out.push(
                f
                .note(format!(
                    "the checklist of this document: {}",
                    list.iter()
                        .map(|x| format!("{}{}", x.clause, if x.document.is_some() { " ✓" } else { " ✗" }))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .help("add the clause, or take it off the list: `checklist: {remove: [...]}` in its `documents:` entry of yakkan.yaml"),
            );
        }
    }
}

/// Where a document without a title line starts: its first provision's label.
fn first_range(doc: &Document) -> std::ops::Range<usize> {
    doc.provisions
        .first()
        .map(|p| p.label_range())
        .unwrap_or(0..0)
}

#[cfg(test)]
mod tests {
    /// A caption of characters that stay in NFKC (`text::stays_nfkc`, whose own test
    /// holds it to the NFKC tables) keys as `name_key` does; others go through it.
    #[test]
    fn caption_keys_are_name_keys() {
        for caption in ["定 義", "準拠法", "Ｎｅｔ　規約"] {
            assert_eq!(super::caption_key(caption), crate::text::name_key(caption));
        }
    }

    /// A text for each alternative of each content pattern: each matches, and its match
    /// holds one of the words asked first (so a pattern given an alternative without one
    /// fails here).
    #[test]
    fn every_content_match_holds_a_word_asked_first() {
        let examples: &[(&str, &[&str])] = &[
            (
                "適用範囲",
                &[
                    "本規約は、当社が提供するサービスの利用に適用されます。",
                    "この約款は、本サービスを対象とします。",
                ],
            ),
            (
                "定義",
                &[
                    "「本サービス」とは、当社が提供するものをいう。",
                    "契約者とは、当社と契約した者をいう。",
                ],
            ),
            (
                "変更",
                &[
                    "本規約は、当社が変更できます。",
                    "約款を改定する。",
                    "利用条件は改訂されます。",
                ],
            ),
            (
                "禁止事項",
                &[
                    "してはならない",
                    "行ってはなりません",
                    "禁止します",
                    "禁止する",
                    "禁じます",
                ],
            ),
            (
                "免責",
                &["責任を負わない", "責任を負いません", "免責とします"],
            ),
            (
                "損害賠償",
                &["損害を賠償する", "賠償する", "賠償します", "賠償責任"],
            ),
            (
                "解除",
                &[
                    "解除することができる",
                    "解約できる",
                    "解除します",
                    "解約する",
                ],
            ),
            ("反社会的勢力の排除", &["反社会的勢力", "暴力団"]),
            (
                "準拠法",
                &[
                    "準拠法は日本法とします",
                    "日本法に準拠する",
                    "日本国法を準拠",
                    "日本の法令に準拠",
                ],
            ),
            (
                "合意管轄",
                &["合意管轄", "管轄裁判所", "第一審の専属的管轄"],
            ),
            ("位置付け", &["本仕様書は、", "この仕様書は、"]),
            ("内容", &["サービスの内容", "提供内容", "作業内容"]),
            (
                "提供時間",
                &[
                    "提供時間",
                    "監視時間",
                    "24時間",
                    "9時から17時",
                    "9時30分〜17時",
                ],
            ),
        ];
        let lists = [
            (super::TERMS, &*super::TERMS_RE),
            (super::SPEC, &*super::SPEC_RE),
        ];
        let mut seen = 0;
        for (list, compiled) in lists {
            for (e, patterns) in list.iter().zip(compiled) {
                let (_, texts) = examples.iter().find(|(n, _)| *n == e.name).expect(e.name);
                crate::text::assert_every_match_holds(patterns.content(), e.said, texts);
                seen += 1;
            }
        }
        assert_eq!(seen, examples.len());
    }

    /// The content patterns are compiled only when a document lacks the caption: every
    /// one of them compiles (the list's own test, not left to the document that needs it).
    #[test]
    fn every_content_pattern_compiles() {
        for patterns in super::TERMS_RE.iter().chain(super::SPEC_RE.iter()) {
            assert!(!patterns.content().as_str().is_empty());
            assert_eq!(patterns.content().as_str(), patterns.content_source);
        }
        assert_eq!(super::TERMS_RE.len(), super::TERMS.len());
        assert_eq!(super::SPEC_RE.len(), super::SPEC.len());
    }
}
