//! Lint: rules over the linked corpus. Every rule is one type implementing [`Rule`],
//! registered in [`registry`] with its code, name, default severity and explain text
//! (the rule's doc comment, as in ruff). Rules read the model; they never re-parse.

/// Declares a rule: its type, whose doc comment is the rule's text (What it does / Why is
/// this bad? / Example / Use instead, in Markdown: what `yakkan rule CODE` prints, written
/// once, as in ruff), its [`RuleMeta`], and its `impl Rule`, whose `check` is the free
/// function `check(facts, out)` of the module that declares the rule:
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// Finds …
///     pub struct UndefinedTerm;
///     static UNDEFINED_TERM = ("Y201", "undefined-term", Warning, "one-line summary");
///     reads = [Clauses, Audience];
/// }
/// ```
///
/// `reads` names the [`facts::Fact`]s the rule's `check` asks for (none if left out), so
/// that [`lint`] prepares only the facts some enabled rule reads.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident;
        $svis:vis static $static:ident = ($code:literal, $rname:literal, $sev:ident, $summary:literal $(,)?);
        $(reads = [$($fact:ident),* $(,)?];)?
    ) => {
        // The examples are Japanese text, not Rust: no doctests of them.
        $(#[cfg_attr(not(doctest), doc = $doc)])*
        $vis struct $name;

        $svis static $static: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
            code: $code,
            name: $rname,
            severity: $crate::lint::Severity::$sev,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
        };

        impl $crate::lint::Rule for $name {
            fn meta(&self) -> &'static $crate::lint::RuleMeta {
                &$static
            }

            fn reads(&self) -> &'static [$crate::lint::facts::Fact] {
                &[$($($crate::lint::facts::Fact::$fact),*)?]
            }

            fn check(&self, facts: &$crate::lint::facts::Facts<'_>, out: &mut $crate::lint::Findings) {
                check(facts, out)
            }
        }
    };
}

/// Declares a rule's [`Violation`]: the struct of what its message needs (doc comments and
/// fields as written) and the `impl Violation` (its `message`, and `help` where it
/// varies), in one place:
///
/// ```ignore
/// violation! {
///     /// A reference to a provision the document does not have.
///     struct Dangling { text: String }
///     fn message(&self) -> String {
///         format!("{} does not exist in this document", self.text)
///     }
/// }
/// ```
macro_rules! violation {
    (
        $(#[$attr:meta])*
        struct $name:ident $(<$lt:lifetime>)? { $($fields:tt)* }
        $($item:item)*
    ) => {
        $(#[$attr])*
        struct $name $(<$lt>)? { $($fields)* }

        impl $(<$lt>)? $crate::lint::Violation for $name $(<$lt>)? {
            $($item)*
        }
    };
}

pub mod baseline;
pub mod facts;
pub mod fix;
pub mod rules;
pub mod select;
pub(crate) mod sentences;
pub mod suppress;

pub use crate::config::{Level, Severity};
use crate::corpus::Corpus;
use crate::model::{CompactString, Document};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;

/// What every rule declares.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The rule's doc comment as the compiler gives it: every line with its leading space.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The rule's text (What it does / Why is this bad? / Example / Use instead): its
    /// doc comment, without the space after each `///`.
    pub fn explain(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.split_inclusive('\n') {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
        }
        out
    }
}

/// One lint rule.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// The facts `check` reads: [`lint`] prepares them, in parallel over the documents,
    /// when the rule is enabled.
    fn reads(&self) -> &'static [facts::Fact];
    /// Pushes the rule's findings on the corpus (`facts.corpus`), reading what several
    /// rules derive from a document from `facts`, where it is computed once.
    fn check(&self, facts: &facts::Facts<'_>, out: &mut Findings);
}

/// What a finding says, as ruff's violations are: each rule has a small struct holding
/// exactly the data its message (and its help, where that varies) is rendered from; its
/// `check` builds one and makes a [`Finding`] of it with [`Finding::of`].
pub trait Violation {
    /// The finding's message.
    fn message(&self) -> String;

    /// The help line, when it depends on the finding (a fixed one is given by `check`).
    fn help(&self) -> Option<String> {
        None
    }
}

/// A secondary place a finding points at.
#[derive(Debug, Clone)]
pub struct Label {
    pub doc: usize,
    /// Decoded source range.
    pub range: Range<usize>,
    pub message: String,
}

/// A finding, before severities from the configuration are applied.
#[derive(Debug, Clone)]
pub struct Finding {
    pub doc: usize,
    /// Decoded source range of the primary span.
    pub range: Range<usize>,
    pub message: String,
    /// The provision path it stands in.
    pub path: CompactString,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub labels: Vec<Label>,
    /// Raise to error unless the user configured the rule (Y203 with differing meanings).
    pub escalate: bool,
    /// The safe, mechanical change that removes the finding (`check --fix`).
    pub fix: Option<Edit>,
}

/// A replacement of a decoded source range of the finding's document by new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Finding {
    pub fn new(
        doc: usize,
        range: Range<usize>,
        path: impl AsRef<str>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            doc,
            range,
            message: message.into(),
            path: CompactString::from(path.as_ref()),
            notes: Vec::new(),
            help: None,
            labels: Vec::new(),
            escalate: false,
            fix: None,
        }
    }

    /// The finding of a violation: its message, and its help when it has one.
    pub fn of(
        doc: usize,
        range: Range<usize>,
        path: impl AsRef<str>,
        violation: &impl Violation,
    ) -> Finding {
        let f = Finding::new(doc, range, path, violation.message());
        match violation.help() {
            Some(h) => f.help(h),
            None => f,
        }
    }

    /// Offer a fix: replace the decoded source range `range` by `replacement`.
    pub fn fix(mut self, range: Range<usize>, replacement: impl Into<String>) -> Finding {
        self.fix = Some(Edit {
            range,
            replacement: replacement.into(),
        });
        self
    }

    pub fn note(mut self, n: impl Into<String>) -> Finding {
        self.notes.push(n.into());
        self
    }

    pub fn help(mut self, h: impl Into<String>) -> Finding {
        self.help = Some(h.into());
        self
    }

    pub fn label(mut self, doc: usize, range: Range<usize>, message: impl Into<String>) -> Finding {
        self.labels.push(Label {
            doc,
            range,
            message: message.into(),
        });
        self
    }
}

/// Where rules put their findings.
#[derive(Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    pub fn push(&mut self, f: Finding) {
        self.items.push(f);
    }

    /// Check every document of the corpus on its own, side by side (rayon), and keep the
    /// findings in document order: what a loop over the documents would find, for a rule
    /// whose documents do not depend on each other. The rules run in parallel already;
    /// a rule that reads each document at length does too, so that on a large corpus it
    /// does not hold one core while the other has finished the rest.
    pub fn per_document<'d, F>(&mut self, docs: &'d [Document], check: F)
    where
        F: Fn(usize, &'d Document, &mut Findings) + Sync,
    {
        let lists: Vec<Findings> = docs
            .par_iter()
            .enumerate()
            .map(|(d, doc)| {
                let mut out = Findings::default();
                check(d, doc, &mut out);
                out
            })
            .collect();
        self.items.extend(lists.into_iter().flat_map(|l| l.items));
    }
}

/// A finding with its rule and final severity.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub finding: Finding,
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Rule] {
    rules::all()
}

/// A rule by code (Y601) or name (mixed-digit-width).
pub fn find_rule(key: &str) -> Option<&'static dyn Rule> {
    let key = key.trim();
    registry()
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(key) || r.meta().name == key)
}

/// Run every enabled rule over the corpus. The result is sorted (document, position,
/// code) so that output is deterministic.
pub fn lint(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut configured: BTreeMap<&'static str, Level> = BTreeMap::new();
    for (k, v) in &corpus.manifest.rules {
        if let (Some(rule), Some(level)) = (find_rule(k), Level::parse(v)) {
            configured.insert(rule.meta().code, level);
        }
    }
    let enabled: Vec<(&dyn Rule, Option<Level>)> = registry()
        .iter()
        .map(|&rule| (rule, configured.get(rule.meta().code).copied()))
        .filter(|(_, level)| *level != Some(Level::Off))
        .collect();
    // The facts the enabled rules read first, the documents in parallel; then the rules, in
    // parallel, each on its own list. The lists are joined in registry order and sorted,
    // so the output is the same whatever the number of threads.
    let facts = facts::Facts::new(corpus);
    let mut read: Vec<facts::Fact> = Vec::new();
    for f in enabled.iter().flat_map(|(rule, _)| rule.reads()) {
        if !read.contains(f) {
            read.push(*f);
        }
    }
    facts.prepare(&read);
    let found: Vec<Findings> = enabled
        .par_iter()
        .map(|(rule, _)| {
            let mut findings = Findings::default();
            rule.check(&facts, &mut findings);
            findings
        })
        .collect();
    let mut out = Vec::new();
    for ((rule, level), findings) in enabled.iter().zip(found) {
        let meta = rule.meta();
        for f in findings.items {
            let severity = match level {
                Some(Level::On(s)) => *s,
                _ if f.escalate => Severity::Error,
                _ => meta.severity,
            };
            out.push(Diagnostic {
                code: meta.code,
                rule: meta.name,
                severity,
                finding: f,
            });
        }
    }
    out.sort_by(|a, b| {
        (
            a.finding.doc,
            a.finding.range.start,
            a.code,
            a.finding.range.end,
            &a.finding.message,
        )
            .cmp(&(
                b.finding.doc,
                b.finding.range.start,
                b.code,
                b.finding.range.end,
                &b.finding.message,
            ))
    });
    out.dedup_by(|a, b| {
        a.code == b.code
            && a.finding.doc == b.finding.doc
            && a.finding.range == b.finding.range
            && a.finding.message == b.finding.message
    });
    // Suppressions (Markdown comments, the manifest's `ignore:`) apply to what every rule
    // found; those that suppress nothing are findings of their own (Y001).
    let unused = configured.get("Y001").copied();
    if unused != Some(Level::Off) {
        let severity = match unused {
            Some(Level::On(s)) => s,
            _ => suppress::UNUSED_SUPPRESSION.severity,
        };
        suppress::apply(corpus, &mut out, Some(severity));
    } else {
        suppress::apply(corpus, &mut out, None);
    }
    out
}

#[cfg(test)]
mod tests {
    /// The names a manifest may configure are the registry's, in the same order.
    #[test]
    fn config_names_every_rule() {
        let registered: Vec<(&str, &str)> = super::registry()
            .iter()
            .map(|r| (r.meta().code, r.meta().name))
            .collect();
        assert_eq!(registered, crate::config::RULE_NAMES);
    }
}
