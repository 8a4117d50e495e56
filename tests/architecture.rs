//! No import cycles: the modules of the library form a one-way flow (ARCHITECTURE.md).
//!
//! Every file of `src/` (the library: not `main.rs` and `cli/`, which are the binary) is
//! read as text; each `crate::…`, `super::…` and `self::…` path outside comments and
//! string literals is resolved against the module the file (or its inline `mod`) stands
//! in. The graph of top-level modules must have no cycle, and neither may the modules of
//! any folder among themselves (`layout/`'s files, `lint/`'s, the rule families of
//! `lint/rules/` …): they share through their folder's `mod.rs`. Test modules
//! (`mod tests { … }`) are left out: a test may look anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The module path of a file below `src/` (`layout/pdf.rs` → `["layout", "pdf"]`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The source without comments, string and character literals (their text replaced by
/// spaces, so that nothing in them reads as a path).
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_char(prev(&b, i)) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{3000}'), or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev(b: &[char], i: usize) -> char {
    if i == 0 {
        ' '
    } else {
        b[i - 1]
    }
}

fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths a file refers to, as absolute module paths (the item's path; the caller
/// keeps the module prefix it needs).
fn references(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    // Inline modules: (name, brace depth at which it opened).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    // Skip inline test modules (and everything in them) entirely.
    let mut skip_until: Option<usize> = None;
    let mut i = 0;
    let word_at =
        |i: usize| -> String { chars[i..].iter().take_while(|c| ident_char(**c)).collect() };
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            depth += 1;
            i += 1;
            continue;
        }
        if c == '}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            if skip_until == Some(depth) {
                skip_until = None;
            }
            i += 1;
            continue;
        }
        if !ident_char(c) || ident_char(prev(&chars, i)) || prev(&chars, i) == '$' {
            i += 1;
            continue;
        }
        let word = word_at(i);
        let after = i + word.chars().count();
        if word == "mod" {
            // `mod name {` opens an inline module.
            let rest: String = chars[after..].iter().take(80).collect();
            let rest = rest.trim_start();
            let name: String = rest.chars().take_while(|c| ident_char(*c)).collect();
            if rest[name.len()..].trim_start().starts_with('{') && skip_until.is_none() {
                if name == "tests" || name.ends_with("_tests") {
                    skip_until = Some(depth);
                } else {
                    inline.push((name, depth));
                }
            }
            i = after;
            continue;
        }
        if skip_until.is_some() || !matches!(word.as_str(), "crate" | "super" | "self") {
            i = after;
            continue;
        }
        if i > 0 && chars[i - 1] == ':' {
            // The middle of a path (`super::super`): its start was read already.
            i = after;
            continue;
        }
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect();
        let (base, tails) = read_path(&chars, i);
        i = after;
        let mut abs: Vec<String> = match base.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("self") => here.clone(),
            Some("super") => here.clone(),
            _ => continue,
        };
        let mut segs = base.iter();
        let first = segs.next();
        if first.map(String::as_str) == Some("super") {
            abs.pop();
        }
        for s in segs {
            if s == "super" {
                abs.pop();
            } else {
                abs.push(s.clone());
            }
        }
        if tails.is_empty() {
            out.push(abs);
        } else {
            for t in tails {
                let mut p = abs.clone();
                p.extend(t);
                out.push(p);
            }
        }
    }
    out
}

/// The path that starts at `i` (`crate::a::b`, `super::super::c`, `crate::{a, b::c}`):
/// its segments up to a group, and the first segments of each member of the group.
fn read_path(chars: &[char], mut i: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let mut segs = Vec::new();
    loop {
        let w: String = chars[i..].iter().take_while(|c| ident_char(**c)).collect();
        if w.is_empty() {
            break;
        }
        i += w.chars().count();
        segs.push(w);
        let rest: String = chars[i..].iter().take(2).collect();
        if rest != "::" {
            return (segs, Vec::new());
        }
        i += 2;
        if chars.get(i) == Some(&'{') {
            // A group: the members at its first level.
            let mut tails = Vec::new();
            let mut d = 0;
            let mut member = String::new();
            for &c in &chars[i..] {
                match c {
                    '{' => {
                        d += 1;
                        if d > 1 {
                            member.push(c);
                        }
                    }
                    '}' => {
                        d -= 1;
                        if d == 0 {
                            tails.push(member.clone());
                            break;
                        }
                        member.push(c);
                    }
                    ',' if d == 1 => tails.push(std::mem::take(&mut member)),
                    _ => member.push(c),
                }
            }
            let tails = tails
                .iter()
                .map(|m| {
                    m.split("::")
                        .map(|s| s.trim().to_string())
                        .take_while(|s| !s.is_empty() && s.chars().all(ident_char))
                        .collect::<Vec<_>>()
                })
                .filter(|t| !t.is_empty())
                .collect();
            return (segs, tails);
        }
    }
    (segs, Vec::new())
}

/// A cycle of the graph, if it has one (iterative depth-first search).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark: BTreeMap<&str, Mark> = graph.keys().map(|k| (k.as_str(), Mark::New)).collect();
    for start in graph.keys() {
        if mark[start.as_str()] != Mark::New {
            continue;
        }
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(
            start.as_str(),
            graph[start].iter().map(String::as_str).collect(),
        )];
        mark.insert(start, Mark::Open);
        while let Some((node, todo)) = stack.last_mut() {
            let node = *node;
            let Some(next) = todo.pop() else {
                mark.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            match mark.get(next).copied().unwrap_or(Mark::Done) {
                Mark::Open => {
                    let from = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|(n, _)| n.to_string()).collect();
                    cycle.push(next.to_string());
                    return Some(cycle);
                }
                Mark::New => {
                    mark.insert(next, Mark::Open);
                    let succ = graph
                        .get(next)
                        .map(|s| s.iter().map(String::as_str).collect())
                        .unwrap_or_default();
                    stack.push((next, succ));
                }
                Mark::Done => {}
            }
        }
    }
    None
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The import graph among the modules of one folder module (`[]`: the top-level
/// modules): node → the sibling modules it refers to, with one file and path that shows
/// each edge.
type Graph = BTreeMap<String, BTreeSet<String>>;

struct Library {
    /// Every file's module path and the absolute paths it refers to.
    files: Vec<(PathBuf, Vec<String>, Vec<Vec<String>>)>,
    /// Every module path that is a file or a folder.
    modules: BTreeSet<Vec<String>>,
}

fn library() -> Library {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let mut files = Vec::new();
    let mut modules = BTreeSet::new();
    for f in paths {
        let rel = f.strip_prefix(&src).expect("below src").to_path_buf();
        if rel == Path::new("main.rs") || rel.starts_with("cli") {
            continue;
        }
        let module = module_of(&rel);
        let text = std::fs::read_to_string(&f).expect("read source");
        let refs = references(&code_only(&text), &module);
        modules.insert(module.clone());
        files.push((rel, module, refs));
    }
    Library { files, modules }
}

impl Library {
    /// The folder modules: every module with a module below it, and the crate root.
    fn folders(&self) -> Vec<Vec<String>> {
        let mut out: BTreeSet<Vec<String>> = BTreeSet::new();
        out.insert(Vec::new());
        for m in &self.modules {
            for k in 1..m.len() {
                out.insert(m[..k].to_vec());
            }
        }
        out.into_iter().collect()
    }

    /// The graph among the child modules of `folder`.
    fn graph(&self, folder: &[String]) -> (Graph, BTreeMap<(String, String), String>) {
        let child = |path: &[String]| -> Option<String> {
            if path.len() <= folder.len() || !path.starts_with(folder) {
                return None;
            }
            let c = path[..=folder.len()].to_vec();
            self.modules.contains(&c).then(|| c.join("::"))
        };
        let mut graph: Graph = BTreeMap::new();
        let mut why = BTreeMap::new();
        for (rel, module, refs) in &self.files {
            let Some(from) = child(module) else {
                continue;
            };
            graph.entry(from.clone()).or_default();
            for path in refs {
                let Some(to) = child(path) else {
                    continue;
                };
                if to == from {
                    continue;
                }
                why.entry((from.clone(), to.clone()))
                    .or_insert_with(|| format!("{} ({})", rel.display(), path.join("::")));
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
        (graph, why)
    }
}

#[test]
fn no_import_cycle() {
    let lib = library();
    let folders = lib.folders();
    for needed in [vec![], vec!["layout".to_string()], vec!["lint".to_string()]] {
        assert!(
            folders.contains(&needed),
            "no folder {needed:?} in {folders:?}"
        );
    }
    let mut cycles = Vec::new();
    for folder in &folders {
        let (graph, why) = lib.graph(folder);
        if let Some(cycle) = find_cycle(&graph) {
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|w| {
                    let edge = (w[0].clone(), w[1].clone());
                    format!(
                        "  {} → {}: {}",
                        w[0],
                        w[1],
                        why.get(&edge).map(String::as_str).unwrap_or("?")
                    )
                })
                .collect();
            cycles.push(format!(
                "import cycle: {}\n{}",
                cycle.join(" → "),
                steps.join("\n")
            ));
        }
    }
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}

#[test]
fn the_flow_runs_one_way() {
    let lib = library();
    let (top, _) = lib.graph(&[]);
    let uses = |g: &Graph, a: &str, b: &str| g.get(a).is_some_and(|s| s.contains(b));
    assert!(uses(&top, "lint", "corpus"), "lint reads the corpus");
    assert!(
        uses(&top, "corpus", "config"),
        "the manifest is read into the config"
    );
    assert!(
        !uses(&top, "corpus", "lint"),
        "corpus must not ask the linter"
    );
    assert!(
        !uses(&top, "source", "input"),
        "source must not call the readers"
    );
    let (layout, _) = lib.graph(&["layout".to_string()]);
    let layouts = ["layout::pdf", "layout::clean", "layout::markdown"];
    for a in layouts {
        assert!(layout.contains_key(a), "{a} is not a module: {layout:?}");
        for b in layouts {
            assert!(
                a == b || !uses(&layout, a, b),
                "{a} imports its sibling {b}"
            );
        }
    }
    let (lint, _) = lib.graph(&["lint".to_string()]);
    assert!(uses(&lint, "lint::rules", "lint::facts"));
    assert!(
        !uses(&lint, "lint::facts", "lint::rules"),
        "facts read no rule"
    );
}

#[test]
fn the_reader_resolves_paths_and_finds_cycles() {
    let m = vec!["layout".to_string(), "pdf".to_string()];
    let code = code_only(
        "use super::{trim_range, LineBuilder};\n// crate::lint\nuse crate::{model::Piece, source};\nlet s = \"crate::diff\";\nfn f() { super::super::fmt::x(); }\nmod tests { use crate::index; }\n",
    );
    let refs: Vec<String> = references(&code, &m).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        refs,
        [
            "layout::trim_range",
            "layout::LineBuilder",
            "model::Piece",
            "source",
            "fmt::x"
        ]
    );
    let mut g: Graph = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default();
    assert_eq!(find_cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&g).map(|c| c.join(" → ")),
        Some("a → b → c → a".to_string())
    );
}
