//! Text from documents and manifests made safe inside Markdown: a code span that nothing
//! can close early, a Mermaid label that cannot carry markup or close its quotes, and
//! control and bidi characters shown as escapes (as in human output).

use crate::report::escape::is_unsafe;

/// A control or bidi character as visible text.
pub fn visible(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// `s` as one inline code span: on one line, controls shown, fenced by more backticks
/// than any run inside it (CommonMark), padded when it starts or ends with one.
pub fn code(s: &str) -> String {
    let mut body = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => body.push(' '),
            c if is_unsafe(c) => body.push_str(&visible(c)),
            c => body.push(c),
        }
    }
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') || body.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// `s` as the text of a quoted Mermaid label (`id["…"]`): Mermaid's entity codes for
/// what could end the quotes or become markup, one line, controls shown.
pub fn mermaid_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' | '<' | '>' | '&' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' => {
                out.push_str(&format!("#{};", u32::from(c)));
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_cannot_be_closed() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("x`y"), "``x`y``");
        assert_eq!(code("`\n```js"), "```` ` ```js ````");
        assert_eq!(code("\x1b[31m"), "`\\u{1b}[31m`");
    }

    #[test]
    fn mermaid_labels_carry_no_markup() {
        let l = mermaid_label("a\"]\n<script>alert(1)</script>");
        assert!(!l.contains(['"', '<', '>', '\n', ']']), "{l}");
    }
}
