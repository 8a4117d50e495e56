//! `yakkan fmt`: the canonical clean text of a document — one heading, paragraph or
//! table cell per line, a blank line before every article and chapter heading. Only
//! whitespace and line structure change: every other character stays, in order.

use crate::layout::{self, LogicalLine};
use crate::parse::line::{classify, LineKind};
use crate::source::SourceFile;

/// The canonical clean text of a source. A Markdown document stays Markdown: its markup
/// (headings, list markers and their indentation) is structure, so only its white space
/// is normalised — trailing spaces, line ends, runs of blank lines.
pub fn format_source(src: &SourceFile) -> String {
    let (kind, lines) = layout::logical_lines(src);
    match kind {
        layout::LayoutKind::Markdown => format_markdown(&src.text),
        _ => format_lines(&lines),
    }
}

fn format_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.split(['\n', '\r']).map(|l| l.trim_end()) {
        if line.trim_start().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn format_lines(lines: &[LogicalLine]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.text.len() + 2).sum());
    let mut first = true;
    let mut after_caption = false;
    for l in lines {
        // Clean text has no spaces at either end of a line (a re-read would trim them):
        // Markdown table rows can end in the tab of an empty cell.
        let text = l.text.trim_matches(layout::is_space);
        if text.is_empty() {
            continue;
        }
        let kind = classify(text);
        let heading = matches!(
            kind,
            LineKind::Article { .. }
                | LineKind::Division { .. }
                | LineKind::Suppl { .. }
                | LineKind::Caption { .. }
                | LineKind::ArticleRange { .. }
                | LineKind::EndMarker
        );
        // A blank line before a heading, except right after the title (which has one) and
        // between a caption line and the article below it, which stay together.
        if heading && !first && !after_caption && !out.ends_with("\n\n") {
            out.push('\n');
        }
        // Keep the text as one line: a line end inside it would change the structure.
        for c in text.chars() {
            out.push(if c == '\n' || c == '\r' { ' ' } else { c });
        }
        out.push('\n');
        if first {
            out.push('\n');
        }
        first = false;
        after_caption = matches!(kind, LineKind::Caption { .. });
    }
    out
}

/// Write `text` to `path` atomically (temp file in the same folder, then rename), only
/// when it differs from what is there. Returns whether the file changed.
pub fn write_if_changed(path: &std::path::Path, text: &str) -> std::io::Result<bool> {
    if std::fs::read(path).ok().as_deref() == Some(text.as_bytes()) {
        return Ok(false);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.yakkan-{}.tmp", std::process::id()));
    std::fs::write(&tmp, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    match std::fs::rename(&tmp, path) {
        Ok(()) => Ok(true),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
