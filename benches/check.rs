//! Benchmarks, through the public API only: every stage of a check in MB/s (criterion's
//! `Throughput::Bytes`, the bytes of the input, so the stages compare), on a generated
//! 1 MB terms document and on the shipped corpus `clauses/`; and a generated corpus of a
//! few hundred documents (name and reference resolution stay linear).
//!
//! The stages: `decode` (`SourceFile::from_bytes`), `parse` (layout + the line grammar +
//! the tree, `parse::parse_source`), `extract` (`extract::extract`), `link`
//! (`Corpus::link`), `lint` (`yakkan::lint`), `report_json` (`report::render_json`) and
//! `check` (all of them from the file: `Corpus::load`, lint, JSON).
//!
//! `cargo bench` runs them (about two minutes); `cargo bench -- generated` only the
//! generated document. The 1 MB document is written by `scripts/gen-corpus.py` into a
//! temporary folder (never committed); without python3 those benchmarks print a NOTICE
//! and are left out. `scripts/bench.sh` measures whole-process time and memory.

use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;
use yakkan::corpus::Manifest;
use yakkan::{Corpus, Document, SourceFile};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The input of one group of stage benchmarks: documents (path, id, bytes) and the
/// manifest that links them.
struct Input {
    /// What `Corpus::load` is given for the whole check.
    load: PathBuf,
    files: Vec<(PathBuf, String, Vec<u8>)>,
    manifest: Manifest,
    manifest_path: Option<PathBuf>,
    manifest_text: String,
}

impl Input {
    fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, _, b)| b.len() as u64).sum()
    }

    fn decode(&self) -> Vec<Arc<SourceFile>> {
        self.files
            .iter()
            .map(|(p, _, b)| Arc::new(SourceFile::from_bytes(p, b).expect("decode")))
            .collect()
    }

    fn parse(&self, sources: &[Arc<SourceFile>]) -> Vec<Document> {
        sources
            .iter()
            .zip(&self.files)
            .map(|(s, (_, id, _))| yakkan::parse::parse_source(s.clone(), id).document)
            .collect()
    }

    fn extract(docs: &mut [Document]) {
        for d in docs {
            yakkan::extract::extract(d);
        }
    }

    fn link(&self, docs: Vec<Document>) -> Corpus {
        Corpus::link(
            docs,
            self.manifest.clone(),
            self.manifest_path.clone(),
            self.manifest_text.clone(),
        )
    }
}

/// The shipped corpus, with its manifest.
fn clauses() -> Input {
    let dir = manifest_dir().join("clauses");
    let mpath = dir.join("yakkan.yaml");
    let (manifest, text) = Manifest::load(&mpath).expect("clauses/yakkan.yaml");
    let files = manifest
        .documents
        .iter()
        .map(|d| {
            let p = dir.join(&d.path);
            let b = std::fs::read(&p).expect("a document of clauses/");
            (p, d.id(), b)
        })
        .collect();
    Input {
        load: dir,
        files,
        manifest,
        manifest_path: Some(mpath),
        manifest_text: text,
    }
}

/// A generated 1 MB terms document (scripts/gen-corpus.py), linked as a lone document.
fn generated(dir: &Path) -> Option<Input> {
    let path = dir.join("generated-1m.txt");
    let script = manifest_dir().join("scripts/gen-corpus.py");
    let run = Command::new("python3")
        .arg(&script)
        .args(["--document", "1M"])
        .arg(&path)
        .status();
    match run {
        Ok(s) if s.success() => {}
        other => {
            eprintln!(
                "NOTICE: python3 {} failed ({other:?}); the generated-document benchmarks are left out",
                script.display()
            );
            return None;
        }
    }
    let bytes = std::fs::read(&path).expect("the generated document");
    Some(Input {
        load: path.clone(),
        files: vec![(path, "generated-1m".into(), bytes)],
        manifest: Manifest::default(),
        manifest_path: None,
        manifest_text: String::new(),
    })
}

/// Few samples of one iteration each: a stage of a 1 MB document takes 10–300 ms, and
/// `cargo bench` should stay within a few minutes.
fn configure(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: u64) {
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Bytes(bytes));
}

fn stages(c: &mut Criterion, name: &str, input: &Input) {
    let mut g = c.benchmark_group(name);
    configure(&mut g, input.bytes());

    g.bench_function("decode", |b| b.iter(|| input.decode()));

    let sources = input.decode();
    g.bench_function("parse", |b| b.iter(|| input.parse(&sources)));

    let parsed = input.parse(&sources);
    g.bench_function("extract", |b| {
        b.iter_batched(
            || parsed.clone(),
            |mut docs| {
                Input::extract(&mut docs);
                docs
            },
            BatchSize::PerIteration,
        )
    });

    let mut extracted = parsed;
    Input::extract(&mut extracted);
    g.bench_function("link", |b| {
        b.iter_batched(
            || extracted.clone(),
            |docs| input.link(docs),
            BatchSize::PerIteration,
        )
    });

    // A fresh corpus each time: the conflicts are computed on first use and kept in the
    // corpus, so linting one corpus again would leave them out.
    g.bench_function("lint", |b| {
        b.iter_batched(
            || input.link(extracted.clone()),
            |corpus| {
                let diags = yakkan::lint(&corpus);
                (corpus, diags)
            },
            BatchSize::PerIteration,
        )
    });

    let corpus = input.link(extracted.clone());
    let diags = yakkan::lint(&corpus);
    g.bench_function("report_json", |b| {
        b.iter(|| yakkan::report::render_json(&corpus, &diags))
    });

    g.bench_function("check", |b| {
        b.iter(|| {
            let corpus = Corpus::load(std::slice::from_ref(&input.load)).expect("corpus");
            let diags = yakkan::lint(&corpus);
            yakkan::report::render_json(&corpus, &diags).len()
        })
    });
    g.finish();
}

fn bench_generated(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    if let Some(input) = generated(dir.path()) {
        stages(c, "generated_1m", &input);
    }
}

fn bench_clauses(c: &mut Criterion) {
    stages(c, "clauses", &clauses());
}

/// A corpus of `n` terms documents that all cite one base terms document and each other's
/// titles: every name and reference must be resolved without quadratic work.
fn generated_corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut manifest = String::from("documents:\n  - path: base.txt\n");
    let mut base = String::from("サンプル基本約款\n\n");
    for a in 1..=30 {
        base.push_str(&format!("第{a}条（条項{a}）\n契約者は、本約款の定めに従うものとします。\n２　前項の定めは、個別の約款にも適用されます。\n"));
    }
    std::fs::write(dir.path().join("base.txt"), base).expect("write");
    for i in 0..n {
        let mut t = format!("個別サービス{i}利用規約\n\n第1条（目的）\n当社は、サンプル基本約款（以下「基本約款」といいます。）に基づき、個別サービス{i}（以下「本サービス」といいます。）を提供します。\n２　本規約と基本約款の定めに齟齬がある場合、本規約の定めが優先されます。\n");
        for a in 2..=20 {
            t.push_str(&format!("第{a}条（事項{a}）\n本サービスの利用者は、基本約款第{}条第2項の規定にかかわらず、前条の定めに従うものとします。\n2　前項の期間は、1年間とします。\n", a % 30 + 1));
        }
        let name = format!("svc{i}.txt");
        std::fs::write(dir.path().join(&name), t).expect("write");
        manifest.push_str(&format!("  - path: {name}\n"));
    }
    std::fs::write(dir.path().join("yakkan.yaml"), manifest).expect("write");
    dir
}

fn bench_scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("corpus_scaling");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for n in [50usize, 200, 400] {
        let dir = generated_corpus(n);
        let path = dir.path().to_path_buf();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("documents_{n}"), |b| {
            b.iter(|| {
                let corpus = Corpus::load(std::slice::from_ref(&path)).expect("corpus");
                yakkan::lint(&corpus).len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_generated, bench_clauses, bench_scaling);
criterion_main!(benches);
