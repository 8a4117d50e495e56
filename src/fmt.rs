//! `yakkan fmt`: the canonical clean text of a document — one heading, paragraph or
//! table cell per line, a blank line before every article and chapter heading. Only
//! whitespace and line structure change: every other character stays, in order.

use crate::layout::{self, LogicalLine};
use crate::parse::line::{classify, LineKind};
use crate::source::{Encoding, SourceFile};
use std::path::{Path, PathBuf};

/// The canonical clean text of a source. A Markdown document stays Markdown: its markup
/// (headings, list markers and their indentation) is structure, so only its white space
/// is normalised — trailing spaces, line ends, runs of blank lines. So does Lawtext
/// layout, whose indentation and markers are its structure.
pub fn format_source(src: &SourceFile) -> String {
    let (kind, lines) = layout::logical_lines(src);
    match kind {
        layout::LayoutKind::Markdown | layout::LayoutKind::Lawtext => format_markdown(&src.text),
        _ => format_lines(&lines),
    }
}

fn format_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    // CRLF is one line end, not a line end and an empty line.
    for line in text
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .map(|l| l.trim_end())
    {
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
        let mut text = l.text.trim_matches(layout::is_space);
        // A row whose first cell is empty keeps the tab before it (a re-read keeps it too).
        let lead = l.text.len() - l.text.trim_start_matches(layout::is_space).len();
        if let Some(tab) = l.text[..lead].find('\t').filter(|_| text.contains('\t')) {
            text = l.text[tab..].trim_end_matches(layout::is_space);
        }
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

/// Why `fmt --write` left a file as it was (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: cannot write the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the formatted text cannot be written in the file's encoding ({encoding}): \
         {ch:?} (U+{code:04X}) on line {line} has no {encoding} form; the file was not changed"
    )]
    Unencodable {
        path: PathBuf,
        encoding: &'static str,
        ch: char,
        code: u32,
        line: usize,
    },
    #[error(
        "{path}: is a {format} document: fmt --write only rewrites text files; \
         write the text elsewhere with `yakkan fmt FILE > FILE.txt`"
    )]
    NotText { path: PathBuf, format: &'static str },
}

/// The line end a text mostly uses: `"\r\n"` when CRLF is at least as common as a bare
/// LF, `"\r"` for old Mac text (lone CRs only), else `"\n"`.
pub fn line_ending(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let cr = text.matches('\r').count() - crlf;
    if crlf > 0 && crlf >= lf {
        "\r\n"
    } else if lf == 0 && cr > 0 {
        "\r"
    } else {
        "\n"
    }
}

/// The bytes of formatted text (`\n` line ends) as the source file was written: its
/// encoding (with its BOM) and its line ends. A character that the encoding cannot
/// hold (only Shift_JIS lacks some) is an error naming it and its 1-based line.
pub fn encode_like(src: &SourceFile, text: &str) -> Result<Vec<u8>, (char, usize)> {
    let eol = line_ending(&src.text);
    let text: std::borrow::Cow<str> = if eol == "\n" {
        text.into()
    } else {
        text.replace('\n', eol).into()
    };
    encode_for(src, &text)
}

/// The bytes of a text in an encoding (with its BOM), line ends as they are. A character
/// the encoding cannot hold is an error naming it and its 1-based line.
pub fn encode_in(encoding: Encoding, text: &str) -> Result<Vec<u8>, (char, usize)> {
    let formatted = text;
    let mut out = Vec::with_capacity(text.len() + 3);
    match encoding {
        Encoding::Utf8 => out.extend_from_slice(text.as_bytes()),
        Encoding::Utf8Bom => {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            out.extend_from_slice(text.as_bytes());
        }
        Encoding::Utf16Le => {
            out.extend_from_slice(&[0xFF, 0xFE]);
            text.encode_utf16()
                .for_each(|u| out.extend_from_slice(&u.to_le_bytes()));
        }
        Encoding::Utf16Be => {
            out.extend_from_slice(&[0xFE, 0xFF]);
            text.encode_utf16()
                .for_each(|u| out.extend_from_slice(&u.to_be_bytes()));
        }
        Encoding::ShiftJis => {
            let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(text);
            if had_errors {
                // encoding_rs wrote an HTML character reference instead: find the
                // character to name it.
                let mut buf = [0u8; 4];
                for (n, line) in formatted.split('\n').enumerate() {
                    for c in line.chars() {
                        if encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf)).2 {
                            return Err((c, n + 1));
                        }
                    }
                }
            }
            out.extend_from_slice(&bytes);
        }
    }
    Ok(out)
}

/// `fmt --write`: replace the file that `src` was read from with the formatted `text`,
/// in the file's own encoding and line ends, atomically, only when the bytes differ.
/// A symlink stays a symlink: its target is rewritten. When the encoding cannot hold
/// the text, nothing is written. Returns whether the file changed.
pub fn write_formatted(
    path: &Path,
    src: &SourceFile,
    text: &str,
    policy: crate::write::Policy,
) -> Result<bool, WriteError> {
    if let Some(origin) = &src.origin {
        return Err(WriteError::NotText {
            path: path.to_path_buf(),
            format: origin.format.name(),
        });
    }
    write_encoded(path, src, encode_like(src, text), policy)
}

/// Write bytes encoded for `src`'s file (or say which character its encoding lacks),
/// through the one atomic writer ([`crate::write::replace`]).
fn write_encoded(
    path: &Path,
    src: &SourceFile,
    encoded: Result<Vec<u8>, (char, usize)>,
    policy: crate::write::Policy,
) -> Result<bool, WriteError> {
    let bytes = encoded.map_err(|(ch, line)| WriteError::Unencodable {
        path: path.to_path_buf(),
        encoding: encoding_name(src.encoding),
        ch,
        code: u32::from(ch),
        line,
    })?;
    crate::write::replace(path, &bytes, policy).map_err(|source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// `check --fix`: replace the file that `src` was read from with `text` — the decoded
/// text with fixes applied, its own line ends kept — in the file's encoding, through the
/// same atomic write as `fmt --write`. Returns whether the file changed.
pub fn write_fixed(
    path: &Path,
    src: &SourceFile,
    text: &str,
    policy: crate::write::Policy,
) -> Result<bool, WriteError> {
    write_encoded(path, src, encode_for(src, text), policy)
}

fn encoding_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf8Bom => "UTF-8 with BOM",
        Encoding::Utf16Le => "UTF-16LE",
        Encoding::Utf16Be => "UTF-16BE",
        Encoding::ShiftJis => "Shift_JIS",
    }
}

/// Write `text` (UTF-8) to `path` atomically, only when it differs from what is there
/// (`-o FILE`). Returns whether the file changed. See [`crate::write::replace`].
pub fn write_if_changed(path: &Path, text: &str) -> std::io::Result<bool> {
    crate::write::replace(path, text.as_bytes(), crate::write::Policy::default())
}

/// Does `file` (an output that may not exist yet) name one of `inputs`, by its
/// canonical path or as a hard link? Every `-o FILE` refuses to overwrite an input.
pub fn names_an_input(file: &Path, inputs: &[PathBuf]) -> bool {
    let target = canonical(file);
    inputs
        .iter()
        .any(|input| canonical(input) == target || same_file(input, file))
}

/// The canonical form of a path that may not exist yet.
fn canonical(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let parent = match p.parent() {
        Some(x) if !x.as_os_str().is_empty() => x,
        _ => Path::new("."),
    };
    match (parent.canonicalize(), p.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => p.to_path_buf(),
    }
}

/// Two names of one file (hard links).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// The bytes of `text` for `src`'s file: its Shift_JIS forms (`crate::sjis`), or its
/// encoding.
fn encode_for(src: &SourceFile, text: &str) -> Result<Vec<u8>, (char, usize)> {
    use crate::sjis::{encode, Forms};
    match (&src.encoding, &src.sjis_forms) {
        (Encoding::ShiftJis, Some(forms)) => encode(text, forms),
        (Encoding::ShiftJis, None) => encode(text, &Forms::default()),
        (enc, _) => encode_in(*enc, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_follow_the_original() {
        assert_eq!(line_ending("a\r\nb\r\n"), "\r\n");
        assert_eq!(line_ending("a\r\nb\nc\r\n"), "\r\n");
        assert_eq!(line_ending("a\nb\nc\r\n"), "\n");
        assert_eq!(line_ending("a\rb\r"), "\r");
        assert_eq!(line_ending("a"), "\n");
    }

    #[test]
    fn crlf_markdown_is_not_double_spaced() {
        let src = SourceFile::from_text(
            "x.md",
            "# 規約\r\n\r\n## 第1条（目的）\r\n本規約は定める。\r\n",
        );
        let lf = SourceFile::from_text("x.md", "# 規約\n\n## 第1条（目的）\n本規約は定める。\n");
        assert_eq!(format_source(&src), format_source(&lf));
    }

    #[test]
    fn what_shift_jis_cannot_hold_leaves_the_file_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sjis.txt");
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("規約\r\n第１条 本文\r\n");
        std::fs::write(&path, &bytes).expect("write");
        let src = SourceFile::load(&path).expect("load");
        assert_eq!(src.encoding, Encoding::ShiftJis);
        assert_eq!(encode_like(&src, "規約\n\n第１条 𠮷\n"), Err(('𠮷', 3)));
        let e =
            write_formatted(&path, &src, "規約\n\n第１条 𠮷\n", Default::default()).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("Shift_JIS") && msg.contains("U+20BB7") && msg.contains("line 3"),
            "{msg}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), &bytes[..]);
        // What it can hold is written in Shift_JIS with CRLF.
        assert!(
            write_formatted(&path, &src, "規約\n\n第１条 本文\n", Default::default())
                .expect("write")
        );
        let (want, _, _) = encoding_rs::SHIFT_JIS.encode("規約\r\n\r\n第１条 本文\r\n");
        assert_eq!(std::fs::read(&path).expect("read"), &want[..]);
    }
}
