//! Helpers shared by the integration tests (`mod common;`).
#![allow(dead_code)]

pub mod pdf;
pub mod statutes;

use proptest::prelude::*;
use std::path::PathBuf;
use yakkan::model::Provision;
use yakkan::Document;

/// Where the seed document stands: `../shared/seeds/`, beside the checkout (never copied
/// into the project).
pub fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_12339e680943ebfb.txt")
}

/// `path` when it exists; else `None`, after a NOTICE that says what is skipped, so that
/// a test whose input is not on this machine (the shared seed and corpora, renderings
/// made by a script) says so rather than pass silently.
pub fn present(path: PathBuf, skipped: &str) -> Option<PathBuf> {
    if path.exists() {
        Some(path)
    } else {
        eprintln!("NOTICE: {} not found; skipping {skipped}", path.display());
        None
    }
}

/// A folder of `../shared/corpus/` (see [`present`]).
pub fn shared_corpus(name: &str, skipped: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    present(p.join(name), skipped)
}

/// The seed's path when it is there (see [`present`]).
pub fn seed(skipped: &str) -> Option<PathBuf> {
    present(seed_path(), skipped)
}

/// The seed's text (see [`seed`]).
pub fn seed_text(skipped: &str) -> Option<String> {
    std::fs::read_to_string(seed(skipped)?).ok()
}

/// One document linked as a corpus of its own, with no manifest (as `check FILE` alone).
pub fn lone_corpus(doc: Document) -> yakkan::Corpus {
    yakkan::Corpus::link(
        vec![doc],
        yakkan::corpus::Manifest::default(),
        None,
        String::new(),
    )
}

/// Characters of Japanese legal text, for property tests.
pub const ALPHABET: &[&str] = &[
    "第",
    "条",
    "項",
    "号",
    "章",
    "節",
    "１",
    "２",
    "1",
    "2",
    "一",
    "二",
    "十",
    "（",
    "）",
    "(",
    ")",
    "「",
    "」",
    "。",
    "、",
    "イ",
    "ロ",
    "ア",
    "附",
    "則",
    "以",
    "上",
    "目",
    "次",
    "用",
    "語",
    "の",
    "意",
    "味",
    "①",
    "．",
    ".",
    "%",
    " ",
    "\u{3000}",
    "\t",
    "\u{0C}",
    "\n",
    "\r\n",
    "a",
    "第１条",
    "第2条",
    "第一章",
    "（目的）",
    "（施行期日）",
    "２ ",
    "(1)",
    "（１）",
    "一　",
    "イ　",
    "1.1 ",
    "２．",
    "附則",
    "以上",
    "目次",
    "用語 用語の意味",
    "削除",
    "第３条の２",
    "\n\n",
];

/// Remove every "span" key from a JSON model (positions differ between encodings and
/// layouts).
pub fn strip_spans(v: &mut serde_json::Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(o) => {
                o.remove("span");
                stack.extend(o.values_mut());
            }
            serde_json::Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
}

/// The model as JSON without any span and without the document path.
pub fn without_spans(doc: &Document) -> serde_json::Value {
    let mut v = serde_json::to_value(doc).expect("serialisable");
    if let Some(o) = v.as_object_mut() {
        o.remove("path");
    }
    strip_spans(&mut v);
    v
}

/// Pieces of Japanese legal text: numbering, brackets, markers, spaces and line ends.
pub fn legal_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..80).prop_map(|v| v.concat())
}

/// Text in the PDF-extracted layout: every line followed by a blank line, block ends marked
/// by a trailing space, page breaks as lines of spaces.
pub fn pdf_text() -> impl Strategy<Value = String> {
    let one_line: Vec<&str> = ALPHABET
        .iter()
        .copied()
        .filter(|s| !s.contains(['\n', '\r']))
        .collect();
    let line =
        prop::collection::vec(prop::sample::select(one_line), 1..12).prop_map(|v| v.concat());
    let end =
        prop::sample::select(&[" \n\n", "\n\n", " \n\n \n\n", "\u{3000}\n\n", " \r\n\r\n"][..]);
    prop::collection::vec((line, end), 1..25).prop_map(|v| {
        let mut s = String::from("\n");
        for (l, e) in v {
            s.push_str(&l);
            s.push_str(e);
        }
        s
    })
}

/// One line per provision, indented by depth: kind, label, num, caption and path. Comparing
/// it with an expected outline checks the nesting exactly.
pub fn outline(provisions: &[Provision]) -> String {
    let mut out = String::new();
    let mut stack: Vec<(usize, &Provision)> = provisions.iter().rev().map(|p| (0, p)).collect();
    while let Some((depth, p)) = stack.pop() {
        let kind = serde_json::to_value(p.kind).expect("kind");
        out.push_str(&"  ".repeat(depth));
        out.push_str(kind.as_str().unwrap_or("?"));
        out.push_str(&format!(" [{}] {} {}", p.label, p.num, p.path));
        if let Some(c) = &p.caption {
            out.push_str(&format!(" ({c})"));
        }
        out.push('\n');
        stack.extend(p.children.iter().rev().map(|c| (depth + 1, c)));
    }
    out
}
