//! The limit line of issue #11: on the bytes of one file, the six passes any check needs,
//! each run once and timed, and their combined rate.
//!
//!     cargo run --release --example bare_passes -- FILE
//!
//! 1. UTF-8 validation (`simdutf8`, as `check` decodes);
//! 2. classifying lines: a byte-level test of each line's start (第…条, a paragraph
//!    number, an item label, a caption （…）);
//! 3. NFKC over the text (unicode-normalization), into a new String;
//! 4. the reference regex (第N条の N第N項第N号), `find_iter` over the text;
//! 5. an anchor scan: Aho-Corasick over 「 」 以下 とは 優先 前項 前条 同項;
//! 6. the defined-terms automaton: the 「…」 terms of the text, one Aho-Corasick
//!    automaton (leftmost-longest) built from them and run over the text.
//!
//! Building the regex and the automata is inside the timed passes, as a check has to
//! build them too. Prints one machine-readable line (`bare_passes key=value …`, times in
//! milliseconds, MB = 10^6 bytes) and one line for people. `scripts/bench.sh` runs it
//! beside `yakkan check` on the same bytes.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// Counts of the line classes (what the classifier found, so that it is not optimised
/// away and can be eyeballed).
#[derive(Debug, Default)]
struct Lines {
    total: usize,
    articles: usize,
    paragraphs: usize,
    items: usize,
    captions: usize,
}

const IDEOGRAPHIC_SPACE: &[u8] = "　".as_bytes();

/// Is this a numeral character of an article or item number (漢数字, ASCII or full-width
/// digits)? Returns its length in bytes.
fn numeral(b: &[u8]) -> Option<usize> {
    match b {
        [b'0'..=b'9', ..] => Some(1),
        // ０–９: EF BC 90–99
        [0xEF, 0xBC, 0x90..=0x99, ..] => Some(3),
        _ => {
            for k in [
                "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千",
            ] {
                if b.starts_with(k.as_bytes()) {
                    return Some(3);
                }
            }
            None
        }
    }
}

/// The length of a run of numeral characters at the start of `b`.
fn numerals(b: &[u8]) -> usize {
    let mut i = 0;
    while let Some(n) = numeral(&b[i..]) {
        i += n;
    }
    i
}

fn classify(text: &str) -> Lines {
    let mut out = Lines::default();
    for line in text.as_bytes().split(|&b| b == b'\n') {
        out.total += 1;
        let mut l = line.strip_suffix(b"\r").unwrap_or(line);
        loop {
            if let Some(rest) = l.strip_prefix(b" ") {
                l = rest;
            } else if let Some(rest) = l.strip_prefix(IDEOGRAPHIC_SPACE) {
                l = rest;
            } else {
                break;
            }
        }
        if let Some(rest) = l.strip_prefix("第".as_bytes()) {
            let n = numerals(rest);
            if n > 0 && rest[n..].starts_with("条".as_bytes()) {
                out.articles += 1;
            }
            continue;
        }
        if let Some(rest) = l.strip_prefix("（".as_bytes()) {
            let n = numerals(rest);
            if n > 0 && rest[n..].starts_with("）".as_bytes()) {
                out.items += 1;
            } else if rest.ends_with("）".as_bytes()) {
                out.captions += 1;
            }
            continue;
        }
        let n = numerals(l);
        let rest = &l[n..];
        if n > 0 && (rest.starts_with(IDEOGRAPHIC_SPACE) || rest.starts_with(b" ")) {
            if l[0].is_ascii_digit() || l[0] == 0xEF {
                // ２　… (a paragraph number, ASCII or full-width digits)
                out.paragraphs += 1;
            } else {
                // 一　… (an item label in 漢数字)
                out.items += 1;
            }
        }
    }
    out
}

/// The 「…」 terms of the text: no line break, at most 32 characters, each once.
fn quoted_terms(text: &str) -> Vec<&str> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('「') {
        rest = &rest[i + '「'.len_utf8()..];
        let Some(j) = rest.find(['」', '\n']) else {
            break;
        };
        let term = &rest[..j];
        if rest[j..].starts_with('」')
            && !term.is_empty()
            && term.chars().count() <= 32
            && seen.insert(term)
        {
            out.push(term);
        }
        rest = &rest[j..];
    }
    out
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = black_box(f());
    (v, t.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = &args[..] else {
        eprintln!("usage: bare_passes FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };

    let (text, utf8) = timed(|| simdutf8::basic::from_utf8(&bytes));
    let Ok(text) = text else {
        eprintln!("{path}: not UTF-8");
        std::process::exit(2);
    };
    let (lines, classify_t) = timed(|| classify(text));
    let (nfkc, nfkc_t) = timed(|| {
        let mut s = String::with_capacity(text.len());
        s.extend(text.nfkc());
        s
    });
    let (refs, regex_t) = timed(|| {
        let n = "[一二三四五六七八九十百千〇0-9０-９]+";
        let re = Regex::new(&format!("第{n}条(?:の{n})*(?:第{n}項)?(?:第{n}号)?"))
            .expect("the reference regex");
        re.find_iter(text).count()
    });
    let (anchors, anchors_t) = timed(|| {
        let ac = AhoCorasick::new(["「", "」", "以下", "とは", "優先", "前項", "前条", "同項"])
            .expect("the anchor automaton");
        ac.find_iter(text).count()
    });
    let ((terms, uses), terms_t) = timed(|| {
        let terms = quoted_terms(text);
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .expect("the terms automaton");
        (terms.len(), ac.find_iter(text).count())
    });

    // The passes' times, in the order of both printed lines: (key, name for people, time).
    let passes = [
        ("utf8", "UTF-8", utf8),
        ("classify", "lines", classify_t),
        ("nfkc", "NFKC", nfkc_t),
        ("regex", "regex", regex_t),
        ("anchors", "anchors", anchors_t),
        ("terms", "terms", terms_t),
    ];
    let total: Duration = passes.iter().map(|(_, _, t)| *t).sum();
    let mb = bytes.len() as f64 / 1e6;
    let rate = mb / total.as_secs_f64();
    let times: String = passes
        .iter()
        .map(|(key, _, t)| format!(" {key}_ms={:.3}", ms(*t)))
        .collect();
    println!(
        "bare_passes bytes={}{times} total_ms={:.3} mb_per_s={rate:.1} lines={} articles={} \
         paragraphs={} items={} captions={} nfkc_bytes={} references={} anchors={} terms={} \
         term_uses={}",
        bytes.len(),
        ms(total),
        lines.total,
        lines.articles,
        lines.paragraphs,
        lines.items,
        lines.captions,
        nfkc.len(),
        refs,
        anchors,
        terms,
        uses,
    );
    let each: Vec<String> = passes
        .iter()
        .map(|(_, name, t)| format!("{name} {:.1}", ms(*t)))
        .collect();
    println!(
        "{path}: {mb:.2} MB, six bare passes in {:.1} ms = {rate:.1} MB/s ({} ms)",
        ms(total),
        each.join(", "),
    );
}
