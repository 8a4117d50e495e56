//! Damaged versions of real documents — byte flips, truncations, removed lines — of the
//! terms corpus and a few statutes in ../shared/corpus (read there, never copied; a NOTICE when
//! absent) and of clauses/: the binary never exits other than 0, 1 or 2, and the work of
//! the pipeline on them grows linearly with their size (yakkan::work, never time).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

fn sources() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("clauses")
        .expect("clauses/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let shared = Path::new("../shared/corpus/tos/txt");
    match std::fs::read_dir(shared) {
        Ok(rd) => out.extend(
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .take(4),
        ),
        Err(_) => eprintln!("NOTICE: ../shared/corpus/tos/txt is absent; only clauses/ is damaged"),
    }
    let statutes = Path::new("../shared/corpus/laws-wide/txt");
    match std::fs::read_dir(statutes) {
        Ok(rd) => {
            let mut s: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
                .collect();
            s.sort();
            out.extend(s.into_iter().take(2));
        }
        Err(_) => {
            eprintln!("NOTICE: ../shared/corpus/laws-wide/txt is absent; no statute is damaged")
        }
    }
    out.sort();
    out
}

/// A small deterministic generator (no dependency, same damage every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn damaged(bytes: &[u8], seed: u64) -> Vec<Vec<u8>> {
    let mut r = Lcg(seed);
    let mut out = Vec::new();
    if bytes.is_empty() {
        return out;
    }
    // Byte flips.
    let mut flipped = bytes.to_vec();
    for _ in 0..8 {
        let i = r.next() % flipped.len();
        flipped[i] ^= 1 << (r.next() % 8);
    }
    out.push(flipped);
    // Truncations (also inside a character).
    out.push(bytes[..r.next() % bytes.len()].to_vec());
    out.push(bytes[..bytes.len() / 2 + 1].to_vec());
    // Removed lines.
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let kept: Vec<u8> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| (i + seed as usize) % 5 != 0)
        .flat_map(|(_, l)| l.iter().copied())
        .collect();
    out.push(kept);
    out
}

#[test]
fn damaged_documents_exit_0_1_or_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut runs = 0;
    for (k, src) in sources().iter().enumerate() {
        let bytes = std::fs::read(src).expect("read");
        for (j, d) in damaged(&bytes, k as u64 + 1).into_iter().enumerate() {
            let f = dir.path().join(format!("d{k}-{j}.txt"));
            std::fs::write(&f, &d).expect("write");
            for args in [
                vec!["check", "--isolated", "--format", "json"],
                vec!["parse", "--format", "json"],
            ] {
                let o = Command::new(env!("CARGO_BIN_EXE_yakkan"))
                    .args(&args)
                    .arg(&f)
                    .output()
                    .expect("run");
                let code = o.status.code();
                assert!(
                    matches!(code, Some(0..=2)),
                    "{} damaged ({j}) {args:?}: {code:?}\n{}",
                    src.display(),
                    String::from_utf8_lossy(&o.stderr)
                );
                runs += 1;
            }
        }
    }
    assert!(runs > 0);
}

fn work_of(bytes: &[u8]) -> u64 {
    yakkan::work::reset();
    let Ok(src) = yakkan::SourceFile::from_bytes(Path::new("damaged.txt"), bytes) else {
        return yakkan::work::total();
    };
    let doc = yakkan::parse_text_source(Arc::new(src));
    let corpus = common::lone_corpus(doc);
    let diags = yakkan::lint(&corpus);
    let human = yakkan::report::render_human(&corpus, &diags, false);
    yakkan::work::total() + human.len() as u64
}

/// A damaged document repeated ×1, ×2, ×4 (as one document): the work grows linearly.
#[test]
fn work_on_damaged_documents_grows_linearly() {
    let srcs = sources();
    for src in srcs.iter().take(3) {
        let bytes = std::fs::read(src).expect("read");
        // The removed-lines damage (a flipped byte may leave it undecodable).
        let Some(d) = damaged(&bytes, 7).into_iter().nth(3) else {
            continue;
        };
        // About 8 KB of it, so that ×4 stays quick.
        let mut cut = d.len().min(8 << 10);
        while cut < d.len() && d[cut] != b'\n' {
            cut += 1;
        }
        let unit = &d[..cut];
        let w: Vec<u64> = [1, 2, 4]
            .iter()
            .map(|&n| work_of(&unit.repeat(n)))
            .collect();
        if w[0] == 0 {
            println!("{}: not decodable once damaged", src.display());
            continue;
        }
        let (r2, r4) = (w[1] as f64 / w[0] as f64, w[2] as f64 / w[0] as f64);
        println!("{}: {w:?} (×{r2:.2}, ×{r4:.2})", src.display());
        assert!(r2 <= 2.6 && r4 <= 5.2, "{}: {w:?}", src.display());
    }
}
