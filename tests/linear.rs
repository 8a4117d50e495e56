//! Linear everywhere: each pathological input of issue #12 grown ×1, ×2 and ×4 goes
//! through the whole pipeline (decode, layout, parse, extract, link, lint, every report
//! format), and the work it costs (`yakkan::work`: characters scanned by the scans that
//! could restart from a position) grows at most linearly. Work, never time.
//!
//! One test function: the work counter is global to the process, so the cases run one
//! after the other.

mod common;

use std::sync::Arc;
use yakkan::SourceFile;

/// The work of the whole pipeline on one document text.
pub fn work_of(text: &str) -> u64 {
    yakkan::work::reset();
    let src = Arc::new(SourceFile::from_text("hostile.txt", text));
    let doc = yakkan::parse_text_source(src);
    let corpus = common::lone_corpus(doc);
    let diags = yakkan::lint(&corpus);
    let human = yakkan::report::render_human(&corpus, &diags, false);
    let json = yakkan::report::render_json(&corpus, &diags);
    let sarif = yakkan::report::render_sarif(&corpus, &diags);
    let github = yakkan::report::render_github(&corpus, &diags);
    // The output must not grow faster than the input either.
    let out = (human.len() + json.len() + sarif.len() + github.len()) as u64;
    yakkan::work::total() + out
}

/// A document whose article body is `unit` repeated `n` times.
fn doc(unit: &str, n: usize, tail: &str) -> String {
    format!(
        "規約\n\n第1条（目的）\n本則とする。\n２ {}{tail}\n",
        unit.repeat(n)
    )
}

/// (name, unit, tail, base count).
const CASES: &[(&str, &str, &str, usize)] = &[
    ("unclosed 「", "「", "", 500),
    ("unclosed 「 with references", "「第1条", "", 250),
    ("reference list", "第1条第1項、", "による。", 250),
    ("relative references", "前項", "", 500),
    ("name runs", "会社法", "第1条", 500),
    ("unclosed brackets", "（", "第1条", 500),
    ("brackets before references", "）第1条", "", 250),
    ("references in brackets", "（第1条", "", 250),
    (
        "self references in one sentence",
        "第1条、",
        "は存続する。",
        250,
    ),
    ("mixed digit widths on one line", "１a２b", "", 250),
    ("statute names", "の法律", "第1条", 250),
    ("quotations", "「前項」とあるのは「第2項」と", "", 125),
    ("applied provisions", "第1条、", "を準用する。", 250),
];

#[test]
fn work_grows_linearly_on_every_pathological_input() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for &(name, unit, tail, n) in CASES {
        let w1 = work_of(&doc(unit, n, tail));
        let w2 = work_of(&doc(unit, 2 * n, tail));
        let w4 = work_of(&doc(unit, 4 * n, tail));
        let (r2, r4) = (w2 as f64 / w1 as f64, w4 as f64 / w1 as f64);
        report.push(format!("{name}: {w1} {w2} {w4} (×{r2:.2}, ×{r4:.2})"));
        // Linear: ×2 and ×4 the input, at most ×2 and ×4 the work, with a margin for
        // logarithmic factors (sorting, binary searches). Quadratic would be ×4 and ×16.
        if r2 > 2.6 || r4 > 5.2 {
            failures.push(name);
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "superlinear work: {failures:?}\n{}",
        report.join("\n")
    );
}
