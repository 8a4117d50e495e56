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

/// A file path as a SARIF `artifactLocation.uri`: a URI reference (RFC 3986) whose
/// path keeps `/` and the unreserved characters and percent-encodes every other byte
/// of its UTF-8 form (spaces, `#`, `%`, `:`, non-ASCII). On Windows `\` separates
/// folders and becomes `/`; elsewhere it is a character of the name.
pub fn uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
                "help": {"text": m.explain()},
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
            let related: Vec<Value> = d
                .finding
                .labels
                .iter()
                .filter_map(|l| {
                    let doc = corpus.docs.get(l.doc)?;
                    let (line, column) = super::line_col(&doc.source, l.range.start);
                    let (end_line, end_column) =
                        super::line_col(&doc.source, l.range.end.max(l.range.start));
                    Some((doc, line, column, end_line, end_column, &l.message))
                })
                .enumerate()
                .map(|(id, (doc, line, column, end_line, end_column, message))| {
                    json!({
                        "id": id,
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri(&doc.path)},
                            "region": {
                                "startLine": line,
                                "startColumn": column,
                                "endLine": end_line,
                                "endColumn": end_column,
                            }
                        },
                        "message": {"text": message},
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&loc.file)},
                        "region": {
                            "startLine": loc.line,
                            "startColumn": loc.column,
                            "endLine": loc.end_line,
                            "endColumn": loc.end_column,
                        }
                    },
                    "logicalLocations": [{"fullyQualifiedName": d.finding.path}],
                }],
                // The baseline's fingerprint: code scanning tracks a finding by it
                // across commits, whatever line it moves to.
                "partialFingerprints": {
                    crate::lint::baseline::SARIF_KEY: crate::lint::baseline::fingerprint(corpus, d),
                },
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            result
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

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("clauses/a-b_c.~1.txt"), "clauses/a-b_c.~1.txt");
        assert_eq!(uri("my docs/#1 100%.txt"), "my%20docs/%231%20100%25.txt");
        assert_eq!(uri("規約.txt"), "%E8%A6%8F%E7%B4%84.txt");
        // A colon in the first segment would read as a scheme.
        assert_eq!(uri("a:b.txt"), "a%3Ab.txt");
        assert_eq!(uri("/abs/x?y.txt"), "/abs/x%3Fy.txt");
    }
}
