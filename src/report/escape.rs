//! Text from documents made safe for a terminal: C0 and C1 control characters (ESC, so
//! CSI and OSC sequences too), DEL and Unicode's bidi formatting characters are shown as
//! visible escapes (`\u{1b}`, `\u{202e}`), never applied. Tabs and line ends stay.

use std::borrow::Cow;

/// Must this character be shown as an escape?
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n'))
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// `text` with every unsafe character replaced by its escape (borrowed when there is
/// none). A `\r` that ends a line (before `\n`) stays.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown() {
        assert_eq!(escape("a\x1b]0;t\x07b"), "a\\u{1b}]0;t\\u{7}b");
        assert_eq!(escape("x\u{202E}y\u{9b}"), "x\\u{202e}y\\u{9b}");
        assert_eq!(escape("第1条\t本文\r\n"), "第1条\t本文\r\n");
        assert!(matches!(escape("普通"), Cow::Borrowed(_)));
    }
}
