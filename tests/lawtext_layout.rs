//! Lawtext layout (issue #11, point 5): the text layout the Lawtext tool writes from the
//! e-Gov XML reads into the same provisions as the e-Gov text of the same statute.
//!
//! * a handwritten fictional statute in Lawtext layout
//!   (`tests/fixtures/layouts/lawtext/garden.law.txt`) with its exact structure;
//! * every statute of `../shared/corpus/laws/` rendered by Lawtext 0.1.52
//!   (`scripts/lawtext-layouts.sh`, into `target/lawtext/` or `$YAKKAN_LAWTEXT_DIR`)
//!   against the parse of its e-Gov text and its official structure (`truth/`), and the
//!   findings of `check` on both;
//! * no document that is not Lawtext is read as Lawtext.

mod common;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use yakkan::layout::LayoutKind;
use yakkan::lint::{lint, Severity};
use yakkan::model::Provision;
use yakkan::{Document, SourceFile};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> Arc<SourceFile> {
    Arc::new(SourceFile::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Every provision of a document (main provisions, then 附則) in order:
/// (kind, path, num, caption, text, cells).
type Node = (String, String, String, Option<String>, String, Vec<String>);

fn nodes(doc: &Document) -> Vec<Node> {
    let mut out = Vec::new();
    for top in doc.provisions.iter().chain(&doc.suppl) {
        for p in top.walk() {
            out.push((
                format!("{:?}", p.kind),
                p.path.to_string(),
                p.num.to_string(),
                p.caption.as_deref().map(str::to_string),
                p.text.to_string(),
                p.cells.to_vec(),
            ));
        }
    }
    out
}

/// Every piece of every provision's text is the text of the original bytes it points
/// at, and every span starts on the provision's own text (not on a marker or an indent).
fn spans_point_at_the_source(doc: &Document, src: &SourceFile) -> Vec<String> {
    let mut bad = Vec::new();
    let original = &src.text; // UTF-8 without BOM: decoded and original offsets agree
    for top in doc.provisions.iter().chain(&doc.suppl) {
        for p in top.walk() {
            for piece in p.text_map.pieces() {
                let t = p
                    .text
                    .get(piece.text_start()..piece.text_start() + piece.len());
                let s = original.get(piece.src_start()..piece.src_start() + piece.len());
                if t.is_none() || t != s {
                    bad.push(format!("{}: piece {piece:?}: {t:?} ≠ {s:?}", p.path));
                }
            }
            let first = p.text.trim_start_matches('\t').chars().next();
            if let Some(c) = first.filter(|_| p.span.range().end > p.span.range().start) {
                let at = original.get(p.span.range()).unwrap_or_default();
                if !at.contains(c) {
                    bad.push(format!("{}: span {:?} holds {at:?}", p.path, p.span));
                }
            }
        }
    }
    bad
}

fn paths(ps: &[Provision]) -> Vec<String> {
    ps.iter()
        .flat_map(|p| p.walk())
        .map(|p| format!("{:?} {}", p.kind, p.path))
        .collect()
}

#[test]
fn handwritten_statute_in_lawtext_layout_has_its_exact_structure() {
    let path = root().join("tests/fixtures/layouts/lawtext/garden.law.txt");
    let src = load(&path);
    assert_eq!(yakkan::layout::detect(&src), LayoutKind::Lawtext);
    let doc = yakkan::parse_text_source(src.clone());
    assert_eq!(doc.title, "市民菜園の運営に関する法律");
    assert_eq!(doc.law_number.as_deref(), Some("令和八年法律第九百一号"));
    assert_eq!(
        paths(&doc.provisions),
        [
            "Chapter 第1章",
            "Article 第1条",
            "Paragraph 第1条第1項",
            "Article 第2条",
            "Paragraph 第2条第1項",
            "Item 第2条第1項第1号",
            "Item 第2条第1項第2号",
            "Item 第2条第1項第3号",
            "Subitem 第2条第1項第3号イ",
            "Subitem 第2条第1項第3号ロ",
            "Paragraph 第2条第2項",
            "Chapter 第2章",
            "Section 第2章第1節",
            "Article 第3条",
            "Paragraph 第3条第1項",
            "Paragraph 第3条第2項",
            "Item 第3条第2項第1号",
            "Item 第3条第2項第2号",
            "Subitem 第3条第2項第2号イ",
            "Subitem 第3条第2項第2号ロ",
            "Subitem 第3条第2項第2号ロ1",
            "Subitem 第3条第2項第2号ロ2",
            "Section 第2章第2節",
            "Article 第4条",
            "Paragraph 第4条第1項",
            "Appendix 別表",
            "Table 別表表",
            "Row 別表表1",
            "Row 別表表2",
            "Row 別表表3",
            "Paragraph 別表第1項",
        ]
    );
    assert_eq!(
        paths(&doc.suppl),
        [
            "Suppl 附則",
            "Article 附則第1条",
            "Paragraph 附則第1条第1項",
            "Article 附則第2条",
            "Paragraph 附則第2条第1項",
            "Suppl 附則2",
            "Paragraph 附則2第1項",
            "Paragraph 附則2第2項",
        ]
    );
    let find = |path: &str| {
        doc.all_provisions()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("{path} not found"))
    };
    // Captions are read from their indented lines, indentation and markers are gone.
    assert_eq!(find("第1条").caption.as_deref(), Some("目的"));
    assert_eq!(find("附則第2条").caption.as_deref(), Some("経過措置"));
    assert_eq!(
        find("第2条第1項第3号ロ").text,
        "イに掲げる者と同一の世帯に属する者"
    );
    assert_eq!(find("第3条第2項第2号ロ2").text, "過去の利用の有無");
    // The old-law paragraph number ② is not part of the text (e-Gov prints none).
    assert_eq!(
        find("附則2第2項").text,
        "前項の規定にかかわらず、別表の改正規定は、令和九年四月一日から施行する。"
    );
    // Table cells: attributes stripped, a `|` block's lines joined as e-Gov joins them,
    // an empty first cell kept.
    assert_eq!(*find("別表表2").cells, ["一般区画", "二十平方メートル"]);
    assert_eq!(
        *find("別表表3").cells,
        [
            "",
            "車椅子で利用する区画は三十平方メートル\u{3000}高さを上げた区画は十平方メートル"
        ]
    );
    assert_eq!(
        find("別表第1項").text,
        "備考\u{3000}面積は、通路を含まない。"
    );
    assert_eq!(
        doc.toc,
        [
            "第一章\u{3000}総則（第一条・第二条）",
            "第二章\u{3000}区画の利用",
            "第一節\u{3000}申込み（第三条）",
            "第二節\u{3000}管理（第四条）",
            "附則"
        ]
    );
    let bad = spans_point_at_the_source(&doc, &src);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// `fmt` keeps a Lawtext document in Lawtext layout: its indentation and markers are
/// its structure (as Markdown's are), so only white space at line ends and blank runs
/// change.
#[test]
fn fmt_keeps_lawtext_layout() {
    let path = root().join("tests/fixtures/layouts/lawtext/garden.law.txt");
    let src = load(&path);
    let formatted = yakkan::fmt::format_source(&src);
    assert_eq!(formatted, &*src.text);
    let spaced = SourceFile::from_text(
        "x.law.txt",
        src.text
            .replace('\n', "  \r\n")
            .replace("\n  \r\n", "\n\n\n"),
    );
    assert_eq!(yakkan::fmt::format_source(&spaced), &*src.text);
}

/// The folder of the Lawtext renderings, with a NOTICE when there is none.
fn renderings() -> Option<PathBuf> {
    let dir = std::env::var_os("YAKKAN_LAWTEXT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/lawtext"));
    common::present(
        dir,
        "the Lawtext statutes (run scripts/lawtext-layouts.sh to render them)",
    )
}

fn laws() -> Option<PathBuf> {
    common::shared_corpus("laws", "the Lawtext statutes")
}

/// The statutes of laws/ with a Lawtext rendering: (id, rendering, e-Gov text).
fn pairs() -> Vec<(String, PathBuf, PathBuf)> {
    let (Some(laws), Some(dir)) = (laws(), renderings()) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = std::fs::read_dir(laws.join("xml"))
        .expect("laws/xml")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".xml").map(str::to_string)
        })
        .collect();
    ids.sort();
    let mut out = Vec::new();
    for id in ids {
        let lt = dir.join(format!("{id}.law.txt"));
        if lt.is_file() {
            out.push((id.clone(), lt, laws.join(format!("txt/{id}.txt"))));
        } else {
            eprintln!(
                "NOTICE: {} not found; skipping {id} (run scripts/lawtext-layouts.sh)",
                lt.display()
            );
        }
    }
    out
}

#[test]
fn every_lawtext_rendering_parses_into_the_tree_of_its_egov_text() {
    let pairs = pairs();
    let Some(laws) = laws() else { return };
    let failures: Vec<String> = pairs
        .par_iter()
        .flat_map_iter(|(id, lt, egov)| {
            let mut failures = Vec::new();
            let lsrc = load(lt);
            let esrc = load(egov);
            if yakkan::layout::detect(&lsrc) != LayoutKind::Lawtext {
                failures.push(format!("{id}: the rendering is not read as Lawtext layout"));
            }
            let ldoc = yakkan::parse_text_source(lsrc.clone());
            let edoc = yakkan::parse_text_source(esrc);
            if (&ldoc.title, &ldoc.law_number, &ldoc.toc)
                != (&edoc.title, &edoc.law_number, &edoc.toc)
            {
                failures.push(format!(
                    "{id}: title {:?} / law number {:?} / {} 目次 entries, e-Gov {:?} / {:?} / {}",
                    ldoc.title,
                    ldoc.law_number,
                    ldoc.toc.len(),
                    edoc.title,
                    edoc.law_number,
                    edoc.toc.len()
                ));
            }
            let (l, e) = (nodes(&ldoc), nodes(&edoc));
            if l != e {
                let first = l
                    .iter()
                    .zip(&e)
                    .position(|(a, b)| a != b)
                    .unwrap_or(l.len().min(e.len()));
                failures.push(format!(
                    "{id}: {} provisions, e-Gov {}; first difference at #{first}: {:?} vs {:?}",
                    l.len(),
                    e.len(),
                    l.get(first),
                    e.get(first)
                ));
            }
            failures.extend(common::statutes::compare_to_truth(
                id,
                &laws.join(format!("truth/{id}.json")),
                &ldoc,
            ));
            failures.extend(
                spans_point_at_the_source(&ldoc, &lsrc)
                    .into_iter()
                    .take(3)
                    .map(|b| format!("{id}: {b}")),
            );
            failures
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
    if !pairs.is_empty() {
        eprintln!(
            "{} Lawtext renderings parse as their e-Gov text",
            pairs.len()
        );
    }
}

/// `check FILE --isolated` on a Lawtext rendering: the same findings as on the e-Gov text
/// of the statute (rule, provision, message), so never more at error level (none today).
#[test]
fn lawtext_renderings_get_the_findings_of_their_egov_text() {
    let findings = |f: &Path| -> Vec<(String, Severity, String, String)> {
        let corpus = yakkan::Corpus::load(std::slice::from_ref(&f.to_path_buf())).expect("load");
        let mut out: Vec<_> = lint(&corpus)
            .into_iter()
            .map(|d| {
                (
                    d.code.to_string(),
                    d.severity,
                    d.finding.path.to_string(),
                    d.finding.message.clone(),
                )
            })
            .collect();
        out.sort_by(|a, b| (&a.0, &a.2, &a.3).cmp(&(&b.0, &b.2, &b.3)));
        out
    };
    let failures: Vec<String> = pairs()
        .par_iter()
        .flat_map_iter(|(id, lt, egov)| {
            let (l, e) = (findings(lt), findings(egov));
            let errors = |v: &[(String, Severity, String, String)]| {
                v.iter().filter(|f| f.1 == Severity::Error).count()
            };
            let mut failures = Vec::new();
            if errors(&l) > errors(&e) {
                failures.push(format!(
                    "{id}: {} error-level findings in Lawtext layout, {} in the e-Gov text",
                    errors(&l),
                    errors(&e)
                ));
            }
            if l != e {
                let first = l.iter().zip(&e).position(|(a, b)| a != b);
                failures.push(format!(
                    "{id}: {} findings in Lawtext layout, {} in the e-Gov text; first difference at {first:?}",
                    l.len(),
                    e.len()
                ));
            }
            failures
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Text files below `dir`, recursively.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            text_files(&p, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| matches!(x, "txt" | "md" | "text" | "markdown"))
        {
            out.push(p);
        }
    }
}

/// The detection never reads a document that is not Lawtext as Lawtext: the shipped
/// documents, the test fixtures, the terms corpus and the e-Gov statutes.
#[test]
fn no_other_document_is_read_as_lawtext() {
    let mut files = Vec::new();
    text_files(&root().join("clauses"), &mut files);
    text_files(&root().join("tests/fixtures"), &mut files);
    let shipped = files.len();
    let corpus = root().join("../shared/corpus");
    for d in ["tos", "laws/txt", "laws-wide/txt"] {
        if corpus.join(d).is_dir() {
            text_files(&corpus.join(d), &mut files);
        } else {
            eprintln!(
                "NOTICE: {} not found; not checked",
                corpus.join(d).display()
            );
        }
    }
    let lawtext_fixtures = root().join("tests/fixtures/layouts/lawtext");
    files.retain(|f| !f.starts_with(&lawtext_fixtures));
    assert!(shipped > 20, "{shipped} shipped documents");
    let misread: Vec<String> = files
        .par_iter()
        .filter_map(|f| {
            let src = SourceFile::load(f).ok()?;
            (yakkan::layout::detect(&src) == LayoutKind::Lawtext).then(|| f.display().to_string())
        })
        .collect();
    assert!(
        misread.is_empty(),
        "read as Lawtext layout:\n{}",
        misread.join("\n")
    );
}
