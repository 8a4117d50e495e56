//! Constructs first met on documents yakkan was not developed on (statutes and terms of
//! every era and layout). Each fixture in `tests/fixtures/unseen/` is our own wording of
//! one class of construct; its snapshot is the expected tree (kind, label, num, path,
//! caption), so a regression in nesting shows in review.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use yakkan::model::{Document, ProvisionKind};
use yakkan::SourceFile;

mod common;
use common::outline;

fn parse(name: &str) -> Document {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/unseen")
        .join(name);
    let bytes = std::fs::read(&file).expect("fixture");
    let rel = Path::new("tests/fixtures/unseen").join(name);
    let src = SourceFile::from_bytes(&rel, &bytes).expect("decodable");
    yakkan::parse_text_source(Arc::new(src))
}

/// The outline of the main provisions, then of each 附則, then the 目次 entries.
fn tree(doc: &Document) -> String {
    format!(
        "title: {}\n{}--- suppl\n{}--- toc\n{}\n",
        doc.title,
        outline(&doc.provisions),
        outline(&doc.suppl),
        doc.toc.join("\n")
    )
}

fn unplaced(doc: &Document) -> usize {
    doc.all_provisions()
        .filter(|p| p.kind == ProvisionKind::Unplaced)
        .count()
}

macro_rules! unseen {
    ($($test:ident: $file:literal,)*) => {$(
        #[test]
        fn $test() {
            let doc = parse($file);
            assert_eq!(unplaced(&doc), 0, "{}", tree(&doc));
            insta::assert_snapshot!(stringify!($test), tree(&doc));
        }
    )*};
}

unseen! {
    toc_heading_with_the_title: "01_titled_toc.txt",
    toc_ending_in_suppl_entry: "02_toc_suppl_entry.txt",
    old_law_paragraph_after_a_table: "03_old_law_table.txt",
    article_text_starting_with_a_particle_kana: "04_particle_kana.txt",
    table_rows_that_start_with_labels: "05_table_rows.txt",
    item_ranges_and_appendices: "06_ranges_and_appendix.txt",
    spec_item_as_heading: "07_spec_item_heading.txt",
    markdown_article_and_paragraph_headings: "08_markdown_headings.md",
    suppl_paths: "09_suppl_paths.txt",
    markdown_caption_only_headings: "10_caption_headings.md",
}

/// The main provision is never swallowed by a 附則 that a table of contents lists.
#[test]
fn toc_entries_do_not_open_the_suppl_block() {
    for name in ["01_titled_toc.txt", "02_toc_suppl_entry.txt"] {
        let doc = parse(name);
        let articles = doc
            .provisions
            .iter()
            .flat_map(|p| p.walk())
            .filter(|p| p.kind == ProvisionKind::Article)
            .count();
        assert!(articles >= 2, "{name}:\n{}", tree(&doc));
        assert!(
            doc.suppl.iter().all(|s| !s.text.contains('章')),
            "{name}: {}",
            tree(&doc)
        );
    }
}

/// Caption-only Markdown headings are articles numbered by position, so 前条 in the
/// third one is the second one; a heading written as a sentence is not an article.
#[test]
fn caption_headings_number_articles_by_position() {
    let doc = parse("10_caption_headings.md");
    let captions: Vec<(String, Option<String>)> = doc
        .all_provisions()
        .filter(|p| p.kind == ProvisionKind::Article)
        .map(|p| (p.path.to_string(), p.caption.as_deref().map(str::to_string)))
        .collect();
    let want = [
        ("第1条", "目的"),
        ("第2条", "会員登録"),
        ("第3条", "禁止事項"),
        ("第4条", "附記"),
    ];
    assert_eq!(
        captions,
        want.map(|(p, c)| (p.to_string(), Some(c.to_string()))),
        "{}",
        tree(&doc)
    );
    let r = doc
        .references
        .iter()
        .find(|r| r.text == "前条")
        .expect("前条 is extracted");
    assert_eq!(
        (r.target.as_str(), r.resolved),
        ("第2条", Some(true)),
        "{r:?}"
    );
}

/// 前条第一号イ又はロ: a sub-item after an item is part of the reference, and the bare
/// label listed after it is a reference to the same item's sub-item; 第一号ハ, where the
/// item has イ and ロ only, does not resolve.
#[test]
fn subitem_references() {
    let doc = parse("11_subitem_references.txt");
    let refs: Vec<(&str, &str, Option<bool>)> = doc
        .references
        .iter()
        .map(|r| (r.text.as_str(), r.target.as_str(), r.resolved))
        .collect();
    assert_eq!(
        refs,
        [
            ("前条第一号イ", "第1条第1項第1号イ", Some(true)),
            ("ロ", "第1条第1項第1号ロ", Some(true)),
            ("第一条第一号ハ", "第1条第1号ハ", Some(false)),
        ]
    );
}
