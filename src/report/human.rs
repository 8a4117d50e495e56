//! Human output: codespan-reporting with the rule code and name, the source line, notes
//! and a help line; a summary at the end.

use super::{plural, Options, Summary};
use crate::corpus::Corpus;
use crate::lint::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::{self, termcolor::Buffer, Config};
use std::ops::Range;
use std::sync::Arc;

/// The documents' texts, numbered as their readers say: a .docx line by its paragraph
/// ordinal, a PDF line by its line on the page (the page is in a note).
struct Located {
    files: SimpleFiles<String, String>,
    origins: Vec<Option<Arc<crate::input::Origin>>>,
}

impl<'a> Files<'a> for Located {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, codespan_reporting::files::Error> {
        self.files.name(id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files.source(id)
    }

    fn line_index(
        &'a self,
        id: usize,
        at: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        self.files.line_index(id, at)
    }

    fn line_range(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        self.files.line_range(id, line)
    }

    fn line_number(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        match self.origins.get(id).and_then(|o| o.as_ref()) {
            Some(o) => {
                let start = self.files.line_range(id, line)?.start;
                Ok(o.position(self.files.source(id)?, start).line)
            }
            None => Ok(line + 1),
        }
    }

    fn location(
        &'a self,
        id: usize,
        at: usize,
    ) -> Result<codespan_reporting::files::Location, codespan_reporting::files::Error> {
        match self.origins.get(id).and_then(|o| o.as_ref()) {
            Some(o) => {
                let p = o.position(self.files.source(id)?, at);
                Ok(codespan_reporting::files::Location {
                    line_number: p.line,
                    column_number: p.column,
                })
            }
            None => self.files.location(id, at),
        }
    }
}

/// Render all diagnostics; `color` adds ANSI colours.
pub fn render_human(corpus: &Corpus, diags: &[Diagnostic], color: bool) -> String {
    render_human_with(
        corpus,
        diags,
        &Options {
            color,
            ..Options::default()
        },
    )
}

/// Render all diagnostics as `options` say. A finding that `--fix` fixes is marked
/// `[*]`, and the summary says how many there are (as ruff does).
pub fn render_human_with(corpus: &Corpus, diags: &[Diagnostic], options: &Options) -> String {
    let color = options.color;
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = corpus
        .docs
        .iter()
        .map(|d| files.add(d.path.clone(), d.source.text.clone()))
        .collect();
    let files = Located {
        files,
        origins: corpus
            .docs
            .iter()
            .map(|d| d.source.origin.clone())
            .collect(),
    };
    let config = Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for d in diags {
        let f = &d.finding;
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let mut labels = vec![Label::new(LabelStyle::Primary, ids[f.doc], f.range.clone())];
        for l in &f.labels {
            labels.push(
                Label::new(LabelStyle::Secondary, ids[l.doc], l.range.clone())
                    .with_message(l.message.clone()),
            );
        }
        let mut notes = f.notes.clone();
        if !f.path.is_empty() {
            notes.insert(0, format!("in {}", f.path));
        }
        let src = &corpus.docs[f.doc].source;
        if let Some(o) = &src.origin {
            let p = o.position(&src.text, f.range.start);
            notes.insert(
                0,
                match p.page {
                    Some(page) => format!("on page {page}, line {}", p.line),
                    None => format!("in paragraph {}", p.line),
                },
            );
        }
        if let Some(h) = &f.help {
            notes.push(format!("help: {h}"));
        }
        let fixable = crate::lint::fix::is_fixable(corpus, d);
        let cs = CsDiagnostic::new(severity)
            .with_code(format!("{}/{}", d.code, d.rule))
            .with_message(if fixable {
                format!("[*] {}", f.message)
            } else {
                f.message.clone()
            })
            .with_labels(labels)
            .with_notes(notes);
        let _ = term::emit_to_write_style(&mut buffer, &config, &files, &cs);
    }
    let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    if options.quiet {
        return out;
    }
    let s = Summary::with_options(corpus, diags, options);
    out.push_str(&format!(
        "{}, {}, {} in {}\n",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(s.documents, "document", "documents"),
    ));
    let fixable = diags
        .iter()
        .filter(|d| crate::lint::fix::is_fixable(corpus, d))
        .count();
    if fixable > 0 {
        out.push_str(&format!(
            "[*] {} fixable with `yakkan check --fix`\n",
            plural(fixable, "finding", "findings")
        ));
    }
    out
}
