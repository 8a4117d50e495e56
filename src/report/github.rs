//! `check --format github`: GitHub Actions workflow commands, one line per finding.

use super::location;
use crate::corpus::Corpus;
use crate::lint::{Diagnostic, Severity};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render_github(corpus: &Corpus, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let loc = location(corpus, d);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&loc.file),
            loc.line,
            loc.column,
            loc.end_line,
            loc.end_column,
            escape_property(&format!("{} {}", d.code, d.rule)),
            escape_data(&d.finding.message)
        ));
    }
    out
}
