//! `yakkan index` on the shipped corpus: the Markdown index (contents, defined terms,
//! references, the Mermaid precedence graph), the JSON with the same counts, the HTML
//! page (one file, no script, no external resource, every in-page link resolves), `-o`
//! refusing to overwrite an input, and a snapshot of the Markdown.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn yakkan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run yakkan")
}

fn yakkan(args: &[&str]) -> Output {
    yakkan_in(&root(), args)
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn markdown() -> String {
    stdout(&yakkan(&["index", "clauses"]))
}

fn json() -> serde_json::Value {
    let text = stdout(&yakkan(&["index", "clauses", "--format", "json"]));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The text of a Markdown section: from the heading line to the next heading of the same
/// or a higher level.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let level = heading.chars().take_while(|&c| c == '#').count();
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no section `{heading}`"))
        + 1;
    let body = &text[start + heading.len()..];
    let end = body
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| {
            let n = body[i..].chars().take_while(|&c| c == '#').count();
            n > 0 && n <= level && body[i..].chars().nth(n) == Some(' ')
        })
        .unwrap_or(body.len());
    &text[start..start + heading.len() + end]
}

fn corpus() -> yakkan::Corpus {
    yakkan::Corpus::load(&[root().join("clauses")]).expect("clauses/ loads")
}

#[test]
fn markdown_lists_every_article_with_its_caption() {
    let md = markdown();
    let toc = section(&md, "## 目次");
    let corpus = corpus();
    let mut articles = 0;
    for doc in &corpus.docs {
        assert!(
            toc.contains(&format!("### {}\n", doc.title)),
            "{}",
            doc.title
        );
        for p in doc.all_provisions() {
            if p.kind != yakkan::model::ProvisionKind::Article {
                continue;
            }
            articles += 1;
            let caption = p
                .caption
                .as_deref()
                .expect("every article of clauses/ has a caption");
            let line = format!("- {}（{}）\n", p.label, caption);
            assert!(toc.contains(&line), "missing {line:?} of {}", doc.id);
        }
        if !doc.suppl.is_empty() {
            let doc_toc = section(toc, &format!("### {}", doc.title));
            assert!(doc_toc.contains("- 附則\n"), "附則 of {}", doc.id);
        }
    }
    assert!(articles >= 40, "{articles} articles");
    // Spec sections with their captions, nested.
    assert!(
        toc.contains("- ２．サービス内容\n  - ２．１　監視対象\n"),
        "{toc}"
    );
    assert!(toc.contains("  - 1.1　本仕様書の位置付け\n"), "{toc}");
}

#[test]
fn markdown_term_index_has_honsaabisu_and_its_uses() {
    let md = markdown();
    let terms = section(&md, "## 定義語索引");
    let entry = section(terms, "### 本サービス");
    // Defined by four documents, each with its own meaning and defining provision.
    assert!(
        entry.contains("  - 定義: マネージドログ監視サービス約款 第1条第1項（略称）\n"),
        "{entry}"
    );
    assert!(
        entry.contains("  - 定義: 個別条件書 第1条第1項（略称）\n"),
        "{entry}"
    );
    assert_eq!(entry.matches("  - 定義: ").count(), 4, "{entry}");
    // Every provision that uses it, per document.
    let uses = entry
        .lines()
        .find(|l| l.starts_with("  - 使用: マネージドログ監視サービス約款 — "))
        .expect("uses in the terms");
    for path in ["第3条第1項", "第10条第1項", "第2条第1項表1"] {
        assert!(uses.contains(path), "{path} in {uses}");
    }
    assert!(
        entry.contains("  - 使用: 個別条件書 — 第2条第1項, 第3条第1項, 第4条第1項\n"),
        "{entry}"
    );
    // A term used across documents: defined in the terms, used in the specs.
    let monitored = section(terms, "### 監視対象システム");
    assert!(
        monitored.contains("  - 使用: ログ監視基本仕様書 — "),
        "{monitored}"
    );
}

#[test]
fn markdown_reference_index_links_both_ways_across_documents() {
    let md = markdown();
    let refs = section(&md, "## 参照索引");
    let terms = section(refs, "### マネージドログ監視サービス約款");
    let art9 = section(terms, "#### 第９条（中途解約）");
    assert!(
        art9.contains(
            "- 第9条第1項\n  - → 「基本約款第８条第３項」: ミナトクラウド クラウドサービス基本約款 第8条第3項（かかわらず）\n"
        ),
        "{art9}"
    );
    assert!(
        art9.contains(
            "  - → 「基本約款第８条第３項」: ミナトクラウド クラウドサービス基本約款 第8条第3項\n"
        ),
        "{art9}"
    );
    let base = section(refs, "### ミナトクラウド クラウドサービス基本約款");
    let art8 = section(base, "#### 第８条（解約）");
    assert!(
        art8.contains(
            "- 第8条第3項\n  - ← マネージドログ監視サービス約款 第9条第1項「基本約款第８条第３項」（かかわらず）\n  - ← マネージドログ監視サービス約款 第9条第2項「基本約款第８条第３項」\n"
        ),
        "{art8}"
    );
    // A statute is marked external; 前項 is resolved within the document.
    let art13 = section(terms, "#### 第１３条（通信の秘密）");
    assert!(art13.contains("電気通信事業法 第4条（外部）"), "{art13}");
    assert!(
        art9.contains("- 第9条第2項\n  - → 「前項」: 第9条第1項\n"),
        "{art9}"
    );
}

#[test]
fn markdown_precedence_graph_is_mermaid() {
    let md = markdown();
    let graph = section(&md, "## 優先関係");
    let block = graph
        .split("```mermaid\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a mermaid block");
    assert!(block.starts_with("graph TD\n"), "{block}");
    assert!(
        block.contains("  doc_individual_conditions[\"個別条件書\"]\n"),
        "{block}"
    );
    assert!(
        block.contains("  doc_managed_log_monitoring_terms[\"マネージドログ監視サービス約款\"]\n"),
        "{block}"
    );
    // 個別条件書 prevails over the terms (the terms' 第1条第3項 says so of 仕様書).
    assert!(
        block.contains("  doc_individual_conditions --> doc_managed_log_monitoring_terms\n"),
        "{block}"
    );
    assert!(
        block.contains("  doc_managed_log_monitoring_terms --> doc_cloud_service_base_terms\n"),
        "{block}"
    );
    assert!(graph.contains(
        "- 個別条件書 → マネージドログ監視サービス約款: マネージドログ監視サービス約款 第1条第3項\n"
    ));
}

#[test]
fn json_has_the_markdown_counts() {
    let md = markdown();
    let v = json();
    assert_eq!(v["version"], 1);
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);

    let toc_md = section(&md, "## 目次")
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .count();
    let toc_json: usize = docs
        .iter()
        .map(|d| d["toc"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(toc_md, toc_json);
    let articles_json = docs
        .iter()
        .flat_map(|d| d["toc"].as_array().into_iter().flatten())
        .filter(|t| t["kind"] == "article")
        .count();
    let articles: usize = corpus()
        .docs
        .iter()
        .map(|d| {
            d.all_provisions()
                .filter(|p| p.kind == yakkan::model::ProvisionKind::Article)
                .count()
        })
        .sum();
    assert_eq!(articles_json, articles);

    let terms = v["terms"].as_array().expect("terms");
    let terms_md = section(&md, "## 定義語索引")
        .lines()
        .filter(|l| l.starts_with("### "))
        .count();
    assert_eq!(terms.len(), terms_md);
    let defs_json: usize = terms
        .iter()
        .map(|t| t["definitions"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(defs_json, md.matches("\n  - 定義: ").count());
    let honsaabisu = terms
        .iter()
        .find(|t| t["term"] == "本サービス")
        .expect("本サービス");
    assert_eq!(honsaabisu["definitions"].as_array().map(Vec::len), Some(4));

    let refs = v["references"].as_array().expect("references");
    let cites: usize = refs
        .iter()
        .map(|r| r["cites"].as_array().map_or(0, Vec::len))
        .sum();
    let cited: usize = refs
        .iter()
        .map(|r| r["cited_by"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(cites, md.matches("\n  - → ").count());
    assert_eq!(cited, md.matches("\n  - ← ").count());
    let all_refs: usize = corpus().docs.iter().map(|d| d.references.len()).sum();
    assert_eq!(cites, all_refs, "every reference of the corpus is indexed");

    let entry = refs
        .iter()
        .find(|r| r["document"] == "cloud-service-base-terms" && r["path"] == "第8条第3項")
        .expect("base terms 第8条第3項");
    assert_eq!(entry["unit"], "第8条");
    let by: Vec<&str> = entry["cited_by"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["path"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(by, ["第9条第1項", "第9条第2項"]);
    let statute = refs
        .iter()
        .flat_map(|r| r["cites"].as_array().into_iter().flatten())
        .find(|c| c["target"]["name"] == "電気通信事業法")
        .expect("the statute");
    assert_eq!(statute["target"]["status"], "external");

    let edges = v["precedence"]["edges"].as_array().expect("edges");
    let mermaid_edges = md
        .lines()
        .filter(|l| l.starts_with("  doc_") && (l.contains(" --> ") || l.contains(" -.->")))
        .count();
    assert_eq!(edges.len(), mermaid_edges);
    assert!(edges.iter().any(|e| e["higher"] == "individual-conditions"
        && e["lower"] == "managed-log-monitoring-terms"
        && !e["stated_by"].as_array().is_none_or(Vec::is_empty)));
    let nodes = v["precedence"]["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 5);
    assert_eq!(nodes[0]["document"], "individual-conditions");
    assert_eq!(nodes[0]["rank"], 0);
}

/// Every value of `attr="…"` in an HTML text.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|e| &rest[..e])
        })
        .collect()
}

#[test]
fn html_is_one_self_contained_page_whose_links_resolve() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("index.html");
    let file_arg = file.to_string_lossy().into_owned();
    let out = yakkan(&["index", "clauses", "--format", "html", "-o", &file_arg]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "-o writes the file, not stdout");
    let entries: Vec<_> = std::fs::read_dir(dir.path()).expect("read dir").collect();
    assert_eq!(entries.len(), 1, "one file");
    let html = std::fs::read_to_string(&file).expect("the page");

    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<style>"));
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no script");
    assert!(!lower.contains("<link"), "no linked stylesheet");
    assert!(!lower.contains("@import") && !lower.contains("url(http"));
    for attr in ["href", "src", "xlink:href", "action"] {
        for v in attr_values(&html, attr) {
            assert!(
                !v.to_lowercase().starts_with("http") && !v.starts_with("//"),
                "external resource {attr}={v}"
            );
        }
    }
    assert!(html.contains("<svg "), "an inline SVG graph");

    let ids: Vec<&str> = attr_values(&html, "id");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "ids are unique");
    let hrefs: Vec<&str> = attr_values(&html, "href");
    let internal: Vec<&str> = hrefs.iter().filter_map(|h| h.strip_prefix('#')).collect();
    assert!(internal.len() > 300, "{} in-page links", internal.len());
    for h in &internal {
        assert!(unique.contains(h), "href=\"#{h}\" has no matching id");
    }
    // Provision anchors as documented, and the paths of the three indexes are links.
    assert!(unique.contains("managed-log-monitoring-terms--第7条第1項"));
    assert!(unique.contains("cloud-service-base-terms--第8条第3項"));
    assert!(html.contains("<a href=\"#cloud-service-base-terms--第8条第3項\">第8条第3項</a>"));
    assert!(html.contains("<a href=\"#managed-log-monitoring-terms--第1条\">第１条（目的）</a>"));
}

#[test]
fn output_never_overwrites_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = root().join("clauses");
    for e in std::fs::read_dir(&src).expect("clauses/") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
    }
    let before_doc = std::fs::read(dir.path().join("individual-conditions.txt")).expect("doc");
    let before_manifest = std::fs::read(dir.path().join("yakkan.yaml")).expect("manifest");
    for target in [
        "individual-conditions.txt",
        "yakkan.yaml",
        "./cloud-service-base-terms.txt",
    ] {
        let out = yakkan_in(
            dir.path(),
            &["index", ".", "--format", "html", "-o", target],
        );
        assert_eq!(out.status.code(), Some(2), "-o {target}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("refusing to overwrite"), "{err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("individual-conditions.txt")).expect("doc"),
        before_doc
    );
    assert_eq!(
        std::fs::read(dir.path().join("yakkan.yaml")).expect("manifest"),
        before_manifest
    );
    // Any other file is fine.
    let out = yakkan_in(dir.path(), &["index", ".", "-o", "index.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(dir.path().join("index.md"))
        .expect("index.md")
        .contains("## 定義語索引"));
}

#[test]
fn default_path_is_clauses_and_output_is_deterministic() {
    let a = stdout(&yakkan(&["index"]));
    assert_eq!(a, markdown());
    for format in ["json", "html"] {
        let x = stdout(&yakkan(&["index", "--format", format]));
        let y = stdout(&yakkan(&["index", "clauses", "--format", format]));
        assert_eq!(x, y, "{format}");
    }
    let bad = yakkan(&["index", "clauses", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn one_document_without_a_manifest() {
    let text = stdout(&yakkan(&[
        "index",
        "clauses/individual-conditions.txt",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["corpus"], "");
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1));
    // 約款 names a document that is not in this corpus.
    let unknown = v["references"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["cites"].as_array().into_iter().flatten())
        .find(|c| c["text"] == "約款第６条")
        .expect("約款第６条");
    assert_eq!(unknown["target"]["status"], "unknown");
    assert_eq!(unknown["target"]["document"], serde_json::Value::Null);
    assert_eq!(v["precedence"]["edges"].as_array().map(Vec::len), Some(0));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("clauses_markdown", markdown());
}

/// `tests/fixtures/index/readings.txt` gives readings two ways: a 読み column in its
/// definitions table (約定日, 役務) and 「瑕疵（かし）」 in a definition sentence.
const READINGS: &str = "tests/fixtures/index/readings.txt";

#[test]
fn terms_with_a_reading_sort_by_it_among_the_kana() {
    let md = stdout(&yakkan(&["index", READINGS]));
    let terms: Vec<&str> = section(&md, "## 定義語索引")
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .collect();
    // えきむ < かし < やくじょうび by reading; 本サービス and 本約款 give none: kanji by
    // code point, after the kana.
    assert_eq!(
        terms,
        [
            "役務（えきむ）",
            "瑕疵（かし）",
            "約定日（やくじょうび）",
            "本サービス",
            "本約款"
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&yakkan(&["index", READINGS, "--format", "json"])))
            .expect("JSON");
    let kashi = json["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .find(|t| t["term"] == "瑕疵")
        .expect("瑕疵 is the term, without its reading");
    assert_eq!(kashi["reading"], "かし");
    // The use in 第3条 is found: the term is 瑕疵, not 瑕疵（かし）.
    assert_eq!(kashi["definitions"][0]["uses"][0]["path"], "第3条第1項");
    // A term without a reading has no `reading` key (the clauses index is unchanged).
    assert!(json["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .any(|t| t["term"] == "本約款" && t.get("reading").is_none()));
    // The model carries the reading (SPEC §2, extended), and only where there is one.
    let model: serde_json::Value =
        serde_json::from_str(&stdout(&yakkan(&["parse", READINGS, "--format", "json"])))
            .expect("JSON");
    let defs = model["definitions"].as_array().expect("definitions");
    let reading = |term: &str| {
        defs.iter()
            .find(|d| d["term"] == term)
            .map(|d| d.get("reading").cloned())
    };
    assert_eq!(reading("約定日"), Some(Some("やくじょうび".into())));
    assert_eq!(reading("役務"), Some(Some("えきむ".into())));
    assert_eq!(reading("本約款"), Some(None));
    let yakujoubi = defs.iter().find(|d| d["term"] == "約定日").expect("約定日");
    assert_eq!(yakujoubi["meaning"], "本サービスの利用契約が成立した日");
}

#[test]
fn html_findings_link_to_their_provisions_and_back() {
    let html = stdout(&yakkan(&["index", READINGS, "--format", "html"]));
    let check = stdout(&yakkan_in(
        &root(),
        &["check", READINGS, "--format", "json", "--exit-zero"],
    ));
    let check: serde_json::Value = serde_json::from_str(&check).expect("JSON");
    let diagnostics = check["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.len() >= 3, "{diagnostics:?}");
    assert!(html.contains(&format!("指摘{}件", diagnostics.len())));
    let ids: HashSet<&str> = attr_values(&html, "id").into_iter().collect();
    let hrefs: HashSet<&str> = attr_values(&html, "href").into_iter().collect();
    let (list, text) = html.split_once("<section id=\"_text\"").expect("本文");
    for n in 1..=diagnostics.len() {
        // The list entry and the mark in the text link to each other.
        assert!(ids.contains(format!("_f{n}").as_str()), "_f{n}");
        assert!(ids.contains(format!("_m{n}").as_str()), "_m{n}");
        assert!(hrefs.contains(format!("#_f{n}").as_str()), "#_f{n}");
        assert!(hrefs.contains(format!("#_m{n}").as_str()), "#_m{n}");
        assert!(list.contains(&format!("<li id=\"_f{n}\">")));
        assert!(text.contains(&format!("id=\"_m{n}\" href=\"#_f{n}\"")));
    }
    // The mark stands in the provision of the finding: Y209 on 役務 in the row 表3, on
    // 瑕疵 in 第2条第2項; Y706 (no provision) under the document's heading.
    let element = |id: &str| {
        let at = text.find(&format!("id=\"{id}\"")).expect(id);
        let end = text[at..].find("</tr>").map_or(text.len(), |e| at + e);
        let end = text[at..].find("</p>").map_or(end, |e| end.min(at + e));
        &text[at..end]
    };
    let row = element("readings--第2条第1項表3");
    assert!(row.contains("役務") && row.contains(">Y209</a>"), "{row}");
    let para = element("readings--第2条第2項");
    assert!(para.contains(">Y209</a>"), "{para}");
    assert!(
        text.contains("条項外の指摘<a class=\"mark"),
        "Y706 under the heading"
    );
    assert!(list.contains("<a href=\"#readings--第2条第1項表3\">第2条第1項表3</a>"));
}

#[test]
fn html_speaks_japanese_only() {
    for path in ["clauses", READINGS] {
        let html = stdout(&yakkan(&["index", path, "--format", "html"]));
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&yakkan(&["index", path, "--format", "json"])))
                .expect("JSON");
        // The interface, less the documents' own text (本文), ids and paths, the finding
        // messages (marked lang="en"), the manifest's file name and key and the rule
        // codes: no English word.
        let (page, _) = html.split_once("<section id=\"_text\"").expect("本文");
        let page = page.split_once("</style>").expect("style").1;
        let mut visible = String::new();
        let mut in_tag = false;
        for (k, part) in page.split("<span class=\"msg\" lang=\"en\">").enumerate() {
            let part = if k == 0 {
                part
            } else {
                part.split_once("</span>").map_or(part, |x| x.1)
            };
            for c in part.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        visible.push(' ');
                    }
                    _ if !in_tag => visible.push(c),
                    _ => {}
                }
            }
        }
        for d in json["documents"].as_array().expect("documents") {
            for key in ["path", "id"] {
                let v = d[key].as_str().expect(key);
                visible = visible.replace(&v.replace('&', "&amp;"), " ");
            }
        }
        let words: Vec<&str> = visible
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 1)
            .filter(|w| !["yakkan", "yaml", "precedence", "check"].contains(w))
            .collect();
        assert!(
            words.is_empty(),
            "English words in the interface: {words:?}"
        );
        for v in attr_values(&html, "title")
            .into_iter()
            .chain(attr_values(&html, "aria-label"))
        {
            assert!(!v.chars().any(|c| c.is_ascii_alphabetic()), "{v}");
        }
    }
}

#[test]
fn conflicts_are_computed_once_per_corpus_and_shared() {
    let c = corpus();
    assert!(c.conflicts.get().is_none(), "not before the lint asks");
    let first = yakkan::lint::lint(&c);
    let cached = c.conflicts.get().expect("computed by the lint");
    assert!(
        !cached.is_empty(),
        "clauses/ has the 利用期間 conflict (Y502)"
    );
    assert!(first.iter().any(|d| d.code == "Y502"));
    // A second run (the index page runs the lint too) reads the same conflicts.
    let again = yakkan::lint::lint(&c);
    let still = c.conflicts.get().expect("kept");
    assert!(std::ptr::eq(cached.as_ptr(), still.as_ptr()));
    assert_eq!(first.len(), again.len());
}

#[test]
fn one_precedence_order_for_lint_and_index() {
    let c = corpus();
    let graph = yakkan::corpus::precedence::graph(&c);
    let all: Vec<usize> = (0..c.docs.len()).collect();
    let top = yakkan::corpus::precedence::highest(&c, all.iter().copied()).expect("a top");
    // The document the lint's order puts above every other is the graph's first node.
    assert_eq!(c.docs[top].id, "individual-conditions");
    assert_eq!(graph.nodes[0], top);
    for &d in &all {
        if d != top {
            assert!(
                yakkan::corpus::precedence::prevails(&c, top, d).is_some(),
                "{} over {}",
                c.docs[top].id,
                c.docs[d].id
            );
        }
    }
    // Every edge of the graph goes down in rank, and the lint's order agrees with it.
    for e in &graph.edges {
        assert!(graph.rank[e.higher] < graph.rank[e.lower]);
        assert!(yakkan::corpus::precedence::prevails(&c, e.higher, e.lower).is_some());
    }
}
