//! Report: render diagnostics for people (codespan-reporting) and machines (JSON of
//! SPEC §4, SARIF 2.1.0, GitHub workflow commands).

pub mod escape;
mod github;
mod human;
mod json;
mod sarif;

use crate::corpus::Corpus;
use crate::lint::{Diagnostic, Severity};

pub use github::render_github;
pub use human::{render_human, render_human_to, render_human_with, MAX_LINE};
pub use json::{render_json, render_json_with};
pub use sarif::render_sarif;

/// How a report is rendered beyond its format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// ANSI colours (human output).
    pub color: bool,
    /// How many documents were checked, when only some of the corpus is reported on.
    pub documents: Option<usize>,
    /// Findings only: no summary line (human output).
    pub quiet: bool,
}

/// Counts for the summary line and the JSON `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub documents: usize,
}

impl Summary {
    pub fn of(corpus: &Corpus, diags: &[Diagnostic]) -> Summary {
        let count = |s| diags.iter().filter(|d| d.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            documents: corpus.docs.len(),
        }
    }

    /// The counts, with the number of documents reported on.
    pub fn with_options(corpus: &Corpus, diags: &[Diagnostic], options: &Options) -> Summary {
        Summary {
            documents: options.documents.unwrap_or(corpus.docs.len()),
            ..Summary::of(corpus, diags)
        }
    }
}

/// `n thing` / `n things`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `check --statistics`: one line per rule, most frequent first, `[*]` when `--fix`
/// fixes some of them; then the total.
pub fn render_statistics(corpus: &Corpus, diags: &[Diagnostic]) -> String {
    let mut counts: Vec<(&str, &str, usize, usize)> = Vec::new();
    for d in diags {
        let fixable = usize::from(crate::lint::fix::is_fixable(corpus, d));
        match counts.iter_mut().find(|c| c.0 == d.code) {
            Some(c) => {
                c.2 += 1;
                c.3 += fixable;
            }
            None => counts.push((d.code, d.rule, 1, fixable)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let width = counts
        .iter()
        .map(|c| c.2.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for (code, rule, n, fixable) in &counts {
        out.push_str(&format!(
            "{n:>width$}  {code}  {}{rule}\n",
            if *fixable > 0 { "[*] " } else { "" }
        ));
    }
    out.push_str(&format!(
        "{} in total\n",
        plural(diags.len(), "finding", "findings")
    ));
    out
}

/// A diagnostic's place in its original file: 1-based lines, columns in Unicode scalars.
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The page of a PDF (its `line` is then the line on that page); for a .docx, `line`
    /// is the body paragraph's ordinal and `column` the character in it.
    pub page: Option<usize>,
}

/// Line and column of a decoded offset as people see them: the document's own (a
/// .docx paragraph, a PDF page's line) for a document read by `crate::input`.
pub fn line_col(src: &crate::source::SourceFile, offset: usize) -> (usize, usize) {
    match &src.origin {
        Some(o) => {
            let p = o.position(&src.text, offset);
            (p.line, p.column)
        }
        None => src.line_col(offset),
    }
}

pub fn location(corpus: &Corpus, d: &Diagnostic) -> Location {
    let doc = &corpus.docs[d.finding.doc];
    let src = &doc.source;
    let start = d.finding.range.start;
    let end = d.finding.range.end.max(start);
    if let Some(origin) = &src.origin {
        let a = origin.position(&src.text, start);
        let b = origin.position(&src.text, end);
        return Location {
            file: doc.path.clone(),
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
            page: a.page,
        };
    }
    let (line, column) = src.line_col(start);
    let (end_line, end_column) = src.line_col(end);
    Location {
        file: doc.path.clone(),
        line,
        column,
        end_line,
        end_column,
        page: None,
    }
}

/// The notes of a diagnostic, with its help line last ("help: …").
pub fn notes_with_help(d: &Diagnostic) -> Vec<String> {
    let mut notes = d.finding.notes.clone();
    if let Some(h) = &d.finding.help {
        notes.push(format!("help: {h}"));
    }
    notes
}
