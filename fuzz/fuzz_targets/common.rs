// Shared by the targets (included with `include!`): the pipeline on bytes.
use std::path::Path;
use std::sync::Arc;

/// Decode, lay out, parse and extract `bytes` as a document named `name`.
#[allow(dead_code)]
fn document(name: &str, bytes: &[u8]) -> Option<yakkan::Document> {
    let src = yakkan::SourceFile::from_bytes(Path::new(name), bytes).ok()?;
    Some(yakkan::parse_text_source(Arc::new(src)))
}

/// Link documents into a corpus.
#[allow(dead_code)]
fn corpus(docs: Vec<yakkan::Document>) -> yakkan::Corpus {
    yakkan::Corpus::link(docs, yakkan::corpus::Manifest::default(), None, String::new())
}

/// Every report format of a linted corpus, checked for what it promises.
#[allow(dead_code)]
fn every_report(corpus: &yakkan::Corpus) {
    let diags = yakkan::lint(corpus);
    let _ = yakkan::report::render_human(corpus, &diags, false);
    let _ = yakkan::report::render_human(corpus, &diags, true);
    let json = yakkan::report::render_json(corpus, &diags);
    serde_json::from_str::<serde_json::Value>(&json).expect("JSON output is valid JSON");
    let sarif = yakkan::report::render_sarif(corpus, &diags);
    serde_json::from_str::<serde_json::Value>(&sarif).expect("SARIF output is valid JSON");
    let github = yakkan::report::render_github(corpus, &diags);
    for line in github.lines() {
        assert!(line.starts_with("::"), "one GitHub command per line: {line:?}");
    }
    let _ = yakkan::report::render_statistics(corpus, &diags);
    for format in ["md", "html", "json"] {
        let f = yakkan::index::Format::parse(format).expect("format");
        let _ = yakkan::index::render(corpus, f);
    }
}
