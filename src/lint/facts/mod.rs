//! Facts about the linked corpus that several rules read, computed here rather than in
//! a rule's file: which statute each citation names (`cite.rs`), which of two documents prevails
//! (`precedence.rs`), the dates written in a text (`dates.rs`), runs of
//! digits (`digits.rs`), the numbering groups of a document (`numbering.rs`) and their
//! gaps, duplicates and steps back (`events.rs`), what a
//! document is and what its clauses say for the legal rules (`clauses.rs`), the scopes
//! of its definitions (`scopes.rs`).
//!
//! [`Facts`] holds what is derived from one document once, whichever rules read it:
//! every fact is computed the first time a rule asks for it, then kept for the rest of
//! the run. Each rule declares the facts it reads ([`Fact`], `reads` in `declare_rule!`),
//! and [`Facts::prepare`] computes those the enabled rules read for every document in
//! parallel before the rules run; a fact no enabled rule reads is never computed. Rules
//! are visitors over the corpus and these facts.

pub mod cite;
pub mod clauses;
pub mod dates;
pub mod digits;
pub mod events;
pub mod numbering;
mod paths;
pub mod precedence;
pub mod scopes;

use crate::corpus::Corpus;
use crate::model::{Document, ProvisionKind};
use crate::parse::numeral::KanaOrder;
use rayon::prelude::*;
use std::sync::OnceLock;

/// A fact that rules read, named in a rule's `declare_rule!` (`reads = [Clauses];`) so
/// that [`Facts::prepare`] computes it ahead only when an enabled rule reads it. A rule
/// that reads a fact it does not declare still gets it (computed on first use), only
/// not prepared in parallel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// [`Facts::citations`].
    Citations,
    /// [`Facts::groups`].
    Groups,
    /// [`Facts::events`] (it reads the groups).
    Events,
    /// [`Facts::clauses`].
    Clauses,
    /// [`Facts::audience`] (it reads the clauses).
    Audience,
    /// [`Facts::paths`].
    Paths,
    /// [`Facts::heads`].
    Heads,
    /// [`Facts::scopes`].
    Scopes,
}

pub use paths::PathMap;

/// The facts of a corpus, each computed once a document.
pub struct Facts<'c> {
    pub corpus: &'c Corpus,
    docs: Vec<DocFacts<'c>>,
    paths: OnceLock<Vec<PathMap<'c>>>,
}

/// The facts of one document, filled in as rules ask for them.
#[derive(Default)]
struct DocFacts<'c> {
    citations: OnceLock<Vec<cite::Citation<'c>>>,
    groups: OnceLock<Vec<(numbering::Group<'c>, KanaOrder)>>,
    events: OnceLock<Vec<(usize, events::Event)>>,
    clauses: OnceLock<Vec<clauses::Clause<'c>>>,
    audience: OnceLock<clauses::Assumed>,
    heads: OnceLock<PathMap<'c>>,
    scopes: OnceLock<Vec<Option<Vec<String>>>>,
}

impl<'c> Facts<'c> {
    pub fn new(corpus: &'c Corpus) -> Facts<'c> {
        Facts {
            corpus,
            docs: (0..corpus.docs.len())
                .map(|_| DocFacts::default())
                .collect(),
            paths: OnceLock::new(),
        }
    }

    /// Computes the facts `read` of every document, each fact of each document a task
    /// run in parallel (so a single document's facts are computed side by side too), so
    /// that the rules (which run in parallel too) find them ready. A fact that reads
    /// another (the audience reads the clauses) waits for it in its `OnceLock`; no fact
    /// runs parallel work of its own, so a wait never holds up the work it waits for.
    /// The others are computed when first asked for, if ever.
    pub fn prepare(&self, read: &[Fact]) {
        let tasks: Vec<(usize, Fact)> = (0..self.docs.len())
            .flat_map(|d| {
                read.iter()
                    .filter(|&&f| f != Fact::Paths)
                    .map(move |&f| (d, f))
            })
            .collect();
        tasks
            .into_par_iter()
            .for_each(|(d, f)| self.prepare_one(f, d));
        if read.contains(&Fact::Paths) {
            self.paths();
        }
    }

    /// Computes one fact of document `d` (the corpus-level `Paths` is no document's).
    fn prepare_one(&self, fact: Fact, d: usize) {
        match fact {
            Fact::Citations => {
                self.citations(d);
            }
            Fact::Groups => {
                self.groups(d);
            }
            Fact::Events => {
                self.events(d);
            }
            Fact::Clauses => {
                self.clauses(d);
            }
            Fact::Audience => {
                self.audience(d);
            }
            Fact::Heads => {
                self.heads(d);
            }
            Fact::Scopes => {
                self.scopes(d);
            }
            Fact::Paths => {}
        }
    }

    /// The provisions of every document by path (`第3条第2項`, `附則`, `1.2` …).
    pub fn paths(&self) -> &[PathMap<'c>] {
        self.paths.get_or_init(|| {
            self.corpus
                .docs
                .par_iter()
                .map(|doc| doc.all_provisions().collect())
                .collect()
        })
    }

    /// Every statute citation of document `d` that resolves to a statute of the corpus's
    /// table (`cite::citations`).
    pub fn citations(&self, d: usize) -> &[cite::Citation<'c>] {
        self.docs[d]
            .citations
            .get_or_init(|| cite::citations(self.corpus, &self.corpus.statutes, d))
    }

    /// The numbering groups of document `d` (siblings numbered in one series), each with
    /// its kana order.
    pub(crate) fn groups(&self, d: usize) -> &[(numbering::Group<'c>, KanaOrder)] {
        self.docs[d].groups.get_or_init(|| {
            numbering::groups(&self.corpus.docs[d])
                .into_iter()
                .map(|g| {
                    let kana = numbering::kana_order(&g);
                    (g, kana)
                })
                .collect()
        })
    }

    /// The gaps, duplicates and steps back of the numbering groups of document `d`, each
    /// with the index of its group in [`Facts::groups`], in the groups' order. Most groups
    /// have none: one list for the document, not one a group.
    pub(crate) fn events(&self, d: usize) -> &[(usize, events::Event)] {
        self.docs[d].events.get_or_init(|| {
            let mut out: Vec<(usize, events::Event)> = self
                .groups(d)
                .iter()
                .enumerate()
                .flat_map(|(g, (group, _))| events::events(group).into_iter().map(move |e| (g, e)))
                .collect();
            out.shrink_to_fit();
            out
        })
    }

    /// Every provision of document `d` that has text, in NFKC, with its article.
    pub fn clauses(&self, d: usize) -> &[clauses::Clause<'c>] {
        self.docs[d]
            .clauses
            .get_or_init(|| clauses::clauses(&self.corpus.docs[d]))
    }

    /// The audience assumed for document `d`.
    pub fn audience(&self, d: usize) -> &clauses::Assumed {
        self.docs[d]
            .audience
            .get_or_init(|| clauses::audience_of(self.corpus, d, self.clauses(d)))
    }

    /// The articles, sections and 附則 of document `d` by path: what a reference is
    /// cited by in messages (`第２条第３項`, in the document's own digits).
    pub fn heads(&self, d: usize) -> &PathMap<'c> {
        self.docs[d]
            .heads
            .get_or_init(|| heads(&self.corpus.docs[d]))
    }

    /// For every definition of document `d`, the paths it applies in (`scopes::scope_table`).
    pub fn scopes(&self, d: usize) -> &[Option<Vec<String>>] {
        self.docs[d]
            .scopes
            .get_or_init(|| scopes::scope_table(&self.corpus.docs[d]))
    }
}

/// Compiles the patterns the facts of nearly every document read (the audience's words,
/// dates), as [`crate::extract::warm_up`] does for extraction's.
pub fn warm_up() {
    clauses::warm_up();
    dates::warm_up();
}

/// The articles, sections and 附則 of a document by path.
fn heads(doc: &Document) -> PathMap<'_> {
    doc.all_provisions()
        .filter(|p| {
            matches!(
                p.kind,
                ProvisionKind::Article | ProvisionKind::Section | ProvisionKind::Suppl
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Fact, Facts};
    use crate::corpus::{Corpus, Manifest};
    use crate::source::SourceFile;
    use std::sync::Arc;

    fn corpus() -> Corpus {
        let text = "テスト約款\n\n第１条（目的）\n本規約は、当社のサービスに適用されます。\n";
        let doc = crate::parse_text_source(Arc::new(SourceFile::from_text("t.txt", text)));
        Corpus::link(vec![doc], Manifest::default(), None, String::new())
    }

    /// `prepare` computes what the enabled rules read and nothing else.
    #[test]
    fn prepare_computes_only_the_facts_read() {
        let corpus = corpus();
        let facts = Facts::new(&corpus);
        facts.prepare(&[Fact::Groups]);
        let doc = &facts.docs[0];
        assert!(doc.groups.get().is_some());
        assert!(doc.clauses.get().is_none());
        assert!(doc.audience.get().is_none());
        assert!(doc.citations.get().is_none());
        assert!(facts.paths.get().is_none());

        let facts = Facts::new(&corpus);
        facts.prepare(&[Fact::Audience, Fact::Paths]);
        let doc = &facts.docs[0];
        assert!(doc.audience.get().is_some());
        // The audience is read from the clauses.
        assert!(doc.clauses.get().is_some());
        assert!(doc.groups.get().is_none());
        assert!(facts.paths.get().is_some());
    }

    /// The provisions by path keep the document's order, which a term use names its
    /// provision by (`TermUse::provision`, read with `PathMap::nth`).
    #[test]
    fn the_path_map_keeps_the_order_term_uses_name() {
        let text = "第1条　この規約において「会員」とは、登録した者をいう。\n\
                    第2条　会員は、次の事項を守る。\n\
                    （1）　会員は、料金を支払う。\n\
                    附則\n\
                    この規約は、会員に適用する。\n";
        let doc = crate::parse_text_source(Arc::new(SourceFile::from_text("t.txt", text)));
        let corpus = Corpus::link(vec![doc], Manifest::default(), None, String::new());
        let facts = Facts::new(&corpus);
        let order = &facts.paths()[0];
        for (i, p) in corpus.docs[0].all_provisions().enumerate() {
            assert!(std::ptr::eq(order.nth(i), p), "provision {i}");
        }
        let paths: Vec<&str> = corpus.uses[0]
            .iter()
            .map(|u| order.nth(u.provision()).path.as_str())
            .collect();
        assert_eq!(paths, ["第2条第1項", "第2条第1項第1号", "附則第1項"]);
    }

    /// A fact nobody prepared is still there when a rule asks for it.
    #[test]
    fn unprepared_facts_are_computed_on_first_use() {
        let corpus = corpus();
        let facts = Facts::new(&corpus);
        facts.prepare(&[]);
        assert!(facts.docs[0].clauses.get().is_none());
        assert_eq!(facts.clauses(0).len(), 1);
    }
}
