//! Markdown layout: terms published on web sites. Headings, list items and table rows
//! become logical lines with their markup removed; spans still point into the Markdown.

use super::{trim_range, LineBuilder, LogicalLine, MarkdownHint};
use crate::source::SourceFile;
use std::ops::Range;

/// Logical lines of a Markdown document.
pub fn markdown_lines(src: &SourceFile) -> Vec<LogicalLine> {
    let text = &src.text;
    let mut out = Vec::new();
    let mut blank = false;
    let mut in_front_matter = false;
    let mut in_comment = false;
    let mut in_fence = false;
    // Indents of the open list levels, to turn indentation into nesting depth.
    let mut list_indents: Vec<usize> = Vec::new();
    for i in 0..src.line_count() {
        let std::ops::Range { start: s, end: e } = src.line_range(i);
        let raw = &text[s..e];
        let trimmed = raw.trim();
        if i == 0 && trimmed == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            if trimmed == "---" {
                in_front_matter = false;
            }
            continue;
        }
        if in_comment {
            if let Some(p) = raw.find("-->") {
                in_comment = false;
                let rest = trim_range(text, s + p + 3..e);
                if rest.is_empty() {
                    continue;
                }
            } else {
                continue;
            }
        }
        if trimmed.starts_with("<!--") {
            if !trimmed.contains("-->") {
                in_comment = true;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        // Table separator rows |---|---|
        if trimmed.starts_with('|') && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        // Thematic breaks: ---, ***, ___ (three or more, spaces allowed).
        if !in_fence && is_thematic_break(trimmed) {
            blank = true;
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let mut pos = s + indent;
        let mut hint = MarkdownHint::default();
        let body = &text[pos..e];
        if !in_fence {
            if let Some(level) = heading_level(body) {
                hint.heading = Some(u8::try_from(level).unwrap_or(u8::MAX));
                pos += level;
                list_indents.clear();
            } else if let Some((marker_len, ordered)) = list_marker(body) {
                while list_indents.last().is_some_and(|&d| d > indent) {
                    list_indents.pop();
                }
                if list_indents.last() != Some(&indent) {
                    list_indents.push(indent);
                }
                hint.list = Some((
                    u8::try_from(list_indents.len() - 1).unwrap_or(u8::MAX),
                    ordered,
                ));
                // The marker without the space after it.
                hint.set_marker(pos..pos + marker_len - 1);
                pos += marker_len;
            } else if let Some(rest) = body
                .strip_prefix(":   ")
                .or_else(|| body.strip_prefix(": "))
            {
                pos = e - rest.len();
            } else if body.starts_with('>') {
                pos += 1;
            } else if indent == 0 {
                list_indents.clear();
            }
        }
        let mut b = LineBuilder {
            markdown: hint,
            ..Default::default()
        };
        b.set_blank_before(blank);
        let r = trim_range(text, pos..e);
        let r = strip_heading_tail(text, r, hint.heading.is_some());
        if text[r.clone()].starts_with('|') {
            push_table_row(src, &mut b, r, i);
        } else {
            push_inline(src, &mut b, r, i);
        }
        if !b.is_empty() {
            b.finish(&mut out);
            blank = false;
        }
    }
    out
}

fn is_thematic_break(s: &str) -> bool {
    let marks: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && ['-', '*', '_'].iter().any(|m| marks.iter().all(|c| c == m))
}

fn heading_level(s: &str) -> Option<usize> {
    let n = s.bytes().take_while(|&b| b == b'#').count();
    (1..=6)
        .contains(&n)
        .then_some(n)
        .filter(|&n| s[n..].starts_with([' ', '\t']) || s.len() == n)
}

/// `- `, `* `, `+ `, `1. `, `1) `: (marker length including the space, ordered).
fn list_marker(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && b[1] == b' ' {
        // "---" and "***" are rules, not lists.
        return Some((2, false));
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && b.len() > digits + 1
        && matches!(b[digits], b'.' | b')')
        && b[digits + 1] == b' '
    {
        return Some((digits + 2, true));
    }
    None
}

/// Remove ` {#anchor}` and closing `#`s from a heading.
fn strip_heading_tail(text: &str, mut r: Range<usize>, heading: bool) -> Range<usize> {
    if !heading {
        return r;
    }
    let s = &text[r.clone()];
    if s.ends_with('}') {
        if let Some(p) = s.rfind(" {") {
            r.end = r.start + p;
        }
    }
    let s = &text[r.clone()];
    let t = s.trim_end_matches('#');
    if t.len() != s.len() && t.ends_with(' ') {
        r.end = r.start + t.len();
    }
    trim_range(text, r)
}

/// `| a | b |` → cells joined by a tab (the tab is not in the source; the map skips it).
fn push_table_row(src: &SourceFile, b: &mut LineBuilder, r: Range<usize>, line: usize) {
    let text = &src.text;
    let inner = r.start + 1..if text[r.clone()].ends_with('|') && r.len() > 1 {
        r.end - 1
    } else {
        r.end
    };
    let mut first = true;
    let mut cell_start = inner.start;
    let mut cells = Vec::new();
    for (off, c) in text[inner.clone()].char_indices() {
        if c == '|' {
            cells.push(cell_start..inner.start + off);
            cell_start = inner.start + off + 1;
        }
    }
    cells.push(cell_start..inner.end);
    for cell in cells {
        if !first {
            b.push_synthetic("\t");
        }
        first = false;
        push_inline(src, b, trim_range(text, cell), line);
    }
}

/// Push a span of inline Markdown, dropping emphasis markers, link targets and images.
fn push_inline(src: &SourceFile, b: &mut LineBuilder, r: Range<usize>, line: usize) {
    let text = &src.text;
    let s = &text[r.clone()];
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut run = 0; // start of the current verbatim run
    let flush = |b: &mut LineBuilder, from: usize, to: usize| {
        if from < to {
            b.push(src, r.start + from..r.start + to, line);
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'*' | b'_' | b'`' => {
                // Emphasis and code markers: drop runs of them.
                let c = bytes[i];
                let n = bytes[i..].iter().take_while(|&&x| x == c).count();
                let word_inner = c == b'_'
                    && i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + n).is_some_and(|x| x.is_ascii_alphanumeric());
                if !word_inner {
                    flush(b, run, i);
                    run = i + n;
                }
                i += n;
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => {
                // ![alt](url): dropped entirely.
                if let Some(end) = link_end(s, i + 1) {
                    flush(b, run, i);
                    i = end.1;
                    run = i;
                } else {
                    i += 1;
                }
            }
            b'[' => {
                if let Some((text_end, end)) = link_end(s, i) {
                    flush(b, run, i);
                    push_inline(src, b, r.start + i + 1..r.start + text_end, line);
                    i = end;
                    run = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    flush(b, run, bytes.len());
}

/// For `[text](url)` starting at `open`: (offset of `]`, offset after `)`).
fn link_end(s: &str, open: usize) -> Option<(usize, usize)> {
    let close = open + s[open..].find("](")?;
    if s[open + 1..close].contains('[') {
        return None;
    }
    let end = close + 2 + s[close + 2..].find(')')?;
    // Skip attribute lists such as {: target=_blank }
    let mut after = end + 1;
    if s[after..].starts_with('{') {
        if let Some(p) = s[after..].find('}') {
            after += p + 1;
        }
    }
    Some((close, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(String, MarkdownHint)> {
        let src = SourceFile::from_text("t.md", text);
        markdown_lines(&src)
            .into_iter()
            .map(|l| (l.text.to_string(), l.markdown))
            .collect()
    }

    #[test]
    fn headings_lists_and_inline_markup() {
        let l = lines("---\ntitle: x\n---\n# 規約\n\n## 第1条（目的）\n\n本規約は**重要**です。[リンク](http://x)\n\n1. 一つ目\n    1. 入れ子\n2. 二つ目\n<!-- c -->\n");
        let texts: Vec<&str> = l.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "規約",
                "第1条（目的）",
                "本規約は重要です。リンク",
                "一つ目",
                "入れ子",
                "二つ目"
            ]
        );
        assert_eq!(l[0].1.heading, Some(1));
        assert_eq!(l[3].1.list, Some((0, true)));
        assert!(l[3].1.marker.is_some());
        assert_eq!(l[0].1.marker, None);
        assert_eq!(l[4].1.list, Some((1, true)));
        assert_eq!(l[5].1.list, Some((0, true)));
    }

    #[test]
    fn table_rows_become_tab_separated_cells() {
        let l = lines("| 用語 | 意味 |\n|---|---|\n| 当社 | 運営者 |\n");
        assert_eq!(l[1].0, "当社\t運営者");
    }
}
