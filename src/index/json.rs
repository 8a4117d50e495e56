//! The index as JSON: the serde structure of [`Index`] (see the module documentation).

use super::Index;

/// The index as pretty JSON (with a final newline).
pub fn to_json(index: &Index) -> String {
    serde_json::to_string_pretty(index).unwrap_or_else(|_| "{}".to_string()) + "\n"
}
