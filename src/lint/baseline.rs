//! Baselines: `check --write-baseline FILE` records today's findings, `--baseline FILE`
//! reports only the new ones. A finding is known by its fingerprint — its rule, its
//! document's id, the provision path it stands in and the text it points at — never by
//! its line or column, so text that moves keeps its fingerprint. SARIF carries the same
//! fingerprint in `partialFingerprints`.

use super::Diagnostic;
use crate::corpus::Corpus;
use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The key of the fingerprint in SARIF's `partialFingerprints`.
pub const SARIF_KEY: &str = "yakkan/v1";

/// FNV-1a, 64 bits: stable across platforms and Rust releases (std's hasher is not).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The text a finding points at, without the line breaks and spaces of hard wraps, so
/// that reflowing a paragraph (`yakkan fmt`) keeps it.
fn pointed_text(corpus: &Corpus, d: &Diagnostic) -> String {
    let src = &corpus.docs[d.finding.doc].source.text;
    src.get(d.finding.range.clone())
        .unwrap_or_default()
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r' | ' ' | '\t'))
        .collect()
}

/// A finding's fingerprint: 16 hex digits.
pub fn fingerprint(corpus: &Corpus, d: &Diagnostic) -> String {
    let doc = &corpus.docs[d.finding.doc];
    let text = pointed_text(corpus, d);
    format!("{:016x}", fnv1a(&[d.code, &doc.id, &d.finding.path, &text]))
}

/// One recorded finding. Everything but the fingerprint is there for people reading
/// the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub document: String,
    pub path: String,
    pub text: String,
}

/// The baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// A baseline that cannot be read (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{0}: cannot read the baseline: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0}: not a yakkan baseline: {1}")]
    Invalid(PathBuf, String),
}

impl Baseline {
    pub fn of(corpus: &Corpus, diags: &[Diagnostic]) -> Baseline {
        let mut findings: Vec<Entry> = diags
            .iter()
            .map(|d| Entry {
                fingerprint: fingerprint(corpus, d),
                code: d.code.to_string(),
                document: corpus.docs[d.finding.doc].id.clone(),
                path: d.finding.path.to_string(),
                text: pointed_text(corpus, d),
            })
            .collect();
        findings.sort_by(|a, b| {
            (&a.document, &a.code, &a.path, &a.fingerprint).cmp(&(
                &b.document,
                &b.code,
                &b.path,
                &b.fingerprint,
            ))
        });
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let bytes = crate::limits::read_bounded(path, crate::limits::max_file_size())
            .map_err(|e| BaselineError::Read(path.into(), e.into_io()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| BaselineError::Invalid(path.into(), "not UTF-8".into()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| BaselineError::Invalid(path.into(), e.to_string()))?;
        if b.version != 1 {
            return Err(BaselineError::Invalid(
                path.into(),
                format!("version {} (this yakkan writes version 1)", b.version),
            ));
        }
        Ok(b)
    }

    /// Keep only the findings the baseline does not hold. A fingerprint recorded n
    /// times silences n findings: a second copy of a known defect is new.
    pub fn retain_new(&self, corpus: &Corpus, diags: &mut Vec<Diagnostic>) {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for e in &self.findings {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        diags.retain(|d| {
            let fp = fingerprint(corpus, d);
            match left.get_mut(fp.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fnv_is_the_published_function() {
        // FNV-1a of "a" is af63dc4c8601ec8c; ours adds a 0 byte after each part.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        h ^= u64::from(b'a');
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        assert_eq!(h, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(super::fnv1a(&["ab", "c"]), super::fnv1a(&["a", "bc"]));
    }
}
