//! The configuration a manifest carries, below both `corpus` (which reads it from
//! yakkan.yaml) and `lint` (which applies it): severities, levels, and the names of the
//! rules a manifest may configure. Nothing here knows how a rule works.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "off" | "false" | "allow" => Level::Off,
            "info" | "note" => Level::On(Severity::Info),
            "warning" | "warn" => Level::On(Severity::Warning),
            "error" | "deny" => Level::On(Severity::Error),
            _ => return None,
        })
    }
}

/// Every rule's code and name, in code order: what `rules:` and `ignore:` of a manifest
/// may name. The linter's registry declares the same rules (a test in `lint` holds the
/// two together).
pub const RULE_NAMES: &[(&str, &str)] = &[
    ("Y001", "unused-suppression"),
    ("Y101", "numbering-gap"),
    ("Y102", "numbering-duplicate"),
    ("Y103", "numbering-order"),
    ("Y104", "mixed-numbering-style"),
    ("Y105", "unbalanced-bracket"),
    ("Y106", "unplaced-text"),
    ("Y107", "single-item-list"),
    ("Y201", "undefined-term"),
    ("Y202", "unused-definition"),
    ("Y203", "duplicate-definition"),
    ("Y204", "self-abbreviation"),
    ("Y205", "use-before-definition"),
    ("Y206", "defined-in-mismatch"),
    ("Y207", "abbreviation-not-used"),
    ("Y208", "out-of-scope-use"),
    ("Y209", "used-once"),
    ("Y301", "dangling-reference"),
    ("Y302", "dangling-external-reference"),
    ("Y303", "invalid-relative-reference"),
    ("Y304", "reference-caption-mismatch"),
    ("Y305", "self-reference"),
    ("Y306", "unknown-document"),
    ("Y307", "reference-to-deleted"),
    ("Y311", "statute-provision-missing"),
    ("Y312", "statute-article-deleted"),
    ("Y313", "statute-caption-mismatch"),
    ("Y314", "statute-name-misspelled"),
    ("Y401", "precedence-conflict"),
    ("Y402", "precedence-cycle"),
    ("Y403", "precedence-manifest-mismatch"),
    ("Y404", "override-violation"),
    ("Y405", "unordered-conflict"),
    ("Y501", "definition-conflict"),
    ("Y502", "value-conflict"),
    ("Y601", "mixed-digit-width"),
    ("Y602", "counter-variant"),
    ("Y603", "mixed-politeness"),
    ("Y604", "invalid-date"),
    ("Y605", "stray-space"),
    ("Y606", "placeholder"),
    ("Y607", "weekday-mismatch"),
    ("Y608", "conjunction-hierarchy"),
    ("Y701", "full-exemption"),
    ("Y702", "liability-cap-without-carve-out"),
    ("Y703", "self-judged-liability"),
    ("Y704", "cancellation-fee-without-basis"),
    ("Y705", "incomplete-change-clause"),
    ("Y706", "missing-expected-clause"),
];

/// The code of a rule named by its code (Y601, any case) or its name
/// (mixed-digit-width).
pub fn find_rule(key: &str) -> Option<&'static str> {
    let key = key.trim();
    RULE_NAMES
        .iter()
        .find(|(code, name)| code.eq_ignore_ascii_case(key) || *name == key)
        .map(|(code, _)| *code)
}
