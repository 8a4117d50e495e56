//! Lawtext layout: the plain-text form of a statute that the Lawtext tool writes from the
//! e-Gov XML (`lawtext -i law.xml --ot lawtext`). The logical lines are those of the
//! e-Gov text of the same statute: indentation removed; `[LawType="Act"]`, `:tag:`
//! prefixes, `# ` and `- ` markers, `<Ruby>` markup and old-law paragraph numbers (①)
//! dropped; the law number `（…第…号）` under the title put before it; tables written as
//! `* - cell` / `  - cell` lists turned into tab-separated rows. Every piece of every line
//! still points at the original bytes.

use super::{physical_lines, trim_range, LineBuilder, LogicalLine};
use crate::source::SourceFile;
use std::ops::Range;

/// The `:tag:` prefixes Lawtext writes before a line (`:enact-statement:…`).
const TAGS: [&str; 33] = [
    "amend-provision",
    "anonym-item",
    "anonym-paragraph",
    "appdx-fig",
    "appdx-format",
    "appdx-note",
    "appdx-style",
    "appdx-table",
    "appdx",
    "arith-formula",
    "caption",
    "enact-statement",
    "fig-struct",
    "format-struct",
    "ignore-title",
    "item",
    "keep-indents",
    "keep-leading-spaces",
    "note-struct",
    "paragraph",
    "preamble",
    "remarks",
    "style-struct-title",
    "style-struct",
    "suppl-note",
    "suppl-provision-appdx-style",
    "suppl-provision-appdx-table",
    "suppl-provision-appdx",
    "suppl-provision",
    "table-struct",
    "toc",
    "xml",
    "list",
];

/// Inline markup Lawtext keeps from the XML: the tags go, their text stays (the reading
/// of a `<Rt>` goes with its tags: e-Gov prints the base text only).
const INLINE_TAGS: [&str; 10] = [
    "<Ruby>", "</Ruby>", "<Sup>", "</Sup>", "<Sub>", "</Sub>", "<Line>", "</Line>", "<b>", "</b>",
];

/// The length of a known `:tag:` at the start of `s`.
pub(super) fn tag_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix(':')?;
    let end = rest.find(':')?;
    TAGS.contains(&&rest[..end]).then_some(end + 2)
}

/// The length of the `[Name="value"]` attributes at the start of `s` (a table cell's
/// `[BorderTop="none"]`, the first line's `[LawType="Act"]`).
pub(super) fn attributes_len(s: &str) -> usize {
    let mut n = 0;
    while let Some(rest) = s[n..].strip_prefix('[') {
        let name = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
            .count();
        let Some(value) = rest[name..].strip_prefix("=\"") else {
            break;
        };
        let Some(close) = value.find("\"]") else {
            break;
        };
        if name == 0 || value[..close].contains(['\n', '"']) {
            break;
        }
        n += 1 + name + 2 + close + 2;
    }
    n
}

/// A parenthesised law number: `（昭和二十五年法律第三百三号）` → the range inside.
pub(super) fn law_number_in_parens(s: &str) -> Option<Range<usize>> {
    let inner = s.strip_prefix('（')?.strip_suffix('）')?;
    let eras = ["明治", "大正", "昭和", "平成", "令和"];
    (eras.iter().any(|e| inner.starts_with(e))
        && inner.ends_with('号')
        && inner.contains('第')
        && !inner.contains(['（', '）'])
        && inner.chars().count() <= 40)
        .then(|| '（'.len_utf8()..'（'.len_utf8() + inner.len())
}

/// An old-law paragraph number (① … ⑳, ㉑ … ㊿) at the start of `s`, with the space
/// after it: e-Gov prints these paragraphs without their number.
fn circled_len(s: &str) -> usize {
    let Some(c) = s.chars().next() else { return 0 };
    if !matches!(c, '\u{2460}'..='\u{2473}' | '\u{3251}'..='\u{325F}' | '\u{32B1}'..='\u{32BF}') {
        return 0;
    }
    let n = c.len_utf8();
    n + s[n..]
        .chars()
        .next()
        .filter(|&c| c == '\u{3000}' || c == ' ')
        .map_or(0, char::len_utf8)
}

/// Pieces of `r` without inline markup (`黄<Ruby>燐<Rt>りん</Rt></Ruby>` → 黄, 燐).
fn inline_pieces(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &text[r.clone()];
    let mut run = 0;
    let mut i = 0;
    while let Some(p) = s[i..].find('<') {
        let at = i + p;
        let rest = &s[at..];
        let skip = if rest.starts_with("<Rt>") {
            rest.find("</Rt>").map(|e| e + "</Rt>".len())
        } else {
            INLINE_TAGS
                .iter()
                .find(|t| rest.starts_with(**t))
                .map(|t| t.len())
        };
        match skip {
            Some(n) => {
                if run < at {
                    out.push(r.start + run..r.start + at);
                }
                i = at + n;
                run = i;
            }
            None => i = at + 1,
        }
    }
    if run < s.len() {
        out.push(r.start + run..r.end);
    }
    out
}

/// The start of a line's text after its markers: `:tag:`, `# `, `- `, and at column 0
/// an old-law paragraph number.
fn body_start(text: &str, r: &Range<usize>, indent: usize) -> usize {
    let mut at = r.start;
    if let Some(n) = tag_len(&text[at..r.end]) {
        at += n;
    }
    let s = &text[at..r.end];
    if s.starts_with("# ") || s.starts_with("- ") {
        at += 2;
    } else if indent == 0 {
        at += circled_len(s);
    }
    at
}

/// One table row being read: its cells, each a list of lines, each a list of pieces.
struct Row {
    /// Indentation of the `* - ` that opened it.
    base: usize,
    line: usize,
    cells: Vec<Vec<Vec<Range<usize>>>>,
}

impl Row {
    /// The row as one logical line, cells separated by tabs and the lines of a cell
    /// by full-width spaces (as e-Gov prints them). Empty trailing cells are left out
    /// (a clean line ends with no tab); an empty leading cell keeps its tab.
    fn finish(self, src: &SourceFile, out: &mut Vec<LogicalLine>) {
        let filled = |c: &Vec<Vec<Range<usize>>>| c.iter().any(|l| !l.is_empty());
        let Some(last) = self.cells.iter().rposition(filled) else {
            return;
        };
        let mut b = LineBuilder::default();
        for (i, cell) in self.cells[..=last].iter().enumerate() {
            if i > 0 {
                b.push_synthetic("\t");
            }
            let mut first = true;
            for line in cell.iter().filter(|l| !l.is_empty()) {
                if !first {
                    b.push_synthetic("\u{3000}");
                }
                first = false;
                for p in line {
                    b.push(src, p.clone(), self.line);
                }
            }
        }
        b.finish(out);
    }
}

/// Logical lines of a document in Lawtext layout.
pub(super) fn lawtext_lines(src: &SourceFile) -> Vec<LogicalLine> {
    let text = &src.text;
    let lines = physical_lines(src);
    let mut out = Vec::new();
    let mut row: Option<Row> = None;
    let mut blank = false;
    let mut skip_line = None;
    // The head: `[LawType="…"]`, then the title, then its law number in parentheses,
    // which e-Gov prints before the title (where the tree builder looks for it).
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !trim_range(text, lines[i].clone()).is_empty())
        .take(3)
        .collect();
    let mut head = nonblank.as_slice();
    if let Some(&first) = head.first() {
        let t = trim_range(text, lines[first].clone());
        if text[t.clone()].starts_with("[LawType=") && attributes_len(&text[t.clone()]) == t.len() {
            skip_line = Some(first);
            head = &head[1..];
        }
    }
    let mut reordered = None;
    if let [_title, number, ..] = head {
        let n = trim_range(text, lines[*number].clone());
        if let Some(inner) = law_number_in_parens(&text[n.clone()]) {
            let mut b = LineBuilder::default();
            b.push(src, n.start + inner.start..n.start + inner.end, *number);
            b.finish(&mut out);
            reordered = Some(*number);
        }
    }
    for (i, r) in lines.iter().cloned().enumerate() {
        if Some(i) == skip_line || reordered == Some(i) {
            continue;
        }
        let t = trim_range(text, r.clone());
        if t.is_empty() {
            blank = true;
            continue;
        }
        let indent = text[r.start..t.start].chars().count();
        let s = &text[t.clone()];
        // A table: `* - ` opens a row and its first cell, `- ` one level deeper another
        // cell, deeper still a line of the current cell (after a `- |` block marker).
        if let Some(cur) = row.as_mut() {
            if indent > cur.base && (s.starts_with("- ") || s == "-") {
                let depth = (indent - cur.base) / 2;
                let content = trim_range(text, (t.start + 1).min(t.end)..t.end);
                if depth <= 1 || cur.cells.is_empty() {
                    cur.cells.push(Vec::new());
                }
                push_cell_line(text, cur, content);
                continue;
            }
        }
        if let Some(done) = row.take() {
            done.finish(src, &mut out);
        }
        if s.starts_with("* - ") || s == "* -" {
            let mut cur = Row {
                base: indent,
                line: i,
                cells: vec![Vec::new()],
            };
            let content = trim_range(text, (t.start + 3).min(t.end)..t.end);
            push_cell_line(text, &mut cur, content);
            row = Some(cur);
            blank = false;
            continue;
        }
        let body = trim_range(text, body_start(text, &t, indent)..t.end);
        let mut b = LineBuilder::default();
        b.set_blank_before(blank);
        for p in inline_pieces(text, body) {
            b.push(src, p, i);
        }
        b.finish(&mut out);
        blank = false;
    }
    if let Some(done) = row.take() {
        done.finish(src, &mut out);
    }
    out
}

/// Add a line of a table cell to the current cell of `row`: its attributes and a `|`
/// block marker dropped.
fn push_cell_line(text: &str, row: &mut Row, content: Range<usize>) {
    let start = content.start + attributes_len(&text[content.clone()]);
    let content = trim_range(text, start..content.end);
    let pieces = if &text[content.clone()] == "|" {
        Vec::new()
    } else {
        inline_pieces(text, content)
    };
    if let Some(cell) = row.cells.last_mut() {
        cell.push(pieces);
    }
}

/// An item written at column 0 (`一　…`): the e-Gov text writes items so, Lawtext never
/// (it indents them).
fn is_column0_item(line: &str) -> bool {
    let n = line
        .chars()
        .take_while(|c| "一二三四五六七八九十百千".contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    n > 0 && line[n..].starts_with('\u{3000}')
}

/// Does `text` show the unambiguous signs of Lawtext layout? The first line
/// `[LawType="…"]` or a line with a Lawtext `:tag:` decides alone; so does the head
/// Lawtext writes (the title, its law number in parentheses on the very next line, then
/// a blank line) in a text with no item at column 0. Otherwise two of: that law number
/// line, a 附則 heading indented with spaces, a caption indented by two spaces directly
/// above an article at column 0, a table row `* - ` with a cell `- ` below it.
pub(super) fn looks_like_lawtext(text: &str, lines: &[Range<usize>]) -> bool {
    let blank = |i: usize| {
        lines
            .get(i)
            .is_none_or(|r| text[r.clone()].trim_matches(super::is_space).is_empty())
    };
    let Some(first) = (0..lines.len()).find(|&i| !blank(i)) else {
        return false;
    };
    let line = |i: usize| text[lines[i].clone()].trim_end_matches(super::is_space);
    let head = line(first);
    if head.starts_with("[LawType=") && attributes_len(head) == head.len() {
        return true;
    }
    let law_number = !blank(first + 1)
        && law_number_in_parens(line(first + 1).trim_start_matches(super::is_space)).is_some();
    let lawtext_head = law_number && blank(first + 2);
    let nonblank: Vec<&str> = (first..lines.len())
        .filter(|&i| !blank(i))
        .map(line)
        .collect();
    let (mut suppl, mut caption, mut table, mut column0_item) = (false, false, false, false);
    for (i, l) in nonblank.iter().enumerate() {
        let body = l.trim_start_matches(' ');
        let indent = l.len() - body.len();
        if tag_len(body).is_some() {
            return true;
        }
        column0_item |= indent == 0 && is_column0_item(body);
        if indent >= 2 && (body.starts_with("附　則") || body.starts_with("附則")) {
            suppl = true;
        }
        if indent == 2
            && body.starts_with('（')
            && body.ends_with('）')
            && nonblank
                .get(i + 1)
                .is_some_and(|n| n.starts_with('第') && n.contains('条'))
        {
            caption = true;
        }
        if body.starts_with("* - ")
            && nonblank.get(i + 1).is_some_and(|n| {
                let nb = n.trim_start_matches(' ');
                nb.starts_with("- ") && n.len() - nb.len() > indent
            })
        {
            table = true;
        }
        if [law_number, suppl, caption, table]
            .iter()
            .filter(|&&b| b)
            .count()
            >= 2
        {
            return true;
        }
    }
    lawtext_head && !column0_item
}

#[cfg(test)]
mod tests {
    use super::super::{test_lines as lines, LayoutKind};
    use super::*;

    #[test]
    fn markers_indents_and_tables_go() {
        let text = "[LawType=\"Act\"]\r\n見本法\r\n（令和九年法律第九十九号）\r\n\r\n:enact-statement:見本を定める。\r\n\r\n  （目的）\r\n第一条　この法律は、見本を定める。\r\n  一　黄<Ruby>燐<Rt>りん</Rt></Ruby>\r\n②　前項の例による。\r\n\r\n# 別表\r\n\r\n  * - [BorderTop=\"none\"]上欄\r\n    - |\r\n      - 甲\r\n      - 乙\r\n  * - \r\n    - 下欄\r\n";
        let (k, l) = lines(text);
        assert_eq!(k, LayoutKind::Lawtext);
        assert_eq!(
            l,
            [
                "令和九年法律第九十九号",
                "見本法",
                "見本を定める。",
                "（目的）",
                "第一条　この法律は、見本を定める。",
                "一　黄燐",
                "前項の例による。",
                "別表",
                "上欄\t甲\u{3000}乙",
                "\t下欄",
            ]
        );
    }

    #[test]
    fn attributes_and_law_numbers() {
        assert_eq!(attributes_len("[A=\"b\"][C=\"d\"]x"), 14);
        assert_eq!(attributes_len("[注]x"), 0);
        let s = "（平成五年法律第八十八号）";
        let r = law_number_in_parens(s).expect("a law number");
        assert_eq!(&s[r], "平成五年法律第八十八号");
        assert_eq!(law_number_in_parens("（目的）"), None);
        assert_eq!(tag_len(":table-struct:一"), Some(14));
        assert_eq!(tag_len(":smile:"), None);
    }

    #[test]
    fn one_sign_is_not_enough() {
        // Indented captions alone: a clean document may indent them too.
        let (k, _) = lines("規約\n\n  （目的）\n第1条　本規約は定めます。\n");
        assert_eq!(k, LayoutKind::Clean);
        let (k, _) = lines("見本法\n（令和九年法律第九十九号）\n\n  （目的）\n第一条　定める。\n");
        assert_eq!(k, LayoutKind::Lawtext);
    }
}
