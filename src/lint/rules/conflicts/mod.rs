//! Conflict rules (Y5xx): the same term defined differently in two documents, and
//! provisions on the same topic stating different periods, deadlines or amounts. The
//! note names the prevailing document and the statement that makes it prevail.

mod definition_conflict;
mod value_conflict;

use super::terms::is_self_abbreviation;
pub use crate::corpus::{Conflict, Side};
use crate::corpus::{Corpus, RefTarget};
use crate::extract::quantities::{in_subtree, Quantity, QuantityKind};
use crate::extract::references::is_self_name;
use crate::lint::facts::precedence::{doc_name, evidence_note, order};
use crate::lint::{Finding, Findings, Rule};
use crate::model::{DefinitionKind, Provision, ProvisionKind, ReferenceKind};
use crate::text::name_key;
pub use definition_conflict::DefinitionConflict;
use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::BTreeMap;
pub use value_conflict::ValueConflict;

pub(super) const RULES: &[&dyn Rule] = &[&DefinitionConflict, &ValueConflict];

/// Every conflict of the corpus (shared by Y501, Y502 and Y405): computed once per
/// corpus, on first use.
pub fn conflicts(corpus: &Corpus) -> &[Conflict] {
    corpus.conflicts.get_or_init(|| {
        let mut out = definition_conflicts(corpus);
        out.extend(value_conflicts(corpus));
        out
    })
}

fn definition_conflicts(corpus: &Corpus) -> Vec<Conflict> {
    // term → the first document-wide definition in each document
    // Per document: term → its first document-wide definition.
    let mut by_doc: Vec<BTreeMap<String, &crate::model::Definition>> =
        Vec::with_capacity(corpus.docs.len());
    for doc in &corpus.docs {
        let mut map = BTreeMap::new();
        for def in doc
            .definitions
            .iter()
            // A definition in a 附則 (施行日, 旧約款) speaks of that revision only.
            .filter(|x| {
                x.scope.is_none() && !x.path.starts_with("附則") && !is_self_abbreviation(x)
            })
        {
            // 本約款 and the like name the document they stand in: never a conflict.
            if !is_self_name(&def.term) {
                map.entry(name_key(&def.term)).or_insert(def);
            }
        }
        by_doc.push(map);
    }
    let mut out = Vec::new();
    // Only documents that apply together can contradict each other.
    for (da, db) in corpus.related_pairs() {
        let (small, large, swapped) = if by_doc[da].len() <= by_doc[db].len() {
            (da, db, false)
        } else {
            (db, da, true)
        };
        for (key, x) in &by_doc[small] {
            let Some(y) = by_doc[large].get(key) else {
                continue;
            };
            let ((da, a), (db, b)) = if swapped {
                ((large, y), (small, x))
            } else {
                ((small, x), (large, y))
            };
            {
                // Two abbreviations are compared by the noun they abbreviate: the clause
                // in front (…が提供する / …に基づき利用する) only says whose it is.
                let both_abbreviations = a.kind == DefinitionKind::Abbreviation
                    && b.kind == DefinitionKind::Abbreviation;
                let (ka, kb) = if both_abbreviations {
                    (
                        head_noun(&meaning_key(&a.meaning)),
                        head_noun(&meaning_key(&b.meaning)),
                    )
                } else {
                    (meaning_key(&a.meaning), meaning_key(&b.meaning))
                };
                // Same meaning, or one the other with a modifier in front (the head of a
                // Japanese noun phrase is at its end): no conflict. 「…団体」 and
                // 「…団体又は個人」 do conflict.
                if ka.is_empty() || kb.is_empty() || ka.ends_with(&kb) || kb.ends_with(&ka) {
                    continue;
                }
                // Abbreviations that name corpus documents agree when they name the same ones.
                if a.kind == DefinitionKind::Abbreviation && b.kind == DefinitionKind::Abbreviation
                {
                    let ta = corpus.names.resolve(da, &a.term, &corpus.docs);
                    let tb = corpus.names.resolve(db, &b.term, &corpus.docs);
                    if ta.is_some() && ta == tb {
                        continue;
                    }
                }
                out.push(Conflict {
                    code: "Y501",
                    a: Side {
                        doc: da,
                        range: a.range.clone(),
                        path: a.path.clone(),
                        text: a.meaning.clone(),
                    },
                    b: Side {
                        doc: db,
                        range: b.range.clone(),
                        path: b.path.clone(),
                        text: b.meaning.clone(),
                    },
                    what: format!("「{}」 is defined differently", a.term),
                });
            }
        }
    }
    out
}

/// The noun phrase a long form ends with: the text after its last particle or bracket.
fn head_noun(k: &str) -> String {
    let start = k
        .char_indices()
        .filter(|(_, c)| {
            crate::text::is_hiragana(*c)
                || matches!(c, '「' | '」' | '（' | '）' | '(' | ')' | '、' | '。')
        })
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(0);
    let tail = &k[start..];
    if tail.chars().count() >= 2 {
        tail.to_string()
    } else {
        k.to_string()
    }
}

/// A meaning compared without its closing predicate and punctuation.
fn meaning_key(m: &str) -> String {
    let mut k = name_key(m);
    for suffix in [
        "をいいます",
        "をいう",
        "を指します",
        "を指す",
        "となります",
        "とします",
        "とする",
        "。",
    ] {
        while let Some(t) = k.strip_suffix(suffix) {
            k = t.to_string();
        }
    }
    k
}

/// 「…の規定にかかわらず」 of every document: (provision it stands in, documents it
/// overrides, the target path). A provision that overrides the other side departs from
/// it on purpose: no value conflict.
fn overrides(corpus: &Corpus) -> Vec<Vec<(&str, &[usize], &str)>> {
    corpus
        .docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            doc.references
                .iter()
                .zip(&corpus.ref_targets[d])
                .filter_map(|(r, t)| match t {
                    RefTarget::Documents(ds) if r.kind == ReferenceKind::Override => {
                        Some((r.path.as_str(), ds.as_slice(), r.target.as_str()))
                    }
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Does provision `pa` of document `da` set aside (a part of) provision `pb` of `db`?
fn sets_aside(
    overrides: &[Vec<(&str, &[usize], &str)>],
    (da, pa): (usize, &Provision),
    (db, pb): (usize, &Provision),
) -> bool {
    let Some(list) = overrides.get(da) else {
        return false;
    };
    if list.is_empty() {
        return false;
    }
    let own: HashSet<&str> = pa.walk().map(|p| p.path.as_str()).collect();
    let other: HashSet<&str> = pb.walk().map(|p| p.path.as_str()).collect();
    list.iter()
        .any(|(at, ds, target)| own.contains(at) && ds.contains(&db) && other.contains(target))
}

/// Captioned provisions (articles, sections) of every document: caption key → (doc, provision).
fn value_conflicts(corpus: &Corpus) -> Vec<Conflict> {
    let overrides = overrides(corpus);
    // Per document: caption → the captioned provisions (articles, sections) with their
    // quantities by kind.
    type Topic<'a> = (&'a Provision, HashMap<QuantityKind, Vec<Quantity>>);
    // Only documents that apply together can contradict each other, so the quantities
    // (the costly part) are read only for documents that are in such a pair: a lone
    // document needs none.
    let mut paired = vec![false; corpus.docs.len()];
    for (da, db) in corpus.related_pairs() {
        paired[da] = true;
        paired[db] = true;
    }
    let mut by_doc: Vec<BTreeMap<String, Vec<Topic<'_>>>> = Vec::with_capacity(corpus.docs.len());
    for (doc, &paired) in corpus.docs.iter().zip(&paired) {
        let mut topics: BTreeMap<String, Vec<Topic<'_>>> = BTreeMap::new();
        if !paired {
            by_doc.push(topics);
            continue;
        }
        for p in doc
            .all_provisions()
            .filter(|p| matches!(p.kind, ProvisionKind::Article | ProvisionKind::Section))
        {
            let Some(c) = &p.caption else { continue };
            let mut m: HashMap<QuantityKind, Vec<Quantity>> = HashMap::new();
            for q in in_subtree(p) {
                m.entry(q.kind).or_default().push(q);
            }
            if !m.is_empty() {
                topics.entry(name_key(c)).or_default().push((p, m));
            }
        }
        by_doc.push(topics);
    }
    let mut out = Vec::new();
    for (da, db) in corpus.related_pairs() {
        for (key, left) in &by_doc[da] {
            let Some(right) = by_doc[db].get(key) else {
                continue;
            };
            for (pa, qa_all) in left {
                for (pb, qb_all) in right {
                    for kind in [
                        QuantityKind::Period,
                        QuantityKind::Notice,
                        QuantityKind::Deadline,
                        QuantityKind::Amount,
                    ] {
                        let (Some(qa), Some(qb)) = (qa_all.get(&kind), qb_all.get(&kind)) else {
                            continue;
                        };
                        // Different values only when the two sides share none.
                        if qa.iter().any(|x| qb.iter().any(|y| x.value == y.value)) {
                            continue;
                        }
                        // A provision that sets the other aside on purpose does not conflict.
                        if sets_aside(&overrides, (da, pa), (db, pb))
                            || sets_aside(&overrides, (db, pb), (da, pa))
                        {
                            break;
                        }
                        let (x, y) = (&qa[0], &qb[0]);
                        out.push(Conflict {
                            code: "Y502",
                            a: Side {
                                doc: da,
                                range: x.range.clone(),
                                path: x.path.clone(),
                                text: x.text.clone(),
                            },
                            b: Side {
                                doc: db,
                                range: y.range.clone(),
                                path: y.path.clone(),
                                text: y.text.clone(),
                            },
                            what: format!(
                                "{} of （{}）",
                                kind.describe(),
                                pa.caption.as_deref().unwrap_or("")
                            ),
                        });
                    }
                }
            }
        }
    }
    out
}

/// Report a conflict at the side that does not prevail, with the prevailing side as a
/// label and the reason as a note.
fn report(corpus: &Corpus, c: &Conflict, out: &mut Findings) {
    let ordered = order(corpus, c.a.doc, c.b.doc);
    let (lower, higher, note) = match &ordered {
        Some((w, _, e)) => {
            let (hi, lo) = if *w == c.a.doc {
                (&c.a, &c.b)
            } else {
                (&c.b, &c.a)
            };
            (lo, hi, evidence_note(corpus, hi.doc, lo.doc, e))
        }
        None => (
            &c.b,
            &c.a,
            "no precedence orders the two documents (see Y405)".to_string(),
        ),
    };
    let conflicting = Conflicting {
        definition: c.code == "Y501",
        what: match c.code {
            "Y501" => c.what.to_string(),
            _ => c.describe(lower, higher),
        },
        lower: doc_name(corpus, lower.doc),
        higher: doc_name(corpus, higher.doc),
        ordered: ordered.is_some(),
    };
    let mut f = Finding::of(lower.doc, lower.range.clone(), &lower.path, &conflicting)
        .label(
            higher.doc,
            higher.range.clone(),
            format!("{} {}", doc_name(corpus, higher.doc), higher.path),
        )
        .note(note);
    if c.code == "Y501" {
        f = f.note(format!(
            "「{}」 / 「{}」",
            short(&lower.text),
            short(&higher.text)
        ));
    }
    out.push(f);
}

violation! {
    /// A conflict (Y501 when `definition`, else Y502), seen from the side that does not
    /// prevail: what differs and the two documents' names.
    struct Conflicting {
        definition: bool,
        /// The term defined twice (Y501), or the values that differ (Y502).
        what: String,
        lower: String,
        higher: String,
        /// Does a precedence order the two?
        ordered: bool,
    }

    fn message(&self) -> String {
        let Conflicting { what, lower, higher, .. } = self;
        if self.definition {
            format!("{what} here, in {lower}, and in {higher}")
        } else {
            format!("{what} in {lower} and {higher}")
        }
    }

    fn help(&self) -> Option<String> {
        Some(if self.ordered {
            format!("the prevailing text applies; align {} with it, or say in one of them that the difference is intended", self.lower)
        } else {
            "align the two documents, or state which one prevails".to_string()
        })
    }
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}
