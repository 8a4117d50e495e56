//! Parse stage on the parser fixtures (tests/fixtures/parse, see its README.md): the exact
//! nesting for each numbering style and layout, and Markdown against its clean twin.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use yakkan::model::{Document, DocumentKind, Provision, ProvisionKind};
use yakkan::SourceFile;

mod common;
use common::outline;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parse")
        .join(name)
}

/// Parse a fixture under a path relative to the repository (stable in snapshots).
fn parse(name: &str) -> Document {
    let bytes = std::fs::read(fixture_path(name)).expect("fixture");
    let rel = Path::new("tests/fixtures/parse").join(name);
    let src = SourceFile::from_bytes(&rel, &bytes).expect("decodable");
    yakkan::parse_text_source(Arc::new(src))
}

/// The parse stage's part of the model (title, kind, provisions, 附則, 目次): the snapshots
/// stay put while the extraction of definitions and references evolves.
#[derive(serde::Serialize)]
struct ParseStage<'a> {
    id: &'a str,
    title: &'a str,
    path: &'a str,
    kind: DocumentKind,
    provisions: &'a [Provision],
    suppl: &'a [Provision],
    toc: &'a [String],
}

fn parse_stage(doc: &Document) -> ParseStage<'_> {
    ParseStage {
        id: &doc.id,
        title: &doc.title,
        path: &doc.path,
        kind: doc.kind,
        provisions: &doc.provisions,
        suppl: &doc.suppl,
        toc: &doc.toc,
    }
}

fn find<'a>(doc: &'a Document, path: &str) -> &'a Provision {
    doc.all_provisions()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no provision {path}\n{}", outline(&doc.provisions)))
}

fn assert_outline(doc: &Document, expected: &str) {
    let got = outline(&doc.provisions);
    let expected = expected
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.strip_prefix("        ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    assert_eq!(
        got, expected,
        "\n--- got ---\n{got}\n--- expected ---\n{expected}"
    );
}

#[test]
fn law_style() {
    let doc = parse("law_style.txt");
    assert_eq!(doc.title, "あおば市オンライン相談サービス利用規則");
    assert_eq!(
        doc.kind,
        DocumentKind::Other,
        "a rule with a law number is a statute, not terms"
    );
    assert_outline(
        &doc,
        "
        chapter [第一章] 1 第1章 (総則)
          article [第一条] 1 第1条 (目的)
            paragraph [] 1 第1条第1項
            paragraph [２] 2 第1条第2項
          article [第二条] 2 第2条 (定義)
            paragraph [] 1 第2条第1項
              item [一] 1 第2条第1項第1号
              item [二] 2 第2条第1項第2号
                subitem [イ] 1 第2条第1項第2号イ
                subitem [ロ] 2 第2条第1項第2号ロ
              item [三] 3 第2条第1項第3号
          article [第三条] 3 第3条 (適用範囲)
            paragraph [] 1 第3条第1項
            paragraph [２] 2 第3条第2項
          article [第三条の二] 3の2 第3条の2 (個人情報の取扱い)
            paragraph [] 1 第3条の2第1項
            paragraph [２] 2 第3条の2第2項
          article [第四条] 4 第4条
            paragraph [] 1 第4条第1項
        chapter [第二章] 2 第2章 (サービスの提供)
          article [第五条] 5 第5条 (利用の登録)
            paragraph [] 1 第5条第1項
            paragraph [２] 2 第5条第2項
              item [一] 1 第5条第2項第1号
              item [二] 2 第5条第2項第2号
              item [三] 3 第5条第2項第3号
          article [第六条] 6 第6条 (禁止行為)
            paragraph [] 1 第6条第1項
              item [一] 1 第6条第1項第1号
              item [二] 2 第6条第1項第2号
              item [三] 3 第6条第1項第3号
            paragraph [２] 2 第6条第2項
        ",
    );
    // Texts: labels and the full-width space after them are not text.
    assert_eq!(
        find(&doc, "第1条第2項").text,
        "相談サービスの運営に関しこの規則に定めのない事項は、市長が別に定める。"
    );
    assert_eq!(
        find(&doc, "第2条第1項第1号").text,
        "利用者　第五条第一項の規定により利用の登録を受けた者をいう。"
    );
    assert_eq!(
        find(&doc, "第2条第1項第2号イ").text,
        "契約の締結又は解除に関する事項"
    );
    assert!(find(&doc, "第3条の2第1項").text.starts_with("市長は、"));
    // 第四条　削除: a deleted article (one paragraph whose text is 削除, as e-Gov XML has it).
    let deleted = find(&doc, "第4条");
    assert_eq!(deleted.caption, None);
    assert!(deleted.is_deleted());
    assert_eq!(deleted.children[0].text, "削除");
    assert!(doc
        .all_provisions()
        .filter(|p| p.kind == ProvisionKind::Article)
        .all(|p| p.is_deleted() == (p.num == "4")));

    // 目次: kept out of the structure (not even as unplaced text).
    assert_eq!(
        doc.toc,
        [
            "第一章\u{3000}総則（第一条―第四条）",
            "第二章\u{3000}サービスの提供（第五条―第六条）",
            "附則"
        ]
    );
    assert!(doc
        .all_provisions()
        .all(|p| p.kind != ProvisionKind::Unplaced
            && !p.path.starts_with("前文")
            && !p.text.contains("第一条―第四条")));
    // The law number line is neither the title nor a provision.
    assert!(doc
        .all_provisions()
        .all(|p| !p.text.contains("令和六年規則第三号")));

    // 附　則 with two captioned paragraphs.
    assert_eq!(doc.suppl.len(), 1);
    assert_eq!(
        outline(&doc.suppl),
        "suppl [附\u{3000}則] 1 附則\n  paragraph [１] 1 附則第1項 (施行期日)\n  paragraph [２] 2 附則第2項 (経過措置)\n"
    );
    assert_eq!(
        doc.suppl[0].children[0].text,
        "この規則は、令和六年四月一日から施行する。"
    );
    insta::assert_yaml_snapshot!("law_style", parse_stage(&doc));
}

#[test]
fn spec_style_full_width() {
    let doc = parse("spec_style.txt");
    assert_eq!(doc.title, "ヘルプデスク運用支援サービス仕様書");
    assert_eq!(doc.kind, DocumentKind::Spec);
    assert_outline(
        &doc,
        "
        section [１．] 1 1 (目的)
          paragraph [] 1 1第1項
        section [２．] 2 2 (サービス内容)
          section [２．１] 2.1 2.1 (対象範囲)
            paragraph [] 1 2.1第1項
              item [（１）] 1 2.1第1項第1号
              item [（２）] 2 2.1第1項第2号
                subitem [①] 1 2.1第1項第2号1
                subitem [②] 2 2.1第1項第2号2
              item [（３）] 3 2.1第1項第3号
          section [２．２] 2.2 2.2 (提供時間)
            paragraph [] 1 2.2第1項
        section [３．] 3 3 (報告)
          section [３．１] 3.1 3.1 (月次報告)
            paragraph [] 1 3.1第1項
          section [３．２] 3.2 3.2 (臨時報告)
            paragraph [] 1 3.2第1項
        section [４．] 4 4 (その他)
          paragraph [] 1 4第1項
        ",
    );
    // Sections 2 and 3 have no text of their own.
    assert_eq!(find(&doc, "2").text, "");
    assert_eq!(find(&doc, "3").text, "");
    assert_eq!(find(&doc, "2.1第1項第2号1").text, "問合せ管理台帳への記録");
    // Two sentences on one line stay one paragraph.
    let p = &find(&doc, "2.2第1項").text;
    assert!(
        p.starts_with("本サービスの提供時間は、") && p.ends_with("は本サービスを提供しません。")
    );
    // 以上 is an end marker, not a provision.
    assert!(doc.suppl.is_empty());
    assert!(doc
        .all_provisions()
        .all(|p| p.text != "以上" && p.kind != ProvisionKind::Unplaced));
    insta::assert_yaml_snapshot!("spec_style", parse_stage(&doc));
}

#[test]
fn spec_style_ascii() {
    let doc = parse("spec_style_ascii.txt");
    assert_eq!(doc.title, "ファイルバックアップサービス仕様書");
    assert_eq!(doc.kind, DocumentKind::Spec);
    assert_outline(
        &doc,
        "
        section [1.] 1 1 (目的)
          paragraph [] 1 1第1項
        section [2.] 2 2 (サービス内容)
          section [2.1] 2.1 2.1 (バックアップの対象)
            paragraph [] 1 2.1第1項
              item [(1)] 1 2.1第1項第1号
              item [(2)] 2 2.1第1項第2号
              item [(3)] 3 2.1第1項第3号
          section [2.2] 2.2 2.2 (バックアップの頻度)
            paragraph [] 1 2.2第1項
        section [3.] 3 3 (品質基準)
          section [3.1] 3.1 3.1 (稼働率)
            paragraph [] 1 3.1第1項
          section [3.2] 3.2 3.2 (復旧時間)
            paragraph [] 1 3.2第1項
        section [4.] 4 4 (契約者の協力)
          paragraph [] 1 4第1項
            item [(1)] 1 4第1項第1号
            item [(2)] 2 4第1項第2号
        ",
    );
    // "99.9%" in the middle of a line is text, not a section 99.9.
    assert_eq!(
        find(&doc, "3.1第1項").text,
        "本サービスの月間稼働率の目標値は、99.9%とします。"
    );
    // The half-width space after an item label is not text.
    assert_eq!(
        find(&doc, "2.1第1項第1号").text,
        "契約者が指定したサーバに保存されたファイル"
    );
    assert!(doc.suppl.is_empty());
    assert!(doc
        .all_provisions()
        .all(|p| p.text != "以上" && p.kind != ProvisionKind::Unplaced));
    insta::assert_yaml_snapshot!("spec_style_ascii", parse_stage(&doc));
}

const CLEAN_OUTLINE: &str = "
        article [第1条] 1 第1条 (目的)
          paragraph [] 1 第1条第1項
          paragraph [2] 2 第1条第2項
        article [第2条] 2 第2条 (定義)
          paragraph [] 1 第2条第1項
            item [(1)] 1 第2条第1項第1号
            item [(2)] 2 第2条第1項第2号
            item [(3)] 3 第2条第1項第3号
        article [第3条] 3 第3条 (利用契約)
          paragraph [] 1 第3条第1項
          paragraph [2] 2 第3条第2項
        article [第4条] 4 第4条 (利用料金)
          paragraph [] 1 第4条第1項
          paragraph [2] 2 第4条第2項
          paragraph [3] 3 第4条第3項
        article [第5条] 5 第5条 (保管データの管理)
          paragraph [] 1 第5条第1項
          paragraph [2] 2 第5条第2項
            item [(1)] 1 第5条第2項第1号
            item [(2)] 2 第5条第2項第2号
          paragraph [3] 3 第5条第3項
        article [第5条の2] 5の2 第5条の2 (バックアップ)
          paragraph [] 1 第5条の2第1項
          paragraph [2] 2 第5条の2第2項
        article [第6条] 6 第6条 (禁止事項)
          paragraph [] 1 第6条第1項
            item [(1)] 1 第6条第1項第1号
            item [(2)] 2 第6条第1項第2号
            item [(3)] 3 第6条第1項第3号
          paragraph [2] 2 第6条第2項
        article [第7条] 7 第7条 (契約終了後の取扱い)
          paragraph [] 1 第7条第1項
          paragraph [2] 2 第7条第2項
";

#[test]
fn clean_terms() {
    let doc = parse("clean_terms.txt");
    assert_eq!(doc.title, "データ保管サービス利用規約");
    assert_eq!(doc.kind, DocumentKind::Terms);
    assert_outline(&doc, CLEAN_OUTLINE);
    assert_eq!(
        outline(&doc.suppl),
        "suppl [附則] 1 附則\n  paragraph [] 1 附則第1項\n"
    );
    assert_eq!(
        doc.suppl[0].children[0].text,
        "本規約は、2024年10月1日から施行します。"
    );
    assert_eq!(
        find(&doc, "第5条第2項第2号").text,
        "法令に基づき開示を求められた場合"
    );
    // A paragraph after a list is the next paragraph, not a continuation of the list.
    assert!(find(&doc, "第5条第3項")
        .text
        .starts_with("当社は、前項各号"));
    assert!(doc
        .all_provisions()
        .all(|p| p.kind != ProvisionKind::Unplaced));
    insta::assert_yaml_snapshot!("clean_terms", parse_stage(&doc));
}

#[test]
fn markdown_terms() {
    let doc = parse("markdown_terms.md");
    assert_eq!(doc.title, "データ保管サービス利用規約");
    assert_eq!(doc.kind, DocumentKind::Terms);
    // The same outline as the clean text, with the list markers as item labels.
    let expected = CLEAN_OUTLINE
        .replace("[(1)]", "[1.]")
        .replace("[(2)]", "[2.]")
        .replace("[(3)]", "[3.]");
    assert_outline(&doc, &expected);
    assert!(doc
        .all_provisions()
        .all(|p| p.kind != ProvisionKind::Unplaced));
    insta::assert_yaml_snapshot!("markdown_terms", parse_stage(&doc));
}

/// What a provision says, without its span and label (which may differ between layouts).
#[derive(Debug, PartialEq)]
struct Content {
    kind: String,
    path: String,
    num: String,
    caption: Option<String>,
    text: String,
    cells: Vec<String>,
}

fn content(doc: &Document) -> Vec<Content> {
    doc.all_provisions()
        .map(|p| Content {
            kind: serde_json::to_value(p.kind).expect("kind").to_string(),
            path: p.path.to_string(),
            num: p.num.to_string(),
            caption: p.caption.as_deref().map(str::to_string),
            text: p.text.to_string(),
            cells: p.cells.to_vec(),
        })
        .collect()
}

#[test]
fn markdown_and_clean_give_the_same_provisions() {
    let md = parse("markdown_terms.md");
    let clean = parse("clean_terms.txt");
    assert_eq!(md.title, clean.title);
    assert_eq!(md.kind, clean.kind);
    assert_eq!(content(&md), content(&clean));
    // Definitions, references and precedence agree too (README: "same definitions and
    // references").
    let facts = |d: &Document| {
        let mut v = serde_json::to_value(d).expect("serialisable");
        let mut out = Vec::new();
        for key in ["definitions", "references", "precedence"] {
            let mut list = v[key].take();
            for x in list.as_array_mut().into_iter().flatten() {
                if let Some(o) = x.as_object_mut() {
                    o.remove("span");
                }
            }
            out.push(list);
        }
        out
    };
    assert_eq!(facts(&md), facts(&clean));
    // Labels agree except for items, where each layout keeps its own marker.
    for (a, b) in md.all_provisions().zip(clean.all_provisions()) {
        if a.kind == ProvisionKind::Item {
            assert_eq!(a.label, format!("{}.", a.num));
            assert_eq!(b.label, format!("({})", b.num));
        } else {
            assert_eq!(a.label, b.label, "{}", a.path);
        }
    }
}

#[test]
fn markdown_item_spans_start_at_the_list_marker() {
    let raw = std::fs::read_to_string(fixture_path("markdown_terms.md")).expect("fixture");
    let doc = parse("markdown_terms.md");
    let item = find(&doc, "第5条第2項第1号");
    let at = raw
        .find("1. 利用者の同意がある場合")
        .expect("item in the fixture");
    assert_eq!(item.span.range().start, at);
    assert_eq!(&raw[item.span.range()], "1. 利用者の同意がある場合");
    // Headings: the span starts after the `## `, at the label.
    let a = find(&doc, "第5条の2");
    assert!(raw[a.span.range().start..].starts_with("第5条の2（バックアップ）"));
}

#[test]
fn spans_of_every_fixture_start_at_their_label_or_text() {
    for name in [
        "law_style.txt",
        "spec_style.txt",
        "spec_style_ascii.txt",
        "clean_terms.txt",
        "markdown_terms.md",
    ] {
        let raw = std::fs::read_to_string(fixture_path(name)).expect("fixture");
        let doc = parse(name);
        for p in doc.all_provisions() {
            let (s, s_line) = (p.span.range(), p.span.line());
            assert!(
                s.start < s.end && s.end <= raw.len(),
                "{name} {}: {s:?}",
                p.path
            );
            let line = raw[..s.start].matches('\n').count() + 1;
            assert_eq!(s_line, line, "{name} {}", p.path);
            let first: &str = if p.label.is_empty() {
                &p.text
            } else {
                &p.label
            };
            let first: String = first.chars().take(1).collect();
            // Captions on their own line above an article (law style) may come first.
            let here = &raw[s.start..];
            assert!(
                here.starts_with(&first) || here.starts_with('（'),
                "{name} {}: {:?}",
                p.path,
                here.chars().take(10).collect::<String>()
            );
        }
    }
}
