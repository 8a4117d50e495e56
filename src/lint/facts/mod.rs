//! Facts about the linked corpus that several rules read, computed here rather than in
//! a rule's file: which statute each citation names (`cite.rs`), which of two documents prevails
//! (`precedence.rs`), the dates written in a text (`dates.rs`), runs of
//! digits (`digits.rs`), the numbering groups of a document (`numbering.rs`), what a
//! document is and what its clauses say for the legal rules (`clauses.rs`), the scopes
//! of its definitions (`scopes.rs`).
//!
//! [`Facts`] holds what is derived from one document once, whichever rules read it:
//! every fact is computed the first time a rule asks for it (and [`Facts::prepare`]
//! computes them for every document in parallel before the rules run), then kept for
//! the rest of the run. Rules are visitors over the corpus and these facts.

pub mod cite;
pub mod clauses;
pub mod dates;
pub mod digits;
pub mod numbering;
pub mod precedence;
pub mod scopes;

use crate::corpus::Corpus;
use crate::model::{Document, Provision, ProvisionKind};
use crate::parse::numeral::KanaOrder;
use foldhash::HashMap as FxHashMap;
use rayon::prelude::*;
use std::sync::OnceLock;

/// The provisions of a document by path.
pub type PathMap<'c> = FxHashMap<&'c str, &'c Provision>;

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

    /// Computes every fact of every document, the documents in parallel, so that the
    /// rules (which run in parallel too) find them ready.
    pub fn prepare(&self) {
        (0..self.docs.len()).into_par_iter().for_each(|d| {
            self.citations(d);
            self.groups(d);
            self.clauses(d);
            self.audience(d);
            self.heads(d);
            self.scopes(d);
        });
        self.paths();
    }

    /// The provisions of every document by path (`第3条第2項`, `附則`, `1.2` …).
    pub fn paths(&self) -> &[PathMap<'c>] {
        self.paths.get_or_init(|| {
            self.corpus
                .docs
                .par_iter()
                .map(|doc| doc.all_provisions().map(|p| (p.path.as_str(), p)).collect())
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

/// The articles, sections and 附則 of a document by path.
fn heads(doc: &Document) -> PathMap<'_> {
    doc.all_provisions()
        .filter(|p| {
            matches!(
                p.kind,
                ProvisionKind::Article | ProvisionKind::Section | ProvisionKind::Suppl
            )
        })
        .map(|p| (p.path.as_str(), p))
        .collect()
}
