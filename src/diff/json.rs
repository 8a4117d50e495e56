//! The diff as JSON (the serde structure of [`Diff`], see the module documentation).

use super::Diff;

/// The JSON report (see the module documentation).
pub fn render_json(diff: &Diff) -> String {
    serde_json::to_string_pretty(diff).unwrap_or_else(|_| "{}".into()) + "\n"
}
