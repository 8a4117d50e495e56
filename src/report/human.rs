//! Human output: codespan-reporting with the rule code and name, the source line, notes
//! and a help line; a summary at the end.

use super::Summary;
use crate::corpus::Corpus;
use crate::lint::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer, Config};

/// Render all diagnostics; `color` adds ANSI colours.
pub fn render_human(corpus: &Corpus, diags: &[Diagnostic], color: bool) -> String {
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
        let cs = CsDiagnostic::new(severity)
            .with_code(format!("{}/{}", d.code, d.rule))
            .with_message(f.message.clone())
            .with_labels(labels)
            .with_notes(notes);
        let _ = term::emit_to_write_style(&mut buffer, &config, &files, &cs);
    }
    let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    let s = Summary::of(corpus, diags);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    out.push_str(&format!(
        "{}, {}, {} in {}\n",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(s.documents, "document", "documents"),
    ));
    out
}
