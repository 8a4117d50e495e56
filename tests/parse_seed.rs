//! Parse stage on the seed document (SPEC §1, §2): a PDF-extracted 約款 with hard wraps
//! everywhere, a flattened definitions table, 以上 and 附則. The same text in other
//! encodings and layouts must give the same model, spans aside.

mod common;
use common::without_spans;
use std::path::Path;
use std::sync::Arc;

use yakkan::model::{Document, Provision, ProvisionKind};
use yakkan::SourceFile;

/// The path the seed is parsed under, so the model does not depend on the checkout.
const SEED_NAME: &str = "seeds/000_12339e680943ebfb.txt";

/// The seed's bytes, or `None` (with a notice) when the shared folder is not there.
fn seed_bytes() -> Option<Vec<u8>> {
    std::fs::read(common::seed("this test")?).ok()
}

fn parse_bytes(name: &str, bytes: &[u8]) -> Document {
    let src = SourceFile::from_bytes(Path::new(name), bytes).expect("decodable");
    yakkan::parse_text_source(Arc::new(src))
}

fn article<'a>(doc: &'a Document, num: &str) -> &'a Provision {
    doc.provisions
        .iter()
        .find(|p| p.kind == ProvisionKind::Article && p.num == num)
        .unwrap_or_else(|| panic!("no article {num}"))
}

fn kids(p: &Provision, kind: ProvisionKind) -> Vec<&Provision> {
    p.children.iter().filter(|c| c.kind == kind).collect()
}

const CAPTIONS: [&str; 14] = [
    "約款の適用",
    "定義",
    "利用資格",
    "利用の協力",
    "クラウドセキュリティ運用支援サービスの申込み・変更・解約の方法",
    "仕様",
    "利用期間",
    "料金等",
    "中途解約",
    "損害賠償",
    "クラウドセキュリティ運用支援サービスの停止",
    "免責事項",
    "通信の秘密",
    "協議",
];

#[test]
fn seed_structure() {
    let Some(bytes) = seed_bytes() else { return };
    let doc = parse_bytes(SEED_NAME, &bytes);
    assert_eq!(doc.title, "クラウドセキュリティ運用支援サービス約款");
    assert_eq!(doc.kind, yakkan::model::DocumentKind::Terms);

    // 14 articles, in order, with their captions; nothing else at the top level
    // (以上 is an end marker, not a provision).
    let labels: Vec<&str> = doc.provisions.iter().map(|p| p.label.as_str()).collect();
    let fw = [
        "１", "２", "３", "４", "５", "６", "７", "８", "９", "１０", "１１", "１２", "１３",
        "１４",
    ];
    let expected: Vec<String> = fw.iter().map(|n| format!("第{n}条")).collect();
    assert_eq!(labels, expected);
    for (i, p) in doc.provisions.iter().enumerate() {
        assert_eq!(p.kind, ProvisionKind::Article);
        assert_eq!(p.num, (i + 1).to_string());
        assert_eq!(p.path, format!("第{}条", i + 1));
        assert_eq!(
            p.caption.as_deref(),
            Some(CAPTIONS[i]),
            "caption of {}",
            p.label
        );
        assert_eq!(p.text, "", "an article's text is in its paragraphs");
    }

    // Paragraph counts; paragraph 1 unlabelled, the others labelled with full-width digits.
    let counts: Vec<usize> = doc
        .provisions
        .iter()
        .map(|a| kids(a, ProvisionKind::Paragraph).len())
        .collect();
    assert_eq!(counts, [3, 1, 2, 1, 3, 3, 2, 2, 2, 1, 1, 1, 4, 1]);
    for a in &doc.provisions {
        for (k, p) in kids(a, ProvisionKind::Paragraph).iter().enumerate() {
            assert_eq!(p.num, (k + 1).to_string());
            assert_eq!(p.path, format!("{}第{}項", a.path, k + 1));
            let label = if k == 0 { "" } else { fw[k] };
            assert_eq!(p.label, label, "{}", p.path);
            assert!(!p.text.is_empty(), "{}", p.path);
            // Reflowed: no line ends or wrap spaces left in the text.
            assert!(!p.text.contains(['\n', '\r']), "{}", p.path);
            assert!(!p.text.starts_with([' ', '\u{3000}']), "{}", p.path);
            assert!(!p.text.ends_with([' ', '\u{3000}']), "{}", p.path);
        }
    }
    // Only 第１２条 has items, and only 第２条 a table.
    for a in &doc.provisions {
        for p in &a.children {
            assert_eq!(p.kind, ProvisionKind::Paragraph, "{}", p.path);
            for c in &p.children {
                let expected = match a.num.as_str() {
                    "12" => ProvisionKind::Item,
                    "2" => ProvisionKind::Table,
                    _ => panic!("unexpected child {} under {}", c.path, p.path),
                };
                assert_eq!(c.kind, expected, "{}", c.path);
            }
        }
    }

    // 第１２条: two items （１） （２）, the second one rejoined across its wrap.
    let p = &article(&doc, "12").children[0];
    let items = kids(p, ProvisionKind::Item);
    assert_eq!(items.len(), 2);
    assert_eq!(
        (
            items[0].label.as_str(),
            items[0].num.as_str(),
            items[0].path.as_str()
        ),
        ("（１）", "1", "第12条第1項第1号")
    );
    assert_eq!(
        items[0].text,
        "不正アクセス又はコンプライアンス違反全ての検知・防御"
    );
    assert_eq!(
        (
            items[1].label.as_str(),
            items[1].num.as_str(),
            items[1].path.as_str()
        ),
        ("（２）", "2", "第12条第1項第2号")
    );
    assert_eq!(
        items[1].text,
        "クラウドセキュリティサービスからの出力ログすべての取得、分析、保管"
    );
    assert!(items.iter().all(|i| i.children.is_empty()));

    // 第２条: the flattened definitions table, its header and four rows.
    let p = &article(&doc, "2").children[0];
    assert_eq!(
        p.text,
        "本約款においては、次の用語はそれぞれ次の意味で使用します。"
    );
    let tables = kids(p, ProvisionKind::Table);
    assert_eq!(tables.len(), 1);
    let table = tables[0];
    assert_eq!(*table.cells, ["用語", "用語の意味"]);
    let rows: Vec<Vec<&str>> = table
        .children
        .iter()
        .map(|r| {
            assert_eq!(r.kind, ProvisionKind::Row);
            r.cells.iter().map(String::as_str).collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            vec![
                "クラウドセキュリティサービス",
                "クラウドサービスの不正利用やコンプライアンス違反を検知するサービス全般を指します。"
            ],
            vec![
                "クラウドセキュリティ運用支援サービス",
                "お客様が別途契約されているクラウドセキュリティサービスの運用支援を行うサービスとなります。"
            ],
            vec![
                "クラウドセキュリティ運用支援サービス契約",
                "第５条の規定に従い締結するクラウドセキュリティ運用支援サービスの利用に関する契約を指します。"
            ],
            vec![
                "お客様",
                "当社との間でクラウドセキュリティ運用支援サービスに関する契約を締結した者を指します。"
            ],
        ]
    );

    // Words broken by hard wraps are whole again.
    let p1 = &article(&doc, "1").children[0];
    assert!(
        p1.text.contains(
            "クラウドセキュリティ運用支援サービス（以下「クラウドセキュリティ運用支援サービス」）"
        ),
        "{}",
        p1.text
    );
    assert!(p1.text.contains("（以下「本約款」）"), "{}", p1.text);
    assert!(p1.text.starts_with("ネットワンシステムズ株式会社"));
    assert!(p1.text.ends_with("一切の事項に適用されます。"));
    // A trailing space inside an open 「 is a wrap, not a block end.
    let p3 = &article(&doc, "13").children[2];
    assert!(
        p3.text.contains("（以下「通信情報」）を収集し"),
        "{}",
        p3.text
    );
    assert!(p3.text.ends_with("同意するものとします。"), "{}", p3.text);
    // 第４条's paragraph starts with two spaces in the PDF text: they are not text.
    assert!(article(&doc, "4").children[0].text.starts_with("当社が"));
    // Half-width text inside a line keeps its own spaces.
    assert!(article(&doc, "1").children[1]
        .text
        .contains("締結した NetOne クラウドサービス約款"));

    // 附則: one suppl with its one paragraph; 以上 is not a provision anywhere.
    assert_eq!(doc.suppl.len(), 1);
    let s = &doc.suppl[0];
    assert_eq!(s.kind, ProvisionKind::Suppl);
    assert_eq!((s.label.as_str(), s.path.as_str()), ("附則", "附則"));
    assert_eq!(s.caption, None);
    assert_eq!(s.children.len(), 1);
    assert_eq!(s.children[0].kind, ProvisionKind::Paragraph);
    assert_eq!(s.children[0].path, "附則第1項");
    assert_eq!(
        s.children[0].text,
        "この約款は、２０１９年１２月２４日から実施します。"
    );
    assert!(doc
        .all_provisions()
        .all(|p| p.text.trim() != "以上" && p.kind != ProvisionKind::Unplaced));
}

/// 1-based line of a byte offset in a UTF-8 text.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[test]
fn seed_spans_point_into_the_file() {
    let Some(bytes) = seed_bytes() else { return };
    let raw = std::str::from_utf8(&bytes).expect("the seed is UTF-8");
    let doc = parse_bytes(SEED_NAME, &bytes);

    let a7 = article(&doc, "7");
    let at = raw.find("第７条").expect("第７条 in the seed");
    assert_eq!(a7.span.range().start, at);
    assert_eq!(a7.span.line(), line_of(raw, at));

    for p in doc.all_provisions() {
        let (s, s_line) = (p.span.range(), p.span.line());
        assert!(s.start < s.end && s.end <= raw.len(), "{}: {s:?}", p.path);
        assert!(
            raw.is_char_boundary(s.start) && raw.is_char_boundary(s.end),
            "{}",
            p.path
        );
        assert_eq!(s_line, line_of(raw, s.start), "{}: line of {s:?}", p.path);
        let here = &raw[s.start..s.end];
        // The span starts at the label, or at the text when there is none.
        let first = if !p.label.is_empty() {
            p.label.as_str()
        } else if let Some(c) = p.cells.first() {
            c.as_str()
        } else {
            p.text.as_str()
        };
        let first: String = first.chars().take(1).collect();
        assert!(
            here.starts_with(&first),
            "{}: span starts {:?}",
            p.path,
            &here[..here.len().min(30)]
        );
        // A leaf's span ends with the last character of its text.
        if p.children.is_empty() && !p.text.is_empty() {
            let last = p.text.chars().last().unwrap_or(' ');
            assert!(here.ends_with(last), "{}: span ends {here:?}", p.path);
        }
        // Children lie inside their parent.
        for c in &p.children {
            assert!(
                s.start <= c.span.range().start && c.span.range().end <= s.end,
                "{} in {}",
                c.path,
                p.path
            );
        }
    }
    // 第５条's caption runs over two physical lines; the article's span covers both.
    let a5 = article(&doc, "5");
    let at5 = raw.find("第５条 （").unwrap_or(0);
    assert_eq!(a5.span.range().start, at5);
    assert!(raw[a5.span.range().start..a5.span.range().end].contains("変更・解約の方法）"));
}

#[test]
fn seed_model_snapshot() {
    let Some(bytes) = seed_bytes() else { return };
    let doc = parse_bytes(SEED_NAME, &bytes);
    insta::assert_yaml_snapshot!("seed_model", doc);
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[test]
fn seed_encodings_and_layouts_give_one_model() {
    let Some(bytes) = seed_bytes() else { return };
    let text = std::str::from_utf8(&bytes).expect("the seed is UTF-8");
    let name = "seed.txt";
    let reference = parse_bytes(name, &bytes);
    let expected = without_spans(&reference);

    let crlf = text.replace('\n', "\r\n");
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "the seed is representable in Shift_JIS");
    let utf16 = utf16le_with_bom(text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&bytes);
    let src = SourceFile::from_bytes(Path::new(name), &bytes).expect("decodable");
    let clean = yakkan::fmt::format_source(&src);
    assert_ne!(clean, text, "fmt changes the PDF layout");

    let variants: [(&str, Vec<u8>); 5] = [
        ("CRLF", crlf.into_bytes()),
        ("Shift_JIS", sjis.into_owned()),
        ("UTF-16LE with BOM", utf16.clone()),
        ("UTF-8 with BOM", bom),
        ("fmt clean text", clean.clone().into_bytes()),
    ];
    for (what, bytes) in &variants {
        let doc = parse_bytes(name, bytes);
        assert_eq!(without_spans(&doc), expected, "{what}");
        // Every span lies inside the original bytes.
        for p in doc.all_provisions() {
            assert!(
                p.span.range().start < p.span.range().end && p.span.range().end <= bytes.len(),
                "{what}: {}",
                p.path
            );
        }
    }

    // Shift_JIS and UTF-16 spans point at the original bytes, not the decoded text.
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let (mark, _, _) = encoding_rs::SHIFT_JIS.encode("第７条");
    let at = sjis
        .windows(mark.len())
        .position(|w| w == &*mark)
        .expect("第７条 in the SJIS bytes");
    let doc = parse_bytes(name, &sjis);
    assert_eq!(article(&doc, "7").span.range().start, at);
    let line = sjis[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    assert_eq!(article(&doc, "7").span.line(), line);
    // The span's end is the end of 第７条's last paragraph in the SJIS bytes.
    let end = article(&doc, "7").span.range().end;
    let (last, _, _) = encoding_rs::SHIFT_JIS.encode("ものとし、以後も同様とします。");
    assert_eq!(&sjis[end - last.len()..end], &*last);

    let doc = parse_bytes(name, &utf16);
    let units = text[..text.find("第７条").unwrap_or(0)]
        .encode_utf16()
        .count();
    assert_eq!(article(&doc, "7").span.range().start, 2 + 2 * units);

    // CRLF: the same lines, offsets shifted by one byte per line end before them.
    let crlf = text.replace('\n', "\r\n");
    let doc = parse_bytes(name, crlf.as_bytes());
    let at = crlf.find("第７条").unwrap_or(0);
    assert_eq!(article(&doc, "7").span.range().start, at);
    assert_eq!(
        article(&doc, "7").span.line(),
        line_of(text, text.find("第７条").unwrap_or(0))
    );

    // The clean text is already canonical.
    let again = yakkan::fmt::format_source(&SourceFile::from_text(name, clean.clone()));
    assert_eq!(again, clean);
}
