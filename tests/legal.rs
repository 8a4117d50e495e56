//! The legal substance rules (Y7xx) on the seed, its revision and its companions; how
//! the audience scales their severity; and every finding they make on the shipped
//! corpus (clauses/, the 16 terms documents of `../shared/corpus/tos/`, the 180
//! statutes), each reviewed by hand and listed here as genuine.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use yakkan::corpus::manifest::Audience;
use yakkan::lint::facts::Facts;
use yakkan::lint::rules::legal::{audience, checklist, doc_class, DocClass};
use yakkan::lint::{lint, registry, Diagnostic, Severity};
use yakkan::Corpus;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn shared(rel: &str, what: &str) -> Option<PathBuf> {
    let p = root().join("../shared").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("NOTICE: {} not found; skipping {what}", p.display());
        None
    }
}

fn seed_text() -> Option<String> {
    let p = shared("seeds/000_12339e680943ebfb.txt", "the seed tests")?;
    Some(std::fs::read_to_string(p).expect("read the seed"))
}

/// The Y7xx diagnostics of a corpus, every other rule off (they are not under test and
/// cost time on 180 statutes).
fn legal(mut corpus: Corpus) -> (Corpus, Vec<Diagnostic>) {
    for r in registry() {
        if !r.meta().code.starts_with("Y7") {
            corpus
                .manifest
                .rules
                .insert(r.meta().code.to_string(), "off".into());
        }
    }
    let diags = lint(&corpus);
    (corpus, diags)
}

fn load(paths: &[PathBuf]) -> (Corpus, Vec<Diagnostic>) {
    legal(Corpus::load(paths).expect("corpus"))
}

/// 「file code path 「span」」 for every diagnostic.
fn describe(corpus: &Corpus, diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let doc = &corpus.docs[d.finding.doc];
            let file = Path::new(&doc.path)
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            format!(
                "{file} {} {} 「{}」",
                d.code,
                d.finding.path,
                &doc.source.text[d.finding.range.clone()]
            )
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

#[test]
fn seed_article_10_gets_full_exemption_and_its_revision_does_not() {
    let Some(seed) = seed_text() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, diags) = load(&[write(dir.path(), "seed.txt", &seed)]);
    let y701: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "Y701").collect();
    let at_10: Vec<&&Diagnostic> = y701
        .iter()
        .filter(|d| d.finding.path == "第10条第1項")
        .collect();
    assert_eq!(at_10.len(), 1, "{:#?}", describe(&corpus, &diags));
    let d = at_10[0];
    assert_eq!(
        &corpus.docs[0].source.text[d.finding.range.clone()],
        "一切の責任を負いません"
    );
    // No audience is known for the seed: a warning, and the note says so.
    assert_eq!(d.severity, Severity::Warning);
    assert!(d
        .finding
        .notes
        .iter()
        .any(|n| n.starts_with("audience assumed: unknown")));

    // The revision: the proviso the issue quotes, added after the exemption.
    let exemption = "一切の責任を負いません。";
    assert_eq!(seed.matches(exemption).count(), 1, "the seed changed");
    let revised = seed.replace(
        exemption,
        "一切の責任を負いません。ただし、当社の故意又は重大な過失による場合は、この限りではありません。",
    );
    let (corpus, diags) = load(&[write(dir.path(), "revised.txt", &revised)]);
    let found = describe(&corpus, &diags);
    assert!(
        !found.iter().any(|f| f.contains("Y701 第10条")),
        "{found:#?}"
    );
    // 第１２条 keeps its own uncarved exemption.
    assert!(
        found.iter().any(|f| f.contains("Y701 第12条")),
        "{found:#?}"
    );
}

fn companions() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/seed-companions");
    [
        "base-terms.txt",
        "governance-spec.txt",
        "access-spec.txt",
        "individual-conditions.txt",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect()
}

fn y705_at_6_2(corpus: &Corpus, diags: &[Diagnostic]) -> Vec<Diagnostic> {
    diags
        .iter()
        .filter(|d| d.code == "Y705" && d.finding.doc == 0 && d.finding.path == "第6条第2項")
        .inspect(|d| assert_eq!(corpus.docs[d.finding.doc].id, "seed"))
        .cloned()
        .collect()
}

#[test]
fn seed_spec_change_is_satisfied_through_the_base_terms_change_clause() {
    let Some(seed) = seed_text() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let seed_path = write(dir.path(), "seed.txt", &seed);

    // Alone, the applied clause is not in the corpus: the finding says so.
    let (corpus, diags) = load(std::slice::from_ref(&seed_path));
    let alone = y705_at_6_2(&corpus, &diags);
    assert_eq!(alone.len(), 1, "{:#?}", describe(&corpus, &diags));
    assert!(
        alone[0]
            .finding
            .notes
            .iter()
            .any(|n| n.contains("基本約款第２条") && n.contains("not in the corpus")),
        "{:?}",
        alone[0].finding.notes
    );

    // With base terms whose 第２条 says everything (第５４８条の４, 掲載, 変更後の内容,
    // 効力発生日): satisfied through 第６条第３項.
    let mut paths = vec![seed_path.clone()];
    paths.extend(companions());
    let (corpus, diags) = load(&paths);
    assert!(
        y705_at_6_2(&corpus, &diags).is_empty(),
        "{:#?}",
        describe(&corpus, &diags)
    );

    // Base terms whose change clause does not announce the change: a finding that names
    // what is missing and the clause it read.
    let base = std::fs::read_to_string(&companions()[0]).expect("base terms");
    let announce = base
        .lines()
        .find(|l| l.starts_with('２') && l.contains("掲載"))
        .expect("the base terms' 第２条第２項");
    let silent_base = base.replace(&format!("{announce}\n"), "");
    assert_ne!(silent_base, base);
    let mut paths = vec![seed_path];
    paths.push(write(dir.path(), "base-terms.txt", &silent_base));
    paths.extend(companions().into_iter().skip(1));
    let (corpus, diags) = load(&paths);
    let found = y705_at_6_2(&corpus, &diags);
    assert_eq!(found.len(), 1, "{:#?}", describe(&corpus, &diags));
    let f = &found[0].finding;
    assert!(
        f.message.contains("how the change is announced"),
        "{}",
        f.message
    );
    assert!(f.message.contains("effective date"), "{}", f.message);
    assert!(
        !f.message.contains("reasonable"),
        "第５４８条の４ is cited: {}",
        f.message
    );
    assert!(
        f.notes.iter().any(|n| n == "read with base-terms 第2条"),
        "{:?}",
        f.notes
    );
}

const EXEMPT: &str = "第２条（免責）\n当社は、本サービスの利用によりお客様に生じた損害について、一切の責任を負いません。\n";

fn terms_with(first: &str) -> String {
    format!("みなと英会話サービス利用規約\n\n第１条（適用）\n{first}\n\n{EXEMPT}")
}

fn y701_of(dir: &Path, manifest: Option<&str>) -> (Corpus, Vec<Diagnostic>) {
    let corpus = match manifest {
        Some(m) => {
            let p = write(dir, "yakkan.yaml", m);
            Corpus::load(&[p]).expect("corpus")
        }
        None => Corpus::load(&[dir.join("terms.txt")]).expect("corpus"),
    };
    let (corpus, diags) = legal(corpus);
    let y701 = diags.into_iter().filter(|d| d.code == "Y701").collect();
    (corpus, y701)
}

#[test]
fn audience_scales_the_consumer_contract_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "terms.txt",
        &terms_with("本規約は、当社が提供する英会話サービスの利用に適用されます。"),
    );
    // Unknown: warning.
    let (_, d) = y701_of(dir.path(), None);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    // Consumer: error, and the note names the manifest.
    let (_, d) = y701_of(
        dir.path(),
        Some("documents:\n  - path: terms.txt\naudience: consumer\n"),
    );
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Error);
    assert!(d[0]
        .finding
        .notes
        .iter()
        .any(|n| n.contains("consumer") && n.contains("`audience:` in the manifest")));
    // Business: off.
    let (_, d) = y701_of(
        dir.path(),
        Some("documents:\n  - path: terms.txt\naudience: business\n"),
    );
    assert!(d.is_empty());
    // The document's own setting wins over the corpus's.
    let (_, d) = y701_of(
        dir.path(),
        Some("documents:\n  - path: terms.txt\n    audience: consumer\naudience: business\n"),
    );
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Error);
    // A configured level wins over the audience.
    let (_, d) = y701_of(
        dir.path(),
        Some("documents:\n  - path: terms.txt\naudience: consumer\nrules: { Y701: info }\n"),
    );
    assert_eq!(d[0].severity, Severity::Info);
    // An unknown audience value is a manifest error at its line.
    let p = write(
        dir.path(),
        "yakkan.yaml",
        "documents:\n  - path: terms.txt\naudience: everyone\n",
    );
    let err = Corpus::load(&[p])
        .err()
        .expect("a manifest error")
        .to_string();
    assert!(err.contains(":3:"), "{err}");
}

#[test]
fn a_document_for_businesses_counts_as_business_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "terms.txt",
        &terms_with("本規約は、法人のお客様に当社が提供する英会話研修サービスに適用されます。"),
    );
    let (corpus, d) = y701_of(dir.path(), None);
    assert!(d.is_empty(), "{:?}", d);
    let a = audience(&corpus, 0);
    assert_eq!(a.audience, Audience::Business);
    assert!(a.note().contains("法人のお客様"), "{}", a.note());

    // The same words beside consumers: not business.
    write(
        dir.path(),
        "terms.txt",
        &terms_with(
            "本規約は、法人のお客様及び個人のお客様に当社が提供する英会話サービスに適用されます。",
        ),
    );
    let (_, d) = y701_of(dir.path(), None);
    assert_eq!(d.len(), 1);
    assert!(d[0]
        .finding
        .notes
        .iter()
        .any(|n| n.contains("unknown") && n.contains("consumers")));
}

/// Every Y7xx finding on clauses/, reviewed: none. The base terms hold every expected
/// clause and a complete change clause that the terms' spec change applies; caps and
/// exemptions take 故意又は重大な過失 out.
#[test]
fn clauses_have_no_legal_findings_and_a_full_checklist() {
    let (corpus, diags) = load(&[root().join("clauses")]);
    assert_eq!(describe(&corpus, &diags), Vec::<String>::new());
    let base = corpus.doc_by_id("cloud-service-base-terms").expect("base");
    let facts = Facts::new(&corpus);
    let clauses_of = |x| facts.clauses(x);
    let list = checklist(&corpus, base, &clauses_of);
    assert_eq!(list.len(), 10);
    let anti = list
        .iter()
        .find(|e| e.clause == "反社会的勢力の排除")
        .expect("entry");
    assert_eq!(anti.path.as_deref(), Some("第20条"));
    // The terms find 準拠法 in the base terms they apply.
    let terms = corpus
        .doc_by_id("managed-log-monitoring-terms")
        .expect("terms");
    let law = checklist(&corpus, terms, &clauses_of)
        .into_iter()
        .find(|e| e.clause == "準拠法")
        .expect("entry");
    assert_eq!(law.document.as_deref(), Some("cloud-service-base-terms"));
}

/// The reviewed findings on the 16 terms documents, each file linted alone (raw/ and
/// txt/ agree). Each is genuine:
/// - 004 (a bulletin board's 利用規約): 「この規約は管理人の判断で変更できる」 with no
///   announcement, new text, effective date or condition (Y705); of the terms
///   checklist it holds only 禁止事項 and 変更 (Y706).
/// - 007 (a documentation site's 利用規約): 「いかなる損害について、一切責任を負いません」
///   with no carve-out (Y701); no 変更, 損害賠償, 解除, 反社会的勢力, 準拠法, 管轄 (Y706).
/// - 018 (業務委託): its exemption is for force majeure only (silent); 020 (使用許諾): its
///   parties are companies, so its exemption and cap are off.
/// - 015 定款, 016/023/026 就業規則, 022/024/025/027/028 規程: not terms (silent).
#[test]
fn terms_corpus_findings_are_the_reviewed_ones() {
    let Some(tos) = shared("corpus/tos", "the terms corpus review") else {
        return;
    };
    let mut found = BTreeSet::new();
    for sub in ["txt", "raw"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(tos.join(sub))
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        assert_eq!(files.len(), 16, "{sub}");
        for f in files {
            let (corpus, diags) = load(std::slice::from_ref(&f));
            assert!(
                diags.iter().all(|d| d.severity != Severity::Error),
                "{:#?}",
                describe(&corpus, &diags)
            );
            let stem = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            for d in &diags {
                let what = if d.code == "Y706" {
                    d.finding
                        .message
                        .split("no clause on ")
                        .nth(1)
                        .and_then(|m| m.split(" (").next())
                        .unwrap_or_default()
                        .to_string()
                } else {
                    format!(
                        "{} 「{}」",
                        d.finding.path,
                        &corpus.docs[d.finding.doc].source.text[d.finding.range.clone()]
                    )
                };
                found.insert(format!("{stem} {} {what}", d.code));
            }
        }
    }
    let mut want: BTreeSet<String> = [
        "004 Y705 前文13 「管理人の判断で変更できる」",
        "004 Y705 第4条第1項 「管理人の判断で変更できる」",
        "007 Y701 第8条第172項 「一切責任を負いません」",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for c in [
        "適用範囲",
        "定義",
        "免責",
        "損害賠償",
        "解除",
        "反社会的勢力の排除",
        "準拠法",
        "合意管轄",
    ] {
        want.insert(format!("004 Y706 {c}"));
    }
    for c in [
        "変更",
        "損害賠償",
        "解除",
        "反社会的勢力の排除",
        "準拠法",
        "合意管轄",
    ] {
        want.insert(format!("007 Y706 {c}"));
    }
    assert_eq!(found, want);
}

/// Statutes are not 約款: none of the 180 is classed as terms, so no Y7xx rule looks at
/// them; the 30 of `laws/` linted as one corpus get no Y7xx finding.
#[test]
fn statutes_get_no_legal_findings() {
    use rayon::prelude::*;
    for (rel, n) in [("corpus/laws/txt", 30), ("corpus/laws-wide/txt", 150)] {
        let Some(dir) = shared(rel, "the statutes") else {
            return;
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        assert_eq!(files.len(), n, "{rel}");
        if n == 30 {
            let (corpus, diags) = load(&files);
            assert_eq!(describe(&corpus, &diags), Vec::<String>::new());
        }
        let terms: Vec<String> = files
            .par_iter()
            .map(|f| yakkan::parse_file(f).expect("parse"))
            .filter(|doc| doc_class(doc) != DocClass::NotTerms)
            .map(|doc| doc.path)
            .collect();
        assert_eq!(terms, Vec::<String>::new(), "statutes classed as terms");
    }
}
