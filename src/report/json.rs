//! `check --format json` exactly as SPEC §4.

use super::{location, notes_with_help, Options, Summary};
use crate::corpus::Corpus;
use crate::lint::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// PDF only: the page `line` is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    path: &'a str,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

pub fn render_json(corpus: &Corpus, diags: &[Diagnostic]) -> String {
    render_json_with(corpus, diags, &Options::default())
}

/// JSON with the summary counting the documents reported on.
pub fn render_json_with(corpus: &Corpus, diags: &[Diagnostic], options: &Options) -> String {
    let report = JsonReport {
        version: 1,
        diagnostics: diags
            .iter()
            .map(|d| {
                let loc = location(corpus, d);
                JsonDiagnostic {
                    code: d.code,
                    rule: d.rule,
                    severity: d.severity.as_str(),
                    message: &d.finding.message,
                    file: loc.file,
                    line: loc.line,
                    column: loc.column,
                    end_line: loc.end_line,
                    end_column: loc.end_column,
                    page: loc.page,
                    path: &d.finding.path,
                    notes: notes_with_help(d),
                }
            })
            .collect(),
        summary: Summary::with_options(corpus, diags, options),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
