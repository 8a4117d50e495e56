//! The 新旧対照表 as one self-contained HTML page.

use super::*;

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

fn html_cell(e: &Entry, col: Col) -> String {
    let lines = cell_lines(e, col);
    if lines.is_empty() {
        let a = absent(e, col);
        return if a.is_empty() {
            String::new()
        } else {
            format!("<div class=\"absent\">{a}</div>")
        };
    }
    let mut out = String::new();
    for l in lines {
        match l {
            None => out.push_str("<div class=\"elided\">（略）</div>"),
            Some(segs) => {
                out.push_str("<div class=\"line\">");
                for seg in segs {
                    let t = html_escape(&seg.text);
                    match seg.op {
                        Op::Equal => out.push_str(&t),
                        Op::Insert => out.push_str(&format!("<ins>{t}</ins>")),
                        Op::Delete => out.push_str(&format!("<del>{t}</del>")),
                    }
                }
                out.push_str("</div>");
            }
        }
    }
    out
}

// As official 新旧対照表: the changed passages are underlined (傍線) on both sides, the
// old text is never struck through.
const CSS: &str = "body{font-family:\"Hiragino Mincho ProN\",\"Yu Mincho\",\"Noto Serif JP\",serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1f2328;line-height:1.7}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #d0d7de}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{border:1px solid #8c959f;padding:.4em .6em;vertical-align:top;word-break:break-all}\
th{background:#f6f8fa;width:50%}\
ins,del{text-decoration:underline;text-decoration-thickness:1.5px;text-underline-offset:.2em}\
.elided,.absent{color:#57606a}.summary,.files{color:#424a53}\
code{font-family:ui-monospace,monospace;font-size:.9em}\
tr.renumbered td,tr.moved td{color:#424a53}";

/// The 新旧対照表 as one self-contained HTML page (inline CSS, no script).
pub fn render_html(diff: &Diff) -> String {
    // Titled by the document compared (the first one of a corpus), never by a path.
    let title = match diff.documents.first().map(|d| d.title.trim()) {
        Some(t) if !t.is_empty() => format!("新旧対照表 — {}", html_escape(t)),
        _ => "新旧対照表".to_string(),
    };
    let mut s = format!("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>");
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body>\n<h1>新旧対照表</h1>\n");
    s.push_str(&format!(
        "<p class=\"files\">旧: <code>{}</code><br>新: <code>{}</code></p>\n<p class=\"summary\">{}</p>\n<p class=\"note\">（傍線の部分は改正部分）</p>\n",
        html_escape(&diff.old),
        html_escape(&diff.new),
        html_escape(&summary_line(&diff.summary))
    ));
    for section in sections(diff) {
        let d = section.doc;
        s.push_str(&format!("<h2>{}</h2>\n", html_escape(&doc_heading(d))));
        let files = files_line(d, |f| format!("<code>{}</code>", html_escape(f)));
        s.push_str(&format!("<p class=\"files\">{files}</p>\n"));
        if section.unchanged() {
            s.push_str("<p>変更はありません。</p>\n");
        }
        if section.is_empty() {
            continue;
        }
        let Section { rows, stale, .. } = section;
        if !rows.is_empty() {
            s.push_str("<table>\n<thead><tr><th>新</th><th>旧</th></tr></thead>\n<tbody>\n");
            for e in rows {
                s.push_str(&format!(
                    "<tr class=\"{}\" title=\"{}\"><td>{}</td><td>{}</td></tr>\n",
                    kind_word(e.kind),
                    html_escape(&e.message),
                    html_cell(e, Col::New),
                    html_cell(e, Col::Old)
                ));
            }
            s.push_str("</tbody>\n</table>\n");
        }
        if !stale.is_empty() {
            s.push_str("<h3>参照の更新漏れ</h3>\n<ul>\n");
            for e in stale {
                if let Some(r) = &e.reference {
                    s.push_str(&format!(
                        "<li><code>{}:{}:{}</code> {}</li>\n",
                        html_escape(&r.file),
                        r.line,
                        r.column,
                        html_escape(&e.message)
                    ));
                }
            }
            s.push_str("</ul>\n");
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}
