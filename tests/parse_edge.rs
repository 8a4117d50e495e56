//! Parse stage on inputs that once broke it: drafting errors, extraction artifacts and
//! sentences that look like headings. Each test names the bug it guards against.

mod common;
use common::without_spans;
use std::path::Path;
use std::sync::Arc;

use yakkan::model::{Document, Provision, ProvisionKind};
use yakkan::SourceFile;

fn parse(name: &str, text: &str) -> Document {
    yakkan::parse_text_source(Arc::new(SourceFile::from_text(name, text)))
}

fn parse_bytes(name: &str, bytes: &[u8]) -> Document {
    let src = SourceFile::from_bytes(Path::new(name), bytes).expect("decodable");
    yakkan::parse_text_source(Arc::new(src))
}

fn find<'a>(doc: &'a Document, path: &str) -> &'a Provision {
    doc.all_provisions()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no provision {path}"))
}

fn paths(doc: &Document) -> Vec<&str> {
    doc.all_provisions().map(|p| p.path.as_str()).collect()
}

/// An unclosed 「 (a drafting error that Y105 reports) used to turn every later block end
/// of the PDF text into a wrap, merging the rest of the article into one paragraph.
#[test]
fn unbalanced_quote_in_pdf_text_keeps_the_paragraphs_apart() {
    let text = "\n表題約款 \n\n第１条 （目的） \n\nお客様（以下「お客様）は、本約款に従\n\nうものとします。 \n\n２ 当社は、別に定めます。 \n\n３ 当社は、お客様の情報（以下「通信情 \n\n報」）を扱います。 \n\n";
    let doc = parse("t.txt", text);
    assert_eq!(
        paths(&doc),
        ["第1条", "第1条第1項", "第1条第2項", "第1条第3項"]
    );
    assert_eq!(
        find(&doc, "第1条第1項").text,
        "お客様（以下「お客様）は、本約款に従うものとします。"
    );
    assert_eq!(find(&doc, "第1条第2項").text, "当社は、別に定めます。");
    // A trailing space inside 「 that the next line closes is still a wrap.
    assert_eq!(
        find(&doc, "第1条第3項").text,
        "当社は、お客様の情報（以下「通信情報」）を扱います。"
    );
}

#[test]
fn unbalanced_quote_in_the_seed_keeps_its_paragraphs() {
    let Some(seed) = common::seed_text("this case") else {
        return;
    };
    let broken = seed.replacen("「当社」）", "「当社）", 1);
    assert_ne!(broken, seed);
    let doc = parse("seed.txt", &broken);
    let counts: Vec<usize> = doc.provisions.iter().map(|a| a.children.len()).collect();
    assert_eq!(counts, [3, 1, 2, 1, 3, 3, 2, 2, 2, 1, 1, 1, 4, 1]);
}

/// pdftotext starts every page with a form feed; `\f第７条` used to be text, not a heading.
#[test]
fn form_feeds_at_page_starts_are_spaces() {
    let text = "\n表題約款 \n\n第１条 （目的） \n\n本約款は、サービスを定\n\n\u{0C}めます。 \n\n \n\n\u{0C}第２条 （協議） \n\n協議します。 \n\n";
    let doc = parse("t.txt", text);
    assert_eq!(paths(&doc), ["第1条", "第1条第1項", "第2条", "第2条第1項"]);
    assert_eq!(
        find(&doc, "第1条第1項").text,
        "本約款は、サービスを定めます。"
    );
    assert_eq!(find(&doc, "第2条").caption.as_deref(), Some("協議"));
    let at = text.find("第２条").unwrap_or(0);
    assert_eq!(find(&doc, "第2条").span.range().start, at);

    let Some(seed) = common::seed_text("this case") else {
        return;
    };
    // A form feed before every article heading and before a wrapped line.
    let fed = seed
        .replace("\n第", "\n\u{0C}第")
        .replacen("\n援サービス", "\n\u{0C}援サービス", 1);
    assert_eq!(
        without_spans(&parse("seed.txt", &fed)),
        without_spans(&parse("seed.txt", &seed))
    );
}

/// A clean-text paragraph that starts by citing an article used to become a heading:
/// 第５条から第７条までの… made three deleted-looking articles, 第１０条（秘密保持）の…
/// an article 第10条 with a caption.
#[test]
fn sentences_that_start_with_a_citation_are_not_headings() {
    let text = "テスト規約\n\n第1条（目的）\n本規約は、定めます。\n\n第2条（存続）\n第5条から第7条までの規定は、本契約終了後も有効に存続するものとします。\n\n第3条（秘密保持）\n第10条（秘密保持）の規定は、本契約終了後3年間有効とします。\n2　第1条（目的）の規定は、適用します。\n\n第4条（協議）\n協議します。\n";
    let doc = parse("t.txt", text);
    assert_eq!(
        paths(&doc),
        [
            "第1条",
            "第1条第1項",
            "第2条",
            "第2条第1項",
            "第3条",
            "第3条第1項",
            "第3条第2項",
            "第4条",
            "第4条第1項"
        ]
    );
    assert!(find(&doc, "第2条第1項")
        .text
        .starts_with("第5条から第7条までの規定は"));
    assert!(find(&doc, "第3条第1項")
        .text
        .starts_with("第10条（秘密保持）の規定は"));
    assert_eq!(find(&doc, "第3条第2項").label, "2");
    // A real range deletion still makes deleted articles (however the range is numbered).
    let doc = parse(
        "t.txt",
        "テスト法\n\n第一条　目的を定める。\n第二条から第四条まで　削除\n第五条　雑則を定める。\n",
    );
    let first = doc.provisions.first().map(|a| a.num.as_str());
    let last = doc.provisions.last().map(|a| a.num.as_str());
    assert_eq!((first, last), (Some("1"), Some("5")));
    let middle = &doc.provisions[1..doc.provisions.len() - 1];
    assert!(!middle.is_empty());
    assert!(middle
        .iter()
        .all(|a| a.is_deleted() && a.label == "第二条から第四条まで"));
}

/// Two unlabelled lines before paragraph ２ used to become paragraphs 1 and 2, and ２ a
/// second 第2項. Paragraph 1 is the only unlabelled paragraph of an article that numbers
/// its paragraphs: the second line continues it.
#[test]
fn unlabelled_lines_before_paragraph_two_stay_in_paragraph_one() {
    let text = "テスト規約\n\n第1条（目的）\n本規約は、定めます。\n本規約は、適用されます。\n2　当社は、別に定めます。\n\n第2条（協議）\n協議します。\n協議が調わないときは、当社が定めます。\n";
    let doc = parse("t.txt", text);
    assert_eq!(
        paths(&doc),
        [
            "第1条",
            "第1条第1項",
            "第1条第2項",
            "第2条",
            "第2条第1項",
            "第2条第2項"
        ]
    );
    assert_eq!(
        find(&doc, "第1条第1項").text,
        "本規約は、定めます。本規約は、適用されます。"
    );
    // Without numbered paragraphs each line is a paragraph (clean text: one per line).
    assert_eq!(
        find(&doc, "第2条第2項").text,
        "協議が調わないときは、当社が定めます。"
    );
    // No path twice, anywhere.
    let mut all = paths(&doc);
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), paths(&doc).len());
}

/// A caption line above an unlabelled 附則 paragraph (e-Gov style) used to vanish, and so
/// did a caption with nothing to attach to (before the first article, after 以上).
#[test]
fn captions_are_attached_or_kept_never_dropped() {
    let text = "テスト法\n\n第一条　この法律は、目的を定める。\n\n附　則\n（施行期日）\nこの法律は、公布の日から施行する。\n";
    let doc = parse("t.txt", text);
    let p = find(&doc, "附則第1項");
    assert_eq!(p.caption.as_deref(), Some("施行期日"));
    assert_eq!(p.text, "この法律は、公布の日から施行する。");

    // Before any article: the caption stays as text of the preamble.
    let doc = parse(
        "t.txt",
        "テスト規約\n\n（目的）\n２ 本規約は定めます。\n\n第1条（定義）\n定めます。\n",
    );
    let all: String = doc.all_provisions().map(|p| p.text.as_str()).collect();
    assert!(all.contains("（目的）"), "{all}");
    assert!(all.contains("本規約は定めます。"), "{all}");

    // After 以上: unplaced, but kept.
    let doc = parse(
        "t.txt",
        "テスト規約\n\n第1条（定義）\n定めます。\n\n以上\n（目的）\n２ 追記します。\n",
    );
    let unplaced: Vec<&str> = doc
        .all_provisions()
        .filter(|p| p.kind == ProvisionKind::Unplaced)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(unplaced, ["（目的）", "２ 追記します。"]);
}

/// A spec's 目次 lists its sections, often with page numbers; it used to be parsed as
/// sections (each section twice).
#[test]
fn a_spec_table_of_contents_is_not_structure() {
    let text = "テスト仕様書\n\n目次\n1. 目的 ...... 1\n2. 内容 ...... 2\n2.1 範囲 ...... 2\n\n1. 目的\n本仕様書は定めます。\n2. 内容\n2.1 範囲\n範囲を定めます。\n\n以上\n";
    let doc = parse("t.txt", text);
    assert_eq!(
        doc.toc,
        ["1. 目的 ...... 1", "2. 内容 ...... 2", "2.1 範囲 ...... 2"]
    );
    assert_eq!(paths(&doc), ["1", "1第1項", "2", "2.1", "2.1第1項"]);
}

/// 99.9%以上… at the start of a line used to open a section 99.9.
#[test]
fn quantities_at_the_start_of_a_line_are_not_sections() {
    let text = "サンプル仕様書\n\n1. 目的\n本仕様書は、品質を定めます。\n\n2. 品質\n99.9%以上の稼働率を目標とします。\n2.5GBまでのデータを保管します。\n2.1 稼働率\n月間で測定します。\n\n以上\n";
    let doc = parse("t.txt", text);
    let sections: Vec<&str> = doc
        .all_provisions()
        .filter(|p| p.kind == ProvisionKind::Section)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(sections, ["1", "2", "2.1"]);
    let texts: Vec<&str> = find(&doc, "2")
        .children
        .iter()
        .filter(|p| p.kind == ProvisionKind::Paragraph)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "99.9%以上の稼働率を目標とします。",
            "2.5GBまでのデータを保管します。"
        ]
    );
}

/// 第一条　この規則は…: paragraph 1 shares the heading's line; its span used to start at
/// 第一条 (the article's label) instead of its own text.
#[test]
fn a_first_paragraph_on_the_heading_line_starts_at_its_text() {
    let text =
        "テスト規則\n\n（目的）\n第一条　この規則は、目的を定める。\n２　市長は、別に定める。\n";
    let doc = parse("t.txt", text);
    let a = find(&doc, "第1条");
    assert_eq!(a.span.range().start, text.find("第一条").unwrap_or(0));
    let p1 = find(&doc, "第1条第1項");
    assert_eq!(p1.span.range().start, text.find("この規則は").unwrap_or(0));
    assert_eq!(p1.span.range().end, text.find("\n２").unwrap_or(0));
    let p2 = find(&doc, "第1条第2項");
    assert_eq!(p2.span.range().start, text.find("２　").unwrap_or(0));
}

/// Markdown ordered lists keep their marker as the item label; a list counts from its first
/// number, as Markdown renders it; bullets stay unlabelled.
#[test]
fn markdown_list_markers_are_item_labels() {
    let md = "# 規約\n\n## 第1条（定義）\n\n次の各号に定めます。\n\n1. 一つ目\n1. 二つ目\n   1. 入れ子\n   2. 入れ子二\n1. 三つ目\n\n2　次のとおりとします。\n\n- 箇条\n- 箇条二\n";
    let doc = parse("t.md", md);
    let items: Vec<(&str, &str, &str)> = doc
        .all_provisions()
        .filter(|p| matches!(p.kind, ProvisionKind::Item | ProvisionKind::Subitem))
        .map(|p| (p.label.as_str(), p.path.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("1.", "第1条第1項第1号", "一つ目"),
            ("1.", "第1条第1項第2号", "二つ目"),
            ("1.", "第1条第1項第2号-1", "入れ子"),
            ("2.", "第1条第1項第2号-2", "入れ子二"),
            ("1.", "第1条第1項第3号", "三つ目"),
            ("", "第1条第2項第1号", "箇条"),
            ("", "第1条第2項第2号", "箇条二"),
        ]
    );
    // The item's span starts at its marker.
    let item = find(&doc, "第1条第1項第3号");
    assert_eq!(&md[item.span.range()], "1. 三つ目");
    // A list starting at 3 counts from 3.
    let doc = parse(
        "t.md",
        "# 規約\n\n## 第1条（定義）\n\n本文。\n\n3. 三\n4. 四\n",
    );
    let nums: Vec<&str> = doc
        .all_provisions()
        .filter(|p| p.kind == ProvisionKind::Item)
        .map(|p| p.num.as_str())
        .collect();
    assert_eq!(nums, ["3", "4"]);
}

/// Removing Markdown emphasis used to leave the spaces inside it at the ends of the line
/// (`** 本文 **` → " 本文 "), so fmt wrote lines that changed when read again.
#[test]
fn markdown_markup_leaves_no_spaces_at_line_ends() {
    let md = "# 規約\n\n## 第1条（目的）\n\n** 本規約は、定めます。 **\n\n| 用語 | 意味 |\n|---|---|\n| | 空のセル |\n";
    let doc = parse("t.md", md);
    assert_eq!(find(&doc, "第1条第1項").text, "本規約は、定めます。");
    let src = SourceFile::from_text("t.md", md);
    let once = yakkan::fmt::format_source(&src);
    let twice = yakkan::fmt::format_source(&SourceFile::from_text("t.txt", once.clone()));
    assert_eq!(twice, once);
    assert!(once.lines().all(|l| l.trim() == l), "{once:?}");
}

/// WHATWG Shift_JIS decodes byte 0x80 as U+0080, one byte; spans after it used to be off by
/// one because every non-ASCII character counted two bytes.
#[test]
fn shift_jis_byte_0x80_is_one_byte() {
    let head = "表題規約\n\n第１条（目的）\n";
    let tail = "本規約は、サービスの利用条件を定めるものです。本規約は、すべての利用者に適用されます。本規約に定めのない事項は、当社が別に定めます。当社は、本規約を変更することがあります。\n第２条（協議）\n協議します。\n";
    let mut bytes = encoding_rs::SHIFT_JIS.encode(head).0.into_owned();
    bytes.push(0x80);
    let tail_at = bytes.len();
    bytes.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(tail).0);
    let doc = parse_bytes("t.txt", &bytes);
    let (mark, _, _) = encoding_rs::SHIFT_JIS.encode("第２条");
    let at = tail_at
        + bytes[tail_at..]
            .windows(mark.len())
            .position(|w| w == &*mark)
            .unwrap_or(0);
    assert_eq!(find(&doc, "第2条").span.range().start, at);
    assert_eq!(find(&doc, "第2条").span.range().end, bytes.len() - 1);
}
