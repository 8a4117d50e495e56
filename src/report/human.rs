//! Human output: codespan-reporting with the rule code and name, the source line, notes
//! and a help line; a summary at the end.

use super::{plural, Options, Summary};
use crate::corpus::Corpus;
use crate::lint::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer, Config};

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
