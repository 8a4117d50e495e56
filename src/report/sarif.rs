//! `check --format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it.

use super::location;
use crate::corpus::Corpus;
use crate::lint::{registry, Diagnostic, Severity};
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn render_sarif(corpus: &Corpus, diags: &[Diagnostic]) -> String {
    let rules: Vec<Value> = registry()
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.explain},
                "defaultConfiguration": {"level": level(m.severity)},
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let loc = location(corpus, d);
            let index = registry()
                .iter()
                .position(|r| r.meta().code == d.code)
                .unwrap_or(0);
            let mut text = d.finding.message.clone();
            for n in &d.finding.notes {
                text.push('\n');
                text.push_str(n);
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": loc.file.replace('\\', "/")},
                        "region": {
                            "startLine": loc.line,
                            "startColumn": loc.column,
                            "endLine": loc.end_line,
                            "endColumn": loc.end_column,
                        }
                    },
                    "logicalLocations": [{"fullyQualifiedName": d.finding.path}],
                }],
            })
        })
        .collect();
    let report = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "yakkan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/yakkan/yakkan",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
