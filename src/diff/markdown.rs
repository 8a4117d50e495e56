//! The 新旧対照表 in Markdown.

use super::*;

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\r' | '\t' => out.push(' '),
            c if crate::report::escape::is_unsafe(c) => out.push_str(&crate::mdsafe::visible(c)),
            _ => out.push(c),
        }
    }
    out
}

/// Wrap a marked piece in a Markdown marker, keeping white space outside the marker.
fn md_mark(s: &str, marker: &str) -> String {
    let mut out = String::new();
    for (k, piece) in s.split('\n').enumerate() {
        if k > 0 {
            out.push_str("<br>");
        }
        let t = piece.trim();
        if t.is_empty() {
            out.push_str(&md_escape(piece));
            continue;
        }
        let lead = &piece[..piece.len() - piece.trim_start().len()];
        let trail = &piece[piece.trim_end().len()..];
        out.push_str(&md_escape(lead));
        out.push_str(marker);
        out.push_str(&md_escape(t));
        out.push_str(marker);
        out.push_str(&md_escape(trail));
    }
    out
}

fn md_cell(e: &Entry, col: Col) -> String {
    let lines = cell_lines(e, col);
    if lines.is_empty() {
        return absent(e, col).to_string();
    }
    let mut out = Vec::new();
    for l in lines {
        match l {
            None => out.push("（略）".to_string()),
            Some(segs) => out.push(
                segs.iter()
                    .map(|s| match s.op {
                        Op::Equal => md_escape(&s.text),
                        Op::Insert => md_mark(&s.text, "**"),
                        Op::Delete => md_mark(&s.text, "~~"),
                    })
                    .collect(),
            ),
        }
    }
    out.join("<br>")
}

/// The 新旧対照表 in Markdown: 新 on the left, 旧 on the right; **inserted**,
/// ~~deleted~~; unchanged parts as （略）.
pub fn render_markdown(diff: &Diff) -> String {
    let mut s = String::from("# 新旧対照表\n\n");
    s.push_str(&format!(
        "- 旧 (old): {}\n- 新 (new): {}\n\n{}\n",
        crate::mdsafe::code(&diff.old.replace('`', "'")),
        crate::mdsafe::code(&diff.new.replace('`', "'")),
        summary_line(&diff.summary)
    ));
    for section in sections(diff) {
        let d = section.doc;
        s.push_str(&format!("\n## {}\n\n", md_escape(&doc_heading(d))));
        s.push_str(&files_line(d, crate::mdsafe::code).replace('\n', " "));
        s.push('\n');
        if section.unchanged() {
            s.push_str("\n変更はありません。\n");
        }
        if section.is_empty() {
            continue;
        }
        let Section { rows, stale, .. } = section;
        if !rows.is_empty() {
            s.push_str("\n| 新 | 旧 |\n| --- | --- |\n");
            for e in &rows {
                s.push_str(&format!(
                    "| {} | {} |\n",
                    md_cell(e, Col::New),
                    md_cell(e, Col::Old)
                ));
            }
        }
        if !stale.is_empty() {
            s.push_str("\n### 参照の更新漏れ (stale references)\n\n");
            for e in stale {
                if let Some(r) = &e.reference {
                    s.push_str(&format!(
                        "- {} {}\n",
                        crate::mdsafe::code(&format!(
                            "{}:{}:{}",
                            r.file.replace('`', "'"),
                            r.line,
                            r.column
                        )),
                        md_escape(&e.message)
                    ));
                }
            }
        }
    }
    s
}
