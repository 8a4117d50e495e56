//! Benchmarks: parse and check the shipped corpus, and a generated corpus of a few
//! hundred documents (to show that name and reference resolution stay linear).
//!
//! `cargo bench` runs them; `scripts/bench.sh` measures whole-process time and memory.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use yakkan::{Corpus, SourceFile};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bench_parse(c: &mut Criterion) {
    let path = manifest_dir().join("clauses/managed-log-monitoring-terms.txt");
    let bytes = std::fs::read(&path).expect("terms document");
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("terms_pdf_layout", |b| {
        b.iter(|| {
            let src = Arc::new(SourceFile::from_bytes(Path::new("t.txt"), &bytes).expect("decode"));
            yakkan::parse_text_source(src)
        })
    });
    g.finish();
}

fn bench_check_clauses(c: &mut Criterion) {
    let dir = manifest_dir().join("clauses");
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("clauses")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("clauses", |b| {
        b.iter(|| {
            let corpus = Corpus::load(std::slice::from_ref(&dir)).expect("corpus");
            yakkan::lint(&corpus).len()
        })
    });
    g.finish();
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
    g.sample_size(10);
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

criterion_group!(benches, bench_parse, bench_check_clauses, bench_scaling);
criterion_main!(benches);
