//! Properties of the parse stage and `fmt` on arbitrary input (DESIGN: "no panic on any
//! input", layout round trips): parse never panics; fmt only changes whitespace and line
//! structure, is idempotent, and gives text that parses to the same model.

mod common;
use common::{legal_text, pdf_text};
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use yakkan::layout::LayoutKind;
use yakkan::SourceFile;

fn source(bytes: &[u8]) -> Option<SourceFile> {
    SourceFile::from_bytes(Path::new("prop.txt"), bytes).ok()
}

fn fmt(text: &str) -> String {
    yakkan::fmt::format_source(&SourceFile::from_text("prop.txt", text))
}

fn non_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The model as JSON without spans (and the document path).
fn model(src: SourceFile) -> serde_json::Value {
    common::without_spans(&yakkan::parse_text_source(Arc::new(src)))
}

/// All the properties for one decoded source.
fn check(src: SourceFile) -> Result<(), TestCaseError> {
    let text = src.text.clone();
    let (layout, _) = yakkan::layout::logical_lines(&src);
    let formatted = yakkan::fmt::format_source(&src);
    // Markdown markup is not text: fmt drops it, so only the other layouts are lossless.
    if layout != LayoutKind::Markdown {
        prop_assert_eq!(non_ws(&formatted), non_ws(&text), "fmt is lossless");
    }
    prop_assert_eq!(fmt(&formatted), formatted.clone(), "fmt is idempotent");
    let clean = SourceFile::from_text("prop.txt", formatted);
    let (clean_layout, _) = yakkan::layout::logical_lines(&clean);
    prop_assert_eq!(clean_layout, LayoutKind::Clean, "fmt writes clean text");
    prop_assert_eq!(
        model(clean),
        model(src),
        "parse(fmt(x)) == parse(x) except spans"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn legal_text_round_trips(text in legal_text()) {
        check(SourceFile::from_text("prop.txt", text))?;
    }

    #[test]
    fn pdf_layout_round_trips(text in pdf_text()) {
        let src = SourceFile::from_text("prop.txt", text);
        check(src)?;
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Some(src) = source(&bytes) {
            check(src)?;
        }
    }

    #[test]
    fn encoded_legal_text_round_trips(text in legal_text(), enc in 0..3u8) {
        let bytes = match enc {
            0 => encoding_rs::SHIFT_JIS.encode(&text).0.into_owned(),
            1 => {
                let mut b = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    b.extend_from_slice(&u.to_le_bytes());
                }
                b
            }
            _ => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        };
        let src = source(&bytes);
        prop_assert!(src.is_some(), "legal text in a supported encoding decodes");
        if let Some(src) = src {
            prop_assert_eq!(&*src.text, text.as_str());
            let len = bytes.len();
            let doc = yakkan::parse_text_source(Arc::new(src));
            for p in doc.all_provisions() {
                prop_assert!(p.span.range().start <= p.span.range().end && p.span.range().end <= len, "{}", p.path);
            }
        }
    }

    #[test]
    fn markdown_never_panics(text in legal_text(), md in prop::collection::vec(
        prop::sample::select(&["# ", "## ", "1. ", "- ", "  ", "| ", " |", "**", "[a](b)", "---\n", "```\n", "<!--", "-->", "\n"][..]),
        0..40,
    )) {
        // Interleave Markdown markup with legal text: one piece of markup every third
        // character.
        let mut s = String::new();
        for (i, c) in text.chars().enumerate() {
            if i % 3 == 0 {
                if let Some(m) = md.get(i / 3) {
                    s.push_str(m);
                }
            }
            s.push(c);
        }
        let src = SourceFile::from_text("prop.md", s);
        let doc = yakkan::parse_text_source(Arc::new(src.clone()));
        let _ = serde_json::to_string(&doc).expect("serialisable");
        let formatted = yakkan::fmt::format_source(&src);
        // fmt keeps Markdown in Markdown and normalises its white space only: formatting
        // again changes nothing.
        let again = yakkan::fmt::format_source(&SourceFile::from_text("prop.md", formatted.clone()));
        prop_assert_eq!(again, formatted.clone(), "fmt of Markdown is stable");
        let kept: String = src.text.chars().filter(|c| !c.is_whitespace()).collect();
        let out: String = formatted.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(kept, out, "fmt of Markdown keeps every character");
    }
}

/// A list item whose text starts with `#`: the formatted Markdown, read again as a .txt
/// file (content decides its layout), formats to itself.
#[test]
fn markdown_heading_marks_can_survive_fmt() {
    let md = "# 規約\n\n- # 第1条\n- # 第2条\n";
    let once = yakkan::fmt::format_source(&SourceFile::from_text("x.md", md));
    assert_eq!(fmt(&once), once);
}

/// fmt on Markdown drops list markers, so the items of a Markdown list become plain lines
/// (paragraphs) in the clean text: `parse(fmt(md))` loses them.
/// fmt keeps a Markdown document in Markdown (its list markers are structure), so
/// `parse(fmt(md))` keeps the list items.
#[test]
fn fmt_of_markdown_keeps_list_items() {
    let md = "# 規約\n\n## 第1条（定義）  \n\n\n次の各号に定めます。\n\n1. 一つ目\n2. 二つ目\n";
    let doc = yakkan::parse_text_source(Arc::new(SourceFile::from_text("x.md", md)));
    let clean = yakkan::fmt::format_source(&SourceFile::from_text("x.md", md));
    assert_eq!(
        yakkan::fmt::format_source(&SourceFile::from_text("x.md", clean.clone())),
        clean
    );
    let again = yakkan::parse_text_source(Arc::new(SourceFile::from_text("x.md", clean)));
    let items = |d: &yakkan::Document| {
        d.all_provisions()
            .filter(|p| p.kind == yakkan::model::ProvisionKind::Item)
            .count()
    };
    assert_eq!(items(&doc), 2);
    assert_eq!(items(&again), 2);
}
