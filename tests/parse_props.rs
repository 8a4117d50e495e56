//! Properties of the parse stage on arbitrary legal-looking text: nothing is dropped (text
//! that does not fit is kept as unplaced text), spans point into the file on the right
//! line, and Shift_JIS / UTF-16 spans are byte offsets of the original file.

mod common;
use common::{legal_text, pdf_text};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use yakkan::model::{Document, ProvisionKind};
use yakkan::parse::line::{classify, LineKind};
use yakkan::SourceFile;

/// Non-whitespace characters and their counts, brackets aside (a caption loses its
/// brackets: （目的） becomes caption 目的).
fn chars(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s
        .chars()
        .filter(|c| !c.is_whitespace() && !"（）()".contains(*c))
    {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Everything the model keeps of the text.
fn model_text(doc: &Document) -> String {
    let mut s = doc.title.clone();
    for t in &doc.toc {
        s.push_str(t);
    }
    for p in doc.all_provisions() {
        s.push_str(&p.label);
        if let Some(c) = &p.caption {
            s.push_str(c);
        }
        s.push_str(&p.text);
        // A table's header row lives in its cells; rows repeat their cells in `text`.
        if p.kind == ProvisionKind::Table {
            for c in &p.cells {
                s.push_str(c);
            }
        }
    }
    s
}

/// The text of the source without the lines that are markers, not content: 目次, and the
/// 以上 that ends the main provisions or a 附則 (a second 以上 after the end is unplaced
/// text like anything else there).
fn content_text(src: &SourceFile) -> String {
    let (_, lines) = yakkan::layout::logical_lines(src);
    let mut s = String::new();
    let (mut ended, mut in_suppl) = (false, false);
    for l in lines {
        match classify(&l.text) {
            LineKind::Toc => continue,
            LineKind::EndMarker if !ended => {
                ended = !in_suppl;
                continue;
            }
            LineKind::Suppl { .. } => (ended, in_suppl) = (false, true),
            _ => {}
        }
        s.push_str(&l.text);
    }
    s
}

fn check_nothing_dropped(src: SourceFile) -> Result<(), TestCaseError> {
    let expected = chars(&content_text(&src));
    let doc = yakkan::parse_text_source(Arc::new(src));
    prop_assert_eq!(
        chars(&model_text(&doc)),
        expected,
        "the model keeps every character"
    );
    Ok(())
}

fn line_of(bytes: &[u8], offset: usize, unit: usize) -> usize {
    // Count line ends (\n, or \r not followed by \n) in code units of `unit` bytes.
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| -> u16 {
        if unit == 2 {
            u16::from_le_bytes([bytes[i], bytes[i + 1]])
        } else {
            u16::from(bytes[i])
        }
    };
    while i + unit <= offset {
        let c = at(i);
        let next = if i + 2 * unit <= bytes.len() {
            Some(at(i + unit))
        } else {
            None
        };
        if c == u16::from(b'\n') || (c == u16::from(b'\r') && next != Some(u16::from(b'\n'))) {
            line += 1;
        }
        i += unit;
    }
    line
}

fn check_spans(bytes: &[u8], unit: usize, skip: usize) -> Result<(), TestCaseError> {
    let src = SourceFile::from_bytes(Path::new("prop.txt"), bytes);
    prop_assert!(src.is_ok());
    let Ok(src) = src else { return Ok(()) };
    let doc = yakkan::parse_text_source(Arc::new(src));
    for p in doc.all_provisions() {
        let (s, s_line) = (p.span.range(), p.span.line());
        prop_assert!(
            s.start >= skip && s.start <= s.end && s.end <= bytes.len(),
            "{} {:?}",
            p.path,
            s
        );
        prop_assert_eq!(
            s_line,
            line_of(&bytes[skip..], s.start - skip, unit),
            "line of {}",
            p.path
        );
        for c in &p.children {
            prop_assert!(
                s.start <= c.span.range().start && c.span.range().end <= s.end,
                "{} in {}",
                c.path,
                p.path
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn clean_text_keeps_every_character(text in legal_text()) {
        check_nothing_dropped(SourceFile::from_text("prop.txt", text))?;
    }

    #[test]
    fn pdf_text_keeps_every_character(text in pdf_text()) {
        check_nothing_dropped(SourceFile::from_text("prop.txt", text))?;
    }

    #[test]
    fn spans_are_original_byte_offsets(text in prop_oneof![legal_text(), pdf_text()]) {
        check_spans(text.as_bytes(), 1, 0)?;
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(&text);
        prop_assert!(!bad);
        // Shift_JIS: every character of the alphabet is one or two bytes, line ends ASCII.
        check_spans(&sjis, 1, 0)?;
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        check_spans(&utf16, 2, 2)?;
    }
}
