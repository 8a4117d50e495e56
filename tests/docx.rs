//! Word (.docx) input: a document built here with the zip crate (automatic article and
//! item numbering, a definitions table, tracked changes, a field, footnote and comment
//! marks) gives the same model as its text twin (`tests/fixtures/input/twin.txt`), spans
//! aside, and the same findings; damaged files exit 2 naming the file and the problem.

mod common;
use common::without_spans;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const TWIN: &str = "tests/fixtures/input/twin.txt";

fn twin_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(TWIN)).expect("twin")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A paragraph of runs (already XML), with optional paragraph properties.
fn para(ppr: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

fn plain(text: &str) -> String {
    para("", &run(text))
}

/// A paragraph numbered by Word: numId, level.
fn numbered(num: u32, text: &str) -> String {
    para(
        &format!(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>"#),
        &run(text),
    )
}

/// An article heading numbered through its paragraph style.
fn article_heading(caption: &str) -> String {
    para(r#"<w:pStyle w:val="ArticleHeading"/>"#, &run(caption))
}

fn table(rows: &[[&str; 2]]) -> String {
    let mut s = String::from(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="6000"/></w:tblGrid>"#,
    );
    for r in rows {
        s.push_str("<w:tr>");
        for c in r {
            s.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
                plain(c)
            ));
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// The body of the Word twin: what twin.txt says, with the numbering left to Word.
fn body() -> String {
    let mut b = String::new();
    b.push_str(&plain("データ分析支援サービス約款"));
    b.push_str(&plain(""));
    b.push_str(&article_heading("（目的）"));
    // A field shown by its result; a comment and a footnote mark that are not text.
    b.push_str(&para(
        "",
        &format!(
            "{}<w:commentRangeStart w:id=\"0\"/>{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DOCPROPERTY Company </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>",
            run("本約款は、"),
            run("株式会社"),
            run("あおば解析"),
            run("（以下「当社」という。）が提供するデータ分析支援サービス（以下「本サービス」という。）"),
            run("の利用条件を定めるものとする。"),
        ),
    ));
    b.push_str(&plain("２　本約款に定めのない事項は、当社が別に定めるクラウド基本約款（以下「基本約款」という。）によるものとする。"));
    b.push_str(&plain(""));
    b.push_str(&article_heading("（定義）"));
    b.push_str(&plain(
        "本約款において使用する用語の意味は、次の表に定めるとおりとする。",
    ));
    b.push_str(&table(&[
        ["用語", "用語の意味"],
        ["契約者", "当社との間で本サービスの利用契約を締結した法人又は個人"],
        ["分析データ", "契約者が本サービスによる分析のために当社に提供する電子データであって、契約者が提供の権限を有するもの"],
        ["分析報告書", "当社が分析データを分析した結果をまとめ、契約者に交付する書面又は電磁的記録"],
    ]));
    b.push_str(&plain(""));
    b.push_str(&article_heading("（利用の申込み）"));
    b.push_str(&plain(
        "本サービスの利用を希望する者は、次の各号に掲げる事項を当社に届け出るものとする。",
    ));
    b.push_str(&numbered(2, "氏名又は名称及び住所"));
    b.push_str(&numbered(2, "担当者の連絡先"));
    b.push_str(&numbered(2, "分析を希望するデータの種類及び分量"));
    b.push_str(&plain(
        "２　当社は、前項の届出の内容に不備があるときは、申込みを承諾しないことがある。",
    ));
    b.push_str(&plain(""));
    // Numbered directly (not through the style): the same list goes on.
    b.push_str(&numbered(1, "（料金）"));
    // Tracked changes: the deleted words go, the inserted ones stay.
    b.push_str(&para(
        "",
        &format!(
            "{}<w:del w:id=\"5\" w:author=\"a\"><w:r><w:delText>２５日</w:delText></w:r></w:del><w:ins w:id=\"6\" w:author=\"a\">{}</w:ins>{}",
            run("契約者は、分析データの分量に応じて当社が定める料金を、毎月"),
            run("末日"),
            run("までに当社の指定する口座に振り込む方法により支払うものとする。"),
        ),
    ));
    b.push_str(&plain("２　契約者が料金の支払を遅滞したときは、支払期日の翌日から支払の日まで1年につき１４．６パーセントの割合による遅延損害金を支払うものとする。"));
    b.push_str(&plain(""));
    b.push_str(&article_heading("（禁止事項）"));
    b.push_str(&plain(
        "契約者は、本サービスの利用にあたり、次の各号に掲げる行為をしてはならない。",
    ));
    // numId 3 is the item list again with a start override: it restarts at （１）.
    b.push_str(&numbered(
        3,
        "第三者の権利を侵害する情報を分析データに含める行為",
    ));
    b.push_str(&numbered(3, "本サービスの運営を妨げる行為"));
    b.push_str(&plain("２　当社は、契約者が前項各号のいずれかに該当する行為をしたときは、第８条の定めにより利用契約を解除することができる。"));
    b.push_str(&plain(""));
    b.push_str(&article_heading("（分析報告書の利用）"));
    b.push_str(&plain("契約者は、分析報告書を自己の事業のためにのみ利用するものとし、当社の書面による承諾なく第三者に開示してはならない。"));
    b.push_str(&plain("２　当社は、分析報告書の内容の正確性について、基本約款第１２条の定めによるほか、責任を負わない。"));
    b.push_str(&plain(""));
    b.push_str(&plain("附則"));
    b.push_str(&plain("本約款は、２０２５年４月１日から施行する。"));
    b
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn numbering_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="第%1条"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="（%1）"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="aiueoFullWidth"/><w:lvlText w:val="%2"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#
    )
}

fn styles_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ArticleBase"><w:name w:val="article base"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ArticleHeading"><w:name w:val="article"/><w:basedOn w:val="ArticleBase"/><w:pPr><w:keepNext/></w:pPr></w:style>
</w:styles>"#
    )
}

/// A .docx with these parts (name → content).
fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(content.as_bytes()).expect("zip write");
    }
    w.finish().expect("zip").into_inner()
}

fn docx_parts(body: &str) -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#)),
        ("word/numbering.xml", numbering_xml()),
        ("word/styles.xml", styles_xml()),
        ("word/footnotes.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>脚注の文は本文ではない。</w:t></w:r></w:p></w:footnote></w:footnotes>"#)),
        ("word/comments.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:comments {NS}><w:comment w:id="0"><w:p><w:r><w:t>コメントも本文ではない。</w:t></w:r></w:p></w:comment></w:comments>"#)),
    ]
}

fn write_files(dir: &Path) -> (PathBuf, PathBuf) {
    let docx = dir.join("twin.docx");
    std::fs::write(&docx, zip(&docx_parts(&body()))).expect("write docx");
    let txt = dir.join("twin.txt");
    std::fs::write(&txt, twin_text()).expect("write txt");
    (docx, txt)
}

#[test]
fn docx_gives_the_model_of_its_text_twin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (docx, txt) = write_files(dir.path());
    let d = yakkan::parse_file(&docx).expect("docx reads");
    let t = yakkan::parse_file(&txt).expect("text reads");
    assert!(d.provisions.len() >= 6, "{} provisions", d.provisions.len());
    assert_eq!(
        d.definitions
            .iter()
            .filter(|x| x.kind == yakkan::model::DefinitionKind::Table)
            .count(),
        3
    );
    assert_eq!(without_spans(&d), without_spans(&t));
    // What Word's numbering displays is the text of the line.
    let src = yakkan::SourceFile::load(&docx).expect("load");
    assert!(src.text.contains("\n第４条（料金）\n"), "{}", src.text);
    assert!(src.text.contains("\n（１）\u{3000}第三者の権利"));
    assert!(!src.text.contains("２５日") && !src.text.contains("DOCPROPERTY"));
    assert!(!src.text.contains("脚注") && !src.text.contains("コメント"));
}

fn check_json(paths: &[&Path]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("check")
        .args(paths)
        .args(["--format", "json"])
        .output()
        .expect("run yakkan");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (out.status.code().unwrap_or(-1), v)
}

/// (code, path, file-less message) of every diagnostic.
fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["path"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn docx_gets_the_findings_of_its_text_twin_located_by_paragraph() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (docx, txt) = write_files(dir.path());
    let (dc, dv) = check_json(&[&docx]);
    let (tc, tv) = check_json(&[&txt]);
    assert_eq!(dc, tc);
    let df = findings(&dv);
    assert_eq!(df, findings(&tv));
    assert!(df.iter().any(|f| f.0 == "Y301"), "{df:?}");
    // The dangling 第８条 is in the 33rd body paragraph (every cell of the table is a
    // paragraph of its own), 第5条第2項; the column counts in that paragraph.
    let d = dv["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "Y301")
        .unwrap();
    assert_eq!(d["path"], "第5条第2項");
    let para_text = "２　当社は、契約者が前項各号のいずれかに該当する行為をしたときは、";
    assert_eq!(d["column"], para_text.chars().count() + 1);
    assert_eq!(d["line"], 33, "{d}");
    assert!(d.get("page").is_none());
}

fn check_fails(name: &str, bytes: &[u8], want: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("check")
        .arg(&p)
        .output()
        .expect("run yakkan");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&p.display().to_string()), "{err}");
    assert!(err.contains(want), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn damaged_docx_files_exit_2_naming_file_and_problem() {
    let good = zip(&docx_parts(&body()));
    check_fails("cut.docx", &good[..good.len() / 2], "zip");
    let no_body: Vec<_> = docx_parts(&body())
        .into_iter()
        .filter(|(n, _)| *n != "word/document.xml")
        .collect();
    check_fails("nobody.docx", &zip(&no_body), "word/document.xml");
    let mut bad = docx_parts(&body());
    bad[2].1 =
        format!("<w:document {NS}><w:body><w:p><w:r><w:t>第１条</w:r></w:p></w:body></w:document>");
    check_fails("badxml.docx", &zip(&bad), "XML error");
}

#[test]
fn fmt_write_leaves_a_docx_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (docx, _) = write_files(dir.path());
    let before = std::fs::read(&docx).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(["fmt", "--write"])
        .arg(&docx)
        .output()
        .expect("run yakkan");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&docx).unwrap(), before);
    // Without --write, fmt prints the text it read.
    let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .arg("fmt")
        .arg(&docx)
        .output()
        .expect("run yakkan");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("第２条（定義）"));
}

#[test]
fn a_folder_corpus_takes_docx_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.docx"), zip(&docx_parts(&body()))).unwrap();
    let (_, v) = check_json(&[dir.path()]);
    assert_eq!(v["summary"]["documents"], 1);
}
