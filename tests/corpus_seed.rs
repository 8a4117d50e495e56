//! The seed in a corpus with companions that hold what it cites: every cross-document
//! reference resolves, 基本約款 and the group 仕様書 name corpus documents, and the
//! seed's precedence statements become edges of the graph.

mod common;
use std::path::{Path, PathBuf};
use yakkan::corpus::{NameTarget, RefTarget};
use yakkan::Corpus;

fn seed() -> Option<PathBuf> {
    common::seed("the seed corpus test")
}

fn companions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-companions");
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

#[test]
fn seed_references_resolve_against_its_companions() {
    let Some(seed) = seed() else { return };
    let mut paths = vec![seed];
    paths.extend(companions());
    let corpus = Corpus::load(&paths).expect("corpus");
    let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids[1..],
        [
            "base-terms",
            "governance-spec",
            "access-spec",
            "individual-conditions"
        ]
    );
    let s = 0;
    let doc = &corpus.docs[s];

    // Names from the seed's own words.
    assert_eq!(
        corpus.names.resolve(s, "基本約款", &corpus.docs),
        Some(NameTarget::Docs(vec![1]))
    );
    assert_eq!(
        corpus.names.resolve(s, "仕様書", &corpus.docs),
        Some(NameTarget::Docs(vec![2, 3, 4]))
    );
    assert_eq!(
        corpus.names.resolve(s, "本約款", &corpus.docs),
        Some(NameTarget::SelfDoc)
    );

    // Every reference into another document resolves; statutes are external.
    let mut cross = 0;
    for (r, target) in doc.references.iter().zip(&corpus.ref_targets[s]) {
        match target {
            RefTarget::Documents(ds) => {
                cross += 1;
                assert_eq!(ds, &vec![1], "{}", r.text);
                assert_eq!(r.resolved, Some(true), "{} → {}", r.text, r.target);
            }
            RefTarget::External => assert!(r.text.starts_with("電気通信事業法"), "{}", r.text),
            RefTarget::Own => assert_eq!(r.resolved, Some(true), "{} → {}", r.text, r.target),
            RefTarget::Unknown => panic!("unknown document in {}", r.text),
        }
    }
    assert_eq!(cross, 3, "基本約款第２条, 第８条第３項, 第１９条");
    let override_ref = doc
        .references
        .iter()
        .find(|r| r.text == "基本約款第８条第３項")
        .expect("override");
    assert_eq!(override_ref.target, "第8条第3項");

    // 本約款 > 基本約款, and 仕様書 (each member) > 本約款.
    let mut edges: Vec<(usize, usize)> = corpus.edges.iter().map(|e| (e.higher, e.lower)).collect();
    edges.sort();
    assert_eq!(edges, [(0, 1), (2, 0), (3, 0), (4, 0)]);

    // Linked, the seed no longer reports 基本約款 as unknown, and the override respects
    // the order (the terms prevail over the base terms).
    let diags = yakkan::lint(&corpus);
    let codes: Vec<&str> = diags
        .iter()
        .filter(|d| d.finding.doc == s)
        .map(|d| d.code)
        .collect();
    for absent in ["Y306", "Y302", "Y304", "Y404", "Y301"] {
        assert!(!codes.contains(&absent), "{absent} in {codes:?}");
    }
}

#[test]
fn caption_written_in_a_reference_is_checked_against_the_target() {
    let Some(seed) = seed() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let base = std::fs::read_to_string(&companions()[0]).expect("base");
    // Renumber: 第２条 is no longer （約款の変更）.
    let renamed = base.replace("第２条（約款の変更）", "第２条（約款の改定）");
    let base_path = dir.path().join("base-terms.txt");
    std::fs::write(&base_path, renamed).expect("write");
    let corpus = Corpus::load(&[seed, base_path]).expect("corpus");
    let diags = yakkan::lint(&corpus);
    let y304: Vec<_> = diags.iter().filter(|d| d.code == "Y304").collect();
    assert_eq!(y304.len(), 1, "{y304:?}");
    let f = &y304[0].finding;
    assert_eq!(
        &corpus.docs[0].source.text[f.range.clone()],
        "基本約款第２条"
    );
    assert!(f.message.contains("約款の改定"), "{}", f.message);
}
